"""The store: engine, migrations on open, key check, and units of work."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from custtui.core.errors import DISK_FULL, DiskFullError, KeyFileError, StoreError, is_disk_full
from custtui.core.store.crypto import KeyRing, load_key_ring, new_key_ring
from custtui.core.store.models import Business, Meta


def _newest_revision() -> str:
    """The newest migration's revision, read off the file names ("0004_import_mappings.py"),
    the convention every migration follows (a test checks it against Alembic's own head):
    comparing it with the store's in one query spares every start the import of Alembic."""
    versions = Path(__file__).with_name("migrations") / "versions"
    return max(p.name.partition("_")[0] for p in versions.glob("[0-9]*_*.py"))


HEAD_REVISION = _newest_revision()
KEY_CHECK = "key_check"
KEY_CHECK_TEXT = "custtui key check"
DEFAULT_BUSINESS_SLUG = "main"
# Below this much free space, an "I/O error" from SQLite is the disk filling up.
LOW_SPACE_BYTES = 16 * 1024 * 1024


def describe_db_error(exc: BaseException, url: str) -> str:
    """One line a user can act on, for any driver error."""
    text = str(getattr(exc, "orig", exc)).strip().splitlines()[0] if str(exc) else ""
    lowered = text.lower()
    safe_url = make_url(url).render_as_string(hide_password=True) if url else url
    if is_disk_full(exc) or ("disk i/o error" in lowered and _little_space_left(url)):
        return DISK_FULL
    if "locked" in lowered or "busy" in lowered:
        return "The database is busy (another program holds a lock on it); try again."
    if "unable to open" in lowered or "readonly" in lowered or "read-only" in lowered:
        return f"Can't open the database {safe_url}: {text}"
    if "connection" in lowered or "could not" in lowered or "timeout" in lowered:
        return f"Can't reach the database {safe_url}: {text}"
    return f"Database error: {text}"


def _little_space_left(url: str) -> bool:
    """SQLite reports some writes on a full disk (the WAL index, a sync) as an I/O error."""
    path = sqlite_path(url)
    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except OSError:
        return False


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return current_revision(conn)


def current_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


class Store:
    """One database. Sessions live only inside `read()`/`write()` blocks, one per unit of work."""

    def __init__(self, engine: Engine, keys: KeyRing, url: str) -> None:
        self.engine = engine
        self.keys = keys
        self.url = url
        self.is_sqlite = engine.dialect.name == "sqlite"
        self._read = sessionmaker(engine, expire_on_commit=False)
        # SQLite: take the write lock at BEGIN, so a read-then-write unit never fails with
        # "database is locked" half way; the busy timeout then queues writers instead.
        self._write = sessionmaker(
            engine.execution_options(custtui_write=True), expire_on_commit=False
        )

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str, key_file: Path | str, *, upgrade: bool = True) -> Store:
        key_file = Path(key_file)
        engine = open_engine(url)
        try:
            if upgrade and schema_revision(engine) != HEAD_REVISION:
                from custtui.core.store.migrate import migrate

                migrate(engine, url)
            keys = _open_keys(engine, key_file)
            store = cls(engine, keys, url)
            store._ensure_business()
        except DBAPIError as exc:
            engine.dispose()
            raise StoreError(describe_db_error(exc, url)) from exc
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def own_files(self) -> list[tuple[Path, str]]:
        """The files the store lives in (database, its journals, the key), each with what it
        is: a command writing a file of the user's choosing must never write over one."""
        files = [(self.keys.path, "the encryption key file")]
        path = sqlite_path(self.url)
        if path is not None:
            files.append((path, "the customer database"))
            files.extend(
                (path.with_name(path.name + suffix), "the customer database's journal")
                for suffix in ("-wal", "-shm", "-journal")
            )
        return files

    def _ensure_business(self) -> None:
        with self.write() as session:
            if session.scalar(select(Business.id).limit(1)) is None:
                session.add(Business(slug=DEFAULT_BUSINESS_SLUG, name="My business"))

    # -- units of work -------------------------------------------------------------------

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._guard(), self._read() as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A transaction that commits at the end of the block, or rolls back on any error."""
        with self._guard(), self._write() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError:
            raise  # a rule the services turn into a field message
        except DBAPIError as exc:
            message = describe_db_error(exc, self.url)
            raise (DiskFullError() if message == DISK_FULL else StoreError(message)) from exc


def open_engine(url: str) -> Engine:
    """An engine for `url`, or a StoreError saying in one line why there can't be one."""
    try:
        return make_engine(url)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise StoreError(f"Not a usable database URL: {url} ({exc})") from exc
    except ImportError as exc:
        raise StoreError(
            f"The database driver for {url.split(':', 1)[0]} is not installed ({exc.name})."
        ) from exc


def make_engine(url: str) -> Engine:
    """An engine whose errors never quote the values being written (`hide_parameters`):
    they may be a customer's details, and an error's text can end up in a log."""
    path = sqlite_path(url)
    if make_url(url).get_backend_name() == "sqlite":
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"Can't create the folder {path.parent}: {exc}") from exc
        engine = create_engine(url, connect_args={"timeout": 15}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            # Let SQLAlchemy's begin events decide when a transaction starts.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            write = conn.get_execution_options().get("custtui_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def _open_keys(engine: Engine, key_file: Path) -> KeyRing:
    """Load (or, for a database without encrypted data yet, create) the key and check it."""
    with engine.connect() as conn:
        check = conn.execute(select(Meta.value).where(Meta.key == KEY_CHECK)).scalar()
    if check is None and not key_file.exists():
        keys = new_key_ring(key_file)
        keys.save()
    else:
        keys = load_key_ring(key_file)
    if check is None:
        with engine.begin() as conn:
            conn.execute(
                cast(Table, Meta.__table__)
                .insert()
                .values(key=KEY_CHECK, value=keys.encrypt(KEY_CHECK_TEXT))
            )
    elif keys.decrypt(check) != KEY_CHECK_TEXT:
        raise KeyFileError(f"The key in {key_file} does not match this database.")
    return keys
