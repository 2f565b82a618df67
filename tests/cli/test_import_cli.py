"""`custtui import` as a user meets it: the mapping it used, the counts, rejects, undo."""

from __future__ import annotations

import csv
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from custtui.core.customers.lookup import records_by_ids
from custtui.core.fields.catalogue import EXPORT_COLUMNS as COLUMNS
from custtui.core.runtime.config import Settings, sqlite_url
from custtui.core.store.businesses import open_context
from custtui.core.store.models import Customer
from tests.cli.test_cli import Cli, assert_clean_failure, audit_events, customer_count, opened

FIXTURES = Path(__file__).parents[1] / "fixtures"
MESSY_MAPPING = """\
Columns (detected):
  Full Name -> Full Name
  E-mail Address -> Email
  Mobile -> Mobile Phone
  Organisation -> Company
  Street -> Street Address
  Town -> City
  Province -> State/Province
  Postcode -> Postal Code
  Country -> Country
  Comments -> Notes
"""


@pytest.fixture
def cli(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    path = tmp_path / "messy.csv"
    shutil.copy(FIXTURES / "messy.csv", path)
    return path


def test_import_prints_the_mapping_the_counts_and_where_the_rejects_went(
    cli: Cli, settings: Settings, messy: Path
) -> None:
    cli.ok("add", "--first", "Old", "--last", "Timer", "--email", "existing@example.com")
    out = cli.ok("import", str(messy))
    (event,) = audit_events(settings, "customers_imported")
    rejects = messy.with_name("messy.rejects.csv")
    assert out == (
        "messy.csv: 9 rows (CSV, cp1252, ';')\n"
        + MESSY_MAPPING
        + "Imported 4 customers, skipped 5\n"
        + f"Rows not imported, with the reason: {rejects}\n"
        + f"Import {event.id}; undo with: custtui import --undo {event.id}\n"
    )
    assert customer_count(settings) == 5
    with rejects.open(newline="", encoding="utf-8") as handle:
        assert len(list(csv.DictReader(handle))) == 5


def test_a_dry_run_prints_counts_and_first_reasons_and_writes_nothing(
    cli: Cli, settings: Settings, messy: Path
) -> None:
    out = cli.ok("import", str(messy), "--dry-run")
    assert out.endswith(
        "Dry run: nothing written.\n"
        "  New customers                   5\n"
        "  Skipped: no usable name         2\n"
        "      row 3: First name is required. Last name is required.\n"
        "      row 10: Last name is required.\n"
        "  Skipped: duplicate email        1\n"
        "      row 6: Same email as row 4.\n"
        "  Skipped: invalid value          1\n"
        "      row 7: Email is not a valid email address.\n"
    )
    assert customer_count(settings) == 0
    assert not messy.with_name("messy.rejects.csv").exists()
    assert audit_events(settings, "customers_imported") == []


def test_map_changes_a_column_and_the_mapping_is_offered_next_time(
    cli: Cli, settings: Settings, messy: Path, tmp_path: Path
) -> None:
    rejects = tmp_path / "elsewhere.csv"
    out = cli.ok("import", str(messy), "--map", "Comments=skip", "--rejects", str(rejects))
    assert "  Comments -> (skipped)\n" in out
    assert f"Rows not imported, with the reason: {rejects}\n" in out
    assert not messy.with_name("messy.rejects.csv").exists()
    again = cli.ok("import", str(messy), "--dry-run")
    assert "Columns (as mapped last time):\n" in again
    assert "  Comments -> (skipped)\n" in again


def test_a_missing_name_column_is_one_line_and_imports_nothing(
    cli: Cli, settings: Settings, messy: Path
) -> None:
    run = cli("import", str(messy), "--map", "Full Name=skip")
    assert_clean_failure(run)
    assert run.err == (
        'custtui: Map a First Name or a Full Name column to go on. (--map "Header=Full Name")\n'
    )
    assert "  Full Name -> (skipped)\n" in run.out
    assert customer_count(settings) == 0


def test_a_map_naming_an_unknown_column_lists_the_real_ones(cli: Cli, messy: Path) -> None:
    run = cli("import", str(messy), "--map", "Phone=phone")
    assert_clean_failure(run)
    assert run.err.startswith('custtui: The file has no column "Phone". Its columns are: ')


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("junk.csv", b"\x00\x01\x02binary", "junk.csv is not a text file"),
        (
            "fake.xlsx",
            b"First Name,Last Name\nAda,Lovelace\n",
            "fake.xlsx is not an Excel workbook",
        ),
        ("empty.csv", b"", "empty.csv is empty."),
        ("header.csv", b"First Name,Last Name\n", "header.csv has a header row but no customers."),
    ],
)
def test_a_file_that_is_not_a_customer_list_is_one_clear_line(
    cli: Cli, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    run = cli("import", str(path))
    assert_clean_failure(run)
    assert run.err.startswith(f"custtui: {message}")


def test_a_workbook_sheet_is_chosen_with_sheet(
    cli: Cli, settings: Settings, tmp_path: Path
) -> None:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = "Notes"
    first.append(["Nothing", "here"])
    sheet = workbook.create_sheet("People")
    sheet.append(["Name", "Phone"])
    sheet.append(["Ada Lovelace", 4155552671])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    out = cli.ok("import", str(path), "--sheet", "People")
    assert out.startswith("people.xlsx: 1 row (Excel, sheet 'People')\n")
    assert "Imported 1 customer, skipped 0\n" in out
    shown = cli.ok("show", "1")
    assert "Ada Lovelace" in shown and "(415) 555-2671" in shown
    run = cli("import", str(path), "--sheet", "Sheet9")
    assert_clean_failure(run)
    assert "its sheets are 'Notes', 'People'" in run.err


def test_undo_removes_the_import_and_says_so_once(
    cli: Cli, settings: Settings, messy: Path
) -> None:
    cli.ok("import", str(messy))
    (event,) = audit_events(settings, "customers_imported")
    assert cli.ok("import", "--undo", str(event.id)) == (
        f"Undid import {event.id}: removed 5 customers.\n"
    )
    assert customer_count(settings) == 0
    again = cli("import", "--undo", str(event.id))
    assert_clean_failure(again)
    assert again.err.startswith(f"custtui: Import {event.id} was already undone by tester on ")


def test_import_without_a_file_or_with_undo_and_a_file_is_a_usage_error(
    cli: Cli, messy: Path
) -> None:
    for argv in (("import",), ("import", str(messy), "--undo", "3")):
        run = cli(*argv)
        assert run.status == 2 and run.one_error_line and "Traceback" not in run.err, run


ROUND_TRIP_PEOPLE: list[tuple[str, ...]] = [
    (
        "--first", "Zoë", "--last", "Müller", "--company", "Müller & Söhne",
        "--email", "Zoe.Muller@Example.COM", "--phone", "(415) 555-2671",
        "--street", "1 Main St", "--street2", "Apt 2", "--city", "San Francisco",
        "--state", "CA", "--postal", "94110", "--country", "US",
        "--notes", "Prefers mornings;\nsecond line, \"quoted\"",
    ),
    (
        "--first", "Pierre", "--last", "Tremblay", "--phone", "+1 514 555 0134",
        "--city", "Montréal", "--state", "QC", "--postal", "H2X 1Y4", "--country", "CA",
        "--notes", "=1+2 is not a formula here",
    ),
    (
        "--first", "Nigel", "--last=-Dash", "--company", "@home Ltd",
        "--phone", "+44 20 7946 0958", "--country", "GB", "--city", "London",
        "--postal", "SW1A 2AA", "--notes", "+ VIP",
    ),
    ("--first", "Ada", "--last", "Lovelace"),
]  # fmt: skip


def exported_fields(settings: Settings, url: str) -> list[dict[str, object]]:
    with opened(replace(settings, database_url=url)) as store:
        ctx = open_context(store, None, "tester")
        with store.read() as session:
            ids = list(session.scalars(select(Customer.id).order_by(Customer.number)))
        return [
            {field: getattr(r, field) for _, field in COLUMNS} for r in records_by_ids(ctx, ids)
        ]


def test_an_export_imports_back_into_an_empty_database_unchanged(
    cli: Cli, settings: Settings, tmp_path: Path
) -> None:
    for person in ROUND_TRIP_PEOPLE:
        cli.ok("add", *person)
    exported = tmp_path / "out.csv"
    cli.ok("export", "--out", str(exported))
    empty = sqlite_url(tmp_path / "empty.db")
    out = cli.ok("--db", empty, "import", str(exported))
    assert "Imported 4 customers, skipped 0\n" in out
    original = exported_fields(settings, settings.database_url)
    assert exported_fields(settings, empty) == original
    assert original[1]["notes"] == "=1+2 is not a formula here"  # the guard came off again
    again = tmp_path / "again.csv"
    cli.ok("--db", empty, "export", "--out", str(again))
    assert again.read_bytes() == exported.read_bytes()


def workbook_with(path: Path, first: list[list[object]]) -> Path:
    """A workbook whose first sheet, 'Notes', holds `first`; then 'Customers' and 'Old'."""
    workbook = Workbook()
    notes = workbook.active
    assert notes is not None
    notes.title = "Notes"
    for row in first:
        notes.append(row)
    people = workbook.create_sheet("Customers")
    people.append(["Name", "Mobile", "Country"])
    people.append(["Astrid Lind", "0701234567", "Sweden"])
    workbook.create_sheet("Old").append(["Name"])
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    "first",
    [
        [],
        [["Called the supplier"], ["Order more labels"]],
        [["Note", "Date"], ["Called the supplier", "2025-01-02"]],
    ],
    ids=["empty", "no header", "header that maps to no name"],
)
def test_a_first_sheet_without_customers_names_the_other_sheets(
    cli: Cli, settings: Settings, tmp_path: Path, first: list[list[object]]
) -> None:
    path = workbook_with(tmp_path / "book.xlsx", first)
    run = cli("import", str(path))
    assert_clean_failure(run)
    assert run.out == ""
    assert run.err == (
        "custtui: The first sheet 'Notes' has no customers; this workbook also has: "
        "'Customers', 'Old'. Choose one with --sheet NAME.\n"
    )
    assert customer_count(settings) == 0
    out = cli.ok("import", str(path), "--sheet", "Customers")
    assert "Imported 1 customer, skipped 0\n" in out


def test_a_row_s_mobile_is_read_in_the_row_s_country(
    cli: Cli, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Mobile,Country\n"
        "Astrid Lind,0701234567,Sweden\n"
        "Nils Berg,070-123 45 68,SE\n"
        "Anna Smith,(415) 555-2671,\n",
        encoding="utf-8",
    )
    out = cli.ok("import", str(path))
    assert "Imported 3 customers, skipped 0\n" in out
    shown = [json.loads(cli.ok("show", str(n), "--json")) for n in (1, 2, 3)]
    assert [s["mobile_phone"] for s in shown] == ["+46701234567", "+46701234568", "+14155552671"]


def test_add_and_edit_read_a_phone_in_the_customer_s_country(cli: Cli) -> None:
    cli.ok("add", "--first", "Astrid", "--last", "Lind", "--country", "Sweden",
           "--mobile", "0701234567")  # fmt: skip
    cli.ok("edit", "1", "--phone", "08-123 456 78")
    shown = json.loads(cli.ok("show", "1", "--json"))
    assert (shown["mobile_phone"], shown["phone"]) == ("+46701234567", "+46812345678")
    run = cli("add", "--first", "Bob", "--last", "Jones", "--mobile", "0701234569")
    assert_clean_failure(run)
    assert "Mobile phone is not a valid phone number." in run.err


def test_a_stray_nul_byte_loses_no_row_and_the_row_is_named(
    cli: Cli, settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "nul.csv"
    path.write_bytes(b"First Name,Last Name\nAda,Lovelace\nBob,Ba\x00ker\n")
    out = cli.ok("import", str(path))
    assert out.startswith("nul.csv: 2 rows (CSV, UTF-8, ',', NUL bytes removed from row 3)\n")
    assert "Imported 2 customers, skipped 0\n" in out
    with opened(settings) as store, store.read() as session:
        names = session.scalars(select(Customer.last_name).order_by(Customer.id)).all()
    assert names == ["Lovelace", "Baker"]
