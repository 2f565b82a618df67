"""The import wizard as a user walks it: file, mapping, dry run, import, result; back and cancel.

SPEC "Screens" -> Import wizard. The real app (make_app) on a real SQLite store, real files.
"""

from __future__ import annotations

import csv
import shutil
from concurrent.futures import Executor
from pathlib import Path

import pytest
from openpyxl import Workbook
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, DataTable, Input, Label, Select

from custtui.core.customers.lookup import customer_count
from custtui.core.customers.record import CustomerRecord
from custtui.core.importing.ahead import AheadWorker, start_pool
from custtui.core.importing.mapping import NAME_REQUIRED, auto_map
from custtui.core.importing.read import read_table
from custtui.core.importing.run import run_import
from custtui.core.runtime.config import Settings
from custtui.core.store.businesses import Context
from custtui.core.store.engine import Store
from custtui.ui.app import CusttuiApp, make_app
from custtui.ui.screens.customer_list import CustomerListScreen
from custtui.ui.screens.import_wizard import ImportWizard

from ..support import Answers
from .helpers import SIZE, count_line, palette_prompts, settle, type_text, wait_until

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the user started custtui, holding the file to import."""
    where = tmp_path / "desk"
    where.mkdir()
    shutil.copy(FIXTURES / "messy.csv", where / "messy.csv")
    monkeypatch.chdir(where)
    return where


@pytest.fixture
def app(ui_settings: Settings, ui_store: Store, shop: dict[str, CustomerRecord]) -> CusttuiApp:
    return make_app(ui_settings, ui_store, poll_interval=0.1)


def wizard(app: CusttuiApp) -> ImportWizard:
    screen = app.screen
    assert isinstance(screen, ImportWizard), f"not in the wizard: {screen!r}"
    return screen


def step(app: CusttuiApp) -> str | None:
    return wizard(app).query_one("#steps", ContentSwitcher).current


def said(app: CusttuiApp, label_id: str) -> str:
    return str(wizard(app).query_one(f"#{label_id}", Label).content)


async def open_file(pilot: Pilot[None], name: str) -> None:
    await pilot.press("ctrl+l")
    await settle(pilot)
    await type_text(pilot, name)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_wizard_walks_from_a_file_to_imported_customers_in_the_list(
    app: CusttuiApp, ui_ctx: Context, folder: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert count_line(app) == "5 customers"
        await open_file(pilot, "messy.csv")
        assert step(app) == "pick"
        assert said(app, "pick-message").startswith("messy.csv: 9 rows (CSV, cp1252, ';')")
        preview = wizard(app).query_one("#preview", DataTable)
        assert preview.row_count == 9
        assert [str(c.label) for c in preview.columns.values()][:2] == [
            "Full Name",
            "E-mail Address",
        ]

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(app) == "map"
        assert wizard(app).current_mapping()[:3] == ["full_name", "email", "mobile_phone"]
        assert said(app, "map-origin").startswith("Detected from the column names")

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(app) == "check"
        # Zoë's address is the shop's Zoë Müller's (C-000001): both rows using it are skipped.
        assert said(app, "check-counts") == (
            "New customers: 4\nSkipped: no usable name: 2\nSkipped: duplicate email: 2\n"
            "Skipped: invalid value: 1"
        )
        samples = wizard(app).query_one("#check-samples", DataTable)
        reasons = [samples.get_row_at(i)[4] for i in range(samples.row_count)]
        assert "Email is not a valid email address." in reasons
        assert customer_count(ui_ctx) == 5  # the dry run wrote nothing

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(app) == "run"
        result = said(app, "run-result")
        assert result.startswith("Imported 4 customers, skipped 5.\n")
        assert f"Rows not imported, with the reason: {folder / 'messy.rejects.csv'}" in result
        assert customer_count(ui_ctx) == 9

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomerListScreen)
        assert await wait_until(pilot, lambda: count_line(app) == "9 customers")


async def test_escape_steps_back_and_from_the_first_step_closes(
    app: CusttuiApp, ui_ctx: Context, folder: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_file(pilot, "messy.csv")
        await pilot.press("ctrl+n")
        await settle(pilot)
        wizard(app).query_one("#col-3", Select).value = "skip"  # Organisation: the user's choice
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(app) == "check"
        await pilot.press("escape")
        await settle(pilot)
        assert step(app) == "map"
        await pilot.press("escape")
        await settle(pilot)
        assert step(app) == "pick"
        assert said(app, "pick-message").startswith("messy.csv: 9 rows")  # still read
        await pilot.press("ctrl+n")  # forward again: the choice is kept
        await settle(pilot)
        assert wizard(app).query_one("#col-3", Select).value == "skip"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomerListScreen)
    assert customer_count(ui_ctx) == 5


async def test_without_a_name_column_the_wizard_says_so_and_stays(
    app: CusttuiApp, folder: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_file(pilot, "messy.csv")
        await pilot.press("ctrl+n")
        await settle(pilot)
        full_name = wizard(app).query_one("#col-0", Select)
        assert full_name.has_focus and full_name.value == "full_name"
        await pilot.press("enter", *["up"] * 20, "enter")  # open it, go to "Skip", pick
        await settle(pilot)
        assert full_name.value == "skip"
        assert said(app, "map-message") == NAME_REQUIRED
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(app) == "map"


async def test_a_file_that_is_not_a_table_gets_one_message(app: CusttuiApp, folder: Path) -> None:
    (folder / "photo.xlsx").write_bytes(b"\x89PNG not really a workbook")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_file(pilot, "photo.xlsx")
        assert said(app, "pick-message") == (
            "photo.xlsx is not an Excel workbook; open it in Excel and save it as .xlsx."
        )
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert step(app) == "pick"


def save_workbook(path: Path, sheets: dict[str, list[list[str]]]) -> None:
    """A workbook with these sheets, in this order, each a list of rows."""
    workbook = Workbook()
    for index, (title, rows) in enumerate(sheets.items()):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        assert sheet is not None
        sheet.title = title
        for row in rows:
            sheet.append(row)
    workbook.save(path)


async def test_a_path_completes_and_a_workbook_offers_its_sheets(
    app: CusttuiApp, folder: Path
) -> None:
    save_workbook(
        folder / "book.xlsx",
        {
            "Old": [["Name"], ["Grace Hopper"]],
            "People": [["Given Name", "Surname"], ["Ada", "Lovelace"]],
        },
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await type_text(pilot, "bo")
        await pilot.press("tab")  # take the suggestion, as in a shell
        await settle(pilot)
        path = wizard(app).query_one("#path", Input)
        assert path.value == "book.xlsx"
        assert app.focused is path
        await pilot.press("tab")  # nothing more to complete: on to the folder tree
        assert app.focused is not path
        path.focus()
        await pilot.press("enter")
        await settle(pilot)
        sheet = wizard(app).query_one("#sheet", Select)
        assert sheet.display and sheet.value == "Old"
        sheet.focus()
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert said(app, "pick-message").startswith("book.xlsx: 1 row (Excel, sheet 'People')")


async def test_a_workbook_whose_first_sheet_is_empty_still_offers_the_others(
    app: CusttuiApp, folder: Path
) -> None:
    save_workbook(
        folder / "book.xlsx",
        {"Cover": [], "People": [["First Name", "Last Name"], ["Ada", "Lovelace"]]},
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await type_text(pilot, "book.xlsx")
        await pilot.press("enter")
        await settle(pilot)
        assert "book.xlsx" in said(app, "pick-message")
        sheet = wizard(app).query_one("#sheet", Select)
        assert sheet.display and sheet.value == "Cover"
        sheet.value = "People"
        await settle(pilot)
        assert said(app, "pick-message").startswith("book.xlsx: 1 row (Excel, sheet 'People')")


async def test_a_cancel_keeps_the_batches_written_and_reports_the_rest(
    app: CusttuiApp, ui_ctx: Context, folder: Path
) -> None:
    with (folder / "many.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name"])
        writer.writerows([f"P{i}", "Person"] for i in range(10_000))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_file(pilot, "many.csv")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert said(app, "check-counts").startswith("New customers: 10,000\n")
        # Start, then cancel at once: pilot.press would wait for the busy app to go idle,
        # that is for the import to end, before pressing Escape.
        app.simulate_key("ctrl+n")
        app.simulate_key("escape")
        await settle(pilot)
        result = wizard(app).result
        assert result is not None and result.cancelled
        assert result.imported < 10_000
        assert result.imported + result.skipped + result.not_reached == 10_000
        assert said(app, "run-result").startswith(
            f"Cancelled. Imported {result.imported:,} customers, skipped 0. "
            f"{result.not_reached:,} rows were not reached."
        )
    assert customer_count(ui_ctx) == 5 + result.imported


async def test_the_import_can_be_undone_from_the_result(
    app: CusttuiApp, ui_ctx: Context, folder: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_file(pilot, "messy.csv")
        for _ in range(3):
            await pilot.press("ctrl+n")
            await settle(pilot)
        assert customer_count(ui_ctx) == 9
        result = wizard(app).result
        assert result is not None
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert said(app, "run-result").startswith(
            f"Undid import {result.import_id}: removed 4 customers."
        )
        assert customer_count(ui_ctx) == 5
        await pilot.press("escape")
        await settle(pilot)
        assert await wait_until(pilot, lambda: count_line(app) == "5 customers")


async def test_the_palette_offers_import_customers(app: CusttuiApp, folder: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "import")
        assert "Import customers (load CSV or Excel)" in palette_prompts(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ImportWizard)


async def test_a_big_import_inside_the_app_checks_ahead_in_its_worker_process(
    ui_settings: Settings,
    ui_store: Store,
    ui_ctx: Context,
    tmp_path: Path,
) -> None:
    # Starting a process while Textual holds stderr failed ("bad value(s) in fds_to_keep"),
    # and a file of 10,000 rows or more could not be imported from the wizard.
    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "Email", "Phone"])
        for i in range(200):
            writer.writerow([f"Ann{i}", "Lee", f"ann{i}@example.com", f"(415) 555-{i:04d}"])
    answers = Answers()
    pools: list[Executor] = []

    def started() -> Executor | None:
        pool = start_pool()  # as the importer starts it, inside the running app
        if pool is not None:
            pools.append(pool)
        return pool

    def caught_up(done: int, total: int) -> None:
        # After each batch, wait until the worker has answered everything it was given:
        # the next batches' values are then known, and must be taken from its answers.
        for pool in pools:
            pool.submit(int).result()

    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=SIZE):
        table = read_table(path)
        result = run_import(
            ui_ctx,
            table,
            auto_map(table.headers),
            path,
            batch=20,
            pool_from=0,
            progress=caught_up,
            worker=AheadWorker(start=started, take=answers.take),
        )
    assert len(pools) == 1
    assert result.counts["create"] == 200
    assert {"email", "phone"} <= set(answers.taken)  # its answers were used
