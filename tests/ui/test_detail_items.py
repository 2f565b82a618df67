"""A customer's items and a consignor's money, as a clerk handles them from the profile.

Enter on an item's row asks the app to open the item (`OpenItem`); the Consigned tab shows
what the store owes and the ledger behind it, and pays out, undoes and adjusts. Real app, real
SQLite store; assertions on what the screen shows and on what the store holds afterwards.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual import on
from textual.widgets import DataTable, Input, Static

from custtui.core.customers.record import CustomerRecord
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.items.ledger import adjust, balance, consignor_ledger, post_payout, undo_payout
from custtui.core.store.businesses import Context, set_plan
from custtui.ui.app import CusttuiApp
from custtui.ui.messages import OpenItem
from custtui.ui.screens.ask import AskScreen
from custtui.ui.screens.customer_detail import FREE_NOTICE, CustomerDetailScreen
from custtui.ui.screens.payout import AdjustDialog, PayoutDialog

from .helpers import detail, notices, open_profile, settle

WIDE = (120, 40)
TODAY = date.today()
EARLY, LATE = TODAY - timedelta(days=30), TODAY - timedelta(days=5)


class ItemOpeningApp(CusttuiApp):
    """The app, noting the items the profile asks it to open instead of opening them."""

    def __init__(self, ctx: Context) -> None:
        super().__init__(ctx)
        self.items_opened: list[int] = []

    @on(OpenItem)
    def _note_item(self, event: OpenItem) -> None:
        self.items_opened.append(event.number)
        event.prevent_default()  # the item screen is not what these tests are about


@pytest.fixture
def eve_items(ui_ctx: Context, shop: dict[str, CustomerRecord]) -> None:
    """Eve consigns three items: a Rolex in the shop, a Nikon sold early (100.00 at 20 %,
    80.00 owed) and a Leica sold late (90.00 at 40 %, 54.00 owed). Bob bought both."""
    eve, bob = shop["Eve"], shop["Bob"]
    add_items(
        ui_ctx,
        [
            NewItem("Rolex 1601", "Watches", retail_cents=650000, consignor_id=eve.id),
            NewItem(
                "Nikon F2",
                "Cameras",
                "Sold",
                12000,
                10000,
                EARLY,
                bob.id,
                "Bob Carter",
                consignor_id=eve.id,
                commission_bp=2000,
            ),
            NewItem(
                "Leica M3",
                "Cameras",
                "Sold",
                9900,
                9000,
                LATE,
                bob.id,
                "Bob Carter",
                consignor_id=eve.id,
                commission_bp=4000,
            ),
        ],
    )


def text_of(screen: object, selector: str) -> str:
    assert isinstance(screen, (CustomerDetailScreen, PayoutDialog, AdjustDialog))
    return str(screen.query_one(selector, Static).render())


def rows(screen: CustomerDetailScreen | PayoutDialog, selector: str) -> list[list[str]]:
    table = screen.query_one(selector, DataTable)
    return [[str(cell).strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def consigned_tab(pilot: object, app: CusttuiApp, customer: CustomerRecord) -> None:
    await open_profile(pilot, app, customer.number)  # type: ignore[arg-type]
    await pilot.press("c")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


# -- opening items -------------------------------------------------------------------------------


async def test_enter_on_a_purchase_or_a_consigned_item_opens_that_item(
    ui_ctx: Context, shop: dict[str, CustomerRecord], eve_items: None
) -> None:
    app = ItemOpeningApp(ui_ctx)
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Bob"].number)
        await pilot.press("p")
        await settle(pilot)
        purchases = detail(app).query_one("#purchases-table", DataTable)
        assert [r[1] for r in rows(detail(app), "#purchases-table")] == ["Leica M3", "Nikon F2"]
        purchases.focus()
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.items_opened == [2]  # I-000002, the Nikon
        assert isinstance(app.screen, CustomerDetailScreen)

        await pilot.press("escape")
        await consigned_tab(pilot, app, shop["Eve"])
        detail(app).query_one("#active-table", DataTable).focus()
        await pilot.press("enter")
        detail(app).query_one("#sold-table", DataTable).focus()
        await pilot.press("enter")
        # A sale's line in the ledger names its item too; an adjustment's names none.
        adjust(ui_ctx, shop["Eve"].id, 100, "Rounding")
        detail(app).reload()
        await settle(pilot)
        ledger = detail(app).query_one("#ledger-table", DataTable)
        ledger.focus()
        await pilot.press("home", "enter", "down", "enter")
        await settle(pilot)
        assert app.items_opened == [2, 1, 3, 3]


async def test_a_title_that_looks_like_markup_shows_as_typed(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    bob = shop["Bob"]
    add_items(ui_ctx, [NewItem("[b]Bold[/b] lamp [/]", "Antiques", "Sold", 100, 100, LATE, bob.id)])
    app = ItemOpeningApp(ui_ctx)
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, bob.number)
        await pilot.press("p")
        await settle(pilot)
        assert rows(detail(app), "#purchases-table")[0][1] == "[b]Bold[/b] lamp [/]"


# -- the balance and the ledger ------------------------------------------------------------------


async def test_the_consigned_tab_shows_the_balance_and_the_ledger(
    ui_ctx: Context, shop: dict[str, CustomerRecord], eve_items: None
) -> None:
    app = ItemOpeningApp(ui_ctx)
    async with app.run_test(size=WIDE) as pilot:
        await consigned_tab(pilot, app, shop["Eve"])
        screen = detail(app)
        assert text_of(screen, "#consigned-summary") == (
            "1 active · $6,500.00 in stock · 2 sold · $190.00 proceeds"
        )
        assert text_of(screen, "#consigned-balance") == "Owed to the consignor: $134.00"
        assert rows(screen, "#ledger-table") == [
            [f"{LATE}", "Sale · I-000003 Leica M3", "$54.00", "open"],
            [f"{EARLY}", "Sale · I-000002 Nikon F2", "$80.00", "open"],
        ]
        footer_keys = {b.binding.action for b in screen.active_bindings.values() if b.enabled}
        assert {"pay_out", "adjust", "undo_payout"} <= footer_keys
        await pilot.press("o")
        await settle(pilot)
        footer_keys = {b.binding.action for b in screen.active_bindings.values() if b.enabled}
        assert not {"pay_out", "adjust", "undo_payout"} & footer_keys
        titles = [c.title for c in screen.palette_commands()]
        assert {"Pay out consignor", "Undo last payout", "Adjust consignor balance"} <= set(titles)


async def test_pay_out_through_a_date_then_undo_it(
    ui_ctx: Context, shop: dict[str, CustomerRecord], eve_items: None
) -> None:
    eve = shop["Eve"]
    app = ItemOpeningApp(ui_ctx)
    async with app.run_test(size=WIDE) as pilot:
        await consigned_tab(pilot, app, eve)
        await pilot.press("dollar_sign")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PayoutDialog)
        assert text_of(dialog, "#payout-total") == (
            f"Total $134.00 for 2 entries through {TODAY:%Y-%m-%d}"
        )
        # Only what was sold by the through date is paid.
        through = dialog.query_one("#payout-through", Input)
        through.value = f"{TODAY - timedelta(days=10):%Y-%m-%d}"
        await settle(pilot)
        assert text_of(dialog, "#payout-total") == (
            f"Total $80.00 for 1 entry through {TODAY - timedelta(days=10):%Y-%m-%d}"
        )
        assert [r[1] for r in rows(dialog, "#payout-entries")] == ["Sale · I-000002 Nikon F2"]
        through.value = "soon"
        await settle(pilot)
        assert text_of(dialog, "#payout-error") == (
            "Through must be a date as YYYY-MM-DD or MM/DD/YYYY."
        )
        through.value = f"{TODAY - timedelta(days=10):%m/%d/%Y}"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert balance(ui_ctx, eve.id) == 5400
        screen = detail(app)
        assert notices(app)[-1] == (
            f"Payout posted: Paid Eve Adams $80.00 through {TODAY - timedelta(days=10)}."
        )
        assert text_of(screen, "#consigned-balance").startswith(
            "Owed to the consignor: $54.00  ·  last payout $80.00 through "
            f"{TODAY - timedelta(days=10)}"
        )
        assert [(r[1], r[2], r[3]) for r in rows(screen, "#ledger-table")] == [
            ("Sale · I-000003 Leica M3", "$54.00", "open"),
            (f"Payout through {TODAY - timedelta(days=10)}", "-$80.00", ""),
            ("Sale · I-000002 Nikon F2", "$80.00", "paid"),
        ]

        await pilot.press("z")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        await pilot.press("y")
        await settle(pilot)
        assert balance(ui_ctx, eve.id) == 13400
        assert consignor_ledger(ui_ctx, eve.id).payouts == []
        assert text_of(detail(app), "#consigned-balance") == "Owed to the consignor: $134.00"
        assert notices(app)[-1].startswith("Payout undone: The payout of $80.00 through")


async def test_a_payout_that_changed_since_the_preview_is_refused_in_the_dialog(
    ui_ctx: Context, shop: dict[str, CustomerRecord], eve_items: None, other_terminal: Context
) -> None:
    eve = shop["Eve"]
    app = ItemOpeningApp(ui_ctx)
    async with app.run_test(size=WIDE) as pilot:
        await consigned_tab(pilot, app, eve)
        await pilot.press("dollar_sign")
        await settle(pilot)
        adjust(other_terminal, eve.id, 1000, "Forgot the strap")
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PayoutDialog)
        assert text_of(dialog, "#payout-error") == (
            "What is owed to Eve Adams changed since the preview ($134.00 then, $144.00 "
            "now); look again before paying."
        )
        assert text_of(dialog, "#payout-total").startswith("Total $144.00 for 3 entries")
        assert balance(ui_ctx, eve.id) == 14400
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert balance(ui_ctx, eve.id) == 0
        assert text_of(detail(app), "#consigned-balance").startswith("Owed to the consignor: $0.00")
        await pilot.press("escape")  # nothing left to pay out
        await consigned_tab(pilot, app, eve)
        await pilot.press("dollar_sign")
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert notices(app)[-1] == (
            f"Nothing to pay out: Nothing is owed to Eve Adams through {TODAY:%Y-%m-%d}."
        )


async def test_nothing_owed_and_nothing_to_undo_are_said_plainly(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    app = ItemOpeningApp(ui_ctx)
    async with app.run_test(size=WIDE) as pilot:
        await consigned_tab(pilot, app, shop["Dan"])
        assert text_of(detail(app), "#consigned-balance") == "Owed to the consignor: $0.00"
        assert str(detail(app).query_one("#ledger-title").render()) == "Ledger: no entries yet"
        await pilot.press("dollar_sign")
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen)
        assert notices(app)[-1] == (
            f"Nothing to pay out: Nothing is owed to Dan Evans through {TODAY:%Y-%m-%d}."
        )
        await pilot.press("z")
        await settle(pilot)
        assert notices(app)[-1] == "Undo payout: No payout to undo for Dan Evans."


async def test_undoing_a_payout_undone_elsewhere_is_refused_with_a_message(
    ui_ctx: Context, shop: dict[str, CustomerRecord], eve_items: None, other_terminal: Context
) -> None:
    eve = shop["Eve"]
    payout = post_payout(ui_ctx, eve.id, expected_cents=13400)
    app = ItemOpeningApp(ui_ctx)
    async with app.run_test(size=WIDE) as pilot:
        await consigned_tab(pilot, app, eve)
        assert text_of(detail(app), "#consigned-balance").startswith("Owed to the consignor: $0.00")
        await pilot.press("z")
        await settle(pilot)
        undo_payout(other_terminal, payout.id)
        await pilot.press("y")
        await settle(pilot)
        assert notices(app)[-1] == "Payout not undone: That payout no longer exists."
        assert balance(ui_ctx, eve.id) == 13400


async def test_adjust_with_a_signed_amount_and_a_reason(
    ui_ctx: Context, shop: dict[str, CustomerRecord], eve_items: None
) -> None:
    eve = shop["Eve"]
    app = ItemOpeningApp(ui_ctx)
    async with app.run_test(size=WIDE) as pilot:
        await consigned_tab(pilot, app, eve)
        await pilot.press("a")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AdjustDialog)
        await pilot.press(*"ten", "enter", "ctrl+s")
        await settle(pilot)
        assert text_of(dialog, "#adjust-error") == "Amount is an amount like 90.00."
        dialog.query_one("#adjust-amount", Input).value = "-4.50"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text_of(dialog, "#adjust-error") == "An adjustment needs a reason."
        assert app.screen is dialog and balance(ui_ctx, eve.id) == 13400
        dialog.query_one("#adjust-reason", Input).value = "Cleaning fee"
        await pilot.press("ctrl+s")
        await settle(pilot)

        assert balance(ui_ctx, eve.id) == 12950
        screen = detail(app)
        assert text_of(screen, "#consigned-balance") == "Owed to the consignor: $129.50"
        assert rows(screen, "#ledger-table")[0][1:] == [
            "Adjustment · Cleaning fee",
            "-$4.50",
            "open",
        ]
        assert notices(app)[-1] == "Balance adjusted: Eve Adams: -$4.50 (Cleaning fee)."
        await pilot.press("a", "escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomerDetailScreen) and balance(ui_ctx, eve.id) == 12950


# -- plans ----------------------------------------------------------------------------------------


async def test_on_free_a_customer_screen_shows_the_upgrade_notice(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    set_plan(ui_ctx, "free")
    free = ui_ctx.refreshed()
    app = ItemOpeningApp(free)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await app.push_screen(CustomerDetailScreen(free, shop["Eve"].number))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomerDetailScreen)
        assert text_of(screen, "#detail-head") == FREE_NOTICE
        assert screen.profile is None and "Eve" not in str(screen.sub_title)
