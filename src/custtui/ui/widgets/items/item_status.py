"""The line under the items filter: how many items, and which filters are on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from custtui.core.items.index import ItemFilter

# Below this many columns the line drops the keys (the footer has them) to fit.
ROOMY = 100


def filter_words(wanted: ItemFilter, *, consignment: bool, roomy: bool = True) -> str:
    """The filters as the line says them, with the keys that change them when there's room."""

    def key(text: str) -> str:
        return f" ({text})" if roomy else ""

    status = wanted.status or ("All" if roomy else "Any status")
    parts = [f"Status: {status}{key('^t')}" if roomy else status]
    if consignment:
        parts.append(f"[{'x' if wanted.consigned else ' '}] Consigned{key('^g')}")
        parts.append(f"[{'x' if wanted.expired else ' '}] Expired{key('^o')}")
    return ("   " if roomy else "  ").join(parts)


class ItemStatus(Horizontal):
    def __init__(self, *, consignment: bool) -> None:
        super().__init__(id="item-status")
        self.consignment = consignment
        self._wanted = ItemFilter()

    def compose(self) -> ComposeResult:
        yield Label("Loading items…", id="item-count", markup=False)
        yield Label("", id="item-filters", markup=False)

    def show_count(self, text: str) -> None:
        # Fixed width in the CSS: a new count never needs a new layout.
        self.query_one("#item-count", Label).update(text, layout=False)

    def show_filter(self, wanted: ItemFilter) -> None:
        self._wanted = wanted
        roomy = self.app.size.width >= ROOMY
        self.query_one("#item-filters", Label).update(
            filter_words(wanted, consignment=self.consignment, roomy=roomy)
        )

    def on_resize(self) -> None:
        self.show_filter(self._wanted)
