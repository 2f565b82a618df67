"""An item as screens and commands see it, read with its buyer's and consignor's names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from custtui.core.errors import NotFoundError
from custtui.core.items.money import commission_cents, consignor_cents
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer, Item

STATUSES = ("Collection", "Wishlist", "Archived", "Sold")
ACTIVE_STATUSES = ("Collection", "Wishlist", "Archived")
AT_EXPIRY = ("return", "keep")
AT_EXPIRY_LABELS = {"return": "Return to the consignor", "keep": "The store keeps it"}

_NUMBER = re.compile(r"^\s*(?:i-?)?0*(\d{1,9})\s*$", re.IGNORECASE)


def format_item_number(number: int) -> str:
    return f"I-{number:06d}"


def parse_item_number(text: str | int) -> int:
    """`I-000123`, `i123` and `123` all name item 123."""
    match = _NUMBER.match(str(text))
    if not match or int(match.group(1)) == 0:
        raise NotFoundError(f"{text!r} is not an item number (like I-000123).")
    return int(match.group(1))


@dataclass(frozen=True, slots=True)
class ItemRecord:
    id: int
    number: int
    title: str
    category: str | None
    status: str
    retail_cents: int | None
    intake_date: date
    sold_cents: int | None
    sale_date: date | None
    buyer_id: int | None
    # Kept on the item: a purchase still names its buyer after the buyer's record is deleted.
    buyer_name: str | None
    consignor_id: int | None
    commission_bp: int | None
    expiry_date: date | None
    at_expiry: str | None
    returned_on: date | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str
    version: int
    buyer_number: int | None = None
    consignor_number: int | None = None
    consignor_name: str | None = None
    consignor_code: str | None = None

    @property
    def label(self) -> str:
        return format_item_number(self.number)

    @property
    def consigned(self) -> bool:
        return self.consignor_id is not None

    @property
    def sold(self) -> bool:
        return self.status == "Sold"

    @property
    def active(self) -> bool:
        """In the shop: not sold, not handed back."""
        return self.status in ACTIVE_STATUSES and self.returned_on is None

    def expired(self, today: date) -> bool:
        """A consigned item still in the shop after its expiry date."""
        return (
            self.consigned
            and self.active
            and self.expiry_date is not None
            and self.expiry_date < today
        )

    @property
    def commission_cents(self) -> int | None:
        if self.sold_cents is None or self.commission_bp is None:
            return None
        return commission_cents(self.sold_cents, self.commission_bp)

    @property
    def consignor_cents(self) -> int | None:
        """What the sale credits the consignor (None unless a consigned item is sold)."""
        if not self.consigned or self.sold_cents is None:
            return None
        return consignor_cents(self.sold_cents, self.commission_bp or 0)


_BUYER = aliased(Customer)
_CONSIGNOR = aliased(Customer)
# An ItemRecord's fields as columns: read as plain rows, a profile with a thousand items
# skips building (and tracking) a thousand ORM objects.
RECORD_COLUMNS: tuple[Any, ...] = (
    Item.id,
    Item.number,
    Item.title,
    Item.category,
    Item.status,
    Item.retail_cents,
    Item.intake_date,
    Item.sold_cents,
    Item.sale_date,
    Item.buyer_id,
    Item.buyer_name,
    Item.consignor_id,
    Item.commission_bp,
    Item.expiry_date,
    Item.at_expiry,
    Item.returned_on,
    Item.created_at,
    Item.created_by,
    Item.updated_at,
    Item.updated_by,
    Item.version,
    _BUYER.number,
    _CONSIGNOR.number,
    (_CONSIGNOR.first_name + " " + _CONSIGNOR.last_name),
    _CONSIGNOR.consignor_code,
)


def record_query() -> Select[Any]:
    """Items with their buyer's number and their consignor's number, name and code."""
    return (
        select(*RECORD_COLUMNS)
        .outerjoin(_BUYER, _BUYER.id == Item.buyer_id)
        .outerjoin(_CONSIGNOR, _CONSIGNOR.id == Item.consignor_id)
    )


def records(session: Session, query: Select[Any]) -> list[ItemRecord]:
    return [ItemRecord(*row) for row in session.execute(query)]


def item_row(session: Session, ctx: Context, number: int | str, *, lock: bool = False) -> Item:
    query = select(Item).where(
        Item.business_id == ctx.business.id, Item.number == parse_item_number(number)
    )
    if lock:
        query = query.with_for_update()
    row = session.scalar(query)
    if row is None:
        raise NotFoundError(f"No item {format_item_number(parse_item_number(number))}.")
    return row


def item_record(session: Session, item_id: int) -> ItemRecord:
    found = records(session, record_query().where(Item.id == item_id))
    if not found:
        raise NotFoundError("That item no longer exists.")
    return found[0]


def get_item(ctx: Context, number: int | str) -> ItemRecord:
    with ctx.store.read() as session:
        return item_record(session, item_row(session, ctx, number).id)
