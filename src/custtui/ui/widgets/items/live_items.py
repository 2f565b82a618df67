"""The business's items, loaded and kept current: a widget that shows nothing.

Like the customer list's LiveDirectory: a widget so its workers and its timer end with the
screen it is on. It loads the item index off the event loop, then polls the audit log for
other terminals' changes on the customer list's interval, saying once when the store is out
of reach and again when it is back.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass

from textual import on
from textual.message import Message
from textual.widget import Widget

from custtui.core.items.index import ItemIndex
from custtui.core.items.listing import changed_items, load_item_index
from custtui.core.items.record import ItemRecord
from custtui.core.store.businesses import Context
from custtui.ui.errors import error_text
from custtui.ui.work import Failed, Job, in_thread


class ItemsJob(Job):
    LOAD = "items-load"
    POLL = "items-poll"


class LiveItems(Widget):
    DEFAULT_CSS = "LiveItems { display: none; }"

    @dataclass
    class Loaded(Message):
        """Every item is in `index` (`live.index` from now on)."""

        live: LiveItems
        index: ItemIndex

        @property
        def control(self) -> LiveItems:
            return self.live

    @dataclass
    class Changed(Message):
        """Another terminal's changes are in the index."""

        live: LiveItems

        @property
        def control(self) -> LiveItems:
            return self.live

    @dataclass
    class Unreadable(Message):
        """The items can't be read (the user has been told why)."""

        live: LiveItems
        reason: str

        @property
        def control(self) -> LiveItems:
            return self.live

    @dataclass
    class _IndexRead(Message):
        index: ItemIndex
        last_event: int

    @dataclass
    class _ChangesRead(Message):
        fresh: list[ItemRecord]
        gone: set[int]
        newest: int

    def __init__(self, ctx: Context, *, poll_interval: float = 1.0) -> None:
        super().__init__()
        self.ctx = ctx
        self.poll_interval = poll_interval
        self.index: ItemIndex | None = None
        self._last_event = 0
        self._store_down = False

    def on_mount(self) -> None:
        self.load()
        self.set_interval(self.poll_interval, self.poll, name="items-poll")

    @in_thread(ItemsJob.LOAD, "Loading items", exclusive=True)
    def load(self) -> Message:
        index, last_event = load_item_index(self.ctx)
        return self._IndexRead(index, last_event)

    @on(_IndexRead)
    def _index_read(self, event: _IndexRead) -> None:
        event.stop()
        self.index = event.index
        self._last_event = event.last_event
        # Like the customers: what is loaded lives as long as the app, so spare it from
        # every full collection (each would stall typing).
        gc.freeze()
        self.post_message(self.Loaded(self, event.index))

    def poll(self) -> None:
        if self.index is not None:
            self.fetch_changes(self._last_event)

    @in_thread(ItemsJob.POLL, "Checking for item changes", exclusive=True)
    def fetch_changes(self, since: int) -> Message:
        return self._ChangesRead(*changed_items(self.ctx, since))

    @on(_ChangesRead)
    def _changes_read(self, event: _ChangesRead) -> None:
        event.stop()
        if self._store_down:
            self._store_down = False
            self.notify("Connection to the store is back.", title="Store")
        index = self.index
        if index is None or event.newest <= self._last_event:
            return
        self._last_event = event.newest
        for item in event.fresh:
            index.upsert(item)
        for item_id in event.gone:
            index.remove(item_id)
        if event.fresh or event.gone:
            self.post_message(self.Changed(self))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        message = error_text(event.error)
        if event.job is ItemsJob.POLL:
            if not self._store_down:
                self._store_down = True
                self.notify(f"{message} Retrying…", title="Store unavailable", severity="warning")
            return
        self.post_message(self.Unreadable(self, message))
        self.notify(message, title="Error", severity="error", timeout=10)
