"""Many items in one transaction: how demo data fills a store with 100,000 of them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from sqlalchemy import Table, insert

from custtui.core.errors import ValidationError
from custtui.core.items.money import MAX_CENTS, consignor_cents, money_text
from custtui.core.items.record import STATUSES, format_item_number
from custtui.core.items.service import next_numbers
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import Item, LedgerEntry, utcnow


@dataclass(frozen=True)
class NewItem:
    """An item to insert in bulk, sold or not (demo data, imports of past sales)."""

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
    intake_date: date | None = None
    expiry_date: date | None = None
    at_expiry: str | None = None


def _check_new(item: NewItem) -> None:
    errors: dict[str, str] = {}
    if not item.title.strip():
        errors["title"] = "Title is required."
    if item.status not in STATUSES:
        errors["status"] = "Status is one of Collection, Wishlist, Archived, Sold."
    if item.status == "Sold" and (item.sold_cents is None or item.sale_date is None):
        errors["sold_price"] = "A sold item needs a sold price and a sale date."
    for name in ("retail_cents", "sold_cents"):
        value = getattr(item, name)
        if value is not None and not 0 <= value < MAX_CENTS:
            errors[name] = "A price can't be negative."
    if item.commission_bp is not None and not 0 <= item.commission_bp <= 10_000:
        errors["commission"] = "Commission is between 0 and 100 %."
    if errors:
        raise ValidationError(errors)


def add_items(ctx: Context, items: Sequence[NewItem]) -> int:
    """Insert many items in one transaction, with the consignors' credits for sold ones.

    The rules of `create_item` and `sell_item` without a round trip per item: how demo data
    fills a store with 100,000 items. Returns the first new number (0 when none).
    """
    for item in items:
        _check_new(item)
    if not items:
        return 0
    with ctx.store.write() as session:
        first = next_numbers(session, ctx, len(items))
        now = utcnow()
        business = ctx.business
        payload: list[dict[str, object]] = []
        for offset, item in enumerate(items):
            intake = item.intake_date or item.sale_date or date.today()
            consigned = item.consignor_id is not None
            payload.append(
                {
                    "business_id": business.id,
                    "number": first + offset,
                    "title": item.title.strip(),
                    "category": item.category,
                    "status": item.status,
                    "retail_cents": item.retail_cents,
                    "intake_date": intake,
                    "sold_cents": item.sold_cents,
                    "sale_date": item.sale_date,
                    "buyer_id": item.buyer_id,
                    "buyer_name": item.buyer_name,
                    "consignor_id": item.consignor_id,
                    "commission_bp": (
                        (
                            item.commission_bp
                            if item.commission_bp is not None
                            else business.default_commission_bp
                        )
                        if consigned
                        else None
                    ),
                    "expiry_date": (
                        item.expiry_date or intake + timedelta(days=business.consignment_days)
                        if consigned
                        else None
                    ),
                    "at_expiry": (item.at_expiry or "return") if consigned else None,
                    "created_at": now,
                    "created_by": ctx.user,
                    "updated_at": now,
                    "updated_by": ctx.user,
                    "version": 1,
                }
            )
        table = cast(Table, Item.__table__)
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        ids = session.execute(statement, payload).scalars().all()
        credits = [
            {
                "business_id": business.id,
                "consignor_id": values["consignor_id"],
                "kind": "sale",
                "amount_cents": consignor_cents(
                    cast(int, values["sold_cents"]), cast(int, values["commission_bp"])
                ),
                "entry_date": values["sale_date"],
                "item_id": item_id,
                "created_at": now,
                "created_by": ctx.user,
            }
            for values, item_id in zip(payload, ids, strict=True)
            if values["status"] == "Sold" and values["consignor_id"] is not None
        ]
        if credits:
            session.execute(insert(cast(Table, LedgerEntry.__table__)), credits)
        audit.record_many(session, list(_events(ctx, payload, ids)))
        return first


def _events(
    ctx: Context, payload: list[dict[str, object]], ids: Sequence[int]
) -> Iterator[dict[str, object]]:
    """Each item's history starts as `create_item` and `sell_item` would have begun it."""
    for values, item_id in zip(payload, ids, strict=True):
        number = format_item_number(cast(int, values["number"]))
        base = {
            "business_id": ctx.business.id,
            "actor": ctx.user,
            "customer_id": values["consignor_id"] or values["buyer_id"],
            "item_id": item_id,
            "at": values["created_at"],
        }
        title = {"old": None, "new": values["title"]}
        yield base | {"action": "item_created", "changes": {"number": number, "title": title}}
        if values["status"] == "Sold":
            price = money_text(cast(int, values["sold_cents"]))
            sold = {"number": number, "sold_price": {"old": None, "new": price}}
            yield base | {"action": "item_sold", "changes": sold}
