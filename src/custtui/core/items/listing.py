"""Items for the items screen and `custtui items`: the index, loaded from the store."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from custtui.core.items.index import EVERY, ItemFilter, ItemIndex, ItemView
from custtui.core.items.record import ItemRecord, item_record, record_query, records
from custtui.core.search.views import count_line
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import AuditEvent, Item

ITEM_EVENTS = frozenset(a for a in audit.ACTIONS if a.startswith("item_"))


def load_item_index(ctx: Context, today: date | None = None) -> tuple[ItemIndex, int]:
    """Every item of the business, and the audit event id the index is current with."""
    with ctx.store.read() as session:
        last_event = session.scalar(
            select(func.coalesce(func.max(AuditEvent.id), 0)).where(
                AuditEvent.business_id == ctx.business.id
            )
        )
        query = record_query().where(Item.business_id == ctx.business.id).order_by(Item.number)
        return ItemIndex(records(session, query), today), int(last_event or 0)


def item_count_line(view: ItemView, index: ItemIndex, query: str, wanted: ItemFilter) -> str:
    """`12 of 38 items` while filtering (a query or a filter), `38 items` when not."""
    filtering = bool(query.strip()) or wanted.any
    return count_line(len(view), len(index), filtering, "item")


def changed_items(ctx: Context, since_event: int) -> tuple[list[ItemRecord], set[int], int]:
    """Items changed by events after `since_event` (other terminals' too): the fresh
    records, the ids deleted, and the newest event id seen."""
    with ctx.store.read() as session:
        events = audit.events_since(session, ctx.business.id, since_event, limit=5000)
        newest = max((e.id for e in events), default=since_event)
        touched = {e.item_id for e in events if e.item_id is not None}
        fresh: list[ItemRecord] = []
        gone: set[int] = set()
        for item_id in touched:
            found = records(session, record_query().where(Item.id == item_id))
            if found:
                fresh.append(found[0])
            else:
                gone.add(item_id)
        return fresh, gone, newest


def find_items(
    ctx: Context, query: str, wanted: ItemFilter = EVERY, today: date | None = None
) -> tuple[ItemView, str]:
    """`custtui items`: the matches, newest first, and the count line."""
    index, _ = load_item_index(ctx, today)
    view = index.search(query, wanted)
    return view, item_count_line(view, index, query, wanted)


def refreshed(ctx: Context, index: ItemIndex, item_id: int) -> ItemRecord:
    """Re-read one item into the index after a change made here."""
    with ctx.store.read() as session:
        item = item_record(session, item_id)
    index.upsert(item)
    return item


__all__ = [
    "ITEM_EVENTS",
    "changed_items",
    "find_items",
    "item_count_line",
    "load_item_index",
    "refreshed",
]
