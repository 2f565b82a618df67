"""The list's sort orders: per sort key a permutation of positions and a rank per position.

Ranks are "gapped" so that a change from another terminal is patched in O(log n) instead of
re-sorting. Every order but the layout's own is made on first use.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Callable
from itertools import compress
from typing import Literal

from custtui.core.search.haystack import (
    SEP,
    company_prefix,
    company_then_name,
    first_last,
    last_first,
)
from custtui.core.search.layout import POS, Layout

__all__ = ["SORT_KEYS", "Order", "Orders", "SortKey"]

SortKey = Literal["last_name", "first_name", "number", "company"]
SORT_KEYS: tuple[SortKey, ...] = ("last_name", "first_name", "number", "company")

_NAME_KEYS: dict[SortKey, Callable[[str], str]] = {
    "last_name": last_first,
    "first_name": first_last,
    "company": company_then_name,
}


class Order:
    """One sort key's permutation of live positions and each position's rank in it.

    Ranks are spaced `gap` apart so that inserting a row takes the midpoint of its
    neighbours; only when a gap is exhausted is everything renumbered.
    """

    __slots__ = ("perm", "_rank", "_size", "_gap")

    def __init__(self, perm: array[int], size: int, gap: int) -> None:
        self.perm = perm
        self._size = size
        self._gap = gap
        # Made on first use: the default order's positions already are its ranks until a
        # change lands, and a million ranks take 8 MB.
        self._rank: array[int] | None = None

    @property
    def rank(self) -> array[int]:
        if self._rank is None:
            self._rank = array("q", bytes(8 * self._size))
            self.renumber()
        return self._rank

    def renumber(self) -> None:
        perm, gap = self.perm, self._gap
        deque(map(self.rank.__setitem__, perm, range(0, len(perm) * gap, gap)), 0)

    def place(self, i: int) -> None:
        perm, rank, gap = self.perm, self.rank, self._gap
        if len(perm) == 1:
            rank[perm[0]] = 0
            return
        lo = rank[perm[i - 1]] if i > 0 else rank[perm[i + 1]] - 2 * gap
        hi = rank[perm[i + 1]] if i + 1 < len(perm) else lo + 2 * gap
        mid = (lo + hi) // 2
        if lo < mid < hi and -(1 << 62) < mid < (1 << 62):
            rank[perm[i]] = mid
        else:
            self.renumber()


class Orders:
    """Every order asked for so far over one layout, kept in step with its changes."""

    __slots__ = ("_layout", "_gap", "_by_key", "last_name", "in_layout_order")

    def __init__(self, layout: Layout, rank_gap: int) -> None:
        self._layout = layout
        self._gap = rank_gap
        size = len(layout.hay)
        self.last_name = Order(array(POS, range(size)), size, rank_gap)
        self._by_key: dict[SortKey, Order] = {"last_name": self.last_name}
        # Positions ascending are last-name order until an upsert lands out of place.
        self.in_layout_order = True

    def get(self, sort: SortKey) -> Order:
        order = self._by_key.get(sort)
        if order is None:
            if sort not in SORT_KEYS:
                raise ValueError(f"Unknown sort key: {sort!r}")
            hay = self._layout.hay
            if sort == "number":
                perm = sorted(compress(range(len(hay)), hay), key=self._layout.numbers.__getitem__)
            else:
                # The last-name order is (last, first, number); a stable sort on just the first
                # name, or just the company, turns it into the wanted order with short keys.
                keys: list[str]
                if sort == "first_name":
                    keys = [h[(i := h.find(SEP) + 1) : h.find(SEP, i)] for h in hay]
                else:
                    keys = list(map(company_prefix, hay))
                perm = sorted(self.last_name.perm, key=keys.__getitem__)
                del keys
            order = self._by_key[sort] = Order(array(POS, perm), len(hay), self._gap)
        return order

    def grow(self) -> None:
        """Make room for the position the layout just added (it is in no order yet)."""
        for order in self._by_key.values():
            order.rank.append(0)

    def unlist(self, pos: int) -> None:
        """Take a live row out of every order, before it changes."""
        for sort, order in self._by_key.items():
            key = self._sort_key(sort)
            perm = order.perm
            wanted = key(pos)
            i = bisect_left(perm, wanted, key=key)
            # Equal keys (duplicate numbers) form a run; the row is somewhere in it.
            while i < len(perm) and perm[i] != pos and key(perm[i]) == wanted:
                i += 1
            if i >= len(perm) or perm[i] != pos:
                i = perm.index(pos)
            del perm[i]

    def enlist(self, pos: int) -> None:
        """Put a live row into every order, where its text and number now place it."""
        for sort, order in self._by_key.items():
            key = self._sort_key(sort)
            i = bisect_right(order.perm, key(pos), key=key)
            order.perm.insert(i, pos)
            order.place(i)
            if sort == "last_name" and (
                (i > 0 and order.perm[i - 1] > pos)
                or (i + 1 < len(order.perm) and order.perm[i + 1] < pos)
            ):
                self.in_layout_order = False

    def _sort_key(self, sort: SortKey) -> Callable[[int], tuple[str | int, ...]]:
        numbers = self._layout.numbers
        if sort == "number":
            return lambda p: (numbers[p],)
        name_key, hay = _NAME_KEYS[sort], self._layout.hay
        return lambda p: (name_key(hay[p]), numbers[p])
