"""A crash leaves a log for whoever fixes it, never a decrypted value in it (issue 12)."""

from __future__ import annotations

import stat

import pytest
from sqlalchemy import update

from custtui.core.runtime.config import Settings
from custtui.core.store.models import Customer
from tests.cli.test_cli import Cli, opened

# Not a date: reading it back as the date of birth fails, with the value in the message.
STORED_DOB = "1987-06-05 per passport X9Q4471"


@pytest.fixture
def cli(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


def test_a_crash_reading_a_date_of_birth_logs_where_but_never_the_value(
    cli: Cli, settings: Settings
) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--dob", "04/05/1990")
    with opened(settings) as store, store.write() as session:
        session.execute(update(Customer).values(date_of_birth=store.keys.encrypt(STORED_DOB)))

    run = cli("show", "C-000001", "--reveal")

    assert run.status == 1
    assert run.err.startswith("custtui: unexpected error: ValueError")
    log = settings.log_dir / "custtui.log"
    text = log.read_text(encoding="utf-8")
    assert "ValueError" in text and "record.py" in text  # what and where, for a fix
    for secret in ("1987-06-05", "X9Q4471", "passport"):
        assert secret not in text
        assert secret not in run.err
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(settings.log_dir.stat().st_mode) == 0o700


def test_a_log_left_readable_by_others_is_made_private(cli: Cli, settings: Settings) -> None:
    settings.log_dir.mkdir(parents=True)
    log = settings.log_dir / "custtui.log"
    log.write_text("older entries\n", encoding="utf-8")
    log.chmod(0o644)
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--dob", "04/05/1990")
    with opened(settings) as store, store.write() as session:
        session.execute(update(Customer).values(date_of_birth=store.keys.encrypt(STORED_DOB)))

    assert cli("show", "C-000001", "--reveal").status == 1

    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert log.read_text(encoding="utf-8").startswith("older entries\n--- ")
