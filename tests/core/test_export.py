"""CSV export of every customer, or of the ones a filter shows (SPEC "Export"; issue 17)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from custtui.core.customers.export import export_customers, free_export_path
from custtui.core.customers.service import create_customer, delete_customer
from custtui.core.store import audit
from custtui.core.store.businesses import Context

DAY = date(2026, 12, 7)


def names(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [f"{r['First Name']} {r['Last Name']}" for r in csv.DictReader(handle)]


def test_the_file_name_says_whether_every_customer_or_the_shown_ones_are_in_it(
    tmp_path: Path,
) -> None:
    assert free_export_path(tmp_path, DAY).name == "customers-2026-12-07.csv"
    shown = free_export_path(tmp_path, DAY, filtered=True)
    assert shown.name == "customers-2026-12-07-filtered.csv"
    shown.touch()
    again = free_export_path(tmp_path, DAY, filtered=True)
    assert again.name == "customers-2026-12-07-filtered-2.csv"
    assert free_export_path(tmp_path, DAY).name == "customers-2026-12-07.csv"


def test_an_export_of_the_shown_customers_holds_exactly_them_in_the_list_s_order(
    ctx: Context, tmp_path: Path
) -> None:
    made = [
        create_customer(ctx, {"first_name": first, "last_name": last})
        for first, last in [("Ann", "Baker"), ("Bob", "Carter"), ("Cy", "Dale"), ("Di", "Eck")]
    ]
    delete_customer(ctx, made[3].number)  # gone since the list showed it: left out
    path = tmp_path / "shown.csv"
    ids = [made[2].id, made[0].id, made[3].id]
    assert export_customers(ctx, path, ids) == 2
    assert names(path) == ["Cy Dale", "Ann Baker"]
    assert path.stat().st_mode & 0o777 == 0o600  # a list of the shop's customers
    every = tmp_path / "every.csv"
    assert export_customers(ctx, every) == 3
    assert names(every) == ["Ann Baker", "Bob Carter", "Cy Dale"]
    with ctx.store.read() as session:
        events = [e for e in audit.events_since(session, ctx.business.id, 0)]
    exported = [e.changes for e in events if e.action == "customers_exported"]
    assert exported == [
        {"count": 2, "file": str(path), "filtered": True},
        {"count": 3, "file": str(every)},
    ]
    assert export_customers(ctx, tmp_path / "none.csv", []) == 0
    assert not (tmp_path / "none.csv").exists()
