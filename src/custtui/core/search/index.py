"""The in-memory customer search index behind the list screen and `custtui find`.

What matches is `terms`' rule over `haystack`'s row text; this is the facade that keeps the
parts in step under one lock:

- `layout`: the rows by position, in last-name order (one million in about 200 MB);
- `orders`: per sort key a permutation of positions and a gapped rank per position;
- `cache`: recent queries' matches, patched rather than dropped on upsert and remove;
- `matching`: how a query's matches are found (from the cache, the row sets of `grams`, or
  by testing rows) and how a first page is found without finding every match;
- `tuning`: the cost knobs, one frozen object passed in.

Work that may look at many rows comes in slices (`view_steps`), so that the list screen can
show a first page at once and find every match between keys.
"""

from __future__ import annotations

import threading
from array import array
from collections import deque
from collections.abc import Callable, Generator, Iterable, Sequence
from itertools import compress, islice, repeat

from custtui.core.runtime.steps import finish
from custtui.core.search.cache import ResultCache
from custtui.core.search.grams import Grams
from custtui.core.search.haystack import ASCII_DIGITS, SearchRow, row_text, splits_digits
from custtui.core.search.layout import POS, Layout
from custtui.core.search.matching import Matcher
from custtui.core.search.orders import SORT_KEYS, Orders, SortKey
from custtui.core.search.terms import Query, parse
from custtui.core.search.tuning import SearchTuning
from custtui.core.search.views import IdView, Reversed

__all__ = ["SearchIndex"]

_DEFAULT_TUNING = SearchTuning()


class SearchIndex:
    """All customers of one business, searchable as the user types.

    Thread-safe: the list screen may count in a worker while the UI asks for a page.
    """

    _grams_dirty: set[int] | None

    def __init__(
        self, rows: Iterable[SearchRow] = (), *, tuning: SearchTuning = _DEFAULT_TUNING
    ) -> None:
        self._lock = threading.RLock()
        self._tuning = tuning
        # Bumped by every change: matching in steps starts over if the rows moved under it.
        self._version = 0
        # Bumped by every new layout: row sets built over the old one are worthless.
        self._generation = 0
        layout, self._split_phones = Layout.of_rows(rows)
        self._lay_out(layout)

    def _lay_out(self, layout: Layout) -> None:
        tuning = self._tuning
        self._layout = layout
        self._orders = Orders(layout, tuning.rank_gap)
        self._cache = ResultCache(tuning)
        self._matcher = Matcher(layout, self._orders, self._cache, self._split_phones, tuning)
        self._version += 1
        self._generation += 1
        # While the row sets are being made (see `prepare`), the positions changed meanwhile.
        self._grams_dirty = None

    # ---------------------------------------------------------------- public API

    def __len__(self) -> int:
        return self._layout.alive

    def __contains__(self, customer_id: object) -> bool:
        if not isinstance(customer_id, int):
            return False
        with self._lock:
            pos = self._layout.find(customer_id)
            return pos is not None and bool(self._layout.hay[pos])

    def upsert(self, row: SearchRow) -> None:
        """Add a customer or replace what the index knows of it."""
        hay = row_text(row)
        split = splits_digits(row.phone) or splits_digits(row.mobile_phone)
        with self._lock:
            if split:
                self._split_phones.add(row.id)
            else:
                self._split_phones.discard(row.id)
            layout = self._layout
            pos = layout.find(row.id)
            if pos is None:
                # A new slot starts as a tombstone: counted back below, like a revived one.
                pos = layout.add_slot(row.id, row.number)
                self._orders.grow()
            if layout.hay[pos]:
                self._unlist(pos)
            else:
                layout.dead -= 1
                layout.alive += 1
            self._version += 1
            layout.hay[pos] = hay
            layout.numbers[pos] = row.number
            layout.consignor[pos] = row.is_consignor
            self._enlist(pos)

    def remove(self, customer_id: int) -> None:
        """Forget a customer; removing one the index doesn't hold does nothing."""
        with self._lock:
            layout = self._layout
            pos = layout.find(customer_id)
            if pos is None or not layout.hay[pos]:
                return
            self._unlist(pos)
            self._version += 1
            self._split_phones.discard(customer_id)
            layout.hay[pos] = ""  # an empty haystack matches no term
            layout.consignor[pos] = 0
            layout.alive -= 1
            layout.dead += 1
            if layout.dead > self._tuning.compact_min and layout.dead > layout.alive:
                self._lay_out(layout.compacted())

    def prepare(
        self, *, min_rows: int | None = None, cancelled: Callable[[], bool] = lambda: False
    ) -> bool:
        """Find the row sets of common substrings and digit runs (see `grams`).

        Seconds at a million customers, so call it from a thread once the index is loaded;
        searches give the same answers without the sets, only slower on terms many rows
        hold. `cancelled` is asked every few thousand rows: the build stops when it says so.
        Returns whether the sets are in place: False when another call is building them,
        the build was cancelled, or the rows were laid out anew meanwhile (call again).
        """
        tuning = self._tuning
        with self._lock:
            if self._matcher.grams is not None:
                return True
            if self._grams_dirty is not None:
                return False
            self._grams_dirty = set()
            hay, generation = self._layout.hay, self._generation
            floor = min_rows or max(tuning.gram_min_rows, int(tuning.gram_share * len(self)))

        def alive() -> bool:
            return self._generation == generation and not cancelled()

        try:
            grams: Grams | None = None
            apart = len(hay) >= tuning.grams_apart_rows
            if apart:
                try:
                    grams = tuning.build_sets_apart(hay, floor, alive)
                except (OSError, EOFError, RuntimeError, ValueError):
                    apart = False  # no process of its own: build here, holding the interpreter
            if not apart:
                grams = finish(tuning.build_sets(hay, floor, alive))
        except BaseException:
            with self._lock:
                self._grams_dirty = None
            raise
        with self._lock:
            dirty, self._grams_dirty = self._grams_dirty, None
            if grams is None or self._generation != generation:
                return False
            # Rows changed while the build read them: their sets are made again from now.
            for pos in dirty or ():
                grams.discard(pos)
                if self._layout.hay[pos]:
                    grams.add(pos, self._layout.hay[pos])
            self._matcher.grams = grams
            return True

    @property
    def prepared(self) -> bool:
        return self._matcher.grams is not None

    def search(
        self, query: str, *, consignors_only: bool = False, sort: SortKey = "last_name"
    ) -> list[int]:
        """Ids of every customer matching `query`, in `sort` order."""
        return list(self.view(query, consignors_only=consignors_only, sort=sort))

    def view(
        self, query: str, *, consignors_only: bool = False, sort: SortKey = "last_name"
    ) -> Sequence[int]:
        """`search`'s answer, lazily where it can be.

        In the default order, matching positions already are the order: ids are read from
        them only when asked for (a list draws ~40), instead of building a list of every
        match on each keystroke. The view is a snapshot; later changes don't reach it.
        """
        return finish(self.view_steps(query, consignors_only=consignors_only, sort=sort))

    def view_steps(
        self,
        query: str,
        *,
        consignors_only: bool = False,
        sort: SortKey = "last_name",
        descending: bool = False,
    ) -> Generator[None, None, Sequence[int]]:
        """`view` in slices of at most `SearchTuning.slice` rows: resume it until it returns.

        The caller may do anything between two slices, changes to the index included: a
        change starts the matching over, so the answer describes the rows as they are when
        it is returned. `descending` reads the order back to front, never sorting again.
        """
        if sort not in SORT_KEYS:
            raise ValueError(f"Unknown sort key: {sort!r}")
        terms = parse(query)
        while True:
            with self._lock:
                version = self._version
                steps = self._view_steps(terms, consignors_only, sort)
            while True:
                with self._lock:
                    if self._version != version:
                        break
                    try:
                        next(steps)
                    except StopIteration as done:
                        found: Sequence[int] = done.value
                        return Reversed(found) if descending else found
                yield

    def _view_steps(
        self, terms: Query, consignors_only: bool, sort: SortKey
    ) -> Generator[None, None, Sequence[int]]:
        layout, orders, matcher = self._layout, self._orders, self._matcher
        if sort == "last_name" and orders.in_layout_order:
            if terms:
                positions = array(POS, (yield from matcher.matching(terms, consignors_only)))
            else:
                perm = orders.last_name.perm
                positions = (
                    array(POS, compress(perm, map(layout.consignor.__getitem__, perm)))
                    if consignors_only
                    else array(POS, perm)
                )
            # The ids need no copy: a position's id never changes (new customers are added
            # at new positions, and compacting makes new arrays).
            return IdView(positions, layout.ids)
        order = orders.get(sort)
        step = self._tuning.slice
        wanted: Sequence[int] | None = layout.consignor if consignors_only else None
        if terms:
            matches = yield from matcher.matching(terms, consignors_only)
            few = len(matches) * self._tuning.ranked_search_share < layout.alive
            if few and len(matches) <= step:
                ranked = sorted(matches, key=order.rank.__getitem__)
                return list(map(layout.ids.__getitem__, ranked))
            mask = bytearray(len(layout.hay))
            for start in range(0, len(matches), step):
                deque(map(mask.__setitem__, matches[start : start + step], repeat(1)), 0)
                yield
            wanted = mask
        found: list[int] = []
        perm = order.perm
        for start in range(0, len(perm), step):
            part: Iterable[int] = perm[start : start + step]
            if wanted is not None:
                part = compress(part, map(wanted.__getitem__, part))
            found.extend(map(layout.ids.__getitem__, part))
            yield
        return found

    def rows_to_test(
        self, query: str, *, consignors_only: bool = False, sort: SortKey = "last_name"
    ) -> int:
        """About how many rows `view` would test for `query` (0: the answer is known)."""
        terms = parse(query)
        with self._lock:
            if sort != "last_name" or not self._orders.in_layout_order:
                # Any order but the layout's is read back through every position.
                return len(self)
            if not terms or self._cache.get((terms, consignors_only)) is not None:
                return 0
            # A phone-number term tests each row twice (text, then digits).
            matcher = self._matcher
            tests = 2 if any(matcher.needles(t)[1] is not None for t in terms) else 1
            return tests * matcher.test_cost(terms, consignors_only)

    def first(
        self,
        query: str,
        n: int,
        *,
        consignors_only: bool = False,
        sort: SortKey = "last_name",
        descending: bool = False,
    ) -> list[int]:
        """The first `n` ids of `view`'s answer, without finding every match."""
        if n <= 0:
            return []
        terms = parse(query)
        with self._lock:
            layout, matcher = self._layout, self._matcher
            order = self._orders.get(sort)
            perm = order.perm[::-1] if descending else order.perm  # a copy, not a sort
            if not terms:
                ordered: Iterable[int] = perm
                if consignors_only:
                    ordered = compress(perm, map(layout.consignor.__getitem__, perm))
                return list(map(layout.ids.__getitem__, islice(ordered, n)))
            matches = self._cache.get((terms, consignors_only))
            budget = self._tuning.walk_budget
            if matches is None and matcher.test_cost(terms, consignors_only) > budget:
                # Short terms match densely: walking the sort order finds a page long before
                # a full scan would finish. Clustered matches (e.g. "sm" in last-name order)
                # exhaust the budget and fall through to a full match, except in the layout's
                # own order, where walking on costs no more than the scan would.
                if sort == "last_name" and self._orders.in_layout_order and not descending:
                    budget = len(layout.hay)
                found, complete = matcher.walk(perm, terms, consignors_only, n, budget)
                if complete:
                    return list(map(layout.ids.__getitem__, found))
            if matches is None:
                matches = matcher.matches(terms, consignors_only)
            firsts = matcher.first_of(matches, order, terms, consignors_only, n, descending)
            return list(map(layout.ids.__getitem__, firsts))

    def by_number(self, number: int, *, consignors_only: bool = False) -> int | None:
        """The id of the live customer with this number, if any (an array scan at C speed)."""
        with self._lock:
            layout = self._layout
            start = 0
            while True:
                try:
                    pos = layout.numbers.index(number, start)
                except ValueError:
                    return None
                if layout.hay[pos] and (layout.consignor[pos] or not consignors_only):
                    return layout.ids[pos]
                start = pos + 1  # a removed customer's slot, or not a consignor

    def count(self, query: str, *, consignors_only: bool = False) -> int:
        """How many customers match `query`."""
        terms = parse(query)
        with self._lock:
            layout, matcher, cache = self._layout, self._matcher, self._cache
            if not terms:
                return layout.consignor.count(1) if consignors_only else len(self)
            key = (terms, consignors_only)
            known = cache.bare_count(key)
            if known is not None:
                return known
            if (
                len(terms) == 1
                and not consignors_only
                and matcher.superset(key) is None
                and matcher.test_cost(terms, consignors_only) * 2 > len(layout.hay)
            ):
                # A fresh one-term count: a byte mask counts twice as fast as collecting
                # positions, and positions of most rows would not narrow the next keystroke
                # much better than a scan, so a dense result keeps only its count. A single
                # digit is the exception: it is the only superset a phone-number term can
                # narrow from, and those pay two substring tests per row.
                mask = matcher.scan_mask(terms[0])
                total = mask.count(1)
                dense = total * self._tuning.dense_share > len(layout.hay)
                if dense and terms[0][0] not in ASCII_DIGITS:
                    cache.remember_count(key, total)
                else:
                    cache.remember(key, array(POS, compress(range(len(mask)), mask)))
                return total
            return len(matcher.matches(terms, consignors_only))

    def forget_results(self) -> None:
        """Drop every cached result, as a pasted query (or `custtui find`) starts: for
        benchmarks of a cold search."""
        with self._lock:
            self._cache.clear()

    # ---------------------------------------------------------------- upkeep

    def _unlist(self, pos: int) -> None:
        """Take a live row out of every order, set and cached result, before it changes."""
        if self._matcher.grams is None and self._grams_dirty is not None:
            self._grams_dirty.add(pos)
        self._matcher.unlist(pos)
        self._orders.unlist(pos)

    def _enlist(self, pos: int) -> None:
        """Put a live row into every order, and into the sets and results it matches."""
        if self._matcher.grams is None and self._grams_dirty is not None:
            self._grams_dirty.add(pos)
        self._orders.enlist(pos)
        self._matcher.enlist(pos)
