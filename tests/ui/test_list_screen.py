"""The list screen, as a user meets it: type to filter, move, open, sort, export, ask for help.

SPEC "Screens" -> List. Every test drives the real app (make_app) on a real SQLite store.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

import pytest
from sqlalchemy.engine import make_url
from textual.pilot import Pilot
from textual.widgets import Label

from custtui.core.customers.lookup import customer_count, reveal_sensitive
from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import (
    create_customer,
    create_customers,
    delete_customer,
    update_customer,
)
from custtui.core.errors import StoreError
from custtui.core.runtime.config import Settings
from custtui.core.search.tuning import SearchTuning
from custtui.core.store import audit
from custtui.core.store.businesses import Context, set_plan, set_team_locked
from custtui.core.store.engine import Store
from custtui.ui.app import CusttuiApp, make_app
from custtui.ui.launch import open_for_tui
from custtui.ui.screens.ask import AskScreen
from custtui.ui.screens.customer_form import CustomerForm
from custtui.ui.screens.customer_list import CustomerListScreen
from custtui.ui.screens.error import ErrorScreen
from custtui.ui.screens.help import HelpScreen
from custtui.ui.screens.import_wizard import ImportWizard
from custtui.ui.screens.items import ItemsScreen
from custtui.ui.screens.upgrade import UpgradeNotice
from custtui.ui.theme import pick_theme

from .helpers import (
    SIZE,
    count_line,
    count_polls,
    filter_box,
    header_shown,
    highlighted_name,
    label_text,
    list_screen,
    names_shown,
    notices,
    opened,
    palette_prompts,
    rows_shown,
    settle,
    table,
    type_text,
    wait_until,
)

LAST_NAME_ORDER = ["Eve Adams", "Ann Baker", "Bob Carter", "Dan Evans", "Zoë Müller"]
FIRST_NAME_ORDER = ["Ann Baker", "Bob Carter", "Dan Evans", "Eve Adams", "Zoë Müller"]
NUMBER_ORDER = ["Zoë Müller", "Ann Baker", "Bob Carter", "Dan Evans", "Eve Adams"]
# Companies A-Z, then the customers without one (by last name).
COMPANY_ORDER = ["Zoë Müller", "Bob Carter", "Dan Evans", "Eve Adams", "Ann Baker"]


def ids(shop: dict[str, CustomerRecord], names: list[str]) -> list[int]:
    return [shop[name.split()[0]].id for name in names]


def sqlite_file(settings: Settings) -> Path:
    database = make_url(settings.database_url).database
    assert database
    return Path(database)


@pytest.fixture
def crowd(ui_ctx: Context) -> dict[str, int]:
    """Sixty customers, more than a screen holds: 'First00 Last00' … ; name -> id."""
    rows = [{"first_name": f"First{i:02d}", "last_name": f"Last{i:02d}"} for i in range(60)]
    created = create_customers(ui_ctx, rows)
    return {f"First{i:02d} Last{i:02d}": c.id for i, c in enumerate(created)}


# -- start -------------------------------------------------------------------------------------


async def test_start_focuses_the_filter_and_lists_everyone_by_last_name(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.focused is filter_box(app)
        assert count_line(app) == "5 customers"
        assert label_text(app, "sort-label") == "by last name ↑"
        assert names_shown(app) == LAST_NAME_ORDER
        assert table(app).visible_ids() == ids(shop, LAST_NAME_ORDER)
        assert highlighted_name(app) == "Eve Adams"


async def test_one_customer_is_counted_in_the_singular(
    ui_settings: Settings, ui_store: Store, ui_ctx: Context
) -> None:
    create_customer(ui_ctx, {"first_name": "Ann", "last_name": "Baker"})
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert count_line(app) == "1 customer"
        assert names_shown(app) == ["Ann Baker"]
        await type_text(pilot, "ann")
        assert count_line(app) == "1 of 1 customer"


async def test_an_empty_store_shows_zero_customers(ui_settings: Settings, ui_store: Store) -> None:
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert count_line(app) == "0 customers"
        assert rows_shown(app) == []
        await pilot.press("enter")
        await settle(pilot)
        assert notices(app) == []


# -- filtering ---------------------------------------------------------------------------------


async def test_typing_filters_at_once_and_the_count_says_how_many(
    app: CusttuiApp, ui_ctx: Context
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "acme")
        assert count_line(app) == "2 of 5 customers"
        assert names_shown(app) == ["Bob Carter", "Zoë Müller"]
        await type_text(pilot, " bob")
        assert count_line(app) == "1 of 5 customers"
        assert names_shown(app) == ["Bob Carter"]
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await settle(pilot)
        assert count_line(app) == "2 of 5 customers"
    assert customer_count(ui_ctx) == 5  # filtering only looks


async def test_a_big_shop_shows_a_first_page_then_the_exact_count(
    ui_settings: Settings, ui_store: Store, shop: dict[str, CustomerRecord]
) -> None:
    # Every filter takes the big-shop path: a first page at once, every match in slices of
    # two rows between keys; the count only ever lands exact, for what was typed last.
    big_shop = SearchTuning(split_above=0, sync_rows=-1, slice=2)
    app = make_app(ui_settings, ui_store, tuning=big_shop)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        assert count_line(app) in {"counting… of 5 customers", "5 of 5 customers"}
        assert names_shown(app) == LAST_NAME_ORDER
        await type_text(pilot, "cme")
        assert count_line(app) == "2 of 5 customers"
        assert names_shown(app) == ["Bob Carter", "Zoë Müller"]
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert (count_line(app), names_shown(app)) == ("0 of 5 customers", [])
        await pilot.press("ctrl+t", "ctrl+o", "ctrl+o", "ctrl+o")
        await settle(pilot)
        assert label_text(app, "sort-label") == "by company ↑"
        assert names_shown(app) == ["Zoë Müller", "Bob Carter"]
        await pilot.press("ctrl+g")  # reversed: the first page and the full answer both
        await settle(pilot)
        assert names_shown(app) == ["Bob Carter", "Zoë Müller"]
        await pilot.press("escape")
        await settle(pilot)
        assert count_line(app) == "5 customers"
        assert names_shown(app) == COMPANY_ORDER[::-1]
        await type_text(pilot, "c-4")  # a number first, in a big shop too
        assert (count_line(app), names_shown(app)) == ("1 of 5 customers", ["Dan Evans"])


async def check_searches(
    pilot: Pilot[None], app: CusttuiApp, searches: list[tuple[str, list[str]]]
) -> None:
    """Type each query into a cleared filter box; the rows and the count must follow."""
    for query, expected in searches:
        await type_text(pilot, query)
        assert filter_box(app).value == query
        assert (query, names_shown(app)) == (query, expected)
        assert (query, count_line(app)) == (query, f"{len(expected)} of 5 customers")
        await pilot.press("escape")
        await settle(pilot)
        assert count_line(app) == "5 customers"


async def test_every_word_must_match_whatever_the_case_or_accents(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await check_searches(
            pilot,
            app,
            [
                ("acme bob", ["Bob Carter"]),  # company and first name
                ("acme ann", []),  # AND, not OR
                ("BAKER", ["Ann Baker"]),  # case-insensitive
                ("zoe", ["Zoë Müller"]),  # accents folded
                ("muller", ["Zoë Müller"]),
            ],
        )


async def test_email_company_and_phones_match(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await check_searches(
            pilot,
            app,
            [
                (".org", ["Ann Baker"]),  # email
                ("garage", ["Dan Evans"]),  # company
                ("5552671", ["Zoë Müller"]),  # phone digits, punctuation ignored
                ("555-0100", ["Ann Baker"]),  # phone as people write it
                ("7946", ["Dan Evans"]),  # mobile phone
            ],
        )


async def test_date_of_birth_and_driver_license_never_match(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    secret = reveal_sensitive(ui_ctx, shop["Ann"].number)
    assert (str(secret.date_of_birth), secret.driver_license) == ("1985-03-14", "D7654321")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await check_searches(
            pilot,
            app,
            [("1985-03-14", []), ("D7654321", [])],
        )


async def test_a_customer_number_in_any_form_finds_that_customer_first(
    app: CusttuiApp, ui_ctx: Context
) -> None:
    # "c3" is also in Cy's email: Bob Carter (C-000003) comes first, then the text's match.
    create_customer(ui_ctx, {"first_name": "Cy", "last_name": "Aaron", "email": "c3@cy.org"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in ("C-000002", "c-2", "C2", "c2", "#2", "c-000002"):
            await type_text(pilot, query)
            assert (query, names_shown(app)) == (query, ["Ann Baker"])
            assert (query, count_line(app)) == (query, "1 of 6 customers")
            await pilot.press("escape")
        await type_text(pilot, "c3")
        assert names_shown(app) == ["Bob Carter", "Cy Aaron"]
        assert count_line(app) == "2 of 6 customers"
        await pilot.press("ctrl+g")  # any order, any way round: the number stays first
        await settle(pilot)
        assert names_shown(app) == ["Bob Carter", "Cy Aaron"]
        await pilot.press("escape")
        await type_text(pilot, "#6")  # Cy's own number: listed once
        assert (names_shown(app), count_line(app)) == (["Cy Aaron"], "1 of 6 customers")
        await pilot.press("escape")
        await type_text(pilot, "#9")
        assert count_line(app) == "0 of 6 customers"
        assert "No customer matches “#9”." in table(app).render_line(1).text
        await pilot.press("escape", "ctrl+t")  # consignors only: Ann is none, Dan is
        await type_text(pilot, "c2")
        assert count_line(app) == "0 of 6 customers"
        await pilot.press("escape")
        await type_text(pilot, "#4")
        assert names_shown(app) == ["Dan Evans"]
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "C-000004  Dan Evans"


async def test_escape_clears_the_filter_from_the_box_or_the_list(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "acme")
        assert count_line(app) == "2 of 5 customers"
        await pilot.press("escape")
        await settle(pilot)
        assert filter_box(app).value == ""
        assert count_line(app) == "5 customers"
        assert names_shown(app) == LAST_NAME_ORDER

        await type_text(pilot, "evans")
        await pilot.press("tab")
        assert app.focused is table(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is filter_box(app)
        assert filter_box(app).value == ""
        assert count_line(app) == "5 customers"


# -- moving and opening ------------------------------------------------------------------------


async def test_arrows_in_the_filter_move_the_list_and_enter_opens(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert app.focused is filter_box(app)
        assert highlighted_name(app) == "Bob Carter"
        assert table(app).current_id == shop["Bob"].id
        await pilot.press("up")
        assert highlighted_name(app) == "Ann Baker"
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "C-000002  Ann Baker"
        await pilot.press("escape")
        assert isinstance(app.screen, CustomerListScreen)
        assert highlighted_name(app) == "Ann Baker"


async def test_type_then_enter_opens_the_first_match(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "7946")
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "C-000004  Dan Evans"


async def test_letters_typed_on_the_list_go_to_the_filter_and_never_quit(
    app: CusttuiApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        assert app.focused is table(app)
        await type_text(pilot, "quinn")
        assert app.is_running
        assert app.focused is filter_box(app)
        assert filter_box(app).value == "quinn"
        assert count_line(app) == "0 of 5 customers"


async def test_q_is_a_letter_and_enter_with_no_match_opens_nothing(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "q")  # q quits only outside text boxes
        assert app.is_running
        assert filter_box(app).value == "q"
        assert count_line(app) == "0 of 5 customers"
        await pilot.press("enter")
        await settle(pilot)
        assert rows_shown(app) == []
        assert notices(app) == []


async def test_page_keys_and_home_end_move_through_a_long_list(
    ui_settings: Settings, ui_store: Store, crowd: dict[str, int]
) -> None:
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert count_line(app) == "60 customers"
        assert names_shown(app)[0] == "First00 Last00"
        await pilot.press("pagedown")
        first_page = highlighted_name(app)
        assert first_page is not None and first_page != "First00 Last00"
        await pilot.press("pagedown")
        second_page = highlighted_name(app)  # None when not drawn on screen
        assert second_page is not None and second_page > first_page
        assert names_shown(app)[0] != "First00 Last00"  # the list scrolled with the cursor
        await pilot.press("pagedown", "pagedown")
        assert highlighted_name(app) == "First59 Last59"
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        assert highlighted_name(app) == "First00 Last00"
        assert names_shown(app)[0] == "First00 Last00"

        await pilot.press("tab")
        assert app.focused is table(app)
        await pilot.press("end")
        assert highlighted_name(app) == "First59 Last59"
        assert names_shown(app)[-1] == "First59 Last59"
        await pilot.press("home")
        assert highlighted_name(app) == "First00 Last00"
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "C-000001  First00 Last00"


async def test_visible_ids_are_exactly_the_rows_drawn(
    ui_settings: Settings, ui_store: Store, crowd: dict[str, int]
) -> None:
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        drawn = [crowd[name] for name in names_shown(app)]
        assert len(drawn) < 60
        assert table(app).visible_ids() == drawn


# -- sorting -----------------------------------------------------------------------------------


async def test_ctrl_o_cycles_the_sort_order(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen: list[tuple[str, list[str]]] = [(label_text(app, "sort-label"), names_shown(app))]
        for _ in range(4):
            await pilot.press("ctrl+o")
            await settle(pilot)
            seen.append((label_text(app, "sort-label"), names_shown(app)))
        labels = [label for label, _ in seen]
        assert labels == [
            "by last name ↑",
            "by first name ↑",
            "by number ↑",
            "by company ↑",
            "by last name ↑",
        ]
        assert seen[1][1] == FIRST_NAME_ORDER
        assert seen[2][1] == NUMBER_ORDER
        assert seen[3][1] == COMPANY_ORDER  # customers without a company last
        assert seen[4][1] == LAST_NAME_ORDER
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert table(app).visible_ids() == ids(shop, FIRST_NAME_ORDER)


async def test_sorting_keeps_the_highlighted_customer(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert highlighted_name(app) == "Bob Carter"
        await pilot.press("ctrl+o", "ctrl+o")
        await settle(pilot)
        assert label_text(app, "sort-label") == "by number ↑"
        assert highlighted_name(app) == "Bob Carter"
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert label_text(app, "sort-label") == "by number ↓"
        assert highlighted_name(app) == "Bob Carter"


async def test_ctrl_g_reverses_the_sort_and_the_status_line_says_which_way(
    app: CusttuiApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert label_text(app, "sort-label") == "by last name ↓"
        assert names_shown(app) == LAST_NAME_ORDER[::-1]
        assert count_line(app) == "5 customers"
        await type_text(pilot, "acme")  # a filter keeps the way round
        assert names_shown(app) == ["Zoë Müller", "Bob Carter"]
        assert count_line(app) == "2 of 5 customers"
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert label_text(app, "sort-label") == "by last name ↑"
        assert names_shown(app) == ["Bob Carter", "Zoë Müller"]
        await pilot.press("escape", "ctrl+g", "ctrl+o")  # the next order starts A to Z
        await settle(pilot)
        assert label_text(app, "sort-label") == "by first name ↑"
        assert names_shown(app) == FIRST_NAME_ORDER
        await pilot.press("ctrl+p")
        await type_text(pilot, "newest")
        assert palette_prompts(app)[0] == "Sort by number ↓ (newest first)"
        await pilot.press("enter")
        await settle(pilot)
        assert label_text(app, "sort-label") == "by number ↓"
        assert names_shown(app) == NUMBER_ORDER[::-1]
        await pilot.press("ctrl+p")
        await type_text(pilot, "reverse")
        assert palette_prompts(app)[0] == "Reverse the sort order"
        await pilot.press("enter")
        await settle(pilot)
        assert label_text(app, "sort-label") == "by number ↑"
        assert names_shown(app) == NUMBER_ORDER


# -- consignors and plans ----------------------------------------------------------------------


async def test_consignors_only_on_premium_combines_with_the_filter(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert label_text(app, "consignors") == "[ ] Consignors (^t)"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert label_text(app, "consignors") == "[x] Consignors (^t)"
        assert count_line(app) == "2 of 5 customers"
        assert names_shown(app) == ["Eve Adams", "Dan Evans"]
        await type_text(pilot, "garage")
        assert count_line(app) == "1 of 5 customers"
        assert names_shown(app) == ["Dan Evans"]
        await type_text(pilot, " bob")
        assert count_line(app) == "0 of 5 customers"
        await pilot.press("escape")  # clears the text, not the toggle
        await settle(pilot)
        assert count_line(app) == "2 of 5 customers"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert label_text(app, "consignors") == "[ ] Consignors (^t)"
        assert count_line(app) == "5 customers"
        assert names_shown(app) == LAST_NAME_ORDER


async def test_pro_plan_hides_the_consignors_toggle(
    ui_settings: Settings, ui_store: Store, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    set_plan(ui_ctx, "pro")
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        consignors = list_screen(app).query_one("#consignors")
        assert consignors.display is False
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert count_line(app) == "5 customers"
        assert names_shown(app) == LAST_NAME_ORDER
        assert filter_box(app).value == ""

        await pilot.press("f1")
        help_text = str(app.screen.query_one("#help-text").render())
        assert "Show only consignors" not in help_text
        await pilot.press("escape")

        await pilot.press("ctrl+p")
        await settle(pilot)
        prompts = palette_prompts(app)
        assert "Export customers to CSV (save)" in prompts
        assert "Toggle consignors only" not in prompts


async def test_free_plan_shows_an_upgrade_notice_instead_of_customers(
    ui_settings: Settings,
    ui_store: Store,
    ui_ctx: Context,
    shop: dict[str, CustomerRecord],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_plan(ui_ctx, "free")
    monkeypatch.chdir(tmp_path)
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Free opens on the items screen; the customers are behind the notice (F3).
        assert isinstance(app.screen, ItemsScreen)
        await pilot.press("f3")
        await settle(pilot)
        assert isinstance(app.screen, UpgradeNotice)
        assert not any(isinstance(s, CustomerListScreen) for s in app.screen_stack)
        title = str(app.screen.query_one("#upgrade-title").render())
        message = str(app.screen.query_one("#upgrade-message").render())
        assert "pro and premium plans" in title
        assert "free plan" in message and "custtui plan set pro" in message
        assert not any(c.first_name in message or c.last_name in message for c in shop.values())

        await pilot.press("ctrl+r")  # no export behind the notice either
        await settle(pilot)
        assert list(tmp_path.glob("customers-*.csv")) == []

        await pilot.press("ctrl+p")
        await type_text(pilot, "baker")
        assert not any("Ann Baker" in prompt for prompt in palette_prompts(app))
    assert customer_count(ui_ctx) == 5  # downgrading never deletes data


# -- export ------------------------------------------------------------------------------------


async def test_export_writes_a_dated_csv_in_the_current_folder(
    app: CusttuiApp,
    ui_ctx: Context,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "where-the-user-is"
    folder.mkdir()
    monkeypatch.chdir(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = date.today()
        await pilot.press("ctrl+r")
        await settle(pilot)
        after = date.today()
        written = sorted(folder.iterdir())
        assert len(written) == 1
        path = written[0]
        assert path.name in {f"customers-{day.isoformat()}.csv" for day in (before, after)}
        assert notices(app) == [f"Export: Exported 5 customers to {path}"]

        await pilot.press("ctrl+r")  # a second export the same day keeps the first
        await settle(pilot)
        assert {p.name for p in folder.iterdir()} == {
            path.name,
            path.name.replace(".csv", "-2.csv"),
        }

    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert [(r["First Name"], r["Last Name"], r["Company"]) for r in rows] == [
        ("Zoë", "Müller", "Acme Cars"),
        ("Ann", "Baker", ""),
        ("Bob", "Carter", "Acme Motors"),
        ("Dan", "Evans", "Beta Garage"),
        ("Eve", "Adams", ""),
    ]
    assert "1985" not in text and "7654321" not in text  # never DOB or driver license
    with ui_ctx.store.read() as session:
        events = audit.events_since(session, ui_ctx.business.id, 0)
    exports = [e for e in events if e.action == "customers_exported"]
    assert [e.changes["file"] for e in exports][0] == str(path)


async def test_with_a_filter_on_export_asks_shown_or_all_and_the_file_name_says_which(
    app: CusttuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "acme")
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        assert "the 2 shown, or all 5" in str(app.screen.query_one("#ask-message").render())
        await pilot.press("escape")  # no answer: nothing written
        await settle(pilot)
        assert list(folder.iterdir()) == []
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        (shown,) = folder.iterdir()
        assert shown.name.startswith("customers-") and shown.name.endswith("-filtered.csv")
        assert notices(app) == [f"Export: Exported 2 customers to {shown}"]
        with shown.open(encoding="utf-8", newline="") as handle:
            rows = [(r["First Name"], r["Last Name"]) for r in csv.DictReader(handle)]
        assert rows == [("Bob", "Carter"), ("Zoë", "Müller")]  # as the list shows them
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        (every,) = set(folder.iterdir()) - {shown}
        assert every.name == shown.name.replace("-filtered", "")
        with every.open(encoding="utf-8", newline="") as handle:
            assert len(list(csv.DictReader(handle))) == 5
        await pilot.press("escape", "ctrl+t")  # consignors only is a filter too
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        (consignors,) = set(folder.iterdir()) - {shown, every}
        assert consignors.name == shown.name.replace(".csv", "-2.csv")
        with consignors.open(encoding="utf-8", newline="") as handle:
            assert [r["First Name"] for r in csv.DictReader(handle)] == ["Eve", "Dan"]


async def test_export_with_no_customers_writes_nothing_and_says_so(
    ui_settings: Settings, ui_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.iterdir())
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.screen.active_bindings["ctrl+r"].enabled is False  # shown disabled
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert notices(app) == ["Export: There are no customers to export yet."]
    assert set(tmp_path.iterdir()) == before


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
async def test_export_that_cannot_be_written_is_a_notice_not_a_crash(
    app: CusttuiApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/proc")  # a folder nobody, not even root, can create files in
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert app.is_running
        assert isinstance(app.screen, CustomerListScreen)
        assert len(notices(app)) == 1
        assert notices(app)[0].startswith("Error: Can't write /proc/customers-")


async def test_export_from_a_deleted_folder_is_a_notice_not_a_crash(
    app: CusttuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+r")
            await settle(pilot)
            assert app.is_running
            assert any("current folder no longer exists" in n for n in notices(app))
    finally:
        os.chdir(tmp_path)  # pytest itself needs a current folder to report


# -- help and palette --------------------------------------------------------------------------


async def test_f1_lists_the_keys_and_escape_closes_it(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        help_text = str(app.screen.query_one("#help-text").render())
        for entry in (
            "Keys — Customers",
            "Export customers to a CSV file (with a filter on: the shown or all)",
            "Change the sort order",
            "Reverse the sort order (Z to A, newest first)",
            "That customer first (c49 and c-49 too)",
            "Show only consignors",
            "Clear the filter",
            "Open the highlighted customer",
            "Command palette",
        ):
            assert entry in help_text
        await pilot.press("escape")
        assert isinstance(app.screen, CustomerListScreen)
        assert app.focused is filter_box(app)
        await pilot.press("f1", "f1")  # F1 toggles too
        assert isinstance(app.screen, CustomerListScreen)


async def test_palette_jumps_straight_to_a_customer(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "bake")
        prompts = palette_prompts(app)
        assert prompts[0].startswith("Ann Baker")
        assert "C-000002" in prompts[0]
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "C-000002  Ann Baker"


async def test_palette_jumps_to_a_customer_by_number(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in ("C-000004", "c-4", "C4", "#4", "c4"):
            await pilot.press("ctrl+p")
            await type_text(pilot, query)
            assert (query, palette_prompts(app)[0].split("  ")[0]) == (query, "Dan Evans")
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "#4")
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "C-000004  Dan Evans"


async def test_the_palette_finds_actions_by_the_words_clerks_type(
    app: CusttuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "here"
    folder.mkdir()
    monkeypatch.chdir(folder)

    async def run(word: str, title: str) -> None:
        await pilot.press("ctrl+p")
        await type_text(pilot, word)
        assert (word, palette_prompts(app)[0]) == (word, title)
        await pilot.press("enter")
        await settle(pilot)

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for word in ("add", "new"):
            await run(word, "New customer (add)")
            assert isinstance(app.screen, CustomerForm)
            await pilot.press("escape")
            await settle(pilot)
        await run("import", "Import customers (load CSV or Excel)")
        assert isinstance(app.screen, ImportWizard)
        await pilot.press("escape")
        await settle(pilot)
        await run("export", "Export customers to CSV (save)")
        assert [p.name.startswith("customers-") for p in folder.iterdir()] == [True]
        await run("items", "Items (F2: stock, products)")
        assert isinstance(app.screen, ItemsScreen)
        await run("customers", "Customers (F3: clients)")
        assert isinstance(app.screen, CustomerListScreen)


async def test_palette_lists_the_screen_commands_and_runs_them(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        prompts = palette_prompts(app)
        for command in (
            "Find a customer…",
            "Export customers to CSV (save)",
            "Sort by company ↑ (A to Z)",
            "Sort by first name ↓ (Z to A)",
            "Sort by number ↓ (newest first)",
            "Reverse the sort order",
            "Toggle consignors only",
            "Clear filter",
            "Help: keys of this screen",
        ):
            assert command in prompts
        await type_text(pilot, "by first")
        assert palette_prompts(app)[0] == "Sort by first name ↑ (A to Z)"
        await pilot.press("enter")
        await settle(pilot)
        assert label_text(app, "sort-label") == "by first name ↑"
        assert names_shown(app) == FIRST_NAME_ORDER


# -- live updates from another terminal --------------------------------------------------------


@pytest.mark.parametrize("row_sets", [False, True], ids=["scanned", "from row sets"])
async def test_a_customer_added_elsewhere_appears_without_a_restart(
    ui_settings: Settings,
    ui_store: Store,
    shop: dict[str, CustomerRecord],
    other_terminal: Context,
    row_sets: bool,
) -> None:
    # With row sets, any substring two customers share gets one, as a frequent one does among
    # a million customers: the list must follow another terminal's saves all the same.
    tuning = SearchTuning(gram_min_rows=2) if row_sets else SearchTuning()
    app = make_app(ui_settings, ui_store, poll_interval=0.1, tuning=tuning)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if row_sets:
            assert await wait_until(
                pilot, lambda: app.directory is not None and app.directory.search_prepared
            )
            assert app.directory is not None and app.directory.index.rows_to_test("acme") == 0
        await type_text(pilot, "acme")
        assert count_line(app) == "2 of 5 customers"
        create_customer(
            other_terminal, {"first_name": "Fay", "last_name": "Abbott", "company": "Acme Boats"}
        )
        assert await wait_until(pilot, lambda: count_line(app) == "3 of 6 customers")
        assert names_shown(app) == ["Fay Abbott", "Bob Carter", "Zoë Müller"]
        await pilot.press("escape")
        await settle(pilot)
        assert count_line(app) == "6 customers"
        assert names_shown(app) == ["Fay Abbott", *LAST_NAME_ORDER]


async def test_a_name_changed_elsewhere_updates_its_row(
    ui_settings: Settings, ui_store: Store, shop: dict[str, CustomerRecord], other_terminal: Context
) -> None:
    app = make_app(ui_settings, ui_store, poll_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        update_customer(other_terminal, shop["Ann"].number, {"first_name": "Annabel"})
        assert await wait_until(pilot, lambda: "Annabel Baker" in names_shown(app))
        assert "Ann Baker" not in names_shown(app)
        assert count_line(app) == "5 customers"
        await type_text(pilot, "annabel")
        assert names_shown(app) == ["Annabel Baker"]


async def test_a_customer_deleted_elsewhere_disappears(
    ui_settings: Settings, ui_store: Store, shop: dict[str, CustomerRecord], other_terminal: Context
) -> None:
    app = make_app(ui_settings, ui_store, poll_interval=0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        assert highlighted_name(app) == "Bob Carter"
        delete_customer(other_terminal, shop["Bob"].number)
        assert await wait_until(pilot, lambda: count_line(app) == "4 customers")
        assert names_shown(app) == ["Eve Adams", "Ann Baker", "Dan Evans", "Zoë Müller"]
        await pilot.press("enter")
        await settle(pilot)
        assert not any("Bob Carter" in notice for notice in notices(app))


# -- when the store fails ----------------------------------------------------------------------


async def test_a_database_that_cannot_be_opened_shows_why(ui_settings: Settings) -> None:
    path = sqlite_file(ui_settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database, it is a shopping list\n" * 200)
    store, failure = open_for_tui(ui_settings, demo=False)
    assert store is None and isinstance(failure, StoreError)
    app = make_app(ui_settings, store, failure=failure)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message").render())
        assert message == str(failure)
        assert "not a database" in message
        await pilot.press("escape")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_store_failure_passed_in_is_shown_not_raised(ui_settings: Settings) -> None:
    app = make_app(ui_settings, None, failure=StoreError("The disk is on fire."))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert str(app.screen.query_one("#error-title").render()) == (
            "custtui can't open the customer store"
        )
        assert str(app.screen.query_one("#error-message").render()) == "The disk is on fire."


async def test_a_locked_team_refuses_a_stranger_with_a_clear_message(
    ui_store: Store, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    set_team_locked(ui_ctx, True)
    stranger = make_app(Settings.resolve(user="stranger"), ui_store)
    async with stranger.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(stranger.screen, ErrorScreen)
        message = str(stranger.screen.query_one("#error-message").render())
        assert "stranger is not on the team of My business" in message
        assert "custtui team add stranger" in message
        assert not any(c.first_name in message for c in shop.values())

    member = make_app(Settings.resolve(user="tester"), ui_store)
    async with member.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert count_line(member) == "5 customers"


async def test_customers_that_cannot_be_read_are_reported_on_the_list(
    ui_settings: Settings, ui_store: Store, shop: dict[str, CustomerRecord]
) -> None:
    with sqlite3.connect(sqlite_file(ui_settings)) as raw:
        raw.execute("ALTER TABLE customers RENAME TO customers_elsewhere")
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.is_running
        assert count_line(app) == "Can't load customers"
        assert "no such table" in table(app).render_line(1).text
        assert len(notices(app)) == 1 and notices(app)[0].startswith("Error: ")
        assert rows_shown(app) == []


async def test_the_reason_customers_cannot_be_read_stays_readable(
    ui_settings: Settings, ui_store: Store, shop: dict[str, CustomerRecord]
) -> None:
    with sqlite3.connect(sqlite_file(ui_settings)) as raw:
        raw.execute("ALTER TABLE customers RENAME TO customers_elsewhere")
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        count = list_screen(app).query_one("#count", Label)
        assert count.content_region.width >= len(count_line(app))
        # The reason stays where the rows would be, after the notification has gone.
        assert "no such table: customers" in table(app).render_line(1).text


async def test_losing_the_store_while_running_warns_once_and_recovers(
    ui_settings: Settings,
    ui_store: Store,
    shop: dict[str, CustomerRecord],
    other_terminal: Context,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    polls = count_polls(monkeypatch)
    app = make_app(ui_settings, ui_store, poll_interval=0.1)
    raw = sqlite3.connect(sqlite_file(ui_settings), isolation_level=None)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            raw.execute("ALTER TABLE audit_events RENAME TO audit_elsewhere")
            assert await wait_until(pilot, lambda: bool(notices(app)))
            failed = polls()
            assert await wait_until(pilot, lambda: polls() >= failed + 3)  # still one warning
            await pilot.pause()
            assert [n.split(":")[0] for n in notices(app)] == ["Store unavailable"]
            assert "Retrying" in notices(app)[0]
            assert names_shown(app) == LAST_NAME_ORDER  # what was loaded stays usable

            raw.execute("ALTER TABLE audit_elsewhere RENAME TO audit_events")
            assert await wait_until(pilot, lambda: len(notices(app)) == 2)
            assert notices(app)[1] == "Store: Connection to the store is back."
            create_customer(other_terminal, {"first_name": "Fay", "last_name": "Abbott"})
            assert await wait_until(pilot, lambda: count_line(app) == "6 customers")
    finally:
        raw.close()


# -- columns by width --------------------------------------------------------------------------


COLUMN_SETS: list[tuple[int, list[str], list[str]]] = [
    (
        160,
        ["No.", "Name", "Company", "Email", "Phone", "Street", "City", "Since", "Status"],
        [
            "C-000002",
            "Ann Baker",
            "ann.baker@example.org",
            "(212) 555-0100",
            "12 Market St",
            "San Francisco, CA",
        ],
    ),
    (
        110,
        ["Name", "Company", "Email", "Phone", "City"],
        ["Ann Baker", "ann.baker@example.org", "(212) 555-0100", "San Francisco, CA"],
    ),
    (70, ["Name", "Phone", "or", "email"], ["Ann Baker", "(212) 555-0100"]),
]


async def test_columns_follow_the_terminal_width(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for width, columns, ann_cells in COLUMN_SETS:
            await pilot.resize_terminal(width, 30)
            await settle(pilot)
            assert (width, header_shown(app).split()) == (width, columns)
            (ann,) = [row for row in rows_shown(app) if "Ann Baker" in row]
            for cell in ann_cells:
                assert (width, cell in ann) == (width, True)
        # Compact: a customer without a phone shows the email instead; no address.
        (eve,) = [row for row in rows_shown(app) if "Eve Adams" in row]
        assert "eve@example.com" in eve
        assert "Market St" not in ann and "example.org" not in ann


async def test_a_120_column_terminal_is_wide_and_an_80_column_one_normal(
    app: CusttuiApp,
) -> None:
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert header_shown(app).split()[:2] == ["No.", "Name"]
        await pilot.resize_terminal(80, 30)
        await settle(pilot)
        assert header_shown(app).split()[:2] == ["Name", "Company"]


async def test_a_narrow_terminal_still_shows_the_sort_order(app: CusttuiApp) -> None:
    async with app.run_test(size=(70, 24)) as pilot:
        await settle(pilot)
        sort_label = list_screen(app).query_one("#sort-label", Label)
        assert sort_label.content_region.width >= len(label_text(app, "sort-label"))
        await pilot.press("ctrl+o", "ctrl+g")  # the longest: the "by" gives way
        await settle(pilot)
        assert label_text(app, "sort-label") == "first name ↓"
        assert sort_label.content_region.width >= len(label_text(app, "sort-label"))
        await pilot.resize_terminal(100, 24)
        await settle(pilot)
        assert label_text(app, "sort-label") == "by first name ↓"


# -- colours -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env", "color_system", "theme"),
    [
        ({}, "standard", "ansi-dark"),
        ({}, "windows", "ansi-dark"),
        ({}, None, "ansi-dark"),
        ({}, "256", "custtui-dark"),
        ({}, "truecolor", "custtui-dark"),
        ({"CUSTTUI_THEME": "custtui-light"}, "standard", "custtui-light"),
        ({"CUSTTUI_THEME": " textual-light "}, "truecolor", "textual-light"),
        ({"CUSTTUI_THEME": "  "}, "truecolor", "custtui-dark"),
    ],
)
def test_pick_theme(env: dict[str, str], color_system: str | None, theme: str) -> None:
    assert pick_theme(env, color_system) == theme


def test_a_16_colour_terminal_gets_the_terminal_palette(ui_settings: Settings) -> None:
    """Textual reads the colour system once, at import: ask a fresh interpreter."""
    program = (
        "from custtui.core.runtime.config import Settings\n"
        "from custtui.core.errors import StoreError\n"
        "from custtui.ui.app import make_app\n"
        "app = make_app(Settings.resolve(), None, failure=StoreError('x'))\n"
        "print(app.console.color_system, app.theme)\n"
    )
    env = os.environ | {"TEXTUAL_COLOR_SYSTEM": "standard"}
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["standard", "ansi-dark"]


async def test_the_theme_can_be_chosen_with_custtui_theme(
    ui_settings: Settings, ui_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUSTTUI_THEME", "custtui-light")
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "custtui-light"
        assert count_line(app) == "0 customers"


def test_an_unknown_theme_name_falls_back_instead_of_stopping(
    ui_settings: Settings, ui_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CUSTTUI_THEME", "solarised-typo")
    app = make_app(ui_settings, ui_store)
    assert app.theme in {"ansi-dark", "custtui-dark"}


async def test_a_big_shops_row_sets_are_built_in_a_process_of_their_own(
    ui_settings: Settings,
    ui_store: Store,
    shop: dict[str, CustomerRecord],
) -> None:
    def not_here(*args: object) -> NoReturn:
        raise AssertionError("the sets were built in the app's own process")

    # As from 50,000 customers.
    tuning = SearchTuning(grams_apart_rows=1, gram_min_rows=2, build_sets=not_here)
    app = make_app(ui_settings, ui_store, tuning=tuning)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert await wait_until(
            pilot, lambda: app.directory is not None and app.directory.search_prepared, 20
        )
        await type_text(pilot, "acme")
        assert count_line(app) == "2 of 5 customers"


async def test_a_failed_build_of_the_row_sets_is_not_retried_and_search_still_works(
    ui_settings: Settings,
    ui_store: Store,
    shop: dict[str, CustomerRecord],
    other_terminal: Context,
) -> None:
    calls: list[int] = []

    def broken(*args: object) -> NoReturn:
        calls.append(1)
        raise RuntimeError("a bug in the build")

    app = make_app(ui_settings, ui_store, poll_interval=0.1, tuning=SearchTuning(build_sets=broken))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert await wait_until(pilot, lambda: bool(calls))  # the build ran, and failed
        # Two saves elsewhere, each seen by a poll: the polls go on, the build stays failed.
        create_customer(other_terminal, {"first_name": "Fay", "last_name": "Acme"})
        assert await wait_until(pilot, lambda: count_line(app) == "6 customers")
        create_customer(other_terminal, {"first_name": "Gus", "last_name": "Acme"})
        assert await wait_until(pilot, lambda: count_line(app) == "7 customers")
        assert len(calls) == 1
        await type_text(pilot, "acme")
        assert count_line(app) == "4 of 7 customers"
        assert not notices(app)  # nothing for the user to act on
