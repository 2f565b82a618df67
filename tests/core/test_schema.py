"""The schema's declarations agree: the migrations build the models' tables (the models
add a column for each catalogue field), and they run the same in a year."""

from __future__ import annotations

import ast
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from custtui.core.store.engine import Store
from custtui.core.store.models import Base

MIGRATIONS = Path(__file__).parents[2] / "src" / "custtui" / "core" / "store" / "migrations"


def test_the_migrations_build_exactly_the_tables_the_models_declare(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'x.db'}", tmp_path / "key.json")
    try:
        with store.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        store.close()
    assert differences == []


def test_the_migrations_import_no_live_code() -> None:
    files = [MIGRATIONS / "env.py", *sorted((MIGRATIONS / "versions").glob("*.py"))]
    assert len(files) > 2
    live = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("custtui"):
                live.append(f"{path.name}: from {node.module}")
            elif isinstance(node, ast.Import):
                live += [f"{path.name}: import {a.name}" for a in node.names if "custtui" in a.name]
    assert live == []


def test_every_table_with_a_numeric_id_never_hands_one_out_twice(tmp_path: Path) -> None:
    """AUTOINCREMENT in the models and in what the migrations build: compare_metadata
    doesn't compare it."""
    numbered = {
        table.name
        for table in Base.metadata.tables.values()
        if [c.name for c in table.primary_key.columns] == ["id"]
    }
    declared = {
        name
        for name, table in Base.metadata.tables.items()
        if table.dialect_options["sqlite"]["autoincrement"]
    }
    store = Store.open(f"sqlite:///{tmp_path / 'x.db'}", tmp_path / "key.json")
    try:
        with store.engine.connect() as conn:
            built = {
                name
                for name, sql in conn.exec_driver_sql(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                )
                if "AUTOINCREMENT" in sql
            }
    finally:
        store.close()
    assert "customers" in numbered
    assert numbered == declared == built
