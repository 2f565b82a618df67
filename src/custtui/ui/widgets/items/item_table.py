"""A virtual items list: draws only the rows on screen, so 100,000 items cost nothing.

It is handed the index's lazy view (a sequence read only where asked) and reads the few
dozen records a frame shows; it never builds a row per item.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from custtui.core.items.record import ItemRecord
from custtui.ui.textual_compat import set_scroll_range
from custtui.ui.widgets.customer_table import fit
from custtui.ui.widgets.items.columns import Column, columns_for, layout
from custtui.ui.widgets.row_list import RowList

# How far from the cursor's old place an item is looked for when the rows change under it
# (a change moves a row by a few places at most; a full scan of 100,000 would cost a frame).
_KEEP_WINDOW = 500


class ItemTable(RowList):
    COMPONENT_CLASSES = {"item-table--cursor", "item-table--header", "item-table--alert"}
    DEFAULT_CSS = """
    ItemTable {
        background: $surface;
        overflow-y: scroll;
        overflow-x: hidden;
        & > .item-table--cursor { background: $block-cursor-background;
                                  color: $block-cursor-foreground; text-style: bold; }
        &:blur > .item-table--cursor { background: $block-cursor-blurred-background;
                                       color: $foreground; text-style: bold; }
        & > .item-table--header { color: $text-muted; text-style: bold; }
        & > .item-table--alert { color: $text-error; text-style: bold; }
    }
    """
    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted item", id="open"),
    ]

    @dataclass
    class Opened(Message):
        """The user chose an item (Enter)."""

        table: ItemTable
        item: ItemRecord

        @property
        def control(self) -> ItemTable:
            return self.table

    def __init__(
        self, *, consignment: bool, name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self.consignment = consignment
        self.worklist = False
        self.today = date.today()
        self._items: Sequence[ItemRecord] = ()
        self._styles = (Style(), Style(), Style(), Style())
        self._columns: tuple[Column, ...] = ()

    # -- data ---------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._items)

    @property
    def current(self) -> ItemRecord | None:
        if 0 <= self.cursor < len(self._items):
            return self._items[self.cursor]
        return None

    def show(
        self,
        items: Sequence[ItemRecord],
        *,
        today: date,
        worklist: bool = False,
        keep: int | None = None,
        empty_message: str = "",
    ) -> None:
        """Show these items; the cursor stays on item id `keep` if still listed, else the top."""
        old = self.cursor
        self._items = items
        self.today = today
        self.worklist = worklist
        self.empty_message = empty_message
        set_scroll_range(self, Size(self.size.width, len(items) + 1))
        target = self._find(keep, old) if keep is not None else 0
        self.cursor = target
        if target == 0:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _find(self, item_id: int, near: int) -> int:
        items = self._items
        low = max(0, near - _KEEP_WINDOW)
        high = min(len(items), near + _KEEP_WINDOW)
        for index in range(low, high):
            if items[index].id == item_id:
                return index
        return 0

    def visible_items(self) -> list[ItemRecord]:
        top = int(self.scroll_offset.y)
        return list(self._items[top : top + self.size.height - 1])  # line 0 is the header

    def action_open(self) -> None:
        current = self.current
        if current is not None:
            self.post_message(self.Opened(self, current))

    # -- drawing --------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles once a frame, not once a line; the breakpoints are the terminal's columns.
        self._columns = columns_for(
            self.app.size.width, consignment=self.consignment, worklist=self.worklist
        )
        self._styles = (
            self.rich_style,
            self.rich_style + self.get_component_rich_style("item-table--cursor"),
            self.get_component_rich_style("item-table--header"),
            self.get_component_rich_style("item-table--alert"),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        # Without the scrollbar's columns, which `size` counts: the last column shows whole.
        width = self.scrollable_content_region.width or self.size.width
        base, cursor, header, alert = self._styles
        columns = self._columns
        widths = layout(columns, width)
        if y == 0:
            text = " " + " ".join(
                _aligned(c.title, w, c.right) for c, w in zip(columns, widths, strict=True)
            )
            return Strip([Segment(set_cell_size(text, width), header)], width)
        index = y - 1 + int(self.scroll_offset.y)
        if index >= len(self._items):
            if index == 0 and self.empty_message:
                text = set_cell_size("  " + self.empty_message, width)
                return Strip([Segment(text, header)], width)
            return Strip.blank(width, base)
        style = cursor if index == self.cursor else base
        item = self._items[index]
        today = self.today
        segments = [Segment(" ", style)]
        used = 1
        for column, w in zip(columns, widths, strict=True):
            text = _aligned(column.cell(item, today), w, column.right)
            warn = column.alert is not None and column.alert(item, today)
            segments.append(Segment(text, style + alert if warn else style))
            segments.append(Segment(" ", style))
            used += w + 1
        if used < width:
            segments.append(Segment(" " * (width - used), style))
        return Strip(segments, width).crop(0, width)


def _aligned(text: str, width: int, right: bool) -> str:
    if right and cell_len(text) < width:
        return " " * (width - cell_len(text)) + text
    return fit(text, width)
