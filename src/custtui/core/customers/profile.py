"""Everything the detail screen shows of one customer, read in one go."""

from __future__ import annotations

from dataclasses import dataclass

from custtui.core.customers.history import HistoryEntry, count_history, history_of
from custtui.core.customers.notes import Note, notes_of
from custtui.core.customers.record import CustomerRecord, customer_row, record_of, require_customers
from custtui.core.items.customer_items import Consignments, Purchases, consignments_of, purchases_of
from custtui.core.store.businesses import Context


@dataclass(frozen=True)
class Profile:
    customer: CustomerRecord
    notes: list[Note]
    purchases: Purchases
    # None when the panel is not shown: not premium, or neither a consignor nor consigning.
    consignments: Consignments | None
    # Newest first; None when read without it: a long-served customer's thousands of events
    # would hold back the detail screen's first paint, so the screen reads them just after.
    history: list[HistoryEntry] | None
    history_count: int


def load_profile(ctx: Context, number: int | str, *, with_history: bool = True) -> Profile:
    require_customers(ctx)
    with ctx.store.read() as session:
        row = customer_row(session, ctx, number)
        customer = record_of(row, ctx)
        consigned: Consignments | None = None
        if ctx.business.has_consignment:
            consigned = consignments_of(session, row.id)
            if not customer.is_consignor and not consigned.count:
                consigned = None
        history = history_of(session, ctx, row.id) if with_history else None
        return Profile(
            customer,
            notes_of(session, row.id),
            purchases_of(session, row.id),
            consigned,
            history,
            len(history) if history is not None else count_history(session, ctx, row.id),
        )
