"""The in-memory search index: the list screen's matching rule, sort orders and upkeep."""

from __future__ import annotations

import dataclasses
import multiprocessing
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Generator, Iterator, Sequence
from typing import Any, get_args

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from custtui.core.runtime.steps import finish
from custtui.core.search.folding import fold
from custtui.core.search.grams import Grams, build_grams
from custtui.core.search.haystack import SearchRow
from custtui.core.search.index import SearchIndex
from custtui.core.search.orders import SortKey
from custtui.core.search.tuning import SearchTuning
from custtui.core.search.views import Pinned

SORTS: tuple[SortKey, ...] = get_args(SortKey)


def customer(
    id: int,
    first: str = "Ann",
    last: str = "Lee",
    *,
    number: int | None = None,
    company: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    mobile: str | None = None,
    consignor: bool = False,
) -> SearchRow:
    return SearchRow(
        id=id,
        number=id if number is None else number,
        first_name=first,
        last_name=last,
        company=company,
        email=email,
        phone=phone,
        mobile_phone=mobile,
        is_consignor=consignor,
    )


# Every size threshold shrunk, so that small data takes the paths a million rows take.
TINY = SearchTuning(
    walk_budget=3,
    walk_chunk=2,
    nsmallest_limit=2,
    ranked_search_share=0,
    cache_entries=3,
    cache_positions=12,
    compact_min=2,
    rank_gap=2,
    slice=3,
)

# ---------------------------------------------------------------- a naive reference


def ref_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def ref_digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def ref_matches(row: SearchRow, query: str, consignors_only: bool = False) -> bool:
    if consignors_only and not row.is_consignor:
        return False
    fields = [
        row.first_name,
        row.last_name,
        row.email,
        row.phone,
        row.mobile_phone,
        row.company,
    ]
    texts = [ref_fold(f) for f in fields if f]
    phones = [ref_digits(p) for p in (row.phone, row.mobile_phone) if p]
    for term in ref_fold(query).split():
        if any(term in text for text in texts):
            continue
        digits = ref_digits(term)
        is_phone_like = len(digits) >= 3 and not any(c.isalpha() for c in term)
        if is_phone_like and any(digits in p for p in phones):
            continue
        return False
    return True


def ref_key(row: SearchRow, sort: SortKey) -> tuple[object, ...]:
    last, first = ref_fold(row.last_name.strip()), ref_fold(row.first_name.strip())
    if sort == "last_name":
        return (last, first, row.number)
    if sort == "first_name":
        return (first, last, row.number)
    if sort == "number":
        return (row.number,)
    company = ref_fold((row.company or "").strip())
    if company:
        return (0, company, last, first, row.number)
    return (1, last, first, row.number)


def ref_search(
    rows: dict[int, SearchRow],
    query: str,
    consignors_only: bool = False,
    sort: SortKey = "last_name",
) -> list[int]:
    hits = [r for r in rows.values() if ref_matches(r, query, consignors_only)]
    return [r.id for r in sorted(hits, key=lambda r: ref_key(r, sort))]


def assert_agrees(
    index: SearchIndex,
    rows: dict[int, SearchRow],
    query: str,
    *,
    consignors_only: bool = False,
    sort: SortKey = "last_name",
    n: int = 3,
) -> None:
    expected = ref_search(rows, query, consignors_only, sort)
    # The list screen's order: the first page, then the count (which caches every match).
    assert index.first(query, n, consignors_only=consignors_only, sort=sort) == expected[:n]
    assert index.count(query, consignors_only=consignors_only) == len(expected), query
    assert index.search(query, consignors_only=consignors_only, sort=sort) == expected, query
    # Descending: the same order read back to front, first page and all.
    backwards = expected[::-1]
    way: dict[str, Any] = {"consignors_only": consignors_only, "sort": sort, "descending": True}
    assert index.first(query, n, **way) == backwards[:n]
    assert list(finish(index.view_steps(query, **way))) == backwards, query


# ---------------------------------------------------------------- what search depends on


def imported_after(code: str) -> set[str]:
    """Top-level packages in sys.modules after running `code` in a fresh interpreter."""
    listed = "print(','.join(sorted({m.split('.')[0] for m in sys.modules})))"
    run = [sys.executable, "-c", f"import sys; {code}; {listed}"]
    out = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    return set(out.strip().split(","))


def test_search_runs_on_plain_rows_without_the_database_or_the_ui() -> None:
    every_module = (
        "import importlib, pkgutil, custtui.core.search as package; "
        "[importlib.import_module(f'custtui.core.search.{m.name}') "
        "for m in pkgutil.iter_modules(package.__path__)]"
    )
    assert not imported_after(every_module) & {"sqlalchemy", "textual"}
    # The stored name key (imported with the customer service) needs the fold rule only.
    assert not imported_after("import custtui.core.search.sortkeys") & {
        "pyroaring",
        "multiprocessing",
    }


# ---------------------------------------------------------------- folding


def test_fold_drops_accents_and_case() -> None:
    assert fold("Zoë") == "zoe"
    assert fold("MÜLLER") == "muller"
    assert fold("Straße") == "strasse"
    assert fold("Ångström Øre") == "angstrom øre"  # ø is a letter of its own, not o + mark
    assert fold("ＡＢＣ１２３") == "abc123"  # full-width forms are compatibility-folded


def test_fold_ascii_is_lowercase() -> None:
    assert fold("John.Smith@Example.COM") == "john.smith@example.com"


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text(alphabet=st.characters(codec="latin-1")))
def test_fold_agrees_with_the_textbook_definition_on_latin_text(text: str) -> None:
    assert fold(text) == ref_fold(text)


# ---------------------------------------------------------------- matching


def test_empty_query_matches_everyone() -> None:
    index = SearchIndex([customer(1), customer(2), customer(3)])
    assert index.count("") == 3
    assert index.count("   ") == 3
    assert sorted(index.search("")) == [1, 2, 3]


@pytest.mark.parametrize(
    ("field", "value", "query"),
    [
        ("first_name", "Penelope", "nelo"),
        ("last_name", "Fairweather", "WEATH"),
        ("company", "Bayside Motors", "motor"),
        ("email", "pfair@example.org", "@example."),
        ("phone", "(415) 555-2671", "555-26"),
        ("mobile_phone", "(650) 253-0000", "(650)"),
    ],
)
def test_each_searchable_field_is_matched(field: str, value: str, query: str) -> None:
    changes: dict[str, Any] = {field: value}
    target = dataclasses.replace(customer(1, "Xavier", "Quux"), **changes)
    index = SearchIndex([target, customer(2, "Xavier", "Quux")])
    assert index.search(query) == [1]


def test_every_term_must_match() -> None:
    index = SearchIndex(
        [
            customer(1, "John", "Smith"),
            customer(2, "John", "Jones"),
            customer(3, "Jane", "Smith"),
        ]
    )
    assert index.search("john smith") == [1]
    assert index.search("smith john") == [1]
    assert index.search("john") == [2, 1]
    assert index.search("john nobody") == []


def test_terms_may_match_different_fields() -> None:
    index = SearchIndex([customer(1, "John", "Smith", company="Acme", email="js@gmail.com")])
    assert index.search("acme gmail smi") == [1]


def test_accents_fold_both_ways() -> None:
    index = SearchIndex([customer(1, "Zoë", "Müller"), customer(2, "Zoe", "Muller")])
    assert index.search("zoe") == [1, 2]
    assert index.search("ZOË") == [1, 2]
    assert index.search("müll") == [1, 2]
    assert index.search("muller") == [1, 2]


@pytest.mark.parametrize("query", ["555-1234", "5551234", "(555) 123", "555.123.4567", "+15551"])
def test_phone_digits_match_whatever_the_punctuation(query: str) -> None:
    index = SearchIndex(
        [customer(1, phone="+1 (555) 123-4567"), customer(2, mobile="+1 (555) 987-6543")]
    )
    assert index.search(query) == [1]


def test_digit_rule_applies_to_the_mobile_phone_too() -> None:
    index = SearchIndex([customer(1, mobile="+44 20 7946 0958"), customer(2)])
    assert index.search("2079460958") == [1]
    assert index.search("7946-09") == [1]


def test_two_digits_do_not_match_across_punctuation() -> None:
    index = SearchIndex([customer(1, phone="(415) 551-2345")])
    assert index.search("12") == []  # only "1-2" is there
    assert index.search("1-2") == [1]
    assert index.search("512") == [1]  # three digits: punctuation is ignored


def test_a_term_with_letters_is_matched_as_text_only() -> None:
    # "john123@x" must find emails, not every phone that happens to contain 123.
    index = SearchIndex([customer(1, phone="(415) 123-4567"), customer(2, email="ab123@x.com")])
    assert index.search("ab123") == [2]
    assert index.search("x4151234") == []


def test_no_term_matches_across_two_fields() -> None:
    index = SearchIndex(
        [
            customer(
                1,
                "Ann",
                "Lee",
                company="Acme",
                email="al@x.com",
                phone="(415) 555-2671",
                mobile="(650) 253-0000",
            )
        ]
    )
    assert index.search("ann lee") == [1]
    for query in ("annlee", "leeann", "leeacme", "acmeal@", "2671(650)", "26716502"):
        assert index.search(query) == [], query


def test_control_characters_in_data_cannot_fake_phone_digits() -> None:
    # The index encodes phone digits as control characters; data carrying them is cleaned.
    index = SearchIndex([customer(1, "A\x0e\x0f\x10\x11", "B\x1fC", company="\x12\x13\x14")])
    assert index.search("0123") == []
    assert index.search("456") == []
    assert index.search("b c") == [1]


def test_date_of_birth_and_driver_license_are_not_in_the_index() -> None:
    names = {f.name for f in dataclasses.fields(SearchRow)}
    assert not {n for n in names if "birth" in n or "dob" in n or "license" in n}


def test_consignors_only_combines_with_text() -> None:
    index = SearchIndex(
        [
            customer(1, "John", "Smith", consignor=True),
            customer(2, "John", "Jones"),
            customer(3, "Jane", "Doe", consignor=True),
        ]
    )
    assert index.search("john", consignors_only=True) == [1]
    assert index.search("", consignors_only=True) == [3, 1]
    assert index.count("", consignors_only=True) == 2
    assert index.count("j", consignors_only=True) == 2
    assert index.first("", 1, consignors_only=True) == [3]


# ---------------------------------------------------------------- sorting


def sort_fixture() -> SearchIndex:
    return SearchIndex(
        [
            customer(1, "Émile", "Zola", number=40),
            customer(2, "Adam", "Ångström", number=10, company="Zeta Ltd"),
            customer(3, "Bob", "Baker", number=30, company="acme"),
            customer(4, "Adam", "Baker", number=20, company="  "),
            customer(5, "Adam", "Baker", number=5),
            customer(6, "Chloé", "Zola", number=1, company="Acme"),
        ]
    )


def test_sort_by_last_name_then_first_then_number() -> None:
    assert sort_fixture().search("") == [2, 5, 4, 3, 6, 1]


def test_sort_by_first_name_then_last_then_number() -> None:
    assert sort_fixture().search("", sort="first_name") == [2, 5, 4, 3, 6, 1]
    index = SearchIndex(
        [customer(1, "Bo", "Zed"), customer(2, "Al", "Zed"), customer(3, "Bo", "A")]
    )
    assert index.search("", sort="first_name") == [2, 3, 1]


def test_sort_by_number() -> None:
    assert sort_fixture().search("", sort="number") == [6, 5, 2, 4, 3, 1]


def test_sort_by_company_puts_blank_companies_last() -> None:
    # acme ties: Baker before Zola; blank ("  " or None) follow, by last, first, number.
    assert sort_fixture().search("", sort="company") == [3, 6, 2, 5, 4, 1]


def test_unknown_sort_key_is_refused() -> None:
    with pytest.raises(ValueError, match="sort"):
        SearchIndex([customer(1)]).search("", sort="email")  # type: ignore[arg-type]


def test_first_is_a_prefix_of_search_in_every_order() -> None:
    index = sort_fixture()
    for sort in SORTS:
        for n in range(8):
            assert index.first("a", n, sort=sort) == index.search("a", sort=sort)[:n]
    assert index.first("a", 0) == []
    assert index.first("a", -1) == []


def test_every_order_reads_back_to_front_when_descending() -> None:
    index = sort_fixture()
    for sort in SORTS:
        for query in ("", "a", "baker", "zz"):
            ascending = index.search(query, sort=sort)
            view = finish(index.view_steps(query, sort=sort, descending=True))
            assert list(view) == ascending[::-1]
            assert view == ascending[::-1] and len(view) == len(ascending)
            assert [view[i] for i in range(-len(view), len(view))] == ascending[::-1] * 2
            assert view[1:4] == ascending[::-1][1:4] and view[::2] == ascending[::-1][::2]
            assert [view.index(cid) for cid in ascending[::-1]] == list(range(len(view)))
            for n in range(8):
                assert index.first(query, n, sort=sort, descending=True) == ascending[::-1][:n]
    highest = finish(index.view_steps("", sort="number", descending=True))[0]
    assert highest == 1


def test_a_pinned_answer_has_its_customer_first_and_nowhere_else() -> None:
    for rest in ([4, 7, 9], [7, 4, 9], [4, 9, 7], [4, 9]):
        pinned = Pinned(7, rest)
        expected = [7, *(cid for cid in rest if cid != 7)]
        assert list(pinned) == expected and pinned == expected and len(pinned) == len(expected)
        assert [pinned[i] for i in range(-len(pinned), len(pinned))] == expected * 2
        assert pinned[1:] == expected[1:] and pinned[:2] == expected[:2]
        assert [pinned.index(cid) for cid in expected] == list(range(len(expected)))
        with pytest.raises(IndexError):
            pinned[len(expected)]
        with pytest.raises(ValueError):
            pinned.index(5)


# ---------------------------------------------------------------- upkeep


def test_len_and_contains() -> None:
    index = SearchIndex([customer(7), customer(3)])
    assert len(index) == 2
    assert 7 in index and 3 in index
    assert 5 not in index
    assert "7" not in index


def test_duplicate_ids_on_build_keep_the_last_row() -> None:
    index = SearchIndex([customer(1, "Old"), customer(2, "Other"), customer(1, "New")])
    assert len(index) == 2
    assert index.search("old") == []
    assert index.search("new") == [1]


def test_upsert_replaces_and_resorts() -> None:
    index = sort_fixture()
    for sort in SORTS:
        index.search("", sort=sort)  # build every order so each one is patched, not rebuilt
    assert index.count("zola") == 2
    index.upsert(customer(1, "Émile", "Aaron", number=40, company="Bee"))
    assert index.count("zola") == 1
    assert index.search("emile") == [1]
    assert index.search("") == [1, 2, 5, 4, 3, 6]
    assert index.search("", sort="company") == [3, 6, 1, 2, 5, 4]
    assert len(index) == 6


def test_upsert_adds_a_new_customer_in_order() -> None:
    index = sort_fixture()
    assert index.count("a") == 6  # cached; the new row must be patched into it
    index.upsert(customer(99, "Al", "Baker", number=0, consignor=True))
    assert 99 in index and len(index) == 7
    assert index.search("") == [2, 5, 4, 99, 3, 6, 1]
    assert index.search("", sort="number") == [99, 6, 5, 2, 4, 3, 1]
    assert index.count("a") == 7
    assert index.search("baker", consignors_only=True) == [99]


def test_remove() -> None:
    index = sort_fixture()
    assert index.count("baker") == 3
    index.remove(4)
    assert 4 not in index and len(index) == 5
    assert index.count("baker") == 2
    assert index.search("") == [2, 5, 3, 6, 1]
    index.remove(4)  # a deletion seen twice is harmless
    index.remove(12345)
    assert len(index) == 5


def test_counts_follow_changes() -> None:
    index = SearchIndex([customer(1, "Ann"), customer(2, "Bob"), customer(3, "Cat", "Day")])
    assert index.count("a") == 2  # most rows: remembered as a bare count
    assert index.count("b") == 1  # few rows: remembered as positions
    index.upsert(customer(4, "Abe", "Bay"))
    assert (index.count("a"), index.count("b")) == (3, 2)
    index.remove(1)
    assert (index.count("a"), index.count("b")) == (2, 2)
    index.upsert(customer(2, "Rob", "Ray"))
    assert (index.count("a"), index.count("b")) == (3, 2)


def test_removed_customer_can_come_back() -> None:
    index = SearchIndex([customer(1, "Ann"), customer(2, "Bob")])
    index.remove(1)
    index.upsert(customer(1, "Cat", consignor=True))
    assert index.search("", consignors_only=True) == [1]
    assert index.search("ann") == []
    assert index.search("cat") == [1]


def test_empty_index() -> None:
    index = SearchIndex()
    assert len(index) == 0
    assert index.search("x") == [] and index.first("", 5) == [] and index.count("") == 0
    index.upsert(customer(1, "Ann"))
    assert index.search("ann") == [1]


def test_typing_then_deleting_agrees_with_a_fresh_index() -> None:
    rows = [
        customer(1, "John", "Smith", phone="(415) 555-1234", email="john@gmail.com"),
        customer(2, "Johanna", "Smithson", phone="(415) 551-2345"),
        customer(3, "Jon", "Smyth", email="smith@yahoo.com", consignor=True),
        customer(4, "Zoë", "Adams", mobile="+1 (555) 123-4567"),
    ]
    used = SearchIndex(rows)
    for word in ("john sm", "555-12", "(415) 55"):
        typed = [word[:i] for i in range(1, len(word) + 1)]
        for query in typed + typed[::-1]:
            for consignors_only in (False, True):
                fresh = SearchIndex(rows)
                assert used.count(query, consignors_only=consignors_only) == fresh.count(
                    query, consignors_only=consignors_only
                ), query
                assert used.search(query, consignors_only=consignors_only) == fresh.search(
                    query, consignors_only=consignors_only
                ), query


def test_digit_rule_does_not_narrow_from_a_shorter_digit_query() -> None:
    # "12" misses (415) 551-2345 but "123" finds it: the cached "12" must not be reused.
    index = SearchIndex([customer(1, phone="(415) 551-2345"), customer(2, phone="(212) 000-0000")])
    assert index.search("12") == [2]
    assert index.search("123") == [1]
    assert index.search("1") == [1, 2]
    assert index.search("512") == [1]


def test_large_data_paths_on_small_data() -> None:
    rows = {
        i: customer(
            i,
            ["Ann", "Bob", "Cy", "Dee"][i % 4],
            ["Smith", "Adams", "Baker", "Zola", "Smythe"][i % 5],
            number=1000 - i,
            company="Acme" if i % 3 == 0 else None,
            phone=f"(415) 55{i % 10}-12{i % 7}4",
            consignor=i % 6 == 0,
        )
        for i in range(1, 41)
    }
    index = SearchIndex(rows.values(), tuning=TINY)
    for query in ("s", "sm", "smi", "smith", "sm", "a", "5", "55", "555", "5551", "ann 55", "zz"):
        for sort in SORTS:
            assert_agrees(index, rows, query, sort=sort, n=5)
            assert_agrees(index, rows, query, sort=sort, n=5, consignors_only=True)
    for i in range(1, 30):  # past the compaction threshold
        index.remove(i)
        del rows[i]
        assert_agrees(index, rows, "a", sort=SORTS[i % 4])
    for i in range(100, 130):  # new rows land between neighbours whose rank gap is gone
        number = i % 3 * 1000 + i
        row = customer(i, "Al", "Baker", number=number, company="Acme" if i % 2 else None)
        index.upsert(row)
        rows[i] = row
        assert_agrees(index, rows, "ba", sort=SORTS[i % 4])
    for sort in SORTS:
        assert_agrees(index, rows, "", sort=sort, n=7)


# ---------------------------------------------------------------- property tests

NAME = st.text(alphabet="abeoszAEOSZÉéëÖöß' -", min_size=1, max_size=7).filter(str.strip)
PHONE_DIGITS = st.text(alphabet="0125", min_size=3, max_size=11)


@st.composite
def phones(draw: st.DrawFn) -> str | None:
    digits = draw(PHONE_DIGITS)
    if draw(st.booleans()):
        return None
    cuts = sorted(draw(st.sets(st.integers(1, len(digits) - 1), max_size=3)))
    parts = [digits[i:j] for i, j in zip([0, *cuts], [*cuts, len(digits)], strict=True)]
    glue = draw(st.sampled_from([" ", "-", ".", ") ", ""]))
    return draw(st.sampled_from(["", "+", "("])) + glue.join(parts)


@st.composite
def rows(draw: st.DrawFn) -> SearchRow:
    customer_id = draw(st.integers(1, 40))
    email = draw(st.none() | st.builds("{}@{}.com".format, NAME, st.sampled_from(["gm", "yz"])))
    return SearchRow(
        id=customer_id,
        number=customer_id * 37 % 101,  # unique, as customer numbers are, but not in id order
        first_name=draw(NAME),
        last_name=draw(NAME),
        company=draw(st.none() | st.just("") | st.just("  ") | NAME),
        email=email,
        phone=draw(phones()),
        mobile_phone=draw(phones()),
        is_consignor=draw(st.booleans()),
    )


def queries_for(data: st.DataObject, rows: list[SearchRow]) -> str:
    """A query likely to hit: bits of the rows' fields, recased, plus some noise."""
    pieces: list[str] = []
    for _ in range(data.draw(st.integers(0, 3))):
        source: list[str] = [
            v for r in rows for v in dataclasses.astuple(r) if isinstance(v, str) and v
        ]
        if source and data.draw(st.integers(0, 4)) > 0:  # mostly real pieces, some noise
            text: str = data.draw(st.sampled_from(source))
            start = data.draw(st.integers(0, len(text) - 1))
            piece = text[start : start + data.draw(st.integers(1, 6))]
            if data.draw(st.booleans()):
                piece = re.sub(r"[^0-9]", "", piece) or piece
            pieces.append(piece.upper() if data.draw(st.booleans()) else piece)
        else:
            pieces.append(data.draw(st.text(alphabet="aeoöz0125-( ", max_size=4)))
    return " ".join(pieces)


def typing(query: str) -> Iterator[str]:
    typed = [query[:i] for i in range(1, len(query) + 1)]
    yield from typed
    yield from reversed(typed)


@settings(max_examples=150, deadline=None)
@given(st.lists(rows(), max_size=30), st.data())
def test_index_agrees_with_the_naive_reference(
    rowlist: list[SearchRow], data: st.DataObject
) -> None:
    expected_rows = {r.id: r for r in rowlist}
    index = SearchIndex(rowlist)
    assert len(index) == len(expected_rows)
    # With the common substrings' row sets (any substring of 1, 2 or 3 rows counts as
    # common here) or without them, the answers are the same.
    min_rows = data.draw(st.sampled_from([None, 1, 2, 3]))
    if min_rows is not None:
        assert index.prepare(min_rows=min_rows)
    query = queries_for(data, rowlist)
    sort = data.draw(st.sampled_from(SORTS))
    consignors_only = data.draw(st.booleans())
    for partial in typing(query):
        assert_agrees(
            index,
            expected_rows,
            partial,
            consignors_only=consignors_only,
            sort=sort,
            n=data.draw(st.integers(1, 5)),
        )


class IndexMachine(RuleBasedStateMachine):
    """Builds, upserts, removes and queries in any order, checking against the reference."""

    tuning = SearchTuning()

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[int, SearchRow] = {}
        self.index = SearchIndex(tuning=self.tuning)

    @initialize(initial=st.lists(rows(), max_size=25))
    def build(self, initial: list[SearchRow]) -> None:
        self.rows = {r.id: r for r in initial}
        self.index = SearchIndex(initial, tuning=self.tuning)

    @rule(row=rows())
    def upsert(self, row: SearchRow) -> None:
        self.index.upsert(row)
        self.rows[row.id] = row

    @rule(min_rows=st.integers(1, 4))
    def prepare(self, min_rows: int) -> None:
        assert self.index.prepare(min_rows=min_rows)
        assert self.index.prepared

    @rule(customer_id=st.integers(1, 45))
    def remove(self, customer_id: int) -> None:
        self.index.remove(customer_id)
        self.rows.pop(customer_id, None)

    @rule(data=st.data())
    def query(self, data: st.DataObject) -> None:
        query = queries_for(data, list(self.rows.values()))
        assert_agrees(
            self.index,
            self.rows,
            query,
            consignors_only=data.draw(st.booleans()),
            sort=data.draw(st.sampled_from(SORTS)),
            n=data.draw(st.integers(1, 6)),
        )

    @rule(data=st.data())
    def count_alone(self, data: st.DataObject) -> None:
        # The count line may be asked before (or without) the first page.
        query = queries_for(data, list(self.rows.values()))
        consignors_only = data.draw(st.booleans())
        expected = ref_search(self.rows, query, consignors_only)
        assert self.index.count(query, consignors_only=consignors_only) == len(expected)

    @rule(data=st.data())
    def type_and_delete(self, data: st.DataObject) -> None:
        query = queries_for(data, list(self.rows.values()))
        consignors_only = data.draw(st.booleans())
        sort = data.draw(st.sampled_from(SORTS))
        for partial in typing(query):
            assert_agrees(
                self.index, self.rows, partial, consignors_only=consignors_only, sort=sort
            )

    @invariant()
    def membership(self) -> None:
        assert len(self.index) == len(self.rows)
        for customer_id in range(1, 46):
            assert (customer_id in self.index) == (customer_id in self.rows)


MACHINE_SETTINGS = settings(
    max_examples=60,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def test_index_survives_any_sequence_of_changes() -> None:
    run_state_machine_as_test(IndexMachine, settings=MACHINE_SETTINGS)


class TinyIndexMachine(IndexMachine):
    tuning = TINY


def test_index_survives_any_sequence_of_changes_with_tiny_limits() -> None:
    run_state_machine_as_test(TinyIndexMachine, settings=MACHINE_SETTINGS)


def test_the_lazy_view_answers_like_search_before_and_after_changes() -> None:
    rows = [
        SearchRow(
            i, i, f"F{i % 7}", f"L{(i * 37) % 11}", None, f"u{i}@x.com", None, None, i % 3 == 0
        )
        for i in range(1, 60)
    ]
    index = SearchIndex(rows)
    queries = ["", "l1", "f3 l", "x.com", "u1"]
    for query in queries:
        for consignors_only in (False, True):
            view = index.view(query, consignors_only=consignors_only)
            assert view == index.search(query, consignors_only=consignors_only)
            assert list(view[2:5]) == index.search(query, consignors_only=consignors_only)[2:5]
            for position, cid in enumerate(view):
                assert view.index(cid) == position
    # A change that lands out of place: the view must still follow the sort order.
    index.upsert(SearchRow(500, 500, "Aaron", "A0", None, None, None, None, False))
    index.remove(7)
    for query in queries:
        assert index.view(query) == index.search(query)
        assert 7 not in index.view(query)


def test_matching_in_steps_agrees_and_starts_over_after_a_change() -> None:
    rows = {i: customer(i, f"Ann{i}", f"Lee{i % 3}", consignor=i % 2 == 0) for i in range(1, 12)}
    index = SearchIndex(rows.values(), tuning=SearchTuning(slice=2))
    for sort in SORTS:
        steps = index.view_steps("ann le", consignors_only=True, sort=sort)
        next(steps)  # some slices done, then two changes land before the next one
        index.upsert(customer(40, "Anna", "Lee", consignor=True))
        index.remove(2)
        rows[40] = customer(40, "Anna", "Lee", consignor=True)
        rows.pop(2, None)
        paused = 1
        while True:
            try:
                next(steps)
                paused += 1
            except StopIteration as done:
                answer = list(done.value)
                break
        assert paused > 2  # it did work in slices
        assert answer == ref_search(rows, "ann le", True, sort)


def test_phone_numbers_narrow_from_shorter_digit_runs_only_while_phones_are_whole() -> None:
    # Stored phones are E.164: a run of digits in "555" is in their text too, so "55"'s
    # matches hold "555"'s. A phone written "5-5-5" breaks that: "555" finds it by digits.
    rows = {
        1: customer(1, phone="+15551234567"),
        2: customer(2, mobile="+14155550000"),
        3: customer(3, email="x555@a.com"),
        4: customer(4, phone="+12125550199"),
        5: customer(5, phone="+12125050199"),
    }
    index = SearchIndex(rows.values())
    for query in ("55", "555", "5550", "+1", "+1555"):
        assert index.search(query) == ref_search(rows, query), query
    rows[6] = customer(6, "Zed", phone="5-5-5")
    index.upsert(rows[6])
    for query in ("55", "555", "5-5", "5-5-5"):
        assert index.search(query) == ref_search(rows, query), query
    index.remove(6)
    del rows[6]
    index.upsert(customer(7, "Ann", phone="+1 555"))
    rows[7] = customer(7, "Ann", phone="+1 555")
    for query in ("55", "555", "1555"):
        assert index.search(query) == ref_search(rows, query), query


def test_rows_to_test_says_how_much_a_search_would_look_at() -> None:
    rows = [customer(i, "Bob" if i % 4 else "Ann", phone="(415) 555-0000") for i in range(1, 41)]
    index = SearchIndex(rows)
    assert index.rows_to_test("ann") == 40  # nothing known: every row
    assert index.rows_to_test("") == 0
    index.search("an")
    assert index.rows_to_test("ann") == 10  # narrowed from "an"'s 10 matches
    index.search("ann")
    assert index.rows_to_test("ann") == 0  # known
    assert index.rows_to_test("ann", sort="company") == 40  # read back through every row
    assert index.rows_to_test("555-0") == 2 * 40  # text, then digits, on every row
    index.search("b")
    assert (index.rows_to_test("b"), index.rows_to_test("bo")) == (0, 30)


def test_over_its_memory_budget_the_cache_lets_the_biggest_result_go_first() -> None:
    rows = [customer(i, "Bob" if i % 4 else "Ann", f"Lee{i}") for i in range(1, 41)]
    index = SearchIndex(rows, tuning=SearchTuning(cache_positions=55))
    index.search("n")  # 10 rows (the Anns)
    index.search("e")  # all 40: 50 kept, within budget
    assert (index.rows_to_test("n"), index.rows_to_test("e")) == (0, 0)
    index.search("ee")  # 40 more: "e" goes, though "n" is older
    kept = [index.rows_to_test(query) for query in ("n", "e", "ee")]
    assert kept == [0, 40, 0]


# ---------------------------------------------------------------- common substrings' row sets


def shop(count: int = 40) -> dict[int, SearchRow]:
    return {
        i: customer(
            i,
            "Maria" if i % 3 else "Mark",
            f"Garcia{i}" if i % 2 else "Smith",
            email=f"m{i}@gmail.com" if i % 4 else f"m{i}@yahoo.com",
            phone=f"+1415555{i:04d}" if i % 5 else None,
        )
        for i in range(1, count + 1)
    }


def test_a_prepared_index_answers_common_substrings_without_testing_rows() -> None:
    rows = shop()
    index = SearchIndex(rows.values())
    assert index.rows_to_test("gmail") == 40
    assert not index.prepared
    assert index.prepare(min_rows=8)
    assert index.prepared
    # "gmail" and every digit run of three are known sets: no row is tested.
    for query in ("gma", "gmail", "@gmail.com", "415", "555", "mari", "415 gmail"):
        assert index.rows_to_test(query) == 0, query
        assert_agrees(index, rows, query)
    # A rarer term tests only the rows its known substrings share.
    assert 0 < index.rows_to_test("m12@gmail") <= 30
    assert 0 < index.rows_to_test("555-0012") <= 2 * 32
    for query in ("m12@gmail", "555-0012", "marko", "garcia1", "smith"):
        assert_agrees(index, rows, query)


def test_the_sets_follow_later_changes() -> None:
    rows = shop()
    index = SearchIndex(rows.values())
    assert index.prepare(min_rows=8)
    rows[3] = customer(3, "Zed", "Gmailson", email="z@yahoo.com", phone="+14150000000")
    rows[41] = customer(41, "New", "Person", email="n@gmail.com", phone="(415) 555-9999")
    for row in (rows[3], rows[41]):
        index.upsert(row)
    index.remove(5)
    del rows[5]
    for query in ("gmail", "gmails", "415", "555-9", "yahoo", "maria", "zed"):
        assert_agrees(index, rows, query)


def test_changes_saved_while_the_sets_are_built_are_not_lost() -> None:
    rows = shop()

    def build_while_another_terminal_saves(
        hay: Sequence[str], min_rows: int, alive: Callable[[], bool]
    ) -> Generator[None, None, Grams | None]:
        steps = build_grams(hay, min_rows, alive)
        next(steps)  # every row read once; common substrings' sets still to find
        rows[2] = customer(2, "Ann", "Lee", email="ann@yahoo.com")
        rows[50] = customer(50, "Maria", "Gmail", email="x@gmail.com", phone="+14155550050")
        for row in (rows[2], rows[50]):
            index.upsert(row)
        index.remove(4)
        del rows[4]
        return (yield from steps)

    tuning = SearchTuning(build_sets=build_while_another_terminal_saves)
    index = SearchIndex(rows.values(), tuning=tuning)
    assert index.prepare(min_rows=8)
    for query in ("gmail", "gma", "yahoo", "415", "555", "maria", "ann", "0050"):
        assert_agrees(index, rows, query)


def test_sets_built_over_rows_laid_out_anew_are_dropped() -> None:
    rows = shop()
    leaving = [range(1, 31)]  # while the first build runs; none during the next

    def build_while_most_customers_go(
        hay: Sequence[str], min_rows: int, alive: Callable[[], bool]
    ) -> Generator[None, None, Grams | None]:
        steps = build_grams(hay, min_rows, alive)
        next(steps)
        for customer_id in leaving.pop() if leaving else ():
            index.remove(customer_id)
            del rows[customer_id]
        return (yield from steps)

    tuning = SearchTuning(compact_min=2, build_sets=build_while_most_customers_go)
    index = SearchIndex(rows.values(), tuning=tuning)
    assert not index.prepare(min_rows=4)  # positions moved: those sets are worthless
    assert not index.prepared
    assert index.prepare(min_rows=4)
    for query in ("gmail", "415", "maria", "smith"):
        assert_agrees(index, rows, query)


def test_a_cancelled_build_stops_and_leaves_searches_as_they_were() -> None:
    rows = shop()
    index = SearchIndex(rows.values())
    asked: list[bool] = []

    def quitting() -> bool:
        asked.append(True)
        return len(asked) > 1  # the user quits while the build runs

    assert not index.prepare(min_rows=8, cancelled=quitting)
    assert not index.prepared
    assert_agrees(index, rows, "gmail")
    assert index.prepare(min_rows=8)  # a later call builds them
    assert index.rows_to_test("gmail") == 0


def test_sets_built_in_a_process_of_their_own_answer_the_same() -> None:
    rows = shop()

    def not_here(hay: Sequence[str], min_rows: int, alive: Callable[[], bool]) -> Any:
        raise AssertionError("the sets were built in this process")

    # A big shop's path, on a small one.
    tuning = SearchTuning(grams_apart_rows=1, build_sets=not_here)
    index = SearchIndex(rows.values(), tuning=tuning)
    assert index.prepare(min_rows=8)
    for query in ("gma", "gmail", "415", "555-0012", "mari", "smith", "m12@gmail"):
        assert_agrees(index, rows, query)
    assert index.rows_to_test("gmail") == 0
    rows[41] = customer(41, "New", "Gmail", email="n@gmail.com", phone="+14155550041")
    index.upsert(rows[41])
    for query in ("gmail", "0041", "415"):
        assert_agrees(index, rows, query)


def test_a_process_that_cannot_start_leaves_the_build_to_this_one() -> None:
    def no_process(hay: Sequence[str], min_rows: int, alive: Callable[[], bool]) -> Grams | None:
        raise OSError("Resource temporarily unavailable")

    rows = shop()
    tuning = SearchTuning(grams_apart_rows=1, build_sets_apart=no_process)
    index = SearchIndex(rows.values(), tuning=tuning)
    assert index.prepare(min_rows=8)
    assert index.rows_to_test("gmail") == 0
    assert_agrees(index, rows, "gmail")


def test_quitting_stops_the_build_process_too() -> None:
    index = SearchIndex(shop().values(), tuning=SearchTuning(grams_apart_rows=1))
    assert not index.prepare(min_rows=8, cancelled=lambda: True)
    assert not index.prepared
    assert not multiprocessing.active_children()  # nothing left running
