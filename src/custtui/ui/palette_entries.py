"""The app's own palette entries: the screen's actions, then moving between screens."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import Screen

from custtui.ui.commands import HasPaletteCommands
from custtui.ui.screens.activity import ActivityScreen
from custtui.ui.screens.item_detail import ItemDetailScreen
from custtui.ui.screens.items import ItemsScreen

if TYPE_CHECKING:
    from custtui.ui.app import CusttuiApp


def palette_entries(app: CusttuiApp, screen: Screen[object]) -> Iterator[SystemCommand]:
    """Each entry's title carries the words a clerk types for it ("add", "stock", "log")."""
    yield SystemCommand(
        "Help: keys of this screen", "List every key of this screen", app.action_help
    )
    if isinstance(screen, HasPaletteCommands):
        for command in screen.palette_commands():
            yield SystemCommand(command.title, command.help, command.callback)
    if app.ctx is None:
        return
    if not isinstance(screen, ItemsScreen):
        yield SystemCommand(
            "Items (F2: stock, products)", "Every item: filter, open, sell", app.action_items
        )
        yield SystemCommand("New item (add)", "Add an item", app.new_item)
        if app.ctx.business.has_consignment:
            yield SystemCommand(
                "Expired consignments",
                "Consigned items past their expiry: return or keep them",
                app.show_expired,
            )
    if isinstance(screen, ItemsScreen | ItemDetailScreen):
        yield SystemCommand(
            "Customers (F3: clients)", "Back to the customers", app.action_customers
        )
    if not isinstance(screen, ActivityScreen):
        yield SystemCommand(
            "Activity (F4: audit log)", "Who did what, newest first", app.action_activity
        )
