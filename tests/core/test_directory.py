"""The in-memory directory: what the list shows, and how other terminals' changes reach it."""

from __future__ import annotations

import random
import threading

import pytest

from custtui.core.customers.service import create_customer, delete_customer, update_customer
from custtui.core.directory.display_rows import DisplayRows, RowsTuning
from custtui.core.directory.list_rows import first_page
from custtui.core.directory.live import Directory, number_asked
from custtui.core.directory.loading import LoadCancelled
from custtui.core.search.orders import SORT_KEYS
from custtui.core.store.businesses import Context, add_business, open_context
from custtui.core.store.engine import Store


def make(ctx: Context, first: str, last: str, **more: object) -> int:
    return create_customer(ctx, {"first_name": first, "last_name": last, **more}).id


def test_rows_carry_what_the_list_shows(ctx: Context) -> None:
    cid = make(
        ctx,
        "Zoë",
        "Åberg",
        company="Åberg Antiques",
        email="zoe@example.com",
        phone="(415) 555-2671",
        city="Toronto",
        state="ON",
        country="Canada",
    )
    directory = Directory.load(ctx)
    row = directory.row(cid)
    assert row is not None
    assert (row.label, row.name, row.initials) == ("C-000001", "Zoë Åberg", "ZÅ")
    assert row.phone == "+14155552671"
    assert row.place("US") == "Toronto, ON, Canada" and row.country == "CA"
    assert row.place("CA") == "Toronto, ON"
    assert directory.search("zoe aberg") == [cid]


def test_the_first_page_comes_in_the_index_order(ctx: Context) -> None:
    for first, last in [
        ("Bob", "Zed"),
        ("Ann", "Åberg"),
        ("amy", "aberg"),
        ("Cy", "Adams"),
        ("Al", "Ábel"),
    ]:
        make(ctx, first, last)
    directory = Directory.load(ctx)
    page = first_page(ctx, 3)
    assert page.total == 5
    assert [r.id for r in page.rows] == directory.search("")[:3]
    assert [r.name for r in page.rows] == ["Al Ábel", "amy aberg", "Ann Åberg"]


def test_a_renamed_customer_moves_in_the_first_page(ctx: Context) -> None:
    a = create_customer(ctx, {"first_name": "Ann", "last_name": "Young"})
    make(ctx, "Bo", "Martin")
    update_customer(ctx, a.number, {"last_name": "Abbott"})
    assert [r.name for r in first_page(ctx, 1).rows] == ["Ann Abbott"]


def test_changes_from_another_connection_arrive_by_poll(settings, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    keep = make(ctx, "Ada", "Lovelace")
    gone = make(ctx, "Alan", "Turing")
    directory = Directory.load(ctx)
    assert not directory.poll()

    other_store = Store.open(settings.database_url, settings.key_file)
    try:
        other = open_context(other_store, None, "dave")
        new = make(other, "Grace", "Hopper")
        update_customer(other, 1, {"last_name": "King"})
        delete_customer(other, 2)
    finally:
        other_store.close()

    changes = directory.poll()
    assert not changes.reloaded
    assert changes.changed == {keep, new} and changes.removed == {gone}
    assert directory.search("hopper") == [new]
    assert directory.search("king") == [keep] and directory.search("lovelace") == []
    assert directory.row(gone) is None and len(directory) == 2
    assert not directory.poll()  # nothing twice


def test_many_changes_reload_the_directory_whole(ctx: Context) -> None:
    directory = Directory.load(ctx)
    from custtui.core.customers.service import create_customers

    create_customers(ctx, [{"first_name": f"P{i}", "last_name": "Q"} for i in range(2100)])
    changes = directory.poll()
    assert changes.reloaded and len(directory) == 2100


def test_a_row_reads_the_same_whether_loaded_or_refreshed(ctx: Context) -> None:
    """Loading builds rows in SQL, a refresh in Python: the list must not tell them apart."""
    full = {
        "company": "Åberg & Co",
        "email": "zoe@example.com",
        "phone": "(415) 555-2671",
        "mobile_phone": "+44 20 7946 0958",
        "street": "1 Main St",
        "city": "Toronto",
        "state": "ON",
        "postal_code": "M5V 2T6",
        "country": "CA",
        "consignor_code": "ZA1",
        "customer_since": "2019-05-01",
        "on_hold": True,
        "active": False,
    }
    cid = make(ctx, "Zoë", "Åberg", **full)
    plain = make(ctx, "Al", "Bo")
    directory = Directory.load(ctx)
    loaded = (directory.row(cid), directory.row(plain))
    update_customer(ctx, 1, {"notes": "not shown in the list"})
    update_customer(ctx, 2, {"notes": "not shown either"})
    assert directory.poll().changed == {cid, plain}
    assert (directory.row(cid), directory.row(plain)) == loaded
    assert loaded[0] is not None and loaded[0].is_consignor and loaded[0].country == "CA"
    assert loaded[1] is not None and loaded[1].country == "" and loaded[1].company == ""
    assert loaded[0].since == "2019"
    assert loaded[0].badges == ("inactive", "on hold", "consignor")
    assert loaded[1].since == "" and loaded[1].badges == ()


def test_display_rows_read_back_what_was_loaded_and_changed() -> None:
    texts = {cid: f"{cid}\x1fZoë\x1fMüller {cid}\x1f😀" for cid in (2, 3, 5, 8, 9, 12, 40)}
    # Several blocks and chunks from a few rows.
    rows = DisplayRows.load(texts.items(), RowsTuning(block=2, chunk=3))
    assert [rows.get(cid) for cid in texts] == list(texts.values())
    assert rows.get(1) is None and rows.get(6) is None and rows.get(41) is None
    rows[5] = "changed"
    rows[7] = "new"
    del rows[12]
    assert (rows.get(5), rows.get(7), rows.get(12)) == ("changed", "new", None)
    assert rows.get(9) == texts[9]
    with pytest.raises(ValueError):
        DisplayRows.load([(3, "a"), (2, "b")])


def test_a_load_asked_to_stop_stops_and_a_later_load_is_whole(ctx: Context) -> None:
    for i in range(3):
        make(ctx, f"Ann{i}", "Lee")
    with pytest.raises(LoadCancelled):
        Directory.load(ctx, cancelled=lambda: True)  # the app is quitting
    assert len(Directory.load(ctx)) == 3


def test_every_loaded_row_reads_back_exactly_across_many_blocks() -> None:
    kinds = [
        "Zoë\x1fÅberg",
        "😀 Emoji Café\x1f🚗",
        "Łukasz\x1fDvořák",
        "plain ascii",
        "ÿ\xfe\xff",
        "",
    ]
    texts = {
        cid: f"{cid - 7}\x1f{kinds[cid % len(kinds)]}\x1f{cid}"
        for cid in range(3, 5000)
        if cid % 11 and cid % 97 > 40  # scattered gaps, and whole runs of blocks missing
    }
    # Many chunks, not just many blocks; most reads inflate their block anew.
    rows = DisplayRows.load(texts.items(), RowsTuning(chunk=4, cached=3))
    for cid in range(0, 5100):
        assert rows.get(cid) == texts.get(cid)
    for cid in reversed(texts):  # backwards and again: the cache keeps nothing stale
        assert rows.get(cid) == texts[cid]


def test_a_block_boundary_splits_neighbours_cleanly() -> None:
    size = RowsTuning().block
    ids = [size - 2, size - 1, size, size + 1, 3 * size, 3 * size + size - 1]
    rows = DisplayRows.load((cid, f"row {cid}") for cid in ids)
    assert [rows.get(cid) for cid in ids] == [f"row {cid}" for cid in ids]
    missing = [0, size - 3, size + 2, 2 * size, 2 * size + 1, 3 * size + 1, 4 * size, -1]
    assert [rows.get(cid) for cid in missing] == [None] * len(missing)


def test_text_no_encoder_would_accept_still_reads_back() -> None:
    odd = {1: "lone \ud800 surrogate", 2: "nul \x00 and \x7f", 3: "\U0001f600" * 300}
    rows = DisplayRows.load(odd.items())
    assert [rows.get(cid) for cid in odd] == list(odd.values())


def test_changed_and_deleted_rows_win_over_what_was_loaded() -> None:
    rows = DisplayRows.load((cid, f"loaded {cid}") for cid in range(1, 100))
    rows[10] = "edited Zoë 😀"
    rows[500] = "added after the load"
    del rows[11]
    del rows[9999]  # never loaded: still nothing
    assert rows.get(10) == "edited Zoë 😀" and rows.get(500) == "added after the load"
    assert rows.get(11) is None and rows.get(9999) is None
    assert rows.get(12) == "loaded 12"  # a neighbour in the same block is untouched


def test_nothing_loaded_reads_as_nothing() -> None:
    assert DisplayRows().get(1) is None
    assert DisplayRows.load([]).get(1) is None


def test_two_threads_reading_at_once_see_the_same_rows() -> None:
    texts = {cid: f"{cid}\x1fZoë {cid}\x1f😀" for cid in range(1, 20_000, 3)}
    rows = DisplayRows.load(texts.items(), RowsTuning(cached=4))  # eviction while both read
    wrong: list[int] = []
    errors: list[BaseException] = []

    def read(seed: int) -> None:
        rnd = random.Random(seed)
        try:
            for _ in range(20_000):
                cid = rnd.randrange(0, 20_001)
                if rows.get(cid) != texts.get(cid):
                    wrong.append(cid)
        except BaseException as exc:  # a crash in the thread must fail the test
            errors.append(exc)

    threads = [threading.Thread(target=read, args=(seed,)) for seed in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and wrong == []


def test_the_list_shows_each_customer_s_own_number_when_numbers_and_ids_part(
    store: Store, ctx: Context
) -> None:
    """Two businesses in one store interleave ids; each counts its own numbers from 1."""
    other = open_context(store, add_business(store, "north").slug, "tester")
    ours = [make(ctx, "Ada", f"Ours{i}") for i in range(3)]
    for i in range(5):
        make(other, "Bo", f"Theirs{i}")
    ours.append(make(ctx, "Cy", "Late"))
    directory = Directory.load(ctx)
    shown = directory.rows(ours)
    assert [r.label for r in shown] == ["C-000001", "C-000002", "C-000003", "C-000004"]
    assert [r.id for r in shown] == ours and ours[-1] - ours[0] > 3
    update_customer(ctx, 4, {"company": "Late & Co"})
    assert directory.poll().changed == {ours[-1]}
    late = directory.row(ours[-1])
    assert late is not None and (late.label, late.company) == ("C-000004", "Late & Co")


def test_a_picker_finds_a_customer_by_the_number_the_list_shows(ctx: Context) -> None:

    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Lovelace"})
    cleo = create_customer(
        ctx, {"first_name": "Cleo", "last_name": "Consign", "consignor_code": "CC1"}
    )
    directory = Directory.load(ctx)
    assert directory.pick(ada.label, 6) == [ada.id]
    assert directory.pick(f"c-{cleo.number}", 6) == [cleo.id]
    assert directory.pick(ada.label, 6, consignors_only=True) == []
    assert directory.pick("ada", 6) == [ada.id]  # any other text: the list's own search
    assert directory.pick("C-999999", 6) == []
    delete_customer(ctx, ada.number)
    directory.poll()
    assert directory.pick(ada.label, 6) == []


@pytest.mark.parametrize(
    ("query", "number"),
    [
        ("C-000049", 49),
        ("c-49", 49),
        ("C49", 49),
        ("c49", 49),
        ("#49", 49),
        (" # 0049 ", 49),
        ("49", None),  # bare digits are a phone search
        ("c-", None),
        ("#0", None),
        ("cc49", None),
        ("c49 ann", None),
        ("c-1234567890", None),
    ],
)
def test_a_customer_number_is_read_in_every_form_clerks_type(
    query: str, number: int | None
) -> None:
    assert number_asked(query) == number


def test_a_customer_number_finds_that_customer_first_then_the_text_matches(ctx: Context) -> None:
    ada = make(ctx, "Ada", "Lovelace")  # C-000001
    bo = make(ctx, "Bo", "Zed", email="c1@example.com")  # C-000002: "c1" in the text
    cy = make(ctx, "Cy", "Able", email="c3@example.com", consignor_code="C3")  # C-000003
    dee = make(ctx, "Dee", "Zulu", email="c4@example.com")  # C-000004
    eve = make(ctx, "Eve", "Aaron", email="c4.eve@example.com")
    directory = Directory.load(ctx)
    for query in ("C-000001", "c-1", "C1", "c1", "#1"):
        expected = [ada, bo] if query.lower() == "c1" else [ada]
        for sort in SORT_KEYS:
            for descending in (False, True):
                found = directory.search(query, sort=sort, descending=descending)
                assert (query, list(found), len(found)) == (query, expected, len(expected))
        assert directory.first(query, 5) == expected
        assert directory.first(query, 1) == [ada]
    # The numbered customer matching as text too is listed once, and counted once.
    for descending in (False, True):
        found = directory.search("c4", descending=descending)
        assert (list(found), len(found), found.index(eve)) == ([dee, eve], 2, 1)
        assert directory.first("c4", 5, descending=descending) == [dee, eve]
    assert list(directory.search("c3")) == [cy] and len(directory.search("c3")) == 1
    assert directory.search("c2") == [bo]
    assert directory.search("c3", consignors_only=True) == [cy]
    assert directory.search("c2", consignors_only=True) == []  # Bo is no consignor
    assert directory.search("#9") == [] and directory.first("#9", 5) == []
    assert directory.pick("c1", 5) == [ada]  # a picker names one customer, as before
