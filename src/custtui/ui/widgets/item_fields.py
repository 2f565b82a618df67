"""The rows of the item dialogs: a label, its control, and the core's message beneath it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.containers import Horizontal
from textual.dom import DOMNode
from textual.widget import Widget
from textual.widgets import Label


def field_row(field: str, label: str, *controls: Widget) -> Iterator[Widget]:
    """`#row-<field>` with the label and controls, then `#error-<field>` (hidden while empty)."""
    yield Horizontal(
        Label(label, classes="item-label"), *controls, classes="item-row", id=f"row-{field}"
    )
    message = Label("", id=f"error-{field}", classes="item-error", markup=False)
    message.display = False
    yield message


def say(node: DOMNode, field: str, message: str) -> None:
    """A message under the field, its row marked; an empty one takes no room."""
    label = node.query_one(f"#error-{field}", Label)
    label.update(message)
    label.display = bool(message)
    node.query_one(f"#row-{field}").set_class(bool(message), "-invalid")


def clear_marks(node: DOMNode, fields: Iterable[str]) -> None:
    for field in fields:
        if node.query(f"#error-{field}"):
            say(node, field, "")


def mark_errors(node: DOMNode, errors: dict[str, str], fields: Iterable[str]) -> list[str]:
    """Mark each shown field the core refused and focus the first; returns the other messages.

    `fields` in screen order, so the focus lands on the topmost.
    """
    first: Widget | None = None
    loose: list[str] = []
    shown = [f for f in fields if node.query(f"#row-{f}")]
    for field in (*shown, *errors):
        message = errors.get(field)
        if message is None:
            continue
        if field in shown:
            say(node, field, message)
            if first is None:
                controls = node.query_one(f"#row-{field}").query(".item-control")
                first = controls.first() if controls else None
        elif message not in loose:
            loose.append(message)
    if first is not None and first.focusable:
        first.focus()
    return loose


def summary(errors: dict[str, str]) -> str:
    count = len(dict.fromkeys(errors.values()))
    if count == 1:
        return "Nothing was saved: fix the marked field."
    return f"Nothing was saved: fix the {count} marked fields."
