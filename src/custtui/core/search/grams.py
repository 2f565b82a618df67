"""Row sets of the substrings many customers share, so that typing one costs no scan.

At a million customers "gmail" is in 300,000 rows, and narrowing "gma" to "gmai" to "gmail"
tests each of them again, ~60 ms a keystroke; "415" narrows from the 150,000 rows holding
"41". Built once in the background after loading, these sets answer such terms at once:

- every substring of 3+ characters within one field that at least `min_rows` rows hold,
  with its exact rows: found level by level (a substring is only that common when both of
  its one-shorter substrings are), equal sets stored once;
- every run of three digits with its rows, however few (phones are stored whole, so their
  digits are runs of the text).

Any other term's rows lie in the intersection of its known substrings' sets: typically a
few thousand rows left to test. Sets are compressed bitmaps of row positions (pyroaring),
intersected in C.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from itertools import compress, repeat
from multiprocessing import get_context
from multiprocessing.connection import Connection
from operator import contains

from pyroaring import BitMap

from custtui.core.runtime.processes import real_stderr
from custtui.core.runtime.steps import finish

__all__ = ["Grams", "build_apart", "build_grams"]

_SEP = "\x1f"
_DIGIT_RUNS = re.compile(r"[0-9]{3,}")
_SAMPLE_ROWS = 20_000  # rows counted to guess which trigrams are common
_STEP_ROWS = 8_192  # rows handled between two pauses of the build
_LONGEST = 24  # no common substring is followed further than this
_KNOWN_SETS = 4  # a term's superset intersects its few smallest known sets
_SLICES = [slice(i, i + 3) for i in range(512)]
_SEND_ROWS = 65_536  # rows per message to the build's own process
_WAIT = 0.05  # seconds between two looks for its answer (and at `alive`)

# What crosses between processes, one set at a time (no second copy of them all in memory):
# the texts sharing the set, whether they are digit runs, the set serialized.
_Part = tuple[tuple[str, ...], bool, bytes]


class Grams:
    """Common substrings' and digit runs' row sets, kept in step with the rows."""

    __slots__ = ("_common", "_runs", "_shares")

    def __init__(self, common: dict[str, BitMap], runs: dict[str, BitMap]) -> None:
        self._common = common  # substrings with many rows; equal sets shared
        self._runs = runs  # every run of three digits; no set shared
        self._shares = Counter(map(id, common.values()))  # texts per shared set

    def parts(self) -> Iterator[_Part]:
        shared: dict[int, tuple[BitMap, list[str]]] = {}
        for text, rows in self._common.items():
            shared.setdefault(id(rows), (rows, []))[1].append(text)
        for rows, texts in shared.values():
            yield tuple(texts), False, rows.serialize()
        for text, rows in self._runs.items():
            yield (text,), True, rows.serialize()

    @classmethod
    def from_parts(cls, parts: Iterable[_Part]) -> Grams:
        common: dict[str, BitMap] = {}
        runs: dict[str, BitMap] = {}
        for texts, is_run, data in parts:
            rows = BitMap.deserialize(data)
            (runs if is_run else common).update(dict.fromkeys(texts, rows))
        return cls(common, runs)

    def rows(self, text: str) -> tuple[BitMap, bool] | None:
        """(rows, exact): the rows holding `text`, or a superset when not exact.

        None when no substring of `text` is known. The sets returned are the index's own:
        never change them.
        """
        found = self._known(text)
        if found is not None:
            return found, True
        known = [
            rows
            for size in range(min(len(text) - 1, _LONGEST), 2, -1)
            for start in range(len(text) - size + 1)
            if (rows := self._known(text[start : start + size])) is not None
        ]
        if not known:
            return None
        known.sort(key=len)
        rows = known[0]
        for other in known[1:_KNOWN_SETS]:
            rows = rows & other
        return rows, False

    def _known(self, text: str) -> BitMap | None:
        found = self._common.get(text)
        return self._runs.get(text) if found is None else found

    def discard(self, pos: int, hay: str | None = None) -> None:
        """Forget row `pos` (before it changes or goes); `hay`: its text, when known."""
        if hay is None:
            for rows in (*self._common.values(), *self._runs.values()):
                rows.discard(pos)
            return
        for text, rows in self._common.items():
            if text in hay:
                rows.discard(pos)
        for trigram in _run_trigrams(hay):
            known = self._runs.get(trigram)
            if known is not None:
                known.discard(pos)

    def add(self, pos: int, hay: str) -> None:
        """Count row `pos` in the sets of the substrings `hay` holds."""
        held: dict[int, tuple[BitMap, list[str]]] = {}
        for text, rows in self._common.items():
            if text in hay:
                held.setdefault(id(rows), (rows, []))[1].append(text)
        for rows, texts in held.values():
            if len(texts) < self._shares[id(rows)]:
                # Substrings that shared one set no longer agree: the holders get their own.
                self._shares[id(rows)] -= len(texts)
                rows = BitMap(rows)
                self._shares[id(rows)] = len(texts)
                for text in texts:
                    self._common[text] = rows
            rows.add(pos)
        for trigram in _run_trigrams(hay):
            known = self._runs.get(trigram)
            if known is None:
                self._runs[trigram] = BitMap([pos])
            else:
                known.add(pos)


def build_grams(
    hay: Sequence[str], min_rows: int, alive: Callable[[], bool] = lambda: True
) -> Generator[None, None, Grams | None]:
    """Build the sets over `hay` (row texts by position), pausing every few thousand rows.

    Rows may change while it runs (it reads each once, without a lock), as long as the caller
    patches the result for every position changed meanwhile. `alive` is asked at each pause:
    the build gives up (returns None) once it says no (the rows were replaced wholesale, or
    the build is no longer wanted).
    """
    size = len(hay)
    frequent = _frequent_trigrams(hay, min_rows)
    sets: dict[str, BitMap] = {}
    for start in range(0, size, _STEP_ROWS):
        if not alive():
            return None
        _index_rows(hay, range(start, min(start + _STEP_ROWS, size)), frequent, sets)
        yield
    level = {t: rows for t, rows in sets.items() if t in frequent and len(rows) >= min_rows}
    for trigram in frequent:
        if trigram in sets and trigram not in level and not _is_digit_run(trigram):
            del sets[trigram]  # guessed common from the sample, but it is not
    while level:
        longer: dict[str, BitMap] = {}
        by_prefix: defaultdict[str, list[str]] = defaultdict(list)
        for text in level:
            by_prefix[text[:-1]].append(text)
        for text, rows in level.items():
            if len(text) >= _LONGEST:
                continue
            for follower in by_prefix.get(text[1:], ()):
                candidates = rows & level[follower]
                if len(candidates) < min_rows:
                    continue
                found = yield from _verify(hay, candidates, text + follower[-1], alive)
                if found is None:
                    return None
                if len(found) >= min_rows:
                    # "gmai" and "gmail" hold the same rows: one set for both.
                    longer[text + follower[-1]] = rows if found == rows else found
        sets.update(longer)
        level = longer
    runs = {t: rows for t, rows in sets.items() if _is_digit_run(t)}
    # A digit run's set changes with every phone: never shared with a common substring.
    run_sets = {id(rows) for rows in runs.values()}
    copies: dict[int, BitMap] = {}
    common: dict[str, BitMap] = {}
    for text, rows in sets.items():
        if not _is_digit_run(text):
            if id(rows) in run_sets:
                if id(rows) not in copies:
                    copies[id(rows)] = BitMap(rows)
                rows = copies[id(rows)]
            common[text] = rows
    for rows in {id(s): s for s in (*common.values(), *runs.values())}.values():
        rows.run_optimize()
        rows.shrink_to_fit()
    return Grams(common, runs)


def _run_trigrams(text: str) -> set[str]:
    return {run[i : i + 3] for run in _DIGIT_RUNS.findall(text) for i in range(len(run) - 2)}


def build_apart(
    hay: Sequence[str], min_rows: int, alive: Callable[[], bool] = lambda: True
) -> Grams | None:
    """`build_grams` in a process of its own; None when `alive` said stop.

    Why: the build holds the interpreter for ~25 s at a million rows, and typing meanwhile
    waited on it (160 ms stalls); its scratch memory also goes back whole when the process
    ends. Raises OSError, EOFError, RuntimeError or ValueError when the process can't start
    or dies: build here then.
    """
    process_context = get_context("spawn")  # not fork: the app has threads running
    ours, theirs = process_context.Pipe()
    process = process_context.Process(
        target=_build_child, args=(theirs, min_rows), name="custtui-search-sets", daemon=True
    )
    with real_stderr():
        process.start()
    theirs.close()
    try:
        ours.send(len(hay))
        for start in range(0, len(hay), _SEND_ROWS):
            if not alive():
                return None
            rows = "\n".join(hay[start : start + _SEND_ROWS])  # no row holds a newline
            ours.send_bytes(rows.encode("utf-8", "surrogatepass"))
        while not ours.poll(_WAIT):
            if not alive():
                return None
            if not process.is_alive():
                raise EOFError("the search sets' process ended without an answer")
        return Grams.from_parts(iter(ours.recv, None))
    finally:
        ours.close()
        if process.is_alive():
            process.kill()
        process.join(5)


def _build_child(conn: Connection, min_rows: int) -> None:
    size = conn.recv()
    hay: list[str] = []
    while len(hay) < size:
        hay.extend(conn.recv_bytes().decode("utf-8", "surrogatepass").split("\n"))
    grams = finish(build_grams(hay, min_rows))
    del hay
    for part in grams.parts() if grams is not None else ():
        conn.send(part)
    conn.send(None)
    conn.close()


def _is_digit_run(text: str) -> bool:
    return _DIGIT_RUNS.fullmatch(text) is not None


def _fields(hay: str) -> str:
    """The row's own text, without the encoded phone digits that `search` appends."""
    return hay.rsplit(_SEP, 2)[0]


def _trigrams(text: str) -> set[str]:
    return set(map(text.__getitem__, _SLICES[: max(len(text) - 2, 0)]))


def _frequent_trigrams(hay: Sequence[str], min_rows: int) -> frozenset[str]:
    """Trigrams a sample of rows suggests at least `min_rows` rows hold (generously)."""
    every = max(1, len(hay) // _SAMPLE_ROWS)
    counts: defaultdict[str, int] = defaultdict(int)
    for pos in range(0, len(hay), every):
        for trigram in _trigrams(_fields(hay[pos])):
            counts[trigram] += 1
    # A little under the share: a common trigram the sample under-counts is still followed
    # (20,000 rows sampled: a trigram held by 2% is counted ~400 times, give or take 20).
    threshold = 0.8 * min_rows / every
    return frozenset(t for t, n in counts.items() if n >= threshold and _SEP not in t)


def _index_rows(
    hay: Sequence[str], positions: Iterable[int], frequent: frozenset[str], sets: dict[str, BitMap]
) -> None:
    found: defaultdict[str, list[int]] = defaultdict(list)
    for pos in positions:
        text = hay[pos]
        if not text:
            continue  # a removed customer
        for trigram in _trigrams(_fields(text)) & frequent:
            found[trigram].append(pos)
        for trigram in _run_trigrams(text):
            found[trigram].append(pos)
    for trigram, positions_ in found.items():
        rows = sets.get(trigram)
        if rows is None:
            sets[trigram] = BitMap(positions_)
        else:
            rows.update(positions_)


def _verify(
    hay: Sequence[str], candidates: BitMap, text: str, alive: Callable[[], bool]
) -> Generator[None, None, BitMap | None]:
    found = BitMap()
    for start in range(0, len(candidates), 4 * _STEP_ROWS):
        if not alive():
            return None
        part = candidates[start : start + 4 * _STEP_ROWS]
        found.update(compress(part, map(contains, map(hay.__getitem__, part), repeat(text))))
        yield
    return found
