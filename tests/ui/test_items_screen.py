"""The items screen, the expired worklist and an item's detail, as a clerk uses them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from custtui.core.customers.record import CustomerRecord
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.items.ledger import post_payout
from custtui.core.items.record import get_item
from custtui.core.items.service import create_item, sell_item
from custtui.core.items.values import ItemValues
from custtui.core.runtime.config import Settings
from custtui.core.store.businesses import Context, set_plan
from custtui.core.store.engine import Store
from custtui.ui.app import CusttuiApp, make_app
from custtui.ui.screens.customer_list import CustomerListScreen
from custtui.ui.screens.item_detail import ItemDetailScreen
from custtui.ui.screens.items import ItemsScreen
from custtui.ui.screens.upgrade import UpgradeNotice
from custtui.ui.widgets.items.item_table import ItemTable

from .helpers import notices, settle, wait_until

WIDE = (120, 36)
PAST = date(2025, 1, 10)
LONG_AGO = date(2024, 1, 1)


@pytest.fixture
def stock(ui_ctx: Context, shop: dict[str, CustomerRecord]) -> None:
    """Six items: three of the store's own (one sold to Ann), three of Eve's consigned
    (one expired to return, one expired the store keeps, one current)."""
    eve = shop["Eve"].id
    add_items(
        ui_ctx,
        [
            NewItem("Omega Speedmaster", "Watches", retail_cents=520000, intake_date=PAST),
            NewItem(
                "Leica M3",
                "Cameras",
                "Sold",
                180000,
                172500,
                PAST,
                shop["Ann"].id,
                "Ann Baker",
                intake_date=PAST,
            ),
            NewItem("Fender Stratocaster", "Guitars", "Wishlist", 150000, intake_date=PAST),
            NewItem(
                "Cartier Tank",
                "Watches",
                retail_cents=260000,
                consignor_id=eve,
                commission_bp=2000,
                intake_date=LONG_AGO,
                expiry_date=LONG_AGO + timedelta(days=90),
                at_expiry="return",
            ),
            NewItem(
                "Gibson J-45",
                "Guitars",
                retail_cents=620000,
                consignor_id=eve,
                commission_bp=1500,
                intake_date=LONG_AGO,
                expiry_date=LONG_AGO + timedelta(days=90),
                at_expiry="keep",
            ),
            NewItem(
                "Hermès scarf",
                "Handbags",
                retail_cents=40000,
                consignor_id=eve,
                commission_bp=4000,
                intake_date=PAST,
                expiry_date=date.today() + timedelta(days=60),
                at_expiry="return",
            ),
        ],
    )


def items(app: CusttuiApp) -> ItemsScreen:
    screen = app.screen
    assert isinstance(screen, ItemsScreen), f"not on the items screen: {screen!r}"
    return screen


def count(app: CusttuiApp) -> str:
    return str(items(app).query_one("#item-count", Label).content)


def filters(app: CusttuiApp) -> str:
    return str(items(app).query_one("#item-filters", Label).content)


def rows(app: CusttuiApp) -> list[str]:
    table = items(app).query_one(ItemTable)
    drawn = min(table.size.height, table.row_count + 1)
    return [table.render_line(y).text.strip() for y in range(1, drawn)]


def titles(app: CusttuiApp) -> set[str]:
    table = items(app).query_one(ItemTable)
    return {item.title for item in table.visible_items()}


def header(app: CusttuiApp) -> str:
    return items(app).query_one(ItemTable).render_line(0).text


async def to_items(pilot: Pilot[Any], app: CusttuiApp) -> ItemsScreen:
    """F2 from wherever the app opened; wait until the items are loaded and listed."""
    await settle(pilot)
    if not isinstance(app.screen, ItemsScreen):
        await pilot.press("f2")
    assert await wait_until(pilot, lambda: items(app).index is not None, 30)
    await settle(pilot)
    return items(app)


def detail_text(app: CusttuiApp, panel: str) -> str:
    screen = app.screen
    assert isinstance(screen, ItemDetailScreen), f"no item open: {screen!r}"
    return str(screen.query_one(f"#{panel}", Static).content)


async def open_item(pilot: Pilot[Any], app: CusttuiApp, number: int) -> ItemDetailScreen:
    """Open item `number` as a customer's tab does; wait until it shows with its history."""
    await settle(pilot)
    app.open_item(number)

    def shown() -> bool:
        screen = app.screen
        return isinstance(screen, ItemDetailScreen) and screen.history is not None

    assert await wait_until(pilot, shown, 30), f"I-{number:06d} never opened"
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ItemDetailScreen)
    return screen


async def test_typing_filters_and_the_count_line(app: CusttuiApp, stock: None) -> None:
    async with app.run_test(size=WIDE) as pilot:
        screen = await to_items(pilot, app)
        assert screen.focused is screen.query_one("#item-filter", Input)
        assert count(app) == "6 items"
        assert rows(app)[0].startswith("I-000006 Hermès scarf")
        await pilot.press(*"watch")
        await settle(pilot)
        assert count(app) == "2 of 6 items"
        assert titles(app) == {"Omega Speedmaster", "Cartier Tank"}
        await pilot.press(*" eve1")  # the consignor's code
        await settle(pilot)
        assert count(app) == "1 of 6 items"
        assert titles(app) == {"Cartier Tank"}
        await pilot.press("escape")
        await settle(pilot)
        assert count(app) == "6 items"


async def test_each_filter_narrows_and_says_so(app: CusttuiApp, stock: None) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await to_items(pilot, app)
        await pilot.press("ctrl+t")  # All -> Collection
        await settle(pilot)
        assert "Status: Collection" in filters(app)
        assert count(app) == "4 of 6 items"
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+t")  # Wishlist, Archived, Sold
        await settle(pilot)
        assert "Status: Sold" in filters(app)
        assert titles(app) == {"Leica M3"}
        assert "Ann Baker" in rows(app)[0]  # the buyer
        await pilot.press("ctrl+t")  # back to All
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert "[x] Consigned" in filters(app)
        assert titles(app) == {"Cartier Tank", "Gibson J-45", "Hermès scarf"}
        await pilot.press("ctrl+g", "ctrl+o")
        await settle(pilot)
        assert "[x] Expired" in filters(app)
        assert count(app) == "2 of 6 items"
        shown = rows(app)
        assert "Store keeps it" in shown[0] and "Gibson J-45" in shown[0]
        assert "Return to consignor" in shown[1] and "Cartier Tank" in shown[1]
        # Escape clears the filters before it leaves the screen.
        await pilot.press("escape")
        await settle(pilot)
        assert count(app) == "6 items"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomerListScreen)


async def test_enter_opens_the_item_with_every_field(
    app: CusttuiApp, stock: None, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await to_items(pilot, app)
        await pilot.press(*"leica", "enter")
        assert await wait_until(pilot, lambda: isinstance(app.screen, ItemDetailScreen), 10)
        await settle(pilot)
        fields = detail_text(app, "item-fields")
        assert "I-000002" in fields and "Leica M3" in fields and "Cameras" in fields
        assert "$1,800.00" in fields  # the retail price
        sale = detail_text(app, "item-sale")
        assert "$1,725.00" in sale and str(PAST) in sale
        assert f"Ann Baker ({shop['Ann'].label})" in sale
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ItemsScreen)


async def test_an_items_consignment_terms_and_history(app: CusttuiApp, stock: None) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_item(pilot, app, 4)
        terms = detail_text(app, "item-consignment")
        assert "Eve Adams" in terms and "EVE1" in terms and "20%" in terms
        assert "expired" in terms and "Return to the consignor" in terms
        await pilot.press("r", "y")
        assert await wait_until(pilot, lambda: "Returned" in detail_text(app, "item-history"))
        history = detail_text(app, "item-history")
        assert "tester" in history and "Status: Collection → Archived" in history


async def test_return_and_keep_from_the_worklist_change_the_store(
    app: CusttuiApp, stock: None, ui_ctx: Context
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await to_items(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert count(app) == "2 of 6 items"
        await pilot.press("down", "ctrl+r")  # Cartier Tank: return it
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert get_item(ui_ctx, 4).returned_on == date.today()
        assert await wait_until(pilot, lambda: count(app) == "1 of 6 items")
        await pilot.press("ctrl+y", "y")  # Gibson J-45: the store keeps it
        await settle(pilot)
        kept = get_item(ui_ctx, 5)
        assert kept.consignor_id is None and kept.returned_on is None
        assert await wait_until(pilot, lambda: count(app) == "0 of 6 items")
        assert any("is now the store's own stock" in n for n in notices(app))


async def test_undoing_a_sale_already_paid_out_is_refused_clearly(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    eve = shop["Eve"]
    item = create_item(
        ui_ctx, ItemValues("Rolex Datejust", retail_cents=900000, consignor_id=eve.id)
    )
    sell_item(ui_ctx, item.number, 850000, buyer_id=shop["Bob"].id)
    post_payout(ui_ctx, eve.id)
    async with app.run_test(size=WIDE) as pilot:
        await open_item(pilot, app, item.number)
        await pilot.press("u", "y")
        await settle(pilot)
        assert any(
            n.startswith("Sale not undone:") and "paid out to the consignor" in n
            for n in notices(app)
        )
        assert get_item(ui_ctx, item.number).sold
        assert isinstance(app.screen, ItemDetailScreen)


async def test_items_changed_elsewhere_arrive_by_polling(
    ui_settings: Settings, ui_store: Store, stock: None, other_terminal: Context
) -> None:
    app = make_app(ui_settings, ui_store, poll_interval=0.1)
    async with app.run_test(size=WIDE) as pilot:
        await to_items(pilot, app)
        create_item(other_terminal, ItemValues("Polaroid SX-70", "Cameras"))
        assert await wait_until(pilot, lambda: count(app) == "7 items")
        assert "Polaroid SX-70" in titles(app)


async def test_the_free_plan_opens_on_items_and_keeps_buyer_names(
    ui_settings: Settings, ui_store: Store, ui_ctx: Context, stock: None
) -> None:
    set_plan(ui_ctx, "free")
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=WIDE) as pilot:
        await to_items(pilot, app)
        assert not any(isinstance(s, CustomerListScreen) for s in app.screen_stack)
        await pilot.press(*"leica")
        await settle(pilot)
        assert "Ann Baker" in rows(app)[0]
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, UpgradeNotice)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ItemsScreen)


async def test_pro_shows_nothing_of_consignment(
    ui_settings: Settings, ui_store: Store, ui_ctx: Context, stock: None
) -> None:
    set_plan(ui_ctx, "pro")
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=(140, 36)) as pilot:
        await to_items(pilot, app)
        assert "Consigned" not in filters(app) and "Expired" not in filters(app)
        assert "Consignor" not in header(app) and "Expiry" not in header(app)
        await pilot.press("ctrl+g", "ctrl+o")
        await settle(pilot)
        assert count(app) == "6 items"
        assert not app.screen.check_action("toggle_consigned", ())
        await open_item(pilot, app, 4)
        screen = app.screen
        assert not screen.query_one("#item-consignment").display
        assert not screen.check_action("change", ("return",))
        assert not screen.check_action("change", ("keep",))
        await pilot.press("r", "k")
        await settle(pilot)
        assert get_item(ui_ctx, 4).consignor_id is not None
