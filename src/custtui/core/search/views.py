"""A search's answer as ids in list order, read from matching row positions on demand."""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from operator import eq
from typing import overload

__all__ = ["IdView", "count_line"]


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


def count_line(shown: int, total: int, filtering: bool, noun: str) -> str:
    """`12 of 38 customers` while filtering, `38 customers` when not: what a list says under
    its filter, and what `custtui find` and `custtui items` end with."""
    nouns = noun if total == 1 else noun + "s"
    return f"{shown:,} of {total:,} {nouns}" if filtering else f"{total:,} {nouns}"
