"""What an audit event did, in words: a title ("Exported 120 customers") and a detail line.

Everything here reads the event's own record, so an event still reads right after its
customer or item is gone. Values are cleaned to one line: they came from people and files.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from custtui.core.fields.catalogue import FIELD_LABELS
from custtui.core.items.history import LABELS as ITEM_LABELS
from custtui.core.items.money import format_money
from custtui.core.store.audit import ACTIONS
from custtui.core.text import single_line

# Each action as the log names it (and as the filter box matches it).
ACTION_WORDS: dict[str, str] = {
    "customer_created": "Customer created",
    "customer_updated": "Customer changed",
    "customer_deleted": "Customer deleted",
    "note_added": "Note added",
    "note_updated": "Note edited",
    "note_deleted": "Note deleted",
    "customers_imported": "Customers imported",
    "customers_exported": "Customers exported",
    "sensitive_revealed": "ID revealed",
    "import_undone": "Import undone",
    "item_created": "Item added",
    "item_updated": "Item changed",
    "item_sold": "Item sold",
    "item_unsold": "Item sale undone",
    "item_returned": "Item returned",
    "item_kept": "Item kept by the store",
    "item_deleted": "Item deleted",
    "payout_posted": "Payout posted",
    "payout_undone": "Payout undone",
    "ledger_adjusted": "Ledger adjusted",
}
assert set(ACTION_WORDS) == set(ACTIONS), "every audited action needs its words"

# The identification fields, as short as a log line wants them.
_REVEALED = {"date_of_birth": "DOB", "driver_license": "DL"}
_DETAIL_WIDTH = 80


def _clean(value: object, width: int = _DETAIL_WIDTH) -> str:
    text = single_line(value) or ""
    return text if len(text) <= width else text[: width - 1] + "…"


def _money(value: object) -> str:
    try:
        return format_money(int(Decimal(str(value)) * 100))
    except (InvalidOperation, ValueError):
        return _clean(value)


def _count(value: object, noun: str) -> str:
    n = value if isinstance(value, int) else 0
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _new(changes: Mapping[str, Any], field: str) -> object:
    change = changes.get(field)
    return change.get("new") if isinstance(change, Mapping) else None


def _fields(changes: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    names = [labels.get(k, k.replace("_", " ").capitalize()) for k in changes if k in labels]
    return ", ".join(names)


def title(action: str, changes: Mapping[str, Any]) -> str:
    """The event in a few words, with its count, fields, item or amount."""
    words = ACTION_WORDS.get(action, action.replace("_", " ").capitalize())
    number = changes.get("number")
    item = number if isinstance(number, str) else ""
    amount = _money(changes["amount"]) if "amount" in changes else ""
    if action == "customers_imported":
        return f"Imported {_count(changes.get('imported'), 'customer')}"
    if action == "customers_exported":
        return f"Exported {_count(changes.get('count'), 'customer')}"
    if action == "sensitive_revealed":
        shown = [_REVEALED.get(f, f) for f in changes.get("fields", []) if isinstance(f, str)]
        return f"Revealed {' and '.join(shown)}" if shown else "Revealed ID (none on file)"
    if action == "import_undone":
        return f"Import #{changes.get('import')} undone"
    if action.startswith("item_") and item:
        return f"{words} {item}"
    if amount:
        return f"{words} {amount}"
    return words


def detail(action: str, changes: Mapping[str, Any]) -> str:
    """What else the event recorded that a reader wants on the same line."""
    if action == "customer_updated":
        return _fields(changes, FIELD_LABELS)
    if action == "customer_deleted" and "undone_import" in changes:
        return f"by undoing import #{changes['undone_import']}"
    if action in ("note_added", "note_updated"):
        return _clean(_new(changes, "note"))
    if action == "note_deleted":
        change = changes.get("note")
        return _clean(change.get("old") if isinstance(change, Mapping) else None)
    if action == "customers_imported":
        skipped = changes.get("skipped")
        total = (
            sum(v for v in skipped.values() if isinstance(v, int))
            if isinstance(skipped, Mapping)
            else 0
        )
        source = _clean(changes.get("file"), 60)
        return f"from {source}; {total:,} skipped" if source else f"{total:,} skipped"
    if action == "customers_exported":
        return _clean(changes.get("file"))
    if action == "import_undone":
        kept = changes.get("kept")
        kept_n = len(kept) if isinstance(kept, list) else 0
        return f"{_count(changes.get('removed'), 'customer')} removed, {kept_n:,} kept"
    if action in ("item_created", "item_deleted"):
        change = changes.get("title")
        if isinstance(change, Mapping):
            return _clean(change.get("new") or change.get("old"))
        return ""
    if action == "item_sold":
        price = _new(changes, "sold_price")
        buyer = _clean(_new(changes, "buyer_name"), 40)
        parts = [_money(price) if price is not None else "", f"to {buyer}" if buyer else ""]
        return " ".join(p for p in parts if p)
    if action.startswith("item_"):
        return _fields(changes, ITEM_LABELS)
    if action in ("payout_posted", "payout_undone"):
        through = changes.get("through")
        return f"through {_clean(through)}" if through else ""
    if action == "ledger_adjusted":
        return _clean(changes.get("reason"))
    return ""
