"""No command writes over a file it was not asked to write (issue 12): not the file being
imported, not the store's database or key, not an earlier export of the day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from custtui.core.runtime.config import Settings
from custtui.core.store.engine import sqlite_path
from tests.cli.test_cli import Cli, assert_clean_failure, audit_events, customer_count, read_csv

SOURCE = "First Name,Last Name,Email\nAda,Lovelace,ada@example.org\n,,nobody\n"


@pytest.fixture
def cli(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


def database_file(settings: Settings) -> Path:
    path = sqlite_path(settings.database_url)
    if path is None:
        pytest.skip("a PostgreSQL store has no file of its own")
    return path


@pytest.mark.parametrize("spelling", ["src.csv", "./sub/../src.csv", "link.csv"])
def test_rejects_onto_the_file_being_imported_is_refused_and_the_file_kept(
    cli: Cli, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spelling: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    source = tmp_path / "src.csv"
    source.write_text(SOURCE, encoding="utf-8")
    (tmp_path / "link.csv").symlink_to(source)

    run = cli("import", "src.csv", "--rejects", spelling)

    assert_clean_failure(run)
    assert "the file being imported" in run.err
    assert source.read_text(encoding="utf-8") == SOURCE
    assert customer_count(settings) == 0
    assert audit_events(settings, "customers_imported") == []


def test_rejects_onto_the_store_s_files_are_refused(
    cli: Cli, settings: Settings, tmp_path: Path
) -> None:
    db = database_file(settings)
    source = tmp_path / "src.csv"
    source.write_text(SOURCE, encoding="utf-8")
    cli.ok("add", "--first", "Kept", "--last", "Safe")
    for target in (db, db.with_name(db.name + "-wal"), settings.key_file):
        run = cli("import", str(source), "--rejects", str(target))
        assert_clean_failure(run)
        assert "won't write the rejects over it" in run.err
    assert customer_count(settings) == 1  # the database still opens, with its customer


def test_export_onto_the_live_database_or_its_key_is_refused(
    cli: Cli, settings: Settings, tmp_path: Path
) -> None:
    db = database_file(settings)
    cli.ok("add", "--first", "Kept", "--last", "Safe")
    key = settings.key_file.read_bytes()
    for target, role in [
        (db, "the customer database"),
        (db.with_name(db.name + "-journal"), "the customer database's journal"),
        (settings.key_file, "the encryption key file"),
    ]:
        run = cli("export", "--out", str(target), "--force")
        assert_clean_failure(run)
        assert f"is {role}; custtui won't write the export over it" in run.err
    assert settings.key_file.read_bytes() == key
    assert customer_count(settings) == 1
    assert audit_events(settings, "customers_exported") == []


def test_a_second_export_of_the_day_is_numbered_and_force_replaces(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")
    today = date.today().isoformat()
    first = tmp_path / f"customers-{today}.csv"
    cli.ok("export")
    first.write_text("the morning's copy, edited\n", encoding="utf-8")
    cli.ok("add", "--first", "Bob", "--last", "Baker")

    second = tmp_path / f"customers-{today}-2.csv"
    assert cli.ok("export") == f"Exported 2 customers to {second.resolve()}\n"
    assert first.read_text(encoding="utf-8") == "the morning's copy, edited\n"
    assert len(read_csv(second)) == 3

    assert cli.ok("export", "--force") == f"Exported 2 customers to {first.resolve()}\n"
    assert len(read_csv(first)) == 3
    assert {p.name for p in tmp_path.glob("customers-*")} == {first.name, second.name}
