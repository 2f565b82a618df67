"""Real stores for every test: a SQLite file in a temp dir, and PostgreSQL when configured.

CUSTTUI_TEST_DATABASE_URL names a PostgreSQL database; each test gets a schema of its own
there, dropped afterwards, so runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from custtui.core.runtime.config import Settings, sqlite_url
from custtui.core.store.businesses import Context, open_context
from custtui.core.store.engine import Store

PG_URL = os.environ.get("CUSTTUI_TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if PG_URL:
        return
    skip = pytest.mark.skip(reason="PostgreSQL tests need CUSTTUI_TEST_DATABASE_URL")
    for item in items:
        if "postgresql" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user's data, config or key, nor sees their environment."""
    for name in ("CUSTTUI_DATABASE_URL", "CUSTTUI_BUSINESS", "CUSTTUI_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CUSTTUI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CUSTTUI_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CUSTTUI_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setenv("CUSTTUI_USER", "tester")


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    assert PG_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "data" / "custtui.db")
    return str(request.getfixturevalue("pg_schema_url"))


@pytest.fixture
def settings(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("CUSTTUI_DATABASE_URL", db_url)
    return Settings.resolve()


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    opened = Store.open(settings.database_url, settings.key_file)
    yield opened
    opened.close()


@pytest.fixture
def ctx(store: Store) -> Context:
    return open_context(store, None, "tester")
