"""A clear, full-screen message for failures the app can't continue past."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static


class ErrorScreen(Screen[None]):
    BINDINGS = [Binding("escape,q,enter", "app.quit", "Quit", id="quit")]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.heading = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box"):
            yield Static(self.heading, id="error-title")
            yield Static(self.message, id="error-message", markup=False)
        yield Footer()
