"""Large imports check phones and emails ahead in a worker process: nothing may differ for it."""

from __future__ import annotations

import csv
import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import pytest
from sqlalchemy import select

from custtui.core.customers.service import create_customer
from custtui.core.demo.generate import generate_customers
from custtui.core.fields import contact, normalize
from custtui.core.fields.catalogue import PLAIN_FIELDS
from custtui.core.fields.normalize import Outcomes
from custtui.core.importing import run as importer
from custtui.core.importing.mapping import auto_map
from custtui.core.importing.read import read_table
from custtui.core.importing.run import ImportResult, Progress, _Classifier, dry_run, run_import
from custtui.core.importing.undo import undo_import
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer

COLUMNS = ("first_name", "last_name", "company", "email", "phone", "mobile_phone", "street")
COLUMNS += ("street2", "city", "state", "postal_code", "country", "notes")
ROWS = 300
BATCH = 40  # several chunks in flight at once


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
    ctx: Context, path: Path, pool_from: int, progress: Progress | None = None
) -> tuple[ImportResult, str, list[object]]:
    table = read_table(path)
    mapping = auto_map(table.headers)
    result = run_import(
        ctx, table, mapping, path, batch=BATCH, pool_from=pool_from, progress=progress
    )
    assert result.rejects is not None
    rejects = result.rejects.read_text(encoding="utf-8")
    made = customers(ctx)[1:]  # past the customer who was there before
    undo_import(ctx, result.import_id)
    result.rejects.unlink()
    return result, rejects, made


def running_pool() -> ProcessPoolExecutor:
    pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"))
    pool.submit(int).result()  # started: it answers at once from here on
    return pool


def pause(done: int, total: int) -> None:
    """A pause per batch leaves the worker time to finish the chunks ahead."""
    time.sleep(0.2)


def started_worker(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A worker that is up before the first chunk; lists the fields whose results it gave."""
    monkeypatch.setattr(_Classifier, "_pool", staticmethod(running_pool))
    return worker_answers(monkeypatch)


def worker_answers(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The fields whose values the worker's answers decided, as they are used.

    The per-value caches are emptied too, so what the worker hands back is what is used.
    """
    taken: list[str] = []
    real_remember = importer.remember

    def spied(name: str, raws: list[str], region: str, outcomes: Outcomes) -> None:
        taken.append(name)
        real_remember(name, raws, region, outcomes)

    monkeypatch.setattr(importer, "remember", spied)
    for memo in normalize._MEMOS.values():
        memo.clear()
    contact._known_domains.clear()
    return taken


@pytest.fixture
def source(ctx: Context, tmp_path: Path) -> Path:
    create_customer(ctx, {"first_name": "Old", "last_name": "Timer", "email": "taken@example.com"})
    return demo_csv(tmp_path / "demo.csv")


def test_workers_import_the_same_customers_and_reject_the_same_rows(
    ctx: Context, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, here_rejects, here_made = imported(ctx, source, pool_from=ROWS + 1)
    taken = started_worker(monkeypatch)
    there, there_rejects, there_made = imported(ctx, source, pool_from=0, progress=pause)
    assert {"phone", "email"} <= set(taken)
    assert there.counts == here.counts
    assert 0 < here.counts["create"] < ROWS and here.counts["duplicate"] > 0
    assert there_rejects == here_rejects  # same rows, same reasons, same order
    assert there_made == here_made


def test_workers_give_the_dry_run_the_same_counts_and_samples(
    ctx: Context, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    table = read_table(source)
    mapping = auto_map(table.headers)
    here = dry_run(ctx, table, mapping, batch=BATCH, pool_from=ROWS + 1)
    taken = started_worker(monkeypatch)
    there = dry_run(ctx, table, mapping, batch=BATCH, pool_from=0, progress=pause)
    assert {"phone", "email"} <= set(taken)
    assert there == here
    assert here.counts["invalid"] > 0 and here.counts["no_name"] > 0


def test_a_worker_that_dies_leaves_the_rest_to_the_importing_process(
    ctx: Context, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, here_rejects, here_made = imported(ctx, source, pool_from=ROWS + 1)

    def dying_pool() -> ProcessPoolExecutor:
        # Each worker exits as it starts, as one killed for memory would.
        return ProcessPoolExecutor(
            1, mp_context=get_context("spawn"), initializer=os._exit, initargs=(1,)
        )

    monkeypatch.setattr(_Classifier, "_pool", staticmethod(dying_pool))
    there, there_rejects, there_made = imported(ctx, source, pool_from=0)
    assert (there.counts, there_rejects, there_made) == (here.counts, here_rejects, here_made)


def test_values_from_a_running_worker_are_taken_and_change_nothing(
    ctx: Context, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here, here_rejects, here_made = imported(ctx, source, pool_from=ROWS + 1)
    taken = started_worker(monkeypatch)
    there, there_rejects, there_made = imported(ctx, source, pool_from=0, progress=pause)
    assert (there.counts, there_rejects, there_made) == (here.counts, here_rejects, here_made)
    assert {"phone", "mobile_phone", "email"} <= set(taken)
