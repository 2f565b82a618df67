"""The item changes asked with a confirmation: return, keep, unsell, delete.

Both the expired worklist and the item's detail offer them; the question, the service and
the words said afterwards are one entry each here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from custtui.core.items.money import format_money
from custtui.core.items.record import AT_EXPIRY_LABELS, ItemRecord
from custtui.core.items.service import delete_item, keep_item, return_item, unsell_item
from custtui.core.store.businesses import Context
from custtui.ui.screens.ask import AskScreen, confirm


class ItemChange(StrEnum):
    RETURN = "return"
    KEEP = "keep"
    UNSELL = "unsell"
    DELETE = "delete"


@dataclass(frozen=True)
class Wording:
    title: Callable[[ItemRecord], str]
    message: Callable[[ItemRecord], str]
    yes: str
    done: Callable[[ItemRecord], str]
    refused: str  # the title of the notification when the store says no


def _consignor(item: ItemRecord) -> str:
    code = f" ({item.consignor_code})" if item.consignor_code else ""
    return f"{item.consignor_name or 'the consignor'}{code}"


def _terms(item: ItemRecord) -> str:
    planned = AT_EXPIRY_LABELS.get(item.at_expiry or "", "")
    return f" Its terms say at expiry: {planned.lower()}." if planned else ""


WORDING: dict[ItemChange, Wording] = {
    ItemChange.RETURN: Wording(
        lambda i: f"Return {i.label} to {_consignor(i)}?",
        lambda i: (
            f"“{i.title}” leaves the shop: it is archived, marked returned today." + _terms(i)
        ),
        "Return",
        lambda i: f"{i.label} returned to {_consignor(i)}.",
        "Not returned",
    ),
    ItemChange.KEEP: Wording(
        lambda i: f"Keep {i.label} as the store's own?",
        lambda i: (
            f"“{i.title}” stops being {_consignor(i)}'s: no consignor, commission or "
            "expiry any more; a later sale credits nobody." + _terms(i)
        ),
        "Keep",
        lambda i: f"{i.label} is now the store's own stock.",
        "Not kept",
    ),
    ItemChange.UNSELL: Wording(
        lambda i: f"Undo the sale of {i.label}?",
        lambda i: (
            f"“{i.title}” goes back to the shop (Collection); the sale of "
            f"{format_money(i.sold_cents)} on {i.sale_date} is forgotten"
            + (" and the consignor's credit taken back." if i.consigned else ".")
        ),
        "Undo sale",
        lambda i: f"{i.label}: the sale is undone.",
        "Sale not undone",
    ),
    ItemChange.DELETE: Wording(
        lambda i: f"Delete {i.label}?",
        lambda i: f"“{i.title}” goes; its history stays in the audit log. This can't be undone.",
        "Delete",
        lambda i: f"Deleted {i.label}.",
        "Not deleted",
    ),
}


def question(change: ItemChange, item: ItemRecord) -> AskScreen[bool]:
    wording = WORDING[change]
    return confirm(wording.title(item), wording.message(item), wording.yes)


def apply_change(ctx: Context, change: ItemChange, item: ItemRecord) -> ItemRecord | None:
    """Make the change in the store (off the event loop); None once deleted."""
    version = item.version
    if change is ItemChange.RETURN:
        return return_item(ctx, item.number, expected_version=version)
    if change is ItemChange.KEEP:
        return keep_item(ctx, item.number, expected_version=version)
    if change is ItemChange.UNSELL:
        return unsell_item(ctx, item.number, expected_version=version)
    delete_item(ctx, item.number, expected_version=version)
    return None


def allowed(change: ItemChange, item: ItemRecord, *, consignment: bool) -> bool:
    """Whether the change makes sense for the item as it is (the store has the last word)."""
    if change in (ItemChange.RETURN, ItemChange.KEEP):
        return consignment and item.consigned and item.active
    if change is ItemChange.UNSELL:
        return item.sold
    return True
