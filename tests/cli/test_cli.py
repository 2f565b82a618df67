"""The command line as a user meets it: what each command prints, its exit status, and the store.

Every test that touches a database takes the `settings` fixture (through `cli`), so it runs on a
SQLite file and, when CUSTTUI_TEST_DATABASE_URL is set, on PostgreSQL too.
"""

from __future__ import annotations

import csv
import json
import os
import re
import stat
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from custtui import __version__
from custtui.cli import run_cli
from custtui.core.runtime.config import Settings, sqlite_url
from custtui.core.store.engine import Store
from custtui.core.store.models import AuditEvent, Customer, CustomerNote, Item

EXPORT_HEADER = (
    "First Name,Last Name,Company,Email,Phone,Street Address,Street Address 2,City,"
    "State/Province,Postal Code,Country,Notes"
)
FREE_PLAN_REFUSAL = (
    "custtui: Customer records need the pro or premium plan; this business is on the free plan "
    "(custtui plan set pro).\n"
)
CLOSED_PORT_URL = "postgresql+psycopg://x@127.0.0.1:1/none"


# -- running custtui --------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What a user sees after one command: exit status, standard output, standard error."""

    status: int
    out: str
    err: str

    @property
    def one_error_line(self) -> bool:
        return (
            self.err.startswith("custtui: ")
            and self.err.endswith("\n")
            and (self.err.count("\n") == 1)
        )


class Cli:
    """Runs custtui in-process through `main()`, as if typed at a shell prompt."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self._capsys = capsys

    def __call__(self, *argv: str) -> Run:
        self._capsys.readouterr()
        status, out = run_cli(list(argv))
        return Run(status, out, self._capsys.readouterr().err)

    def ok(self, *argv: str) -> str:
        """Run a command that must succeed quietly on stderr; returns its output."""
        run = self(*argv)
        assert (run.status, run.err) == (0, ""), run
        return run.out

    def json(self, *argv: str) -> Any:
        return json.loads(self.ok(*argv, "--json"))


@pytest.fixture
def cli(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Cli:
    """custtui against the test database (SQLite, then PostgreSQL)."""
    return Cli(capsys)


def run_process(*argv: str | bytes, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """`python -m custtui ...` in a child process, with the environment the fixtures set."""
    proc = subprocess.run(
        [sys.executable, "-m", "custtui", *argv],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def assert_clean_failure(run: Run) -> None:
    """Exit 1, one line on stderr, and never a traceback anywhere."""
    assert "Traceback" not in run.err + run.out
    assert run.status == 1, run
    assert run.one_error_line, run.err


# -- looking at the store ---------------------------------------------------------------------


@contextmanager
def opened(settings: Settings) -> Iterator[Store]:
    store = Store.open(settings.database_url, settings.key_file)
    try:
        yield store
    finally:
        store.close()


def customer_count(settings: Settings) -> int:
    with opened(settings) as store, store.read() as session:
        return int(session.scalar(select(func.count()).select_from(Customer)) or 0)


def audit_events(settings: Settings, action: str) -> list[AuditEvent]:
    with opened(settings) as store, store.read() as session:
        query = select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)
        return list(session.scalars(query))


def control_characters(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.category(ch) == "Cc" and ch != "\n"]


# -- the people in these stories ------------------------------------------------------------------

ZOE_FLAGS: tuple[str, ...] = (
    "--first", " Zoë ",
    "--last", "Müller",
    "--email", "Zoe.Muller@Example.COM",
    "--phone", "(415) 555-2671",
    "--mobile", "+44 20 7946 0958",
    "--company", "Müller Motors",
    "--dob", "04/05/1990",
    "--dl", "D1234567",
    "--dl-state", "ca",
    "--street", "1 Main St",
    "--street2", "Apt 2",
    "--city", "San Francisco",
    "--state", "California",
    "--postal", "94110",
    "--country", "United States",
    "--notes", "Prefers mornings",
    "--instagram", "https://www.instagram.com/Zoe.M/",
    "--facebook", "facebook.com/zoe",
    "--consignor-code", "zm1",
    "--preferred-contact", "text",
    "--source", "walk-in",
    "--referral", "Ada sent her",
    "--since", "2020-03-01",
    "--contact-email", "yes",
    "--contact-sms", "no",
    "--on-hold", "yes",
    "--active", "yes",
)  # fmt: skip


@pytest.fixture
def three_customers(cli: Cli) -> None:
    """Ada and Alan, then Zoë: a consignor with a San Francisco phone number."""
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--email", "ada@example.org")
    cli.ok("add", "--first", "Alan", "--last", "Turing", "--phone", "(212) 555-0147")
    cli.ok(
        "add", "--first", "Zoë", "--last", "Müller", "--phone", "(415) 555-2671",
        "--consignor-code", "zm1",
    )  # fmt: skip


# -- add and show -------------------------------------------------------------------------------


def test_add_with_only_a_name_prints_the_next_customer_number(cli: Cli, settings: Settings) -> None:
    assert cli("add", "--first", "Ada", "--last", "Lovelace") == Run(0, "C-000001\n", "")
    assert cli("add", "--first", "Alan", "--last", "Turing") == Run(0, "C-000002\n", "")
    assert customer_count(settings) == 2
    assert audit_events(settings, "customer_created")[0].actor == "tester"


def test_add_with_every_flag_stores_normalised_values(cli: Cli) -> None:
    assert cli.ok("add", *ZOE_FLAGS) == "C-000001\n"

    zoe = cli.json("show", "C-000001")

    assert zoe | {"created_at": None, "updated_at": None} == {
        "id": zoe["id"],
        "number": "C-000001",
        "first_name": "Zoë",
        "last_name": "Müller",
        "company": "Müller Motors",
        "email": "Zoe.Muller@example.com",
        "phone": "+14155552671",
        "mobile_phone": "+442079460958",
        "dl_state": "CA",
        "street": "1 Main St",
        "street2": "Apt 2",
        "city": "San Francisco",
        "state": "CA",
        "postal_code": "94110",
        "country": "US",
        "notes": "Prefers mornings",
        "instagram": "zoe.m",
        "facebook": "https://facebook.com/zoe",
        "preferred_contact": "Text",
        "discovery_source": "Walk-in",
        "referral_details": "Ada sent her",
        "customer_since": "2020-03-01",
        "is_consignor": True,
        "consignor_code": "ZM1",
        "contact_by_email": True,
        "contact_by_sms": False,
        "active": True,
        "on_hold": True,
        "created_at": None,
        "created_by": "tester",
        "updated_at": None,
        "updated_by": "tester",
        "version": 1,
        "date_of_birth": "••••-••-••",
        "driver_license": "•••• 4567",
        "purchases": {"count": 0, "total": "0.00", "first_date": None, "last_date": None},
        "consignment": {
            "active_count": 0,
            "active_value": "0.00",
            "sold_count": 0,
            "proceeds": "0.00",
            "commission": "0.00",
            "balance_owed": "0.00",
        },
    }


def test_show_prints_a_card_of_the_populated_fields_with_identification_masked(
    cli: Cli, settings: Settings
) -> None:
    cli.ok("add", *ZOE_FLAGS)

    lines = cli.ok("show", "C-000001").splitlines()

    assert lines[:-1] == [
        "C-000001  Zoë Müller",
        "  Company:            Müller Motors",
        "  Email:              Zoe.Muller@example.com",
        "  Phone:              (415) 555-2671",
        "  Mobile phone:       +44 20 7946 0958",
        "  Address:            1 Main St",
        "                      Apt 2",
        "                      San Francisco, CA 94110",
        "  Instagram:          @zoe.m",
        "  Facebook:           https://facebook.com/zoe",
        "  Date of birth:      ••••-••-••",
        "  Driver license:     •••• 4567",
        "  DL state:           CA",
        "  Customer since:     2020-03-01",
        "  Preferred contact:  Text",
        "  Discovery source:   Walk-in",
        "  Referral details:   Ada sent her",
        "  Consignor:          ZM1",
        "  Contact by:         email",
        "  Status:             on hold",
        "  Notes:              Prefers mornings",
        "  Balance owed:       $0.00",
    ]
    assert re.fullmatch(r"  Updated: {12}\d{4}-\d\d-\d\d \d\d:\d\d UTC by tester", lines[-1])
    assert audit_events(settings, "sensitive_revealed") == []


def test_show_json_keeps_identification_masked(cli: Cli, settings: Settings) -> None:
    cli.ok("add", *ZOE_FLAGS)

    zoe = cli.json("show", "1")

    assert (zoe["date_of_birth"], zoe["driver_license"]) == ("••••-••-••", "•••• 4567")
    # The whole date: a timestamp may well hold "1990" (its microseconds), never this date.
    assert "1990-04-05" not in json.dumps(zoe) and "D1234567" not in json.dumps(zoe)
    assert audit_events(settings, "sensitive_revealed") == []


def test_show_reveal_prints_identification_and_records_who_saw_it(
    cli: Cli, settings: Settings
) -> None:
    cli.ok("add", *ZOE_FLAGS)

    card = cli.ok("show", "C-000001", "--reveal")
    revealed = cli.json("show", "C-000001", "--reveal")

    assert "  Date of birth:      1990-04-05\n" in card
    assert "  Driver license:     D1234567\n" in card
    assert "•" not in card
    assert (revealed["date_of_birth"], revealed["driver_license"]) == ("1990-04-05", "D1234567")
    events = audit_events(settings, "sensitive_revealed")
    assert [(e.actor, e.changes) for e in events] == [
        ("tester", {"fields": ["date_of_birth", "driver_license"]}),
    ] * 2


@pytest.mark.parametrize("number", ["C-000002", "c-000002", "2", "000002", "c2"])
def test_a_customer_number_can_be_written_several_ways(cli: Cli, number: str) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")
    cli.ok("add", "--first", "Alan", "--last", "Turing")

    assert cli.ok("show", number).splitlines()[0] == "C-000002  Alan Turing"
    assert cli.ok("edit", number, "--city", "Wilmslow") == "C-000002 saved\n"
    assert cli.json("show", "C-000002")["city"] == "Wilmslow"


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (["show", "C-000099"], "No customer C-000099."),
        (["show", "abc"], "'abc' is not a customer number (like C-000123)."),
        (["show", "C-000000"], "'C-000000' is not a customer number (like C-000123)."),
        (["edit", "99", "--city", "Paris"], "No customer C-000099."),
    ],
)
def test_an_unknown_customer_number_is_one_clear_line(
    cli: Cli, command: list[str], message: str
) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")

    assert cli(*command) == Run(1, "", f"custtui: {message}\n")


# -- validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--last", "Lovelace"], "First name is required."),
        (["--first", "   ", "--last", "Lovelace"], "First name is required."),
        (["--first", "Ada"], "Last name is required."),
        ([], "First name is required. Last name is required."),
        (["--first", "A" * 101, "--last", "L"], "First name must be at most 100 characters."),
        (["--first", "Ada", "--last", "L", "--phone", "12"], "Phone is not a valid phone number."),
        (
            ["--first", "Ada", "--last", "L", "--mobile", "call me"],
            "Mobile phone is not a valid phone number.",
        ),
        (
            ["--first", "Ada", "--last", "L", "--email", "ada@"],
            "Email is not a valid email address.",
        ),
        (
            ["--first", "Ada", "--last", "L", "--dob", "2999-01-01"],
            "Date of birth must be in the past.",
        ),
        (
            ["--first", "Ada", "--last", "L", "--state", "Narnia"],
            "State/province is not a state or province of United States.",
        ),
    ],
)
def test_an_invalid_add_says_why_on_one_line_and_creates_nothing(
    cli: Cli, settings: Settings, flags: list[str], message: str
) -> None:
    assert cli("add", *flags) == Run(1, "", f"custtui: {message}\n")
    assert customer_count(settings) == 0
    assert audit_events(settings, "customer_created") == []


def test_an_email_is_unique_per_business_whatever_its_case(cli: Cli, settings: Settings) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--email", "Ada@Example.org")

    run = cli("add", "--first", "Augusta", "--last", "King", "--email", "ADA@example.ORG")

    assert run == Run(
        1, "", "custtui: A customer with this email already exists for this business.\n"
    )
    assert customer_count(settings) == 1


# -- edit --------------------------------------------------------------------------------------


def test_edit_changes_only_the_given_fields(cli: Cli, settings: Settings) -> None:
    cli.ok("add", *ZOE_FLAGS)
    before = cli.json("show", "C-000001")

    assert cli("edit", "C-000001", "--city", "Oakland", "--state", "Oregon") == Run(
        0, "C-000001 saved\n", ""
    )

    after = cli.json("show", "C-000001")
    changed = {key for key in before if before[key] != after[key]}
    assert changed == {"city", "state", "updated_at", "version"}
    assert (after["city"], after["state"], after["version"]) == ("Oakland", "OR", 2)
    (event,) = audit_events(settings, "customer_updated")
    assert event.changes == {
        "city": {"old": "San Francisco", "new": "Oakland"},
        "state": {"old": "CA", "new": "OR"},
    }


def test_edit_with_an_empty_value_clears_the_field(cli: Cli) -> None:
    cli.ok("add", *ZOE_FLAGS)

    cli.ok("edit", "C-000001", "--company", "")

    assert cli.json("show", "C-000001")["company"] is None
    assert "Company:" not in cli.ok("show", "C-000001")


def test_edit_never_empties_a_name(cli: Cli) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")

    assert cli("edit", "1", "--first", "") == Run(1, "", "custtui: First name is required.\n")
    assert cli("edit", "1", "--last", " ") == Run(1, "", "custtui: Last name is required.\n")
    assert cli.ok("show", "1").splitlines()[0] == "C-000001  Ada Lovelace"


def test_edit_to_an_email_another_customer_has_is_refused(cli: Cli) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--email", "ada@example.org")
    cli.ok("add", "--first", "Alan", "--last", "Turing", "--email", "alan@example.org")

    run = cli("edit", "C-000002", "--email", "Ada@Example.org")

    assert run == Run(1, "", "custtui: Another customer with this email already exists.\n")
    assert cli.json("show", "C-000002")["email"] == "alan@example.org"
    # A customer may change the case of their own address.
    cli.ok("edit", "C-000001", "--email", "ADA@example.org")


def test_edit_with_an_invalid_phone_names_the_field_and_keeps_the_old_number(cli: Cli) -> None:
    cli.ok("add", *ZOE_FLAGS)

    assert cli("edit", "1", "--mobile", "12") == Run(
        1, "", "custtui: Mobile phone is not a valid phone number.\n"
    )
    assert cli.json("show", "1")["mobile_phone"] == "+442079460958"


def test_edit_without_any_field_is_a_usage_error(cli: Cli) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")

    assert cli("edit", "C-000001") == Run(
        2, "", "custtui: edit needs at least one --FIELD VALUE (see: custtui edit --help)\n"
    )


# -- find ----------------------------------------------------------------------------------------


def cells(output: str) -> list[list[str]]:
    """Each output line split into its columns (empty columns leave no cell)."""
    return [re.split(r" {2,}", line.strip()) for line in output.splitlines()]


def rows(output: str) -> list[str]:
    """The customer numbers of the listed rows (every line but the count line)."""
    return [line.split()[0] for line in output.splitlines()[:-1]]


def count_line(output: str) -> str:
    return output.splitlines()[-1]


@pytest.mark.usefixtures("three_customers")
def test_find_without_terms_lists_everyone_sorted_by_last_name(cli: Cli) -> None:
    output = cli.ok("find")

    assert cells(output) == [
        ["C-000001", "Lovelace, Ada", "ada@example.org"],
        ["C-000003", "Müller, Zoë", "(415) 555-2671"],
        ["C-000002", "Turing, Alan", "(212) 555-0147"],
        ["3 customers"],
    ]
    assert rows(cli.ok("find", "--sort", "first_name")) == ["C-000001", "C-000002", "C-000003"]
    assert rows(cli.ok("find", "--sort", "number")) == ["C-000001", "C-000002", "C-000003"]


@pytest.mark.usefixtures("three_customers")
@pytest.mark.parametrize(
    ("terms", "found"),
    [
        (["zoe"], ["C-000003"]),
        (["MULLER"], ["C-000003"]),
        (["Zoë"], ["C-000003"]),
        (["5552671"], ["C-000003"]),
        (["555-2671"], ["C-000003"]),
        (["555"], ["C-000003", "C-000002"]),
        (["example.org"], ["C-000001"]),
        (["ada", "love"], ["C-000001"]),
        (["a"], ["C-000001", "C-000002"]),
    ],
)
def test_find_matches_every_term_accent_and_punctuation_blind(
    cli: Cli, terms: list[str], found: list[str]
) -> None:
    output = cli.ok("find", *terms)

    assert rows(output) == found
    assert count_line(output) == f"{len(found)} of 3 customers"


@pytest.mark.usefixtures("three_customers")
def test_find_with_a_term_that_matches_nobody(cli: Cli) -> None:
    assert cli.ok("find", "ada", "turing") == "0 of 3 customers\n"


@pytest.mark.usefixtures("three_customers")
def test_find_consignors_only(cli: Cli) -> None:
    output = cli.ok("find", "--consignors")

    assert rows(output) == ["C-000003"]
    assert count_line(output) == "1 of 3 customers"
    assert cli.ok("find", "--consignors", "ada") == "0 of 3 customers\n"


@pytest.mark.usefixtures("three_customers")
def test_find_limit_shows_fewer_rows_but_counts_every_match(cli: Cli) -> None:
    output = cli.ok("find", "a", "--limit", "1")

    assert rows(output) == ["C-000001"]
    assert count_line(output) == "2 of 3 customers"
    unfiltered = cli.ok("find", "--limit", "2")
    assert rows(unfiltered) == ["C-000001", "C-000003"]
    assert count_line(unfiltered) == "3 customers"


def test_find_says_customer_for_one(cli: Cli) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")

    assert cli.ok("find") == "C-000001  Lovelace, Ada\n1 customer\n"
    assert cli.ok("find", "nobody") == "0 of 1 customer\n"


def test_find_in_an_empty_database(cli: Cli) -> None:
    assert cli.ok("find") == "0 customers\n"


@pytest.mark.usefixtures("three_customers")
def test_find_json_gives_the_count_and_the_shown_customers(cli: Cli) -> None:
    assert cli.json("find", "555", "--limit", "1") == {
        "count": 2,
        "total": 3,
        "customers": [
            {
                "number": "C-000003",
                "first_name": "Zoë",
                "last_name": "Müller",
                "company": None,
                "email": None,
                "phone": "+14155552671",
                "mobile_phone": None,
                "is_consignor": True,
            }
        ],
    }


def test_find_never_searches_identification(cli: Cli) -> None:
    cli.ok("add", *ZOE_FLAGS)

    assert cli.ok("find", "D1234567") == "0 of 1 customer\n"
    assert cli.ok("find", "1990") == "0 of 1 customer\n"


# -- export -------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_export_writes_todays_file_in_the_current_folder(
    cli: Cli, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cli.ok("add", *ZOE_FLAGS)
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--email", "ada@example.org")
    expected = tmp_path / f"customers-{date.today().isoformat()}.csv"

    assert cli.ok("export") == f"Exported 2 customers to {expected.resolve()}\n"

    text = expected.read_text(encoding="utf-8")
    assert text.splitlines()[0] == EXPORT_HEADER
    assert read_csv(expected)[1:] == [
        [
            "Zoë", "Müller", "Müller Motors", "Zoe.Muller@example.com", "(415) 555-2671",
            "1 Main St", "Apt 2", "San Francisco", "CA", "94110", "US", "Prefers mornings",
        ],
        ["Ada", "Lovelace", "", "ada@example.org", "", "", "", "", "", "", "US", ""],
    ]  # fmt: skip
    for secret in ("1990", "04/05", "D1234567", "4567"):
        assert secret not in text
    (event,) = audit_events(settings, "customers_exported")
    assert (event.actor, event.changes["count"]) == ("tester", 2)
    assert event.changes["file"].endswith(expected.name)


def test_export_out_writes_where_asked(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    (work / "exports").mkdir(parents=True)
    monkeypatch.chdir(work)
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")

    output = cli.ok("export", "--out", "exports/shop.csv")

    target = work / "exports" / "shop.csv"
    assert output == f"Exported 1 customer to {target.resolve()}\n"
    assert read_csv(target) == [
        EXPORT_HEADER.split(","),
        ["Ada", "Lovelace", "", "", "", "", "", "", "", "", "US", ""],
    ]
    assert [p.name for p in work.iterdir()] == ["exports"]
    assert [p.name for p in (work / "exports").iterdir()] == ["shop.csv"]


def test_export_neutralises_cells_a_spreadsheet_would_run(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cli.ok(
        "add", "--first=Ada", "--last=@Lovelace", "--company=+cmd", '--notes==HYPERLINK("x")',
        "--street=@SUM(A1:A9)", "--city=-1", "--postal=94110",
    )  # fmt: skip

    cli.ok("export", "--out", "out.csv")

    assert read_csv(tmp_path / "out.csv")[1] == [
        "Ada", "'@Lovelace", "'+cmd", "", "", "'@SUM(A1:A9)", "", "'-1", "", "94110", "US",
        "'=HYPERLINK(\"x\")",
    ]  # fmt: skip


def test_export_with_no_customers_writes_nothing_and_says_so(
    cli: Cli, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)

    assert cli("export") == Run(0, "No customers to export; nothing written.\n", "")
    assert list(work.iterdir()) == []
    assert audit_events(settings, "customers_exported") == []


def test_export_into_a_missing_folder_is_one_clear_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")

    assert cli("export", "--out", "missing/shop.csv") == Run(
        1, "", "custtui: Can't write missing/shop.csv: No such file or directory\n"
    )


# -- demo data -------------------------------------------------------------------------------


def test_demo_data_fills_the_store_and_says_how_much(cli: Cli, settings: Settings) -> None:
    output = cli.ok("demo-data", "--customers", "200", "--seed", "3")

    match = re.fullmatch(
        r"Added 200 demo customers, (\d+) notes and (\d+) items in \d+\.\d s\n", output
    )
    assert match, output
    with opened(settings) as store, store.read() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 200
        notes = session.scalar(select(func.count()).select_from(CustomerNote))
        items = session.scalar(select(func.count()).select_from(Item))
    assert (notes, items) == (int(match[1]), int(match[2]))
    assert count_line(cli.ok("find")) == "200 customers"


def test_the_same_seed_gives_the_same_customers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli = Cli(capsys)
    urls = [sqlite_url(tmp_path / f"demo-{name}.db") for name in ("a", "b", "c")]
    for url, seed in zip(urls, ("3", "3", "4"), strict=True):
        cli.ok("--db", url, "demo-data", "--customers", "200", "--seed", seed)

    first, again, other = (cli.ok("--db", url, "find", "--json") for url in urls)

    assert json.loads(first)["count"] == 200
    assert first == again
    assert first != other


# -- key rotation and key file rules ---------------------------------------------------------------


def test_key_rotate_keeps_every_value_readable_under_a_new_key(
    cli: Cli, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli.ok("add", *ZOE_FLAGS)
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--dob", "1985-12-10")
    old = json.loads(settings.key_file.read_text())
    old_copy = tmp_path / "old-key.json"
    old_copy.write_text(settings.key_file.read_text())
    old_copy.chmod(0o600)

    output = cli.ok("key", "rotate")

    new = json.loads(settings.key_file.read_text())
    assert output == (
        f"Re-encrypted 3 values under key {new['current']}; "
        f"the key file {settings.key_file} now holds only that key.\n"
    )
    assert new["current"] != old["current"]
    assert list(new["keys"]) == [new["current"]]
    assert stat.S_IMODE(settings.key_file.stat().st_mode) == 0o600
    card = cli.ok("show", "C-000001", "--reveal")
    assert "  Date of birth:      1990-04-05\n" in card
    assert "  Driver license:     D1234567\n" in card
    # The old key no longer opens the database: the rotation really replaced it.
    monkeypatch.setenv("CUSTTUI_KEY_FILE", str(old_copy))
    stale = cli("find")
    assert stale.status == 1 and stale.one_error_line
    assert stale.err.startswith(f"custtui: The key file {old_copy} lacks key ")


def test_a_key_file_others_can_read_is_refused_with_the_fix(
    cli: Cli, settings: Settings, tmp_path: Path
) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")
    key = settings.key_file
    key.chmod(0o644)

    run = run_process("find", "ada", cwd=tmp_path)

    assert_clean_failure(run)
    assert run.err == (
        f"custtui: Key file {key} can be read by other users; custtui won't use it. "
        f"Run: chmod 600 {key}\n"
    )
    key.chmod(0o600)
    assert count_line(cli.ok("find", "ada")) == "1 of 1 customer"


def test_a_missing_key_file_is_reported_and_not_replaced(
    cli: Cli, settings: Settings, tmp_path: Path
) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--dob", "1985-12-10")
    settings.key_file.unlink()

    run = run_process("show", "C-000001", "--reveal", cwd=tmp_path)

    assert_clean_failure(run)
    assert run.err.startswith(f"custtui: Key file {settings.key_file} not found.")
    # A fresh key would make the stored date of birth unreadable for good.
    assert not settings.key_file.exists()


# -- database upgrade ---------------------------------------------------------------------------


def test_db_upgrade_on_a_fresh_then_an_up_to_date_database(cli: Cli) -> None:
    assert cli.ok("db", "upgrade") == "Database upgraded to the latest schema.\n"
    assert cli.ok("db", "upgrade") == "Database schema is already up to date.\n"
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")
    assert cli.ok("db", "upgrade") == "Database schema is already up to date.\n"


# -- plans ----------------------------------------------------------------------------------------


def test_plans_free_hides_customers_and_upgrading_brings_them_back(cli: Cli) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")
    assert cli.ok("plan") == "My business is on the premium plan.\n"

    assert cli.ok("plan", "set", "free") == "My business is now on the free plan.\n"
    assert cli.ok("plan") == "My business is on the free plan.\n"
    for command in (
        ["add", "--first", "Alan", "--last", "Turing"],
        ["find", "ada"],
        ["show", "C-000001"],
        ["edit", "C-000001", "--city", "London"],
        ["export", "--out", "never.csv"],
    ):
        assert cli(*command) == Run(1, "", FREE_PLAN_REFUSAL), command

    assert cli.ok("plan", "set", "pro") == "My business is now on the pro plan.\n"
    assert cli.ok("find") == "C-000001  Lovelace, Ada\n1 customer\n"


def test_consignment_needs_premium(cli: Cli, settings: Settings) -> None:
    cli.ok("plan", "set", "pro")

    run = cli("add", "--first", "Zoë", "--last", "Müller", "--consignor", "yes")

    assert run == Run(1, "", "custtui: Consignment needs the premium plan.\n")
    assert customer_count(settings) == 0


def test_an_unknown_plan_is_a_usage_error(cli: Cli) -> None:
    run = cli("plan", "set", "gold")

    assert run.status == 2 and run.out == ""
    assert run.one_error_line and "'gold'" in run.err
    assert cli.ok("plan") == "My business is on the premium plan.\n"


# -- team -----------------------------------------------------------------------------------------


def test_a_locked_team_list_refuses_strangers_and_says_how_to_let_them_in(cli: Cli) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")
    assert cli.ok("team") == "0 team members; list unlocked (any user may sign in)\n"
    assert cli.ok("team", "add", "alice") == "Added alice to the team.\n"
    assert cli.ok("team", "add", "alice") == "alice is already on the team.\n"
    assert cli.ok("team") == "alice\n1 team member; list unlocked (any user may sign in)\n"

    assert cli.ok("team", "lock") == (
        "Added tester to the team so you stay able to sign in.\n"
        "Team list locked: only its members can use this business.\n"
    )

    assert cli.ok("team") == "alice\ntester\n2 team members; list locked\n"
    refusal = Run(
        1,
        "",
        "custtui: stranger is not on the team of My business. "
        "A team member can add them with: custtui team add stranger\n",
    )
    assert cli("--user", "stranger", "find", "x") == refusal
    assert cli("find", "--user", "stranger", "x") == refusal
    assert cli("--user", "stranger", "team", "add", "stranger") == refusal
    assert count_line(cli.ok("--user", "alice", "find", "ada")) == "1 of 1 customer"

    assert cli.ok("team", "unlock") == "Team list unlocked: any user can use this business.\n"
    assert count_line(cli.ok("--user", "stranger", "find", "ada")) == "1 of 1 customer"


def test_locking_again_adds_nobody(cli: Cli) -> None:
    cli.ok("team", "lock")

    assert cli.ok("team", "lock") == "Team list locked: only its members can use this business.\n"
    assert cli.ok("team") == "tester\n1 team member; list locked\n"


# -- businesses ------------------------------------------------------------------------------


def test_a_second_business_has_its_own_numbers_and_customers(cli: Cli) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace", "--email", "ada@example.org")
    cli.ok("add", "--first", "Alan", "--last", "Turing")

    assert cli.ok("business", "add", "north", "--name", "North Shop") == (
        "Added business north (North Shop); use it with --business north\n"
    )
    assert cli.ok("business") == (
        "main  My business  (premium, United States)\nnorth  North Shop  (premium, United States)\n"
    )

    north = ("--business", "north")
    # Numbers start again at C-000001 and the same email is free in another business.
    ada_north = cli.ok(*north, "add", "--first=Ada", "--last=North", "--email=ada@example.org")
    assert ada_north == "C-000001\n"
    assert cells(cli.ok(*north, "find")) == [
        ["C-000001", "North, Ada", "ada@example.org"],
        ["1 customer"],
    ]
    assert count_line(cli.ok("find")) == "2 customers"
    assert cli.json("find", "--business", "north")["count"] == 1
    assert cli.json("show", "C-000001", "--business", "north")["last_name"] == "North"


def test_business_add_refuses_a_taken_or_malformed_slug(cli: Cli) -> None:
    cli.ok("business", "add", "north")

    assert cli("business", "add", "north", "--name", "Other") == Run(
        1, "", "custtui: A business 'north' already exists.\n"
    )
    assert cli("business", "add", "no spaces!") == Run(
        1, "", "custtui: A business slug is 1-50 lower-case letters, digits and hyphens.\n"
    )
    assert cli.ok("business") == (
        "main  My business  (premium, United States)\nnorth  north  (premium, United States)\n"
    )


def test_an_unknown_business_is_one_clear_line(cli: Cli) -> None:
    assert cli("--business", "nope", "find") == Run(
        1, "", "custtui: No business 'nope'; `custtui business add nope` creates it.\n"
    )


# -- usage errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["find", "--bogus"],
        ["find", "--limit", "0"],
        ["find", "--limit", "abc"],
        ["find", "--sort", "age"],
        ["add", "--first"],
        ["show"],
        ["key"],
        ["key", "spin"],
        ["db"],
        ["plan", "set"],
        ["demo-data", "--customers", "-5"],
        ["business", "add"],
    ],
)
def test_a_usage_error_is_one_line_with_exit_status_2_and_touches_nothing(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = Cli(capsys)(*argv)

    assert (run.status, run.out) == (2, "")
    assert run.one_error_line, run.err
    assert "usage:" not in run.err
    assert run.err.rstrip().endswith("--help)")
    assert not (tmp_path / "data").exists()


def test_usage_errors_name_the_problem(capsys: pytest.CaptureFixture[str]) -> None:
    cli = Cli(capsys)

    assert cli("find", "--limit", "0").err == (
        "custtui: argument --limit: must be at least 1 (see: custtui find --help)\n"
    )
    assert cli("find", "--limit", "abc").err == (
        "custtui: argument --limit: 'abc' is not a whole number (see: custtui find --help)\n"
    )
    assert cli("key").err == "custtui: key needs an action (see: custtui key --help)\n"


# -- no traceback, whatever the input ------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["add", "--first", "X" * 100_000, "--last", "Y"], "First name must be at most 100 "),
        (["add", "--first=X", "--last=Y", "--notes", "n" * 100_000], "Notes must be at most "),
        (["add", "--first=X", "--last=Y", "--email", "e" * 100_000], "Email is not a valid "),
        (["add", "--first=X", "--last=Y", "--phone", "1" * 100_000], "Phone is not a valid "),
        (["add", "--first=X", "--last=Y", "--facebook", "f" * 100_000], "Facebook must be at "),
        (["add", "--first=X", "--last=Y", "--dob=\x1b[31m\x07\x7f\x01"], "Date of birth must "),
        (["add", "--first=X", "--last=Y", "--instagram=\x1b]0;pwn\x07"], "Instagram must be "),
        (["add", "--first=X", "--last=Y", "--country=\ufffd\u202e\x1b"], "Country is not a "),
        (["show", "9" * 100_000], "'999"),
    ],
    ids=[
        "long-name", "long-notes", "long-email", "long-phone", "long-facebook",
        "control-dob", "escape-instagram", "junk-country", "long-number",
    ],
)  # fmt: skip
def test_junk_input_is_refused_in_one_line_without_a_traceback(
    settings: Settings, tmp_path: Path, argv: list[str], message: str
) -> None:
    run = run_process(*argv, cwd=tmp_path)

    assert_clean_failure(run)
    assert run.err.startswith(f"custtui: {message}")
    assert customer_count(settings) == 0


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (CLOSED_PORT_URL, f"custtui: Can't reach the database {CLOSED_PORT_URL}: "),
        ("nonsense://", "custtui: Not a usable database URL: nonsense:// "),
    ],
)
@pytest.mark.parametrize("command", [["find", "x"], ["add", "--first", "A", "--last", "B"]])
def test_an_unusable_database_is_one_clear_line(
    tmp_path: Path, url: str, message: str, command: list[str]
) -> None:
    run = run_process("--db", url, *command, cwd=tmp_path)

    assert_clean_failure(run)
    assert run.err.startswith(message)


def test_control_characters_never_reach_the_terminal(cli: Cli, settings: Settings) -> None:
    cli.ok(
        "add", "--first=\x1b[31mAda\x07", "--last=Love\x08lace", "--company=\x1b]0;pwn\x07Acme",
        "--city=\x9bParis", "--notes=line one\r\nline\x00 two",
    )  # fmt: skip

    card = cli.ok("show", "C-000001")
    listing = cli.ok("find")

    assert control_characters(card + listing) == []
    assert card.splitlines()[0] == "C-000001  [31mAda Lovelace"
    assert cli.json("show", "1")["notes"] == "line one\nline two"


def test_a_very_long_search_term_finds_nobody(cli: Cli) -> None:
    cli.ok("add", "--first", "Ada", "--last", "Lovelace")

    assert cli.ok("find", "a" * 100_000) == "0 of 1 customer\n"
    assert cli.ok("find", "5" * 100_000) == "0 of 1 customer\n"


JUNK = st.text(max_size=60) | st.text(alphabet="0123456789()+-./ @:#_abcxyzé", max_size=25)
FACEBOOK_JUNK = st.text(max_size=60) | (
    st.text(alphabet="abc./:-_?#=&%", max_size=40).map(lambda path: "facebook.com/" + path)
)
FUZZED_FIELDS = {
    "--email": JUNK,
    "--phone": JUNK,
    "--dob": JUNK,
    "--instagram": JUNK,
    "--facebook": FACEBOOK_JUNK,
    "--state": JUNK,
    "--country": JUNK,
}


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.fixed_dictionaries({}, optional=FUZZED_FIELDS))
def test_random_text_in_any_field_is_saved_or_refused_in_one_line(
    cli: Cli, values: dict[str, str]
) -> None:
    flags = [f"{flag}={value}" for flag, value in values.items()]

    run = cli("add", "--first=Ada", "--last=Lovelace", *flags)

    assert run.status in (0, 1), run
    if run.status == 0:
        assert re.fullmatch(r"C-\d{6}\n", run.out) and run.err == ""
    else:
        assert run.out == "" and run.one_error_line, run.err
        assert "unexpected error" not in run.err


def test_version(tmp_path: Path) -> None:
    run = run_process("--version", cwd=tmp_path)

    assert run == Run(0, f"custtui {__version__}\n", "")


# -- bad input that once reached the driver or printed twice ----------------------------------


@pytest.mark.parametrize("junk", ["\x00", "\x1b[2J", "\x07"], ids=["nul", "escape", "bell"])
def test_control_characters_in_a_facebook_link_are_stripped_or_refused(cli: Cli, junk: str) -> None:
    run = cli("add", "--first=Zoë", "--last=Müller", f"--facebook=facebook.com/zoe{junk}x")

    if run.status == 0:
        assert control_characters(cli.ok("show", "C-000001")) == []
        assert control_characters(cli.json("show", "C-000001")["facebook"]) == []
    else:
        assert run.status == 1 and run.one_error_line, run.err
        assert run.err.startswith("custtui: Facebook ")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (CLOSED_PORT_URL, f"custtui: Can't reach the database {CLOSED_PORT_URL}: "),
        ("nonsense://", "custtui: Not a usable database URL: nonsense:// "),
    ],
    ids=["closed-port", "nonsense-url"],
)
def test_db_upgrade_reports_an_unusable_database_like_every_other_command(
    capsys: pytest.CaptureFixture[str], url: str, message: str
) -> None:
    run = Cli(capsys)("--db", url, "db", "upgrade")

    assert run.status == 1 and run.one_error_line, run.err
    assert run.err.startswith(message)


def test_a_database_url_whose_driver_is_missing_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = Cli(capsys)("--db", "mysql+mysqldb://x@127.0.0.1:1/none", "find", "x")

    assert run.status == 1 and run.one_error_line, run.err
    assert run.err.startswith("custtui: The database driver for mysql+mysqldb is not installed")


def test_a_name_typed_in_a_latin1_terminal_is_handled(settings: Settings, tmp_path: Path) -> None:
    run = run_process(
        b"add", b"--first", b"Jos\xe9", b"--last", b"Garc\xeda", cwd=tmp_path,
        env={"PYTHONUTF8": "1"},
    )  # fmt: skip

    assert "Traceback" not in run.err
    assert "unexpected error" not in run.err, run.err
    if run.status == 1:
        assert run.one_error_line, run.err
    else:
        assert run == Run(0, "C-000001\n", "")


def test_a_consignor_code_on_the_pro_plan_is_refused_in_one_sentence(cli: Cli) -> None:
    cli.ok("plan", "set", "pro")

    run = cli("add", "--first", "Zoë", "--last", "Müller", "--consignor-code", "zm1")

    assert run == Run(1, "", "custtui: Consignment needs the premium plan.\n")
