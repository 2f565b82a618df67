"""How values read on screen: labelled lines, links, times, item icons."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.style import Style

LABEL_WIDTH = 11

# One cell wide in every terminal font we tried, unlike emoji.
_ICONS = {
    "Watches": "◷",
    "Sneakers": "◭",
    "Trading Cards": "▭",
    "Vinyl": "◉",
    "Handbags": "◧",
    "Jewelry": "◆",
    "Cameras": "◙",
    "Guitars": "♫",
    "Comics": "▤",
    "Vehicles": "▶",
    "Antiques": "♜",
    "Parts": "⚙",
    "Tires": "◎",
    "Service": "✚",
}

Line = tuple[str, str | Content]


def category_icon(category: str | None) -> str:
    return _ICONS.get(category or "", "•")


def local_time(moment: datetime) -> str:
    """Stored in UTC, read in the terminal's own time zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def link(text: str, url: str) -> Content:
    """A terminal hyperlink (OSC 8) whose text is itself readable where links don't work."""
    return Content.styled(text, Style(link=url, underline=True))


def field_lines(lines: list[Line], width: int = 0) -> Content:
    """`Label      value` rows; a value that wraps or has several lines keeps its indent."""
    out: list[Content] = []
    indent = Content(" " * (LABEL_WIDTH + 1))
    value_width = max(10, width - LABEL_WIDTH - 1) if width else 0
    for label, value in lines:
        text = value if isinstance(value, Content) else Content(value)
        rows: list[Content] = []
        for row in text.split("\n"):
            rows.extend(
                row.wrap(value_width) if value_width and row.cell_length > value_width else [row]
            )
        out.append(Content.styled(label.ljust(LABEL_WIDTH), "dim") + " " + rows[0])
        out.extend(indent + row for row in rows[1:])
    return Content("\n").join(out)
