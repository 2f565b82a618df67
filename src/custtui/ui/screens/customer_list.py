"""The start screen: the customer list with instant filtering."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from custtui.core.directory.list_rows import count_line
from custtui.core.directory.live import Directory
from custtui.core.search.orders import SortKey
from custtui.core.search.tuning import SearchTuning
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.errors import error_text
from custtui.ui.keys import FIRST_KEYS, FOCUS_FILTER
from custtui.ui.messages import ExportCustomers, NewCustomer, OpenCustomer
from custtui.ui.screens.export_question import ExportChoice, export_question
from custtui.ui.screens.list_commands import list_commands
from custtui.ui.widgets.customer_table import CustomerTable
from custtui.ui.widgets.filter_input import FilterInput
from custtui.ui.widgets.list_status import SORTS, ListStatus
from custtui.ui.widgets.live_directory import LiveDirectory
from custtui.ui.work import Failed, Job, cancel, on_loop


class Asked(TypedDict):
    """What the list is filtered and sorted by, besides the typed text."""

    consignors_only: bool
    sort: SortKey
    descending: bool


class ListJob(Job):
    SEARCH = "search"


class CustomerListScreen(Screen[None]):
    """Type to filter; arrows to move; Enter to open."""

    BINDINGS = [
        *FIRST_KEYS,  # many keys: at 70 columns the footer keeps room for these first
        Binding("escape", "clear_filter", "Clear", tooltip="Clear the filter", id="clear"),
        Binding("ctrl+n", "new_customer", "New", tooltip="Add a customer", id="new"),
        Binding("ctrl+o", "cycle_sort", "Sort", tooltip="Change the sort order", id="sort"),
        Binding(
            "ctrl+g",
            "reverse_sort",
            "Reverse",
            tooltip="Reverse the sort order (Z to A, newest first)",
            id="reverse",
        ),
        Binding(
            "ctrl+t",
            "toggle_consignors",
            "Consignors",
            tooltip="Show only consignors",
            id="consignors",
        ),
        Binding(
            "ctrl+r",
            "export",
            "Export CSV",
            tooltip="Export customers to a CSV file (with a filter on: the shown or all)",
            id="export",
        ),
        Binding(
            "ctrl+l",
            "import_customers",
            "Import",
            tooltip="Load customers from a CSV or Excel file",
            id="import",
        ),
        FOCUS_FILTER,
    ]

    help_keys = (
        ("type", "Filter by name, email, phone or company (every word must match)"),
        ("C-000049 #49", "That customer first (c49 and c-49 too)"),
        ("↑ ↓", "Move in the list"),
        ("PgUp PgDn", "Page through the list"),
        ("Home End", "First / last customer (from the list)"),
        ("Enter", "Open the highlighted customer"),
        ("Tab", "Between the filter box and the list"),
    )

    # -- the workers' answers ----------------------------------------------------------------

    @dataclass
    class Searched(Message):
        """Every match of `query` (with the toggle and sort it was asked with)."""

        query: str
        asked: Asked
        ids: Sequence[int]
        keep: int | None

    def __init__(
        self, ctx: Context, *, poll_interval: float = 1.0, tuning: SearchTuning | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.tuning = tuning or SearchTuning()
        self.sort: SortKey = "last_name"
        self.descending = False
        self._shown: Sequence[int] | None = None
        self.consignors_only = False
        self.poll_interval = poll_interval
        self._live = LiveDirectory(ctx, poll_interval=poll_interval, tuning=self.tuning)

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        # No select-all on focus: a letter typed on the list, or after Tab, adds to the filter.
        yield FilterInput(
            placeholder="Filter: name, email, phone or company", id="filter", select_on_focus=False
        )
        yield ListStatus(consignment=self.ctx.business.has_consignment)
        yield CustomerTable(region=self.ctx.business.region, id="customers")
        yield Footer()
        yield self._live

    def on_mount(self) -> None:
        self.title = self.ctx.business.name
        self.sub_title = "Customers"
        self.status.show_consignors(self.consignors_only)
        self.status.show_sort(self.sort, self.descending)
        self.query_one("#filter", Input).focus()

    @property
    def directory(self) -> Directory | None:
        """Every customer, once loaded (None until then)."""
        return self._live.directory

    @property
    def table(self) -> CustomerTable:
        return self.query_one(CustomerTable)

    @property
    def status(self) -> ListStatus:
        return self.query_one(ListStatus)

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value

    @property
    def asked(self) -> Asked:
        return Asked(
            consignors_only=self.consignors_only, sort=self.sort, descending=self.descending
        )

    # -- loading and live updates -----------------------------------------------------------

    @on(LiveDirectory.FirstRows)
    def _first_rows(self, event: LiveDirectory.FirstRows) -> None:
        page = event.page
        self.table.show([r.id for r in page.rows], page.row)
        self.status.show_count(count_line(page.total, page.total, False))

    @on(LiveDirectory.Loaded)
    def _loaded(self) -> None:
        self.refresh_bindings()
        self.refilter()

    @on(LiveDirectory.Changed)
    def _changed(self) -> None:
        self.refresh_bindings()
        self.refilter(keep_cursor=True)

    @on(LiveDirectory.Unreadable)
    def _unreadable(self, event: LiveDirectory.Unreadable) -> None:
        self.status.show_count("Can't load customers")
        self.table.say(event.reason)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()  # the search's: a bug, said as such
        self.notify(error_text(event.error), title="Error", severity="error", timeout=10)

    # -- filtering ----------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refilter()

    def refilter(self, *, keep_cursor: bool = False) -> None:
        directory = self.directory
        if directory is None:
            return
        query = self.filter_text
        keep = self.table.current_id if keep_cursor else None
        if (
            len(directory) > self.tuning.split_above
            and directory.index.rows_to_test(
                query, consignors_only=self.consignors_only, sort=self.sort
            )
            > self.tuning.sync_rows
        ):
            # Much to test (short terms match most of a big shop, and nothing cached narrows
            # them): show the first page now, and find every match and the exact count
            # between keys.
            rows = 2 * max(self.table.size.height, 20)  # this screen and the next
            page = directory.first(query, rows, **self.asked)
            self._shown = None  # a first page: the rest is being found
            self.table.show(page, directory.row, keep=keep)
            self.status.show_count(f"counting… of {len(directory):,} customers")
            self.search_all(directory, query, self.asked, keep)
            return
        cancel(self, ListJob.SEARCH)
        self._show_result(directory, query, directory.search(query, **self.asked), keep)

    @on_loop(ListJob.SEARCH, "Finding every match", exclusive=True)
    async def search_all(
        self,
        directory: Directory,
        query: str,
        asked: Asked,
        keep: int | None,
    ) -> Message:
        # On the event loop in slices of a few milliseconds: keys are handled between two,
        # and the next key's search cancels this one at its next pause.
        steps = directory.search_steps(query, **asked)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return self.Searched(query, asked, done.value, keep)
            await asyncio.sleep(0)

    @on(Searched)
    def _searched(self, event: Searched) -> None:
        # A result for what the user has since typed over is dropped.
        if self.directory is not None and (event.query, event.asked) == (
            self.filter_text,
            self.asked,
        ):
            keep = event.keep or self.table.current_id
            self._show_result(self.directory, event.query, event.ids, keep)

    def _show_result(
        self, directory: Directory, query: str, ids: Sequence[int], keep: int | None
    ) -> None:
        self._shown = ids
        self.table.show(ids, directory.row, keep=keep, empty_message=self._empty(query))
        self.status.show_count(count_line(len(ids), len(directory), self._filtering()))

    def _empty(self, query: str) -> str:
        if self.directory is not None and not len(self.directory):
            return "No customers yet."
        if self.consignors_only and not query.strip():
            return "No consignors."
        return f"No customer matches “{query.strip()}”."

    # -- keys -----------------------------------------------------------------------------------

    @on(Input.Submitted, "#filter")
    def _open_from_filter(self) -> None:
        self.table.action_open()

    def on_key(self, event: events.Key) -> None:
        """Arrows and paging in the filter box move the list: type, arrow down, Enter."""
        if event.key == "ctrl+r" and not self._has_customers():
            # The binding is shown disabled; say why instead of ignoring the key.
            self.action_export()
            return
        if isinstance(self.focused, Input) and self.table.move(event.key):
            event.stop()
            event.prevent_default()
        elif self.focused is self.table and event.is_printable and event.character:
            # Letters typed on the list are a search, never a command.
            box = self.query_one("#filter", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    @on(CustomerTable.Opened)
    def _opened(self, event: CustomerTable.Opened) -> None:
        event.stop()
        self.post_message(OpenCustomer(event.customer_id))

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_cycle_sort(self) -> None:
        # Each order starts the right way up (A to Z, oldest number first).
        keys = list(SORTS)
        self.set_sort(keys[(keys.index(self.sort) + 1) % len(keys)])

    def action_reverse_sort(self) -> None:
        self.set_sort(self.sort, descending=not self.descending)

    def set_sort(self, sort: SortKey, *, descending: bool = False) -> None:
        self.sort = sort
        self.descending = descending
        self.status.show_sort(sort, descending)
        self.refilter(keep_cursor=True)

    def action_toggle_consignors(self) -> None:
        if self.ctx.business.has_consignment:
            self.consignors_only = not self.consignors_only
            self.status.show_consignors(self.consignors_only)
            self.refilter()

    @on(ListStatus.ConsignorsClicked)
    def _consignors_clicked(self) -> None:
        self.action_toggle_consignors()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_consignors":
            return self.ctx.business.has_consignment
        if action == "export":
            return True if self._has_customers() else None
        return True

    def _has_customers(self) -> bool:
        return self.directory is not None and len(self.directory) > 0

    def action_export(self) -> None:
        try:
            folder = Path.cwd()
        except OSError:
            self.notify(
                "The current folder no longer exists; start custtui from another one to export.",
                title="Export",
                severity="error",
            )
            return
        if not self._has_customers():
            self.notify("There are no customers to export yet.", title="Export", severity="warning")
            return
        ids = self._shown_ids()
        shown, total = len(ids), len(self.directory or ())
        if not self._filtering() or not 0 < shown < total:
            self.post_message(ExportCustomers(folder))
            return

        def chosen(which: ExportChoice | None) -> None:
            if which is ExportChoice.SHOWN:
                self.post_message(ExportCustomers(folder, list(ids)))
            elif which is ExportChoice.ALL:
                self.post_message(ExportCustomers(folder))

        self.app.push_screen(export_question(shown, total), chosen)

    def _shown_ids(self) -> Sequence[int]:
        """Every customer the list shows (found now if a big shop's count is still running)."""
        if self._shown is None and self.directory is not None:
            self._shown = self.directory.search(self.filter_text, **self.asked)
        return self._shown or ()

    def _filtering(self) -> bool:
        return bool(self.filter_text.strip()) or self.consignors_only

    def action_import_customers(self) -> None:
        try:
            folder = Path.cwd()
        except OSError:
            folder = Path.home()
        # Imported on first use: the wizard's name parser and spreadsheet reader would add
        # ~50 ms to every start, before the first rows show.
        from custtui.ui.screens.import_wizard import ImportWizard

        self.app.push_screen(ImportWizard(self.ctx, folder))

    # -- palette ---------------------------------------------------------------------------------

    def action_new_customer(self) -> None:
        self.post_message(NewCustomer())

    def palette_commands(self) -> Iterable[PaletteCommand]:
        return list_commands(self, consignment=self.ctx.business.has_consignment)
