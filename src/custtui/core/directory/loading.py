"""The one way from the store to a search index: the list's directory and `custtui find` both
come here, so that they match the same customers for every query (SPEC "Screens" -> "List").

Phones go in as stored (E.164): formatting every one would dominate loading, and the digit
rule and the raw text match what people type; rows format only when drawn.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, Result, select

from custtui.core.customers.record import require_customers
from custtui.core.errors import CusttuiError
from custtui.core.search.haystack import SearchRow
from custtui.core.search.index import SearchIndex
from custtui.core.search.tuning import SearchTuning
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer

__all__ = [
    "LoadCancelled",
    "load_index",
    "never",
    "read_index",
    "return_freed_memory",
    "search_row",
    "until",
]

_DEFAULT_TUNING = SearchTuning()

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


def never() -> bool:
    return False


class LoadCancelled(CusttuiError):
    """Loading stopped early on request: there is no directory."""


def load_index(
    ctx: Context, *, tuning: SearchTuning = _DEFAULT_TUNING, cancelled: Callable[[], bool] = never
) -> SearchIndex:
    """Every customer of the business, searchable: what `custtui find` searches."""
    require_customers(ctx)
    with ctx.store.read() as session:
        return read_index(session.connection(), ctx.business.id, tuning, cancelled)


def read_index(
    connection: Connection,
    business_id: int,
    tuning: SearchTuning = _DEFAULT_TUNING,
    cancelled: Callable[[], bool] = never,
) -> SearchIndex:
    """The business's customers in an index, read on `connection` (Core rows, not ORM ones:
    plain columns either way, and at 1M ~3 s sooner). Raises `LoadCancelled` once
    `cancelled` says so."""
    searched = connection.execute(
        select(*SEARCH_COLUMNS)
        .where(Customer.business_id == business_id)
        .execution_options(yield_per=5000)
    )
    return SearchIndex((search_row(row) for row in until(searched, cancelled)), tuning=tuning)


def search_row(row: Sequence[object]) -> SearchRow:
    """What the index holds of a row starting with `SEARCH_COLUMNS`."""
    cid, number, first, last, company, email, phone, mobile, consignor = row[:9]
    return SearchRow(
        cid,  # type: ignore[arg-type]
        number,  # type: ignore[arg-type]
        first,  # type: ignore[arg-type]
        last,  # type: ignore[arg-type]
        company,  # type: ignore[arg-type]
        email,  # type: ignore[arg-type]
        phone or None,  # type: ignore[arg-type]
        mobile or None,  # type: ignore[arg-type]
        bool(consignor),
    )


def until(result: Result[*tuple[Any, ...]], cancelled: Callable[[], bool]) -> Iterator[Any]:
    """The rows of `result`, asking `cancelled` at every batch the database hands over."""
    for batch in result.partitions():
        if cancelled():
            raise LoadCancelled("Loading the customers was cancelled.")
        yield from batch


def return_freed_memory() -> None:
    """Hand what loading freed back to the system: glibc keeps it (~15 MB at 1M rows)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to do
        return
    trim(0)
