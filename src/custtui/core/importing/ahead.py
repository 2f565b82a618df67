"""Checking the costly values of a large import ahead, in a worker process, while it writes.

Checking phone numbers (and emails) is most of the checks' work, so from `pool_from` rows
on a worker process works them out for the next chunks while the importing process checks
and writes the current chunk. What the worker hands back is taken as known (the same rule
ran there); what it has not (it is still starting, or it died, or there is none) is checked
in the importing process as usual, so the worker changes nothing but the speed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import BrokenExecutor, CancelledError, Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context

from custtui.core.fields.normalize import Outcomes, normalize_each, remember
from custtui.core.runtime.processes import real_stderr

# Files of fewer rows are checked without a worker: starting one costs more than it saves.
POOL_FROM = 10_000
AHEAD = 3  # chunks the worker has in hand while one is written
# The fields the worker checks: the costly checks of values that rarely repeat.
AHEAD_FIELDS = ("phone", "mobile_phone", "email")
# What says a worker process can't be started or has died (no sem_open, killed...), or
# that its work was dropped.
_NO_POOL = (OSError, ImportError, NotImplementedError, ValueError, BrokenExecutor, CancelledError)

# Takes what the worker worked out for a field's values (read with the business's region
# and each row's country), for the checks here to use.
Take = Callable[[str, list[str], str, Outcomes, list[str | None]], None]
# Work handed to the worker: for each field, its values in a chunk, each row's country and
# their future outcomes.
_Ahead = dict[str, tuple[list[str], list[str | None], Future[Outcomes]]]


def start_pool() -> Executor | None:
    """One worker process, or None when none can be had here."""
    try:
        # spawn, not fork: the app imports from a thread, and forking a threaded
        # process can copy a lock some other thread holds.
        with real_stderr():
            return ProcessPoolExecutor(1, mp_context=get_context("spawn"))
    except _NO_POOL:
        return None


@dataclass(frozen=True)
class AheadWorker:
    """Where the worker comes from and what is done with its answers.

    The import uses the defaults; a test passes its own `start` (a worker already running,
    or one that dies) or `take` (to see which answers were used).
    """

    start: Callable[[], Executor | None] = start_pool
    take: Take = remember


AHEAD_WORKER = AheadWorker()


def mapped_chunks(
    rows: Sequence[Sequence[str]],
    apply: Callable[[Sequence[str]], dict[str, str]],
    batch: int,
    *,
    fields: Sequence[str],
    region: str,
    pool_from: int,
    worker: AheadWorker,
) -> Generator[tuple[int, list[dict[str, str]]]]:
    """Each chunk's first row and its rows as values by field, once what the worker checked
    ahead for `fields` is known; a file of fewer than `pool_from` rows goes without one."""
    pool = worker.start() if fields and len(rows) >= pool_from else None
    waiting: deque[tuple[int, list[dict[str, str]], _Ahead]] = deque()
    start = 0
    answered = False
    try:
        while start < len(rows) or waiting:
            while start < len(rows) and len(waiting) < (AHEAD if pool else 1):
                mapped = [apply(row) for row in rows[start : start + batch]]
                ahead = _submit(pool, mapped, fields, region) if pool is not None else {}
                if ahead is None and pool is not None:  # the worker can't be had (any more)
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = None
                waiting.append((start, mapped, ahead or {}))
                start += batch
            first, mapped, ahead = waiting.popleft()
            for name, (raws, countries, future) in ahead.items():
                # Until the worker has answered once it is still starting (a good part
                # of a second): rather than wait, the values it has not done are checked
                # here. Once it runs, it is well ahead, and waiting for it costs nothing.
                if pool is None or not (answered or future.done()):
                    # Not cancelled: Python 3.11's pool can trip over a cancelled future
                    # should the worker die.
                    continue
                try:
                    worker.take(name, raws, region, future.result(), countries)
                    answered = True
                except _NO_POOL:
                    # The worker died: these values and the rest are checked here.
                    if pool is not None:
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = None
            yield first, mapped
    finally:
        if pool is not None:
            # Not waiting: a worker still starting up would hold up a small import.
            pool.shutdown(wait=False, cancel_futures=True)


def _submit(
    pool: Executor, mapped: list[dict[str, str]], fields: Sequence[str], region: str
) -> _Ahead | None:
    ahead: _Ahead = {}
    for name in fields:
        has = [values for values in mapped if name in values]
        raws = [values[name] for values in has]
        countries = [values.get("country") for values in has]
        try:
            with real_stderr():  # the first submit starts the worker
                future = pool.submit(normalize_each, name, raws, region, countries)
                ahead[name] = (raws, countries, future)
        except _NO_POOL:
            return None
    return ahead
