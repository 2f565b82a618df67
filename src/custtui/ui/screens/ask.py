"""A modal question with a few answers: confirmations, duplicates, conflicts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


@dataclass(frozen=True)
class Answer:
    key: str  # the letter that picks it, shown underlined-free as "(k)"
    label: str
    value: str
    variant: str = "default"


class AskScreen(ModalScreen[str | None]):
    """Pick an answer by its key or button; Escape answers nothing (None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel")]

    def __init__(
        self, title: str, message: str, answers: Sequence[Answer], *, focus: str | None = None
    ) -> None:
        super().__init__()
        self.heading = title
        self.message = message
        self.answers = tuple(answers)
        self.initial = focus or self.answers[-1].value

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box"):
            yield Static(self.heading, id="ask-title", markup=False)
            if self.message:
                yield Static(self.message, id="ask-message", markup=False)
            with Horizontal(id="ask-answers"):
                for answer in self.answers:
                    yield Button(
                        f"{answer.label} ({answer.key})",
                        name=answer.value,
                        id=f"answer-{answer.value}",
                        variant=answer.variant,  # type: ignore[arg-type]
                        compact=True,
                    )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#answer-{self.initial}", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.name)

    def on_key(self, event: events.Key) -> None:
        for answer in self.answers:
            if event.key == answer.key:
                event.stop()
                self.dismiss(answer.value)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(title: str, message: str, yes: str, no: str = "Cancel") -> AskScreen:
    """A yes/no question whose safe answer ("no") has the focus."""
    return AskScreen(
        title,
        message,
        [Answer("y", yes, "yes", "error"), Answer("n", no, "no")],
        focus="no",
    )
