"""Changing customers: create (one or a batch), update, delete, reveal. Every entry point goes
through here, so the rules, the uniqueness checks and the audit log are the same for all."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import CursorResult, Table, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from custtui.core.customers.lookup import email_owners_in, get_customer
from custtui.core.customers.record import (
    Created,
    CustomerRecord,
    consigned_count,
    current_values,
    customer_row,
    format_number,
    record_of,
    require_customers,
)
from custtui.core.errors import (
    ConflictError,
    RuleError,
    ValidationError,
)
from custtui.core.fields.catalogue import (
    CATALOGUE,
    CONSIGNMENT_FIELDS,
    FIELDS,
    SENSITIVE,
)
from custtui.core.fields.contact import email_key
from custtui.core.fields.normalize import normalize_customer
from custtui.core.search.sortkeys import name_key
from custtui.core.store import audit
from custtui.core.store.bulk import insert_rows
from custtui.core.store.businesses import Context
from custtui.core.store.models import Business, Customer, Item, utcnow

EMAIL_TAKEN_ON_CREATE = "A customer with this email already exists for this business."
EMAIL_TAKEN_ON_EDIT = "Another customer with this email already exists."
CODE_TAKEN = "Another customer already uses this consignor code."
CONSIGNMENT_NEEDS_PREMIUM = "Consignment needs the premium plan."
STILL_CONSIGNING = "This customer has consigned items, so stays a consignor."


class RowError(ValidationError):
    """A batch row failed: `index` says which one."""

    def __init__(self, index: int, errors: Mapping[str, str]) -> None:
        super().__init__(errors)
        self.index = index


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
    return {field.name: field.default for field in CATALOGUE} | {"email_key": None}


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


def _taken_email_keys(session: Session, ctx: Context, keys: Iterable[str]) -> set[str]:
    return set(email_owners_in(session, ctx, keys))


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
            current = current_values(ctx, row)
            wanted = dict(changes)
            # The state is only meaningful against a country: check the pair together.
            if "country" in wanted and "state" not in wanted and current.get("state"):
                wanted["state"] = current["state"]
            if "state" in wanted and "country" not in wanted:
                wanted["country"] = current["country"]
            clean = _normalize(ctx, wanted)
            _check_consignment(ctx, clean, current)
            if clean.get("is_consignor") is False and current.get("is_consignor"):
                if consigned_count(session, row.id):
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


def delete_customer(
    ctx: Context, number: int | str, *, expected_version: int | None = None
) -> None:
    """Delete; refused while the customer consigns items. Sold items keep the buyer's name."""
    require_customers(ctx)
    with ctx.store.write() as session:
        row = customer_row(session, ctx, number, lock=True)
        if expected_version is not None and row.version != expected_version:
            raise ConflictError(format_number(row.number), row.updated_by, row.updated_at)
        consigned = consigned_count(session, row.id)
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
        changes = audit.diff(current_values(ctx, row), dict.fromkeys(FIELDS), SENSITIVE)
        changes["number"] = {"old": row.number, "new": None}
        audit.record(session, ctx.business.id, ctx.user, "customer_deleted", row.id, changes)
        session.delete(row)
