"""A row's phones are read in the row's country first, then in the business's region."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from custtui.core.customers.lookup import get_customer
from custtui.core.customers.service import create_customer, update_customer
from custtui.core.errors import ValidationError
from custtui.core.fields.catalogue import PLAIN_FIELDS
from custtui.core.importing.ahead import AheadWorker
from custtui.core.importing.classify import dry_run
from custtui.core.importing.mapping import auto_map
from custtui.core.importing.read import read_table
from custtui.core.importing.run import run_import
from custtui.core.store.businesses import Context
from tests.core.test_importer_workers import StartedWorkers, customers
from tests.support import Answers

HEADERS = ["First Name", "Last Name", "Mobile", "Phone", "Country"]
ROWS = [
    ["Astrid", "Lind", "0701234567", "08-123 456 78", "Sweden"],
    ["Nils", "Berg", "070-123 45 68", "", "SE"],
    ["Mary", "Hill", "020 7946 0958", "", "United Kingdom"],
    ["Anna", "Smith", "(415) 555-2671", "", ""],
    ["Olle", "Ek", "(415) 555-2672", "", "Sweden"],  # not Swedish: the business's region then
    ["Bob", "Jones", "0701234569", "", ""],  # no country: read as a US number, which it isn't
]
MOBILES = {
    "Lind": "+46701234567",
    "Berg": "+46701234568",
    "Hill": "+442079460958",
    "Smith": "+14155552671",
    "Ek": "+14155552672",
}


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def mobiles(ctx: Context, count: int) -> dict[str, str | None]:
    found = [get_customer(ctx, number) for number in range(1, count + 1)]
    return {c.last_name: c.mobile_phone for c in found}


def test_a_csv_row_s_phones_are_read_in_its_country(ctx: Context, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "people.csv", ROWS)
    table = read_table(path)
    result = run_import(ctx, table, auto_map(table.headers), path)
    assert (result.imported, result.counts["invalid"]) == (5, 1)
    assert mobiles(ctx, 5) == MOBILES
    assert get_customer(ctx, 1).phone == "+46812345678"
    assert result.rejects is not None
    (rejected,) = list(csv.DictReader(result.rejects.open(encoding="utf-8")))
    assert rejected["Last Name"] == "Jones"


def test_the_dry_run_promises_the_same(ctx: Context, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "people.csv", ROWS)
    table = read_table(path)
    result = dry_run(ctx, table, auto_map(table.headers))
    assert (result.to_create, result.counts["invalid"]) == (5, 1)


def test_a_workbook_row_s_country_code_places_its_mobile(ctx: Context, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADERS)
    # A spreadsheet keeps a typed mobile as a number: its trunk 0 is gone.
    sheet.append(["Astrid", "Lind", 701234567, None, "SWE"])
    path = tmp_path / "people.xlsx"
    book.save(path)
    table = read_table(path)
    result = run_import(ctx, table, auto_map(table.headers), path)
    assert result.imported == 1
    assert get_customer(ctx, 1).mobile_phone == "+46701234567"


@pytest.fixture
def workers() -> Iterator[StartedWorkers]:
    started = StartedWorkers()
    yield started
    for worker in started.started:
        worker.shutdown()


def test_the_worker_checking_ahead_reads_phones_in_each_row_s_country(
    ctx: Context, tmp_path: Path, workers: StartedWorkers
) -> None:
    path = write_csv(tmp_path / "people.csv", ROWS * 20)
    table = read_table(path)
    answers = Answers()
    result = run_import(
        ctx,
        table,
        auto_map(table.headers),
        path,
        batch=10,
        pool_from=0,
        progress=workers.caught_up,
        worker=AheadWorker(start=workers.start, take=answers.take),
    )
    assert "mobile_phone" in answers.taken
    assert (result.imported, result.counts["invalid"]) == (100, 20)
    at = PLAIN_FIELDS.index("mobile_phone")
    assert {row[at] for row in customers(ctx)} == set(MOBILES.values())


def test_add_and_edit_read_a_phone_in_the_customer_s_country(ctx: Context) -> None:
    astrid = {"first_name": "Astrid", "last_name": "Lind", "country": "Sweden"}
    added = create_customer(ctx, astrid | {"mobile_phone": "0701234567"})
    assert (added.country, added.mobile_phone) == ("SE", "+46701234567")
    # An edit of the phone alone is read in the country the customer has.
    edited = update_customer(ctx, added.number, {"phone": "08-123 456 78"})
    assert edited.phone == "+46812345678"
    # Without a country, the business's region.
    with pytest.raises(ValidationError) as caught:
        create_customer(
            ctx, {"first_name": "Bob", "last_name": "Jones", "mobile_phone": "0701234569"}
        )
    assert caught.value.errors == {"mobile_phone": "Mobile phone is not a valid phone number."}
