"""Large imports check phones and emails ahead in a worker process: nothing may differ for it.

The tests hand the import its worker (`worker=AheadWorker(...)`): one that is up before the
first chunk, or one that dies, and a `take` that notes which answers were used. Between
batches they wait until the worker has done all it was handed, so the next chunks find
its answers ready.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from multiprocessing import get_context
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import pytest
from sqlalchemy import select

from custtui.core.customers.service import create_customer
from custtui.core.demo.generate import generate_customers
from custtui.core.fields.catalogue import PLAIN_FIELDS
from custtui.core.importing.ahead import AheadWorker
from custtui.core.importing.classify import Progress, dry_run
from custtui.core.importing.mapping import auto_map
from custtui.core.importing.read import read_table
from custtui.core.importing.run import ImportResult, run_import
from custtui.core.importing.undo import undo_import
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer

from ..support import Answers

COLUMNS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "company",
    "email",
    "phone",
    "mobile_phone",
    "street",
)
COLUMNS += ("street2", "city", "state", "postal_code", "country", "notes")
ROWS = 300
BATCH = 40  # several chunks in flight at once

P = ParamSpec("P")
T = TypeVar("T")


def demo_csv(path: Path) -> Path:
    """Demo customers with the faults a real file has, spread over every chunk."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i, customer in enumerate(generate_customers(ROWS, seed=9)):
            row = [str(customer.fields[key] or "") for key in COLUMNS]
            if i % 7 == 3:
                row[3] = "not an email"
            if i % 11 == 5:
                row[0] = ""
            if i % 13 == 8:
                row[3] = "taken@example.com"  # the existing customer's, then each other's
            if i % 17 == 2:
                row[4] = "555"
            writer.writerow(row)
    return path


def customers(ctx: Context) -> list[tuple[object, ...]]:
    columns = [getattr(Customer, name) for name in PLAIN_FIELDS]
    with ctx.store.read() as session:
        return [tuple(row) for row in session.execute(select(*columns).order_by(Customer.number))]


def imported(
    ctx: Context,
    path: Path,
    pool_from: int,
    progress: Progress | None = None,
    worker: AheadWorker | None = None,
) -> tuple[ImportResult, str, list[tuple[object, ...]]]:
    table = read_table(path)
    mapping = auto_map(table.headers)
    result = run_import(
        ctx,
        table,
        mapping,
        path,
        batch=BATCH,
        pool_from=pool_from,
        progress=progress,
        worker=worker or AheadWorker(),
    )
    assert result.rejects is not None
    rejects = result.rejects.read_text(encoding="utf-8")
    made = customers(ctx)[1:]  # past the customer who was there before
    undo_import(ctx, result.import_id)
    result.rejects.unlink()
    return result, rejects, made


class Watched(Executor):
    """A worker process, up before it is handed anything, that keeps what it was handed."""

    def __init__(self) -> None:
        self.pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"))
        self.pool.submit(int).result()  # started: it answers at once from here on
        self.handed: list[Future[Any]] = []

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future = self.pool.submit(fn, *args, **kwargs)
        self.handed.append(future)
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        self.pool.shutdown(wait, cancel_futures=cancel_futures)


class StartedWorkers:
    """Starts a running worker for each import (`start`); `caught_up`, given as the import's
    progress callback, waits after each batch until every worker has done all it was handed."""

    def __init__(self) -> None:
        self.started: list[Watched] = []

    def start(self) -> Executor:
        self.started.append(Watched())
        return self.started[-1]

    def caught_up(self, done: int, total: int) -> None:
        for worker in self.started:
            wait(worker.handed)


@pytest.fixture
def workers() -> Iterator[StartedWorkers]:
    started = StartedWorkers()
    yield started
    for worker in started.started:
        worker.shutdown()


def dying_pool() -> Executor:
    # Each worker exits as it starts, as one killed for memory would.
    return ProcessPoolExecutor(
        1, mp_context=get_context("spawn"), initializer=os._exit, initargs=(1,)
    )


@pytest.fixture
def source(ctx: Context, tmp_path: Path) -> Path:
    create_customer(ctx, {"first_name": "Old", "last_name": "Timer", "email": "taken@example.com"})
    return demo_csv(tmp_path / "demo.csv")


def test_workers_import_the_same_customers_and_reject_the_same_rows(
    ctx: Context, source: Path, workers: StartedWorkers
) -> None:
    here, here_rejects, here_made = imported(ctx, source, pool_from=ROWS + 1)
    answers = Answers()
    worker = AheadWorker(start=workers.start, take=answers.take)
    there, there_rejects, there_made = imported(
        ctx, source, pool_from=0, progress=workers.caught_up, worker=worker
    )
    assert {"phone", "email"} <= set(answers.taken)
    assert there.counts == here.counts
    assert 0 < here.counts["create"] < ROWS and here.counts["duplicate"] > 0
    assert there_rejects == here_rejects  # same rows, same reasons, same order
    assert there_made == here_made


def test_workers_give_the_dry_run_the_same_counts_and_samples(
    ctx: Context, source: Path, workers: StartedWorkers
) -> None:
    table = read_table(source)
    mapping = auto_map(table.headers)
    here = dry_run(ctx, table, mapping, batch=BATCH, pool_from=ROWS + 1)
    answers = Answers()
    worker = AheadWorker(start=workers.start, take=answers.take)
    there = dry_run(
        ctx, table, mapping, batch=BATCH, pool_from=0, progress=workers.caught_up, worker=worker
    )
    assert {"phone", "email"} <= set(answers.taken)
    assert there == here
    assert here.counts["invalid"] > 0 and here.counts["no_name"] > 0


def test_a_worker_that_dies_leaves_the_rest_to_the_importing_process(
    ctx: Context, source: Path
) -> None:
    here, here_rejects, here_made = imported(ctx, source, pool_from=ROWS + 1)
    answers = Answers()
    worker = AheadWorker(start=dying_pool, take=answers.take)
    there, there_rejects, there_made = imported(ctx, source, pool_from=0, worker=worker)
    assert (there.counts, there_rejects, there_made) == (here.counts, here_rejects, here_made)
    assert answers.taken == []


def test_values_from_a_running_worker_are_taken_and_change_nothing(
    ctx: Context, source: Path, workers: StartedWorkers
) -> None:
    here, here_rejects, here_made = imported(ctx, source, pool_from=ROWS + 1)
    answers = Answers()
    worker = AheadWorker(start=workers.start, take=answers.take)
    there, there_rejects, there_made = imported(
        ctx, source, pool_from=0, progress=workers.caught_up, worker=worker
    )
    assert (there.counts, there_rejects, there_made) == (here.counts, here_rejects, here_made)
    assert {"phone", "mobile_phone", "email"} <= set(answers.taken)
