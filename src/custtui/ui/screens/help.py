"""F1: the keys of the screen the user is on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static


@runtime_checkable
class HasHelpKeys(Protocol):
    """A screen whose help starts with keys no binding shows (typing, arrows, Tab)."""

    help_keys: Sequence[tuple[str, str]]


def our_action(node: DOMNode, action: str) -> bool:
    """Whether custtui wrote what the action does: a custtui box built on Textual's Input
    keeps Input's editing keys, which are every text box's and no help of ours."""
    name = action.split("(", 1)[0]
    if "." in name:
        return True  # the app's or the screen's action, bound by one of our widgets
    name = f"action_{name}"
    for cls in type(node).__mro__:
        if name in vars(cls):
            return cls.__module__.startswith("custtui.")
    return False


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close"),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(self, title: str, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.heading = title
        self.keys = keys

    def compose(self) -> ComposeResult:
        width = max((len(k) for k, _ in self.keys), default=4) + 2
        lines = [f"[b]{self.heading}[/b]", ""]
        lines += [f"[b]{key:<{width}}[/b]{what}" for key, what in self.keys]
        lines += ["", "[dim]Escape closes this help.[/dim]"]
        with VerticalScroll(id="help-body"):
            yield Static("\n".join(lines), id="help-text")
