"""The item index: the list's matching rule over items, filters, and live changes."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from custtui.core.items.index import EVERY, ItemFilter, ItemIndex
from custtui.core.items.record import ItemRecord

TODAY = date(2026, 6, 1)
NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _item(number: int, title: str, **more: object) -> ItemRecord:
    values: dict[str, object] = {
        "id": number,
        "number": number,
        "title": title,
        "category": None,
        "status": "Collection",
        "retail_cents": None,
        "intake_date": date(2026, 1, 1),
        "sold_cents": None,
        "sale_date": None,
        "buyer_id": None,
        "buyer_name": None,
        "consignor_id": None,
        "commission_bp": None,
        "expiry_date": None,
        "at_expiry": None,
        "returned_on": None,
        "created_at": NOW,
        "created_by": "t",
        "updated_at": NOW,
        "updated_by": "t",
        "version": 1,
    }
    return ItemRecord(**(values | more))  # type: ignore[arg-type]


ITEMS = [
    _item(
        1,
        "Omega Seamaster",
        category="Watches",
        consignor_id=7,
        consignor_name="Zoë Åberg",
        consignor_code="ZOE",
        expiry_date=date(2026, 5, 1),
    ),
    _item(
        2,
        "Rolex Datejust",
        category="Watches",
        status="Sold",
        sold_cents=9000,
        buyer_name="Bea Buyer",
    ),
    _item(3, "Vinyl: Abbey Road", category="Records", status="Wishlist"),
    _item(
        4,
        "Omega Speedmaster",
        consignor_id=7,
        consignor_name="Zoë Åberg",
        consignor_code="ZOE",
        expiry_date=date(2026, 9, 1),
    ),
]


def labels(index: ItemIndex, query: str, wanted: ItemFilter = EVERY) -> list[str]:
    return [item.label for item in index.search(query, wanted)]


def test_every_term_must_match_a_field_newest_first() -> None:
    index = ItemIndex(ITEMS, TODAY)
    assert labels(index, "omega") == ["I-000004", "I-000001"]
    assert labels(index, "omega sea") == ["I-000001"]
    assert labels(index, "zoe") == ["I-000004", "I-000001"]  # the consignor, accent-folded
    assert labels(index, "bea") == ["I-000002"]  # the buyer
    assert labels(index, "records") == ["I-000003"]
    assert labels(index, "000003") == ["I-000003"]
    assert labels(index, "sea road") == []  # terms never match across fields or items
    assert labels(index, "") == ["I-000004", "I-000003", "I-000002", "I-000001"]


def test_filters_narrow_whatever_is_typed() -> None:
    index = ItemIndex(ITEMS, TODAY)
    assert labels(index, "", ItemFilter(status="Sold")) == ["I-000002"]
    assert labels(index, "omega", ItemFilter(consigned=True)) == ["I-000004", "I-000001"]
    assert labels(index, "", ItemFilter(expired=True)) == ["I-000001"]
    assert labels(index, "o", ItemFilter(status="Wishlist")) == ["I-000003"]
    assert index.count(ItemFilter(consigned=True)) == 2
    assert len(index) == 4


def test_typing_on_gives_the_same_answers_as_a_fresh_search() -> None:
    index = ItemIndex(ITEMS, TODAY)
    typed = ["o", "om", "ome", "omega", "omega s", "omega sp"]
    answers = [labels(index, q) for q in typed]
    fresh = [labels(ItemIndex(ITEMS, TODAY), q) for q in typed]
    assert answers == fresh
    assert answers[-1] == ["I-000004"]


def test_changes_reach_the_next_search() -> None:
    index = ItemIndex(ITEMS, TODAY)
    assert labels(index, "omega") == ["I-000004", "I-000001"]
    index.upsert(replace(ITEMS[0], title="Tudor Black Bay"))
    index.upsert(_item(5, "Omega Constellation"))
    index.remove(4)
    assert labels(index, "omega") == ["I-000005"]
    assert labels(index, "tudor") == ["I-000001"]
    # Seen late (another terminal's older item): still in number order.
    index.upsert(_item(4, "Omega Speedmaster"))
    assert labels(index, "omega") == ["I-000005", "I-000004"]
    assert len(index) == 5


def test_reading_a_view_from_the_top_or_deep_gives_the_same_items() -> None:
    many = [_item(n, f"{'Omega' if n % 3 else 'Rolex'} {n}") for n in range(1, 1200)]
    index = ItemIndex(many, TODAY)
    for query in ("", "o", "om", "omega 1", "rolex", "e"):
        view = index.search(query)
        walked = [view[i].number for i in range(min(len(view), 300))]
        whole = [item.number for item in view]
        assert walked == whole[:300]
        assert len(whole) == len(view) == len(set(whole))
        assert whole == sorted(whole, reverse=True)
        assert all(
            all(term in f"{item.title} {item.label}".lower() for term in query.split())
            for item in view
        )


def test_a_first_page_is_the_newest_matches_of_the_whole_answer() -> None:
    many = [_item(n, f"{'Omega' if n % 3 else 'Rolex'} {n}") for n in range(1, 1200)]
    index = ItemIndex(many, TODAY)
    assert index.known("omega") is None  # not searched yet: the screen walks for a page
    page = index.first("omega", n=40)
    whole = index.search("omega")
    assert [i.number for i in page] == [i.number for i in whole[:40]]
    known = index.known("omega")
    assert known is not None and len(known) == len(whole)
    assert index.first("rolex 11", ItemFilter(status="Sold")) == []
