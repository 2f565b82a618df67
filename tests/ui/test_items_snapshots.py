"""What the items screen looks like, pixel for pixel, on a 120-column terminal.

Fixed items in a fresh store (numbers are deterministic there), every date fixed: the
expired one ran out in 2024, the current one runs to 2099, so "expired" doesn't move with
the clock. No clock in the header, the theme chosen explicitly. Regenerate after a
deliberate change with `pytest tests/ui/test_items_snapshots.py --snapshot-update`, then
look at the SVG.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Label

from custtui.core.customers.service import create_customer
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.runtime.config import Settings
from custtui.core.store.businesses import Context
from custtui.core.store.engine import Store
from custtui.ui.app import CusttuiApp, make_app
from custtui.ui.screens.items import ItemsScreen

from .helpers import SnapCompare, settle, snapshot_ready

INTAKE = date(2024, 1, 15)


@pytest.fixture
def seven(ui_ctx: Context) -> None:
    olivia = create_customer(
        ui_ctx,
        {
            "first_name": "Olivia",
            "last_name": "Bennett",
            "is_consignor": True,
            "consignor_code": "OB7",
        },
    )
    marcus = create_customer(ui_ctx, {"first_name": "Marcus", "last_name": "Chen"})
    add_items(
        ui_ctx,
        [
            NewItem(
                "Omega Speedmaster 145.022", "Watches", retail_cents=520000, intake_date=INTAKE
            ),
            NewItem(
                "Leica M3 (double stroke)",
                "Cameras",
                "Sold",
                180000,
                172500,
                date(2024, 6, 3),
                marcus.id,
                "Marcus Chen",
                intake_date=INTAKE,
            ),
            NewItem("Fender Stratocaster '62", "Guitars", "Wishlist", 450000, intake_date=INTAKE),
            NewItem(
                "Cartier Tank Must",
                "Watches",
                retail_cents=260000,
                consignor_id=olivia.id,
                commission_bp=2000,
                intake_date=INTAKE,
                expiry_date=date(2024, 4, 14),
                at_expiry="return",
            ),
            NewItem(
                "Gibson J-45 (1964)",
                "Guitars",
                "Sold",
                620000,
                590000,
                date(2024, 2, 14),
                marcus.id,
                "Marcus Chen",
                consignor_id=olivia.id,
                commission_bp=1500,
                intake_date=INTAKE,
                expiry_date=date(2024, 4, 14),
                at_expiry="keep",
            ),
            NewItem(
                "Hermès Carré silk scarf",
                "Handbags",
                retail_cents=42000,
                consignor_id=olivia.id,
                commission_bp=4000,
                intake_date=INTAKE,
                expiry_date=date(2099, 1, 1),
                at_expiry="return",
            ),
            NewItem("Art Deco brooch", "Jewelry", "Archived", 98050, intake_date=INTAKE),
        ],
    )


def test_items_screen_on_a_wide_terminal(
    snap_compare: SnapCompare,
    ui_settings: Settings,
    ui_store: Store,
    seven: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CUSTTUI_THEME", "custtui-dark")
    app = make_app(ui_settings, ui_store)

    def listed() -> bool:
        screen = app.screen
        return (
            isinstance(screen, ItemsScreen)
            and str(screen.query_one("#item-count", Label).content) == "7 items"
        )

    async def items_shown(pilot: Pilot[None]) -> None:
        assert isinstance(pilot.app, CusttuiApp)
        await settle(pilot)
        await pilot.press("f2")
        await snapshot_ready(pilot, listed)

    assert snap_compare(app, terminal_size=(120, 36), run_before=items_shown)
