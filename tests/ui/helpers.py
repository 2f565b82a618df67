"""What a user sees of the list screen, read the way they read it; and patient waiting."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Label
from textual.worker import WorkerCancelled, WorkerFailed

from custtui.ui.screens.customer_detail import CustomerDetailScreen
from custtui.ui.screens.customer_list import CustomerListScreen
from custtui.ui.textual_compat import notifications
from custtui.ui.widgets.customer_table import CustomerTable

# Wide enough for the normal column set (name is the 2nd and 3rd word of a row).
SIZE = (100, 30)
# The live-update promise: a change elsewhere shows within this long (the tests poll at 0.1 s).
LIVE_DEADLINE = 2.0


async def settle(pilot: Pilot[object]) -> None:
    """Let every worker finish and the screen catch up.

    A worker may start the next one after a refresh (the first page, then the full list),
    so wait again until a pause leaves none running. A worker that fails is the app's to
    report: the tests look for the report, not the exception.
    """
    workers = pilot.app.workers
    for _ in range(20):
        try:
            await workers.wait_for_complete()
        except (WorkerFailed, WorkerCancelled):
            pass
        await pilot.pause()
        if all(worker.is_finished for worker in workers):
            return


async def type_text(pilot: Pilot[object], text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


async def wait_until(
    pilot: Pilot[object], condition: Callable[[], bool], timeout: float = LIVE_DEADLINE
) -> bool:
    """Poll the screen until `condition` holds or `timeout` passes; the caller asserts."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.1)
    return True


def list_screen(app: App[object]) -> CustomerListScreen:
    screen = app.screen
    assert isinstance(screen, CustomerListScreen), f"not on the list: {screen!r}"
    return screen


def table(app: App[object]) -> CustomerTable:
    return list_screen(app).query_one("#customers", CustomerTable)


def filter_box(app: App[object]) -> Input:
    return list_screen(app).query_one("#filter", Input)


def label_text(app: App[object], label_id: str) -> str:
    return str(list_screen(app).query_one(f"#{label_id}", Label).content)


def count_line(app: App[object]) -> str:
    return label_text(app, "count")


def rows_shown(app: App[object]) -> list[str]:
    """The text of every customer row drawn on screen (the header line excluded)."""
    customers = table(app)
    drawn = min(customers.size.height, customers.row_count - int(customers.scroll_offset.y) + 1)
    lines = (customers.render_line(y).text for y in range(1, drawn))
    return [line.rstrip() for line in lines if line.strip()]


def header_shown(app: App[object]) -> str:
    return table(app).render_line(0).text


def names_shown(app: App[object]) -> list[str]:
    """'First Last' of each row drawn, top to bottom (rows read: initials, first, last, …)."""
    return [" ".join(row.split()[1:3]) for row in rows_shown(app)]


def highlighted_name(app: App[object]) -> str | None:
    customers = table(app)
    top = int(customers.scroll_offset.y)
    rows = rows_shown(app)
    index = customers.cursor - top
    if customers.row_count == 0 or not 0 <= index < len(rows):
        return None
    return " ".join(rows[index].split()[1:3])


def notices(app: App[object]) -> list[str]:
    """Notifications shown so far, as 'Title: message'."""
    return [f"{n.title}: {n.message}" for n in notifications(app)]


def palette_prompts(app: App[object]) -> list[str]:
    """The first line of every entry the open command palette lists."""
    assert isinstance(app.screen, CommandPalette), f"no palette open: {app.screen!r}"
    entries = app.screen.query_one(CommandList)
    return [
        str(entries.get_option_at_index(i).prompt).splitlines()[0]
        for i in range(entries.option_count)
    ]


def detail(app: App[object]) -> CustomerDetailScreen:
    screen = app.screen
    assert isinstance(screen, CustomerDetailScreen), f"no customer open: {screen!r}"
    return screen


def opened(app: App[object]) -> str:
    """'C-000123  First Last' of the customer whose profile is open."""
    return str(detail(app).sub_title)
