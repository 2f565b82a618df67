"""A customer's history, read from the audit log, and restoring what a change overwrote."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from custtui.core.customers.record import CustomerRecord, customer_row, require_customers
from custtui.core.customers.service import update_customer
from custtui.core.errors import NotFoundError, RuleError
from custtui.core.fields.catalogue import CATALOGUE, FIELD_LABELS, FIELDS, SENSITIVE, Kind
from custtui.core.fields.contact import format_phone
from custtui.core.items.money import format_money
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import AuditEvent

TITLES = {
    "customer_created": "Created",
    "customer_updated": "Changed",
    "customer_deleted": "Deleted",
    "note_added": "Note added",
    "note_updated": "Note edited",
    "note_deleted": "Note deleted",
    "customers_imported": "Imported",
    "customers_exported": "Exported",
    "sensitive_revealed": "Revealed",
    "import_undone": "Import undone",
    "item_created": "Item added",
    "item_updated": "Item changed",
    "item_sold": "Item sold",
    "item_unsold": "Sale undone",
    "item_returned": "Item returned",
    "item_kept": "Item kept by the store",
    "item_deleted": "Item deleted",
    "payout_posted": "Paid out",
    "payout_undone": "Payout undone",
    "ledger_adjusted": "Ledger adjusted",
}
_PHONES = frozenset(f.name for f in CATALOGUE if f.kind is Kind.PHONE)
_RESTORABLE = frozenset(FIELDS) - SENSITIVE


@dataclass(frozen=True)
class Change:
    """One field of an event, as the history panel shows it ("" is a blank value)."""

    field: str
    label: str
    old: str
    new: str
    restorable: bool


@dataclass(frozen=True)
class HistoryEntry:
    event_id: int
    at: datetime
    actor: str
    action: str
    title: str
    changes: tuple[Change, ...]


# Defaults a creation line needn't repeat.
_NOT_SAID = frozenset({"", "Yes", "No", "No Preference"})


def created_line(changes: tuple[Change, ...]) -> str:
    """What a customer started with, each value named: "Phone: (415) 555-0101 · Source: …"."""
    return " · ".join(f"{c.label}: {c.new}" for c in changes if c.new not in _NOT_SAID)


def shown_value(field: str, value: object, region: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field in _PHONES and isinstance(value, str):
        return format_phone(value, region)
    return str(value)


def _changes(action: str, changes: Mapping[str, Any], region: str) -> tuple[Change, ...]:
    if action == "sensitive_revealed":
        return ()
    out: list[Change] = []
    for field, change in changes.items():
        if not isinstance(change, Mapping):
            continue
        label = FIELD_LABELS.get(field, field.replace("_", " ").capitalize())
        if "changed" in change:
            # Encrypted fields are recorded only as changed: there is no old value to show.
            out.append(Change(field, label, "", "", False))
            continue
        out.append(
            Change(
                field,
                label,
                shown_value(field, change.get("old"), region),
                shown_value(field, change.get("new"), region),
                action == "customer_updated" and field in _RESTORABLE,
            )
        )
    order = {name: i for i, name in enumerate(FIELDS)}
    out.sort(key=lambda c: order.get(c.field, len(order)))
    return tuple(out)


def _title(action: str, changes: Mapping[str, Any]) -> str:
    title = TITLES.get(action, action.replace("_", " ").capitalize())
    if action == "sensitive_revealed":
        fields = [FIELD_LABELS.get(f, f).lower() for f in changes.get("fields", [])]
        return f"{title} {' and '.join(fields)}" if fields else title
    # Item events name their item; ledger events their amount ("54.00" in the log).
    details: list[str] = []
    if isinstance(number := changes.get("number"), str):
        details.append(number)
    if isinstance(amount := changes.get("amount"), str):
        details.append(format_money(int(Decimal(amount) * 100)))
    return " ".join([title, *details])


def _of_customer(ctx: Context, customer_id: int) -> tuple[ColumnElement[bool], ...]:
    return (AuditEvent.business_id == ctx.business.id, audit.of_customer(customer_id))


def count_history(session: Session, ctx: Context, customer_id: int) -> int:
    """How many entries `history_of` would read."""
    query = select(func.count()).select_from(AuditEvent).where(*_of_customer(ctx, customer_id))
    return session.scalar(query) or 0


def history_of(session: Session, ctx: Context, customer_id: int) -> list[HistoryEntry]:
    """The customer's audit events, newest first."""
    query = (
        select(AuditEvent)
        .where(*_of_customer(ctx, customer_id))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    region = ctx.business.region
    return [
        HistoryEntry(
            row.id,
            row.at,
            row.actor,
            row.action,
            _title(row.action, row.changes),
            _changes(row.action, row.changes, region),
        )
        for row in session.scalars(query)
    ]


def history(ctx: Context, number: int | str) -> list[HistoryEntry]:
    require_customers(ctx)
    with ctx.store.read() as session:
        return history_of(session, ctx, customer_row(session, ctx, number).id)


def restore_change(ctx: Context, number: int | str, event_id: int, field: str) -> CustomerRecord:
    """Put back the value a change replaced: a new, audited update; history is never rewritten."""
    require_customers(ctx)
    with ctx.store.read() as session:
        customer = customer_row(session, ctx, number)
        event = session.scalar(
            select(AuditEvent).where(AuditEvent.id == event_id, *_of_customer(ctx, customer.id))
        )
        if event is None:
            raise NotFoundError("That change is no longer in this customer's history.")
        change = event.changes.get(field)
        if (
            event.action != "customer_updated"
            or field not in _RESTORABLE
            or not isinstance(change, Mapping)
            or "old" not in change
        ):
            label = FIELD_LABELS.get(field, field)
            raise RuleError(f"{label} can't be restored from this entry.")
        old = change["old"]
    return update_customer(ctx, number, {field: "" if old is None else old})
