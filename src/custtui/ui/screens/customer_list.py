"""The start screen: the customer list with instant filtering."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label
from textual.worker import Worker, WorkerState, get_current_worker

from custtui.core.customers.export import export_customers, free_export_path
from custtui.core.directory.list_rows import FirstPage, first_page
from custtui.core.directory.live import Directory, Pending
from custtui.core.search.orders import SortKey
from custtui.core.search.tuning import SearchTuning
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.errors import error_text
from custtui.ui.lazy import warm_up
from custtui.ui.widgets.customer_table import CustomerTable
from custtui.ui.widgets.filter_input import FilterInput

# Enough rows for the tallest terminal.
FIRST_PAGE_ROWS = 200

# What the "search" worker returns: the query it answered, and the matching ids.
_SearchResult = tuple[str, bool, SortKey, Sequence[int], int | None]


SORTS: dict[SortKey, str] = {
    "last_name": "last name",
    "first_name": "first name",
    "number": "number",
    "company": "company",
}


def count_text(shown: int, total: int, filtering: bool) -> str:
    noun = "customer" if total == 1 else "customers"
    return f"{shown:,} of {total:,} {noun}" if filtering else f"{total:,} {noun}"


class CustomerListScreen(Screen[None]):
    """Type to filter; arrows to move; Enter to open."""

    BINDINGS = [
        Binding("escape", "clear_filter", "Clear", tooltip="Clear the filter", id="clear"),
        Binding("ctrl+n", "new_customer", "New", tooltip="Add a customer", id="new"),
        Binding("ctrl+o", "cycle_sort", "Sort", tooltip="Change the sort order", id="sort"),
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
            tooltip="Export every customer to a CSV file",
            id="export",
        ),
        Binding(
            "ctrl+l",
            "import_customers",
            "Import",
            tooltip="Load customers from a CSV or Excel file",
            id="import",
        ),
        Binding(
            "ctrl+f",
            "focus_filter",
            "Filter",
            show=False,
            tooltip="Back to the filter box",
            id="filter",
        ),
    ]

    help_keys = (
        ("type", "Filter by name, email, phone or company (every word must match)"),
        ("↑ ↓", "Move in the list"),
        ("PgUp PgDn", "Page through the list"),
        ("Home End", "First / last customer (from the list)"),
        ("Enter", "Open the highlighted customer"),
        ("Tab", "Between the filter box and the list"),
    )

    def __init__(
        self, ctx: Context, *, poll_interval: float = 1.0, tuning: SearchTuning | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.tuning = tuning or SearchTuning()
        self.directory: Directory | None = None
        self.sort: SortKey = "last_name"
        self.consignors_only = False
        self.poll_interval = poll_interval
        self._store_down = False
        self._prepare_failed = False

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield FilterInput(placeholder="Filter: name, email, phone or company", id="filter")
        with Horizontal(id="status"):
            yield Label("Loading customers…", id="count")
            yield Label("", id="sort-label")
            yield Label("", id="consignors", markup=False)
        yield CustomerTable(region=self.ctx.business.region, id="customers")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.ctx.business.name
        self.sub_title = "Customers"
        self.query_one("#consignors", Label).display = self.ctx.business.has_consignment
        self._show_consignors()
        self._show_sort()
        self.query_one("#filter", Input).focus()
        self.load_first_page()
        self.set_interval(self.poll_interval, self.poll_changes, name="poll")

    @property
    def table(self) -> CustomerTable:
        return self.query_one(CustomerTable)

    @property
    def filter_text(self) -> str:
        return self.query_one("#filter", Input).value

    # -- loading and live updates -----------------------------------------------------------

    @work(
        thread=True,
        exclusive=True,
        group="first",
        exit_on_error=False,
        description="Reading the first customers",
    )
    def load_first_page(self) -> FirstPage:
        # Read straight from the database's name index: rows show at once, even while the
        # full directory of a big shop is still loading.
        return first_page(self.ctx, FIRST_PAGE_ROWS)

    @work(
        thread=True,
        exclusive=True,
        group="load",
        exit_on_error=False,
        description="Loading customers",
    )
    def load_directory(self) -> Directory:
        warm_up()  # the detail screen's modules, while the first rows are on screen
        # Seconds at a million customers: quitting meanwhile must not wait for the end.
        worker = get_current_worker()
        return Directory.load(self.ctx, cancelled=lambda: worker.is_cancelled, tuning=self.tuning)

    @work(
        thread=True,
        exclusive=True,
        group="prepare",
        exit_on_error=False,
        description="Indexing the terms many customers share",
    )
    def prepare_search(self, directory: Directory) -> None:
        # Seconds at a million customers; until then searches answer the same, only slower
        # on terms most customers match. Quitting cancels it: the process must not wait.
        worker = get_current_worker()
        directory.prepare_search(cancelled=lambda: worker.is_cancelled)

    def _prepare_when_needed(self) -> None:
        directory = self.directory
        if directory is not None and not directory.search_prepared and not self._prepare_failed:
            running = any(
                w.group == "prepare" and w.is_running for w in self.workers if w.node is self
            )
            if not running:
                self.prepare_search(directory)

    @work(
        thread=True,
        exclusive=True,
        group="poll",
        exit_on_error=False,
        description="Checking for changes",
    )
    def fetch_changes(self, directory: Directory) -> Pending:
        return directory.fetch_changes()

    def poll_changes(self) -> None:
        if self.directory is not None:
            self.fetch_changes(self.directory)

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.SUCCESS:
            if worker.group == "first":
                page = cast(FirstPage, worker.result)
                self.table.show([r.id for r in page.rows], page.row)
                self._set_count(count_text(page.total, page.total, False))
                # Only now the full load: it would otherwise compete for the one
                # interpreter lock with painting these first rows.
                self.call_after_refresh(self.load_directory)
            elif worker.group == "load":
                self.directory = cast(Directory, worker.result)
                # What is alive now lives as long as the app: spare it from every full
                # collection, each of which stalled typing for 50-70 ms.
                gc.freeze()
                self.refresh_bindings()
                self.refilter()
                self._prepare_when_needed()
            elif worker.group == "poll" and self.directory is not None:
                self._store_back()
                if self.directory.apply(cast(Pending, worker.result)):
                    self.refresh_bindings()
                    self.refilter(keep_cursor=True)
                self._prepare_when_needed()  # a reload, or many removals, drops the sets
            elif worker.group == "search" and self.directory is not None:
                query, consignors_only, sort, ids, keep = cast(_SearchResult, worker.result)
                # A result for what the user has since typed over is dropped.
                if (query, consignors_only, sort) == (
                    self.filter_text,
                    self.consignors_only,
                    self.sort,
                ):
                    current = self.table.current_id
                    self._show_result(self.directory, query, ids, keep or current)
            elif worker.group == "export":
                self.notify(cast(str, worker.result), title="Export")
        elif event.state == WorkerState.ERROR:
            self._failed(worker)

    def _failed(self, worker: Worker[object]) -> None:
        error = worker.error
        message = error_text(error)
        if worker.group == "first":
            self.load_directory()  # it reports the same failure, once
            return
        if worker.group == "prepare":
            # Searches work without the sets, only slower: no message, and no retry that
            # would fail the same way every second.
            self._prepare_failed = True
            return
        if worker.group == "poll":
            # Keep polling quietly; say it once, and again when it comes back.
            if not self._store_down:
                self._store_down = True
                self.notify(f"{message} Retrying…", title="Store unavailable", severity="warning")
            return
        if worker.group == "load":
            self._set_count("Can't load customers")
            self.table.say(message)
        self.notify(message, title="Error", severity="error", timeout=10)

    def _store_back(self) -> None:
        if self._store_down:
            self._store_down = False
            self.notify("Connection to the store is back.", title="Store")

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
            page = directory.index.first(
                query, rows, consignors_only=self.consignors_only, sort=self.sort
            )
            self.table.show(page, directory.row, keep=keep)
            self._set_count(f"counting… of {len(directory):,} customers")
            self.search_all(directory, query, self.consignors_only, self.sort, keep)
            return
        self.workers.cancel_group(self, "search")
        ids = directory.search(query, consignors_only=self.consignors_only, sort=self.sort)
        self._show_result(directory, query, ids, keep)

    def _show_result(
        self, directory: Directory, query: str, ids: Sequence[int], keep: int | None
    ) -> None:
        self.table.show(ids, directory.row, keep=keep, empty_message=self._empty(query))
        filtering = bool(query.strip()) or self.consignors_only
        self._set_count(count_text(len(ids), len(directory), filtering))

    @work(exclusive=True, group="search", exit_on_error=False, description="Finding every match")
    async def search_all(
        self,
        directory: Directory,
        query: str,
        consignors_only: bool,
        sort: SortKey,
        keep: int | None,
    ) -> _SearchResult:
        # On the event loop in slices of a few milliseconds: keys are handled between two,
        # and the next key's search cancels this one at its next pause.
        steps = directory.search_steps(query, consignors_only=consignors_only, sort=sort)
        while True:
            try:
                next(steps)
            except StopIteration as done:
                return query, consignors_only, sort, done.value, keep
            await asyncio.sleep(0)

    def _empty(self, query: str) -> str:
        if self.directory is not None and not len(self.directory):
            return "No customers yet."
        if self.consignors_only and not query.strip():
            return "No consignors."
        return f"No customer matches “{query.strip()}”."

    def _set_count(self, text: str) -> None:
        # Fixed width in the CSS: a new count never needs a new layout.
        self.query_one("#count", Label).update(text, layout=False)

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
        if not isinstance(self.focused, Input):
            return
        moves = {
            "down": self.table.action_cursor_down,
            "up": self.table.action_cursor_up,
            "pagedown": self.table.action_page_down,
            "pageup": self.table.action_page_up,
        }
        move = moves.get(event.key)
        if move is not None:
            move()
            event.stop()
            event.prevent_default()

    @on(CustomerTable.Opened)
    def _opened(self, event: CustomerTable.Opened) -> None:
        self.app.open_customer(event.customer_id)  # type: ignore[attr-defined]

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        box.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_cycle_sort(self) -> None:
        keys = list(SORTS)
        self.set_sort(keys[(keys.index(self.sort) + 1) % len(keys)])

    def set_sort(self, sort: SortKey) -> None:
        self.sort = sort
        self._show_sort()
        self.refilter(keep_cursor=True)

    def _show_sort(self) -> None:
        self.query_one("#sort-label", Label).update(f"by {SORTS[self.sort]}")

    def action_toggle_consignors(self) -> None:
        if self.ctx.business.has_consignment:
            self.consignors_only = not self.consignors_only
            self._show_consignors()
            self.refilter()

    def _show_consignors(self) -> None:
        mark = "x" if self.consignors_only else " "
        self.query_one("#consignors", Label).update(f"[{mark}] Consignors (^t)")

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "consignors":
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
        self.export_csv(folder)

    @work(
        thread=True,
        exclusive=True,
        group="export",
        exit_on_error=False,
        description="Exporting customers",
    )
    def export_csv(self, folder: Path) -> str:
        path = free_export_path(folder)
        count = export_customers(self.ctx, path)
        if count == 0:
            return "There are no customers to export yet; nothing written."
        noun = "customer" if count == 1 else "customers"
        return f"Exported {count:,} {noun} to {path}"

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
        self.app.new_customer()  # type: ignore[attr-defined]

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("New customer", "Add a customer", self.action_new_customer)
        yield PaletteCommand(
            "Import customers",
            "Load customers from a CSV or Excel file",
            self.action_import_customers,
        )
        yield PaletteCommand(
            "Export customers to CSV", "Write every customer to a CSV file", self.action_export
        )
        if self.ctx.business.has_consignment:
            yield PaletteCommand(
                "Toggle consignors only",
                "Show only consignors, or everyone",
                self.action_toggle_consignors,
            )
        for key, label in SORTS.items():

            def sort_by(key: SortKey = key) -> None:
                self.set_sort(key)

            yield PaletteCommand(f"Sort by {label}", f"Order the list by {label}", sort_by)
        yield PaletteCommand("Clear filter", "Show every customer", self.action_clear_filter)
