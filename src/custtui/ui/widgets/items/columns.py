"""The items table's columns: one entry each, and which set a terminal width gets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from custtui.core.items.money import format_money, format_percent
from custtui.core.items.record import ItemRecord

WIDEST = 140
WIDE = 120
NORMAL = 90
# What the expired worklist says to do with each item (from its at_expiry).
TO_DO = {"return": "Return to consignor", "keep": "Store keeps it"}


@dataclass(frozen=True)
class Column:
    title: str
    width: int  # the least it gets
    grow: int  # its share of the room left over
    cell: Callable[[ItemRecord, date], str]
    right: bool = False  # money reads aligned on the right
    alert: Callable[[ItemRecord, date], bool] | None = None  # drawn in the warning style


def _price(item: ItemRecord, today: date) -> str:
    return format_money(item.sold_cents if item.sold else item.retail_cents)


def _consignor(item: ItemRecord, today: date) -> str:
    return item.consignor_code or item.consignor_name or ""


def _expiry(item: ItemRecord, today: date) -> str:
    if item.expiry_date is None or not item.active:
        return ""
    mark = " !" if item.expired(today) else ""
    return f"{item.expiry_date}{mark}"


def _expired(item: ItemRecord, today: date) -> bool:
    return item.expired(today)


def _status(item: ItemRecord, today: date) -> str:
    return "Returned" if item.returned_on is not None else item.status


def _to_do(item: ItemRecord, today: date) -> str:
    return TO_DO.get(item.at_expiry or "", "")


NUMBER = Column("No.", 8, 0, lambda i, _: i.label)
TITLE = Column("Title", 16, 4, lambda i, _: i.title)
CATEGORY = Column("Category", 10, 1, lambda i, _: i.category or "")
STATUS = Column("Status", 10, 0, _status)
PRICE = Column("Price", 11, 0, _price, right=True)
CONSIGNOR = Column("Consignor", 10, 1, _consignor)
BUYER = Column("Buyer", 12, 2, lambda i, _: i.buyer_name or "")
EXPIRY = Column("Expiry", 12, 0, _expiry, alert=_expired)
INTAKE = Column("Intake", 10, 0, lambda i, _: str(i.intake_date))
SOLD_ON = Column("Sold on", 10, 0, lambda i, _: str(i.sale_date or ""))
COMMISSION = Column("Comm.", 5, 0, lambda i, _: format_percent(i.commission_bp), right=True)
TO_DO_COLUMN = Column("At expiry", 19, 0, _to_do)


def columns_for(width: int, *, consignment: bool, worklist: bool) -> tuple[Column, ...]:
    """The columns for a terminal `width` columns wide.

    Pro and free businesses see nothing of consignment; the expired worklist trades the
    sale's columns (none of its items is sold) for what to do with each item.
    """
    if worklist and consignment:
        if width >= WIDE:
            return (NUMBER, TITLE, CATEGORY, PRICE, CONSIGNOR, COMMISSION, EXPIRY, TO_DO_COLUMN)
        if width >= NORMAL:
            return (NUMBER, TITLE, CONSIGNOR, EXPIRY, TO_DO_COLUMN)
        return (NUMBER, TITLE, EXPIRY, TO_DO_COLUMN)
    if width >= WIDEST:
        if consignment:
            return (
                NUMBER,
                TITLE,
                CATEGORY,
                STATUS,
                PRICE,
                CONSIGNOR,
                BUYER,
                INTAKE,
                SOLD_ON,
                EXPIRY,
            )
        return (NUMBER, TITLE, CATEGORY, STATUS, PRICE, BUYER, INTAKE, SOLD_ON)
    if width >= WIDE:
        if consignment:
            return (NUMBER, TITLE, CATEGORY, STATUS, PRICE, CONSIGNOR, BUYER, EXPIRY)
        return (NUMBER, TITLE, CATEGORY, STATUS, PRICE, BUYER, SOLD_ON)
    if width >= NORMAL:
        if consignment:
            return (NUMBER, TITLE, STATUS, PRICE, CONSIGNOR, BUYER)
        return (NUMBER, TITLE, CATEGORY, STATUS, PRICE, BUYER)
    return (NUMBER, TITLE, STATUS, PRICE)


def layout(columns: Sequence[Column], width: int) -> list[int]:
    """Cell widths filling `width`: each column's least, plus its share of what is left."""
    least = sum(c.width + 1 for c in columns) + 1
    spare = max(0, width - least)
    shares = sum(c.grow for c in columns) or 1
    extra = [spare * c.grow // shares for c in columns]
    extra[1] += spare - sum(extra)  # what rounding leaves goes to the title
    return [c.width + e for c, e in zip(columns, extra, strict=True)]
