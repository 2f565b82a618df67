"""Step 1: pick a file (typed, with completion, or from the folder tree) and see its first rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.suggester import Suggester
from textual.widgets import DataTable, DirectoryTree, Input, Label, Select

from custtui.core.importing.read import ImportFileError
from custtui.ui.textual_compat import pending_suggestion
from custtui.ui.widgets.importing.steps import SUFFIXES, Loaded, Step

PREVIEW_ROWS = 10


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

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            p
            for p in paths
            if not p.name.startswith(".") and (p.is_dir() or p.suffix.lower() in SUFFIXES)
        ]


class PickStep(Vertical):
    """Asks for a file to be read; shows what was read, or why it couldn't be."""

    @dataclass
    class PathEntered(Message):
        """Enter in the path box: read this file (or go on, if it is the one read)."""

        step: PickStep
        path: Path

        @property
        def control(self) -> PickStep:
            return self.step

    @dataclass
    class FileChosen(Message):
        """Read this file (this sheet of a workbook; None: its first)."""

        step: PickStep
        path: Path
        sheet: str | None

        @property
        def control(self) -> PickStep:
            return self.step

    def __init__(self, folder: Path) -> None:
        super().__init__(id=Step.PICK)
        self.folder = folder
        self.reading: Path | None = None
        # The workbook and sheet shown, or whose reading failed: another sheet can be picked.
        self.sheet_of: tuple[Path, str] | None = None

    def compose(self) -> ComposeResult:
        yield PathInput(
            placeholder="Path of a .csv or .xlsx file (Tab completes)",
            suggester=PathSuggester(self.folder),
            id="path",
        )
        with Horizontal(id="pick-body"):
            yield ImportableTree(self.folder, id="tree")
            with Vertical(id="pick-preview"):
                yield Select[str]([], prompt="Sheet", id="sheet", allow_blank=True)
                yield Label("Pick a file to see its first rows.", id="pick-message", markup=False)
                yield DataTable(id="preview", zebra_stripes=True, cursor_type="row")

    def on_mount(self) -> None:
        self.query_one("#sheet", Select).display = False
        self.query_one("#preview", DataTable).display = False

    def focus_path(self) -> None:
        self.query_one("#path", Input).focus()

    def typed_path(self) -> Path | None:
        """The path in the box (relative to the folder the wizard opened in)."""
        value = self.query_one("#path", Input).value.strip()
        if not value:
            self._say("Type the path of a file, or pick one in the tree.")
            return None
        path = Path(value).expanduser()
        return path if path.is_absolute() else self.folder / path

    def read(self, path: Path) -> None:
        """Say the file is being read."""
        self.reading = path
        self._say(f"Reading {path.name}…")

    def show_loaded(self, loaded: Loaded) -> None:
        table = loaded.table
        rows = len(table.rows)
        self._say(
            f"{loaded.path.name}: {rows:,} row{'s' if rows != 1 else ''} ({table.source}). "
            "Ctrl+N to map its columns."
        )
        self.sheet_of = (loaded.path, loaded.sheet) if loaded.sheet is not None else None
        self._offer_sheets(table.sheets, loaded.sheet)
        preview = self.query_one("#preview", DataTable)
        preview.clear(columns=True)
        preview.add_columns(*table.headers)
        for row in table.rows[:PREVIEW_ROWS]:
            preview.add_row(*(cell.replace("\n", " ") for cell in row))
        preview.display = True

    def show_unread(self, message: str, error: Exception) -> None:
        self._say(message)
        self.query_one("#preview", DataTable).display = False
        # A workbook whose sheet can't be read still offers its other sheets.
        if isinstance(error, ImportFileError) and error.sheet and self.reading:
            self.sheet_of = (self.reading, error.sheet)
            self._offer_sheets(error.sheets, error.sheet)
        else:
            self.sheet_of = None
            self.query_one("#sheet", Select).display = False

    def _offer_sheets(self, sheets: Sequence[str], current: str | None) -> None:
        sheet = self.query_one("#sheet", Select)
        if len(sheets) > 1:
            with self.prevent(Select.Changed):
                sheet.set_options((name, name) for name in sheets)
                if current is not None:
                    sheet.value = current
        sheet.display = len(sheets) > 1

    def _say(self, text: str) -> None:
        self.query_one("#pick-message", Label).update(text)

    @on(Input.Submitted, "#path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        path = self.typed_path()
        if path is not None:
            self.post_message(self.PathEntered(self, path))

    @on(DirectoryTree.FileSelected, "#tree")
    def _file_picked(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        self.query_one("#path", Input).value = str(event.path)
        self.post_message(self.FileChosen(self, event.path, None))

    @on(Select.Changed, "#sheet")
    def _sheet_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is Select.NULL or self.sheet_of is None:
            return
        path, current = self.sheet_of
        if event.value != current:
            self.post_message(self.FileChosen(self, path, str(event.value)))
