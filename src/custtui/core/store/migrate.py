"""Schema migrations with Alembic; imported only when a database needs one."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import DBAPIError

from custtui.core.errors import StoreError
from custtui.core.store.engine import current_revision, describe_db_error, open_engine, sqlite_path

MIGRATIONS = str(Path(__file__).with_name("migrations"))


def _alembic_config(connection: Any) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    cfg.attributes["connection"] = connection
    return cfg


def _scripts() -> ScriptDirectory:
    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    return ScriptDirectory.from_config(cfg)


def head_revision() -> str | None:
    return _scripts().get_current_head()


def migrate(engine: Engine, url: str, target: str = "head") -> bool:
    """Bring the schema to `target`; returns True when something was applied."""
    head = head_revision() if target == "head" else target
    with engine.connect() as conn:
        current = current_revision(conn)
        has_tables = bool(inspect(conn).get_table_names())
    if current == head:
        return False
    if current is None and has_tables:
        raise StoreError(
            "The database has tables but no custtui schema version; custtui won't touch it."
        )
    if current is not None and not _known(current):
        raise _newer_release(current)
    path = sqlite_path(url)
    if current is not None and path is not None and path.exists():
        # Only now, when an upgrade is sure to run: a store this release can't read is
        # refused on every start, and must not gain a full copy each time.
        _backup_sqlite(path, current)
    try:
        with engine.connect() as conn, _foreign_keys_off(conn):
            with conn.begin():
                command.upgrade(_alembic_config(conn), target)
                _check_foreign_keys(conn)
    except CommandError as exc:
        raise _newer_release(current) from exc
    if current is None and path is not None:
        _compact(engine)
    return True


def _compact(engine: Engine) -> None:
    """A new store starts without the pages its migrations' rebuilt tables left free."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.execute("VACUUM")


@contextlib.contextmanager
def _foreign_keys_off(conn: Connection) -> Iterator[None]:
    """SQLite changes a table by building a new one and dropping the old, and a drop with
    foreign keys on deletes (or refuses over) every row referring to the old table's rows.
    The setting only changes outside a transaction, so on the driver's own connection."""
    if conn.dialect.name != "sqlite":
        yield
        return
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(conn: Connection) -> None:
    """With the keys off, nothing stopped a migration breaking one: refuse to commit then."""
    if conn.dialect.name == "sqlite" and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
        raise StoreError("The upgrade would break links between records; nothing was changed.")


def _known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def _newer_release(current: str | None) -> StoreError:
    return StoreError(
        f"The database has schema version {current}, which this custtui doesn't know: "
        "it was probably written by a newer release. Upgrade custtui."
    )


def _backup_sqlite(path: Path, revision: str) -> Path:
    """A consistent copy (WAL included) taken before a migration changes an existing file."""
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    shutil.copymode(path, target)
    return target


def upgrade_database(url: str) -> bool:
    """`custtui db upgrade`: apply migrations; True when something was applied."""
    engine = open_engine(url)
    try:
        return migrate(engine, url)
    except DBAPIError as exc:
        raise StoreError(describe_db_error(exc, url)) from exc
    finally:
        engine.dispose()
