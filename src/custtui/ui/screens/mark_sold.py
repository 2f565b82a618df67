"""Placeholder: the Mark as Sold dialog. The real dialog replaces this module on merge."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from custtui.core.items.record import ItemRecord
from custtui.core.store.businesses import Context


class MarkSoldScreen(ModalScreen[ItemRecord | None]):
    """Sells an item; dismisses with the sold record, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, ctx: Context, item: ItemRecord) -> None:
        super().__init__()
        self.ctx = ctx
        self.item = item

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box"):
            yield Static(
                f"Selling {self.item.label}: the Mark as Sold dialog is not built yet.",
                markup=False,
            )
        yield Footer()

    def action_cancel(self) -> None:
        self.dismiss(None)
