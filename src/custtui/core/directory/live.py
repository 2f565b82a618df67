"""Every customer of a business held in memory: the search index plus what a list row shows.

The list screen filters and draws from here, so a keystroke never waits on the database.
Changes made elsewhere (another terminal, the command line) arrive through the audit log:
`poll()` reads only the events since the last look and reloads only the customers they name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from custtui.core.customers.record import require_customers
from custtui.core.directory.display_rows import DisplayRows, RowsTuning
from custtui.core.directory.list_rows import (
    LIST_COLUMNS,
    ListRow,
    decode,
    display_sql,
    display_text,
)
from custtui.core.directory.loading import (
    never,
    read_index,
    return_freed_memory,
    search_row,
    until,
)
from custtui.core.runtime.steps import finish
from custtui.core.search.index import SearchIndex
from custtui.core.search.orders import SortKey
from custtui.core.search.tuning import SearchTuning
from custtui.core.search.views import Pinned
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import AuditEvent, Customer

__all__ = ["Changes", "Directory", "Pending", "number_asked"]

# Beyond this many events since the last look, one full reload is cheaper than patching.
_PATCH_LIMIT = 2000
# On PostgreSQL an event can commit after one with a higher id: look back this far again.
_OVERLAP = 200
# What the ledger records names a consignor, but changes nothing the list shows.
_NOT_ROWS = frozenset({"payout_posted", "payout_undone", "ledger_adjusted"})
_SEARCH_TUNING = SearchTuning()
# "C-000123", "c-12", "C12", "#12": a customer number as the list shows it, or as a clerk
# writes it; the "C" or "#" makes it one (bare digits are a phone search).
_NUMBER_QUERY = re.compile(r"^\s*(?:c-?|#)\s*(\d{1,9})\s*$", re.IGNORECASE)
_ROWS_TUNING = RowsTuning()


def number_asked(query: str) -> int | None:
    """The customer number `query` names (`C-000049`, `c-49`, `C49`, `c49`, `#49`), or None."""
    match = _NUMBER_QUERY.match(query)
    return (int(match.group(1)) or None) if match else None


@dataclass(frozen=True)
class Changes:
    """What `poll()` found: customers added or changed, customers gone, or a full reload."""

    changed: frozenset[int] = frozenset()
    removed: frozenset[int] = frozenset()
    reloaded: bool = False

    def __bool__(self) -> bool:
        return bool(self.changed or self.removed or self.reloaded)


@dataclass(frozen=True)
class Pending:
    """Changes read from the store, not yet applied to the directory."""

    event_ids: tuple[int, ...] = ()
    named: frozenset[int] = frozenset()
    rows: tuple[Sequence[object], ...] = ()
    reload: Directory | None = None


class Directory:
    def __init__(
        self,
        ctx: Context,
        *,
        tuning: SearchTuning = _SEARCH_TUNING,
        rows_tuning: RowsTuning = _ROWS_TUNING,
    ) -> None:
        self.ctx = ctx
        self.tuning = tuning
        self.rows_tuning = rows_tuning
        self.index = SearchIndex(tuning=tuning)
        # One joined string per customer: far lighter than a tuple of ten strings.
        self._rows = DisplayRows(rows_tuning)
        self.last_event_id = 0
        self._seen: set[int] = set()

    @classmethod
    def load(
        cls,
        ctx: Context,
        cancelled: Callable[[], bool] = never,
        *,
        tuning: SearchTuning = _SEARCH_TUNING,
        rows_tuning: RowsTuning = _ROWS_TUNING,
    ) -> Directory:
        """Every customer of the business; `cancelled` is asked every few thousand rows, and
        the load stops with `LoadCancelled` once it says so (the app is quitting)."""
        directory = cls(ctx, tuning=tuning, rows_tuning=rows_tuning)
        directory.reload(cancelled)
        return directory

    def __len__(self) -> int:
        return len(self.index)

    def prepare_search(self, cancelled: Callable[[], bool] = never) -> bool:
        """Find the row sets that make common terms instant (slow: call from a thread)."""
        prepared = self.index.prepare(cancelled=cancelled)
        return_freed_memory()  # what carried the sets over from their process
        return prepared

    @property
    def search_prepared(self) -> bool:
        return self.index.prepared

    def reload(self, cancelled: Callable[[], bool] = never) -> None:
        require_customers(self.ctx)
        business_id = self.ctx.business.id
        with self.ctx.store.read() as session:
            # The event mark first: a change landing during the read is seen again next poll.
            last = int(
                session.scalar(
                    select(func.max(AuditEvent.id)).where(AuditEvent.business_id == business_id)
                )
                or 0
            )
            seen = set(
                session.scalars(
                    select(AuditEvent.id).where(
                        AuditEvent.business_id == business_id,
                        AuditEvent.id > last - _OVERLAP,
                    )
                )
            )
            # Two passes: the index from the searched columns (as `custtui find` reads it),
            # then the display text built by the database itself, so each row arrives as the
            # one string that stays. Nothing short-lived is allocated between the long-lived
            # strings, and the heap can hand the loading space back (RSS about a third lower).
            connection = session.connection()
            index = read_index(connection, business_id, self.tuning, cancelled)
            shown = connection.execute(
                select(Customer.id, display_sql(self.ctx.business.region))
                .where(Customer.business_id == business_id)
                .order_by(Customer.id)
                .execution_options(yield_per=5000)
            )
            rows = DisplayRows.load(until(shown, cancelled), self.rows_tuning)
        self.last_event_id = last
        self._seen = seen
        self.index = index
        self._rows = rows
        return_freed_memory()

    def row(self, customer_id: int) -> ListRow | None:
        text = self._rows.get(customer_id)
        return None if text is None else decode(customer_id, text)

    def rows(self, ids: Iterable[int]) -> list[ListRow]:
        return [r for r in map(self.row, ids) if r is not None]

    def search(
        self,
        query: str,
        *,
        consignors_only: bool = False,
        sort: SortKey = "last_name",
        descending: bool = False,
    ) -> Sequence[int]:
        """Matching ids in list order, as a lazy view where the index can give one; a query
        that names a customer number (see `number_asked`) has that customer first."""
        return finish(
            self.search_steps(
                query, consignors_only=consignors_only, sort=sort, descending=descending
            )
        )

    def search_steps(
        self,
        query: str,
        *,
        consignors_only: bool = False,
        sort: SortKey = "last_name",
        descending: bool = False,
    ) -> Generator[None, None, Sequence[int]]:
        """`search` in slices: resume it until it returns (see `SearchIndex.view_steps`)."""
        found = yield from self.index.view_steps(
            query, consignors_only=consignors_only, sort=sort, descending=descending
        )
        numbered = self._numbered(query, consignors_only)
        return found if numbered is None else Pinned(numbered, found)

    def first(
        self,
        query: str,
        n: int,
        *,
        consignors_only: bool = False,
        sort: SortKey = "last_name",
        descending: bool = False,
    ) -> list[int]:
        """The first `n` of `search`, without finding every match (the palette's jump, the
        first page of a big shop's list)."""
        found = self.index.first(
            query, n, consignors_only=consignors_only, sort=sort, descending=descending
        )
        numbered = self._numbered(query, consignors_only)
        if numbered is None or n <= 0:
            return found
        return [numbered, *(cid for cid in found if cid != numbered)][:n]

    def pick(self, query: str, n: int, *, consignors_only: bool = False) -> list[int]:
        """A picker's matches (Mark as Sold's buyer, an item's consignor): the first `n` of
        the list's search, except that a customer number names that customer alone (no
        searched text holds one, so a picker need not scan every customer for it)."""
        if number_asked(query) is None:
            return self.index.first(query, n, consignors_only=consignors_only)
        numbered = self._numbered(query, consignors_only)
        return [numbered] if numbered is not None else []

    def _numbered(self, query: str, consignors_only: bool) -> int | None:
        """The customer whose number `query` names, if it is one and that customer is listed."""
        number = number_asked(query)
        if number is None:
            return None
        return self.index.by_number(number, consignors_only=consignors_only)

    def poll(self) -> Changes:
        """Fetch and apply in one go (for callers without a UI thread to protect)."""
        return self.apply(self.fetch_changes())

    def fetch_changes(self) -> Pending:
        """Read what changed since the last look. Reads only: safe in a worker thread."""
        since = max(0, self.last_event_id - _OVERLAP)
        with self.ctx.store.read() as session:
            events = audit.events_since(
                session, self.ctx.business.id, since, limit=_PATCH_LIMIT + _OVERLAP
            )
            fresh = [e for e in events if e.id not in self._seen]
            if not fresh:
                return Pending()
            # Item and ledger events name a customer but change no row of the list.
            named_by = [e for e in fresh if e.item_id is None and e.action not in _NOT_ROWS]
            if len(named_by) > _PATCH_LIMIT or any(
                e.action == "customers_imported" for e in named_by
            ):
                reload = Directory.load(self.ctx, tuning=self.tuning, rows_tuning=self.rows_tuning)
                return Pending(reload=reload)
            named = {e.customer_id for e in named_by if e.customer_id is not None}
            rows: Sequence[Sequence[object]] = []
            if named:
                rows = session.execute(
                    select(*LIST_COLUMNS).where(
                        Customer.business_id == self.ctx.business.id,
                        Customer.id.in_(list(named)),
                    )
                ).all()
        return Pending(tuple(e.id for e in fresh), frozenset(named), tuple(rows))

    def apply(self, pending: Pending) -> Changes:
        """Apply fetched changes. Mutates the index: call it where the index is read."""
        if pending.reload is not None:
            fresh = pending.reload
            self.index, self._rows = fresh.index, fresh._rows
            self.last_event_id, self._seen = fresh.last_event_id, fresh._seen
            return Changes(reloaded=True)
        if not pending.event_ids:
            return Changes()
        self._seen.update(pending.event_ids)
        self.last_event_id = max(self.last_event_id, *pending.event_ids)
        self._seen = {i for i in self._seen if i > self.last_event_id - _OVERLAP}
        region = self.ctx.business.region
        present: set[int] = set()
        for row in pending.rows:
            found = search_row(row)
            self.index.upsert(found)
            self._rows[found.id] = display_text(row, region)
            present.add(found.id)
        removed = {i for i in pending.named - present if self._rows.get(i) is not None}
        for cid in removed:
            self.index.remove(cid)
            del self._rows[cid]
        return Changes(frozenset(present), frozenset(removed))
