"""An item's history, read from the audit log, in words a clerk reads: who, when, what."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from custtui.core.items.money import format_money
from custtui.core.items.record import AT_EXPIRY_LABELS, ItemRecord, item_record, item_row
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer

TITLES = {
    "item_created": "Added",
    "item_updated": "Changed",
    "item_sold": "Sold",
    "item_unsold": "Sale undone",
    "item_returned": "Returned to the consignor",
    "item_kept": "Kept by the store",
    "item_deleted": "Deleted",
}
# The order the item's fields are read in, and what they are called on screen.
LABELS = {
    "title": "Title",
    "category": "Category",
    "status": "Status",
    "retail_price": "Retail price",
    "intake_date": "Intake date",
    "consignor_id": "Consignor",
    "commission": "Commission",
    "expiry_date": "Expiry date",
    "at_expiry": "At expiry",
    "sold_price": "Sold price",
    "sale_date": "Sale date",
    "buyer_name": "Buyer",
    "returned_on": "Returned on",
}
_MONEY = frozenset({"retail_price", "sold_price"})
# Who bought is said by buyer_name (kept when the buyer is deleted); the id adds nothing.
_UNSAID = frozenset({"number", "buyer_id"})


@dataclass(frozen=True)
class ItemChange:
    """One field of an event ("" is a blank value)."""

    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ItemEvent:
    event_id: int
    at: datetime
    actor: str
    action: str
    title: str
    changes: tuple[ItemChange, ...]


@dataclass(frozen=True)
class ItemHistory:
    """An item as it is now, and its events, newest first."""

    item: ItemRecord
    events: tuple[ItemEvent, ...]


def _money(value: object) -> str:
    try:
        cents = int(Decimal(str(value)) * 100)
    except (InvalidOperation, ValueError):
        return str(value)
    return format_money(cents)


def _percent(value: object) -> str:
    text = f"{value:g}" if isinstance(value, int | float) else str(value)
    return f"{text}%"


def _shown(field: str, value: object, people: Mapping[int, str]) -> str:
    if value is None or value == "":
        return ""
    if field in _MONEY:
        return _money(value)
    if field == "commission":
        return _percent(value)
    if field == "at_expiry":
        return AT_EXPIRY_LABELS.get(str(value), str(value))
    if field == "consignor_id" and isinstance(value, int):
        return people.get(value, "a deleted customer")
    return str(value)


def _changes(changes: Mapping[str, Any], people: Mapping[int, str]) -> tuple[ItemChange, ...]:
    out: list[ItemChange] = []
    order = {name: i for i, name in enumerate(LABELS)}
    for field, change in changes.items():
        if field in _UNSAID or not isinstance(change, Mapping):
            continue
        label = LABELS.get(field, field.replace("_", " ").capitalize())
        out.append(
            ItemChange(
                field,
                label,
                _shown(field, change.get("old"), people),
                _shown(field, change.get("new"), people),
            )
        )
    out.sort(key=lambda c: order.get(c.field, len(order)))
    return tuple(out)


def _consignor_ids(events: list[audit.Event]) -> set[int]:
    ids: set[int] = set()
    for event in events:
        change = event.changes.get("consignor_id")
        if isinstance(change, Mapping):
            ids.update(v for v in (change.get("old"), change.get("new")) if isinstance(v, int))
    return ids


def item_history(ctx: Context, number: int | str) -> ItemHistory:
    """The item and its audit events, newest first, in one read."""
    with ctx.store.read() as session:
        row = item_row(session, ctx, number)
        item = item_record(session, row.id)
        events = audit.events_for_item(session, ctx.business.id, row.id, live=True)
        wanted = _consignor_ids(events)
        people: dict[int, str] = {}
        if wanted:
            query = select(
                Customer.id, Customer.number, Customer.first_name, Customer.last_name
            ).where(Customer.business_id == ctx.business.id, Customer.id.in_(wanted))
            for cid, num, first, last in session.execute(query):
                people[cid] = f"{first} {last} (C-{num:06d})"
    return ItemHistory(
        item,
        tuple(
            ItemEvent(
                e.id,
                e.at,
                e.actor,
                e.action,
                TITLES.get(e.action, e.action.replace("_", " ").capitalize()),
                _changes(e.changes, people),
            )
            for e in events
        ),
    )


__all__ = ["ItemChange", "ItemEvent", "ItemHistory", "item_history"]
