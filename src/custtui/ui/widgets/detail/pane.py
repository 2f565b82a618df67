"""What the profile's tabs have in common: their ids, and filling when first shown."""

from __future__ import annotations

from enum import StrEnum

from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, TabPane

from custtui.core.customers.profile import Profile


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


def item_table(table_id: str) -> DataTable[object]:
    return DataTable(id=table_id, cursor_type="row", zebra_stripes=True)


def right(text: str) -> Text:
    return Text(text, justify="right")
