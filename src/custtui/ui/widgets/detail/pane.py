"""What the profile's tabs have in common: their ids, and filling when first shown."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from rich.text import Text
from textual import on
from textual.widget import Widget
from textual.widgets import DataTable, TabPane

from custtui.core.customers.profile import Profile
from custtui.ui.messages import OpenItem

Cells = tuple[str | Text, ...]


class PaneId(StrEnum):
    """The profile's tabs (also their widgets' ids)."""

    OVERVIEW = "overview"
    PURCHASES = "purchases"
    CONSIGNED = "consigned"
    HISTORY = "history"


class ProfilePane(TabPane):
    """A tab whose widgets are mounted when it is first shown.

    Opening a profile styles and lays out only what the overview needs: a thousand purchases
    cost nothing until asked for.
    """

    def __init__(self, title: str, pane: PaneId) -> None:
        super().__init__(title, id=pane)
        self.pane_id = pane

    def tab_label(self, profile: Profile) -> str:
        """The tab's label, with its count."""
        raise NotImplementedError

    def parts(self) -> list[Widget]:
        """The widgets mounted when the tab is first shown."""
        raise NotImplementedError

    def show(self, profile: Profile) -> None:
        raise NotImplementedError

    async def fill(self, profile: Profile) -> None:
        if not self.children:
            await self.mount_all(self.parts())
        self.show(profile)


class ItemTable(DataTable[object]):
    """A tab's table whose rows may name an item: Enter on one asks the app to open it."""

    def __init__(self, table_id: str) -> None:
        super().__init__(id=table_id, cursor_type="row", zebra_stripes=True)
        self._numbers: dict[object, int] = {}

    def show_rows(self, columns: Iterable[str], rows: Iterable[tuple[int | None, Cells]]) -> None:
        """Replace the table: each row is (the item number it names, or None; its cells)."""
        self.clear(columns=True)
        self._numbers.clear()
        self.add_columns(*columns)
        for number, cells in rows:
            # A plain str cell would be read as markup: a title like "[/b]" must show as typed.
            key = self.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))
            if number is not None:
                self._numbers[key] = number

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        number = self._numbers.get(event.row_key)
        if number is not None:
            self.post_message(OpenItem(number))


def item_table(table_id: str) -> ItemTable:
    return ItemTable(table_id)


def right(text: str) -> Text:
    return Text(text, justify="right")
