"""What the tests read off the screens, the way a user reads them; and waiting on facts.

Every test of tests/ui waits through these: `settle` for the work a key started, `wait_until`
for a fact the app makes true later (a poll, another terminal's change), `snapshot_ready`
before a picture. None of them sleeps a fixed time hoping the work is done.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import DirectoryTree, Input, Label, TextArea
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from custtui.core.directory.live import Directory
from custtui.ui.app import CusttuiApp
from custtui.ui.screens.customer_detail import CustomerDetailScreen
from custtui.ui.screens.customer_list import CustomerListScreen
from custtui.ui.textual_compat import notifications
from custtui.ui.widgets.customer_table import CustomerTable
from custtui.ui.widgets.live_directory import DirectoryJob

# pytest-textual-snapshot's fixture: snap_compare(app, terminal_size=..., run_before=...).
SnapCompare = Callable[..., bool]

# Wide enough for the normal column set (name is the 2nd and 3rd word of a row).
SIZE = (100, 30)
# The live-update promise: a change elsewhere shows within this long (the tests poll at 0.1 s).
LIVE_DEADLINE = 2.0
# Long enough for the slowest step on a loaded 2-core machine; reached only when stuck.
SETTLE_DEADLINE = 60.0

# The helpers take `App[Any]` / `Pilot[Any]`: Textual's App and Pilot are generic in the app's
# return type and invariant in it, so a CusttuiApp (an `App[None]`) is no `App[object]`. None
# of them reads the return value; any app, or its pilot, will do.


def _busy(app: App[Any]) -> list[Worker[object]]:
    """Workers whose answers a test waits for.

    Not the folder tree's loader, which lives as long as the tree, nor the list's change
    polling, which starts again every poll interval: tests wait for what a poll brings with
    `wait_until`.
    """
    return [
        worker
        for worker in app.workers
        if not worker.is_finished
        and not isinstance(worker.node, DirectoryTree)
        and worker.group != DirectoryJob.POLL
    ]


async def settle(pilot: Pilot[Any], timeout: float = SETTLE_DEADLINE) -> None:
    """Wait until the work the last keys started is done and its answers are on screen.

    An answer may start the next worker (the first page, then the full list), so this
    returns only once a pause leaves no worker at work. A worker that fails is the app's
    to report: the tests look for the report, not the exception.
    """
    app = pilot.app
    deadline = time.monotonic() + timeout
    while True:
        await pilot.pause()
        busy = _busy(app)
        if not busy:
            await pilot.pause()  # what their answers started, if anything
            if not _busy(app):
                return
            continue
        try:
            await asyncio.wait_for(app.workers.wait_for_complete(busy), deadline - time.monotonic())
        except (WorkerFailed, WorkerCancelled):
            pass
        except TimeoutError:
            raise AssertionError(f"still at work after {timeout} s: {busy}") from None


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)
    await settle(pilot)


async def wait_until(
    pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = LIVE_DEADLINE
) -> bool:
    """Poll the screen until `condition` holds or `timeout` passes; the caller asserts."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.1)
    return True


def steady_cursors(app: App[Any]) -> None:
    """Stop every text cursor blinking, showing it: a picture must not depend on when,
    within the half-second blink, it was taken."""
    for screen in app.screen_stack:
        for box in screen.query(Input):
            box.cursor_blink = False
        for area in screen.query(TextArea):
            area.cursor_blink = False


async def snapshot_ready(pilot: Pilot[Any], ready: Callable[[], bool] | None = None) -> None:
    """Before a snapshot: the work done, the fact the picture is of true, cursors still."""
    await settle(pilot)
    if ready is not None:
        assert await wait_until(pilot, ready, SETTLE_DEADLINE), "the screen never got ready"
    steady_cursors(pilot.app)
    await pilot.pause()


def count_polls(monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """How many times the list has asked the store for changes so far (failed asks too)."""
    done = 0
    fetch = Directory.fetch_changes

    def counted(directory: Directory) -> object:
        nonlocal done
        try:
            return fetch(directory)
        finally:
            done += 1

    monkeypatch.setattr(Directory, "fetch_changes", counted)
    return lambda: done


async def open_profile(pilot: Pilot[Any], app: CusttuiApp, number: int) -> CustomerDetailScreen:
    """Open customer `number` as the palette's jump does; wait until the profile shows."""
    await settle(pilot)
    app.open_number(number)

    def shown() -> bool:
        screen = app.screen
        return (
            isinstance(screen, CustomerDetailScreen)
            and screen.number == number
            and (screen.profile is not None)
        )

    assert await wait_until(pilot, shown, SETTLE_DEADLINE), f"C-{number:06d} never opened"
    await settle(pilot)
    return detail(app)


def list_screen(app: App[Any]) -> CustomerListScreen:
    screen = app.screen
    assert isinstance(screen, CustomerListScreen), f"not on the list: {screen!r}"
    return screen


def table(app: App[Any]) -> CustomerTable:
    return list_screen(app).query_one("#customers", CustomerTable)


def filter_box(app: App[Any]) -> Input:
    return list_screen(app).query_one("#filter", Input)


def label_text(app: App[Any], label_id: str) -> str:
    return str(list_screen(app).query_one(f"#{label_id}", Label).content)


def count_line(app: App[Any]) -> str:
    return label_text(app, "count")


def rows_shown(app: App[Any]) -> list[str]:
    """The text of every customer row drawn on screen (the header line excluded)."""
    customers = table(app)
    drawn = min(customers.size.height, customers.row_count - int(customers.scroll_offset.y) + 1)
    lines = (customers.render_line(y).text for y in range(1, drawn))
    return [line.rstrip() for line in lines if line.strip()]


def header_shown(app: App[Any]) -> str:
    return table(app).render_line(0).text


def names_shown(app: App[Any]) -> list[str]:
    """'First Last' of each row drawn, top to bottom (rows read: initials, first, last, …)."""
    return [" ".join(row.split()[1:3]) for row in rows_shown(app)]


def highlighted_name(app: App[Any]) -> str | None:
    customers = table(app)
    top = int(customers.scroll_offset.y)
    rows = rows_shown(app)
    index = customers.cursor - top
    if customers.row_count == 0 or not 0 <= index < len(rows):
        return None
    return " ".join(rows[index].split()[1:3])


def notices(app: App[Any]) -> list[str]:
    """Notifications shown so far, as 'Title: message'."""
    return [f"{n.title}: {n.message}" for n in notifications(app)]


def palette_prompts(app: App[Any]) -> list[str]:
    """The first line of every entry the open command palette lists."""
    assert isinstance(app.screen, CommandPalette), f"no palette open: {app.screen!r}"
    entries = app.screen.query_one(CommandList)
    return [
        str(entries.get_option_at_index(i).prompt).splitlines()[0]
        for i in range(entries.option_count)
    ]


def detail(app: App[Any]) -> CustomerDetailScreen:
    screen = app.screen
    assert isinstance(screen, CustomerDetailScreen), f"no customer open: {screen!r}"
    return screen


def opened(app: App[Any]) -> str:
    """'C-000123  First Last' of the customer whose profile is open."""
    return str(detail(app).sub_title)
