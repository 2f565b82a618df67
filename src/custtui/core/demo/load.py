"""Loads generated demo data through the same services as real input.

Customers, their notes and items go in batches; the shop's own stock (walk-in sales among
it) is spread over the batches, a quarter item per customer; then each consignor's ledger
is written as a clerk would: adjustments, and a payout through a date months back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import cast

from sqlalchemy import Table, insert, select

from custtui.core.customers.service import create_customers
from custtui.core.demo.generate import DemoCustomer, DemoItem, generate_customers, generate_stock
from custtui.core.errors import CusttuiError, RuleError
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.items.ledger import adjust, post_payout
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer, CustomerNote

BATCH = 2000
# The shop's own items (shelf stock and walk-in sales) per customer.
STOCK_PER_CUSTOMER = 0.25
# What `custtui --demo` starts with: enough to feel a real shop, quick to create.
DEMO_CUSTOMERS = 2_000


@dataclass(frozen=True)
class DemoResult:
    customers: int
    notes: int
    items: int
    payouts: int = 0
    adjustments: int = 0


def _item(item: DemoItem, **links: object) -> NewItem:
    bp = int(item.commission_pct * 100) if isinstance(item.commission_pct, Decimal) else None
    return NewItem(
        title=item.title,
        category=item.category,
        status=item.status,
        retail_cents=item.retail_cents,
        sold_cents=item.sold_cents,
        sale_date=item.sale_date,
        commission_bp=bp,
        intake_date=item.intake_date,
        at_expiry=item.at_expiry,
        **links,  # type: ignore[arg-type]
    )


def load_demo(
    ctx: Context,
    count: int,
    *,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    add: bool = False,
) -> DemoResult:
    """Add `count` demo customers with their notes and items, in batches.

    A business that has customers is refused unless `add`; then the demo customers' emails
    and consignor codes steer clear of its own. `progress` is told (customers added,
    `count`) after each batch. An error stops the run saying how many customers it added.
    """
    existing, emails, codes = _store_customers(ctx)
    if existing and not add:
        noun = "customer" if existing == 1 else "customers"
        raise RuleError(
            f"This business already has {existing:,} {noun}; demo data goes into an empty "
            "one. To add demo customers to them, use --add."
        )
    made = notes = items = payouts = adjustments = 0
    stream = generate_customers(count, seed, taken_emails=emails, taken_codes=codes)
    stock = generate_stock(int(count * STOCK_PER_CUSTOMER), seed)
    while batch := list(islice(stream, BATCH)):
        try:
            created = create_customers(ctx, [c.fields for c in batch])
        except CusttuiError as exc:
            # Each batch of customers is one transaction: this one left nothing behind.
            raise CusttuiError(f"Demo data stopped after adding {made:,} customers: {exc}") from exc
        made += len(created)
        note_rows: list[dict[str, object]] = []
        new_items: list[NewItem] = []
        for demo, ref in zip(batch, created, strict=True):
            note_rows.extend(_notes(demo, ref.id))
            name = f"{demo.fields['first_name']} {demo.fields['last_name']}"
            new_items.extend(_item(p, buyer_id=ref.id, buyer_name=name) for p in demo.purchases)
            new_items.extend(_item(c, consignor_id=ref.id) for c in demo.consigned)
        new_items.extend(_item(s) for s in islice(stock, int(len(batch) * STOCK_PER_CUSTOMER)))
        if note_rows:
            with ctx.store.write() as session:
                session.execute(insert(cast(Table, CustomerNote.__table__)), note_rows)
        add_items(ctx, new_items)
        if ctx.business.has_consignment:
            ledgers = [(d, ref.id) for d, ref in zip(batch, created, strict=True) if d.consigned]
            adjustments += _adjust(ctx, ledgers)
            payouts += _pay_out(ctx, ledgers)
        notes += len(note_rows)
        items += len(new_items)
        if progress is not None:
            progress(made, count)
    return DemoResult(made, notes, items, payouts, adjustments)


def _store_customers(ctx: Context) -> tuple[int, list[str], list[str]]:
    """How many customers the business has, and the emails (lower-cased) and consignor
    codes they hold."""
    query = select(Customer.email_key, Customer.consignor_code).where(
        Customer.business_id == ctx.business.id
    )
    with ctx.store.read() as session:
        rows = session.execute(query).all()
    emails = [email for email, _ in rows if email]
    codes = [code for _, code in rows if code]
    return len(rows), emails, codes


def _adjust(ctx: Context, consignors: list[tuple[DemoCustomer, int]]) -> int:
    done = 0
    for demo, consignor_id in consignors:
        for change in demo.adjustments:
            adjust(ctx, consignor_id, change.amount_cents, change.reason, on=change.on)
            done += 1
    return done


def _pay_out(ctx: Context, consignors: list[tuple[DemoCustomer, int]]) -> int:
    done = 0
    for demo, consignor_id in consignors:
        if demo.payout_through is None:
            continue
        try:
            post_payout(ctx, consignor_id, demo.payout_through)
        except RuleError:
            continue  # nothing was owed by that date: no payout, as at the counter
        done += 1
    return done


def ensure_demo(ctx: Context, count: int, *, seed: int = 1) -> DemoResult | None:
    """Fill an empty demo database; a filled one is used as it is."""
    from custtui.core.customers.lookup import customer_count

    if customer_count(ctx):
        return None
    return load_demo(ctx, count, seed=seed)


def _notes(demo: DemoCustomer, customer_id: int) -> list[dict[str, object]]:
    return [
        {
            "customer_id": customer_id,
            "author": note.author,
            "text": note.text,
            "created_at": note.created_at,
            "updated_at": None,
        }
        for note in demo.notes
    ]
