"""The line under the items filter: how many items, and which filters are on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from custtui.core.items.index import ItemFilter


def filter_words(wanted: ItemFilter, *, consignment: bool) -> str:
    """The filters as the line says them, with the keys that change them."""
    parts = [f"Status: {wanted.status or 'All'} (^t)"]
    if consignment:
        parts.append(f"[{'x' if wanted.consigned else ' '}] Consigned (^g)")
        parts.append(f"[{'x' if wanted.expired else ' '}] Expired (^o)")
    return "   ".join(parts)


class ItemStatus(Horizontal):
    def __init__(self, *, consignment: bool) -> None:
        super().__init__(id="item-status")
        self.consignment = consignment

    def compose(self) -> ComposeResult:
        yield Label("Loading items…", id="item-count", markup=False)
        yield Label("", id="item-filters", markup=False)

    def show_count(self, text: str) -> None:
        # Fixed width in the CSS: a new count never needs a new layout.
        self.query_one("#item-count", Label).update(text, layout=False)

    def show_filter(self, wanted: ItemFilter) -> None:
        self.query_one("#item-filters", Label).update(
            filter_words(wanted, consignment=self.consignment)
        )
