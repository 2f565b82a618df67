"""Items: what customers bought and what consignors brought in. Money in integer cents."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from sqlalchemy import Executable, Table, insert, select
from sqlalchemy.orm import Session

from custtui.core.customers.record import customer_row, require_customers
from custtui.core.errors import ValidationError
from custtui.core.store.businesses import Context
from custtui.core.store.models import Item, utcnow

STATUSES = ("Collection", "Wishlist", "Archived", "Sold")
ACTIVE_STATUSES = ("Collection", "Wishlist", "Archived")


@dataclass(frozen=True)
class NewItem:
    title: str
    category: str | None = None
    status: str = "Collection"
    retail_cents: int | None = None
    sold_cents: int | None = None
    sale_date: date | None = None
    buyer_id: int | None = None
    buyer_name: str | None = None
    consignor_id: int | None = None
    commission_bp: int | None = None


@dataclass(frozen=True)
class ItemRecord:
    id: int
    title: str
    category: str | None
    status: str
    retail_cents: int | None
    sold_cents: int | None
    sale_date: date | None
    buyer_id: int | None
    buyer_name: str | None
    consignor_id: int | None
    commission_bp: int | None

    @property
    def commission_cents(self) -> int | None:
        if self.sold_cents is None or self.commission_bp is None:
            return None
        return int((Decimal(self.sold_cents) * self.commission_bp / 10_000).to_integral_value())


# An ItemRecord's fields as columns: read as plain rows, a profile with a thousand items
# skips building (and tracking) a thousand ORM objects.
_RECORD_COLUMNS = (
    Item.id,
    Item.title,
    Item.category,
    Item.status,
    Item.retail_cents,
    Item.sold_cents,
    Item.sale_date,
    Item.buyer_id,
    Item.buyer_name,
    Item.consignor_id,
    Item.commission_bp,
)


def _records(session: Session, query: Executable) -> list[ItemRecord]:
    return [ItemRecord(*row) for row in session.execute(query)]


def _check(item: NewItem) -> None:
    errors: dict[str, str] = {}
    if not item.title.strip():
        errors["title"] = "Title is required."
    if item.status not in STATUSES:
        errors["status"] = "Status is one of Collection, Wishlist, Archived, Sold."
    if item.status == "Sold" and (item.sold_cents is None or item.sale_date is None):
        errors["sold_price"] = "A sold item needs a sold price and a sale date."
    for name in ("retail_cents", "sold_cents"):
        value = getattr(item, name)
        if value is not None and value < 0:
            errors[name] = "A price can't be negative."
    if item.commission_bp is not None and not 0 <= item.commission_bp <= 10_000:
        errors["commission"] = "Commission is between 0 and 100 %."
    if errors:
        raise ValidationError(errors)


def add_items(ctx: Context, items: Sequence[NewItem]) -> None:
    """Insert many items in one transaction (demo data, imports)."""
    for item in items:
        _check(item)
    if not items:
        return
    now = utcnow()
    rows = [
        {
            "business_id": ctx.business.id,
            "title": item.title.strip(),
            "category": item.category,
            "status": item.status,
            "retail_cents": item.retail_cents,
            "sold_cents": item.sold_cents,
            "sale_date": item.sale_date,
            "buyer_id": item.buyer_id,
            "buyer_name": item.buyer_name,
            "consignor_id": item.consignor_id,
            "commission_bp": item.commission_bp,
            "created_at": now,
            "updated_at": now,
        }
        for item in items
    ]
    with ctx.store.write() as session:
        session.execute(insert(cast(Table, Item.__table__)), rows)


@dataclass(frozen=True)
class Purchases:
    items: list[ItemRecord]
    count: int
    total_cents: int
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True)
class Consignments:
    active: list[ItemRecord]
    sold: list[ItemRecord]
    active_value_cents: int
    sold_proceeds_cents: int
    commission_cents: int


def purchases_of(session: Session, customer_id: int) -> Purchases:
    """What the customer bought, newest sale first, with the panel's summary figures."""
    query = (
        select(*_RECORD_COLUMNS)
        .where(Item.buyer_id == customer_id, Item.status == "Sold")
        .order_by(Item.sale_date.desc(), Item.id.desc())
    )
    items = _records(session, query)
    dates = [i.sale_date for i in items if i.sale_date]
    return Purchases(
        items,
        len(items),
        sum(i.sold_cents or 0 for i in items),
        min(dates) if dates else None,
        max(dates) if dates else None,
    )


def consignments_of(session: Session, customer_id: int) -> Consignments:
    """What the customer consigned: active items and sold ones, with the summary figures."""
    query = (
        select(*_RECORD_COLUMNS).where(Item.consignor_id == customer_id).order_by(Item.id.desc())
    )
    items = _records(session, query)
    active = [i for i in items if i.status in ACTIVE_STATUSES]
    sold = [i for i in items if i.status == "Sold"]
    sold.sort(key=lambda i: (i.sale_date or date.min, i.id), reverse=True)
    return Consignments(
        active,
        sold,
        sum(i.retail_cents or 0 for i in active),
        sum(i.sold_cents or 0 for i in sold),
        sum(i.commission_cents or 0 for i in sold),
    )


def purchases(ctx: Context, number: int | str) -> Purchases:
    require_customers(ctx)
    with ctx.store.read() as session:
        return purchases_of(session, customer_row(session, ctx, number).id)


def consignments(ctx: Context, number: int | str) -> Consignments:
    require_customers(ctx)
    with ctx.store.read() as session:
        return consignments_of(session, customer_row(session, ctx, number).id)


def format_money(cents: int | None) -> str:
    """`$1,234.50`; blank when unknown. Prices are never negative (see _check)."""
    if cents is None:
        return ""
    return f"${cents // 100:,}.{cents % 100:02d}"


def format_percent(basis_points: int | None) -> str:
    """`20%`, `12.5%`; blank when unknown."""
    if basis_points is None:
        return ""
    text = f"{Decimal(basis_points) / 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"
