"""Placeholder: the item form (modal). The real form replaces this module on merge."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from custtui.core.items.record import ItemRecord
from custtui.core.store.businesses import Context


class ItemFormScreen(ModalScreen[ItemRecord | None]):
    """Adds or edits an item; dismisses with the saved record, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(self, ctx: Context, item: ItemRecord | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.item = item

    def compose(self) -> ComposeResult:
        what = f"Editing {self.item.label}" if self.item else "A new item"
        with Vertical(id="ask-box"):
            yield Static(f"{what}: the item form is not built yet.", markup=False)
        yield Footer()

    def action_cancel(self) -> None:
        self.dismiss(None)
