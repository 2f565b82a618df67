"""A modal question with a few answers: confirmations, duplicates, conflicts.

The answers are typed values (a `bool` for a confirmation, an enum member for the rest);
the screen dismisses with the value picked, or None on Escape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static
from textual.widgets.button import ButtonVariant

A = TypeVar("A")


@dataclass(frozen=True)
class Answer(Generic[A]):
    key: str  # the letter that picks it, shown as "(k)"
    label: str
    value: A
    variant: ButtonVariant = "default"


class AskScreen(ModalScreen[A | None]):
    """Pick an answer by its key or button; Escape answers nothing (None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self, title: str, message: str, answers: Sequence[Answer[A]], *, focus: A | None = None
    ) -> None:
        super().__init__()
        self.heading = title
        self.message = message
        self.answers = tuple(answers)
        initial = next((a for a in self.answers if a.value == focus), self.answers[-1])
        self._initial = self._button_id(initial)
        self._by_button = {self._button_id(answer): answer for answer in self.answers}

    @staticmethod
    def _button_id(answer: Answer[A]) -> str:
        return f"answer-{answer.key}"

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box"):
            yield Static(self.heading, id="ask-title", markup=False)
            if self.message:
                yield Static(self.message, id="ask-message", markup=False)
            with Horizontal(id="ask-answers"):
                for answer in self.answers:
                    yield Button(
                        f"{answer.label} ({answer.key})",
                        id=self._button_id(answer),
                        variant=answer.variant,
                        compact=True,
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#{self._initial}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answer = self._by_button.get(event.button.id or "")
        if answer is not None:
            self.dismiss(answer.value)

    def on_key(self, event: events.Key) -> None:
        for answer in self.answers:
            if event.key == answer.key:
                event.stop()
                self.dismiss(answer.value)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(title: str, message: str, yes: str, no: str = "Cancel") -> AskScreen[bool]:
    """A yes/no question whose safe answer ("no") has the focus: True only for yes."""
    return AskScreen(
        title,
        message,
        [Answer("y", yes, True, "error"), Answer("n", no, False)],
        focus=False,
    )
