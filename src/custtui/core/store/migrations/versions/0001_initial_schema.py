"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "businesses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("plan", sa.String(length=10), nullable=False),
        sa.Column("region", sa.String(length=2), nullable=False),
        sa.Column("team_locked", sa.Boolean(), nullable=False),
        sa.Column("next_customer_number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("slug"),
    )
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "audit_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_business_at", "audit_events", ["business_id", "at"], unique=False)
    op.create_index("ix_audit_customer", "audit_events", ["customer_id", "at"], unique=False)

    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("email_key", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("mobile_phone", sa.String(length=20), nullable=True),
        sa.Column("date_of_birth", sa.Text(), nullable=True),
        sa.Column("driver_license", sa.Text(), nullable=True),
        sa.Column("dl_state", sa.String(length=2), nullable=True),
        sa.Column("street", sa.String(length=200), nullable=True),
        sa.Column("street2", sa.String(length=200), nullable=True),
        sa.Column("city", sa.String(length=200), nullable=True),
        sa.Column("state", sa.String(length=100), nullable=True),
        sa.Column("postal_code", sa.String(length=200), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("instagram", sa.String(length=100), nullable=True),
        sa.Column("facebook", sa.String(length=500), nullable=True),
        sa.Column("preferred_contact", sa.String(length=20), nullable=False),
        sa.Column("discovery_source", sa.String(length=20), nullable=True),
        sa.Column("referral_details", sa.String(length=200), nullable=True),
        sa.Column("customer_since", sa.Date(), nullable=True),
        sa.Column("is_consignor", sa.Boolean(), nullable=False),
        sa.Column("consignor_code", sa.String(length=6), nullable=True),
        sa.Column("contact_by_email", sa.Boolean(), nullable=False),
        sa.Column("contact_by_sms", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("on_hold", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "consignor_code", name="uq_customers_consignor_code"),
        sa.UniqueConstraint("business_id", "email_key", name="uq_customers_email"),
        sa.UniqueConstraint("business_id", "number", name="uq_customers_number"),
    )
    op.create_index(
        "ix_customers_business_updated", "customers", ["business_id", "updated_at"], unique=False
    )

    op.create_table(
        "team_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("business_id", "name"),
    )
    op.create_table(
        "customer_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_customer_notes_customer", "customer_notes", ["customer_id", "created_at"], unique=False
    )

    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("business_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("retail_cents", sa.BigInteger(), nullable=True),
        sa.Column("sold_cents", sa.BigInteger(), nullable=True),
        sa.Column("sale_date", sa.Date(), nullable=True),
        sa.Column("buyer_id", sa.Integer(), nullable=True),
        sa.Column("buyer_name", sa.String(length=201), nullable=True),
        sa.Column("consignor_id", sa.Integer(), nullable=True),
        sa.Column("commission_bp", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["business_id"], ["businesses.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["buyer_id"], ["customers.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["consignor_id"], ["customers.id"], ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_items_buyer", "items", ["buyer_id"], unique=False)
    op.create_index("ix_items_consignor", "items", ["consignor_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_items_consignor", table_name="items")
    op.drop_index("ix_items_buyer", table_name="items")

    op.drop_table("items")
    op.drop_index("ix_customer_notes_customer", table_name="customer_notes")

    op.drop_table("customer_notes")
    op.drop_table("team_members")
    op.drop_index("ix_customers_business_updated", table_name="customers")

    op.drop_table("customers")
    op.drop_index("ix_audit_customer", table_name="audit_events")
    op.drop_index("ix_audit_business_at", table_name="audit_events")

    op.drop_table("audit_events")
    op.drop_table("meta")
    op.drop_table("businesses")
