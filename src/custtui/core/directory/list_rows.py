"""What a list row shows, and its text: one joined string per customer, made by the database
on a load (`display_sql`) and in Python on a change (`display_text`), read back by `decode`.
The first page comes straight from the database, in the index's order.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, String, case, cast, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute

from custtui.core.customers.record import NamedCustomer, require_customers
from custtui.core.directory.loading import SEARCH_COLUMNS
from custtui.core.places import address_line
from custtui.core.search import views
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer

__all__ = [
    "LIST_COLUMNS",
    "FirstPage",
    "ListRow",
    "decode",
    "display_sql",
    "display_text",
    "first_page",
]

_SEP = "\x1f"
# What a list row is made of: the searched columns, then the address.
LIST_COLUMNS = (
    *SEARCH_COLUMNS,
    Customer.street,
    Customer.city,
    Customer.state,
    Customer.postal_code,
    Customer.country,
    Customer.customer_since,
    Customer.active,
    Customer.on_hold,
)


@dataclass(frozen=True, slots=True)
class ListRow(NamedCustomer):
    id: int
    number: int
    first_name: str
    last_name: str
    company: str
    email: str
    phone: str
    mobile_phone: str
    street: str
    city: str
    state: str
    postal_code: str
    country: str  # blank when it is the business's own
    is_consignor: bool
    since: str  # the year the customer has been one since ("2019"), or blank
    active: bool = True
    on_hold: bool = False

    @property
    def initials(self) -> str:
        return (self.first_name[:1] + self.last_name[:1]).upper()

    def place(self, region: str) -> str:
        """The town (and the country when abroad): the short address of a list row."""
        return address_line(None, self.city, self.state, None, self.country, home_country=region)

    @property
    def badges(self) -> tuple[str, ...]:
        """What sets this customer apart, in words: inactive, on hold, consignor."""
        flags = ((not self.active, "inactive"), (self.on_hold, "on hold"),
                 (self.is_consignor, "consignor"))  # fmt: skip
        return tuple(word for flag, word in flags if flag)


def display_sql(region: str) -> ColumnElement[str]:
    """The `display_text`, concatenated by the database."""
    sep = literal(_SEP)
    parts: list[ColumnElement[str] | InstrumentedAttribute[str]] = [
        # The number as its distance from the id: the two climb together, so a block of
        # rows repeats one short value where it had a different six digits on each row
        # (3 MB less at 1M, compressed).
        cast(Customer.number - Customer.id, String),
        Customer.first_name,
        Customer.last_name,
        *(
            func.coalesce(column, "")
            for column in (
                Customer.company, Customer.email, Customer.phone, Customer.mobile_phone,
                Customer.street, Customer.city, Customer.state, Customer.postal_code,
            )
        ),
        case((Customer.country == region, ""), else_=Customer.country),
        # The year alone: all the list shows (a whole date took ~3 MB more at 1M rows).
        func.coalesce(func.substr(cast(Customer.customer_since, String), 1, 4), ""),
        # One letter a flag that is set, so the common row (active, nothing else) adds nothing.
        case((Customer.is_consignor, "c"), else_="")
        + case((Customer.active, ""), else_="i")
        + case((Customer.on_hold, "h"), else_=""),
    ]  # fmt: skip
    text = typing.cast(ColumnElement[str], parts[0])  # the number's SQL cast, an element
    for part in parts[1:]:
        text = text + sep + part
    return text


def display_text(row: Sequence[object], region: str) -> str:
    """The text of a row of `LIST_COLUMNS`, as `display_sql` has the database make it."""
    cid, number, first, last, company, email, phone, mobile, consignor = row[:9]
    street, city, state, postal, country, since, active, on_hold = row[9:17]
    shown_country = "" if country == region else country
    offset = typing.cast(int, number) - typing.cast(int, cid)
    flags = ("c" if consignor else "") + ("" if active else "i") + ("h" if on_hold else "")
    shown_since = f"{since.year:04d}" if isinstance(since, date) else since
    return _SEP.join(
        str(v) if v is not None else ""
        for v in (
            offset, first, last, company, email, phone, mobile, street, city, state,
            postal, shown_country, shown_since, flags,
        )
    )  # fmt: skip


def decode(customer_id: int, text: str) -> ListRow:
    offset, first, last, company, email, phone, mobile, street, city, state, postal, country, \
        since, flags = text.split(_SEP)  # fmt: skip
    return ListRow(
        customer_id, customer_id + int(offset), first, last, company, email, phone, mobile,
        street, city, state, postal, country, "c" in flags, since, "i" not in flags, "h" in flags,
    )  # fmt: skip


@dataclass(frozen=True)
class FirstPage:
    """The top of the list, read straight from the database while the directory loads."""

    rows: tuple[ListRow, ...]
    total: int

    def row(self, customer_id: int) -> ListRow | None:
        return next((r for r in self.rows if r.id == customer_id), None)


def first_page(ctx: Context, limit: int) -> FirstPage:
    """The first `limit` customers in last-name order, from the stored name key's index."""
    require_customers(ctx)
    order: ColumnElement[str] | InstrumentedAttribute[str | None] = Customer.name_key
    if ctx.store.engine.dialect.name == "postgresql":
        order = order.collate("C")  # code-point order, as the in-memory index sorts
    with ctx.store.read() as session:
        total = session.scalar(
            select(func.count())
            .select_from(Customer)
            .where(Customer.business_id == ctx.business.id)
        )
        rows = session.execute(
            select(*LIST_COLUMNS)
            .where(Customer.business_id == ctx.business.id)
            .order_by(order, Customer.number)
            .limit(limit)
        ).all()
    region = ctx.business.region
    return FirstPage(
        tuple(decode(row[0], display_text(row, region)) for row in rows), int(total or 0)
    )


def count_line(shown: int, total: int, filtering: bool) -> str:
    """The count under the list's filter, which `custtui find` ends with too."""
    return views.count_line(shown, total, filtering, "customer")
