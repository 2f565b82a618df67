"""The import wizard: pick a file, map its columns, check the dry run, import, maybe undo.

Every step is a widget of its own (custtui.ui.widgets.importing) on one screen, in a
ContentSwitcher; Ctrl+N goes on, Escape goes back a step (from the first step it closes
the wizard; while importing it cancels). All reading, checking and writing runs in thread
workers calling the core importer; their answers come back as the messages below.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Label
from textual.worker import get_current_worker

from custtui.core.importing.classify import DryRun, dry_run
from custtui.core.importing.read import Table, read_table
from custtui.core.importing.run import ImportResult, run_import
from custtui.core.importing.saved import starting_mapping
from custtui.core.importing.undo import UndoResult, undo_import
from custtui.core.store.businesses import Context
from custtui.ui.errors import error_text
from custtui.ui.widgets.importing.check import CheckStep
from custtui.ui.widgets.importing.mapping import MapStep
from custtui.ui.widgets.importing.pick import PickStep
from custtui.ui.widgets.importing.run import RunStep
from custtui.ui.widgets.importing.steps import Loaded, Step
from custtui.ui.work import Failed, Job, cancel, in_thread

TITLES = {
    Step.PICK: "Step 1 of 3 · Pick a file  (Enter reads it, Ctrl+N goes on)",
    Step.MAP: "Step 2 of 3 · Map the columns  (Ctrl+N checks the rows)",
    Step.CHECK: "Step 3 of 3 · Check  (Ctrl+N imports the new customers)",
    Step.RUN: "Importing  (Escape cancels)",
}


class WizardJob(Job):
    READ = "read"
    CHECK = "check"
    IMPORT = "import"
    UNDO = "undo"


class ImportWizard(Screen[None]):
    """Import customers from a CSV or Excel file, step by step."""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back a step (closes on the first)", id="back"),
        Binding("ctrl+n", "next", "Next", tooltip="Go on to the next step", id="next"),
        Binding(
            "ctrl+z", "undo", "Undo import", tooltip="Remove what this import added", id="undo"
        ),
    ]

    help_keys = (
        ("Tab", "Move between the path, the folder tree and the buttons"),
        ("Enter", "On the path: read the file; in the tree: pick a file"),
    )

    # -- the workers' answers ----------------------------------------------------------------

    @dataclass
    class FileRead(Message):
        loaded: Loaded

    @dataclass
    class Checked(Message):
        result: DryRun

    @dataclass
    class Imported(Message):
        result: ImportResult

    @dataclass
    class Undone(Message):
        result: UndoResult

    def __init__(self, ctx: Context, folder: Path | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.folder = folder or Path.cwd()
        self.loaded: Loaded | None = None
        self.checked: DryRun | None = None
        self.result: ImportResult | None = None
        self.step = Step.PICK
        self._stop = threading.Event()
        self._started = 0.0
        self._importing = False
        # Recorded by the worker, drawn by a timer: the worker never waits on the screen.
        self._progress: tuple[Step | None, int, int] = (None, 0, 0)
        self._drawn: tuple[Step | None, int, int] = (None, 0, 0)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Label("", id="step-title")
        with ContentSwitcher(initial=Step.PICK, id="steps"):
            yield PickStep(self.folder)
            yield MapStep()
            yield CheckStep()
            yield RunStep()
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.ctx.business.name
        self.sub_title = "Import customers"
        self._show_step(Step.PICK)
        self.pick_step.focus_path()
        self.set_interval(0.1, self._draw_progress, name="progress")

    @property
    def pick_step(self) -> PickStep:
        return self.query_one(PickStep)

    @property
    def map_step(self) -> MapStep:
        return self.query_one(MapStep)

    @property
    def check_step(self) -> CheckStep:
        return self.query_one(CheckStep)

    @property
    def run_step(self) -> RunStep:
        return self.query_one(RunStep)

    def _show_step(self, step: Step) -> None:
        self.step = step
        self.query_one("#steps", ContentSwitcher).current = step
        self.query_one("#step-title", Label).update(TITLES[step])
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.step is Step.RUN and self.result is not None and bool(self.result.imported)
        if action == "next":
            return self.step is not Step.RUN
        return True

    def current_mapping(self) -> list[str | None]:
        return self.map_step.mapping()

    # -- step 1: the file ---------------------------------------------------------------------

    @on(PickStep.PathEntered)
    async def _path_entered(self, event: PickStep.PathEntered) -> None:
        if self.loaded is not None and self.loaded.path == event.path:
            await self.action_next()
        else:
            self.load(event.path, None)

    @on(PickStep.FileChosen)
    def _file_chosen(self, event: PickStep.FileChosen) -> None:
        self.load(event.path, event.sheet)

    def load(self, path: Path, sheet: str | None) -> None:
        self.pick_step.read(path)
        self.read_file(path, sheet)

    @in_thread(WizardJob.READ, "Reading", exclusive=True)
    def read_file(self, path: Path, sheet: str | None) -> Message:
        table = read_table(path, sheet=sheet)
        mapping, saved = starting_mapping(self.ctx, table.headers)
        # A workbook is read from its first sheet when none is named (read_table's rule).
        read = sheet if sheet is not None else next(iter(table.sheets), None)
        return self.FileRead(Loaded(path, table, mapping, saved, read))

    @on(FileRead)
    def _file_read(self, event: FileRead) -> None:
        self.loaded = event.loaded
        self.pick_step.show_loaded(event.loaded)

    # -- step 3: the dry run ------------------------------------------------------------------

    @in_thread(WizardJob.CHECK, "Checking", exclusive=True)
    def check_rows(self, table: Table, mapping: list[str | None]) -> Message:
        worker = get_current_worker()  # Escape back a step cancels it: stop reading rows too
        return self.Checked(
            dry_run(
                self.ctx,
                table,
                mapping,
                progress=self._progress_from_thread(Step.CHECK),
                cancelled=lambda: worker.is_cancelled,
            )
        )

    @on(Checked)
    def _checked(self, event: Checked) -> None:
        self.checked = event.result
        self.check_step.show(event.result)

    def _progress_from_thread(self, step: Step) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            # Only recorded: the screen's timer draws it, so the worker never waits on the UI.
            self._progress = (step, done, total)

        return report

    def _draw_progress(self) -> None:
        step, done, total = self._progress
        if step is None or (step, done, total) == self._drawn:
            return
        self._drawn = (step, done, total)
        if step is Step.RUN:
            seconds = max(time.monotonic() - self._started, 1e-6)
            self.run_step.progress(done, total, seconds)
        else:
            self.check_step.progress(done, total)

    # -- the import ---------------------------------------------------------------------------

    @in_thread(WizardJob.IMPORT, "Importing")
    def import_rows(self, loaded: Loaded, mapping: list[str | None]) -> Message:
        return self.Imported(
            run_import(
                self.ctx,
                loaded.table,
                mapping,
                loaded.path,
                progress=self._progress_from_thread(Step.RUN),
                cancelled=self._stop.is_set,
            )
        )

    @on(Imported)
    def _imported(self, event: Imported) -> None:
        self._importing = False
        self._draw_progress()
        self.result = event.result
        self.run_step.show(event.result)
        self.refresh_bindings()

    @in_thread(WizardJob.UNDO, "Undoing")
    def undo_rows(self, import_id: int) -> Message:
        return self.Undone(undo_import(self.ctx, import_id))

    @on(Undone)
    def _undone(self, event: Undone) -> None:
        self.result = None
        self.run_step.say(f"{event.result.message}\nEscape goes back to the list.")
        self.refresh_bindings()

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        message = error_text(event.error)
        if event.job is WizardJob.READ:
            self.loaded = None
            self.pick_step.show_unread(message, event.error)
        elif event.job is WizardJob.CHECK:
            self.check_step.say(message)
        else:
            self._importing = False
            self.run_step.say(message)
        self.notify(message, title="Import", severity="error", timeout=10)

    # -- keys ---------------------------------------------------------------------------------

    async def action_next(self) -> None:
        if self.step is Step.PICK:
            path = self.pick_step.typed_path()
            if self.loaded is None or path != self.loaded.path:
                if path is not None:
                    self.load(path, None)
                return
            await self.map_step.show(self.loaded)
            self._show_step(Step.MAP)
            self.call_after_refresh(self.map_step.focus_first)
        elif self.step is Step.MAP:
            problem = self.map_step.problem()
            if problem is not None:
                self.map_step.say(problem)
                return
            assert self.loaded is not None
            self.checked = None
            self.check_step.start()
            self._show_step(Step.CHECK)
            self.check_rows(self.loaded.table, self.current_mapping())
        elif self.step is Step.CHECK:
            if self.checked is None or self.loaded is None:
                return  # still checking
            self._stop.clear()
            self._started = time.monotonic()
            self.run_step.start(len(self.loaded.table.rows))
            self._show_step(Step.RUN)
            self._importing = True
            self.import_rows(self.loaded, self.current_mapping())

    def action_back(self) -> None:
        if self.step is Step.PICK:
            cancel(self, WizardJob.READ)
            self.dismiss()
        elif self.step is Step.MAP:
            self._show_step(Step.PICK)
            self.pick_step.focus_path()
        elif self.step is Step.CHECK:
            cancel(self, WizardJob.CHECK)
            self._show_step(Step.MAP)
            self.map_step.focus_first()
        elif self._importing:
            self._stop.set()
            self.run_step.say_rate("Cancelling after the current batch…")
        else:
            self.dismiss()

    def action_undo(self) -> None:
        if self.result is not None and self.result.imported:
            self.run_step.say("Undoing the import…")
            self.undo_rows(self.result.import_id)
