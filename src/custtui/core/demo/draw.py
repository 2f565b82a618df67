"""The generator's one random stream, and the small draws every part of it makes.

Every draw is one `random()` call (index arithmetic, or a bisect over precomputed cumulative
weights) rather than `choice`/`randint`/`choices`, which cost several times more.
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Callable, Sequence
from datetime import date
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Options with precomputed cumulative weights, so a draw is one `random()` and a bisect."""

    __slots__ = ("options", "weights", "cum", "total")

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        self.options = tuple(value for value, _ in pairs)
        self.weights = tuple(weight for _, weight in pairs)
        self.cum = list(accumulate(self.weights))
        self.total = self.cum[-1]


def weighted(*pairs: tuple[T, float]) -> Weighted[T]:
    """`Weighted` from `(option, weight)` pairs, as the tables write them."""
    return Weighted(pairs)


class Draws:
    """The random stream of one run, and what the run must remember to keep values unique."""

    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.r: Callable[[], float] = self.rng.random
        self.today_ord = today.toordinal()
        self.emails: set[str] = set()
        # Consignor codes already handed out, this run's and (when adding) the store's.
        self.codes: set[str] = set()
        self.consignors = 0

    # Small helpers kept as methods: the generator is one object so the rng stream is shared.

    def pick(self, seq: Sequence[T]) -> T:
        return seq[int(self.r() * len(seq))]

    def wpick(self, table: Weighted[T]) -> T:
        return table.options[bisect(table.cum, self.r() * table.total)]

    def digits(self, n: int) -> str:
        return str(int(self.r() * 10**n)).zfill(n)


# Characters NFKD does not decompose into an ASCII base letter.
_FOLD_TABLE = str.maketrans({
    "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe",
    "Œ": "OE", "đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i",
})
_fold_cache: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower-case ASCII letters and digits only: what an email or handle is made of."""
    folded = _fold_cache.get(text)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
        folded = "".join(ch for ch in decomposed.lower() if ch.isascii() and ch.isalnum())
        _fold_cache[text] = folded
    return folded


B36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def base36(n: int, width: int) -> str:
    digits = []
    while n:
        n, rem = divmod(n, 36)
        digits.append(B36[rem])
    return "".join(reversed(digits)).rjust(width, "0")

