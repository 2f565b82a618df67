"""Every customer of a business held in memory: the search index plus what a list row shows.

The list screen filters and draws from here, so a keystroke never waits on the database.
Changes made elsewhere (another terminal, the command line) arrive through the audit log:
`poll()` reads only the events since the last look and reloads only the customers they name.
"""

from __future__ import annotations

import ctypes
import threading
import typing
import zlib
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, islice
from typing import Any

from sqlalchemy import ColumnElement, Result, String, case, cast, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute

from custtui.core.customers.service import SEARCH_COLUMNS, NamedCustomer, require_customers
from custtui.core.errors import CusttuiError
from custtui.core.search.haystack import SearchRow
from custtui.core.search.index import SearchIndex
from custtui.core.search.orders import SortKey
from custtui.core.search.tuning import SearchTuning
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import AuditEvent, Customer

_SEP = "\x1f"
_COLUMNS = (
    *SEARCH_COLUMNS,
    Customer.street,
    Customer.city,
    Customer.state,
    Customer.postal_code,
    Customer.country,
)
# Beyond this many events since the last look, one full reload is cheaper than patching.
_PATCH_LIMIT = 2000
# On PostgreSQL an event can commit after one with a higher id: look back this far again.
_OVERLAP = 200
_SEARCH_TUNING = SearchTuning()


def _display_sql(region: str) -> ColumnElement[str]:
    """The `_display` text, concatenated by the database."""
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
        case((Customer.is_consignor, "1"), else_=""),
    ]  # fmt: skip
    text = typing.cast(ColumnElement[str], parts[0])  # the number's SQL cast, an element
    for part in parts[1:]:
        text = text + sep + part
    return text


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
    country: str
    is_consignor: bool

    @property
    def initials(self) -> str:
        return (self.first_name[:1] + self.last_name[:1]).upper()

    @property
    def place(self) -> str:
        """City and state (or country when abroad): the short address of a list row."""
        return ", ".join(p for p in (self.city, self.state) if p)

    @property
    def full_address(self) -> str:
        parts = (self.street, self.city, " ".join(p for p in (self.state, self.postal_code) if p))
        return ", ".join(p for p in parts if p)


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
            select(*_COLUMNS)
            .where(Customer.business_id == ctx.business.id)
            .order_by(order, Customer.number)
            .limit(limit)
        ).all()
    region = ctx.business.region
    return FirstPage(
        tuple(_decode(row[0], Directory._encode(row, region)[1]) for row in rows),
        int(total or 0),
    )


def _decode(customer_id: int, text: str) -> ListRow:
    offset, first, last, company, email, phone, mobile, street, city, state, postal, country, \
        consignor = text.split(_SEP)  # fmt: skip
    return ListRow(
        customer_id, customer_id + int(offset), first, last, company, email, phone, mobile,
        street, city, state, postal, country, bool(consignor),
    )  # fmt: skip


# Bytes UTF-8 never holds (not even for a lone surrogate), so they can't clash with any text.
_END = b"\xff"  # between the rows of a block
_GONE = b"\xfe"  # the row of an id the block's range holds but the load didn't have
_WINDOW = 1 << 15  # deflate reaches back at most 32 KiB: a longer preset dictionary is wasted


class DisplayRows:
    """Display text by customer id, zlib-compressed, without an object per customer.

    Loaded rows sit in blocks of `BLOCK` consecutive ids, each block deflated on its own
    against one preset dictionary sampled from the first rows: at 1M demo customers the rows
    take ~44 MB where plain UTF-8 took ~117, and reading one inflates only its block (~7 us).
    The last `CACHED` blocks read stay inflated, so a page in id order inflates each block
    once and scrolling back inflates nothing. Changes since the load go to a small dict.
    """

    # Chosen by bench/display_rows.py at 1M (rows() of 40 random ids, p50): 16 ids a block
    # take 40-43 MB but 0.61-0.66 ms; 8 ids a block 0.51 ms. Level 3 keeps those 8 under
    # 45 MB (level 2: ~46) at ~3 s of deflating; level 6 saves 1.2 MB more for 1.5 s more.
    BLOCK = 8  # ids per block: a random id inflates this many rows
    LEVEL = 3
    CHUNK = 256  # deflated blocks kept together as one bytes
    CACHED = 128  # inflated blocks kept: a page of 40 random ids, and the page before it
    SAMPLE = 4096  # first rows the dictionary is taken from (every 13th, up to 32 KiB)

    def __init__(self) -> None:
        self._keys = array("q")  # customer id // BLOCK of each block, ascending
        self._ends = array("I")  # end of each deflated block within its chunk
        self._chunks: list[bytes] = []
        self._preset = b""
        self._cache: OrderedDict[int, list[bytes]] = OrderedDict()
        self._lock = threading.Lock()  # the cache only: reads may come from any thread
        self._changed: dict[int, str | None] = {}

    @classmethod
    def load(cls, rows: Iterable[tuple[int, str]]) -> DisplayRows:
        """Rows by ascending id, as the database hands them out."""
        loaded = cls()
        rows = iter(rows)
        head = list(islice(rows, cls.SAMPLE))
        sample = (text.encode("utf-8", "surrogatepass") for _, text in head[::13])
        loaded._preset = _END.join(sample)[-_WINDOW:]
        # Raw deflate (negative wbits): no header or checksum spent on every small block.
        deflate = zlib.compressobj(cls.LEVEL, zlib.DEFLATED, -15, zdict=loaded._preset)
        deflated: list[bytes] = []
        for block in loaded._blocks(chain(head, rows)):
            one = deflate.copy()  # primed with the dictionary: far cheaper than priming anew
            deflated.append(one.compress(block) + one.flush())
            if len(deflated) == cls.CHUNK:
                loaded._add_chunk(deflated)
                deflated = []
        if deflated:
            loaded._add_chunk(deflated)
        return loaded

    def _blocks(self, rows: Iterable[tuple[int, str]]) -> Iterator[bytes]:
        """The text of each block in turn, noting each block's key."""
        size = self.BLOCK
        keys = self._keys
        texts: list[bytes] = []
        key = last = None
        for cid, text in rows:
            if last is not None and cid <= last:
                raise ValueError("display rows must load in ascending id order")
            last = cid
            block, at = divmod(cid, size)
            if block != key:
                if texts:
                    yield _END.join(texts)
                    texts = []
                keys.append(block)
                key = block
            if at > len(texts):
                texts.extend([_GONE] * (at - len(texts)))
            texts.append(text.encode("utf-8", "surrogatepass"))
        if texts:
            yield _END.join(texts)

    def _add_chunk(self, deflated: list[bytes]) -> None:
        self._ends.extend(accumulate(map(len, deflated)))
        self._chunks.append(b"".join(deflated))

    def get(self, customer_id: int) -> str | None:
        changed = self._changed
        if changed and customer_id in changed:
            return changed[customer_id]
        key, at = divmod(customer_id, self.BLOCK)
        texts = self._block(key)
        if texts is None or at >= len(texts) or texts[at] == _GONE:
            return None
        return texts[at].decode("utf-8", "surrogatepass")

    def _block(self, key: int) -> list[bytes] | None:
        """The rows of the block `key`, inflated (or from the cache); None when not loaded."""
        cache = self._cache
        with self._lock:
            texts = cache.get(key)
            if texts is not None:
                cache.move_to_end(key)
                return texts
        keys = self._keys
        # Ids without gaps put a block at its key's distance from the first: no search.
        i = key - keys[0] if keys else -1
        if not (0 <= i < len(keys) and keys[i] == key):
            i = bisect_left(keys, key)
            if i == len(keys) or keys[i] != key:
                return None
        chunk, at = divmod(i, self.CHUNK)
        start = self._ends[i - 1] if at else 0
        deflated = self._chunks[chunk][start : self._ends[i]]
        texts = zlib.decompressobj(-15, zdict=self._preset).decompress(deflated).split(_END)
        with self._lock:
            cache[key] = texts
            if len(cache) > self.CACHED:
                cache.popitem(last=False)
        return texts

    def __setitem__(self, customer_id: int, text: str) -> None:
        self._changed[customer_id] = text

    def __delitem__(self, customer_id: int) -> None:
        self._changed[customer_id] = None  # ids are never reused


def _never() -> bool:
    return False


class LoadCancelled(CusttuiError):
    """Loading stopped early on request: there is no directory."""


def _until(result: Result[*tuple[Any, ...]], cancelled: Callable[[], bool]) -> Iterator[Any]:
    """The rows of `result`, asking `cancelled` at every batch the database hands over."""
    for batch in result.partitions():
        if cancelled():
            raise LoadCancelled("Loading the customers was cancelled.")
        yield from batch


def _return_freed_memory() -> None:
    """Hand what loading freed back to the system: glibc keeps it (~15 MB at 1M rows)."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to do
        return
    trim(0)


class Directory:
    def __init__(self, ctx: Context, *, tuning: SearchTuning = _SEARCH_TUNING) -> None:
        self.ctx = ctx
        self.tuning = tuning
        self.index = SearchIndex(tuning=tuning)
        # One joined string per customer: far lighter than a tuple of ten strings.
        self._rows = DisplayRows()
        self.last_event_id = 0
        self._seen: set[int] = set()

    @classmethod
    def load(
        cls,
        ctx: Context,
        cancelled: Callable[[], bool] = _never,
        *,
        tuning: SearchTuning = _SEARCH_TUNING,
    ) -> Directory:
        """Every customer of the business; `cancelled` is asked every few thousand rows, and
        the load stops with `LoadCancelled` once it says so (the app is quitting)."""
        directory = cls(ctx, tuning=tuning)
        directory.reload(cancelled)
        return directory

    def __len__(self) -> int:
        return len(self.index)

    def prepare_search(self, cancelled: Callable[[], bool] = _never) -> bool:
        """Find the row sets that make common terms instant (slow: call from a thread)."""
        prepared = self.index.prepare(cancelled=cancelled)
        _return_freed_memory()  # what carried the sets over from their process
        return prepared

    @property
    def search_prepared(self) -> bool:
        return self.index.prepared

    def reload(self, cancelled: Callable[[], bool] = _never) -> None:
        require_customers(self.ctx)
        with self.ctx.store.read() as session:
            # The event mark first: a change landing during the read is seen again next poll.
            last = int(
                session.scalar(
                    select(func.max(AuditEvent.id)).where(
                        AuditEvent.business_id == self.ctx.business.id
                    )
                )
                or 0
            )
            seen = set(
                session.scalars(
                    select(AuditEvent.id).where(
                        AuditEvent.business_id == self.ctx.business.id,
                        AuditEvent.id > last - _OVERLAP,
                    )
                )
            )
            business = Customer.business_id == self.ctx.business.id
            # Two passes: the index from the searched columns, then the display text built
            # by the database itself, so each row arrives as the one string that stays.
            # Nothing short-lived is allocated between the long-lived strings, and the heap
            # can hand the loading space back (RSS about a third lower). Both read Core rows,
            # not ORM ones: plain columns either way, and at 1M ~3 s sooner.
            connection = session.connection()
            searched = connection.execute(
                select(*_COLUMNS[:9]).where(business).execution_options(yield_per=5000)
            )
            index = SearchIndex(
                (self._search_row(row) for row in _until(searched, cancelled)), tuning=self.tuning
            )
            shown = connection.execute(
                select(Customer.id, _display_sql(self.ctx.business.region))
                .where(business)
                .order_by(Customer.id)
                .execution_options(yield_per=5000)
            )
            rows = DisplayRows.load(_until(shown, cancelled))
        self.last_event_id = last
        self._seen = seen
        self.index = index
        self._rows = rows
        _return_freed_memory()

    @staticmethod
    def _search_row(row: Sequence[object]) -> SearchRow:
        # Phones as stored (E.164): formatting every one would dominate loading; the digit
        # rule and the raw text match what people type, and rows format only when drawn.
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

    @staticmethod
    def _display(row: Sequence[object], region: str) -> str:
        cid, number, first, last, company, email, phone, mobile, consignor = row[:9]
        street, city, state, postal, country = row[9:14]
        shown_country = "" if country == region else country
        offset = typing.cast(int, number) - typing.cast(int, cid)  # as `_display_sql` has it
        return _SEP.join(
            str(v) if v is not None else ""
            for v in (
                offset, first, last, company, email, phone, mobile, street, city, state,
                postal, shown_country, "1" if consignor else "",
            )
        )  # fmt: skip

    @classmethod
    def _encode(cls, row: Sequence[object], region: str) -> tuple[SearchRow, str]:
        return cls._search_row(row), cls._display(row, region)

    def row(self, customer_id: int) -> ListRow | None:
        text = self._rows.get(customer_id)
        return None if text is None else _decode(customer_id, text)

    def rows(self, ids: Iterable[int]) -> list[ListRow]:
        return [r for r in map(self.row, ids) if r is not None]

    def search(
        self, query: str, *, consignors_only: bool = False, sort: SortKey = "last_name"
    ) -> Sequence[int]:
        """Matching ids in list order, as a lazy view where the index can give one."""
        return self.index.view(query, consignors_only=consignors_only, sort=sort)

    def search_steps(
        self, query: str, *, consignors_only: bool = False, sort: SortKey = "last_name"
    ) -> Generator[None, None, Sequence[int]]:
        """`search` in slices: resume it until it returns (see `SearchIndex.view_steps`)."""
        return self.index.view_steps(query, consignors_only=consignors_only, sort=sort)

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
            if len(fresh) > _PATCH_LIMIT or any(e.action == "customers_imported" for e in fresh):
                return Pending(reload=Directory.load(self.ctx, tuning=self.tuning))
            named = {e.customer_id for e in fresh if e.customer_id is not None}
            rows: Sequence[Sequence[object]] = []
            if named:
                rows = session.execute(
                    select(*_COLUMNS).where(
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
            search_row, text = self._encode(row, region)
            self.index.upsert(search_row)
            self._rows[search_row.id] = text
            present.add(search_row.id)
        removed = {i for i in pending.named - present if self._rows.get(i) is not None}
        for cid in removed:
            self.index.remove(cid)
            del self._rows[cid]
        return Changes(frozenset(present), frozenset(removed))
