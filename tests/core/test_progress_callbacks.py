"""The long services (import, export, demo data) tell a plain callback how far they are."""

from __future__ import annotations

import csv
from pathlib import Path

from custtui.core.customers.export import PROGRESS_EVERY, export_customers
from custtui.core.demo.load import BATCH, load_demo
from custtui.core.importing.mapping import auto_map
from custtui.core.importing.read import read_table
from custtui.core.importing.run import run_import
from custtui.core.store.businesses import Context

Seen = list[tuple[int, int]]


def test_demo_data_reports_customers_added_of_all_after_each_batch(ctx: Context) -> None:
    seen: Seen = []
    load_demo(ctx, BATCH + 10, seed=4, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(BATCH, BATCH + 10), (BATCH + 10, BATCH + 10)]


def test_export_reports_rows_written_of_all_as_it_writes(ctx: Context, tmp_path: Path) -> None:
    count = PROGRESS_EVERY * 2 + 5
    source = tmp_path / "people.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name"])
        writer.writerows([f"P{i}", "Person"] for i in range(count))
    table = read_table(source)
    imported: Seen = []
    run_import(
        ctx,
        table,
        auto_map(table.headers),
        source,
        batch=1000,
        progress=lambda done, total: imported.append((done, total)),
    )
    assert imported == [(1000, count), (2000, count), (count, count)]
    exported: Seen = []
    written = export_customers(
        ctx, tmp_path / "out.csv", progress=lambda done, total: exported.append((done, total))
    )
    assert written == count
    assert exported == [(PROGRESS_EVERY, count), (PROGRESS_EVERY * 2, count), (count, count)]
