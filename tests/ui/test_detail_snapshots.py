"""What the profile and the edit form look like, pixel for pixel.

A fully filled customer with notes and items in a fresh store; every stored time is pinned
and read in UTC, so the pictures don't depend on the clock or the tester's time zone.
Regenerate after a deliberate change with `pytest tests/ui/test_detail_snapshots.py
--snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import update
from textual.pilot import Pilot
from textual.widgets import Label

from custtui.core.customers.notes import add_note
from custtui.core.customers.service import create_customer, update_customer
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.runtime.config import Settings
from custtui.core.store.businesses import Context
from custtui.core.store.engine import Store
from custtui.core.store.models import AuditEvent, CustomerNote
from custtui.ui.app import CusttuiApp, make_app
from custtui.ui.screens.customer_form import CustomerForm

from .helpers import SnapCompare, open_profile, settle, snapshot_ready

FILLED: dict[str, object] = {
    "first_name": "Olivia",
    "last_name": "Bennett",
    "company": "Bennett Antiques",
    "email": "olivia@bennettantiques.com",
    "phone": "(415) 555-2671",
    "mobile_phone": "(415) 555-0142",
    "date_of_birth": "1979-08-21",
    "driver_license": "B8843217",
    "dl_state": "CA",
    "street": "12 Market St",
    "street2": "Suite 4",
    "city": "San Francisco",
    "state": "CA",
    "postal_code": "94103",
    "country": "US",
    "notes": "Prefers morning calls.",
    "instagram": "@bennett.antiques",
    "facebook": "facebook.com/bennettantiques",
    "preferred_contact": "Text",
    "discovery_source": "Referral",
    "referral_details": "Sent by Marcus Chen",
    "customer_since": "2019-04-02",
    "is_consignor": True,
    "consignor_code": "OB7",
    "contact_by_email": True,
    "contact_by_sms": True,
}


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def olivia(ui_ctx: Context) -> None:
    customer = create_customer(ui_ctx, FILLED)
    buyer = create_customer(ui_ctx, {"first_name": "Marcus", "last_name": "Chen"})
    update_customer(ui_ctx, customer.number, {"phone": "(415) 555-2671", "on_hold": True})
    for text in (
        "Dropped off the Cartier Tank for appraisal.",
        "Wants first call on any Speedmaster that comes in.",
        "Paid the consignment balance by check.",
    ):
        add_note(ui_ctx, customer.number, text)
    add_items(
        ui_ctx,
        [
            NewItem(
                "Omega Speedmaster 145.022",
                "Watches",
                "Sold",
                520000,
                495000,
                date(2024, 6, 12),
                customer.id,
            ),
            NewItem(
                "Leica M3 (double stroke)",
                "Cameras",
                "Sold",
                180000,
                172500,
                date(2025, 11, 3),
                customer.id,
            ),
            NewItem(
                "Cartier Tank Must",
                "Watches",
                "Collection",
                260000,
                consignor_id=customer.id,
                commission_bp=2000,
            ),
            NewItem(
                "Gibson J-45 (1964)",
                "Guitars",
                "Sold",
                620000,
                590000,
                date(2026, 2, 14),
                buyer.id,
                consignor_id=customer.id,
                commission_bp=1500,
            ),
        ],
    )
    with ui_ctx.store.write() as session:
        notes = session.query(CustomerNote).order_by(CustomerNote.id).all()
        for day, note in enumerate(notes, start=10):
            note.created_at = datetime(2026, 3, day, 15, 30, tzinfo=UTC)
        session.execute(update(AuditEvent).values(at=datetime(2026, 3, 9, 9, 0, tzinfo=UTC)))


def app_for(settings: Settings, store: Store, monkeypatch: pytest.MonkeyPatch) -> CusttuiApp:
    monkeypatch.setenv("CUSTTUI_THEME", "custtui-dark")
    return make_app(settings, store)


def test_profile_of_a_fully_filled_customer(
    snap_compare: SnapCompare,
    ui_settings: Settings,
    ui_store: Store,
    olivia: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = app_for(ui_settings, ui_store, monkeypatch)

    async def open_olivia(pilot: Pilot[None]) -> None:
        await open_profile(pilot, app, 1)  # waits until her profile is on screen
        await snapshot_ready(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=open_olivia)


def test_edit_form_with_two_invalid_fields(
    snap_compare: SnapCompare,
    ui_settings: Settings,
    ui_store: Store,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = app_for(ui_settings, ui_store, monkeypatch)

    def errors_shown() -> bool:
        form = app.screen
        if not isinstance(form, CustomerForm):
            return False
        said = str(form.query_one("#form-error", Label).content)
        return said.startswith("Nothing was saved") and form.focused is form.query_one(
            "#f-last_name"
        )

    async def two_errors(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press(*"Ada", "tab", "tab", "tab", *"ada@", "ctrl+s")
        await snapshot_ready(pilot, errors_shown)

    assert snap_compare(app, terminal_size=(120, 36), run_before=two_errors)
