"""A customer as screens and commands see it, and the row it is read from."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from custtui.core.errors import (
    NotFoundError,
    RuleError,
)
from custtui.core.fields.catalogue import (
    PLAIN_FIELDS,
)
from custtui.core.places import format_address
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer, Item

_NUMBER = re.compile(r"^\s*(?:c-?)?0*(\d{1,9})\s*$", re.IGNORECASE)


def format_number(number: int) -> str:
    return f"C-{number:06d}"


def parse_number(text: str | int) -> int:
    """`C-000123`, `c123`, `000123` and `123` all name customer 123."""
    match = _NUMBER.match(str(text))
    if not match or int(match.group(1)) == 0:
        raise NotFoundError(f"{text!r} is not a customer number (like C-000123).")
    return int(match.group(1))


def mask_driver_license(value: str | None) -> str | None:
    if not value:
        return None
    return "•••• " + value[-4:] if len(value) > 4 else "••••"


class NamedCustomer:
    """How a customer is named on screen, for every record type that has the fields."""

    __slots__ = ()
    number: int
    first_name: str
    last_name: str

    @property
    def label(self) -> str:
        return format_number(self.number)

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class CustomerRecord(NamedCustomer):
    """A customer as screens and commands see it: sensitive fields only as masks."""

    id: int
    number: int
    first_name: str
    last_name: str
    company: str | None
    email: str | None
    phone: str | None
    mobile_phone: str | None
    dl_state: str | None
    street: str | None
    street2: str | None
    city: str | None
    state: str | None
    postal_code: str | None
    country: str
    notes: str | None
    instagram: str | None
    facebook: str | None
    preferred_contact: str
    discovery_source: str | None
    referral_details: str | None
    customer_since: date | None
    is_consignor: bool
    consignor_code: str | None
    contact_by_email: bool
    contact_by_sms: bool
    active: bool
    on_hold: bool
    has_date_of_birth: bool
    masked_driver_license: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    version: int
    # Plain catalogue fields this class has no attribute for: a field added to the catalogue
    # reaches every screen and command through `value` without an edit here.
    more: Mapping[str, object] = field(default_factory=dict)

    def value(self, name: str) -> object:
        """A plain field's stored value by its catalogue name."""
        more = self.more
        return more[name] if name in more else getattr(self, name)

    @property
    def masked_date_of_birth(self) -> str | None:
        return "••••-••-••" if self.has_date_of_birth else None

    def address_lines(self, home_country: str) -> list[str]:
        """The address as the customer's country writes it (see validation.format_address)."""
        return format_address(
            self.street,
            self.street2,
            self.city,
            self.state,
            self.postal_code,
            self.country,
            home_country=home_country,
        )

    def plain_values(self) -> dict[str, object]:
        """The editable, non-sensitive fields, keyed like the catalogue."""
        return {name: self.value(name) for name in PLAIN_FIELDS}


@dataclass(frozen=True)
class Sensitive:
    date_of_birth: date | None
    driver_license: str | None


@dataclass(frozen=True)
class Created:
    id: int
    number: int


_RECORD_FIELDS = {f.name for f in fields(CustomerRecord)}
_MORE_FIELDS = tuple(name for name in PLAIN_FIELDS if name not in _RECORD_FIELDS)


def record_of(row: Customer, ctx: Context) -> CustomerRecord:
    """The screen-safe view of a stored row: sensitive fields only as masks."""
    values: dict[str, Any] = {
        name: getattr(row, name) for name in _RECORD_FIELDS if hasattr(Customer, name)
    }
    values["has_date_of_birth"] = row.date_of_birth is not None
    values["masked_driver_license"] = mask_driver_license(
        ctx.store.keys.decrypt(row.driver_license)
    )
    if _MORE_FIELDS:
        values["more"] = {name: getattr(row, name) for name in _MORE_FIELDS}
    return CustomerRecord(**values)


def require_customers(ctx: Context) -> None:
    if not ctx.business.has_customers:
        raise RuleError(
            "Customer records need the pro or premium plan; this business is on the free plan "
            "(custtui plan set pro)."
        )


def customer_row(
    session: Session, ctx: Context, number: int | str, *, lock: bool = False
) -> Customer:
    query = select(Customer).where(
        Customer.business_id == ctx.business.id, Customer.number == parse_number(number)
    )
    if lock:
        query = query.with_for_update()
    row = session.scalar(query)
    if row is None:
        raise NotFoundError(f"No customer {format_number(parse_number(number))}.")
    return row


def current_values(ctx: Context, row: Customer) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(row, name) for name in PLAIN_FIELDS}
    dob = ctx.store.keys.decrypt(row.date_of_birth)
    values["date_of_birth"] = date.fromisoformat(dob) if dob else None
    values["driver_license"] = ctx.store.keys.decrypt(row.driver_license)
    return values


def consigned_count(session: Session, customer_id: int) -> int:
    query = select(func.count()).select_from(Item).where(Item.consignor_id == customer_id)
    return int(session.scalar(query) or 0)
