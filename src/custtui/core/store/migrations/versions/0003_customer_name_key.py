"""a folded name key per customer, indexed, for the list's first page

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 5000


# The key as custtui computed it when this migration was written, kept here so that the
# migration runs the same whatever the live search code becomes.
def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    for _ in range(3):
        decomposed = unicodedata.normalize("NFKD", text)
        decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded = decomposed.casefold()
        if folded == text or folded.isascii():
            return folded
        text = folded
    return text


def name_key(first_name: str, last_name: str) -> str:
    return _fold(last_name.strip()) + "\x1f" + _fold(first_name.strip())


def upgrade() -> None:
    with op.batch_alter_table("customers") as batch:
        batch.add_column(sa.Column("name_key", sa.String(length=201), nullable=True))
    customers = sa.table(
        "customers",
        sa.column("id", sa.Integer),
        sa.column("first_name", sa.String),
        sa.column("last_name", sa.String),
        sa.column("name_key", sa.String),
    )
    bind = op.get_bind()
    last = 0
    while True:
        rows = bind.execute(
            sa.select(customers.c.id, customers.c.first_name, customers.c.last_name)
            .where(customers.c.id > last)
            .order_by(customers.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            break
        bind.execute(
            customers.update()
            .where(customers.c.id == sa.bindparam("cid"))
            .values(name_key=sa.bindparam("key")),
            [{"cid": cid, "key": name_key(first, last_name)} for cid, first, last_name in rows],
        )
        last = rows[-1][0]
    op.create_index(
        "ix_customers_business_name_key", "customers", ["business_id", "name_key", "number"]
    )


def downgrade() -> None:
    op.drop_index("ix_customers_business_name_key", table_name="customers")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("name_key")
