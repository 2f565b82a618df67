"""The in-memory customer search index behind the list screen and `custtui find`.

Matching (SPEC "Screens" -> "List"): the query is split on whitespace and every term must be
a case-insensitive, accent-folded substring of one of first name, last name, company, email,
phone or mobile phone. A term made of digits and punctuation only (no letters) with at least
three digits also matches a phone whose digits contain the term's digits, whatever the
punctuation on either side ("555-1234", "5551234" and "(555) 123" all find
"+1 (555) 123-4567"). Date of birth and driver license are never indexed.

Layout, chosen so that one million customers fit in about 200 MB and a keystroke rarely has
to look at every row:

- one folded haystack string per row ("last␟first␟company␟email␟phone␟mobile␟D␟D", where
  D are the phones' digits re-encoded as control characters so that only a digit term can
  reach them); the unit separator is whitespace to `str.split`, so no term can cross fields;
- ids, numbers and consignor flags in flat arrays indexed by row position; rows are laid out
  in last-name order, so the default sort walks memory sequentially;
- per sort key a permutation of positions plus a "gapped" rank per position, so that a
  change from another terminal is patched in O(log n) instead of re-sorting;
- a small LRU cache of recent queries' matches (sorted position arrays). A new query is
  filtered from the narrowest cached query it refines, so typing and deleting characters
  rarely scans every row; the cache is patched, not dropped, on upsert and remove.

Work that may look at many rows comes in slices (`view_steps`), so that the list screen can
show a first page at once and find every match between keys.
"""

from __future__ import annotations

import heapq
import re
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, islice, repeat
from operator import contains, eq, le, lt, or_
from typing import Literal, overload

from pyroaring import BitMap

from custtui.core.runtime.steps import finish
from custtui.core.search.grams import Grams, build_apart, build_grams

__all__ = ["SearchIndex", "SearchRow", "SortKey", "fold"]

SortKey = Literal["last_name", "first_name", "number", "company"]
SORT_KEYS: tuple[SortKey, ...] = ("last_name", "first_name", "number", "company")

_SEP = "\x1f"  # str.split() treats it as whitespace, so it can never be inside a term
_DIGIT_BASE = 0x0E  # \x0e-\x17: not whitespace, never left in folded text (see _CONTROL)
_ENCODED_DIGITS = "".join(chr(_DIGIT_BASE + d) for d in range(10))
_ENCODE = str.maketrans("0123456789", _ENCODED_DIGITS)
_DECODE = str.maketrans(_ENCODED_DIGITS, "0123456789")
# Formatted phones are ASCII: bytes.translate encodes their digits and drops the usual
# punctuation at C speed; anything else left over takes the regex path.
_PHONE_BYTES = bytes.maketrans(b"0123456789", _ENCODED_DIGITS.encode())
_PHONE_PUNCTUATION = b" ()+-./"
_NON_DIGITS = re.compile(r"[^0-9]+")
_CONTROL = re.compile(r"[\x00-\x1f]")
_CONTROL_BUT_SEP = re.compile(r"[\x00-\x1e]")
_DIGITS = "0123456789"
_ASCII_DIGITS = frozenset(_DIGITS)

# Positions are stored as unsigned C ints, as the grams' bitmaps hand them out; ranks need
# room for gaps between neighbours.
_POS = "I"
_RANK_GAP = 1 << 32

# Cost knobs, measured on a slow 2-core machine (bench/search_index.py): a row tested in
# sort order costs ~0.1-0.4 µs, one nsmallest step ~0.08 µs.
_WALK_BUDGET = 16_384  # rows first() may test before it computes every match instead
_WALK_CHUNK = 256
_NSMALLEST_LIMIT = 50_000  # below this many matches, pick the first page by rank
_RANKED_SEARCH_SHARE = 8  # search() sorts by rank below 1/8 of all rows, else walks the order
_CACHE_ENTRIES = 64  # a few words typed and deleted again
_DENSE_SHARE = 2  # a fresh one-term count matching over 1/2 of the rows caches no positions
# A common substring's rows get a set of their own once this share of rows holds it, and
# never below `_GRAM_MIN_ROWS` rows: below that, testing the rows is quick anyway.
_GRAM_SHARE = 0.03
_GRAM_MIN_ROWS = 4096
_GRAMS_APART_ROWS = 50_000  # from here the sets are built in a process of their own
# ~16 MB of cached positions at most: at 1M, a session of typing and deleting a few words,
# and the last one-letter term (narrowing "sm" from "s"'s positions beats a scan by ~40%).
_CACHE_POSITIONS = 1 << 22
_COMPACT_MIN = 4096  # removed rows kept as tombstones before the layout is rebuilt
# Rows per C-level pass when matching in steps (~3 ms here): between two slices the caller's
# event loop handles keys, and a thread holding the interpreter lock can be made to let go.
_SLICE = 32_768

# The combining marks Latin, Greek and Cyrillic use; rarer ones go through unicodedata.
_COMMON_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Case- and accent-fold `text` for matching: NFKD, drop combining marks, casefold."""
    if text.isascii():
        return text.lower()
    for _ in range(3):
        # Casefolding can itself yield decomposable or compatibility characters, so repeat
        # until stable (in practice once, rarely twice).
        decomposed = _COMMON_MARKS.sub("", unicodedata.normalize("NFKD", text))
        if not decomposed.isascii():
            decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded = decomposed.casefold()
        if folded == text or folded.isascii():
            return folded
        text = folded
    return text


@dataclass(frozen=True, slots=True)
class SearchRow:
    """What the index needs of one customer; nothing secret (no DOB, no driver license)."""

    id: int
    number: int
    first_name: str
    last_name: str
    company: str | None
    email: str | None
    phone: str | None
    mobile_phone: str | None
    is_consignor: bool


# A term is its folded text and, when the digit rule applies, its encoded digits.
_Term = tuple[str, str | None]
_Query = tuple[_Term, ...]


def _digit_probe(text: str) -> str | None:
    digits = _NON_DIGITS.sub("", text)
    if len(digits) < 3 or any(c.isalpha() for c in text):
        return None
    return digits.translate(_ENCODE)


def _parse(query: str) -> _Query:
    folded = fold(query)
    if _CONTROL.search(folded):
        folded = _CONTROL.sub(" ", folded)
    texts = sorted(set(folded.split()), key=lambda t: (-len(t), t))
    # Longest first: the most selective term narrows before the others are tested, and the
    # canonical order makes "john sm" and "sm john" share one cache entry.
    return tuple((t, _digit_probe(t)) for t in texts)


def _term_implies(term: _Term, weaker: _Term, whole_phones: bool) -> bool:
    """Whether every row `term` matches is also matched by `weaker`.

    `whole_phones`: every phone's text holds its digits in one run (E.164, as stored).
    """
    if weaker[0] not in term[0]:
        return False
    # A digit-rule term can match "55-5" by digits where "55" matches nothing; only a single
    # digit survives any punctuation, or any run of digits when no phone has punctuation
    # between its digits (its text then holds every run of its digits).
    return (
        term[1] is None
        or weaker[1] is not None
        or weaker[0] in _ASCII_DIGITS
        or (whole_phones and not weaker[0].strip(_DIGITS))
    )


def _query_implies(query: _Query, weaker: _Query, whole_phones: bool) -> bool:
    return all(any(_term_implies(t, w, whole_phones) for t in query) for w in weaker)


def _split_digits(phone: str | None) -> bool:
    """Whether punctuation splits the phone's digits: its text then lacks some digit runs."""
    if not phone:
        return False
    if phone.isascii() and phone[0] == "+" and phone[1:].isdigit():
        return False  # E.164, how phones are stored
    digits = _NON_DIGITS.sub("", fold(phone))
    return digits not in _fold_field(phone, None)


def _phone_digits(phone: str) -> str:
    if not phone:
        return ""
    if phone.isascii():
        encoded = phone.encode().translate(_PHONE_BYTES, _PHONE_PUNCTUATION)
        if not encoded.strip(_ENCODED_DIGITS.encode()):
            return encoded.decode()
    return _NON_DIGITS.sub("", fold(phone)).translate(_ENCODE)


def _haystack(row: SearchRow, memo: dict[str, str] | None = None) -> str:
    """The row's folded fields and phone digits, joined by the separator.

    `memo` remembers folded non-ASCII fields across a bulk load: names repeat a lot.
    """
    phone = row.phone or ""
    mobile = row.mobile_phone or ""
    fields = (
        row.last_name.strip(),
        row.first_name.strip(),
        (row.company or "").strip(),
        row.email or "",
        phone,
        mobile,
    )
    raw = _SEP.join(fields)
    if raw.isascii() and raw.count(_SEP) == 5 and _CONTROL_BUT_SEP.search(raw) is None:
        text = raw.lower()
    else:
        text = _SEP.join(_fold_field(f, memo) for f in fields)
    return _SEP.join((text, _phone_digits(phone), _phone_digits(mobile)))


def _fold_field(text: str, memo: dict[str, str] | None) -> str:
    if _CONTROL.search(text):
        # Control characters would collide with the separator or the digit encoding.
        text = _CONTROL.sub(" ", text).strip()
    if text.isascii():
        return text.lower()
    if memo is None:
        return fold(text)
    folded = memo.get(text)
    if folded is None:
        folded = memo[text] = fold(text)
    return folded


def _last_first(hay: str) -> str:
    return hay[: hay.find(_SEP, hay.find(_SEP) + 1)]


def _first_last(hay: str) -> str:
    last, first, _ = hay.split(_SEP, 2)
    return first + _SEP + last


def _company_prefix(hay: str) -> str:
    start = hay.find(_SEP, hay.find(_SEP) + 1) + 1
    company = hay[start : hay.find(_SEP, start)]
    return "0" + company if company else "1"


def _company_then_name(hay: str) -> str:
    last, first, company, _ = hay.split(_SEP, 3)
    # "0"/"1" put every customer with a company before those without.
    if company:
        return "0" + company + _SEP + last + _SEP + first
    return "1" + last + _SEP + first


_NAME_KEYS: dict[SortKey, Callable[[str], str]] = {
    "last_name": _last_first,
    "first_name": _first_last,
    "company": _company_then_name,
}


class _Order:
    """One sort key's permutation of live positions and each position's rank in it.

    Ranks are spaced `_RANK_GAP` apart so that inserting a row takes the midpoint of its
    neighbours; only when a gap is exhausted is everything renumbered.
    """

    __slots__ = ("perm", "_rank", "_size")

    def __init__(self, perm: array[int], size: int) -> None:
        self.perm = perm
        self._size = size
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
        perm = self.perm
        deque(map(self.rank.__setitem__, perm, range(0, len(perm) * _RANK_GAP, _RANK_GAP)), 0)

    def place(self, i: int) -> None:
        perm, rank = self.perm, self.rank
        if len(perm) == 1:
            rank[perm[0]] = 0
            return
        lo = rank[perm[i - 1]] if i > 0 else rank[perm[i + 1]] - 2 * _RANK_GAP
        hi = rank[perm[i + 1]] if i + 1 < len(perm) else lo + 2 * _RANK_GAP
        mid = (lo + hi) // 2
        if lo < mid < hi and -(1 << 62) < mid < (1 << 62):
            rank[perm[i]] = mid
        else:
            self.renumber()


class _IdView(Sequence[int]):
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
        return f"_IdView({list(self)!r})"

    def index(self, value: object, start: int = 0, stop: int | None = None) -> int:
        # Ids are not in order, positions are: find the id's position (a C-level scan),
        # then bisect for it among the listed positions.
        pos = self._ids.index(value)  # type: ignore[arg-type]
        i = bisect_left(self._positions, pos)
        end = len(self._positions) if stop is None else stop
        if start <= i < end and self._positions[i] == pos:
            return i
        raise ValueError(value)


class SearchIndex:
    """All customers of one business, searchable as the user types.

    Thread-safe: the list screen may count in a worker while the UI asks for a page.
    """

    _grams: Grams | None
    _grams_dirty: set[int] | None

    def __init__(self, rows: Iterable[SearchRow] = ()) -> None:
        self._lock = threading.RLock()
        memo: dict[str, str] = {}
        hay = _Chunked()
        ids, numbers, consignor = array("q"), array("q"), bytearray()
        # One pass, keeping no row: a million rows' fields never sit in memory at once.
        split_phones: set[int] = set()
        for row in rows:
            hay.append(_haystack(row, memo))
            if _split_digits(row.phone) or _split_digits(row.mobile_phone):
                split_phones.add(row.id)
            ids.append(row.id)
            numbers.append(row.number)
            consignor.append(bool(row.is_consignor))
        hay.seal()
        if not all(map(lt, ids, islice(ids, 1, None))):
            keep = _last_per_id(ids)
            ids = array("q", map(ids.__getitem__, keep))
            numbers = array("q", map(numbers.__getitem__, keep))
            consignor = bytearray(map(consignor.__getitem__, keep))
            self._layout(_Chunked(map(hay.__getitem__, keep)), ids, numbers, consignor)
        else:
            self._layout(hay, ids, numbers, consignor)
        # Customers whose phone text splits its digits ("555-1234"): while there are any, a
        # phone-number term can't narrow from a cached run of digits (see `_term_implies`).
        # Duplicate ids only ever add a customer here, which just turns narrowing off.
        self._split_phones = split_phones

    # ---------------------------------------------------------------- public API

    def __len__(self) -> int:
        return self._alive

    def __contains__(self, customer_id: object) -> bool:
        if not isinstance(customer_id, int):
            return False
        with self._lock:
            pos = self._find(customer_id)
            return pos is not None and bool(self._hay[pos])

    def upsert(self, row: SearchRow) -> None:
        """Add a customer or replace what the index knows of it."""
        hay = _haystack(row)
        split = _split_digits(row.phone) or _split_digits(row.mobile_phone)
        with self._lock:
            if split:
                self._split_phones.add(row.id)
            else:
                self._split_phones.discard(row.id)
            pos = self._find(row.id)
            if pos is None:
                pos = len(self._hay)
                self._hay.append("")
                self._ids.append(row.id)
                self._numbers.append(row.number)
                self._consignor.append(0)
                for order in self._orders.values():
                    order.rank.append(0)
                self._index_id(row.id, pos)
                self._dead += 1  # counted back below like any revived slot
            if self._hay[pos]:
                self._unlist(pos)
            else:
                self._dead -= 1
                self._alive += 1
            self._version += 1
            self._hay[pos] = hay
            self._numbers[pos] = row.number
            self._consignor[pos] = row.is_consignor
            self._enlist(pos)

    def remove(self, customer_id: int) -> None:
        """Forget a customer; removing one the index doesn't hold does nothing."""
        with self._lock:
            pos = self._find(customer_id)
            if pos is None or not self._hay[pos]:
                return
            self._unlist(pos)
            self._version += 1
            self._split_phones.discard(customer_id)
            self._hay[pos] = ""  # an empty haystack matches no term
            self._consignor[pos] = 0
            self._alive -= 1
            self._dead += 1
            if self._dead > _COMPACT_MIN and self._dead > self._alive:
                self._compact()

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
        with self._lock:
            if self._grams is not None:
                return True
            if self._grams_dirty is not None:
                return False
            self._grams_dirty = set()
            hay, generation = self._hay, self._generation
            floor = min_rows or max(_GRAM_MIN_ROWS, int(_GRAM_SHARE * self._alive))

        def alive() -> bool:
            return self._generation == generation and not cancelled()

        try:
            grams: Grams | None = None
            apart = len(hay) >= _GRAMS_APART_ROWS
            if apart:
                try:
                    grams = build_apart(hay, floor, alive)
                except (OSError, EOFError, RuntimeError, ValueError):
                    apart = False  # no process of its own: build here, holding the interpreter
            if not apart:
                grams = finish(build_grams(hay, floor, alive))
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
                if self._hay[pos]:
                    grams.add(pos, self._hay[pos])
            self._grams = grams
            return True

    @property
    def prepared(self) -> bool:
        return self._grams is not None

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
        self, query: str, *, consignors_only: bool = False, sort: SortKey = "last_name"
    ) -> Generator[None, None, Sequence[int]]:
        """`view` in slices of at most `_SLICE` rows: resume it until it returns the answer.

        The caller may do anything between two slices, changes to the index included: a
        change starts the matching over, so the answer describes the rows as they are when
        it is returned.
        """
        if sort not in SORT_KEYS:
            raise ValueError(f"Unknown sort key: {sort!r}")
        terms = _parse(query)
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
                        return done.value  # type: ignore[no-any-return]
                yield

    def _view_steps(
        self, terms: _Query, consignors_only: bool, sort: SortKey
    ) -> Generator[None, None, Sequence[int]]:
        if sort == "last_name" and self._in_layout_order:
            if terms:
                positions = array(_POS, (yield from self._matching(terms, consignors_only)))
            else:
                perm = self._orders["last_name"].perm
                positions = (
                    array(_POS, compress(perm, map(self._consignor.__getitem__, perm)))
                    if consignors_only
                    else array(_POS, perm)
                )
            # The ids need no copy: a position's id never changes (new customers are added
            # at new positions, and compacting makes new arrays).
            return _IdView(positions, self._ids)
        order = self._order(sort)
        wanted: Sequence[int] | None = self._consignor if consignors_only else None
        if terms:
            matches = yield from self._matching(terms, consignors_only)
            if len(matches) * _RANKED_SEARCH_SHARE < self._alive and len(matches) <= _SLICE:
                return list(map(self._ids.__getitem__, sorted(matches, key=order.rank.__getitem__)))
            mask = bytearray(len(self._hay))
            for start in range(0, len(matches), _SLICE):
                deque(map(mask.__setitem__, matches[start : start + _SLICE], repeat(1)), 0)
                yield
            wanted = mask
        found: list[int] = []
        perm = order.perm
        for start in range(0, len(perm), _SLICE):
            part: Iterable[int] = perm[start : start + _SLICE]
            if wanted is not None:
                part = compress(part, map(wanted.__getitem__, part))
            found.extend(map(self._ids.__getitem__, part))
            yield
        return found

    def rows_to_test(
        self, query: str, *, consignors_only: bool = False, sort: SortKey = "last_name"
    ) -> int:
        """About how many rows `view` would test for `query` (0: the answer is known)."""
        terms = _parse(query)
        with self._lock:
            if sort != "last_name" or not self._in_layout_order:
                # Any order but the layout's is read back through every position.
                return self._alive
            if not terms or self._cached(terms, consignors_only) is not None:
                return 0
            # A phone-number term tests each row twice (text, then digits).
            tests = 2 if any(self._needles(t)[1] is not None for t in terms) else 1
            return tests * self._test_cost(terms, consignors_only)

    def first(
        self,
        query: str,
        n: int,
        *,
        consignors_only: bool = False,
        sort: SortKey = "last_name",
    ) -> list[int]:
        """Ids of the first `n` matches in `sort` order, without finding every match."""
        if n <= 0:
            return []
        terms = _parse(query)
        with self._lock:
            order = self._order(sort)
            perm = order.perm
            if not terms:
                ordered: Iterable[int] = perm
                if consignors_only:
                    ordered = compress(perm, map(self._consignor.__getitem__, perm))
                return list(map(self._ids.__getitem__, islice(ordered, n)))
            matches = self._cached(terms, consignors_only)
            if matches is None and self._test_cost(terms, consignors_only) > _WALK_BUDGET:
                # Short terms match densely: walking the sort order finds a page long before
                # a full scan would finish. Clustered matches (e.g. "sm" in last-name order)
                # exhaust the budget and fall through to a full match, except in the layout's
                # own order, where walking on costs no more than the scan would.
                in_layout = sort == "last_name" and self._in_layout_order
                budget = len(self._hay) if in_layout else _WALK_BUDGET
                found, complete = self._walk(perm, terms, consignors_only, n, budget)
                if complete:
                    return list(map(self._ids.__getitem__, found))
            if matches is None:
                matches = self._matches(terms, consignors_only)
            return list(
                map(
                    self._ids.__getitem__, self._first_of(matches, order, terms, consignors_only, n)
                )
            )

    def count(self, query: str, *, consignors_only: bool = False) -> int:
        """How many customers match `query`."""
        terms = _parse(query)
        with self._lock:
            if not terms:
                return self._consignor.count(1) if consignors_only else self._alive
            key = (terms, consignors_only)
            known = self._counts.get(key)
            if known is not None:
                return known
            if (
                len(terms) == 1
                and not consignors_only
                and self._superset(terms, consignors_only) is None
                and self._test_cost(terms, consignors_only) * 2 > len(self._hay)
            ):
                # A fresh one-term count: a byte mask counts twice as fast as collecting
                # positions, and positions of most rows would not narrow the next keystroke
                # much better than a scan, so a dense result keeps only its count. A single
                # digit is the exception: it is the only superset a phone-number term can
                # narrow from, and those pay two substring tests per row.
                mask = self._scan_mask(terms[0])
                total = mask.count(1)
                if total * _DENSE_SHARE > len(self._hay) and terms[0][0] not in _ASCII_DIGITS:
                    if len(self._counts) >= _CACHE_ENTRIES:
                        self._counts.clear()
                    self._counts[key] = total
                else:
                    self._remember(key, array(_POS, compress(range(len(mask)), mask)))
                return total
            return len(self._matches(terms, consignors_only))

    # ---------------------------------------------------------------- layout

    def _layout(
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
        keys = [h[: h.find(_SEP, h.find(_SEP) + 1)] for h in hay]
        order = sorted(order, key=keys.__getitem__)
        del keys
        # The strings are made now, in layout order: a scan then reads memory sequentially,
        # which is 2-4 times faster than chasing strings left where the input put them. Until
        # now they lay in a few big chunks, so that no freed original leaves holes in the heap
        # that the long-lived strings would be scattered over.
        self._hay = list(map(hay.__getitem__, order))
        del hay
        self._ids = array("q", map(ids.__getitem__, order))
        self._numbers = array("q", map(numbers.__getitem__, order))
        self._consignor = bytearray(map(consignor.__getitem__, order))
        position = array(_POS, bytes(array(_POS).itemsize * size))
        deque(map(position.__setitem__, order, ascending), 0)
        if all(map(lt, ids, islice(ids, 1, None))):
            self._id_keys = array("q", ids)
            self._id_pos = position
        else:
            by_id = sorted(ascending, key=ids.__getitem__)
            self._id_keys = array("q", map(ids.__getitem__, by_id))
            self._id_pos = array(_POS, map(position.__getitem__, by_id))
        self._alive = size
        self._dead = 0
        # Bumped by every change: matching in steps starts over if the rows moved under it.
        self._version = getattr(self, "_version", 0) + 1
        self._orders: dict[SortKey, _Order] = {"last_name": _Order(array(_POS, range(size)), size)}
        # Positions ascending are last-name order until an upsert lands out of place.
        self._in_layout_order = True
        self._cache: OrderedDict[tuple[_Query, bool], array[int]] = OrderedDict()
        self._cached_positions = 0
        # Counts of recent dense one-term queries, whose positions are not worth keeping.
        self._counts: dict[tuple[_Query, bool], int] = {}
        # Row sets of common substrings, by position: made by `prepare`, dropped with the
        # layout. While they are being made, the positions changed meanwhile are noted.
        self._generation = getattr(self, "_generation", 0) + 1
        self._grams = None
        self._grams_dirty = None
        self._gram_memo: tuple[int, _Query, tuple[BitMap, list[_Term]] | None] | None = None

    def _compact(self) -> None:
        live = [p for p, h in enumerate(self._hay) if h]
        self._layout(
            _Chunked(map(self._hay.__getitem__, live)),
            array("q", map(self._ids.__getitem__, live)),
            array("q", map(self._numbers.__getitem__, live)),
            bytearray(map(self._consignor.__getitem__, live)),
        )

    def _find(self, customer_id: int) -> int | None:
        keys = self._id_keys
        i = bisect_left(keys, customer_id)
        if i < len(keys) and keys[i] == customer_id:
            return self._id_pos[i]
        return None

    def _index_id(self, customer_id: int, pos: int) -> None:
        i = bisect_left(self._id_keys, customer_id)
        self._id_keys.insert(i, customer_id)
        self._id_pos.insert(i, pos)

    # ---------------------------------------------------------------- sort orders

    def _sort_key(self, sort: SortKey) -> Callable[[int], tuple[str | int, ...]]:
        numbers = self._numbers
        if sort == "number":
            return lambda p: (numbers[p],)
        name_key, hay = _NAME_KEYS[sort], self._hay
        return lambda p: (name_key(hay[p]), numbers[p])

    def _order(self, sort: SortKey) -> _Order:
        order = self._orders.get(sort)
        if order is None:
            if sort not in SORT_KEYS:
                raise ValueError(f"Unknown sort key: {sort!r}")
            hay = self._hay
            if sort == "number":
                perm = sorted(compress(range(len(hay)), hay), key=self._numbers.__getitem__)
            else:
                # The last-name order is (last, first, number); a stable sort on just the first
                # name, or just the company, turns it into the wanted order with short keys.
                keys: list[str]
                if sort == "first_name":
                    keys = [h[(i := h.find(_SEP) + 1) : h.find(_SEP, i)] for h in hay]
                else:
                    keys = list(map(_company_prefix, hay))
                perm = sorted(self._orders["last_name"].perm, key=keys.__getitem__)
                del keys
            order = self._orders[sort] = _Order(array(_POS, perm), len(hay))
        return order

    def _unlist(self, pos: int) -> None:
        """Take a live row out of every order and cached result, before it changes."""
        self._counts.clear()
        if self._grams is not None:
            self._grams.discard(pos, self._hay[pos])
        elif self._grams_dirty is not None:
            self._grams_dirty.add(pos)
        for sort, order in self._orders.items():
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
        for matches in self._cache.values():
            i = bisect_left(matches, pos)
            if i < len(matches) and matches[i] == pos:
                del matches[i]
                self._cached_positions -= 1

    def _enlist(self, pos: int) -> None:
        """Put a live row into every order and into the cached results it matches."""
        self._counts.clear()
        if self._grams is not None:
            self._grams.add(pos, self._hay[pos])
        elif self._grams_dirty is not None:
            self._grams_dirty.add(pos)
        for sort, order in self._orders.items():
            key = self._sort_key(sort)
            i = bisect_right(order.perm, key(pos), key=key)
            order.perm.insert(i, pos)
            order.place(i)
            if sort == "last_name" and (
                (i > 0 and order.perm[i - 1] > pos)
                or (i + 1 < len(order.perm) and order.perm[i + 1] < pos)
            ):
                self._in_layout_order = False
        hay = self._hay[pos]
        for (terms, consignors_only), matches in self._cache.items():
            if consignors_only and not self._consignor[pos]:
                continue
            if all(t in hay or (d is not None and d in hay) for t, d in terms):
                matches.insert(bisect_left(matches, pos), pos)
                self._cached_positions += 1

    # ---------------------------------------------------------------- matching

    def _cached(self, terms: _Query, consignors_only: bool) -> array[int] | None:
        key = (terms, consignors_only)
        matches = self._cache.get(key)
        if matches is not None:
            self._cache.move_to_end(key)
        return matches

    def _superset(
        self, terms: _Query, consignors_only: bool
    ) -> tuple[array[int], _Query, bool] | None:
        """The smallest cached result that holds every row `terms` can match."""
        best: tuple[array[int], _Query, bool] | None = None
        for (cached_terms, cached_consignors), matches in self._cache.items():
            if cached_consignors and not consignors_only:
                continue
            if best is not None and len(matches) >= len(best[0]):
                continue
            if _query_implies(terms, cached_terms, not self._split_phones):
                best = (matches, cached_terms, cached_consignors)
        return best

    def _superset_size(self, terms: _Query, consignors_only: bool) -> int:
        superset = self._superset(terms, consignors_only)
        return len(self._hay) if superset is None else len(superset[0])

    def _test_cost(self, terms: _Query, consignors_only: bool) -> int:
        """About how many rows finding every match of `terms` tests."""
        cost = self._superset_size(terms, consignors_only)
        grams = self._gram_rows(terms)
        if grams is not None:
            rows, todo = grams
            cost = min(cost, len(rows) if todo else 0)
        return cost

    def _split_positions(self) -> BitMap:
        positions = map(self._find, self._split_phones)
        return BitMap(pos for pos in positions if pos is not None)

    def _gram_rows(self, terms: _Query) -> tuple[BitMap, list[_Term]] | None:
        """Rows the grams say may match every term, and the terms still to test on them.

        None when no term has a known substring. No term left to test: the rows are exact.
        """
        grams = self._grams
        if grams is None:
            return None
        memo = self._gram_memo
        if memo is not None and memo[0] == self._version and memo[1] == terms:
            return memo[2]
        rows: BitMap | None = None
        todo: list[_Term] = []
        for term in terms:
            text, digits = self._needles(term)
            found = grams.rows(text)
            if found is not None and digits is not None:
                # A whole phone holds its digits as a run of its text: the sets of plain
                # digit runs bound the digit rule's matches. Phones whose punctuation splits
                # the digits are few, and always tested.
                by_digits = grams.rows(digits.translate(_DECODE))
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
        self._gram_memo = (self._version, terms, result)
        return result

    def _matches(self, terms: _Query, consignors_only: bool) -> array[int]:
        """Positions (ascending) of live rows matching every term."""
        return finish(self._matching(terms, consignors_only))

    def _matching(self, terms: _Query, consignors_only: bool) -> Generator[None, None, array[int]]:
        """`_matches` in slices (see `view_steps`); the caller holds the lock in each."""
        cached = self._cached(terms, consignors_only)
        if cached is not None:
            return cached
        superset = self._superset(terms, consignors_only)
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
                    _POS, compress(candidates, map(self._consignor.__getitem__, candidates))
                )
            superset = None
        elif superset is None:
            if consignors_only:
                candidates = array(_POS, compress(range(len(self._hay)), self._consignor))
            else:
                candidates = yield from self._scan(todo.pop(0))
        else:
            candidates, done, done_consignors = superset
            todo = [t for t in todo if t not in done]
            if consignors_only and not done_consignors:
                candidates = array(
                    _POS, compress(candidates, map(self._consignor.__getitem__, candidates))
                )
        for term in todo:
            candidates = yield from self._narrowing(candidates, term)
        matches = candidates if isinstance(candidates, array) else array(_POS, candidates)
        if superset is not None and matches is superset[0]:
            matches = array(_POS, matches)  # never share one array between two entries
        self._remember((terms, consignors_only), matches)
        return matches

    def _scan(self, term: _Term) -> Generator[None, None, array[int]]:
        text, digits = self._needles(term)
        hay = self._hay
        found = array(_POS)
        for start in range(0, len(hay), _SLICE):
            rows = hay[start : start + _SLICE]
            hits = map(contains, rows, repeat(text))
            if digits is not None:
                hits = map(or_, hits, map(contains, rows, repeat(digits)))
            found.extend(compress(range(start, start + len(rows)), hits))
            yield
        return found

    def _scan_mask(self, term: _Term) -> bytearray:
        text, digits = self._needles(term)
        hay = self._hay
        found = map(contains, hay, repeat(text))
        if digits is not None:
            found = map(or_, found, map(contains, hay, repeat(digits)))
        return bytearray(found)

    def _narrow(self, candidates: Sequence[int], term: _Term) -> array[int]:
        text, digits = self._needles(term)
        hay = self._hay
        if isinstance(candidates, range):
            # A stretch of the layout: its rows side by side, tested at C speed.
            rows = hay[candidates.start : candidates.stop]
            hits = map(contains, rows, repeat(text))
            if digits is not None:
                hits = map(or_, hits, map(contains, rows, repeat(digits)))
            return array(_POS, compress(candidates, hits))
        if digits is None:
            return array(_POS, [p for p in candidates if text in hay[p]])
        return array(_POS, [p for p in candidates if text in (h := hay[p]) or digits in h])

    def _narrowing(
        self, candidates: Sequence[int], term: _Term
    ) -> Generator[None, None, array[int]]:
        # Rows picked out of the layout cost up to ~4 times a stretch's (memory is not read
        # in order): a quarter of a slice at a time keeps a step near the stretch's ~3 ms.
        step = _SLICE if isinstance(candidates, range) else max(1, _SLICE // 4)
        if len(candidates) <= step:
            return self._narrow(candidates, term)
        found = array(_POS)
        for start in range(0, len(candidates), step):
            found.extend(self._narrow(candidates[start : start + step], term))
            yield
        return found

    def _needles(self, term: _Term) -> _Term:
        """What to look for in a row: the text, and the encoded digits where they can add.

        Digits alone ("555") find a whole phone ("+15551234567") by its text already; only a
        phone with punctuation between its digits needs the encoded digits looked up too.
        """
        text, digits = term
        if digits is not None and not self._split_phones and not text.strip(_DIGITS):
            return text, None
        return term

    def _remember(self, key: tuple[_Query, bool], matches: array[int]) -> None:
        cache = self._cache
        cache[key] = matches
        self._cached_positions += len(matches)
        while len(cache) > _CACHE_ENTRIES:
            _, evicted = cache.popitem(last=False)
            self._cached_positions -= len(evicted)
        while len(cache) > 1 and self._cached_positions > _CACHE_POSITIONS:
            # Over the memory budget the biggest result goes first, not the oldest: it holds
            # most of the memory, narrows least, and is the quickest to find a page of. The
            # newest stays, as the next keystroke may narrow from it.
            biggest = max((k for k in cache if k != key), key=lambda k: len(cache[k]))
            self._cached_positions -= len(cache.pop(biggest))

    def _walk(
        self, perm: array[int], terms: _Query, consignors_only: bool, n: int, budget: int
    ) -> tuple[list[int], bool]:
        """Test rows in sort order until `n` match; (found, whether that answer is final)."""
        found: list[int] = []
        # In layout order the walk reads the rows themselves in stretches (tombstones match
        # no term and are no consignors), at C speed rather than one position at a time.
        in_layout = perm is self._orders["last_name"].perm and self._in_layout_order
        start, size = 0, _WALK_CHUNK
        total = len(self._hay) if in_layout else len(perm)
        while start < total and start < budget:
            chunk: Sequence[int] = (
                range(start, min(start + size, total)) if in_layout else perm[start : start + size]
            )
            if consignors_only:
                chunk = list(compress(chunk, map(self._consignor.__getitem__, chunk)))
            for term in terms:
                chunk = self._narrow(chunk, term)
            found.extend(chunk)
            if len(found) >= n:
                return found[:n], True
            start += size
            size = min(size * 4, _SLICE)
        return found, start >= total

    def _first_of(
        self, matches: array[int], order: _Order, terms: _Query, consignors_only: bool, n: int
    ) -> list[int]:
        if order is self._orders["last_name"] and self._in_layout_order:
            return list(matches[:n])  # positions ascending are this order
        if len(matches) > _NSMALLEST_LIMIT:
            # Dense matches: about n * rows / matches rows of the sort order hold the page;
            # a much longer walk means they cluster late, and ranking them all is cheaper.
            expected = n * self._alive // len(matches) + 1
            found, complete = self._walk(order.perm, terms, consignors_only, n, 8 * expected + 1024)
            if complete:
                return found
        return heapq.nsmallest(n, matches, key=order.rank.__getitem__)


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
