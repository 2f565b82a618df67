"""One item: every field, its sale, its consignment terms and its history.

The screen owns the item: it reads it (with its history) off the event loop, runs each
change through the core's services, and tells the app what changed so every items list
shows it at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from custtui.core.items.history import ItemHistory, item_history
from custtui.core.items.record import ItemRecord
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.errors import error_text
from custtui.ui.screens.item_changes import WORDING, ItemChange, allowed, apply_change, question
from custtui.ui.screens.item_form import ItemFormScreen
from custtui.ui.screens.mark_sold import MarkSoldScreen
from custtui.ui.widgets.items.item_panels import (
    consignment_lines,
    head,
    history_lines,
    item_lines,
    sale_lines,
)
from custtui.ui.widgets.items.messages import ItemDeleted, ItemSaved
from custtui.ui.work import Failed, Job, in_thread, running


class ItemJob(Job):
    LOAD = "item-load"
    CHANGE = "item-change"


NARROW = 100

# The actions a key asks of the store after a question, by the action's name.
_CHANGES = {c.value: c for c in ItemChange}


class ItemDetailScreen(Screen[None]):
    """One item, read-only until a key asks for a change."""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the list", id="item-back"),
        Binding("e", "edit", "Edit", tooltip="Edit this item", id="item-edit"),
        Binding("s", "sell", "Sell", tooltip="Mark this item as sold", id="item-sell"),
        Binding("u", "change('unsell')", "Unsell", tooltip="Undo the sale", id="item-unsell"),
        Binding(
            "r", "change('return')", "Return", tooltip="Return to the consignor", id="item-return"
        ),
        Binding("k", "change('keep')", "Keep", tooltip="The store keeps it", id="item-keep"),
        Binding("d", "change('delete')", "Delete", tooltip="Delete this item", id="item-delete"),
    ]

    @dataclass
    class Loaded(Message):
        history: ItemHistory

    @dataclass
    class Changed(Message):
        change: ItemChange
        before: ItemRecord
        after: ItemRecord | None

    def __init__(self, ctx: Context, number: int, item: ItemRecord | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.number = number
        self.item = item
        self.today = date.today()
        self.consignment = ctx.business.has_consignment
        self._asked: ItemChange | None = None  # the change last sent to the store
        self.history: ItemHistory | None = None  # once read

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static("Loading…", id="item-head")
        with VerticalScroll(id="item-body"):
            with Horizontal(id="item-top"):
                with Vertical(id="item-left"):
                    yield self._panel("Item", "item-fields")
                    yield self._panel("Sale", "item-sale")
                yield self._panel("Consignment", "item-consignment")
            yield self._panel("History", "item-history")
        yield Footer()

    @staticmethod
    def _panel(title: str, panel_id: str) -> Static:
        panel = Static("", id=panel_id, classes="item-panel")
        panel.border_title = title
        return panel

    def on_resize(self) -> None:
        # Side by side, the panels would wrap every line on a narrow terminal: stack them.
        self.set_class(self.app.size.width < NARROW, "-narrow")

    def on_mount(self) -> None:
        self.on_resize()
        self.title = self.ctx.business.name
        self.sub_title = f"Item I-{self.number:06d}"
        self.query_one("#item-consignment").display = self.consignment
        if self.item is not None:
            self._show_item(self.item)
        self.reload()

    # -- loading ----------------------------------------------------------------------------

    @in_thread(ItemJob.LOAD, "Loading the item", exclusive=True)
    def reload(self) -> Message:
        return self.Loaded(item_history(self.ctx, self.number))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.history = event.history
        self._show_item(event.history.item)
        self.query_one("#item-history", Static).update(history_lines(event.history.events))

    def _show_item(self, item: ItemRecord) -> None:
        self.item = item
        self.sub_title = f"{item.label}  {item.title}"
        self.query_one("#item-head", Static).update(
            head(item, self.today, consignment=self.consignment)
        )
        self.query_one("#item-fields", Static).update(item_lines(item))
        self.query_one("#item-sale", Static).update(sale_lines(item))
        if self.consignment:
            self.query_one("#item-consignment", Static).update(consignment_lines(item, self.today))
        self.refresh_bindings()

    # -- actions -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        item = self.item
        if action == "change":
            change = _CHANGES[str(parameters[0])]
            if change in (ItemChange.RETURN, ItemChange.KEEP) and not self.consignment:
                return False  # pro and free: nothing of consignment shows
            if item is None:
                return None
            return True if allowed(change, item, consignment=self.consignment) else None
        if action == "sell":
            return None if item is None or item.sold or item.returned_on else True
        if action == "edit":
            return None if item is None else True
        return True

    def _saved(self, item: ItemRecord | None) -> None:
        if item is not None:
            self._show_item(item)
            self.post_message(ItemSaved(item))
            self.reload()

    def action_edit(self) -> None:
        if self.item is not None:
            self.app.push_screen(ItemFormScreen(self.ctx, self.item), self._saved)

    def action_sell(self) -> None:
        item = self.item
        if item is None:
            return
        if item.sold or item.returned_on is not None:
            self.notify(f"{item.label} can't be sold: it is {item.status.lower()}.")
            return
        self.app.push_screen(MarkSoldScreen(self.ctx, item), self._saved)

    def action_change(self, change: str) -> None:
        item = self.item
        kind = _CHANGES[change]
        if item is None or running(self, ItemJob.CHANGE):
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._asked = kind
                self.make_change(kind, item)

        self.app.push_screen(question(kind, item), answered)

    @in_thread(ItemJob.CHANGE, "Changing the item")
    def make_change(self, change: ItemChange, item: ItemRecord) -> Message:
        return self.Changed(change, item, apply_change(self.ctx, change, item))

    @on(Changed)
    def _changed(self, event: Changed) -> None:
        self.app.notify(WORDING[event.change].done(event.before), title="Done")
        if event.after is None:
            self.post_message(ItemDeleted(event.before.id, event.before.label))
            self.dismiss()
            return
        self._saved(event.after)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        if event.job is ItemJob.LOAD:
            self.app.notify(error_text(event.error), title="Error", severity="error")
            if self.item is None:
                self.dismiss()
            return
        title = WORDING[self._asked].refused if self._asked else "Not changed"
        self.notify(error_text(event.error), title=title, severity="error", timeout=10)

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand("Edit item", "Open the item form", self.action_edit),
            PaletteCommand("Mark as sold", "Sell this item", self.action_sell),
            PaletteCommand("Undo the sale", "Put the item back in the shop", self._ask("unsell")),
        ]
        if self.consignment:
            commands += [
                PaletteCommand("Return to consignor", "Hand the item back", self._ask("return")),
                PaletteCommand("Store keeps it", "Make it the store's own", self._ask("keep")),
            ]
        commands += [
            PaletteCommand("Delete item", "Delete after a confirmation", self._ask("delete")),
            PaletteCommand("Back", "Close this item", self.action_back),
        ]
        return commands

    def _ask(self, change: str) -> Callable[[], None]:
        return lambda: self.action_change(change)
