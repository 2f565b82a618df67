"""One customer's items: what they bought, and what they consigned with what they are owed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from custtui.core.items.ledger import balance_of
from custtui.core.items.record import ItemRecord, record_query, records
from custtui.core.store.models import Item


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
    returned: list[ItemRecord]
    active_value_cents: int
    sold_proceeds_cents: int
    commission_cents: int
    balance_cents: int

    @property
    def count(self) -> int:
        return len(self.active) + len(self.sold) + len(self.returned)


def purchases_of(session: Session, customer_id: int) -> Purchases:
    """What the customer bought, newest sale first, with the panel's summary figures."""
    query = (
        record_query()
        .where(Item.buyer_id == customer_id, Item.status == "Sold")
        .order_by(Item.sale_date.desc(), Item.id.desc())
    )
    items = records(session, query)
    dates = [i.sale_date for i in items if i.sale_date]
    return Purchases(
        items,
        len(items),
        sum(i.sold_cents or 0 for i in items),
        min(dates) if dates else None,
        max(dates) if dates else None,
    )


def consignments_of(session: Session, customer_id: int) -> Consignments:
    """What the customer consigned: in the shop, sold, handed back; and the balance owed."""
    query = record_query().where(Item.consignor_id == customer_id).order_by(Item.id.desc())
    items = records(session, query)
    active = [i for i in items if i.active]
    sold = [i for i in items if i.sold]
    returned = [i for i in items if i.returned_on is not None]
    sold.sort(key=lambda i: (i.sale_date or date.min, i.id), reverse=True)
    return Consignments(
        active,
        sold,
        returned,
        sum(i.retail_cents or 0 for i in active),
        sum(i.sold_cents or 0 for i in sold),
        sum(i.commission_cents or 0 for i in sold),
        balance_of(session, customer_id),
    )
