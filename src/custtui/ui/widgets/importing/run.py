"""The import itself: progress and rate while it runs, then what was imported and skipped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar

from custtui.core.importing.run import ImportResult
from custtui.ui.widgets.importing.steps import Step


class RunStep(Vertical):
    def __init__(self) -> None:
        super().__init__(id=Step.RUN)

    def compose(self) -> ComposeResult:
        yield ProgressBar(id="run-progress", show_eta=False)
        yield Label("", id="run-rate", markup=False)
        yield Label("", id="run-result", markup=False)

    def start(self, total: int) -> None:
        self.say("")
        self.say_rate("")
        self.query_one("#run-progress", ProgressBar).update(total=total, progress=0)

    def progress(self, done: int, total: int, seconds: float) -> None:
        self.query_one("#run-progress", ProgressBar).update(total=total, progress=done)
        self.say_rate(f"{done:,} of {total:,} rows · {done / seconds:,.0f} rows/s")

    def show(self, result: ImportResult) -> None:
        noun = "customer" if result.imported == 1 else "customers"
        lines = [f"Imported {result.imported:,} {noun}, skipped {result.skipped:,}."]
        if result.cancelled:
            lines[0] = f"Cancelled. {lines[0]} {result.not_reached:,} rows were not reached."
        if result.rejects is not None:
            lines.append(f"Rows not imported, with the reason: {result.rejects}")
        if result.imported:
            lines.append("Ctrl+Z undoes this import; Escape goes back to the list.")
        else:
            lines.append("Escape goes back to the list.")
        self.say("\n".join(lines))

    def say(self, text: str) -> None:
        self.query_one("#run-result", Label).update(text)

    def say_rate(self, text: str) -> None:
        self.query_one("#run-rate", Label).update(text)
