"""What happens to each row of a mapped table: created, or skipped and why; the dry run.

The dry run and the import (run.py) read rows through the same classification
(`Classifier`), so what the dry run promises is what the import does, short of customers
another terminal adds in between.
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass

from custtui.core.customers.lookup import email_owners
from custtui.core.customers.record import format_number, require_customers
from custtui.core.customers.service import EMAIL_TAKEN_ON_CREATE, clean_new_values
from custtui.core.errors import CusttuiError, ValidationError
from custtui.core.fields.catalogue import FIELDS
from custtui.core.fields.contact import email_key
from custtui.core.importing.ahead import (
    AHEAD_FIELDS,
    AHEAD_WORKER,
    POOL_FROM,
    AheadWorker,
    mapped_chunks,
)
from custtui.core.importing.mapping import check_mapping, mapper
from custtui.core.importing.read import Table
from custtui.core.store.businesses import Context

BATCH = 1000
SAMPLES = 5

# Outcome of a row -> how a count of them is labelled, in the order they are shown.
OUTCOMES: dict[str, str] = {
    "create": "New customers",
    "no_name": "Skipped: no usable name",
    "duplicate": "Skipped: duplicate email",
    "invalid": "Skipped: invalid value",
}
SKIPS = ("no_name", "duplicate", "invalid")
_NAME_MISSING = frozenset({"First name is required.", "Last name is required."})
_FIELD_ORDER = {name: i for i, name in enumerate(FIELDS)}


def _field_order(name: str) -> int:
    return _FIELD_ORDER.get(name, len(FIELDS))


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class CheckCancelled(CusttuiError):
    """A dry run stopped early on request: it has no result."""


@dataclass(frozen=True)
class Verdict:
    """What happens to one row: `outcome` is a key of OUTCOMES; `reason` says why it's skipped."""

    index: int
    number: int
    outcome: str
    reason: str
    values: dict[str, str]


# A row's verdict, and its clean values when it is to be created.
Row = tuple[Verdict, dict[str, object] | None]


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


class Classifier:
    """Decides each row's outcome; remembers emails across chunks to catch repeats.

    From `pool_from` rows on, `worker` checks the costly values ahead (see ahead.py).
    """

    def __init__(
        self,
        ctx: Context,
        table: Table,
        mapping: Sequence[str | None],
        *,
        pool_from: int = POOL_FROM,
        worker: AheadWorker = AHEAD_WORKER,
    ) -> None:
        self.ctx = ctx
        self.table = table
        self.apply = mapper(mapping)
        self.region = ctx.business.region
        self.has_consignment = ctx.business.has_consignment
        self.ahead = [name for name in AHEAD_FIELDS if name in mapping]
        self.pool_from = pool_from
        self.worker = worker
        self.first_row_of: dict[str, int] = {}

    def chunks(self, batch: int) -> Generator[list[Row]]:
        """Every chunk of `batch` rows in file order, classified; close it to stop early."""
        chunks = mapped_chunks(
            self.table.rows,
            self.apply,
            batch,
            fields=self.ahead,
            region=self.region,
            pool_from=self.pool_from,
            worker=self.worker,
        )
        with contextlib.closing(chunks):
            for start, mapped in chunks:
                rows = [self._classify(start + i, values) for i, values in enumerate(mapped)]
                yield self._mark_duplicates(rows)

    def _classify(self, index: int, values: dict[str, str]) -> Row:
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

    def _mark_duplicates(self, rows: list[Row]) -> list[Row]:
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
            rows[i] = (skipped(verdict, "duplicate", reason), None)
        return rows


def skipped(verdict: Verdict, outcome: str, reason: str) -> Verdict:
    """The row, skipped after all."""
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
    worker: AheadWorker = AHEAD_WORKER,
) -> DryRun:
    """Classify every row without writing anything; `cancelled` is asked between chunks."""
    require_customers(ctx)
    check_mapping(table.headers, mapping)
    classifier = Classifier(ctx, table, mapping, pool_from=pool_from, worker=worker)
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
