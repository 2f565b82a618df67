"""The importer on real files and a real store: dry run, batches, rejects, cancel, undo."""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import select

from custtui.core.customers.lookup import customer_count, get_customer
from custtui.core.customers.notes import add_note
from custtui.core.customers.service import create_customer, update_customer
from custtui.core.errors import NotFoundError, RuleError
from custtui.core.importing.classify import CheckCancelled, dry_run
from custtui.core.importing.mapping import NAME_REQUIRED, MappingError, auto_map, with_overrides
from custtui.core.importing.read import ImportFileError, read_table
from custtui.core.importing.rejects import rejects_path_for
from custtui.core.importing.run import NOT_REACHED, run_import
from custtui.core.importing.saved import starting_mapping
from custtui.core.importing.undo import undo_import
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.store.businesses import Context
from custtui.core.store.models import AuditEvent

FIXTURES = Path(__file__).parents[1] / "fixtures"


def events(ctx: Context, action: str) -> list[AuditEvent]:
    with ctx.store.read() as session:
        query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(session.scalars(query))


def read_rejects(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    """BOM, semicolons, cp1252 accents, a Full Name column, phones as numbers, blank rows,
    rows without names, duplicate emails, formula cells, a multi-line note."""
    path = tmp_path / "messy.csv"
    shutil.copy(FIXTURES / "messy.csv", path)
    return path


@pytest.fixture
def existing(ctx: Context) -> None:
    create_customer(
        ctx, {"first_name": "Old", "last_name": "Timer", "email": "existing@example.com"}
    )


def test_the_dry_run_classifies_every_row_and_writes_nothing(
    ctx: Context, messy: Path, existing: None
) -> None:
    table = read_table(messy)
    result = dry_run(ctx, table, auto_map(table.headers))
    assert result.counts == {"create": 4, "no_name": 2, "duplicate": 2, "invalid": 1}
    assert result.rows == 9 and result.to_create + result.skipped == 9
    reasons = {v.number: v.reason for vs in result.samples.values() for v in vs}
    assert reasons[3] == "First name is required. Last name is required."
    assert reasons[10] == "Last name is required."  # "Madonna": nothing to split
    assert reasons[6] == "Same email as row 4."
    assert reasons[11] == (
        "A customer with this email already exists for this business (C-000001)."
    )
    assert reasons[7] == "Email is not a valid email address."
    assert [v.values["first_name"] for v in result.samples["create"]] == [
        "José",
        "Zoë",
        "Carl",
        "Renée",
    ]
    assert customer_count(ctx) == 1
    assert not rejects_path_for(messy).exists()
    assert events(ctx, "customers_imported") == []


def test_the_import_creates_clean_customers_and_rejects_the_rest(
    ctx: Context, messy: Path, existing: None
) -> None:
    table = read_table(messy)
    result = run_import(ctx, table, auto_map(table.headers), messy)
    assert (result.imported, result.skipped, result.not_reached) == (4, 5, 0)
    jose = get_customer(ctx, 2)
    assert (jose.first_name, jose.last_name) == ("José", "Álvarez Jr.")  # only "Dr." dropped
    assert jose.mobile_phone == "+14155552671"  # digits kept, stored E.164
    assert (jose.company, jose.state, jose.country) == ("Álvarez & Hijos", "CA", "US")
    assert jose.notes == "Met at the fair;\nlikes vintage"
    zoe = get_customer(ctx, 3)
    assert (zoe.name, zoe.email, zoe.country) == ("Zoë Brontë", "ZOE@example.com", "GB")
    assert get_customer(ctx, 4).mobile_phone == "+16175550123"  # "6175550123.0"
    renee = get_customer(ctx, 5)
    assert (renee.city, renee.state, renee.country) == ("Montréal", "QC", "CA")

    assert result.rejects == messy.with_name("messy.rejects.csv")
    rejected = read_rejects(result.rejects)
    assert [r["Row"] for r in rejected] == ["3", "6", "7", "10", "11"]
    bob = rejected[2]
    assert (
        bob["Full Name"] == "Bob Stone" and bob["Reason"] == "Email is not a valid email address."
    )
    assert bob["Comments"] == "'=cmd|' /C calc'!A0"  # a spreadsheet won't run it

    (event,) = events(ctx, "customers_imported")
    assert event.id == result.import_id and event.actor == "tester"
    assert event.changes["file"] == "messy.csv"
    assert event.changes["imported"] == 4
    assert event.changes["skipped"] == {"no_name": 2, "duplicate": 2, "invalid": 1}
    assert event.changes["numbers"] == [[2, 5]]
    # One event for the import, none per row: only Old Timer has a creation event.
    assert [e.customer_id for e in events(ctx, "customer_created")] == [get_customer(ctx, 1).id]


def test_an_excel_sheet_is_chosen_and_its_cells_read_as_typed(ctx: Context, tmp_path: Path) -> None:
    workbook = Workbook()
    summary = workbook.active
    assert summary is not None
    summary.title = "Summary"
    summary.append(["Total", 2])
    sheet = workbook.create_sheet("Clients")
    sheet.append(["Given Name", "Surname", "Cell", "Zip", "Notes"])
    sheet.append(["Ada", "Lovelace", 4155552671, 2134, datetime(2024, 3, 1)])
    sheet.append(["Alan", "Turing", 2125550100.0, "02134", date(2023, 12, 24)])
    path = tmp_path / "clients.xlsx"
    workbook.save(path)

    table = read_table(path, sheet="Clients")
    assert table.sheets == ["Summary", "Clients"]
    result = run_import(ctx, table, auto_map(table.headers), path)
    assert result.imported == 2 and result.rejects is None
    ada, alan = get_customer(ctx, 1), get_customer(ctx, 2)
    assert (ada.mobile_phone, ada.postal_code, ada.notes) == ("+14155552671", "2134", "2024-03-01")
    assert (alan.mobile_phone, alan.postal_code, alan.notes) == (
        "+12125550100",
        "02134",
        "2023-12-24",
    )


def big_csv(path: Path, count: int, bad_every: int = 0) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["First Name", "Last Name", "Email"])
        for i in range(count):
            email = "broken" if bad_every and i % bad_every == 0 else f"p{i}@example.com"
            writer.writerow([f"P{i}", "Person", email])
    return path


def test_progress_is_reported_per_batch_and_every_row_accounted_for(
    ctx: Context, tmp_path: Path
) -> None:
    path = big_csv(tmp_path / "many.csv", 25, bad_every=10)
    table = read_table(path)
    seen: list[tuple[int, int]] = []
    result = run_import(
        ctx,
        table,
        auto_map(table.headers),
        path,
        batch=10,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen == [(10, 25), (20, 25), (25, 25)]
    assert (result.imported, result.skipped) == (22, 3)
    assert customer_count(ctx) == 22


def test_a_cancel_keeps_written_batches_and_reports_the_rest(ctx: Context, tmp_path: Path) -> None:
    path = big_csv(tmp_path / "many.csv", 25, bad_every=7)
    table = read_table(path)
    batches: list[int] = []
    result = run_import(
        ctx,
        table,
        auto_map(table.headers),
        path,
        batch=10,
        progress=lambda done, total: batches.append(done),
        cancelled=lambda: len(batches) >= 1,
    )
    assert result.cancelled
    assert (result.imported, result.skipped, result.not_reached) == (8, 2, 15)
    assert result.imported + result.skipped + result.not_reached == result.rows
    assert customer_count(ctx) == 8
    rejected = read_rejects(result.rejects or tmp_path / "missing")
    assert [r["Reason"] for r in rejected].count(NOT_REACHED) == 15
    assert rejected[-1]["First Name"] == "P24"
    (event,) = events(ctx, "customers_imported")
    assert event.changes["not_reached"] == 15


def test_the_rest_of_a_cancelled_import_imports_from_its_rejects_file(
    ctx: Context, tmp_path: Path
) -> None:
    path = big_csv(tmp_path / "many.csv", 25)
    table = read_table(path)
    first = run_import(
        ctx,
        table,
        auto_map(table.headers),
        path,
        batch=10,
        cancelled=lambda: customer_count(ctx) >= 10,
    )
    assert first.rejects is not None
    rest = read_table(first.rejects)
    second = run_import(ctx, rest, auto_map(rest.headers), first.rejects)
    assert (second.imported, second.skipped) == (15, 0)
    assert customer_count(ctx) == 25


def test_a_mapping_without_a_name_or_with_a_field_twice_is_refused(
    ctx: Context, messy: Path
) -> None:
    table = read_table(messy)
    without_name = [None if t == "full_name" else t for t in auto_map(table.headers)]
    with pytest.raises(MappingError, match=NAME_REQUIRED):
        dry_run(ctx, table, without_name)
    twice = with_overrides(auto_map(table.headers), {})
    twice[3] = "email"
    with pytest.raises(MappingError, match='Email is mapped to both "E-mail Address"'):
        run_import(ctx, table, twice, messy)
    assert customer_count(ctx) == 0


def test_an_override_takes_the_field_from_the_auto_detected_column() -> None:
    mapping = auto_map(["Email", "Email 2", "Name"])
    assert mapping == ["email", None, "full_name"]
    assert with_overrides(mapping, {1: "email"}) == [None, "email", "full_name"]


def test_an_unwritable_rejects_place_stops_before_anything_is_imported(
    ctx: Context, messy: Path, tmp_path: Path
) -> None:
    table = read_table(messy)
    nowhere = tmp_path / "missing-folder" / "rejects.csv"
    with pytest.raises(ImportFileError, match="Can't write the rejects file"):
        run_import(ctx, table, auto_map(table.headers), messy, rejects=nowhere)
    assert customer_count(ctx) == 0


def test_a_mapping_used_once_is_offered_again_for_the_same_headers(
    ctx: Context, messy: Path
) -> None:
    table = read_table(messy)
    mapping = with_overrides(auto_map(table.headers), {9: None})  # don't import Comments
    assert starting_mapping(ctx, table.headers) == (auto_map(table.headers), False)
    run_import(ctx, table, mapping, messy)
    assert starting_mapping(ctx, table.headers) == (mapping, True)
    other = [*table.headers[:-1], "Remarks"]
    assert starting_mapping(ctx, other) == (auto_map(other), False)


def test_undo_removes_exactly_the_import_s_customers_but_keeps_used_ones(
    ctx: Context, tmp_path: Path
) -> None:
    create_customer(ctx, {"first_name": "Before", "last_name": "Import"})
    path = big_csv(tmp_path / "many.csv", 6)
    table = read_table(path)
    result = run_import(ctx, table, auto_map(table.headers), path)
    assert result.numbers == [(2, 7)]
    create_customer(ctx, {"first_name": "After", "last_name": "Import"})
    update_customer(ctx, 2, {"company": "Edited Ltd"})
    add_note(ctx, 3, "Called about a car")
    lamp = NewItem(
        title="Lamp",
        status="Sold",
        sold_cents=4500,
        sale_date=date(2024, 5, 1),
        buyer_id=get_customer(ctx, 4).id,
    )
    add_items(ctx, [lamp])

    undone = undo_import(ctx, result.import_id)
    assert (undone.removed, undone.kept, undone.already_gone) == (
        3,
        ["C-000002", "C-000003", "C-000004"],
        0,
    )
    assert undone.message == (
        f"Undid import {result.import_id}: removed 3 customers; kept 3 changed or used since "
        "the import: C-000002, C-000003, C-000004."
    )
    assert customer_count(ctx) == 5
    assert get_customer(ctx, 1).name == "Before Import"
    assert get_customer(ctx, 8).name == "After Import"
    with pytest.raises(NotFoundError):
        get_customer(ctx, 5)
    deleted = events(ctx, "customer_deleted")
    assert len(deleted) == 3 and all(
        e.changes["undone_import"] == result.import_id for e in deleted
    )
    (logged,) = events(ctx, "import_undone")
    assert logged.changes["removed"] == 3 and logged.changes["import"] == result.import_id

    with pytest.raises(RuleError, match=f"Import {result.import_id} was already undone by tester"):
        undo_import(ctx, result.import_id)
    with pytest.raises(NotFoundError, match="No import 1 in this business"):
        undo_import(ctx, 1)  # an event, but not an import


# -- hypothesis: any CSV a user might throw at it -------------------------------------------------

cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "Ada", "Dr. Jo Smith Jr.", "a@b.co", "A@B.CO", "+1 415 555 2671", "=1+2"]),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    header=st.lists(
        st.sampled_from(["Name", "First", "Last", "Email", "Phone", "Zip", "Country", "X"]),
        min_size=1,
        max_size=6,
    ),
    rows=st.lists(st.lists(cell, min_size=0, max_size=7), min_size=1, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_csv_is_read_or_refused_cleanly_and_every_row_accounted_for(
    ctx: Context, tmp_path: Path, header: list[str], rows: list[list[str]], delimiter: str
) -> None:
    path = tmp_path / "h.csv"
    with path.open("w", newline="", encoding="utf-8", errors="surrogatepass") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    try:
        table = read_table(path)
    except ImportFileError:
        return  # e.g. only blank rows: one clear message is the promise
    mapping = auto_map(table.headers)
    try:
        result = run_import(ctx, table, mapping, path)
    except MappingError as exc:
        assert str(exc) in (NAME_REQUIRED,) or "mapped to both" in str(exc)
        return
    assert result.imported + result.skipped == len(table.rows)
    rejected = read_rejects(result.rejects) if result.rejects else []
    assert len(rejected) == result.skipped
    rejects_path_for(path).unlink(missing_ok=True)


def test_a_dry_run_stops_when_asked(ctx: Context, messy: Path) -> None:
    table = read_table(messy)
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    with pytest.raises(CheckCancelled):
        dry_run(ctx, table, auto_map(table.headers), cancelled=cancelled, batch=2)
    assert asked == [1]
