"""Work done in slices: a generator that yields between two slices and returns its answer."""

from __future__ import annotations

from collections.abc import Generator
from typing import TypeVar

__all__ = ["finish"]

_T = TypeVar("_T")


def finish(steps: Generator[None, None, _T]) -> _T:
    """Run stepwise work to its end without pausing."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value  # type: ignore[no-any-return]
