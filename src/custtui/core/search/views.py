"""A search's answer as ids in list order, read from matching row positions on demand."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from operator import eq
from typing import overload

__all__ = ["IdView", "Pinned", "Reversed", "count_line"]


class IdView(Sequence[int]):
    """Ids in list order, read from row positions on demand."""

    __slots__ = ("_positions", "_ids")

    def __init__(self, positions: array[int], ids: array[int]) -> None:
        self._positions = positions
        self._ids = ids

    def __len__(self) -> int:
        return len(self._positions)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return list(map(self._ids.__getitem__, self._positions[index]))
        return self._ids[self._positions[index]]

    def __iter__(self) -> Iterator[int]:
        return map(self._ids.__getitem__, self._positions)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(map(eq, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"IdView({list(self)!r})"

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        # Ids are not in order, positions are: find the id's position (a C-level scan),
        # then bisect for it among the listed positions.
        pos = self._ids.index(value)  # type: ignore[arg-type]
        i = bisect_left(self._positions, pos)
        end = len(self._positions) if stop is None else stop
        if start <= i < end and self._positions[i] == pos:
            return i
        raise ValueError(value)


def position(index: int, size: int) -> int:
    """`index` of a sequence of `size` as a position from its start (negative: from its
    end), as a list reads it; IndexError past either end."""
    if index < 0:
        index += size
    if not 0 <= index < size:
        raise IndexError(index)
    return index


class _Derived(Sequence[int]):
    """A view made from another sequence of ids: compared by its ids, as IdView is."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return len(self) == len(other) and all(map(eq, self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self)!r})"


class Reversed(_Derived):
    """Another answer read back to front: a descending sort without sorting again."""

    __slots__ = ("_ids",)

    def __init__(self, ids: Sequence[int]) -> None:
        self._ids = ids

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        size = len(self._ids)
        if isinstance(index, slice):
            return [self._ids[size - 1 - i] for i in range(*index.indices(size))]
        return self._ids[size - 1 - position(index, size)]

    def __iter__(self) -> Iterator[int]:
        return reversed(self._ids)

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        i = len(self._ids) - 1 - self._ids.index(value)
        end = len(self) if stop is None else stop
        if start <= i < end:
            return i
        raise ValueError(value)


class Pinned(_Derived):
    """One id first (a customer asked for by number), then another answer without it."""

    __slots__ = ("_first", "_rest", "_at")

    def __init__(self, first: int, rest: Sequence[int]) -> None:
        self._first = first
        self._rest = rest
        try:
            self._at: int | None = rest.index(first)
        except ValueError:
            self._at = None

    def __len__(self) -> int:
        return len(self._rest) + (1 if self._at is None else 0)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        size = len(self)
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(size))]
        index = position(index, size)
        if index == 0:
            return self._first
        # Before the pinned id's own place the rest is one row down; after it, in place.
        return self._rest[index - 1 if self._at is None or index <= self._at else index]

    def __iter__(self) -> Iterator[int]:
        yield self._first
        for cid in self._rest:
            if cid != self._first:
                yield cid

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        if value == self._first:
            i = 0
        else:
            at = self._rest.index(value)
            i = at + 1 if self._at is None or at < self._at else at
        end = len(self) if stop is None else stop
        if start <= i < end:
            return i
        raise ValueError(value)


def count_line(shown: int, total: int, filtering: bool, noun: str) -> str:
    """`12 of 38 customers` while filtering, `38 customers` when not: what a list says under
    its filter, and what `custtui find` and `custtui items` end with."""
    nouns = noun if total == 1 else noun + "s"
    return f"{shown:,} of {total:,} {nouns}" if filtering else f"{total:,} {nouns}"
