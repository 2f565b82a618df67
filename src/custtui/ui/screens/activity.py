"""The activity screen: who did what, newest first; more loads as the list is scrolled."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Label

from custtui.core.activity.log import (
    ActivityRow,
    Cursor,
    activity_page,
    filter_from_text,
)
from custtui.core.store.businesses import Context
from custtui.ui.errors import error_text
from custtui.ui.formatting import local_time
from custtui.ui.keys import FOCUS_FILTER
from custtui.ui.messages import OpenCustomer
from custtui.ui.widgets.filter_input import FilterInput
from custtui.ui.work import Failed, Job, cancel, in_thread, running

# The next page is asked for when the cursor or the view comes this close to the last row.
_AHEAD = 10


class ActivityJob(Job):
    LOAD = "activity-load"
    MORE = "activity-more"


class ActivityScreen(Screen[None]):
    """Type a user or an action ("export", "deleted") to filter; Enter opens the customer."""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Clear the filter, or leave", id="activity-back"),
        FOCUS_FILTER,
    ]

    help_keys = (
        ("type", "Filter by user or action: “export”, “deleted”, a name"),
        ("↓ Enter", "Into the list; Enter opens the event's customer"),
        ("Esc", "Clear the filter; when it is clear, back"),
    )

    @dataclass
    class Loaded(Message):
        """A page of the log for filter `query`; `first` replaces the rows shown."""

        generation: int
        rows: tuple[ActivityRow, ...]
        more: Cursor | None
        first: bool

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self._generation = 0  # bumped by each new filter: pages of an older one are dropped
        self._rows: dict[str, ActivityRow] = {}
        self._more: Cursor | None = None
        self._query = ""

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield FilterInput(
            placeholder="Filter: a user, or what happened (export, deleted, revealed…)",
            id="activity-filter",
            select_on_focus=False,
        )
        yield Label("Loading…", id="activity-count")
        table: DataTable[Text] = DataTable(id="activity-log", cursor_type="row", zebra_stripes=True)
        table.add_columns("When", "User", "What", "Customer", "Detail")
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.ctx.business.name
        self.sub_title = "Activity"
        self.watch(self.table, "scroll_y", self._scrolled, init=False)
        self.query_one("#activity-filter", Input).focus()
        self.reload()

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#activity-log", DataTable)

    @property
    def rows(self) -> list[ActivityRow]:
        """The events shown, top to bottom."""
        return list(self._rows.values())

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """The newest events passing the filter, from the top."""
        self._generation += 1
        cancel(self, ActivityJob.MORE)
        self.load_first(self._generation, self._query)

    @in_thread(ActivityJob.LOAD, "Reading the activity log", exclusive=True)
    def load_first(self, generation: int, query: str) -> Message:
        wanted = filter_from_text(self.ctx, query)
        page = activity_page(self.ctx, wanted)
        return self.Loaded(generation, page.rows, page.more, first=True)

    @in_thread(ActivityJob.MORE, "Reading older events", exclusive=True)
    def load_more(self, generation: int, query: str, after: Cursor) -> Message:
        page = activity_page(self.ctx, filter_from_text(self.ctx, query), after)
        return self.Loaded(generation, page.rows, page.more, first=False)

    def _want_more(self) -> None:
        if self._more is not None and not running(self, ActivityJob.MORE):
            if not running(self, ActivityJob.LOAD):
                self.load_more(self._generation, self._query, self._more)

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        if event.generation != self._generation:
            return
        table = self.table
        if event.first:
            table.clear()
            self._rows.clear()
        for row in event.rows:
            key = str(row.id)
            if key in self._rows:
                continue
            self._rows[key] = row
            table.add_row(*_cells(row), key=key)
        self._more = event.more
        shown = len(self._rows)
        if not shown:
            self._count("No event matches." if self._query.strip() else "No events yet.")
        else:
            older = "; scroll for older" if event.more else ""
            self._count(f"{shown:,} event{'s' if shown != 1 else ''} shown{older}")
        if event.more is not None and table.row_count - table.cursor_row <= _AHEAD:
            self._want_more()

    def _count(self, text: str) -> None:
        self.query_one("#activity-count", Label).update(text)

    def _scrolled(self, y: float) -> None:
        table = self.table
        if table.max_scroll_y - y <= _AHEAD:
            self._want_more()

    @on(DataTable.RowHighlighted, "#activity-log")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.table.row_count - event.cursor_row <= _AHEAD:
            self._want_more()

    # -- filtering and keys -----------------------------------------------------------------

    @on(Input.Changed, "#activity-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self._query = event.value
        self.reload()

    @on(Input.Submitted, "#activity-filter")
    def _into_list(self) -> None:
        self.table.focus()

    def on_key(self, event: events.Key) -> None:
        """Down from the filter box goes into the list; letters typed on the list filter it."""
        box = self.query_one("#activity-filter", Input)
        if self.focused is box and event.key in ("down", "pagedown"):
            self.table.focus()
            event.stop()
        elif self.focused is self.table and event.is_printable and event.character:
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    @on(DataTable.RowSelected, "#activity-log")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self._rows.get(str(event.row_key.value))
        if row is None:
            return
        if row.customer_id is None:
            self.notify("This event is about no one customer.", title="Activity")
        elif not row.customer_exists:
            self.notify(f"{row.customer} no longer exists.", title="Activity", severity="warning")
        else:
            self.post_message(OpenCustomer(row.customer_id))

    def action_back(self) -> None:
        box = self.query_one("#activity-filter", Input)
        if box.value:
            box.value = ""
            box.focus()
        else:
            self.dismiss()

    def action_focus_filter(self) -> None:
        self.query_one("#activity-filter", Input).focus()

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        self._count("Can't read the activity log")
        self.notify(error_text(event.error), title="Error", severity="error", timeout=10)


def _cells(row: ActivityRow) -> list[Text]:
    # Text, not str: a DataTable reads a str as markup, and these came from people.
    return [
        Text(local_time(row.at)),
        Text(row.actor),
        Text(row.title),
        Text(row.customer, style="" if row.customer_exists else "dim"),
        Text(row.detail),
    ]
