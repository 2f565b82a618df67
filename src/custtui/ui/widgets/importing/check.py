"""Step 3: the dry run, every row checked and nothing written; counts and sample rows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Label, ProgressBar

from custtui.core.importing.classify import OUTCOMES, DryRun
from custtui.ui.widgets.importing.steps import Step


class CheckStep(Vertical):
    def __init__(self) -> None:
        super().__init__(id=Step.CHECK)

    def compose(self) -> ComposeResult:
        yield ProgressBar(id="check-progress", show_eta=False)
        yield Label("", id="check-counts", markup=False)
        yield DataTable(id="check-samples", zebra_stripes=True, cursor_type="row")

    def start(self) -> None:
        self.say("Checking every row…")
        self.query_one("#check-samples", DataTable).clear(columns=True)
        self.query_one("#check-progress", ProgressBar).update(total=None, progress=0)

    def progress(self, done: int, total: int) -> None:
        self.query_one("#check-progress", ProgressBar).update(total=total, progress=done)

    def show(self, result: DryRun) -> None:
        lines = [f"{label}: {result.counts[key]:,}" for key, label in OUTCOMES.items()]
        self.say("\n".join(lines))
        samples = self.query_one("#check-samples", DataTable)
        samples.clear(columns=True)
        samples.add_columns("Outcome", "Row", "Name", "Email", "Reason")
        for key, verdicts in result.samples.items():
            for verdict in verdicts:
                values = verdict.values
                name = " ".join(v for v in (values.get("first_name"), values.get("last_name")) if v)
                samples.add_row(
                    OUTCOMES[key], str(verdict.number), name, values.get("email", ""),
                    verdict.reason,
                )  # fmt: skip

    def say(self, text: str) -> None:
        self.query_one("#check-counts", Label).update(text)
