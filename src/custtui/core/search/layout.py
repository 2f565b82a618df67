"""The rows as the index lays them out: flat arrays by position, in last-name order.

One million customers fit in about 200 MB this way: one haystack string per row (see
`haystack`), ids, numbers and consignor flags in flat arrays indexed by position, and the
ids sorted apart to find a customer's position. Laid out in last-name order, the default
sort walks memory sequentially. A removed row stays as a tombstone (an empty haystack, which
matches no term) until there are enough to lay the rows out anew.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, islice
from operator import le, lt

from custtui.core.search.haystack import SEP, SearchRow, row_text, splits_digits

__all__ = ["POS", "Layout"]

# Positions are stored as unsigned C ints, as the grams' bitmaps hand them out.
POS = "I"


class Layout:
    """Rows with unique ids, by position in last-name order; tombstones where removed."""

    __slots__ = ("hay", "ids", "numbers", "consignor", "alive", "dead", "_id_keys", "_id_pos")

    def __init__(
        self, hay: _Chunked, ids: array[int], numbers: array[int], consignor: bytearray
    ) -> None:
        """Store rows (unique ids, any order) in last-name order and index their ids."""
        size = len(hay)
        ascending = range(size)
        if all(map(le, numbers, islice(numbers, 1, None))):
            order: Sequence[int] = ascending
        else:
            order = sorted(ascending, key=numbers.__getitem__)
        # A stable sort on "last␟first" after ordering by number gives (last, first, number).
        keys = [h[: h.find(SEP, h.find(SEP) + 1)] for h in hay]
        order = sorted(order, key=keys.__getitem__)
        del keys
        # The strings are made now, in layout order: a scan then reads memory sequentially,
        # which is 2-4 times faster than chasing strings left where the input put them. Until
        # now they lay in a few big chunks, so that no freed original leaves holes in the heap
        # that the long-lived strings would be scattered over.
        self.hay = list(map(hay.__getitem__, order))
        del hay
        self.ids = array("q", map(ids.__getitem__, order))
        self.numbers = array("q", map(numbers.__getitem__, order))
        self.consignor = bytearray(map(consignor.__getitem__, order))
        position = array(POS, bytes(array(POS).itemsize * size))
        deque(map(position.__setitem__, order, ascending), 0)
        if all(map(lt, ids, islice(ids, 1, None))):
            self._id_keys = array("q", ids)
            self._id_pos = position
        else:
            by_id = sorted(ascending, key=ids.__getitem__)
            self._id_keys = array("q", map(ids.__getitem__, by_id))
            self._id_pos = array(POS, map(position.__getitem__, by_id))
        self.alive = size
        self.dead = 0

    @classmethod
    def of_rows(cls, rows: Iterable[SearchRow]) -> tuple[Layout, set[int]]:
        """The rows laid out, and the ids of those whose phone text splits its digits.

        One pass, keeping no row: a million rows' fields never sit in memory at once. A
        repeated id keeps the last row given, like repeated upserts.
        """
        memo: dict[str, str] = {}
        hay = _Chunked()
        ids, numbers, consignor = array("q"), array("q"), bytearray()
        split_phones: set[int] = set()
        for row in rows:
            hay.append(row_text(row, memo))
            if splits_digits(row.phone) or splits_digits(row.mobile_phone):
                split_phones.add(row.id)
            ids.append(row.id)
            numbers.append(row.number)
            consignor.append(bool(row.is_consignor))
        hay.seal()
        if all(map(lt, ids, islice(ids, 1, None))):
            return cls(hay, ids, numbers, consignor), split_phones
        keep = _last_per_id(ids)
        # Duplicate ids only ever add a customer to the split phones: that just turns some
        # narrowing off.
        return cls(
            _Chunked(map(hay.__getitem__, keep)),
            array("q", map(ids.__getitem__, keep)),
            array("q", map(numbers.__getitem__, keep)),
            bytearray(map(consignor.__getitem__, keep)),
        ), split_phones

    def compacted(self) -> Layout:
        """The live rows laid out anew, without the tombstones."""
        live = [p for p, h in enumerate(self.hay) if h]
        return Layout(
            _Chunked(map(self.hay.__getitem__, live)),
            array("q", map(self.ids.__getitem__, live)),
            array("q", map(self.numbers.__getitem__, live)),
            bytearray(map(self.consignor.__getitem__, live)),
        )

    def find(self, customer_id: int) -> int | None:
        """The customer's position (a tombstone's too), or None when it never was here."""
        keys = self._id_keys
        i = bisect_left(keys, customer_id)
        if i < len(keys) and keys[i] == customer_id:
            return self._id_pos[i]
        return None

    def add_slot(self, customer_id: int, number: int) -> int:
        """A new position for a customer the layout never held, as a tombstone for now."""
        pos = len(self.hay)
        self.hay.append("")
        self.ids.append(customer_id)
        self.numbers.append(number)
        self.consignor.append(0)
        i = bisect_left(self._id_keys, customer_id)
        self._id_keys.insert(i, customer_id)
        self._id_pos.insert(i, pos)
        self.dead += 1
        return pos


class _Chunked:
    """Strings kept joined a few thousand at a time: one object per chunk, not per string.

    Reading one back makes a new string, wherever the allocator puts it at that moment.
    """

    __slots__ = ("_batch", "_chunks", "_ends")

    SIZE = 4096

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self._batch: list[str] = []
        self._chunks: list[str] = []
        self._ends = array("q")  # where each string ends within its chunk
        for text in texts:
            self.append(text)
        self.seal()

    def append(self, text: str) -> None:
        self._batch.append(text)
        if len(self._batch) == self.SIZE:
            self.seal()

    def seal(self) -> None:
        """Join what was appended since the last chunk (call once all strings are in)."""
        if self._batch:
            self._ends.extend(accumulate(map(len, self._batch)))
            self._chunks.append("".join(self._batch))
            self._batch = []

    def __len__(self) -> int:
        return len(self._ends) + len(self._batch)

    def __getitem__(self, i: int) -> str:
        chunk, at = divmod(i, self.SIZE)
        start = self._ends[i - 1] if at else 0
        return self._chunks[chunk][start : self._ends[i]]

    def __iter__(self) -> Iterator[str]:
        return map(self.__getitem__, range(len(self._ends)))


def _last_per_id(ids: array[int]) -> list[int]:
    """Indexes of the rows to keep: duplicate ids collapse to the last one given, like
    repeated upserts."""
    by_id = sorted(range(len(ids)), key=ids.__getitem__)
    return [i for k, i in enumerate(by_id) if k + 1 == len(by_id) or ids[by_id[k + 1]] != ids[i]]
