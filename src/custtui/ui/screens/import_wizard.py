"""The import wizard: pick a file, map its columns, check the dry run, import, maybe undo.

Every step is on one screen (a ContentSwitcher); Ctrl+N goes on, Escape goes back a step
(from the first step it closes the wizard; while importing it cancels). All reading,
checking and writing runs in thread workers calling the core importer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import (
    ContentSwitcher,
    DataTable,
    DirectoryTree,
    Footer,
    Header,
    Input,
    Label,
    ProgressBar,
    Select,
)
from textual.worker import Worker, WorkerState, get_current_worker

from custtui.core.importing.mapping import IMPORT_FIELDS
from custtui.core.importing.read import (
    CSV_SUFFIXES,
    EXCEL_SUFFIXES,
    ImportFileError,
    Table,
    read_table,
)
from custtui.core.importing.run import (
    OUTCOMES,
    DryRun,
    ImportResult,
    MappingError,
    check_mapping,
    dry_run,
    run_import,
)
from custtui.core.importing.saved import starting_mapping
from custtui.core.importing.undo import UndoResult, undo_import
from custtui.core.store.businesses import Context
from custtui.ui.errors import error_text
from custtui.ui.textual_compat import pending_suggestion

SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES
PREVIEW_ROWS = 10
SAMPLE_VALUES = 3
SKIP = "skip"
STEPS = ("pick", "map", "check", "run")


class PathSuggester(Suggester):
    """Completes a typed path with the first matching folder or importable file."""

    def __init__(self, base: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.base = base

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        typed = self.base / Path(value).expanduser()  # an absolute path replaces the base
        folder, prefix = (typed, "") if value.endswith("/") else (typed.parent, typed.name)
        try:
            entries = sorted(folder.iterdir(), key=lambda p: p.name.casefold())
        except OSError:
            return None
        for entry in entries:
            if entry.name.startswith(".") and not prefix.startswith("."):
                continue
            if not entry.name.casefold().startswith(prefix.casefold()) or entry.name == prefix:
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir or entry.suffix.lower() in SUFFIXES:
                return value + entry.name[len(prefix) :] + ("/" if is_dir else "")
        return None


class PathInput(Input):
    """Tab takes the suggested completion, as in a shell; without one it moves on."""

    BINDINGS = [Binding("tab", "complete", "Complete the path", show=False)]

    def action_complete(self) -> None:
        suggestion = pending_suggestion(self)
        if suggestion and self.cursor_position == len(self.value) and suggestion != self.value:
            self.value = suggestion
            self.cursor_position = len(suggestion)
        else:
            self.screen.focus_next()


class ImportableTree(DirectoryTree):
    """Folders, and only the files the importer reads."""

    def filter_paths(self, paths: object) -> list[Path]:
        return [
            p
            for p in cast(list[Path], paths)
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in SUFFIXES)
        ]


@dataclass(frozen=True)
class Loaded:
    path: Path
    table: Table
    mapping: list[str | None]
    saved: bool


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

    def __init__(self, ctx: Context, folder: Path | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.folder = folder or Path.cwd()
        self.loaded: Loaded | None = None
        # The file whose columns the mapping step shows (rebuilt only for another file).
        self.mapped: Loaded | None = None
        self.reading: Path | None = None
        # (workbook, sheet) when the chosen sheet couldn't be read: others can still be picked.
        self.unread_sheet: tuple[Path, str] | None = None
        self.checked: DryRun | None = None
        self.result: ImportResult | None = None
        self.step = "pick"
        self._stop = threading.Event()
        self._started = 0.0
        self._importing = False
        self._progress: tuple[str, int, int] = ("", 0, 0)
        self._drawn: tuple[str, int, int] = ("", 0, 0)

    # -- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Label("", id="step-title")
        with ContentSwitcher(initial="pick", id="steps"):
            with Vertical(id="pick"):
                yield PathInput(
                    placeholder="Path of a .csv or .xlsx file (Tab completes)",
                    suggester=PathSuggester(self.folder),
                    id="path",
                )
                with Horizontal(id="pick-body"):
                    yield ImportableTree(self.folder, id="tree")
                    with Vertical(id="pick-preview"):
                        yield Select[str]([], prompt="Sheet", id="sheet", allow_blank=True)
                        yield Label(
                            "Pick a file to see its first rows.", id="pick-message", markup=False
                        )
                        yield DataTable(id="preview", zebra_stripes=True, cursor_type="row")
            with Vertical(id="map"):
                yield Label("", id="map-origin", markup=False)
                yield VerticalScroll(id="map-rows")
                yield Label("", id="map-message", markup=False)
            with Vertical(id="check"):
                yield ProgressBar(id="check-progress", show_eta=False)
                yield Label("", id="check-counts", markup=False)
                yield DataTable(id="check-samples", zebra_stripes=True, cursor_type="row")
            with Vertical(id="run"):
                yield ProgressBar(id="run-progress", show_eta=False)
                yield Label("", id="run-rate", markup=False)
                yield Label("", id="run-result", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.ctx.business.name
        self.sub_title = "Import customers"
        self.query_one("#sheet", Select).display = False
        self.query_one("#preview", DataTable).display = False
        self._show_step("pick")
        self.query_one("#path", Input).focus()
        self.set_interval(0.1, self._draw_progress, name="progress")

    def _show_step(self, step: str) -> None:
        self.step = step
        self.query_one("#steps", ContentSwitcher).current = step
        titles = {
            "pick": "Step 1 of 3 · Pick a file  (Enter reads it, Ctrl+N goes on)",
            "map": "Step 2 of 3 · Map the columns  (Ctrl+N checks the rows)",
            "check": "Step 3 of 3 · Check  (Ctrl+N imports the new customers)",
            "run": "Importing  (Escape cancels)",
        }
        self.query_one("#step-title", Label).update(titles[step])
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "undo":
            return self.step == "run" and self.result is not None and bool(self.result.imported)
        if action == "next":
            return self.step != "run"
        return True

    # -- step 1: the file ---------------------------------------------------------------------

    @on(Input.Submitted, "#path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        path = self._typed_path()
        if path is None:
            return
        if self.loaded is not None and self.loaded.path == path:
            self.action_next()
        else:
            self.load(path, None)

    def _typed_path(self) -> Path | None:
        value = self.query_one("#path", Input).value.strip()
        if not value:
            self._say("#pick-message", "Type the path of a file, or pick one in the tree.")
            return None
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.folder / path

    @on(DirectoryTree.FileSelected, "#tree")
    def _file_picked(self, event: DirectoryTree.FileSelected) -> None:
        self.query_one("#path", Input).value = str(event.path)
        self.load(event.path, None)

    @on(Select.Changed, "#sheet")
    def _sheet_changed(self, event: Select.Changed) -> None:
        if event.value is Select.NULL:
            return
        loaded = self.loaded
        if loaded is not None:
            path, current = loaded.path, loaded.table.source.partition("'")[2].rstrip("'")
        elif self.unread_sheet is not None:
            path, current = self.unread_sheet
        else:
            return
        if event.value != current:
            self.load(path, str(event.value))

    def _offer_sheets(self, sheets: Sequence[str], current: str) -> None:
        sheet = self.query_one("#sheet", Select)
        if len(sheets) > 1:
            with self.prevent(Select.Changed):
                sheet.set_options((name, name) for name in sheets)
                sheet.value = current
        sheet.display = len(sheets) > 1

    def load(self, path: Path, sheet: str | None) -> None:
        self.reading = path
        self._say("#pick-message", f"Reading {path.name}…")
        self.read_file(path, sheet)

    @work(thread=True, exclusive=True, group="read", exit_on_error=False, description="Reading")
    def read_file(self, path: Path, sheet: str | None) -> Loaded:
        table = read_table(path, sheet=sheet)
        mapping, saved = starting_mapping(self.ctx, table.headers)
        return Loaded(path, table, mapping, saved)

    def _show_loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        table = loaded.table
        rows = len(table.rows)
        self._say(
            "#pick-message",
            f"{loaded.path.name}: {rows:,} row{'s' if rows != 1 else ''} ({table.source}). "
            "Ctrl+N to map its columns.",
        )
        self.unread_sheet = None
        self._offer_sheets(table.sheets, table.source.partition("'")[2].rstrip("'"))
        preview = self.query_one("#preview", DataTable)
        preview.clear(columns=True)
        preview.add_columns(*table.headers)
        for row in table.rows[:PREVIEW_ROWS]:
            preview.add_row(*(cell.replace("\n", " ") for cell in row))
        preview.display = True

    # -- step 2: the mapping ------------------------------------------------------------------

    async def _build_mapping(self, loaded: Loaded) -> None:
        if self.mapped is loaded:
            return  # back from a later step: keep what the user chose
        self.mapped = loaded
        rows = self.query_one("#map-rows", VerticalScroll)
        await rows.remove_children()
        options = [("Skip", SKIP), *((label, key) for key, label in IMPORT_FIELDS.items())]
        widgets = []
        for index, (header, target) in enumerate(
            zip(loaded.table.headers, loaded.mapping, strict=True)
        ):
            samples = [r[index] for r in loaded.table.rows[:50] if r[index]][:SAMPLE_VALUES]
            shown = " · ".join(s.replace("\n", " ")[:24] for s in samples) or "(empty)"
            widgets.append(
                Horizontal(
                    Label(header, classes="map-header", markup=False),
                    Select(options, value=target or SKIP, allow_blank=False, id=f"col-{index}"),
                    Label(shown, classes="map-samples", markup=False),
                    classes="map-row",
                )
            )
        await rows.mount_all(widgets)
        origin = (
            "The mapping used last time for a file with these columns."
            if loaded.saved
            else "Detected from the column names; change any, or skip it."
        )
        self._say("#map-origin", origin)
        self._say("#map-message", "")

    async def _show_mapping(self, loaded: Loaded) -> None:
        await self._build_mapping(loaded)
        self._show_step("map")
        self.call_after_refresh(self._focus_first_select)

    def current_mapping(self) -> list[str | None]:
        loaded = self.loaded
        if loaded is None:
            return []
        mapping: list[str | None] = []
        for index in range(len(loaded.table.headers)):
            value = self.query_one("#map-rows").query_one(f"#col-{index}", Select).value
            mapping.append(None if value in (SKIP, Select.NULL) else str(value))
        return mapping

    def _mapping_problem(self) -> str | None:
        loaded = self.loaded
        if loaded is None:
            return "Pick a file first."
        try:
            check_mapping(loaded.table.headers, self.current_mapping())
        except MappingError as exc:
            return str(exc)
        return None

    @on(Select.Changed, ".map-row Select")
    def _mapping_changed(self) -> None:
        self._say("#map-message", self._mapping_problem() or "")

    # -- step 3: the dry run ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="check", exit_on_error=False, description="Checking")
    def check_rows(self, table: Table, mapping: list[str | None]) -> DryRun:
        worker = get_current_worker()  # Escape back a step cancels it: stop reading rows too
        return dry_run(
            self.ctx,
            table,
            mapping,
            progress=self._progress_from_thread("check"),
            cancelled=lambda: worker.is_cancelled,
        )

    def _progress_from_thread(self, step: str) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            # Only recorded: the screen's timer draws it, so the worker never waits on the UI.
            self._progress = (step, done, total)

        return report

    def _draw_progress(self) -> None:
        step, done, total = self._progress
        if not step or (step, done, total) == self._drawn:
            return
        self._drawn = (step, done, total)
        self.query_one(f"#{step}-progress", ProgressBar).update(total=total, progress=done)
        if step == "run":
            seconds = max(time.monotonic() - self._started, 1e-6)
            self._say("#run-rate", f"{done:,} of {total:,} rows · {done / seconds:,.0f} rows/s")

    def _show_checked(self, result: DryRun) -> None:
        self.checked = result
        lines = [f"{label}: {result.counts[key]:,}" for key, label in OUTCOMES.items()]
        self._say("#check-counts", "\n".join(lines))
        samples = self.query_one("#check-samples", DataTable)
        samples.clear(columns=True)
        samples.add_columns("Outcome", "Row", "Name", "Email", "Reason")
        for key, verdicts in result.samples.items():
            for verdict in verdicts:
                name = " ".join(
                    v
                    for v in (verdict.values.get("first_name"), verdict.values.get("last_name"))
                    if v
                )
                samples.add_row(
                    OUTCOMES[key], str(verdict.number), name, verdict.values.get("email", ""),
                    verdict.reason,
                )  # fmt: skip

    # -- the import ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="import", exit_on_error=False, description="Importing")
    def import_rows(self, loaded: Loaded, mapping: list[str | None]) -> ImportResult:
        return run_import(
            self.ctx,
            loaded.table,
            mapping,
            loaded.path,
            progress=self._progress_from_thread("run"),
            cancelled=self._stop.is_set,
        )

    def _show_result(self, result: ImportResult) -> None:
        self.result = result
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
        self._say("#run-result", "\n".join(lines))
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="undo", exit_on_error=False, description="Undoing")
    def undo_rows(self, import_id: int) -> UndoResult:
        return undo_import(self.ctx, import_id)

    # -- workers ------------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if worker.group == "import" and worker.is_finished:
            self._importing = False
        if event.state == WorkerState.SUCCESS:
            if worker.group == "read":
                self._show_loaded(cast(Loaded, worker.result))
            elif worker.group == "check":
                self._show_checked(cast(DryRun, worker.result))
            elif worker.group == "import":
                self._draw_progress()
                self._show_result(cast(ImportResult, worker.result))
            elif worker.group == "undo":
                undone = cast(UndoResult, worker.result)
                self.result = None
                self._say("#run-result", f"{undone.message}\nEscape goes back to the list.")
                self.refresh_bindings()
        elif event.state == WorkerState.ERROR:
            error = worker.error
            message = error_text(error)
            where = {"read": "#pick-message", "check": "#check-counts"}.get(
                worker.group or "", "#run-result"
            )
            self._say(where, message)
            if worker.group == "read":
                self.loaded = None
                self.query_one("#preview", DataTable).display = False
                # A workbook whose sheet can't be read still offers its other sheets.
                if isinstance(error, ImportFileError) and error.sheet and self.reading:
                    self.unread_sheet = (self.reading, error.sheet)
                    self._offer_sheets(error.sheets, error.sheet)
                else:
                    self.unread_sheet = None
                    self.query_one("#sheet", Select).display = False
            self.notify(message, title="Import", severity="error", timeout=10)

    # -- keys ---------------------------------------------------------------------------------

    def action_next(self) -> None:
        if self.step == "pick":
            path = self._typed_path()
            if self.loaded is None or path != self.loaded.path:
                if path is not None:
                    self.load(path, None)
                return
            self.run_worker(self._show_mapping(self.loaded), group="map", exclusive=True)
        elif self.step == "map":
            problem = self._mapping_problem()
            if problem is not None:
                self._say("#map-message", problem)
                return
            assert self.loaded is not None
            self.checked = None
            self._say("#check-counts", "Checking every row…")
            self.query_one("#check-samples", DataTable).clear(columns=True)
            self.query_one("#check-progress", ProgressBar).update(total=None, progress=0)
            self._show_step("check")
            self.check_rows(self.loaded.table, self.current_mapping())
        elif self.step == "check":
            if self.checked is None or self.loaded is None:
                return  # still checking
            self._stop.clear()
            self._started = time.monotonic()
            self._say("#run-result", "")
            self._say("#run-rate", "")
            self.query_one("#run-progress", ProgressBar).update(
                total=len(self.loaded.table.rows), progress=0
            )
            self._show_step("run")
            self._importing = True
            self.import_rows(self.loaded, self.current_mapping())

    def _focus_first_select(self) -> None:
        selects = self.query(".map-row Select")
        if selects:
            selects.first().focus()

    def action_back(self) -> None:
        if self.step == "pick":
            self.workers.cancel_group(self, "read")
            self.dismiss()
        elif self.step == "map":
            self._show_step("pick")
            self.query_one("#path", Input).focus()
        elif self.step == "check":
            self.workers.cancel_group(self, "check")
            self._show_step("map")
            self._focus_first_select()
        elif self._importing:
            self._stop.set()
            self._say("#run-rate", "Cancelling after the current batch…")
        else:
            self.dismiss()

    def action_undo(self) -> None:
        if self.result is not None and self.result.imported:
            self._say("#run-result", "Undoing the import…")
            self.undo_rows(self.result.import_id)

    def _say(self, selector: str, text: str) -> None:
        self.query_one(selector, Label).update(text)
