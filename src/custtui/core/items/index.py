"""The in-memory item index behind the items screen and `custtui items`.

The rule is the customer list's: the query is split on whitespace and every term must be a
case-insensitive, accent-folded substring of one of the item's title, number ("i-000123"),
category, consignor code, buyer's name or consignor's name. Filters (status, consigned,
expired) are byte masks over the same positions. Rows sit in number order, so new items are
appended and the newest-first answer is the matches read backwards.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import and_, contains, eq
from typing import overload

from custtui.core.items.record import STATUSES, ItemRecord
from custtui.core.search.folding import fold
from custtui.core.search.haystack import SEP
from custtui.core.search.terms import parse
from custtui.core.search.views import position

__all__ = ["EVERY", "ItemFilter", "ItemIndex", "ItemView", "item_text"]

_CACHED = 8
# How far a view reads a mask backwards before it makes every position.
_WALKED = 200
# How many items `first` tests before it gives up on filling a page.
_WALK_BUDGET = 10_000
# Narrow a cached answer only when it holds less than 1/_NARROW_SHARE of the rows.
_NARROW_SHARE = 3


def item_text(item: ItemRecord) -> str:
    """The item's searchable text: folded fields joined by a separator no term holds."""
    parts = (
        item.title,
        item.label,
        item.category or "",
        item.consignor_code or "",
        item.buyer_name or "",
        item.consignor_name or "",
    )
    return SEP.join(fold(p) for p in parts)


@dataclass(frozen=True)
class ItemFilter:
    status: str | None = None  # one of STATUSES, or any
    consigned: bool = False  # consigned items only
    expired: bool = False  # consigned items past their expiry, still in the shop
    consignor_id: int | None = None  # one consignor's items only

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"Unknown status: {self.status!r}")

    @property
    def any(self) -> bool:
        return (
            self.status is not None
            or self.consigned
            or self.expired
            or self.consignor_id is not None
        )


EVERY = ItemFilter()


_STATUS_BITS = 0b11
_CONSIGNED = 0b100
_EXPIRED = 0b1000
_LIVE = 0b10000


def _passes(kind: int, wanted: ItemFilter) -> bool:
    return bool(
        kind & _LIVE
        and (wanted.status is None or kind & _STATUS_BITS == STATUSES.index(wanted.status))
        and (not wanted.consigned or kind & _CONSIGNED)
        and (not wanted.expired or kind & _EXPIRED)
    )


def _both(first: bytes, second: bytes) -> bytes:
    """The rows two 0/1 masks both hold, in one big-integer AND (C speed, no per-row loop)."""
    both = int.from_bytes(first, "little") & int.from_bytes(second, "little")
    return both.to_bytes(len(first), "little")


class _Found:
    """Matching rows, as a 0/1 mask (a dense answer: most rows) or ascending positions (a
    sparse one). A mask is counted at C speed and read backwards only as far as a screen
    looks; positions are made from it only when someone reads deeper."""

    __slots__ = ("count", "mask", "_positions")

    def __init__(self, mask: bytes | None = None, positions: array[int] | None = None) -> None:
        self.mask = mask
        self._positions = positions
        if positions is not None:
            self.count = len(positions)
        else:
            assert mask is not None
            self.count = mask.count(1)

    def positions(self) -> array[int]:
        if self._positions is None:
            assert self.mask is not None
            self._positions = array("I", compress(range(len(self.mask)), self.mask))
        return self._positions

    @property
    def has_positions(self) -> bool:
        return self._positions is not None


class ItemView(Sequence[ItemRecord]):
    """Matches, newest first, read from the rows only when asked (a screen draws ~40)."""

    def __init__(self, found: _Found, rows: list[ItemRecord | None]) -> None:
        self._found = found
        self._rows = rows
        # The newest matches found so far by reading the mask backwards.
        self._newest: list[int] = []

    def __len__(self) -> int:
        return self._found.count

    def _position(self, index: int) -> int:
        found = self._found
        if not found.has_positions and index < _WALKED:
            mask, newest = found.mask, self._newest
            assert mask is not None
            end = newest[-1] if newest else len(mask)
            while len(newest) <= index:
                end = mask.rfind(1, 0, end)
                newest.append(end)
            return newest[index]
        positions = found.positions()
        return positions[len(positions) - 1 - index]

    @overload
    def __getitem__(self, index: int) -> ItemRecord: ...
    @overload
    def __getitem__(self, index: slice) -> list[ItemRecord]: ...
    def __getitem__(self, index: int | slice) -> ItemRecord | list[ItemRecord]:
        size = len(self)
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(size))]
        row = self._rows[self._position(position(index, size))]
        assert row is not None
        return row

    def __iter__(self) -> Iterator[ItemRecord]:
        for pos in reversed(self._found.positions()):
            row = self._rows[pos]
            assert row is not None
            yield row


class ItemIndex:
    """Every item of one business, searchable as the user types. Thread-safe."""

    def __init__(self, items: Iterable[ItemRecord] = (), today: date | None = None) -> None:
        self._lock = threading.RLock()
        self.today = today or date.today()
        self._rows: list[ItemRecord | None] = []
        self._hay: list[str] = []
        self._pos: dict[int, int] = {}
        self._alive = 0
        self._masks: dict[ItemFilter, bytes] = {}
        self._kinds = bytearray()
        self._consignors = array("q")
        self._letters: dict[str, bytes] = {}
        self._cache: OrderedDict[tuple[tuple[str, ...], ItemFilter], _Found] = OrderedDict()
        for item in sorted(items, key=lambda i: i.number):
            self._append(item)

    def __len__(self) -> int:
        return self._alive

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._pos

    def get(self, item_id: int) -> ItemRecord | None:
        pos = self._pos.get(item_id)
        return None if pos is None else self._rows[pos]

    def _append(self, item: ItemRecord) -> None:
        self._pos[item.id] = len(self._rows)
        self._rows.append(item)
        self._hay.append(item_text(item))
        self._kinds.append(self._kind(item))
        self._consignors.append(item.consignor_id or 0)
        self._alive += 1

    def _kind(self, item: ItemRecord) -> int:
        """What the filters ask of a row, in one byte: live, status, consigned, expired."""
        return (
            _LIVE
            | STATUSES.index(item.status)
            | (_CONSIGNED if item.consigned else 0)
            | (_EXPIRED if item.expired(self.today) else 0)
        )

    # ---------------------------------------------------------------- changes

    def upsert(self, item: ItemRecord) -> None:
        """Add an item or replace what the index knows of it."""
        with self._lock:
            pos = self._pos.get(item.id)
            last = self._rows[-1] if self._rows else None
            if pos is None and (last is None or last.number < item.number):
                self._append(item)
            elif pos is not None and self._rows[pos] is not None:
                self._rows[pos] = item
                self._hay[pos] = item_text(item)
                self._kinds[pos] = self._kind(item)
                self._consignors[pos] = item.consignor_id or 0
            else:
                # An item older than the newest one (another terminal's, seen late): the
                # rows are put back in number order, which is rare enough to rebuild.
                live = [r for r in self._rows if r is not None and r.id != item.id]
                self.__init__([*live, item], self.today)  # type: ignore[misc]
                return
            self._changed()

    def remove(self, item_id: int) -> None:
        with self._lock:
            pos = self._pos.pop(item_id, None)
            if pos is None:
                return
            self._rows[pos] = None
            self._hay[pos] = ""  # an empty text matches no term
            self._kinds[pos] = 0
            self._consignors[pos] = 0
            self._alive -= 1
            self._changed()

    def _changed(self) -> None:
        self._masks.clear()
        self._cache.clear()
        self._letters.clear()

    # ---------------------------------------------------------------- queries

    def _mask(self, wanted: ItemFilter) -> bytes:
        """1 for each live row the filter lets through: one C-speed translate of the rows'
        kind bytes (see `_kind`)."""
        known = self._masks.get(wanted)
        if known is None:
            table = bytes(int(_passes(kind, wanted)) for kind in range(256))
            known = bytes(self._kinds.translate(table))
            if wanted.consignor_id is not None:
                theirs = map(eq, self._consignors, repeat(wanted.consignor_id))
                known = bytes(map(and_, known, theirs))
            self._masks[wanted] = known
        return known

    def search(self, query: str, wanted: ItemFilter = EVERY) -> ItemView:
        """The items matching `query` and the filter, newest first."""
        terms = tuple(t for t, _ in parse(query))
        with self._lock:
            return ItemView(self._found(terms, wanted), self._rows)

    def known(self, query: str, wanted: ItemFilter = EVERY) -> ItemView | None:
        """`search`'s answer when it costs no scan (cached, or no terms), else None."""
        terms = tuple(t for t, _ in parse(query))
        with self._lock:
            if terms and (terms, wanted) not in self._cache:
                return None
            return ItemView(self._found(terms, wanted), self._rows)

    def first(self, query: str, wanted: ItemFilter = EVERY, n: int = 40) -> list[ItemRecord]:
        """The newest matches, at most `n`, found by walking back from the newest item: a
        page of a common term long before a scan of every item ends. The walk stops after
        `_WALK_BUDGET` items, so a rare term may give fewer than exist (`search` has all)."""
        terms = tuple(t for t, _ in parse(query))
        with self._lock:
            mask, hay, rows = self._mask(wanted), self._hay, self._rows
            page: list[ItemRecord] = []
            for pos in range(len(hay) - 1, max(-1, len(hay) - 1 - _WALK_BUDGET), -1):
                if mask[pos] and all(term in hay[pos] for term in terms):
                    row = rows[pos]
                    assert row is not None
                    page.append(row)
                    if len(page) == n:
                        break
            return page

    def count(self, wanted: ItemFilter = EVERY) -> int:
        """How many items pass the filter, whatever the query."""
        with self._lock:
            return self._mask(wanted).count(1) if wanted.any else self._alive

    def _found(self, terms: tuple[str, ...], wanted: ItemFilter) -> _Found:
        key = (terms, wanted)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached
        hay, rest = self._hay, list(terms)
        found: _Found
        positions = self._narrowest(terms, wanted)
        if positions is None:
            found = _Found(mask=self._mask(wanted))
            # While most rows are left, a term is one pass over every text, ANDed in; the
            # longest term first, as it leaves fewest.
            while rest and found.count * _NARROW_SHARE >= len(hay):
                assert found.mask is not None
                found = _Found(mask=_both(found.mask, self._term_mask(rest.pop(0))))
            if rest:
                positions = found.positions()
        if positions is not None:
            for term in rest:
                texts = map(hay.__getitem__, positions)
                positions = array("I", compress(positions, map(contains, texts, repeat(term))))
            found = _Found(positions=positions)
        self._cache[key] = found
        if len(self._cache) > _CACHED:
            self._cache.popitem(last=False)
        return found

    def _term_mask(self, term: str) -> bytes:
        """1 for each row holding `term`, tested at C speed; a one-letter term's rows are
        kept, since every query starts with one."""
        mask = self._letters.get(term)
        if mask is None:
            mask = bytes(map(contains, self._hay, repeat(term)))
            if len(term) == 1:
                self._letters[term] = mask
        return mask

    def _narrowest(self, terms: tuple[str, ...], wanted: ItemFilter) -> array[int] | None:
        """The positions of the smallest few cached matches sure to hold every match now
        (typing narrows); None when no cached answer is few enough to beat a scan."""
        best: _Found | None = None
        for (cached_terms, cached_filter), found in self._cache.items():
            if cached_filter != wanted and cached_filter.any:
                continue
            if found.count * _NARROW_SHARE >= len(self._hay):
                continue  # testing most rows through their positions costs more than a scan
            if not all(any(c in t for t in terms) for c in cached_terms):
                continue
            if best is None or found.count < best.count:
                best = found
                best_filter = cached_filter
        if best is None:
            return None
        positions = best.positions()
        if best_filter != wanted:
            mask = self._mask(wanted)
            positions = array("I", compress(positions, map(mask.__getitem__, positions)))
        return positions
