"""Customer services: create, read, update, delete, reveal. Every entry point goes through here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Table, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from custtui.core.customers.rules import (
    FIELDS,
    FieldInvalid,
    email_key,
    format_address,
    format_phone,
    normalize_customer,
    normalize_name,
)
from custtui.core.errors import (
    ConflictError,
    NotFoundError,
    RuleError,
    ValidationError,
)
from custtui.core.search.haystack import SearchRow
from custtui.core.search.sortkeys import name_key
from custtui.core.store import audit
from custtui.core.store.bulk import insert_rows
from custtui.core.store.businesses import Context
from custtui.core.store.models import Business, Customer, Item, utcnow

SENSITIVE = frozenset({"date_of_birth", "driver_license"})
PLAIN_FIELDS = tuple(name for name in FIELDS if name not in SENSITIVE)
CONSIGNMENT_FIELDS = frozenset({"is_consignor", "consignor_code"})

EMAIL_TAKEN_ON_CREATE = "A customer with this email already exists for this business."
EMAIL_TAKEN_ON_EDIT = "Another customer with this email already exists."
CODE_TAKEN = "Another customer already uses this consignor code."
CONSIGNMENT_NEEDS_PREMIUM = "Consignment needs the premium plan."
STILL_CONSIGNING = "This customer has consigned items, so stays a consignor."

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
        """The editable, non-sensitive fields, keyed like the validation module."""
        return {name: getattr(self, name) for name in PLAIN_FIELDS}


@dataclass(frozen=True)
class Sensitive:
    date_of_birth: date | None
    driver_license: str | None


@dataclass(frozen=True)
class Created:
    id: int
    number: int


class RowError(ValidationError):
    """A batch row failed: `index` says which one."""

    def __init__(self, index: int, errors: Mapping[str, str]) -> None:
        super().__init__(errors)
        self.index = index


_RECORD_FIELDS = {f.name for f in fields(CustomerRecord)}


def record_of(row: Customer, ctx: Context) -> CustomerRecord:
    """The screen-safe view of a stored row: sensitive fields only as masks."""
    values: dict[str, Any] = {
        name: getattr(row, name) for name in _RECORD_FIELDS if hasattr(Customer, name)
    }
    values["has_date_of_birth"] = row.date_of_birth is not None
    values["masked_driver_license"] = mask_driver_license(
        ctx.store.keys.decrypt(row.driver_license)
    )
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


def _normalize(ctx: Context, values: Mapping[str, object]) -> dict[str, object]:
    return _normalize_in(ctx.business.region, values)


def _normalize_in(region: str, values: Mapping[str, object]) -> dict[str, object]:
    clean = normalize_customer(values, region=region)
    if clean.get("is_consignor") is False:
        clean["consignor_code"] = None
    elif clean.get("consignor_code") and "is_consignor" not in clean:
        clean["is_consignor"] = True
    return clean


def _check_consignment(
    ctx: Context, clean: Mapping[str, object], current: Mapping[str, object]
) -> None:
    _check_consignment_in(ctx.business.has_consignment, clean, current)


def _check_consignment_in(
    has_consignment: bool, clean: Mapping[str, object], current: Mapping[str, object]
) -> None:
    if has_consignment:
        return
    changed = [k for k in CONSIGNMENT_FIELDS if k in clean and clean[k] != current.get(k)]
    if changed:
        raise ValidationError(dict.fromkeys(changed, CONSIGNMENT_NEEDS_PREMIUM))


def _columns(ctx: Context, clean: Mapping[str, object]) -> dict[str, object]:
    """Validated values as table columns: sensitive ones encrypted, email key derived."""
    out = dict(clean)
    if "date_of_birth" in out:
        value = out["date_of_birth"]
        out["date_of_birth"] = ctx.store.keys.encrypt(
            value.isoformat() if isinstance(value, date) else None
        )
    if "driver_license" in out:
        out["driver_license"] = ctx.store.keys.encrypt(out["driver_license"])  # type: ignore[arg-type]
    if "email" in clean:
        email = clean["email"]
        out["email_key"] = email_key(email) if isinstance(email, str) else None
    return out


def _defaults() -> dict[str, object]:
    """Every column a create may leave out, so batch inserts share one statement shape."""
    return dict.fromkeys((*PLAIN_FIELDS, *SENSITIVE, "email_key"), None) | {
        "country": "US",
        "preferred_contact": "No Preference",
        "is_consignor": False,
        "contact_by_email": False,
        "contact_by_sms": False,
        "active": True,
        "on_hold": False,
    }


def _created_changes(clean: Mapping[str, object]) -> dict[str, Any]:
    """What a create set: every filled field from nothing (sensitive ones only as changed)."""
    # Written out rather than through audit.diff: it runs for every row of an import.
    return {
        key: {"changed": True}
        if key in SENSITIVE
        else {"old": None, "new": audit.json_value(value)}
        for key, value in clean.items()
        if value is not None and value != "" and value is not False
    }


def _email_owners(session: Session, ctx: Context, keys: Iterable[str]) -> dict[str, int]:
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
        return _email_owners(session, ctx, keys)


def _taken_email_keys(session: Session, ctx: Context, keys: Iterable[str]) -> set[str]:
    return set(_email_owners(session, ctx, keys))


def _taken_codes(
    session: Session, ctx: Context, codes: Iterable[str], but: int | None = None
) -> set[str]:
    wanted = list(codes)
    if not wanted:
        return set()
    query = select(Customer.consignor_code).where(
        Customer.business_id == ctx.business.id, Customer.consignor_code.in_(wanted)
    )
    if but is not None:
        query = query.where(Customer.id != but)
    return {c for c in session.scalars(query) if c}


def _allocate_numbers(session: Session, ctx: Context, count: int) -> int:
    """Reserve `count` sequential numbers; the row update serialises concurrent creators."""
    end = session.execute(
        update(Business)
        .where(Business.id == ctx.business.id)
        .values(next_customer_number=Business.next_customer_number + count)
        .returning(Business.next_customer_number)
    ).scalar_one()
    return int(end) - count


def _check_batch(
    session: Session, ctx: Context, cleans: Sequence[Mapping[str, object]]
) -> None:
    """Email and consignor-code uniqueness, against the store and within the batch."""
    keys = [email_key(cast(str, c["email"])) for c in cleans if isinstance(c.get("email"), str)]
    codes = [
        cast(str, c["consignor_code"]) for c in cleans if isinstance(c.get("consignor_code"), str)
    ]
    taken = _taken_email_keys(session, ctx, keys) if keys else set()
    taken_codes = _taken_codes(session, ctx, codes)
    for index, clean in enumerate(cleans):
        email = clean.get("email")
        if isinstance(email, str):
            key = email_key(email)
            if key in taken:
                raise RowError(index, {"email": EMAIL_TAKEN_ON_CREATE})
            taken.add(key)
        code = clean.get("consignor_code")
        if isinstance(code, str):
            if code in taken_codes:
                raise RowError(index, {"consignor_code": CODE_TAKEN})
            taken_codes.add(code)


def clean_new_customer(ctx: Context, values: Mapping[str, object]) -> dict[str, object]:
    """A new customer's values checked and normalised (ValidationError lists every fault).

    Uniqueness is not checked here: that needs the store, see `create_clean_customers`.
    """
    business = ctx.business
    return clean_new_values(
        values, region=business.region, has_consignment=business.has_consignment
    )


def clean_new_values(
    values: Mapping[str, object], *, region: str, has_consignment: bool
) -> dict[str, object]:
    """`clean_new_customer` given what it needs of the business: a worker process has no store."""
    # Missing names are as wrong as blank ones: let validation say so with the rest.
    clean = _normalize_in(region, {"first_name": "", "last_name": ""} | dict(values))
    _check_consignment_in(has_consignment, clean, {})
    return clean


def create_customers(
    ctx: Context, rows: Sequence[Mapping[str, object]], *, audit_each: bool = True
) -> list[Created]:
    """Create a batch atomically: all rows or none. Returns the new customers in order.

    Raises RowError naming the first row that breaks a rule.
    """
    require_customers(ctx)
    cleans: list[dict[str, object]] = []
    for index, values in enumerate(rows):
        try:
            cleans.append(clean_new_customer(ctx, values))
        except ValidationError as exc:
            raise RowError(index, exc.errors) from None
    return create_clean_customers(ctx, cleans, audit_each=audit_each)


def create_clean_customers(
    ctx: Context, cleans: Sequence[Mapping[str, object]], *, audit_each: bool = True
) -> list[Created]:
    """Write values `clean_new_customer` returned, as one transaction.

    Raises RowError naming the first row whose email (or consignor code) is taken.
    """
    if not cleans:
        return []
    now = utcnow()
    try:
        with ctx.store.write() as session:
            _check_batch(session, ctx, cleans)
            first = _allocate_numbers(session, ctx, len(cleans))
            stamp = {
                "business_id": ctx.business.id,
                "created_at": now,
                "created_by": ctx.user,
                "updated_at": now,
                "updated_by": ctx.user,
                "version": 1,
            }
            base = _defaults() | stamp
            payload = []
            for i, clean in enumerate(cleans):
                row = base.copy()
                row.update(_columns(ctx, clean))
                row["number"] = first + i
                row["name_key"] = name_key(str(clean["first_name"]), str(clean["last_name"]))
                payload.append(row)
            # Plain executemany, then ids by number: RETURNING over a batch is far slower.
            insert_rows(session, cast(Table, Customer.__table__), payload)
            numbered = select(Customer.number, Customer.id).where(
                Customer.business_id == ctx.business.id,
                Customer.number.between(first, first + len(cleans) - 1),
            )
            by_number = {number: cid for number, cid in session.execute(numbered)}
            ids = [by_number[first + i] for i in range(len(cleans))]
            if audit_each:
                audit.record_many(
                    session,
                    [
                        {
                            "business_id": ctx.business.id,
                            "actor": ctx.user,
                            "action": "customer_created",
                            "customer_id": cid,
                            "at": now,
                            "changes": _created_changes(clean),
                        }
                        for cid, clean in zip(ids, cleans, strict=True)
                    ],
                )
    except IntegrityError as exc:
        # Another terminal won a race the checks above could not see.
        raise _integrity_error(exc, creating=True) from None
    return [Created(cid, first + i) for i, cid in enumerate(ids)]


def _integrity_error(exc: IntegrityError, *, creating: bool) -> ValidationError:
    text = str(exc.orig).lower()
    if "email" in text:
        return ValidationError(
            {"email": EMAIL_TAKEN_ON_CREATE if creating else EMAIL_TAKEN_ON_EDIT}
        )
    if "consignor_code" in text:
        return ValidationError({"consignor_code": CODE_TAKEN})
    return ValidationError({"customer": "Another terminal saved a conflicting change; try again."})


def create_customer(ctx: Context, values: Mapping[str, object]) -> CustomerRecord:
    try:
        (created,) = create_customers(ctx, [values])
    except RowError as exc:
        raise ValidationError(exc.errors) from None
    return get_customer(ctx, created.number)


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


def _current_values(ctx: Context, row: Customer) -> dict[str, object]:
    values: dict[str, object] = {name: getattr(row, name) for name in PLAIN_FIELDS}
    dob = ctx.store.keys.decrypt(row.date_of_birth)
    values["date_of_birth"] = date.fromisoformat(dob) if dob else None
    values["driver_license"] = ctx.store.keys.decrypt(row.driver_license)
    return values


def update_customer(
    ctx: Context,
    number: int | str,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> CustomerRecord:
    """Change the given fields (a blank value clears one).

    With `expected_version`, the update is refused with ConflictError when someone else saved
    the customer after that version was read; nothing is ever overwritten silently.
    """
    require_customers(ctx)
    try:
        with ctx.store.write() as session:
            row = customer_row(session, ctx, number, lock=True)
            if expected_version is not None and row.version != expected_version:
                raise ConflictError(format_number(row.number), row.updated_by, row.updated_at)
            current = _current_values(ctx, row)
            wanted = dict(changes)
            # The state is only meaningful against a country: check the pair together.
            if "country" in wanted and "state" not in wanted and current.get("state"):
                wanted["state"] = current["state"]
            if "state" in wanted and "country" not in wanted:
                wanted["country"] = current["country"]
            clean = _normalize(ctx, wanted)
            _check_consignment(ctx, clean, current)
            if clean.get("is_consignor") is False and current.get("is_consignor"):
                if _consigned_count(session, row.id):
                    raise ValidationError({"is_consignor": STILL_CONSIGNING})
            changed = audit.diff(current, clean, SENSITIVE)
            if not changed:
                return record_of(row, ctx)
            email = clean.get("email")
            if "email" in changed and isinstance(email, str):
                query = select(Customer.id).where(
                    Customer.business_id == ctx.business.id,
                    Customer.email_key == email_key(email),
                    Customer.id != row.id,
                )
                if session.scalar(query) is not None:
                    raise ValidationError({"email": EMAIL_TAKEN_ON_EDIT})
            code = clean.get("consignor_code")
            if "consignor_code" in changed and isinstance(code, str):
                if _taken_codes(session, ctx, [code], but=row.id):
                    raise ValidationError({"consignor_code": CODE_TAKEN})
            values = _columns(ctx, {k: clean[k] for k in changed})
            if "first_name" in changed or "last_name" in changed:
                merged = current | clean
                values["name_key"] = name_key(str(merged["first_name"]), str(merged["last_name"]))
            result = session.execute(
                update(Customer)
                .where(Customer.id == row.id, Customer.version == row.version)
                .values(
                    **values,
                    updated_at=utcnow(),
                    updated_by=ctx.user,
                    version=row.version + 1,
                )
                .execution_options(synchronize_session=False)
            )
            updated = cast(CursorResult[Any], result).rowcount  # an UPDATE's result has a cursor
            if updated != 1:  # the row lock makes this a can't-happen; stay safe
                session.refresh(row)
                raise ConflictError(format_number(row.number), row.updated_by, row.updated_at)
            audit.record(session, ctx.business.id, ctx.user, "customer_updated", row.id, changed)
            session.flush()
            session.refresh(row)
            return record_of(row, ctx)
    except IntegrityError as exc:
        raise _integrity_error(exc, creating=False) from None


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
        return Editable(_current_values(ctx, row), row.version, _consigned_count(session, row.id))


def _consigned_count(session: Session, customer_id: int) -> int:
    query = select(func.count()).select_from(Item).where(Item.consignor_id == customer_id)
    return int(session.scalar(query) or 0)


def delete_customer(
    ctx: Context, number: int | str, *, expected_version: int | None = None
) -> None:
    """Delete; refused while the customer consigns items. Sold items keep the buyer's name."""
    require_customers(ctx)
    with ctx.store.write() as session:
        row = customer_row(session, ctx, number, lock=True)
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(format_number(row.number), row.updated_by, row.updated_at)
        consigned = _consigned_count(session, row.id)
        if consigned:
            raise RuleError(
                f"{row.first_name} {row.last_name} has {consigned} consigned "
                f"item{'s' if consigned != 1 else ''}, so can't be deleted; "
                "return or reassign them first."
            )
        session.execute(
            update(Item)
            .where(Item.buyer_id == row.id, Item.buyer_name.is_(None))
            .values(buyer_name=f"{row.first_name} {row.last_name}")
            .execution_options(synchronize_session=False)
        )
        changes = audit.diff(_current_values(ctx, row), dict.fromkeys(FIELDS), SENSITIVE)
        changes["number"] = {"old": row.number, "new": None}
        audit.record(session, ctx.business.id, ctx.user, "customer_deleted", row.id, changes)
        session.delete(row)


def reveal_sensitive(ctx: Context, number: int | str) -> Sensitive:
    """Date of birth and driver license in clear; every reveal is written to the audit log."""
    require_customers(ctx)
    with ctx.store.write() as session:
        row = customer_row(session, ctx, number)
        current = _current_values(ctx, row)
        shown = [k for k in sorted(SENSITIVE) if current[k] is not None]
        audit.record(
            session, ctx.business.id, ctx.user, "sensitive_revealed", row.id, {"fields": shown}
        )
        dob = current["date_of_birth"]
        return Sensitive(
            dob if isinstance(dob, date) else None,
            current["driver_license"] if isinstance(current["driver_license"], str) else None,
        )


def customer_count(ctx: Context) -> int:
    with ctx.store.read() as session:
        query = select(func.count()).select_from(Customer)
        return int(session.scalar(query.where(Customer.business_id == ctx.business.id)) or 0)


# What the search index reads of each customer, in SearchRow's order.
SEARCH_COLUMNS = (
    Customer.id,
    Customer.number,
    Customer.first_name,
    Customer.last_name,
    Customer.company,
    Customer.email,
    Customer.phone,
    Customer.mobile_phone,
    Customer.is_consignor,
)


def search_rows(ctx: Context, ids: Iterable[int] | None = None) -> list[SearchRow]:
    """What the search index holds for each customer (never the sensitive fields)."""
    require_customers(ctx)
    region = ctx.business.region
    query = select(*SEARCH_COLUMNS).where(Customer.business_id == ctx.business.id)
    if ids is not None:
        query = query.where(Customer.id.in_(list(ids)))
    with ctx.store.read() as session:
        return [
            SearchRow(
                cid,
                number,
                first,
                last,
                company,
                email,
                format_phone(phone, region) if phone else None,
                format_phone(mobile, region) if mobile else None,
                bool(consignor),
            )
            for cid, number, first, last, company, email, phone, mobile, consignor in (
                session.execute(query)
            )
        ]


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
