"""The in-memory directory: what the list shows, and how other terminals' changes reach it."""

from __future__ import annotations

import pytest

from custtui.core.businesses import Context, open_context
from custtui.core.customers import create_customer, delete_customer, update_customer
from custtui.core.directory import Directory, DisplayRows, LoadCancelled, first_page
from custtui.core.store import Store


def make(ctx: Context, first: str, last: str, **more: str) -> int:
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
    assert row.place == "Toronto, ON" and row.country == "CA"
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
    from custtui.core.customers import create_customers

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


def test_display_rows_read_back_what_was_loaded_and_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(DisplayRows, "CHUNK", 3)  # several chunks from a few rows
    texts = {cid: f"{cid}\x1fZoë\x1fMüller {cid}\x1f😀" for cid in (2, 3, 5, 8, 9, 12, 40)}
    rows = DisplayRows.load(texts.items())
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
