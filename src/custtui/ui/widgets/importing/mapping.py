"""Step 2: which field each column goes to, detected and adjustable; a name must be mapped."""

from __future__ import annotations

from typing import Final

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Label, Select

from custtui.core.importing.mapping import IMPORT_FIELDS, MappingError, check_mapping
from custtui.ui.widgets.importing.steps import Loaded, Step

SAMPLE_VALUES = 3
# The option of a column that is not imported.
SKIP: Final = "skip"


class MapStep(Vertical):
    """A row per column of the file: its header, the field it goes to, a few of its values."""

    def __init__(self) -> None:
        super().__init__(id=Step.MAP)
        self.mapped: Loaded | None = None  # the file whose columns are shown

    def compose(self) -> ComposeResult:
        yield Label("", id="map-origin", markup=False)
        yield VerticalScroll(id="map-rows")
        yield Label("", id="map-message", markup=False)

    async def show(self, loaded: Loaded) -> None:
        """The columns of `loaded`; back from a later step, what the user chose is kept."""
        if self.mapped is loaded:
            return
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
        self.query_one("#map-origin", Label).update(origin)
        self.say("")

    def mapping(self) -> list[str | None]:
        """The field of each column (None: skipped)."""
        if self.mapped is None:
            return []
        rows = self.query_one("#map-rows")
        mapping: list[str | None] = []
        for index in range(len(self.mapped.table.headers)):
            value = rows.query_one(f"#col-{index}", Select).value
            mapping.append(None if value in (SKIP, Select.NULL) else str(value))
        return mapping

    def problem(self) -> str | None:
        """Why the mapping can't be used (no name column), or None."""
        if self.mapped is None:
            return "Pick a file first."
        try:
            check_mapping(self.mapped.table.headers, self.mapping())
        except MappingError as exc:
            return str(exc)
        return None

    def say(self, text: str) -> None:
        self.query_one("#map-message", Label).update(text)

    def focus_first(self) -> None:
        selects = self.query(".map-row Select")
        if selects:
            selects.first().focus()

    @on(Select.Changed, ".map-row Select")
    def _mapping_changed(self) -> None:
        self.say(self.problem() or "")
