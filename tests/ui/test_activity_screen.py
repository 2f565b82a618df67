"""The activity screen as a clerk uses it: F4 or the palette, the newest events, a filter,
older events as the list is scrolled, Enter to the event's customer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, Label

from custtui.core.customers.notes import add_note
from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import delete_customer
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.ui.app import CusttuiApp
from custtui.ui.screens.activity import ActivityScreen
from custtui.ui.screens.customer_detail import CustomerDetailScreen

from .helpers import SIZE, notices, settle, type_text, wait_until

WIDE = (120, 30)


def activity(app: CusttuiApp) -> ActivityScreen:
    screen = app.screen
    assert isinstance(screen, ActivityScreen), f"not on the activity screen: {screen!r}"
    return screen


def shown_lines(app: CusttuiApp) -> list[str]:
    """Each row of the table as the user reads it: its cells joined by spaces."""
    table = activity(app).query_one(DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


def count_text(app: CusttuiApp) -> str:
    return str(activity(app).query_one("#activity-count", Label).content)


async def test_f4_shows_the_export_just_made_at_the_top(
    app: CusttuiApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        lines = shown_lines(app)
        assert "tester Exported 5 customers" in lines[0]
        assert "Customer created C-000001 Zoë Müller" in lines[-1]
        assert count_text(app) == "6 events shown"
        await pilot.press("escape")
        assert not isinstance(app.screen, ActivityScreen)


async def test_the_palette_opens_the_activity_screen(app: CusttuiApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Activity")
        await pilot.press("enter")
        await settle(pilot)
        assert len(shown_lines(app)) == 5


async def test_the_filter_narrows_to_an_action_and_enter_opens_its_customer(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    add_note(ui_ctx, shop["Ann"].number, "Wants a call")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        await type_text(pilot, "note")
        lines = shown_lines(app)
        assert len(lines) == 1 and "Note added" in lines[0] and "Wants a call" in lines[0]
        await pilot.press("down", "enter")

        def opened() -> bool:
            screen = app.screen
            return isinstance(screen, CustomerDetailScreen) and screen.number == 2

        assert await wait_until(pilot, opened, 30), "Ann's profile never opened"


async def test_enter_on_a_deleted_customer_says_so(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    delete_customer(ui_ctx, shop["Bob"].number)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert "Customer deleted C-000003 Bob Carter (deleted)" in shown_lines(app)[0]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActivityScreen)
        assert notices(app)[-1] == "Activity: C-000003 Bob Carter (deleted) no longer exists."


async def test_older_events_load_as_the_list_is_scrolled(app: CusttuiApp, ui_ctx: Context) -> None:
    start = datetime(2025, 6, 1, tzinfo=UTC)
    older = [
        {
            "business_id": ui_ctx.business.id,
            "actor": "colleague",
            "action": "customers_exported",
            "customer_id": None,
            "at": start + timedelta(minutes=i),
            "changes": {"count": i, "file": f"old-{i}.csv"},
        }
        for i in range(120)
    ]
    with ui_ctx.store.write() as session:
        audit.record_many(session, older)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert len(shown_lines(app)) == 50
        await pilot.press("down")
        for _ in range(12):
            await pilot.press("pagedown")
            await settle(pilot)
        lines = shown_lines(app)
        assert len(lines) == 125
        assert "Exported 0 customers" in lines[-1] and "old-0.csv" in lines[-1]
        assert count_text(app) == "125 events shown"
