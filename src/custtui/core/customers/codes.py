"""Consignor codes: a free one to suggest for a new consignor, and the codes of a few customers
(the list's rows don't carry them, and a picker shows them beside each match)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from custtui.core.customers.record import require_customers
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer
from custtui.core.text import fold

CODE_MAX = 6


def initials_of(first: str, last: str) -> str:
    """ "AB" for Ann Baker; letters and digits only (a code allows nothing else)."""
    letters = [next((c for c in fold(part) if c.isalnum()), "") for part in (first, last)]
    return "".join(letters).upper()


def suggest_consignor_code(ctx: Context, first: str, last: str) -> str:
    """The initials and the lowest number no customer's code has yet: AB1, AB2, …"""
    require_customers(ctx)
    initials = initials_of(first, last) or "C"
    with ctx.store.read() as session:
        taken = set(
            session.scalars(
                select(Customer.consignor_code).where(
                    Customer.business_id == ctx.business.id,
                    Customer.consignor_code.like(f"{initials[0]}%"),
                )
            )
        )
    # Past AB9999, the first initial alone leaves room for a longer number.
    for prefix in dict.fromkeys((initials, initials[0])):
        n = 1
        while f"{prefix}{n}" in taken:
            n += 1
        if len(f"{prefix}{n}") <= CODE_MAX:
            return f"{prefix}{n}"
    return ""


def consignor_codes(ctx: Context, ids: Iterable[int]) -> dict[int, str]:
    """Consignor code by customer id, for those of `ids` that have one."""
    wanted = list(ids)
    if not wanted:
        return {}
    with ctx.store.read() as session:
        rows = session.execute(
            select(Customer.id, Customer.consignor_code).where(
                Customer.business_id == ctx.business.id,
                Customer.id.in_(wanted),
                Customer.consignor_code.is_not(None),
            )
        )
        return {cid: code for cid, code in rows if code}
