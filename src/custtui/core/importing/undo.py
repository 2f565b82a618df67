"""Undoing an import: remove exactly the customers it created, unless someone has used them.

A customer counts as used, and is kept, when it was edited since the import (its version
moved on), or has notes, purchases or consigned items: removing it would lose work done
after the import, which undo must never do.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from custtui.core.customers.record import format_number, require_customers
from custtui.core.errors import NotFoundError, RuleError
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import AuditEvent, Customer, CustomerNote, Item, utcnow

CHUNK = 500
SHOWN_KEPT = 10


@dataclass(frozen=True)
class UndoResult:
    import_id: int
    removed: int
    # Labels (C-000123) of the customers kept because they were used since the import.
    kept: list[str]
    already_gone: int

    @property
    def message(self) -> str:
        noun = "customer" if self.removed == 1 else "customers"
        text = f"Undid import {self.import_id}: removed {self.removed:,} {noun}"
        if self.kept:
            shown = ", ".join(self.kept[:SHOWN_KEPT])
            extra = len(self.kept) - SHOWN_KEPT
            more = f" and {extra:,} more" if extra > 0 else ""
            text += f"; kept {len(self.kept):,} changed or used since the import: {shown}{more}"
        if self.already_gone:
            text += f"; {self.already_gone:,} had already been deleted"
        return text + "."


def _import_event(session: Session, ctx: Context, import_id: int) -> AuditEvent:
    event = session.get(AuditEvent, import_id)
    if (
        event is None
        or event.business_id != ctx.business.id
        or (event.action != "customers_imported")
    ):
        raise NotFoundError(f"No import {import_id} in this business.")
    return event


def _undone_before(session: Session, ctx: Context, import_id: int) -> AuditEvent | None:
    query = select(AuditEvent).where(
        AuditEvent.business_id == ctx.business.id,
        AuditEvent.action == "import_undone",
        AuditEvent.id > import_id,
    )
    return next((e for e in session.scalars(query) if e.changes.get("import") == import_id), None)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _used(session: Session, ids: Sequence[int]) -> set[int]:
    used: set[int] = set()
    for chunk in _chunks(ids):
        used.update(
            session.scalars(
                select(CustomerNote.customer_id).where(CustomerNote.customer_id.in_(chunk))
            )
        )
        for buyer, consignor in session.execute(
            select(Item.buyer_id, Item.consignor_id).where(
                or_(Item.buyer_id.in_(chunk), Item.consignor_id.in_(chunk))
            )
        ):
            used.update(i for i in (buyer, consignor) if i is not None)
    return used


def undo_import(ctx: Context, import_id: int) -> UndoResult:
    """Remove the customers import `import_id` created that nobody has edited or used since."""
    require_customers(ctx)
    with ctx.store.write() as session:
        event = _import_event(session, ctx, import_id)
        earlier = _undone_before(session, ctx, import_id)
        if earlier is not None:
            raise RuleError(
                f"Import {import_id} was already undone by {earlier.actor} "
                f"on {earlier.at:%Y-%m-%d %H:%M} UTC."
            )
        ranges = [(int(a), int(b)) for a, b in event.changes.get("numbers", [])]
        found: list[tuple[int, int, int]] = []
        for low, high in ranges:
            found.extend(
                (cid, number, version)
                for cid, number, version in session.execute(
                    select(Customer.id, Customer.number, Customer.version)
                    .where(
                        Customer.business_id == ctx.business.id,
                        Customer.number.between(low, high),
                    )
                    # Locked until the undo commits (PostgreSQL; SQLite writes one at a
                    # time anyway): an edit, a note or an item for one of them waits, so
                    # nothing is deleted that was used after the check below.
                    .with_for_update()
                )
            )
        used = _used(session, [cid for cid, _, _ in found])
        kept = sorted((n for cid, n, v in found if v > 1 or cid in used))
        removable = [(cid, n) for cid, n, v in found if v == 1 and cid not in used]
        for chunk in _chunks([cid for cid, _ in removable]):
            session.execute(
                delete(Customer)
                .where(Customer.id.in_(chunk))
                .execution_options(synchronize_session=False)
            )
        now = utcnow()
        # One deletion event per customer, as any delete writes: each customer's history
        # ends with it, and other terminals drop the customers from their lists.
        audit.record_many(
            session,
            [
                {
                    "business_id": ctx.business.id,
                    "actor": ctx.user,
                    "action": "customer_deleted",
                    "customer_id": cid,
                    "at": now,
                    "changes": {"number": {"old": n, "new": None}, "undone_import": import_id},
                }
                for cid, n in removable
            ],
        )
        created = sum(high - low + 1 for low, high in ranges)
        result = UndoResult(
            import_id=import_id,
            removed=len(removable),
            kept=[format_number(n) for n in kept],
            already_gone=created - len(found),
        )
        changes: dict[str, Any] = {
            "import": import_id,
            "removed": result.removed,
            "kept": result.kept,
            "already_gone": result.already_gone,
        }
        audit.record(session, ctx.business.id, ctx.user, "import_undone", None, changes)
    return result
