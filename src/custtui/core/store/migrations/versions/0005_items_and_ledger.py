"""items get numbers, intake and expiry, an editor and a version; consignors get a ledger

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DEFAULT_COMMISSION_BP = 4000
CONSIGNMENT_DAYS = 90


def _commission(sold_cents: int, basis_points: int) -> int:
    # Half up to the cent, the rule the live code states (core/items/money.py), kept here so
    # that the migration runs the same whatever that code becomes.
    return (sold_cents * basis_points + 5_000) // 10_000


def upgrade() -> None:
    with op.batch_alter_table("businesses") as batch:
        batch.add_column(
            sa.Column("next_item_number", sa.Integer(), nullable=False, server_default="1")
        )
        batch.add_column(
            sa.Column(
                "default_commission_bp",
                sa.Integer(),
                nullable=False,
                server_default=str(DEFAULT_COMMISSION_BP),
            )
        )
        batch.add_column(
            sa.Column(
                "consignment_days",
                sa.Integer(),
                nullable=False,
                server_default=str(CONSIGNMENT_DAYS),
            )
        )
    with op.batch_alter_table("items") as batch:
        batch.add_column(sa.Column("number", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("intake_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("expiry_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("at_expiry", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("returned_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("created_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("updated_by", sa.String(length=100), nullable=True))
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
    with op.batch_alter_table("audit_events") as batch:
        batch.add_column(sa.Column("item_id", sa.Integer(), nullable=True))
    op.create_index("ix_audit_item", "audit_events", ["item_id", "at"])
    credits = _number_items()
    # Before any table refers to items: SQLite rebuilds the table to change its columns.
    with op.batch_alter_table("items") as batch:
        batch.alter_column("number", existing_type=sa.Integer(), nullable=False)
        batch.alter_column("intake_date", existing_type=sa.Date(), nullable=False)
        batch.alter_column("created_by", existing_type=sa.String(length=100), nullable=False)
        batch.alter_column("updated_by", existing_type=sa.String(length=100), nullable=False)
        batch.create_unique_constraint("uq_items_number", ["business_id", "number"])
        batch.create_index("ix_items_business_status", ["business_id", "status"])
    op.create_table(
        "payouts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("consignor_id", sa.Integer(), nullable=False),
        sa.Column("through_date", sa.Date(), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["consignor_id"], ["customers.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_payouts_consignor", "payouts", ["consignor_id", "id"])
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("consignor_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=200), nullable=True),
        sa.Column("payout_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["consignor_id"], ["customers.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["payout_id"], ["payouts.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ledger_consignor", "ledger_entries", ["consignor_id", "payout_id"])
    op.create_index("ix_ledger_item", "ledger_entries", ["item_id"])
    _credit_sales(credits)


def _number_items() -> list[dict[str, object]]:
    """Number the items of each business in the order they were made, give them an intake
    date and (consigned) an expiry; return the credits each consigned sale owes."""
    items = sa.table(
        "items",
        sa.column("id", sa.Integer),
        sa.column("business_id", sa.Integer),
        sa.column("number", sa.Integer),
        sa.column("status", sa.String),
        sa.column("sold_cents", sa.BigInteger),
        sa.column("sale_date", sa.Date),
        sa.column("consignor_id", sa.Integer),
        sa.column("commission_bp", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("intake_date", sa.Date),
        sa.column("expiry_date", sa.Date),
        sa.column("at_expiry", sa.String),
        sa.column("created_by", sa.String),
        sa.column("updated_by", sa.String),
    )
    businesses = sa.table(
        "businesses", sa.column("id", sa.Integer), sa.column("next_item_number", sa.Integer)
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(
            items.c.id,
            items.c.business_id,
            items.c.status,
            items.c.sold_cents,
            items.c.sale_date,
            items.c.consignor_id,
            items.c.commission_bp,
            items.c.created_at,
        ).order_by(items.c.id)
    ).all()
    numbers: dict[int, int] = {}
    updates: list[dict[str, object]] = []
    credits: list[dict[str, object]] = []
    now = datetime.utcnow()  # noqa: DTZ003 - the columns hold naive UTC
    for row in rows:
        number = numbers.get(row.business_id, 0) + 1
        numbers[row.business_id] = number
        intake: date = row.created_at.date() if row.created_at else now.date()
        consigned = row.consignor_id is not None
        updates.append(
            {
                "b_id": row.id,
                "b_number": number,
                "b_intake": intake,
                "b_expiry": intake + timedelta(days=CONSIGNMENT_DAYS) if consigned else None,
                "b_at_expiry": "return" if consigned else None,
            }
        )
        if consigned and row.status == "Sold" and row.sold_cents is not None:
            basis_points = row.commission_bp or 0
            credits.append(
                {
                    "business_id": row.business_id,
                    "consignor_id": row.consignor_id,
                    "kind": "sale",
                    "amount_cents": row.sold_cents - _commission(row.sold_cents, basis_points),
                    "entry_date": row.sale_date or intake,
                    "item_id": row.id,
                    "created_at": now,
                    "created_by": "custtui upgrade",
                }
            )
    if updates:
        bind.execute(
            items.update()
            .where(items.c.id == sa.bindparam("b_id"))
            .values(
                number=sa.bindparam("b_number"),
                intake_date=sa.bindparam("b_intake"),
                expiry_date=sa.bindparam("b_expiry"),
                at_expiry=sa.bindparam("b_at_expiry"),
                created_by="custtui upgrade",
                updated_by="custtui upgrade",
            ),
            updates,
        )
    for business_id, last in numbers.items():
        bind.execute(
            businesses.update()
            .where(businesses.c.id == business_id)
            .values(next_item_number=last + 1)
        )
    return credits


def _credit_sales(credits: list[dict[str, object]]) -> None:
    ledger = sa.table(
        "ledger_entries",
        sa.column("business_id", sa.Integer),
        sa.column("consignor_id", sa.Integer),
        sa.column("kind", sa.String),
        sa.column("amount_cents", sa.BigInteger),
        sa.column("entry_date", sa.Date),
        sa.column("item_id", sa.Integer),
        sa.column("created_at", sa.DateTime),
        sa.column("created_by", sa.String),
    )
    if credits:
        op.get_bind().execute(ledger.insert(), credits)


def downgrade() -> None:
    op.drop_index("ix_audit_item", table_name="audit_events")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("item_id")
    op.drop_index("ix_ledger_item", table_name="ledger_entries")
    op.drop_index("ix_ledger_consignor", table_name="ledger_entries")
    op.drop_table("ledger_entries")
    op.drop_index("ix_payouts_consignor", table_name="payouts")
    op.drop_table("payouts")
    with op.batch_alter_table("items") as batch:
        batch.drop_index("ix_items_business_status")
        batch.drop_constraint("uq_items_number", type_="unique")
        for column in (
            "version",
            "updated_by",
            "created_by",
            "returned_on",
            "at_expiry",
            "expiry_date",
            "intake_date",
            "number",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("businesses") as batch:
        for column in ("consignment_days", "default_commission_bp", "next_item_number"):
            batch.drop_column(column)
