"""give every stored time on SQLite one format: whole seconds written in bulk lacked ".000000"

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The times batch creates wrote (customers, their audit events) and every other time column:
# a row written in bulk at a whole second read "…:00" where a query binds "…:00.000000", so
# the two never compared equal (the activity log's pages repeated rows at such a time).
TIMES = {
    "businesses": ("created_at",),
    "team_members": ("created_at",),
    "customers": ("created_at", "updated_at"),
    "customer_notes": ("created_at", "updated_at"),
    "items": ("created_at", "updated_at"),
    "payouts": ("created_at",),
    "ledger_entries": ("created_at",),
    "audit_events": ("at",),
    "import_mappings": ("updated_at",),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL stores a timestamp, not its text
    for table, columns in TIMES.items():
        for column in columns:
            op.execute(
                f"UPDATE {table} SET {column} = {column} || '.000000' "
                f"WHERE length({column}) = 19"
            )


def downgrade() -> None:
    pass  # both forms read back as the same time
