"""The business's customers, loaded and kept current: a widget that shows nothing.

It is a widget so that its work belongs to the screen it is on (its workers and its timer
end with that screen) and its news arrives there as messages. It loads a first page from
the database's name index at once, then the whole directory; builds the search's row sets
in the background; and polls for other terminals' changes, saying once when the store
is out of reach and again when it is back.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widget import Widget
from textual.worker import get_current_worker

from custtui.core.directory.list_rows import FirstPage, first_page
from custtui.core.directory.live import Directory, Pending
from custtui.core.search.tuning import SearchTuning
from custtui.core.store.businesses import Context
from custtui.ui.errors import error_text
from custtui.ui.lazy import warm_up
from custtui.ui.work import Failed, Job, in_thread, running

# Enough rows for the tallest terminal.
FIRST_PAGE_ROWS = 200


class DirectoryJob(Job):
    FIRST_PAGE = "first"
    LOAD = "load"
    PREPARE = "prepare"
    POLL = "poll"


class LiveDirectory(Widget):
    DEFAULT_CSS = "LiveDirectory { display: none; }"

    # -- what it tells its screen -----------------------------------------------------------

    @dataclass
    class FirstRows(Message):
        """The first rows by last name, and how many customers there are, read at once."""

        live: LiveDirectory
        page: FirstPage

        @property
        def control(self) -> LiveDirectory:
            return self.live

    @dataclass
    class Loaded(Message):
        """Every customer is in `directory` (`live.directory` from now on)."""

        live: LiveDirectory
        directory: Directory

        @property
        def control(self) -> LiveDirectory:
            return self.live

    @dataclass
    class Changed(Message):
        """Another terminal's changes are in the directory."""

        live: LiveDirectory

        @property
        def control(self) -> LiveDirectory:
            return self.live

    @dataclass
    class Unreadable(Message):
        """The customers can't be read (the user has been told why)."""

        live: LiveDirectory
        reason: str

        @property
        def control(self) -> LiveDirectory:
            return self.live

    # -- its workers' answers, to itself --------------------------------------------------------

    @dataclass
    class _PageRead(Message):
        page: FirstPage

    @dataclass
    class _DirectoryRead(Message):
        directory: Directory

    @dataclass
    class _ChangesRead(Message):
        pending: Pending

    def __init__(
        self, ctx: Context, *, poll_interval: float = 1.0, tuning: SearchTuning | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.poll_interval = poll_interval
        self.tuning = tuning or SearchTuning()
        self.directory: Directory | None = None
        self._store_down = False
        self._prepare_failed = False

    def on_mount(self) -> None:
        self.load_first_page()
        self.set_interval(self.poll_interval, self.poll, name="poll")

    # -- loading ------------------------------------------------------------------------------

    @in_thread(DirectoryJob.FIRST_PAGE, "Reading the first customers", exclusive=True)
    def load_first_page(self) -> Message:
        # Read straight from the database's name index: rows show at once, even while the
        # full directory of a big shop is still loading.
        return self._PageRead(first_page(self.ctx, FIRST_PAGE_ROWS))

    @on(_PageRead)
    def _page_read(self, event: _PageRead) -> None:
        event.stop()
        self.post_message(self.FirstRows(self, event.page))
        # Only now the full load: it would otherwise compete for the one interpreter lock
        # with painting these first rows.
        self.call_after_refresh(self.load_directory)

    @in_thread(DirectoryJob.LOAD, "Loading customers", exclusive=True)
    def load_directory(self) -> Message:
        warm_up()  # the detail screen's modules, while the first rows are on screen
        # Seconds at a million customers: quitting meanwhile must not wait for the end.
        worker = get_current_worker()
        directory = Directory.load(
            self.ctx, cancelled=lambda: worker.is_cancelled, tuning=self.tuning
        )
        return self._DirectoryRead(directory)

    @on(_DirectoryRead)
    def _directory_read(self, event: _DirectoryRead) -> None:
        event.stop()
        self.directory = event.directory
        # What is alive now lives as long as the app: spare it from every full collection,
        # each of which stalled typing for 50-70 ms.
        gc.freeze()
        self.post_message(self.Loaded(self, event.directory))
        self._prepare_when_needed()

    @in_thread(DirectoryJob.PREPARE, "Indexing the terms many customers share", exclusive=True)
    def prepare_search(self, directory: Directory) -> None:
        # Seconds at a million customers; until then searches answer the same, only slower
        # on terms most customers match. Quitting cancels it: the process must not wait.
        worker = get_current_worker()
        directory.prepare_search(cancelled=lambda: worker.is_cancelled)

    def _prepare_when_needed(self) -> None:
        directory = self.directory
        if directory is None or directory.search_prepared or self._prepare_failed:
            return
        if not running(self, DirectoryJob.PREPARE):
            self.prepare_search(directory)

    # -- live updates ---------------------------------------------------------------------------

    def poll(self) -> None:
        if self.directory is not None:
            self.fetch_changes(self.directory)

    @in_thread(DirectoryJob.POLL, "Checking for changes", exclusive=True)
    def fetch_changes(self, directory: Directory) -> Message:
        return self._ChangesRead(directory.fetch_changes())

    @on(_ChangesRead)
    def _changes_read(self, event: _ChangesRead) -> None:
        event.stop()
        if self.directory is None:
            return
        if self._store_down:
            self._store_down = False
            self.notify("Connection to the store is back.", title="Store")
        if self.directory.apply(event.pending):
            self.post_message(self.Changed(self))
        self._prepare_when_needed()  # a reload, or many removals, drops the sets

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        message = error_text(event.error)
        if event.job is DirectoryJob.FIRST_PAGE:
            self.load_directory()  # it reports the same failure, once
        elif event.job is DirectoryJob.PREPARE:
            # Searches work without the sets, only slower: no message, and no retry that
            # would fail the same way every second.
            self._prepare_failed = True
        elif event.job is DirectoryJob.POLL:
            # Keep polling quietly; say it once, and again when it comes back.
            if not self._store_down:
                self._store_down = True
                self.notify(f"{message} Retrying…", title="Store unavailable", severity="warning")
        else:
            self.post_message(self.Unreadable(self, message))
            self.notify(message, title="Error", severity="error", timeout=10)
