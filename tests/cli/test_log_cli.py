"""`custtui log`: the activity log as a clerk reads it at a shell, and as JSON."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from custtui.core.runtime.config import Settings
from tests.cli.test_cli import Cli, assert_clean_failure


@pytest.fixture
def cli(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


@pytest.fixture
def shop(cli: Cli, tmp_path: Path) -> Cli:
    """Ann (C-000001) added and exported by tester; Bob (C-000002) added by maria, whose
    edit changes nothing; Ann's date of birth revealed."""
    cli.ok("add", "--first", "Ann", "--last", "Lee", "--dob", "1980-02-03")
    cli.ok("export", "--out", str(tmp_path / "out.csv"))
    cli.ok("add", "--first", "Bob\x1b]0;pwned\x07", "--last", "Buyer", "--user", "maria")
    cli.ok("edit", "C-000002", "--last", "Buyer", "--user", "maria")
    cli.ok("show", "C-000001", "--reveal")
    return cli


def _lines(cli: Cli, *argv: str) -> list[str]:
    return cli.ok("log", *argv).splitlines()


def _cells(line: str) -> list[str]:
    """A line's columns: when, who, what, customer, detail."""
    return re.split(r"  +", line)


def test_log_lists_events_newest_first_in_words(shop: Cli) -> None:
    lines = _lines(shop)
    assert [_cells(line)[1:3] for line in lines] == [
        ["tester", "Revealed DOB"],
        ["maria", "Customer created"],
        ["tester", "Exported 1 customer"],
        ["tester", "Customer created"],
    ]
    assert "C-000001 Ann Lee" in lines[0]
    # Bob's name held an escape sequence: nothing of it steers the terminal.
    assert "\x1b" not in "\n".join(lines) and "\x07" not in "\n".join(lines)


def test_log_filters_by_user_action_and_date(shop: Cli) -> None:
    assert [_cells(line)[1] for line in _lines(shop, "--by", "maria")] == ["maria"]
    exported = _lines(shop, "--action", "customers_exported")
    assert len(exported) == 1 and "Exported 1 customer" in exported[0]
    assert len(_lines(shop, "--since", "2000-01-01", "--limit", "2")) == 2
    assert _lines(shop, "--since", "2999-01-01") == ["No events."]
    assert len(_lines(shop, "--customer", "C-000001")) == 2


def test_log_json_names_the_customer_and_whether_they_still_exist(shop: Cli) -> None:
    events = shop.json("log", "--action", "sensitive_revealed", "--action", "customer_created")
    assert [e["action"] for e in events["events"]] == [
        "sensitive_revealed",
        "customer_created",
        "customer_created",
    ]
    first = events["events"][0]
    assert first["customer"] == {"number": "C-000001", "name": "Ann Lee", "exists": True}
    assert first["title"] == "Revealed DOB" and first["user"] == "tester"


def test_a_wrong_action_or_date_is_one_line_naming_what_is_valid(shop: Cli) -> None:
    run = shop("log", "--action", "exported")
    assert_clean_failure(run)
    assert "customers_exported" in run.err and "customer_deleted" in run.err
    run = shop("log", "--since", "yesterday-ish")
    assert_clean_failure(run)
    assert "YYYY-MM-DD" in run.err
