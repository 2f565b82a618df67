"""Finding the rows that match a query, the cheapest way the index knows.

From a cached result the query refines, from the row sets of the substrings many rows share
(see `grams`), or by testing rows at C speed: `str.__contains__` mapped over a stretch of
the layout. Work that may look at many rows comes in slices (generators that yield between
two), so that the list screen can show a first page at once and find every match between
keys.
"""

from __future__ import annotations

import heapq
from array import array
from collections.abc import Generator, Sequence
from itertools import compress, repeat
from operator import contains, or_

from pyroaring import BitMap

from custtui.core.runtime.steps import finish
from custtui.core.search.cache import Key, ResultCache
from custtui.core.search.grams import Grams
from custtui.core.search.haystack import DECODE, DIGITS
from custtui.core.search.layout import POS, Layout
from custtui.core.search.orders import Order, Orders
from custtui.core.search.terms import Query, Term
from custtui.core.search.tuning import SearchTuning

__all__ = ["Matcher"]


class Matcher:
    """Matches queries against one layout; the caller holds the index's lock throughout."""

    __slots__ = (
        "grams",
        "_layout",
        "_hay",
        "_consignor",
        "_orders",
        "_cache",
        "_split_phones",
        "_gram_memo",
        "_slice",
        "_walk_chunk",
        "_nsmallest_limit",
    )

    def __init__(
        self,
        layout: Layout,
        orders: Orders,
        cache: ResultCache,
        split_phones: set[int],
        tuning: SearchTuning,
    ) -> None:
        self._layout = layout
        # The layout's own list and array, patched in place for as long as it lives.
        self._hay = layout.hay
        self._consignor = layout.consignor
        self._orders = orders
        self._cache = cache
        # Ids of customers whose phone text splits its digits ("555-1234"): while there are
        # any, a phone-number term can't narrow from a cached run of digits (see `terms`).
        self._split_phones = split_phones
        # Row sets of common substrings, by position: made by `SearchIndex.prepare`.
        self.grams: Grams | None = None
        self._gram_memo: tuple[Query, tuple[BitMap, list[Term]] | None] | None = None
        self._slice = tuning.slice
        self._walk_chunk = tuning.walk_chunk
        self._nsmallest_limit = tuning.nsmallest_limit

    # ---------------------------------------------------------------- upkeep

    def unlist(self, pos: int) -> None:
        """Take a live row out of the sets and cached results, before it changes."""
        self._gram_memo = None
        if self.grams is not None:
            self.grams.discard(pos, self._hay[pos])
        self._cache.unlist(pos)

    def enlist(self, pos: int) -> None:
        """Put a live row into the sets and the cached results it matches."""
        self._gram_memo = None
        hay = self._hay[pos]
        if self.grams is not None:
            self.grams.add(pos, hay)
        self._cache.enlist(pos, hay, bool(self._consignor[pos]))

    # ---------------------------------------------------------------- planning

    def superset(self, key: Key) -> tuple[array[int], Query, bool] | None:
        return self._cache.superset(key, not self._split_phones)

    def test_cost(self, terms: Query, consignors_only: bool) -> int:
        """About how many rows finding every match of `terms` tests."""
        superset = self.superset((terms, consignors_only))
        cost = len(self._hay) if superset is None else len(superset[0])
        grams = self._gram_rows(terms)
        if grams is not None:
            rows, todo = grams
            cost = min(cost, len(rows) if todo else 0)
        return cost

    def needles(self, term: Term) -> Term:
        """What to look for in a row: the text, and the encoded digits where they can add.

        Digits alone ("555") find a whole phone ("+15551234567") by its text already; only a
        phone with punctuation between its digits needs the encoded digits looked up too.
        """
        text, digits = term
        if digits is not None and not self._split_phones and not text.strip(DIGITS):
            return text, None
        return term

    def _split_positions(self) -> BitMap:
        positions = map(self._layout.find, self._split_phones)
        return BitMap(pos for pos in positions if pos is not None)

    def _gram_rows(self, terms: Query) -> tuple[BitMap, list[Term]] | None:
        """Rows the grams say may match every term, and the terms still to test on them.

        None when no term has a known substring. No term left to test: the rows are exact.
        """
        grams = self.grams
        if grams is None:
            return None
        memo = self._gram_memo
        if memo is not None and memo[0] == terms:
            return memo[1]
        rows: BitMap | None = None
        todo: list[Term] = []
        for term in terms:
            text, digits = self.needles(term)
            found = grams.rows(text)
            if found is not None and digits is not None:
                # A whole phone holds its digits as a run of its text: the sets of plain
                # digit runs bound the digit rule's matches. Phones whose punctuation splits
                # the digits are few, and always tested.
                by_digits = grams.rows(digits.translate(DECODE))
                found = (
                    None
                    if by_digits is None
                    else (found[0] | by_digits[0] | self._split_positions(), False)
                )
            if found is None or not found[1]:
                todo.append(term)
            if found is not None:
                rows = found[0] if rows is None else rows & found[0]
        result = None if rows is None else (rows, todo)
        self._gram_memo = (terms, result)
        return result

    # ---------------------------------------------------------------- every match

    def matches(self, terms: Query, consignors_only: bool) -> array[int]:
        """Positions (ascending) of live rows matching every term."""
        return finish(self.matching(terms, consignors_only))

    def matching(self, terms: Query, consignors_only: bool) -> Generator[None, None, array[int]]:
        """`matches` in slices: the caller may answer keys between two."""
        key = (terms, consignors_only)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        superset = self.superset(key)
        todo = list(terms)
        candidates: Sequence[int]
        grams = self._gram_rows(terms)
        if grams is not None and (
            superset is None or (len(grams[0]) if grams[1] else 0) <= len(superset[0])
        ):
            rows, todo = grams  # no term to test: `rows` are the matches
            candidates = rows.to_array()
            if consignors_only:
                candidates = array(
                    POS, compress(candidates, map(self._consignor.__getitem__, candidates))
                )
            superset = None
        elif superset is None:
            if consignors_only:
                candidates = array(POS, compress(range(len(self._hay)), self._consignor))
            else:
                candidates = yield from self._scan(todo.pop(0))
        else:
            candidates, done, done_consignors = superset
            todo = [t for t in todo if t not in done]
            if consignors_only and not done_consignors:
                candidates = array(
                    POS, compress(candidates, map(self._consignor.__getitem__, candidates))
                )
        for term in todo:
            candidates = yield from self._narrowing(candidates, term)
        matches = candidates if isinstance(candidates, array) else array(POS, candidates)
        if superset is not None and matches is superset[0]:
            matches = array(POS, matches)  # never share one array between two entries
        self._cache.remember(key, matches)
        return matches

    def _scan(self, term: Term) -> Generator[None, None, array[int]]:
        text, digits = self.needles(term)
        hay, step = self._hay, self._slice
        found = array(POS)
        for start in range(0, len(hay), step):
            rows = hay[start : start + step]
            hits = map(contains, rows, repeat(text))
            if digits is not None:
                hits = map(or_, hits, map(contains, rows, repeat(digits)))
            found.extend(compress(range(start, start + len(rows)), hits))
            yield
        return found

    def scan_mask(self, term: Term) -> bytearray:
        """A byte per position: 1 where the row matches `term` (all rows in one go)."""
        text, digits = self.needles(term)
        hay = self._hay
        found = map(contains, hay, repeat(text))
        if digits is not None:
            found = map(or_, found, map(contains, hay, repeat(digits)))
        return bytearray(found)

    def narrow(self, candidates: Sequence[int], term: Term) -> array[int]:
        """The candidates (positions, ascending) whose rows match `term`."""
        text, digits = self.needles(term)
        hay = self._hay
        if isinstance(candidates, range):
            # A stretch of the layout: its rows side by side, tested at C speed.
            rows = hay[candidates.start : candidates.stop]
            hits = map(contains, rows, repeat(text))
            if digits is not None:
                hits = map(or_, hits, map(contains, rows, repeat(digits)))
            return array(POS, compress(candidates, hits))
        if digits is None:
            return array(POS, [p for p in candidates if text in hay[p]])
        return array(POS, [p for p in candidates if text in (h := hay[p]) or digits in h])

    def _narrowing(
        self, candidates: Sequence[int], term: Term
    ) -> Generator[None, None, array[int]]:
        # Rows picked out of the layout cost up to ~4 times a stretch's (memory is not read
        # in order): a quarter of a slice at a time keeps a step near the stretch's ~3 ms.
        step = self._slice if isinstance(candidates, range) else max(1, self._slice // 4)
        if len(candidates) <= step:
            return self.narrow(candidates, term)
        found = array(POS)
        for start in range(0, len(candidates), step):
            found.extend(self.narrow(candidates[start : start + step], term))
            yield
        return found

    # ---------------------------------------------------------------- the first page

    def walk(
        self, perm: array[int], terms: Query, consignors_only: bool, n: int, budget: int
    ) -> tuple[list[int], bool]:
        """Test rows in sort order until `n` match; (found, whether that answer is final)."""
        found: list[int] = []
        # In layout order the walk reads the rows themselves in stretches (tombstones match
        # no term and are no consignors), at C speed rather than one position at a time.
        orders = self._orders
        in_layout = perm is orders.last_name.perm and orders.in_layout_order
        start, size, most = 0, self._walk_chunk, self._slice
        total = len(self._hay) if in_layout else len(perm)
        while start < total and start < budget:
            chunk: Sequence[int] = (
                range(start, min(start + size, total)) if in_layout else perm[start : start + size]
            )
            if consignors_only:
                chunk = list(compress(chunk, map(self._consignor.__getitem__, chunk)))
            for term in terms:
                chunk = self.narrow(chunk, term)
            found.extend(chunk)
            if len(found) >= n:
                return found[:n], True
            start += size
            size = min(size * 4, most)
        return found, start >= total

    def first_of(
        self,
        matches: array[int],
        order: Order,
        terms: Query,
        consignors_only: bool,
        n: int,
        descending: bool = False,
    ) -> list[int]:
        """The first `n` of `matches` (positions, ascending) in `order`, or its last `n`
        from the end when `descending`."""
        if order is self._orders.last_name and self._orders.in_layout_order:
            # Positions ascending are this order.
            return list(reversed(matches[-n:])) if descending else list(matches[:n])
        if len(matches) > self._nsmallest_limit:
            # Dense matches: about n * rows / matches rows of the sort order hold the page;
            # a much longer walk means they cluster late, and ranking them all is cheaper.
            expected = n * self._layout.alive // len(matches) + 1
            perm = order.perm[::-1] if descending else order.perm
            found, complete = self.walk(perm, terms, consignors_only, n, 8 * expected + 1024)
            if complete:
                return found
        pick = heapq.nlargest if descending else heapq.nsmallest
        return pick(n, matches, key=order.rank.__getitem__)
