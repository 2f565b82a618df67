"""An item's history as the detail screen reads it: who, when, what changed, in words."""

from __future__ import annotations

from custtui.core.customers.service import create_customer
from custtui.core.items.history import item_history
from custtui.core.items.service import create_item, sell_item, unsell_item
from custtui.core.items.values import ItemValues
from custtui.core.store.businesses import Context


def test_history_says_each_change_newest_first_with_people_and_money(ctx: Context) -> None:
    eve = create_customer(
        ctx,
        {"first_name": "Eve", "last_name": "Adams", "is_consignor": True, "consignor_code": "EVE1"},
    )
    item = create_item(
        ctx,
        ItemValues("Cartier Tank", retail_cents=260000, consignor_id=eve.id, commission_bp=2000),
    )
    sell_item(ctx, item.number, 250000)
    unsell_item(ctx, item.number)

    history = item_history(ctx, item.label)

    assert history.item.status == "Collection"
    assert [e.title for e in history.events] == ["Sale undone", "Sold", "Added"]
    assert {e.actor for e in history.events} == {ctx.user}
    sold = {c.label: (c.old, c.new) for c in history.events[1].changes}
    assert sold["Status"] == ("Collection", "Sold")
    assert sold["Sold price"] == ("", "$2,500.00")
    added = {c.label: c.new for c in history.events[2].changes}
    assert added["Consignor"] == f"Eve Adams ({eve.label})"
    assert added["Commission"] == "20%"
    assert added["Retail price"] == "$2,600.00"
    assert "Number" not in added  # said by the screen's head, not by every event


def test_items_added_in_bulk_begin_their_history_too(ctx: Context) -> None:
    from datetime import date

    from custtui.core.items.bulk import NewItem, add_items

    add_items(
        ctx,
        [NewItem("Vinyl", status="Sold", sold_cents=1999, sale_date=date(2026, 1, 2))],
    )
    history = item_history(ctx, "I-000001")
    assert [e.title for e in history.events] == ["Sold", "Added"]
    sold = {c.label: (c.old, c.new) for c in history.events[0].changes}
    assert sold["Sold price"] == ("", "$19.99")
