"""The search's cost knobs in one frozen object, passed in rather than patched in.

The defaults are production's, measured on a slow 2-core machine (bench/search_index.py): a
row tested in sort order costs ~0.1-0.4 µs, one nsmallest step ~0.08 µs. Tests shrink them
so that a few rows take the paths a million take; the index reads them into its own
attributes once, never per row.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass

from custtui.core.search.grams import Grams, build_apart, build_grams

__all__ = ["BuildApart", "BuildSets", "SearchTuning"]

# How the row sets are made: here in steps (hay, min_rows, alive), or in a process of its own.
BuildSets = Callable[[Sequence[str], int, Callable[[], bool]], Generator[None, None, Grams | None]]
BuildApart = Callable[[Sequence[str], int, Callable[[], bool]], Grams | None]


@dataclass(frozen=True, slots=True)
class SearchTuning:
    """How much work each step of a search may do, and when to build row sets where."""

    walk_budget: int = 16_384  # rows first() may test before it computes every match instead
    walk_chunk: int = 256  # rows of the first stretch a walk tests (each next one 4 times more)
    nsmallest_limit: int = 50_000  # below this many matches, pick the first page by rank
    ranked_search_share: int = 8  # search() sorts by rank below 1/8 of all rows, else walks
    cache_entries: int = 64  # recent results kept: a few words typed and deleted again
    # ~16 MB of cached positions at most: at 1M, a session of typing and deleting a few words,
    # and the last one-letter term (narrowing "sm" from "s"'s positions beats a scan by ~40%).
    cache_positions: int = 1 << 22
    dense_share: int = 2  # a fresh one-term count matching over 1/2 of the rows keeps no positions
    compact_min: int = 4096  # removed rows kept as tombstones before the layout is rebuilt
    # Ranks are this far apart, so that a row moving in takes its neighbours' midpoint.
    rank_gap: int = 1 << 32
    # Rows per C-level pass when matching in steps (~3 ms here): between two slices the
    # caller's event loop handles keys, and a thread holding the interpreter lock can be made
    # to let go.
    slice: int = 32_768
    # A common substring's rows get a set of their own once this share of rows holds it, and
    # never below `gram_min_rows` rows: below that, testing the rows is quick anyway.
    gram_share: float = 0.03
    gram_min_rows: int = 4096
    grams_apart_rows: int = 50_000  # from here the sets are built in a process of their own
    build_sets: BuildSets = build_grams
    build_sets_apart: BuildApart = build_apart
    # The list screen: above `split_above` customers, a filter that would test more than
    # `sync_rows` rows (~6 ms) shows its first page at once and finds every match, and the
    # exact count, in slices between keys.
    split_above: int = 150_000
    sync_rows: int = 60_000
