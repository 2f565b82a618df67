"""The import itself: write the rows the classification lets through, batch by batch.

One importer serves the wizard screen and `custtui import`; it classifies rows as the dry
run does (classify.py). Every row of the file is accounted for: imported, skipped with a
reason (written to the rejects file), or, after a cancel, not reached (written there too,
so the rest of the file can be imported later from the rejects file).
"""

from __future__ import annotations

import contextlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from custtui.core.customers.record import require_customers
from custtui.core.customers.service import RowError, create_clean_customers
from custtui.core.importing.ahead import AHEAD_WORKER, POOL_FROM, AheadWorker
from custtui.core.importing.classify import (
    BATCH,
    OUTCOMES,
    SKIPS,
    Cancelled,
    Classifier,
    Progress,
    Row,
    skipped,
)
from custtui.core.importing.mapping import check_mapping
from custtui.core.importing.read import Table
from custtui.core.importing.rejects import Rejects, rejects_path_for
from custtui.core.importing.saved import save_mapping
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.outputs import refuse_overwrite

NOT_REACHED = "Not imported: the import was cancelled before this row."
STOPPED = "Not imported: the import stopped on an error before this row."


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


def _write_batch(ctx: Context, rows: list[Row]) -> tuple[list[Row], list[int]]:
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
            rows[wanted[exc.index]] = (skipped(verdict, "duplicate", reason), None)
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
    worker: AheadWorker = AHEAD_WORKER,
) -> ImportResult:
    """Import the table's rows in batches, each one transaction; skipped rows go to `rejects`.

    `cancelled` is asked between batches: batches already written stay, the rest is
    reported (and written to the rejects file) as not reached. From `pool_from` rows on,
    `worker` checks the costly values ahead (see ahead.py).
    """
    require_customers(ctx)
    check_mapping(table.headers, mapping)
    source = Path(source)
    target = rejects or rejects_path_for(source)
    refuse_overwrite(
        target, [(source, "the file being imported"), *ctx.store.own_files()], "rejects"
    )
    sink = Rejects(target, table.headers)
    classifier = Classifier(ctx, table, mapping, pool_from=pool_from, worker=worker)
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
