"""A virtual customer list: draws only the rows on screen, so a million rows cost nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from custtui.core.directory.list_rows import ListRow
from custtui.core.fields.contact import format_phone
from custtui.ui.textual_compat import set_scroll_range
from custtui.ui.widgets.row_list import RowList

# Terminal palette colours only: they read on dark and light backgrounds and on 16 colours.
AVATAR_STYLES = tuple(
    Style.parse(spec)
    for spec in (
        "bold bright_white on blue",
        "bold black on green",
        "bold bright_white on magenta",
        "bold black on cyan",
        "bold bright_white on red",
        "bold black on yellow",
        "bold bright_white on bright_black",
    )
)
WIDEST = 140
WIDE = 120
NARROW = 80


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # the least it gets
    grow: int  # its share of the room left over
    cell: Callable[[ListRow, str], str]


def _phone(row: ListRow, region: str) -> str:
    return format_phone(row.phone or row.mobile_phone or None, region)


def _contact(row: ListRow, region: str) -> str:
    return _phone(row, region) or row.email


def _name(row: ListRow, region: str) -> str:
    return row.name


def _place(row: ListRow, region: str) -> str:
    return row.place(region)


def _badges(row: ListRow, region: str) -> str:
    return ", ".join(row.badges)


NUMBER = Column("No.", 8, 0, lambda r, _: r.label)
_CITY = Column("City", 19, 2, _place)
COLUMNS_WIDE = (
    NUMBER,
    Column("Name", 18, 2, _name),
    Column("Company", 14, 1, lambda r, _: r.company),
    Column("Email", 22, 2, lambda r, _: r.email),
    Column("Phone", 16, 0, _phone),
    _CITY,
)
# The street beside the city, not before it: a long street can't push the city out of sight.
COLUMNS_WIDEST = (
    NUMBER,
    Column("Name", 16, 2, _name),
    Column("Company", 12, 1, lambda r, _: r.company),
    Column("Email", 20, 2, lambda r, _: r.email),
    Column("Phone", 16, 0, _phone),
    Column("Street", 12, 2, lambda r, _: r.street),
    _CITY,
    Column("Since", 5, 0, lambda r, _: r.since),
    Column("Status", 9, 0, _badges),
)
COLUMNS_NORMAL = (
    Column("Name", 16, 2, _name),
    Column("Company", 10, 1, lambda r, _: r.company),
    Column("Email", 18, 2, lambda r, _: r.email),
    Column("Phone", 15, 0, _phone),
    Column("City", 8, 3, _place),
)
COLUMNS_COMPACT = (
    Column("Name", 16, 1, _name),
    Column("Phone or email", 14, 1, _contact),
)
AVATAR_WIDTH = 6  # a space, " AB ", a space
# A cut word goes back to the space before it unless that loses more than this share.
_WORD_CUT_LOSS = 0.4


def fit(text: str, width: int) -> str:
    """`text` in exactly `width` cells; cut text ends with an ellipsis so it reads as cut,
    after a whole word when one ends near enough ("12 Market St, San…", not "San Fr…")."""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    if width <= 1:
        return set_cell_size(text, width)
    head = set_cell_size(text, width - 1)
    if text.startswith(head) and not text[len(head)].isspace():
        space = head.rfind(" ")
        if space > 0 and len(head) - space <= _WORD_CUT_LOSS * width:
            head = head[:space]
    return set_cell_size(head.rstrip(" ,;·-") + "…", width)


def columns_for(width: int) -> tuple[Column, ...]:
    if width >= WIDEST:
        return COLUMNS_WIDEST
    if width >= WIDE:
        return COLUMNS_WIDE
    if width >= NARROW:
        return COLUMNS_NORMAL
    return COLUMNS_COMPACT


def layout(columns: Sequence[Column], width: int) -> list[int]:
    """Cell widths filling `width` (the avatar's and a space before each column included):
    each column's least, plus its share of what is left."""
    least = sum(c.width + 1 for c in columns) + AVATAR_WIDTH - 1
    spare = max(0, width - least)
    shares = sum(c.grow for c in columns) or 1
    extra = [spare * c.grow // shares for c in columns]
    extra[-1] += spare - sum(extra)  # what rounding left over goes to the last column
    return [c.width + e for c, e in zip(columns, extra, strict=True)]


class CustomerTable(RowList):
    """Rows come as ids plus a function that describes one id: nothing is copied."""

    COMPONENT_CLASSES = {
        "customer-table--cursor",
        "customer-table--header",
        "customer-table--dim",
    }
    DEFAULT_CSS = """
    CustomerTable {
        background: $surface;
        overflow-y: scroll;
        overflow-x: hidden;
        & > .customer-table--cursor { background: $block-cursor-background;
                                      color: $block-cursor-foreground; text-style: bold; }
        &:blur > .customer-table--cursor { background: $block-cursor-blurred-background;
                                           color: $foreground; text-style: bold; }
        & > .customer-table--header { color: $text-muted; text-style: bold; }
        & > .customer-table--dim { color: $text-muted; }
    }
    """
    BINDINGS = [
        Binding("enter", "open", "Open", tooltip="Open the highlighted customer", id="open"),
    ]

    @dataclass
    class Opened(Message):
        """The user chose a customer (Enter)."""

        table: CustomerTable
        customer_id: int

        @property
        def control(self) -> CustomerTable:
            return self.table

    def __init__(
        self, *, region: str = "US", name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self.phone_region = region
        self._ids: Sequence[int] = ()
        self._describe: Callable[[int], ListRow | None] = lambda _id: None
        self._frame_styles = (Style(), Style(), Style())
        self._columns: tuple[Column, ...] = COLUMNS_NORMAL

    # -- data ---------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self._ids)

    @property
    def current_id(self) -> int | None:
        if 0 <= self.cursor < len(self._ids):
            return self._ids[self.cursor]
        return None

    def show(
        self,
        ids: Sequence[int],
        describe: Callable[[int], ListRow | None],
        *,
        keep: int | None = None,
        empty_message: str = "",
    ) -> None:
        """Show these rows; the cursor stays on customer `keep` if still listed, else the top."""
        self._ids = ids
        self._describe = describe
        self.empty_message = empty_message
        self._set_virtual_height(len(ids) + 1)
        target = 0
        if keep is not None:
            try:
                target = ids.index(keep)
            except ValueError:
                target = 0
        self.cursor = target
        if target == 0:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _set_virtual_height(self, height: int) -> None:
        # Setting `virtual_size` normally re-lays-out the whole screen (~10 ms a keystroke).
        # The scrollbar is always shown (see CSS), so only the scroll range changes.
        set_scroll_range(self, Size(self.size.width, height))

    def visible_ids(self) -> list[int]:
        top = int(self.scroll_offset.y)
        return list(self._ids[top : top + self.size.height - 1])  # line 0 is the header

    def action_open(self) -> None:
        current = self.current_id
        if current is not None:
            self.post_message(self.Opened(self, current))

    # -- drawing --------------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # Styles are looked up once a frame, not once a line: `rich_style` walks the DOM.
        # The spec's breakpoints are the terminal's columns, not the table's (narrower by
        # its margin and scrollbar).
        self._columns = columns_for(self.app.size.width)
        self._frame_styles = (
            self.rich_style,
            self.rich_style + self.get_component_rich_style("customer-table--cursor"),
            self.get_component_rich_style("customer-table--header"),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        # The columns fill what shows beside the scrollbar, not the lines under it.
        room = self.scrollable_content_region.width or width
        base, cursor, header = self._frame_styles
        columns = self._columns
        widths = layout(columns, room)
        if y == 0:
            text = " " * AVATAR_WIDTH + " ".join(
                set_cell_size(c.title, w) for c, w in zip(columns, widths, strict=True)
            )
            return Strip([Segment(set_cell_size(text, width), header)], width)
        index = y - 1 + int(self.scroll_offset.y)
        if index >= len(self._ids):
            if index == 0 and self.empty_message:
                text = set_cell_size("  " + self.empty_message, width)
                return Strip([Segment(text, header)], width)
            return Strip.blank(width, base)
        style = cursor if index == self.cursor else base
        row = self._describe(self._ids[index])
        if row is None:
            return Strip([Segment(" " * width, style)], width)
        cells = " ".join(
            fit(column.cell(row, self.phone_region) or "", w)
            for column, w in zip(columns, widths, strict=True)
        )
        initials = set_cell_size(row.initials, 2)
        segments = [
            Segment(" ", style),
            Segment(f" {initials} ", AVATAR_STYLES[row.number % len(AVATAR_STYLES)]),
            Segment(" ", style),
            Segment(set_cell_size(cells, max(0, width - AVATAR_WIDTH)), style),
        ]
        return Strip(segments, width)
