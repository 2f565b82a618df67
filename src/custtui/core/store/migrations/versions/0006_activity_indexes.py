"""index the audit log for the activity screen: by business, action or user, newest first

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The id breaks ties in the log's order (a batch shares one time); PostgreSQL needs it
    # in the index to read a page without sorting (SQLite's rowid is there already).
    op.drop_index("ix_audit_business_at", table_name="audit_events")
    op.create_index("ix_audit_business_at", "audit_events", ["business_id", "at", "id"])
    op.create_index(
        "ix_audit_business_action", "audit_events", ["business_id", "action", "at", "id"]
    )
    op.create_index(
        "ix_audit_business_actor", "audit_events", ["business_id", "actor", "action", "at", "id"]
    )


def downgrade() -> None:
    op.drop_index("ix_audit_business_actor", table_name="audit_events")
    op.drop_index("ix_audit_business_action", table_name="audit_events")
    op.drop_index("ix_audit_business_at", table_name="audit_events")
    op.create_index("ix_audit_business_at", "audit_events", ["business_id", "at"])
