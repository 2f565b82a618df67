"""What the list looks like, pixel for pixel: a very wide terminal, a wide one, a narrow one.

Fixed data in a fresh store (customer numbers are deterministic there), no clock in the
header, and the theme chosen explicitly so the terminal running the tests doesn't matter.
Regenerate after a deliberate change with `pytest tests/ui/test_list_snapshots.py
--snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from custtui.core.customers.service import create_customer
from custtui.core.runtime.config import Settings
from custtui.core.store.businesses import Context
from custtui.core.store.engine import Store
from custtui.ui.app import CusttuiApp, make_app

from .helpers import SnapCompare, count_line, snapshot_ready

CUSTOMERS: list[dict[str, object]] = [
    {
        "first_name": "Olivia",
        "last_name": "Bennett",
        "company": "Bennett Antiques",
        "email": "olivia@bennettantiques.com",
        "phone": "(415) 555-2671",
        "street": "12 Market St",
        "city": "San Francisco",
        "state": "CA",
        "postal_code": "94103",
        "is_consignor": True,
        "customer_since": "2016-04-02",
    },
    {
        "first_name": "Marcus",
        "last_name": "Chen",
        "email": "marcus.chen@example.com",
        "phone": "(212) 555-0187",
        "street": "88 Bowery",
        "city": "New York",
        "state": "NY",
        "postal_code": "10013",
        "customer_since": "2021-09-15",
        "on_hold": True,
    },
    {
        "first_name": "Zoë",
        "last_name": "Müller",
        "company": "Müller Motors",
        "email": "zoe@mueller-motors.de",
        "phone": "+49 30 901820",
        "street": "Friedrichstraße 43",
        "city": "Berlin",
        "postal_code": "10117",
        "country": "DE",
    },
    {
        "first_name": "Priya",
        "last_name": "Patel",
        "company": "Patel Garage",
        "email": "priya@patelgarage.com",
        "phone": "(312) 555-0199",
        "street": "400 N State St",
        "city": "Chicago",
        "state": "IL",
        "postal_code": "60654",
    },
    {
        "first_name": "James",
        "last_name": "O'Neil",
        "email": "jim.oneil@example.net",
        "phone": "(617) 555-0123",
        "city": "Boston",
        "state": "MA",
        "postal_code": "02108",
    },
    {
        "first_name": "Sofia",
        "last_name": "Rossi",
        "company": "Rossi Vintage",
        "email": "sofia@rossivintage.com",
        "phone": "(503) 555-0110",
        "street": "9 Elm St",
        "city": "Portland",
        "state": "OR",
        "postal_code": "97205",
        "is_consignor": True,
    },
    {
        "first_name": "Liam",
        "last_name": "Walsh",
        "company": "Walsh & Sons",
        "email": "liam@walshandsons.com",
        "mobile_phone": "(206) 555-0172",
        "city": "Seattle",
        "state": "WA",
        "postal_code": "98101",
    },
    {
        "first_name": "Amara",
        "last_name": "Okafor",
        "email": "amara.okafor@example.org",
        "city": "Atlanta",
        "state": "GA",
        "active": False,
    },
    {
        "first_name": "Hiroshi",
        "last_name": "Tanaka",
        "company": "Tanaka Imports",
        "email": "hiroshi@tanakaimports.com",
        "phone": "(808) 555-0145",
        "street": "1 Aloha Tower Dr",
        "city": "Honolulu",
        "state": "HI",
        "postal_code": "96813",
    },
    {
        "first_name": "Emma",
        "last_name": "Dubois",
        "email": "emma.dubois@example.com",
        "phone": "+1 514 555 0166",
        "city": "Montréal",
        "state": "QC",
        "postal_code": "H2Y 1C6",
        "country": "CA",
    },
    {
        "first_name": "Noah",
        "last_name": "Schmidt",
        "company": "Schmidt Auto Parts",
        "email": "noah@schmidtauto.com",
        "phone": "(720) 555-0158",
        "street": "1600 Broadway",
        "city": "Denver",
        "state": "CO",
        "postal_code": "80202",
    },
    {
        "first_name": "Grace",
        "last_name": "Kim",
        "email": "grace.kim@example.com",
        "phone": "(213) 555-0191",
        "city": "Los Angeles",
        "state": "CA",
        "postal_code": "90012",
    },
]


@pytest.fixture
def twelve(ui_ctx: Context) -> None:
    for values in CUSTOMERS:
        create_customer(ui_ctx, values)


async def loaded(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, CusttuiApp)
    await snapshot_ready(
        pilot, lambda: app.directory is not None and count_line(app) == "12 customers"
    )


def test_list_on_a_wide_terminal(
    snap_compare: SnapCompare,
    ui_settings: Settings,
    ui_store: Store,
    twelve: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CUSTTUI_THEME", "custtui-dark")
    app = make_app(ui_settings, ui_store)
    assert snap_compare(app, terminal_size=(120, 36), run_before=loaded)


def test_list_on_a_very_wide_terminal(
    snap_compare: SnapCompare,
    ui_settings: Settings,
    ui_store: Store,
    twelve: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CUSTTUI_THEME", "custtui-dark")
    app = make_app(ui_settings, ui_store)
    assert snap_compare(app, terminal_size=(140, 36), run_before=loaded)


def test_list_on_a_narrow_16_colour_terminal(
    snap_compare: SnapCompare,
    ui_settings: Settings,
    ui_store: Store,
    twelve: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CUSTTUI_THEME", "ansi-dark")
    app = make_app(ui_settings, ui_store)
    assert snap_compare(app, terminal_size=(70, 24), run_before=loaded)
