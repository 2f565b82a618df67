"""ids are never handed out twice: SQLite's tables count on past every id ever used

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08

SQLite without AUTOINCREMENT gives a new row the highest id in the table plus one: delete
the newest customer, add one, and the new customer had the deleted one's id, and with it its
history. Each table with an id is rebuilt as AUTOINCREMENT (same columns, keys, indexes and
rows), and its counter starts past the highest id it holds or the audit log names: the log
keeps the ids of deleted customers and items. PostgreSQL's sequences never go back.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

TABLES = (
    "businesses",
    "team_members",
    "customers",
    "customer_notes",
    "items",
    "payouts",
    "ledger_entries",
    "audit_events",
    "import_mappings",
)
# The audit log's columns naming a row that may no longer exist.
NAMED_IN_THE_LOG = {"businesses": "business_id", "customers": "customer_id", "items": "item_id"}


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(table, autoincrement=True)
    for table in TABLES:
        _count_past(bind, table)


def _rebuild(table: str, *, autoincrement: bool) -> None:
    # The caller turns SQLite's foreign keys off around the migration (core/store/migrate.py):
    # dropping the old table must not delete or refuse what refers to it.
    with op.batch_alter_table(
        table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
    ):
        pass


def _count_past(bind: sa.Connection, table: str) -> None:
    """Start the table's counter past the highest id it holds or the audit log names."""
    highest = bind.execute(sa.text(f"SELECT max(id) FROM {table}")).scalar() or 0
    if column := NAMED_IN_THE_LOG.get(table):
        named = bind.execute(sa.text(f"SELECT max({column}) FROM audit_events")).scalar()
        highest = max(highest, named or 0)
    bind.execute(sa.text("DELETE FROM sqlite_sequence WHERE name = :name"), {"name": table})
    bind.execute(
        sa.text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"),
        {"name": table, "seq": highest},
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        _rebuild(table, autoincrement=False)
