"""The customer list's palette entries: its actions under the words clerks type for them
(the palette matches titles only), and every sort both ways."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from custtui.core.search.orders import SortKey
from custtui.ui.commands import PaletteCommand
from custtui.ui.widgets.list_status import SORTS, sort_text

# How each sort's two ways read, ascending then descending.
_NAME_WAYS = ("A to Z", "Z to A")
_SORT_WAYS: dict[SortKey, tuple[str, str]] = {
    "last_name": _NAME_WAYS,
    "first_name": _NAME_WAYS,
    "number": ("oldest first", "newest first"),
    "company": _NAME_WAYS,
}


class ListActions(Protocol):
    """What the entries run: the list screen's own actions."""

    def action_new_customer(self) -> None: ...
    def action_import_customers(self) -> None: ...
    def action_export(self) -> None: ...
    def action_toggle_consignors(self) -> None: ...
    def action_reverse_sort(self) -> None: ...
    def action_clear_filter(self) -> None: ...
    def set_sort(self, sort: SortKey, *, descending: bool = False) -> None: ...


def list_commands(screen: ListActions, *, consignment: bool) -> Iterator[PaletteCommand]:
    # The words in brackets are the ones clerks type for these.
    yield PaletteCommand("New customer (add)", "Add a customer", screen.action_new_customer)
    yield PaletteCommand(
        "Import customers (load CSV or Excel)",
        "Load customers from a CSV or Excel file",
        screen.action_import_customers,
    )
    yield PaletteCommand(
        "Export customers to CSV (save)",
        "Write the customers to a CSV file (with a filter on: the shown ones, or all)",
        screen.action_export,
    )
    if consignment:
        yield PaletteCommand(
            "Toggle consignors only",
            "Show only consignors, or everyone",
            screen.action_toggle_consignors,
        )
    for key, label in SORTS.items():
        for descending, way in enumerate(_SORT_WAYS[key]):

            def sort_by(key: SortKey = key, descending: bool = bool(descending)) -> None:
                screen.set_sort(key, descending=descending)

            yield PaletteCommand(
                f"Sort by {sort_text(key, bool(descending))} ({way})",
                f"Order the list by {label}, {way}",
                sort_by,
            )
    yield PaletteCommand(
        "Reverse the sort order",
        "The same sort, the other way round (Ctrl+G)",
        screen.action_reverse_sort,
    )
    yield PaletteCommand("Clear filter", "Show every customer", screen.action_clear_filter)
