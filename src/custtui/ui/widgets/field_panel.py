"""A bordered panel of labelled fields whose long values wrap under themselves."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from custtui.ui.formatting import Line, field_lines


class FieldPanel(Widget):
    """Hidden while it has no lines: a panel shows only populated fields."""

    DEFAULT_CSS = "FieldPanel { height: auto; }"

    def __init__(self, *, id: str) -> None:  # noqa: A002 - Textual's own keyword
        super().__init__(id=id, classes="panel")
        self.lines: list[Line] = []

    def show(self, lines: list[Line]) -> None:
        self.lines = lines
        self.display = bool(lines)
        self.refresh(layout=True)

    def render(self) -> Content:
        return field_lines(self.lines, self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(field_lines(self.lines, width).split("\n")) if self.lines else 0
