"""The customer notes log: timestamped entries, newest first, every change audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from custtui.core.customers.record import customer_row, require_customers
from custtui.core.errors import NotFoundError, ValidationError
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer, CustomerNote, utcnow

MAX_NOTE = 10_000


@dataclass(frozen=True)
class Note:
    id: int
    customer_id: int
    author: str
    text: str
    created_at: datetime
    updated_at: datetime | None


def _note(row: CustomerNote) -> Note:
    return Note(row.id, row.customer_id, row.author, row.text, row.created_at, row.updated_at)


def _clean(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": "A note can't be empty."})
    if len(text) > MAX_NOTE:
        raise ValidationError({"text": f"A note must be at most {MAX_NOTE:,} characters."})
    return text


def notes_of(session: Session, customer_id: int) -> list[Note]:
    """A customer's notes log, newest first."""
    query = (
        select(CustomerNote)
        .where(CustomerNote.customer_id == customer_id)
        .order_by(CustomerNote.created_at.desc(), CustomerNote.id.desc())
    )
    return [_note(row) for row in session.scalars(query)]


def list_notes(ctx: Context, number: int | str) -> list[Note]:
    require_customers(ctx)
    with ctx.store.read() as session:
        return notes_of(session, customer_row(session, ctx, number).id)


def add_note(ctx: Context, number: int | str, text: str) -> Note:
    require_customers(ctx)
    text = _clean(text)
    with ctx.store.write() as session:
        customer = customer_row(session, ctx, number)
        row = CustomerNote(customer_id=customer.id, author=ctx.user, text=text, created_at=utcnow())
        session.add(row)
        session.flush()
        audit.record(
            session,
            ctx.business.id,
            ctx.user,
            "note_added",
            customer.id,
            {"note": {"old": None, "new": text}},
        )
        return _note(row)


def _owned(session: Session, ctx: Context, note_id: int) -> CustomerNote:
    query = (
        select(CustomerNote)
        .join(Customer, Customer.id == CustomerNote.customer_id)
        .where(CustomerNote.id == note_id, Customer.business_id == ctx.business.id)
    )
    row = session.scalar(query)
    if row is None:
        raise NotFoundError("That note no longer exists.")
    return row


def update_note(ctx: Context, note_id: int, text: str) -> Note:
    require_customers(ctx)
    text = _clean(text)
    with ctx.store.write() as session:
        row = _owned(session, ctx, note_id)
        if row.text != text:
            audit.record(
                session,
                ctx.business.id,
                ctx.user,
                "note_updated",
                row.customer_id,
                {"note": {"old": row.text, "new": text}},
            )
            row.text = text
            row.updated_at = utcnow()
        session.flush()
        return _note(row)


def delete_note(ctx: Context, note_id: int) -> None:
    require_customers(ctx)
    with ctx.store.write() as session:
        row = _owned(session, ctx, note_id)
        audit.record(
            session,
            ctx.business.id,
            ctx.user,
            "note_deleted",
            row.customer_id,
            {"note": {"old": row.text, "new": None}},
        )
        session.delete(row)
