"""Everything the detail screen shows of one customer, read in one go."""

from __future__ import annotations

from dataclasses import dataclass

from custtui.core.customers.history import HistoryEntry, history_of
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
    history: list[HistoryEntry]


def load_profile(ctx: Context, number: int | str) -> Profile:
    require_customers(ctx)
    with ctx.store.read() as session:
        row = customer_row(session, ctx, number)
        customer = record_of(row, ctx)
        consigned: Consignments | None = None
        if ctx.business.has_consignment:
            consigned = consignments_of(session, row.id)
            if not customer.is_consignor and not consigned.count:
                consigned = None
        return Profile(
            customer,
            notes_of(session, row.id),
            purchases_of(session, row.id),
            consigned,
            history_of(session, ctx, row.id),
        )
