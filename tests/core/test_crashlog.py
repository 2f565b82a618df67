"""The crash log: where an error happened and its kind, never the values it carried."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from custtui.core.errors import StoreError
from custtui.core.runtime.crashlog import describe, log_crash
from custtui.core.store.engine import Store


def _read_dob(text: str) -> date:
    return date.fromisoformat(text)


def test_a_chained_error_is_logged_with_its_frames_and_without_its_values(
    tmp_path: Path,
) -> None:
    try:
        try:
            _read_dob("05/04/1990")
        except ValueError as exc:
            raise RuntimeError(f"customer 12 has dob {exc}; licence D1234567") from exc
    except RuntimeError as exc:
        where = log_crash(tmp_path / "logs", exc)
    assert where is not None
    text = where.read_text(encoding="utf-8")
    assert "in _read_dob" in text and "The above led to:" in text
    assert "ValueError: Invalid isoformat string: '…'" in text
    for value in ("05/04/1990", "1990", "D1234567"):
        assert value not in text
    assert stat.S_IMODE(where.stat().st_mode) == 0o600
    assert stat.S_IMODE(where.parent.stat().st_mode) == 0o700


def test_describe_keeps_the_kind_and_blanks_the_values() -> None:
    assert describe(KeyError("1990-04-05")) == "KeyError: '…'"
    assert (
        describe(ValueError("bad date 04/05/1990 for DL X12")) == "ValueError: bad date # for DL #"
    )
    assert describe(ZeroDivisionError()) == "ZeroDivisionError"


def test_a_database_error_never_quotes_the_values_it_was_given(store: Store) -> None:
    with pytest.raises(StoreError) as raised, store.write() as session:
        session.execute(text("INSERT INTO no_such_table VALUES (:dob)"), {"dob": "1990-04-05"})
    cause = raised.value.__cause__
    assert cause is not None and "1990-04-05" not in str(cause)
