"""The audit log: every change, who made it, and what it changed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import ColumnElement, Table, and_, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from custtui.core.store.bulk import insert_rows
from custtui.core.store.models import AuditEvent, utcnow

ACTIONS = (
    "customer_created",
    "customer_updated",
    "customer_deleted",
    "note_added",
    "note_updated",
    "note_deleted",
    "customers_imported",
    "customers_exported",
    "sensitive_revealed",
    "import_undone",
    "item_created",
    "item_updated",
    "item_sold",
    "item_unsold",
    "item_returned",
    "item_kept",
    "item_deleted",
    "payout_posted",
    "payout_undone",
    "ledger_adjusted",
)


@dataclass(frozen=True)
class Event:
    id: int
    actor: str
    action: str
    customer_id: int | None
    at: datetime
    changes: dict[str, Any]
    item_id: int | None = None


def json_value(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def diff(
    old: Mapping[str, object], new: Mapping[str, object], sensitive: frozenset[str]
) -> dict[str, Any]:
    """Changed fields as {field: {"old", "new"}}; sensitive ones only as {"changed": True}."""
    changes: dict[str, Any] = {}
    for key, value in new.items():
        before = old.get(key)
        if before == value:
            continue
        if key in sensitive:
            changes[key] = {"changed": True}
        else:
            changes[key] = {"old": json_value(before), "new": json_value(value)}
    return changes


def record(
    session: Session,
    business_id: int,
    actor: str,
    action: str,
    customer_id: int | None = None,
    changes: Mapping[str, Any] | None = None,
    item_id: int | None = None,
) -> AuditEvent:
    assert action in ACTIONS, action
    event = AuditEvent(
        business_id=business_id,
        actor=actor,
        action=action,
        customer_id=customer_id,
        item_id=item_id,
        at=utcnow(),
        changes=dict(changes or {}),
    )
    session.add(event)
    return event


def record_many(session: Session, rows: list[dict[str, Any]]) -> None:
    """Bulk form of `record`, for batches of creates."""
    if rows:
        insert_rows(session, cast(Table, AuditEvent.__table__), rows)


def _event(row: AuditEvent) -> Event:
    return Event(
        row.id, row.actor, row.action, row.customer_id, row.at, dict(row.changes), row.item_id
    )


def of_live_row(
    column: InstrumentedAttribute[int | None], row_id: int, created: str, deleted: str
) -> ColumnElement[bool]:
    """The events naming `row_id` in `column` that belong to the row holding that id now.

    Ids are never handed out twice (migration 0007), but a store used before may have given
    a deleted row's id to a new one: the old row's events end with its `deleted` event, and
    the new row's begin with its `created` one (an imported customer has none), so neither
    row shows the other's history. Only for a row that exists: a deleted row's own
    deletion is its last event.
    """

    def last(action: str) -> ColumnElement[int]:
        newest = select(func.max(AuditEvent.id)).where(
            column == row_id, AuditEvent.action == action
        )
        return func.coalesce(newest.scalar_subquery(), 0)

    return and_(column == row_id, AuditEvent.id > last(deleted), AuditEvent.id >= last(created))


def of_customer(customer_id: int) -> ColumnElement[bool]:
    """A customer's own events (see `of_live_row`)."""
    return of_live_row(AuditEvent.customer_id, customer_id, "customer_created", "customer_deleted")


def events_for_customer(session: Session, business_id: int, customer_id: int) -> list[Event]:
    query = (
        select(AuditEvent)
        .where(AuditEvent.business_id == business_id, AuditEvent.customer_id == customer_id)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return [_event(row) for row in session.scalars(query)]


def events_for_item(
    session: Session, business_id: int, item_id: int, *, live: bool = False
) -> list[Event]:
    """The events naming `item_id`; `live`: those of the item holding the id now."""
    wanted = (
        of_live_row(AuditEvent.item_id, item_id, "item_created", "item_deleted")
        if live
        else AuditEvent.item_id == item_id
    )
    query = (
        select(AuditEvent)
        .where(AuditEvent.business_id == business_id, wanted)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    )
    return [_event(row) for row in session.scalars(query)]


def events_since(
    session: Session, business_id: int, after_id: int, limit: int = 1000
) -> list[Event]:
    """Events newer than `after_id`, oldest first: how other terminals learn of changes."""
    query = (
        select(AuditEvent)
        .where(AuditEvent.business_id == business_id, AuditEvent.id > after_id)
        .order_by(AuditEvent.id)
        .limit(limit)
    )
    return [_event(row) for row in session.scalars(query)]
