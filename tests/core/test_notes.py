"""The notes log: newest first, author and time, every change audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from custtui.core.customers.notes import add_note, delete_note, list_notes, update_note
from custtui.core.customers.service import create_customer
from custtui.core.errors import NotFoundError, ValidationError
from custtui.core.store.businesses import Context, open_context
from custtui.core.store.models import AuditEvent


def actions(ctx: Context) -> list[tuple[str, dict[str, object]]]:
    with ctx.store.read() as session:
        rows = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        return [(e.action, e.changes) for e in rows if e.action.startswith("note_")]


def test_notes_are_listed_newest_first_with_their_author(ctx: Context) -> None:
    customer = create_customer(ctx, {"first_name": "Ada", "last_name": "L"})
    add_note(ctx, customer.number, "Called about the Omega")
    maria = open_context(ctx.store, None, "maria")
    add_note(maria, customer.number, "  Wants it held until Friday  ")
    notes = list_notes(ctx, customer.number)
    assert [(n.author, n.text) for n in notes] == [
        ("maria", "Wants it held until Friday"),
        ("tester", "Called about the Omega"),
    ]
    assert notes[0].created_at >= notes[1].created_at


def test_edit_and_delete_are_audited(ctx: Context) -> None:
    customer = create_customer(ctx, {"first_name": "Ada", "last_name": "L"})
    note = add_note(ctx, customer.number, "first")
    edited = update_note(ctx, note.id, "second")
    assert edited.text == "second" and edited.updated_at is not None
    delete_note(ctx, note.id)
    assert list_notes(ctx, customer.number) == []
    assert actions(ctx) == [
        ("note_added", {"note": {"old": None, "new": "first"}}),
        ("note_updated", {"note": {"old": "first", "new": "second"}}),
        ("note_deleted", {"note": {"old": "second", "new": None}}),
    ]


def test_an_empty_note_is_refused(ctx: Context) -> None:
    customer = create_customer(ctx, {"first_name": "Ada", "last_name": "L"})
    with pytest.raises(ValidationError, match="A note can't be empty."):
        add_note(ctx, customer.number, "   ")


def test_a_deleted_note_cannot_be_edited(ctx: Context) -> None:
    customer = create_customer(ctx, {"first_name": "Ada", "last_name": "L"})
    note = add_note(ctx, customer.number, "x")
    delete_note(ctx, note.id)
    with pytest.raises(NotFoundError):
        update_note(ctx, note.id, "y")
