"""Reading customers: one by number, several by id, by name or email; identification in clear
(each reveal audited)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from custtui.core.customers.record import (
    CustomerRecord,
    Sensitive,
    consigned_count,
    current_values,
    customer_row,
    record_of,
    require_customers,
)
from custtui.core.errors import (
    FieldInvalid,
    NotFoundError,
)
from custtui.core.fields.catalogue import SENSITIVE
from custtui.core.fields.values import normalize_name
from custtui.core.search.sortkeys import name_key
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer


def email_owners_in(session: Session, ctx: Context, keys: Iterable[str]) -> dict[str, int]:
    """Customer number by email key, for the keys some customer of the business has."""
    wanted = list(keys)
    owners: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = select(Customer.email_key, Customer.number).where(
            Customer.business_id == ctx.business.id, Customer.email_key.in_(chunk)
        )
        owners.update((k, n) for k, n in session.execute(query) if k)
    return owners


def email_owners(ctx: Context, keys: Iterable[str]) -> dict[str, int]:
    """Which of these email keys (see `email_key`) customers already have, and whose."""
    with ctx.store.read() as session:
        return email_owners_in(session, ctx, keys)


def get_customer(ctx: Context, number: int | str) -> CustomerRecord:
    require_customers(ctx)
    with ctx.store.read() as session:
        return record_of(customer_row(session, ctx, number), ctx)


def get_customer_by_id(ctx: Context, customer_id: int) -> CustomerRecord:
    require_customers(ctx)
    with ctx.store.read() as session:
        row = session.get(Customer, customer_id)
        if row is None or row.business_id != ctx.business.id:
            raise NotFoundError("That customer no longer exists.")
        return record_of(row, ctx)


def same_name(
    ctx: Context, first_name: str, last_name: str, limit: int = 5
) -> list[CustomerRecord]:
    """Customers whose name equals this one, ignoring case, accents and extra spaces."""
    require_customers(ctx)
    try:
        first = normalize_name(first_name, "First name")
        last = normalize_name(last_name, "Last name")
    except FieldInvalid:
        return []  # no name yet: the form's own messages say so
    query = (
        select(Customer)
        .where(Customer.business_id == ctx.business.id, Customer.name_key == name_key(first, last))
        .order_by(Customer.number)
        .limit(limit)
    )
    with ctx.store.read() as session:
        return [record_of(row, ctx) for row in session.scalars(query)]


@dataclass(frozen=True)
class Editable:
    """What the edit form starts from: every field in clear, and what limits the edit."""

    values: dict[str, object]
    version: int
    consigned_items: int


def editable(ctx: Context, number: int | str) -> Editable:
    """The record for the edit form, which shows the sensitive fields only as masked input."""
    require_customers(ctx)
    with ctx.store.read() as session:
        row = customer_row(session, ctx, number)
        return Editable(current_values(ctx, row), row.version, consigned_count(session, row.id))


def customer_count(ctx: Context) -> int:
    with ctx.store.read() as session:
        query = select(func.count()).select_from(Customer)
        return int(session.scalar(query.where(Customer.business_id == ctx.business.id)) or 0)


def records_by_ids(ctx: Context, ids: Sequence[int]) -> list[CustomerRecord]:
    """Full records for the given ids, in that order (missing ones left out)."""
    require_customers(ctx)
    found: dict[int, CustomerRecord] = {}
    with ctx.store.read() as session:
        for start in range(0, len(ids), 500):
            query = select(Customer).where(
                Customer.business_id == ctx.business.id,
                Customer.id.in_(list(ids[start : start + 500])),
            )
            for row in session.scalars(query):
                found[row.id] = record_of(row, ctx)
    return [found[i] for i in ids if i in found]


def reveal_sensitive(ctx: Context, number: int | str) -> Sensitive:
    """Date of birth and driver license in clear; every reveal is written to the audit log."""
    require_customers(ctx)
    with ctx.store.write() as session:
        row = customer_row(session, ctx, number)
        current = current_values(ctx, row)
        shown = [k for k in sorted(SENSITIVE) if current[k] is not None]
        audit.record(
            session, ctx.business.id, ctx.user, "sensitive_revealed", row.id, {"fields": shown}
        )
        dob = current["date_of_birth"]
        return Sensitive(
            dob if isinstance(dob, date) else None,
            current["driver_license"] if isinstance(current["driver_license"], str) else None,
        )
