"""A full disk is said as such, in the core's words both the CLI and the TUI show."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from custtui.core.customers.lookup import customer_count
from custtui.core.customers.service import create_customer
from custtui.core.errors import DISK_FULL, DiskFullError, is_disk_full
from custtui.core.runtime.config import sqlite_url
from custtui.core.store.businesses import open_context
from custtui.core.store.engine import Store
from custtui.ui.errors import error_text

NOTES = "A long note that needs pages of its own. " * 200


def fill_limit(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The file may not grow past what it holds now: what SQLite says on a full disk.
    pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
    dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_is_said_and_nothing_is_saved(tmp_path: Path) -> None:
    store = Store.open(sqlite_url(tmp_path / "full.db"), tmp_path / "key.json")
    try:
        ctx = open_context(store, None, "tester")
        create_customer(ctx, {"first_name": "Ada", "last_name": "Lovelace"})
        event.listen(store.engine, "connect", fill_limit)
        store.engine.dispose()
        with pytest.raises(DiskFullError) as raised:
            create_customer(ctx, {"first_name": "Bob", "last_name": "Baker", "notes": NOTES})
        assert str(raised.value) == DISK_FULL
        assert error_text(raised.value) == DISK_FULL  # what the TUI's notification says
        assert customer_count(ctx) == 1
    finally:
        store.close()


def test_a_full_disk_while_writing_a_file_is_recognised() -> None:
    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    wrapped = RuntimeError("while exporting")
    wrapped.__cause__ = OSError(errno.EDQUOT, "Disk quota exceeded")
    assert is_disk_full(wrapped)
    assert error_text(wrapped) == DISK_FULL
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
