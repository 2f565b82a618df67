"""Recent queries' matches, so that typing and deleting characters rarely scans every row.

A small LRU of sorted position arrays: a new query is filtered from the narrowest cached
query it refines (`superset`). Changes patch the entries instead of dropping them. Counts of
dense one-term queries are kept apart, without their positions.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import OrderedDict

from custtui.core.search.terms import Query, query_implies
from custtui.core.search.tuning import SearchTuning

__all__ = ["Key", "ResultCache"]

# A query's terms, and whether it asks for consignors only.
Key = tuple[Query, bool]


class ResultCache:
    """The matches of recent queries by position, within a budget of entries and positions."""

    __slots__ = ("_entries", "_positions", "_counts", "_max_entries", "_max_positions")

    def __init__(self, tuning: SearchTuning) -> None:
        self._entries: OrderedDict[Key, array[int]] = OrderedDict()
        self._positions = 0  # held by all entries together
        # Counts of recent dense one-term queries, whose positions are not worth keeping.
        self._counts: dict[Key, int] = {}
        self._max_entries = tuning.cache_entries
        self._max_positions = tuning.cache_positions

    def get(self, key: Key) -> array[int] | None:
        matches = self._entries.get(key)
        if matches is not None:
            self._entries.move_to_end(key)
        return matches

    def superset(self, key: Key, whole_phones: bool) -> tuple[array[int], Query, bool] | None:
        """The smallest cached result that holds every row the query can match.

        `whole_phones`: every phone's text holds its digits in one run (see `terms`).
        """
        terms, consignors_only = key
        best: tuple[array[int], Query, bool] | None = None
        for (cached_terms, cached_consignors), matches in self._entries.items():
            if cached_consignors and not consignors_only:
                continue
            if best is not None and len(matches) >= len(best[0]):
                continue
            if query_implies(terms, cached_terms, whole_phones):
                best = (matches, cached_terms, cached_consignors)
        return best

    def remember(self, key: Key, matches: array[int]) -> None:
        entries = self._entries
        entries[key] = matches
        self._positions += len(matches)
        while len(entries) > self._max_entries:
            _, evicted = entries.popitem(last=False)
            self._positions -= len(evicted)
        while len(entries) > 1 and self._positions > self._max_positions:
            # Over the memory budget the biggest result goes first, not the oldest: it holds
            # most of the memory, narrows least, and is the quickest to find a page of. The
            # newest stays, as the next keystroke may narrow from it.
            biggest = max((k for k in entries if k != key), key=lambda k: len(entries[k]))
            self._positions -= len(entries.pop(biggest))

    def bare_count(self, key: Key) -> int | None:
        """How many rows a dense query matched, when only its count was kept."""
        return self._counts.get(key)

    def remember_count(self, key: Key, total: int) -> None:
        if len(self._counts) >= self._max_entries:
            self._counts.clear()
        self._counts[key] = total

    def unlist(self, pos: int) -> None:
        """Take a live row out of every result, before it changes."""
        self._counts.clear()
        for matches in self._entries.values():
            i = bisect_left(matches, pos)
            if i < len(matches) and matches[i] == pos:
                del matches[i]
                self._positions -= 1

    def enlist(self, pos: int, hay: str, consignor: bool) -> None:
        """Put a live row into every result its text `hay` now matches."""
        self._counts.clear()
        for (terms, consignors_only), matches in self._entries.items():
            if consignors_only and not consignor:
                continue
            if all(t in hay or (d is not None and d in hay) for t, d in terms):
                matches.insert(bisect_left(matches, pos), pos)
                self._positions += 1

    def clear(self) -> None:
        """Forget every result (a benchmark's cold start)."""
        self._entries.clear()
        self._counts.clear()
        self._positions = 0
