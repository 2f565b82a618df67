"""The list at 70, 120 and 140 columns: which columns show, how cut text reads, what the
footer keeps in view, and what F1 lists first. SPEC "Screens" -> List (wide terminals show
more columns, narrow ones a compact row)."""

from __future__ import annotations

import pytest
from textual.widgets._footer import FooterKey

from custtui.core.customers.service import create_customer
from custtui.core.runtime.config import Settings
from custtui.core.store.businesses import Context
from custtui.core.store.engine import Store
from custtui.ui.app import CusttuiApp, make_app
from custtui.ui.screens.help import HelpScreen
from custtui.ui.widgets.customer_table import fit

from .helpers import header_shown, rows_shown, settle, table

# A real Welsh village: one word longer than any column.
LONG_TOWN = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"


@pytest.fixture
def app(ui_settings: Settings, ui_store: Store, ui_ctx: Context) -> CusttuiApp:
    people: list[dict[str, object]] = [
        {
            "first_name": "Chris",
            "last_name": "Adams",
            "phone": "+1 437-439-7412",
            "street": "1 Commercial Drive West",
            "city": "Toronto",
            "state": "ON",
            "postal_code": "M5V 2T6",
            "country": "Canada",
            "customer_since": "2019-05-01",
            "on_hold": True,
        },
        {
            "first_name": "Yan",
            "last_name": "Brook",
            "street": "14 Mill Lane",
            "city": "London",
            "state": "HCK",
            "postal_code": "EC1",
            "country": "GB",
        },
        {"first_name": "Gwen", "last_name": "Jones", "city": LONG_TOWN, "country": "GB"},
        {
            "first_name": "Abe",
            "last_name": "Lincoln",
            "city": "Springfield",
            "state": "IL",
            "active": False,
        },
    ]
    for values in people:
        create_customer(ui_ctx, values)
    return make_app(ui_settings, ui_store)


def row_of(app: CusttuiApp, last_name: str) -> str:
    return next(row for row in rows_shown(app) if f" {last_name} " in row)


async def test_140_columns_show_since_and_status_and_places_as_people_write_them(
    app: CusttuiApp,
) -> None:
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        assert header_shown(app).split() == [
            "No.", "Name", "Company", "Email", "Phone", "Street", "City", "Since", "Status",
        ]  # fmt: skip
        adams = row_of(app, "Adams")
        assert "1 Commercial…" in adams  # cut after a whole word, not in one
        assert "Toronto, ON, Canada" in adams
        assert "2019" in adams and "on hold" in adams
        brook = row_of(app, "Brook")
        assert "London, UK" in brook and "HCK" not in brook
        lincoln = row_of(app, "Lincoln")
        assert "Springfield, IL" in lincoln and "inactive" in lincoln


async def test_120_columns_fill_the_width_and_cut_text_ends_with_an_ellipsis(
    app: CusttuiApp,
) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert header_shown(app).split() == ["No.", "Name", "Company", "Email", "Phone", "City"]
        # What shows beside the scrollbar ends at its edge, with the cut marked.
        room = table(app).scrollable_content_region.width
        jones = row_of(app, "Jones").ljust(room)[:room]
        assert jones.endswith("…") and jones[-2] != " "
        assert "Toronto, ON, Canada" in row_of(app, "Adams")


def test_a_cut_ends_after_a_whole_word_where_one_is_near() -> None:
    assert fit("12 Market St, San Francisco, CA", 20) == "12 Market St, San…  "
    assert fit("olivia@bennettantiques.com", 10) == "olivia@be…"
    assert fit("Boston", 10) == "Boston    "


async def test_70_columns_keep_quit_and_help_in_the_footer(app: CusttuiApp) -> None:
    async with app.run_test(size=(70, 24)) as pilot:
        await settle(pilot)
        keys = {key.description: key for key in app.screen.query(FooterKey)}
        palette = keys.pop("palette")
        for wanted in ("Quit", "Help"):
            assert keys[wanted].region.right <= palette.region.x, wanted


async def test_f1_lists_the_screens_keys_then_the_apps_without_the_text_boxs(
    app: CusttuiApp,
) -> None:
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        order = [
            "Filter by name",  # the screen's own
            "Clear the filter",
            "Keys of this screen",  # then the app's: F1, F2, F3, Ctrl+P, Ctrl+Q
            "The items screen",
            "Command palette",
            "Leave custtui",
        ]
        at = [text.index(entry) for entry in order]
        assert at == sorted(at)
        assert "cursor" not in text.lower()  # the filter box's editing keys
        assert len(text.splitlines()) < 30
