"""The line under the list's filter: how many customers, in which order, consignors only."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label

from custtui.core.search.orders import SortKey

SORTS: dict[SortKey, str] = {
    "last_name": "last name",
    "first_name": "first name",
    "number": "number",
    "company": "company",
}
# Ascending (A to Z, oldest number first) and descending: as the palette's entries say it.
ARROWS = {False: "↑", True: "↓"}


def sort_text(sort: SortKey, descending: bool) -> str:
    """A sort as the status line and the palette say it: `last name ↓`."""
    return f"{SORTS[sort]} {ARROWS[descending]}"


class ListStatus(Horizontal):
    """Says; a click on the consignors toggle asks the screen to flip it."""

    @dataclass
    class ConsignorsClicked(Message):
        status: ListStatus

        @property
        def control(self) -> ListStatus:
            return self.status

    def __init__(self, *, consignment: bool) -> None:
        super().__init__(id="status")
        self.consignment = consignment  # the toggle is premium only
        self._sort: tuple[SortKey, bool] = ("last_name", False)

    def compose(self) -> ComposeResult:
        yield Label("Loading customers…", id="count")
        yield Label("", id="sort-label")
        toggle = Label("", id="consignors", markup=False)
        toggle.display = self.consignment
        yield toggle

    def show_count(self, text: str) -> None:
        # Fixed width in the CSS: a new count never needs a new layout.
        self.query_one("#count", Label).update(text, layout=False)

    def show_sort(self, sort: SortKey, descending: bool = False) -> None:
        self._sort = (sort, descending)
        self._say_sort()

    def on_resize(self) -> None:
        self._say_sort()

    def _say_sort(self) -> None:
        label = self.query_one("#sort-label", Label)
        text = sort_text(*self._sort)
        # "by " goes first when the line is too narrow (70 columns with the toggle shown).
        room = label.content_region.width
        label.update(f"by {text}" if not room or room >= len(text) + 3 else text)

    def show_consignors(self, only: bool) -> None:
        mark = "x" if only else " "
        self.query_one("#consignors", Label).update(f"[{mark}] Consignors (^t)")

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "consignors":
            self.post_message(self.ConsignorsClicked(self))
