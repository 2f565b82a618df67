"""What Mark as Sold looks like, pixel for pixel: a consigned item with the buyer being
searched, on a comfortable terminal and on a 70-column one.

Fixed data in a fresh store (customer and item numbers are deterministic there), fixed
dates, the theme chosen explicitly. Regenerate after a deliberate change with
`pytest tests/ui/test_item_dialog_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.pilot import Pilot

from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import create_customer
from custtui.core.items.record import ItemRecord
from custtui.core.items.service import create_item
from custtui.core.items.values import ItemValues
from custtui.core.store.businesses import Context
from custtui.ui.screens.mark_sold import MarkSoldScreen
from custtui.ui.widgets.customer_picker import CustomerPicker

from .dialog_host import DialogHost
from .helpers import SnapCompare, settle, snapshot_ready

PEOPLE: list[dict[str, object]] = [
    {
        "first_name": "Olivia",
        "last_name": "Bennett",
        "email": "olivia@bennettantiques.com",
        "is_consignor": True,
        "consignor_code": "OB1",
    },
    {"first_name": "Marcus", "last_name": "Chen", "email": "marcus.chen@example.com"},
    {"first_name": "Priya", "last_name": "Patel", "phone": "(312) 555-0199"},
    {"first_name": "Sofia", "last_name": "Rossi", "email": "sofia@rossivintage.com"},
]


@pytest.fixture
def robot(ui_ctx: Context) -> ItemRecord:
    people: list[CustomerRecord] = [create_customer(ui_ctx, p) for p in PEOPLE]
    return create_item(
        ui_ctx,
        ItemValues(
            title="Tin robot, 1950s, boxed",
            category="Antiques",
            retail_cents=18_000,
            intake_date=date(2024, 3, 1),
            consignor_id=people[0].id,
        ),
    )


def host(ctx: Context, item: ItemRecord) -> DialogHost:
    return DialogHost(ctx, lambda c: MarkSoldScreen(c, item, today=date(2024, 5, 17)))


async def search_buyer(pilot: Pilot[None]) -> None:
    await settle(pilot)
    picker = pilot.app.screen.query_one(CustomerPicker)
    picker.query_box.focus()
    await pilot.press(*"ch")
    await snapshot_ready(pilot)


@pytest.mark.parametrize("size", [(90, 32), (70, 30)], ids=["wide", "70-columns"])
def test_mark_as_sold_searching_for_a_buyer(
    snap_compare: SnapCompare, ui_ctx: Context, robot: ItemRecord, size: tuple[int, int]
) -> None:
    assert snap_compare(host(ui_ctx, robot), terminal_size=size, run_before=search_buyer)
