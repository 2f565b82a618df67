"""The import itself: classify every row of a mapped table, then write the good ones.

One importer serves the wizard screen and `custtui import`. The dry run and the import read
rows through the same classification (`_Classifier`), so what the dry run promises is what
the import does, short of customers another terminal adds in between.

Every row of the file is accounted for: imported, skipped with a reason (written to the
rejects file), or, after a cancel, not reached (written there too, so the rest of the file
can be imported later from the rejects file).
"""

from __future__ import annotations

import contextlib
import csv
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterator, Sequence
from concurrent.futures import BrokenExecutor, CancelledError, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any

from custtui.core.customers.export import neutralise
from custtui.core.customers.lookup import email_owners
from custtui.core.customers.record import format_number, require_customers
from custtui.core.customers.service import (
    EMAIL_TAKEN_ON_CREATE,
    RowError,
    clean_new_values,
    create_clean_customers,
)
from custtui.core.errors import CusttuiError, ValidationError
from custtui.core.fields.catalogue import FIELDS
from custtui.core.fields.contact import email_key
from custtui.core.fields.normalize import Outcomes, normalize_each, remember
from custtui.core.importing.mapping import IMPORT_FIELDS, NAME_REQUIRED, has_name, mapper
from custtui.core.importing.read import ImportFileError, Table
from custtui.core.importing.saved import save_mapping
from custtui.core.runtime.processes import real_stderr
from custtui.core.store import audit
from custtui.core.store.businesses import Context

BATCH = 1000
SAMPLES = 5
# Files of fewer rows are checked without a worker: starting one costs more than it saves.
POOL_FROM = 10_000
AHEAD = 3  # chunks the worker has in hand while one is written
# The fields the worker checks: the costly checks of values that rarely repeat.
AHEAD_FIELDS = ("phone", "mobile_phone", "email")
# What says a worker process can't be started or has died (no sem_open, killed...), or
# that its work was dropped.
_NO_POOL = (OSError, ImportError, NotImplementedError, ValueError, BrokenExecutor, CancelledError)

# Outcome of a row -> how a count of them is labelled, in the order they are shown.
OUTCOMES: dict[str, str] = {
    "create": "New customers",
    "no_name": "Skipped: no usable name",
    "duplicate": "Skipped: duplicate email",
    "invalid": "Skipped: invalid value",
}
SKIPS = ("no_name", "duplicate", "invalid")
NOT_REACHED = "Not imported: the import was cancelled before this row."
STOPPED = "Not imported: the import stopped on an error before this row."
_NAME_MISSING = frozenset({"First name is required.", "Last name is required."})
_FIELD_ORDER = {name: i for i, name in enumerate(FIELDS)}


def _field_order(name: str) -> int:
    return _FIELD_ORDER.get(name, len(FIELDS))


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class CheckCancelled(CusttuiError):
    """A dry run stopped early on request: it has no result."""


class MappingError(CusttuiError):
    """The column mapping can't be imported with (no name column, a field mapped twice)."""


@dataclass(frozen=True)
class Verdict:
    """What happens to one row: `outcome` is a key of OUTCOMES; `reason` says why it's skipped."""

    index: int
    number: int
    outcome: str
    reason: str
    values: dict[str, str]


@dataclass(frozen=True)
class DryRun:
    rows: int
    counts: dict[str, int]
    samples: dict[str, list[Verdict]]

    @property
    def to_create(self) -> int:
        return self.counts.get("create", 0)

    @property
    def skipped(self) -> int:
        return self.rows - self.to_create


@dataclass(frozen=True)
class ImportResult:
    import_id: int
    rows: int
    imported: int
    counts: dict[str, int]
    not_reached: int
    rejects: Path | None
    cancelled: bool
    numbers: list[tuple[int, int]] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(self.counts.get(key, 0) for key in SKIPS)


def check_mapping(headers: Sequence[str], mapping: Sequence[str | None]) -> None:
    """Raise MappingError unless the mapping can be imported with."""
    if len(mapping) != len(headers):
        raise MappingError("The mapping does not fit the file's columns.")
    claimed: dict[str, str] = {}
    for header, target in zip(headers, mapping, strict=True):
        if target is None:
            continue
        if target not in IMPORT_FIELDS:
            raise MappingError(f'"{target}" is not a field a column can be imported into.')
        if target in claimed:
            raise MappingError(
                f'{IMPORT_FIELDS[target]} is mapped to both "{claimed[target]}" and "{header}"; '
                "skip one of them."
            )
        claimed[target] = header
    if not has_name(mapping):
        raise MappingError(NAME_REQUIRED)


def with_overrides(
    mapping: Sequence[str | None], overrides: dict[int, str | None]
) -> list[str | None]:
    """`mapping` with the given columns changed; a field given to a column leaves the others."""
    chosen = set(overrides.values())
    result = [
        None if (index not in overrides and target in chosen) else target
        for index, target in enumerate(mapping)
    ]
    for index, target in overrides.items():
        result[index] = target
    return result


def rejects_path_for(source: Path) -> Path:
    """`customers.csv` -> `customers.rejects.csv`, beside it."""
    return source.with_name(f"{source.stem}.rejects.csv")


_Row = tuple[Verdict, dict[str, object] | None]
# Work handed to the worker: for each field, its values in a chunk and their future outcomes.
_Ahead = dict[str, tuple[list[str], Future[Outcomes]]]


class _Classifier:
    """Decides each row's outcome; remembers emails across chunks to catch repeats.

    Checking phone numbers (and emails) is most of the checks' work, so from `pool_from` rows
    on a worker process works them out for the next chunks while this one checks and writes
    the current chunk. What the worker hands back is taken as known (the same rule ran
    there); what it has not (it is still starting, or it died, or there is none) is checked
    here as usual, so the worker changes nothing but the speed.
    """

    def __init__(
        self,
        ctx: Context,
        table: Table,
        mapping: Sequence[str | None],
        *,
        pool_from: int = POOL_FROM,
    ) -> None:
        self.ctx = ctx
        self.table = table
        self.apply = mapper(mapping)
        self.region = ctx.business.region
        self.has_consignment = ctx.business.has_consignment
        self.ahead = [name for name in AHEAD_FIELDS if name in mapping]
        self.pool_from = pool_from
        self.first_row_of: dict[str, int] = {}

    def chunks(self, batch: int) -> Generator[list[_Row]]:
        """Every chunk of `batch` rows in file order, classified; close it to stop early."""
        for start, mapped in self._mapped(batch):
            rows = [self._classify(start + i, values) for i, values in enumerate(mapped)]
            yield self._mark_duplicates(rows)

    def _classify(self, index: int, values: dict[str, str]) -> _Row:
        number = self.table.number(index)
        try:
            clean = clean_new_values(
                values, region=self.region, has_consignment=self.has_consignment
            )
        except ValidationError as exc:
            messages = [exc.errors[k] for k in sorted(exc.errors, key=_field_order)]
            missing_name = any(m in _NAME_MISSING for m in messages)
            outcome = "no_name" if missing_name else "invalid"
            return Verdict(index, number, outcome, " ".join(messages), values), None
        return Verdict(index, number, "create", "", values), clean

    def _mapped(self, batch: int) -> Iterator[tuple[int, list[dict[str, str]]]]:
        """Each chunk's rows as values by field, once the values worked out ahead are known."""
        rows = self.table.rows
        pool = self._pool() if self.ahead and len(rows) >= self.pool_from else None
        waiting: deque[tuple[int, list[dict[str, str]], _Ahead]] = deque()
        start = 0
        answered = False
        try:
            while start < len(rows) or waiting:
                while start < len(rows) and len(waiting) < (AHEAD if pool else 1):
                    mapped = [self.apply(row) for row in rows[start : start + batch]]
                    ahead = self._ahead(pool, mapped) if pool is not None else {}
                    if ahead is None and pool is not None:  # the worker can't be had (any more)
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = None
                    waiting.append((start, mapped, ahead or {}))
                    start += batch
                first, mapped, ahead = waiting.popleft()
                for name, (raws, future) in ahead.items():
                    # Until the worker has answered once it is still starting (a good part
                    # of a second): rather than wait, the values it has not done are checked
                    # here. Once it runs, it is well ahead, and waiting for it costs nothing.
                    if pool is None or not (answered or future.done()):
                        # Not cancelled: Python 3.11's pool can trip over a cancelled future
                        # should the worker die.
                        continue
                    try:
                        remember(name, raws, self.region, future.result())
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

    def _ahead(self, pool: ProcessPoolExecutor, mapped: list[dict[str, str]]) -> _Ahead | None:
        ahead: _Ahead = {}
        for name in self.ahead:
            raws = [values[name] for values in mapped if name in values]
            try:
                with real_stderr():  # the first submit starts the worker
                    ahead[name] = (raws, pool.submit(normalize_each, name, raws, self.region))
            except _NO_POOL:
                return None
        return ahead

    @staticmethod
    def _pool() -> ProcessPoolExecutor | None:
        try:
            # spawn, not fork: the app imports from a thread, and forking a threaded
            # process can copy a lock some other thread holds.
            with real_stderr():
                return ProcessPoolExecutor(1, mp_context=get_context("spawn"))
        except _NO_POOL:
            return None

    def _mark_duplicates(self, rows: list[_Row]) -> list[_Row]:
        keys: dict[int, str] = {}
        for i, (_, clean) in enumerate(rows):
            email = clean.get("email") if clean is not None else None
            if isinstance(email, str):
                keys[i] = email_key(email)
        owners = email_owners(self.ctx, set(keys.values())) if keys else {}
        for i, key in keys.items():
            verdict, clean = rows[i]
            if key in owners:
                reason = f"{EMAIL_TAKEN_ON_CREATE[:-1]} ({format_number(owners[key])})."
            elif key in self.first_row_of:
                reason = f"Same email as row {self.first_row_of[key]}."
            else:
                self.first_row_of[key] = verdict.number
                continue
            rows[i] = (_skip(verdict, "duplicate", reason), None)
        return rows


def _skip(verdict: Verdict, outcome: str, reason: str) -> Verdict:
    return Verdict(verdict.index, verdict.number, outcome, reason, verdict.values)


def dry_run(
    ctx: Context,
    table: Table,
    mapping: Sequence[str | None],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    batch: int = BATCH,
    pool_from: int = POOL_FROM,
) -> DryRun:
    """Classify every row without writing anything; `cancelled` is asked between chunks."""
    require_customers(ctx)
    check_mapping(table.headers, mapping)
    classifier = _Classifier(ctx, table, mapping, pool_from=pool_from)
    counts: Counter[str] = Counter()
    samples: dict[str, list[Verdict]] = {key: [] for key in OUTCOMES}
    total = len(table.rows)
    done = 0
    with contextlib.closing(classifier.chunks(batch)) as chunks:
        for rows in chunks:
            if cancelled is not None and cancelled():
                raise CheckCancelled("The check was cancelled.")
            for verdict, _ in rows:
                counts[verdict.outcome] += 1
                if len(samples[verdict.outcome]) < SAMPLES:
                    samples[verdict.outcome].append(verdict)
            done = min(done + batch, total)
            if progress is not None:
                progress(done, total)
    return DryRun(total, {key: counts[key] for key in OUTCOMES}, samples)


class _Rejects:
    """The rejects CSV: the skipped rows as they were, plus where they were and why."""

    def __init__(self, path: Path, headers: Sequence[str]) -> None:
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self.count = 0
        try:
            # Opened before anything is imported, so a place we can't write to stops the
            # import while nothing has happened yet.
            self.handle: IO[str] = self.part.open("w", newline="", encoding="utf-8")
        except OSError as exc:
            raise ImportFileError(
                f"Can't write the rejects file {path}: {exc.strerror or exc}; "
                "choose another place for it."
            ) from None
        self.writer = csv.writer(self.handle)
        self.writer.writerow([neutralise(h) for h in (*headers, "Row", "Reason")])

    def add(self, row: Sequence[str], number: int, reason: str) -> None:
        self.writer.writerow([*(neutralise(cell) for cell in row), number, neutralise(reason)])
        self.count += 1

    def close(self) -> Path | None:
        self.handle.close()
        if not self.count:
            self.part.unlink(missing_ok=True)
            return None
        self.part.replace(self.path)
        return self.path

    def discard(self) -> None:
        self.handle.close()
        self.part.unlink(missing_ok=True)


def _write_batch(
    ctx: Context, rows: list[tuple[Verdict, dict[str, object] | None]]
) -> tuple[list[tuple[Verdict, dict[str, object] | None]], list[int]]:
    """Create the batch's new customers in one transaction; returns rows and new numbers.

    A customer another terminal created since the check (same email) turns that row into
    a duplicate and the batch is written without it.
    """
    while True:
        wanted = [i for i, (_, clean) in enumerate(rows) if clean is not None]
        try:
            created = create_clean_customers(
                ctx, [rows[i][1] or {} for i in wanted], audit_each=False
            )
        except RowError as exc:
            verdict, _ = rows[wanted[exc.index]]
            reason = " ".join(exc.errors.values())
            rows[wanted[exc.index]] = (_skip(verdict, "duplicate", reason), None)
            continue
        return rows, [c.number for c in created]


def _ranges(numbers: list[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for number in numbers:
        if ranges and ranges[-1][1] == number - 1:
            ranges[-1] = (ranges[-1][0], number)
        else:
            ranges.append((number, number))
    return ranges


def run_import(
    ctx: Context,
    table: Table,
    mapping: Sequence[str | None],
    source: Path,
    *,
    rejects: Path | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    batch: int = BATCH,
    pool_from: int = POOL_FROM,
) -> ImportResult:
    """Import the table's rows in batches, each one transaction; skipped rows go to `rejects`.

    `cancelled` is asked between batches: batches already written stay, the rest is
    reported (and written to the rejects file) as not reached.
    """
    require_customers(ctx)
    check_mapping(table.headers, mapping)
    source = Path(source)
    sink = _Rejects(rejects or rejects_path_for(source), table.headers)
    classifier = _Classifier(ctx, table, mapping, pool_from=pool_from)
    counts: Counter[str] = Counter()
    numbers: list[int] = []
    total = len(table.rows)
    done = 0
    stopped = False

    def finish(reason: str, cancelled: bool) -> ImportResult:
        for index in range(done, total):
            sink.add(table.rows[index], table.number(index), reason)
        written = sink.close()
        import_id = _record(ctx, table, mapping, source, counts, numbers, total - done, written)
        return ImportResult(
            import_id=import_id,
            rows=total,
            imported=len(numbers),
            counts={key: counts[key] for key in OUTCOMES},
            not_reached=total - done,
            rejects=written,
            cancelled=cancelled,
            numbers=_ranges(numbers),
        )

    try:
        with contextlib.closing(classifier.chunks(batch)) as chunks:
            while done < total:
                if cancelled is not None and cancelled():
                    stopped = True
                    break
                rows, made = _write_batch(ctx, next(chunks))
                numbers.extend(made)
                for verdict, _ in rows:
                    counts[verdict.outcome] += 1
                    if verdict.outcome != "create":
                        sink.add(table.rows[verdict.index], verdict.number, verdict.reason)
                done = min(done + batch, total)
                if progress is not None:
                    progress(done, total)
    except BaseException:
        if not numbers:
            sink.discard()
            raise
        # What was written stays: record it so it can be found and undone, and keep the
        # rest of the file in the rejects file. The original error is what the user sees.
        with contextlib.suppress(Exception):
            finish(STOPPED, True)
        raise
    return finish(NOT_REACHED, stopped)


def _record(
    ctx: Context,
    table: Table,
    mapping: Sequence[str | None],
    source: Path,
    counts: Counter[str],
    numbers: list[int],
    not_reached: int,
    rejects: Path | None,
) -> int:
    """The import's one audit event (its id is the import's id); the mapping is saved too."""
    changes: dict[str, Any] = {
        "file": source.name,
        "path": str(source),
        "source": table.source,
        "rows": len(table.rows),
        "imported": len(numbers),
        "skipped": {key: counts[key] for key in SKIPS},
        "not_reached": not_reached,
        "rejects": str(rejects) if rejects else None,
        "mapping": [[h, t] for h, t in zip(table.headers, mapping, strict=True)],
        # Customer numbers are handed out in one block per batch and never reused, so the
        # ranges name exactly the customers this import created.
        "numbers": [list(r) for r in _ranges(numbers)],
    }
    with ctx.store.write() as session:
        event = audit.record(
            session, ctx.business.id, ctx.user, "customers_imported", None, changes
        )
        save_mapping(session, ctx, table.headers, mapping)
        session.flush()
        return event.id
