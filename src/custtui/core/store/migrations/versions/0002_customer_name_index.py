"""index customers by business and name, for sorted listings

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_customers_business_name", "customers", ["business_id", "last_name", "first_name"]
    )


def downgrade() -> None:
    op.drop_index("ix_customers_business_name", table_name="customers")
