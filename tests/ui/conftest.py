"""Stores for the UI tests: a real SQLite file per test (fast; the core tests cover PostgreSQL).

The autouse fixture of tests/conftest.py already isolates data, config and log folders and
sets CUSTTUI_USER=tester.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import create_customer
from custtui.core.runtime.config import Settings, sqlite_url
from custtui.core.store.businesses import Context, open_context
from custtui.core.store.engine import Store
from custtui.ui.app import CusttuiApp, make_app


@pytest.fixture(autouse=True)
def _no_theme_override(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tester's own CUSTTUI_THEME must not change what the tests see."""
    monkeypatch.delenv("CUSTTUI_THEME", raising=False)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """Screens are tested on SQLite only: the store's own tests cover PostgreSQL."""
    return sqlite_url(tmp_path / "data" / "custtui.db")


# The shared store fixtures (tests/conftest.py), on that SQLite file.
@pytest.fixture
def ui_settings(settings: Settings) -> Settings:
    return settings


@pytest.fixture
def ui_store(store: Store) -> Store:
    return store


@pytest.fixture
def ui_ctx(ctx: Context) -> Context:
    return ctx


@pytest.fixture
def shop(ui_ctx: Context) -> dict[str, CustomerRecord]:
    """Five customers of a premium business, keyed by first name.

    Created in an order that is none of the sort orders, so every sort visibly reorders:
    number  Zoë, Ann, Bob, Dan, Eve
    last    Eve Adams, Ann Baker, Bob Carter, Dan Evans, Zoë Müller
    first   Ann, Bob, Dan, Eve, Zoë
    company Acme Cars (Zoë), Acme Motors (Bob), Beta Garage (Dan), then no company: Eve, Ann
    Dan and Eve are consignors.
    """
    people: list[dict[str, object]] = [
        {
            "first_name": "Zoë",
            "last_name": "Müller",
            "company": "Acme Cars",
            "email": "zoe@example.com",
            "phone": "(415) 555-2671",
        },
        {
            "first_name": "Ann",
            "last_name": "Baker",
            "email": "ann.baker@example.org",
            "phone": "212-555-0100",
            "date_of_birth": "1985-03-14",
            "driver_license": "D7654321",
            "dl_state": "NY",
            "street": "12 Market St",
            "city": "San Francisco",
            "state": "CA",
            "postal_code": "94103",
        },
        {
            "first_name": "Bob",
            "last_name": "Carter",
            "company": "Acme Motors",
            "email": "bob@acmemotors.com",
            "phone": "(312) 555-0199",
        },
        {
            "first_name": "Dan",
            "last_name": "Evans",
            "company": "Beta Garage",
            "email": "dan@betagarage.com",
            "mobile_phone": "+44 20 7946 0958",
            "is_consignor": True,
        },
        {
            "first_name": "Eve",
            "last_name": "Adams",
            "email": "eve@example.com",
            "is_consignor": True,
            "consignor_code": "EVE1",
        },
    ]
    return {str(p["first_name"]): create_customer(ui_ctx, p) for p in people}


@pytest.fixture
def app(ui_settings: Settings, ui_store: Store, shop: dict[str, CustomerRecord]) -> CusttuiApp:
    return make_app(ui_settings, ui_store)


@pytest.fixture
def other_terminal(ui_settings: Settings) -> Iterator[Context]:
    """A second connection to the same database, as another terminal or the command line."""
    store = Store.open(ui_settings.database_url, ui_settings.key_file)
    yield open_context(store, None, "colleague")
    store.close()
