"""Creating, changing, selling and deleting items; every change audited, every consigned
sale credited to its consignor's ledger in the same transaction."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from custtui.core.errors import ConflictError, NotFoundError, RuleError, ValidationError
from custtui.core.items.ledger import (
    credit_sale,
    drop_sale_credit,
    require_consignment,
    sale_credit,
)
from custtui.core.items.money import MAX_CENTS, money_text
from custtui.core.items.record import (
    ItemRecord,
    format_item_number,
    item_record,
    item_row,
)
from custtui.core.items.values import ItemValues
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import Business, Customer, Item, utcnow

NOT_A_CONSIGNOR = "That customer is not a consignor: mark them as one (with a code) first."


def _audit_values(item: Item) -> dict[str, object]:
    """The item as the audit log records it: money as decimal text, people by id."""
    return {
        "title": item.title,
        "category": item.category,
        "status": item.status,
        "retail_price": None if item.retail_cents is None else money_text(item.retail_cents),
        "intake_date": item.intake_date,
        "consignor_id": item.consignor_id,
        "commission": None if item.commission_bp is None else item.commission_bp / 100,
        "expiry_date": item.expiry_date,
        "at_expiry": item.at_expiry,
        "sold_price": None if item.sold_cents is None else money_text(item.sold_cents),
        "sale_date": item.sale_date,
        "buyer_id": item.buyer_id,
        "buyer_name": item.buyer_name,
        "returned_on": item.returned_on,
    }


def _changed(before: dict[str, object], row: Item) -> dict[str, Any]:
    return audit.diff(before, _audit_values(row), frozenset())


def _record(
    session: Session,
    ctx: Context,
    action: str,
    item: Item,
    changes: dict[str, Any],
    customer_id: int | None = None,
) -> None:
    changes = {"number": format_item_number(item.number), **changes}
    who = customer_id or item.consignor_id or item.buyer_id
    audit.record(session, ctx.business.id, ctx.user, action, who, changes, item_id=item.id)


def _customer(session: Session, ctx: Context, customer_id: int) -> Customer:
    row = session.scalar(
        select(Customer).where(Customer.business_id == ctx.business.id, Customer.id == customer_id)
    )
    if row is None:
        raise NotFoundError("That customer no longer exists.")
    return row


def _check_money(values: ItemValues) -> None:
    if values.retail_cents is not None and not 0 <= values.retail_cents < MAX_CENTS:
        raise ValidationError({"retail": "Retail price can't be negative."})
    if values.commission_bp is not None and not 0 <= values.commission_bp <= 10_000:
        raise ValidationError({"commission": "Commission is between 0 and 100 %."})


def _apply(session: Session, ctx: Context, row: Item, values: ItemValues) -> None:
    """Set an item's fields from `values`, with the business's consignment defaults."""
    _check_money(values)
    if values.status == "Sold" and row.status != "Sold":
        raise ValidationError({"status": "Mark as Sold sells an item: it asks price and buyer."})
    terms = (values.consignor_id, values.commission_bp, values.expiry_date, values.at_expiry)
    kept = (row.consignor_id, row.commission_bp, row.expiry_date, row.at_expiry)
    if values.consignor_id is not None and terms != kept:
        # Off premium an item keeps the consignment it has; only a new one is refused.
        require_consignment(ctx)
    if values.consignor_id is not None and values.consignor_id != row.consignor_id:
        consignor = _customer(session, ctx, values.consignor_id)
        if not consignor.is_consignor:
            raise ValidationError({"consignor": NOT_A_CONSIGNOR})
    if values.consignor_id is None and (
        values.commission_bp is not None or values.expiry_date or values.at_expiry
    ):
        raise ValidationError(
            {
                "consignor": "Commission, expiry and at-expiry belong to a consigned item: "
                "choose its consignor."
            }
        )
    intake = values.intake_date or row.intake_date or date.today()
    if intake > date.today():
        raise ValidationError({"intake_date": "Intake date can't be in the future."})
    row.title = values.title
    row.category = values.category
    if row.status != "Sold":
        row.status = values.status
    row.retail_cents = values.retail_cents
    row.intake_date = intake
    consigning = values.consignor_id is not None
    if consigning:
        days = ctx.business.consignment_days
        newly = row.consignor_id != values.consignor_id
        row.commission_bp = (
            values.commission_bp
            if values.commission_bp is not None
            else ctx.business.default_commission_bp
        )
        row.expiry_date = values.expiry_date or (
            row.expiry_date if not newly and row.expiry_date else intake + timedelta(days=days)
        )
        row.at_expiry = values.at_expiry or "return"
    else:
        row.commission_bp = row.expiry_date = row.at_expiry = None
    if row.expiry_date is not None and row.expiry_date < intake:
        raise ValidationError({"expiry_date": "Expiry date can't be before the intake date."})
    row.consignor_id = values.consignor_id


def next_numbers(session: Session, ctx: Context, count: int) -> int:
    """Reserve `count` item numbers; the business row's lock makes racing terminals queue."""
    business = session.scalar(
        select(Business).where(Business.id == ctx.business.id).with_for_update()
    )
    assert business is not None
    first = business.next_item_number
    business.next_item_number = first + count
    return first


def create_item(ctx: Context, values: ItemValues) -> ItemRecord:
    with ctx.store.write() as session:
        now = utcnow()
        row = Item(
            business_id=ctx.business.id,
            number=next_numbers(session, ctx, 1),
            status="Collection",
            created_at=now,
            created_by=ctx.user,
            updated_at=now,
            updated_by=ctx.user,
            version=1,
        )
        _apply(session, ctx, row, values)
        session.add(row)
        session.flush()
        new = {k: v for k, v in _audit_values(row).items() if v is not None}
        _record(session, ctx, "item_created", row, audit.diff({}, new, frozenset()))
        return item_record(session, row.id)


def _locked(
    session: Session, ctx: Context, number: int | str, expected_version: int | None
) -> Item:
    row = item_row(session, ctx, number, lock=True)
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(format_item_number(row.number), row.updated_by, row.updated_at, "Item")
    return row


def _touched(row: Item, ctx: Context) -> None:
    row.updated_at = utcnow()
    row.updated_by = ctx.user
    row.version += 1


def update_item(
    ctx: Context, number: int | str, values: ItemValues, *, expected_version: int | None = None
) -> ItemRecord:
    """Replace an item's fields with `values`. A sold item keeps its consignor and terms:
    they made its ledger credit (unsell it to change them)."""
    with ctx.store.write() as session:
        row = _locked(session, ctx, number, expected_version)
        before = _audit_values(row)
        if row.status == "Sold" and (
            values.consignor_id != row.consignor_id
            or (values.consignor_id is not None and values.commission_bp != row.commission_bp)
        ):
            raise ValidationError(
                {
                    "consignor": f"{format_item_number(row.number)} is sold: its consignor and "
                    "commission made its sale's credit. Unsell it to change them."
                }
            )
        _apply(session, ctx, row, values)
        changes = _changed(before, row)
        if changes:
            _touched(row, ctx)
            _record(session, ctx, "item_updated", row, changes)
        return item_record(session, row.id)


def sell_item(
    ctx: Context,
    number: int | str,
    sold_cents: int,
    *,
    sale_date: date | None = None,
    buyer_id: int | None = None,
    expected_version: int | None = None,
) -> ItemRecord:
    """Mark an item sold, to a customer or a walk-in (no buyer); credit its consignor."""
    if not 0 <= sold_cents < MAX_CENTS:
        raise ValidationError({"price": "Sold price can't be negative."})
    sale_date = sale_date or date.today()
    if sale_date > date.today():
        raise ValidationError({"sale_date": "Sale date can't be in the future."})
    with ctx.store.write() as session:
        row = _locked(session, ctx, number, expected_version)
        label = format_item_number(row.number)
        if row.status == "Sold":
            raise RuleError(f"{label} is already sold (on {row.sale_date}).")
        if row.returned_on is not None:
            raise RuleError(f"{label} was returned to its consignor on {row.returned_on}.")
        if sale_date < row.intake_date:
            raise ValidationError({"sale_date": "Sale date can't be before the intake date."})
        # A consigned item sold off premium still credits its consignor: the books stay true
        # for when the business is back on premium.
        buyer_name = None
        if buyer_id is not None:
            if not ctx.business.has_customers:
                raise RuleError(
                    "Buyers are customer records, which need the pro or premium plan; "
                    "sell to a walk-in."
                )
            buyer = _customer(session, ctx, buyer_id)
            buyer_name = f"{buyer.first_name} {buyer.last_name}"
        before = _audit_values(row)
        row.status = "Sold"
        row.sold_cents = sold_cents
        row.sale_date = sale_date
        row.buyer_id = buyer_id
        row.buyer_name = buyer_name
        _touched(row, ctx)
        session.flush()
        if row.consignor_id is not None:
            credit_sale(session, ctx, row)
        _record(session, ctx, "item_sold", row, _changed(before, row))
        return item_record(session, row.id)


def unsell_item(
    ctx: Context, number: int | str, *, expected_version: int | None = None
) -> ItemRecord:
    """Put a sold item back in the shop; refused once its sale was paid out."""
    with ctx.store.write() as session:
        row = _locked(session, ctx, number, expected_version)
        if row.status != "Sold":
            raise RuleError(f"{format_item_number(row.number)} is not sold.")
        drop_sale_credit(session, row)
        before = _audit_values(row)
        row.status = "Collection"
        row.sold_cents = row.sale_date = row.buyer_id = row.buyer_name = None
        _touched(row, ctx)
        _record(
            session,
            ctx,
            "item_unsold",
            row,
            _changed(before, row),
            customer_id=row.consignor_id or before["buyer_id"],  # type: ignore[arg-type]
        )
        return item_record(session, row.id)


def _unsold_consigned(row: Item) -> str:
    label = format_item_number(row.number)
    if row.consignor_id is None:
        raise RuleError(f"{label} is not consigned.")
    if row.status == "Sold":
        raise RuleError(f"{label} is sold.")
    if row.returned_on is not None:
        raise RuleError(f"{label} was already returned on {row.returned_on}.")
    return label


def return_item(
    ctx: Context, number: int | str, *, expected_version: int | None = None
) -> ItemRecord:
    """Hand a consigned item back to its consignor: archived, out of the shop."""
    require_consignment(ctx)
    with ctx.store.write() as session:
        row = _locked(session, ctx, number, expected_version)
        _unsold_consigned(row)
        before = _audit_values(row)
        row.status = "Archived"
        row.returned_on = date.today()
        _touched(row, ctx)
        _record(session, ctx, "item_returned", row, _changed(before, row))
        return item_record(session, row.id)


def keep_item(
    ctx: Context, number: int | str, *, expected_version: int | None = None
) -> ItemRecord:
    """The store keeps an expired consigned item: it becomes the store's own stock."""
    require_consignment(ctx)
    with ctx.store.write() as session:
        row = _locked(session, ctx, number, expected_version)
        _unsold_consigned(row)
        before = _audit_values(row)
        consignor_id = row.consignor_id
        row.consignor_id = row.commission_bp = row.expiry_date = row.at_expiry = None
        _touched(row, ctx)
        _record(
            session,
            ctx,
            "item_kept",
            row,
            _changed(before, row),
            customer_id=consignor_id,
        )
        return item_record(session, row.id)


def delete_item(ctx: Context, number: int | str, *, expected_version: int | None = None) -> None:
    """Delete an item; a sold consigned one stays while its sale is in the ledger."""
    with ctx.store.write() as session:
        row = _locked(session, ctx, number, expected_version)
        label = format_item_number(row.number)
        credit = sale_credit(session, row.id)
        if credit is not None:
            if credit.payout_id is not None:
                raise RuleError(f"{label} was sold and paid out to its consignor, so it stays.")
            raise RuleError(
                f"{label} is sold and its sale is in the consignor's ledger: unsell it first."
            )
        before = {k: v for k, v in _audit_values(row).items() if v is not None}
        _record(session, ctx, "item_deleted", row, audit.diff(before, {}, frozenset()) or {})
        session.delete(row)
