"""A virtual list with a header line and a cursor: what the customer and item tables share.

Only the rows on screen are drawn (the subclass's `render_line`); this holds the cursor, the
keys and the mouse, and keeps the cursor's row in view. Line 0 is the header; row i is drawn
on line i + 1.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView


class RowList(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    cursor: reactive[int] = reactive(0, always_update=True)

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        # Said where the rows would be when there are none (no match, nothing loaded).
        self.empty_message = ""

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    def action_open(self) -> None:
        """Enter (or a double click) on the cursor's row."""
        raise NotImplementedError

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def watch_cursor(self, old: int, new: int) -> None:
        height = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.refresh()

    def _page(self) -> int:
        return max(1, self.size.height - 2)

    def move(self, key: str) -> bool:
        """Move as the arrow or paging `key` would here; False for any other key.

        For the filter box above a list: type, arrow down, Enter.
        """
        moves = {
            "down": self.action_cursor_down,
            "up": self.action_cursor_up,
            "pagedown": self.action_page_down,
            "pageup": self.action_page_up,
        }
        move = moves.get(key)
        if move is not None:
            move()
        return move is not None

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor -= self._page()

    def action_page_down(self) -> None:
        self.cursor += self._page()

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def say(self, message: str) -> None:
        """Show a message in place of rows (there are none)."""
        self.empty_message = message
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.row_count + 1)
        self.refresh()

    async def on_click(self, event: events.Click) -> None:
        row = event.y - 1 + int(self.scroll_offset.y)
        if event.y >= 1 and 0 <= row < self.row_count:
            self.cursor = row
            if event.chain > 1:
                self.action_open()
