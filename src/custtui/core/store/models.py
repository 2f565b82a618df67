"""SQLAlchemy models. The schema itself is created and changed only by the Alembic migrations;
a test checks that the migrations build exactly these tables."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from custtui.core.fields.catalogue import CATALOGUE, Kind


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC and always hands back aware UTC, on SQLite as on PostgreSQL."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


# An id, once handed out, is never handed out again: the audit log names customers and items
# by id after they are deleted, and a new row taking a deleted one's id would take its history
# too. PostgreSQL's sequences never go back; SQLite needs AUTOINCREMENT for that.
NEVER_REUSED: dict[str, Any] = {"sqlite_autoincrement": True}


class Meta(Base):
    """Database-wide settings, e.g. the encryption key check value."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Business(Base):
    __tablename__ = "businesses"
    __table_args__ = NEVER_REUSED
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    plan: Mapped[str] = mapped_column(String(10), default="premium")
    region: Mapped[str] = mapped_column(String(2), default="US")
    team_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    next_customer_number: Mapped[int] = mapped_column(Integer, default=1)
    next_item_number: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # What a new consigned item starts with: the store's commission, and days until expiry.
    default_commission_bp: Mapped[int] = mapped_column(Integer, default=4000, server_default="4000")
    consignment_days: Mapped[int] = mapped_column(Integer, default=90, server_default="90")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TeamMember(Base):
    __tablename__ = "team_members"
    __table_args__ = (UniqueConstraint("business_id", "name"), NEVER_REUSED)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Customer(Base):
    __tablename__ = "customers"
    __table_args__ = (
        UniqueConstraint("business_id", "number", name="uq_customers_number"),
        UniqueConstraint("business_id", "email_key", name="uq_customers_email"),
        UniqueConstraint("business_id", "consignor_code", name="uq_customers_consignor_code"),
        Index("ix_customers_business_updated", "business_id", "updated_at"),
        Index("ix_customers_business_name", "business_id", "last_name", "first_name"),
        Index("ix_customers_business_name_key", "business_id", "name_key", "number"),
        NEVER_REUSED,
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    # Folded "last␟first": the list's default order, readable straight from an index.
    name_key: Mapped[str | None] = mapped_column(String(201))
    company: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    # Lower-cased email: the unique index on it makes two racing terminals unable to both insert.
    email_key: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(20))
    mobile_phone: Mapped[str | None] = mapped_column(String(20))
    # Ciphertext, prefixed with the id of the key that made it.
    date_of_birth: Mapped[str | None] = mapped_column(Text)
    driver_license: Mapped[str | None] = mapped_column(Text)
    dl_state: Mapped[str | None] = mapped_column(String(2))
    street: Mapped[str | None] = mapped_column(String(200))
    street2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[str | None] = mapped_column(String(100))
    postal_code: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), default="US")
    notes: Mapped[str | None] = mapped_column(Text)
    instagram: Mapped[str | None] = mapped_column(String(100))
    facebook: Mapped[str | None] = mapped_column(String(500))
    preferred_contact: Mapped[str] = mapped_column(String(20), default="No Preference")
    discovery_source: Mapped[str | None] = mapped_column(String(20))
    referral_details: Mapped[str | None] = mapped_column(String(200))
    customer_since: Mapped[date | None] = mapped_column(Date)
    is_consignor: Mapped[bool] = mapped_column(Boolean, default=False)
    consignor_code: Mapped[str | None] = mapped_column(String(6))
    contact_by_email: Mapped[bool] = mapped_column(Boolean, default=False)
    contact_by_sms: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    on_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1)


def _catalogue_columns() -> None:
    """A column for each catalogue field the class above does not declare, so that a new plain
    field is its catalogue entry and the migration that adds its column. The declared ones stay
    written out: queries name them, and their types say more than a field's kind."""
    types: dict[Kind, type[Date] | type[Boolean]] = {Kind.DATE: Date, Kind.FLAG: Boolean}
    for field in CATALOGUE:
        if field.name not in Customer.__table__.c:
            column = mapped_column(field.name, types.get(field.kind, Text)(), nullable=True)
            setattr(Customer, field.name, column)


_catalogue_columns()


class CustomerNote(Base):
    __tablename__ = "customer_notes"
    __table_args__ = (
        Index("ix_customer_notes_customer", "customer_id", "created_at"),
        NEVER_REUSED,
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"))
    author: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Item(Base):
    __tablename__ = "items"
    __table_args__ = (
        UniqueConstraint("business_id", "number", name="uq_items_number"),
        Index("ix_items_buyer", "buyer_id"),
        Index("ix_items_consignor", "consignor_id"),
        Index("ix_items_business_status", "business_id", "status"),
        NEVER_REUSED,
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    category: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="Collection")
    # Money in integer cents: exact on SQLite, where NUMERIC would become a float.
    retail_cents: Mapped[int | None] = mapped_column(BigInteger)
    intake_date: Mapped[date] = mapped_column(Date)
    sold_cents: Mapped[int | None] = mapped_column(BigInteger)
    sale_date: Mapped[date | None] = mapped_column(Date)
    # Purchases keep the buyer's name when the buyer's record is deleted.
    buyer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"))
    buyer_name: Mapped[str | None] = mapped_column(String(201))
    consignor_id: Mapped[int | None] = mapped_column(
        ForeignKey("customers.id", ondelete="RESTRICT")
    )
    # Basis points (2000 = 20.00 %), exact for the same reason.
    commission_bp: Mapped[int | None] = mapped_column(Integer)
    expiry_date: Mapped[date | None] = mapped_column(Date)
    # What happens to a consigned item nobody bought by its expiry: "return" or "keep".
    at_expiry: Mapped[str | None] = mapped_column(String(10))
    returned_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class Payout(Base):
    """Money handed to a consignor: settles every ledger entry it names (see LedgerEntry)."""

    __tablename__ = "payouts"
    __table_args__ = (Index("ix_payouts_consignor", "consignor_id", "id"), NEVER_REUSED)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    consignor_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="RESTRICT"))
    through_date: Mapped[date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))


class LedgerEntry(Base):
    """What the store owes a consignor, entry by entry: a sale's credit, an adjustment, or a
    payout (negative). An entry a payout settled names it; the payout's own entry too, so
    the entries not yet settled always sum to the balance."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        Index("ix_ledger_consignor", "consignor_id", "payout_id"),
        Index("ix_ledger_item", "item_id"),
        NEVER_REUSED,
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    consignor_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(12))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    entry_date: Mapped[date] = mapped_column(Date)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("items.id", ondelete="RESTRICT"))
    reason: Mapped[str | None] = mapped_column(String(200))
    payout_id: Mapped[int | None] = mapped_column(ForeignKey("payouts.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(100))


class AuditEvent(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_customer", "customer_id", "at"),
        Index("ix_audit_business_at", "business_id", "at", "id"),
        Index("ix_audit_item", "item_id", "at"),
        # The activity log's filters, each in the log's own order (core/activity/log.py).
        Index("ix_audit_business_action", "business_id", "action", "at", "id"),
        Index("ix_audit_business_actor", "business_id", "actor", "action", "at", "id"),
        NEVER_REUSED,
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    # No foreign key: the history of a deleted customer stays readable.
    customer_id: Mapped[int | None] = mapped_column(Integer)
    item_id: Mapped[int | None] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SavedMapping(Base):
    """How a business mapped the columns of a file with these headers, offered next time."""

    __tablename__ = "import_mappings"
    __table_args__ = (
        UniqueConstraint("business_id", "headers_key", name="uq_import_mappings"),
        NEVER_REUSED,
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    business_id: Mapped[int] = mapped_column(ForeignKey("businesses.id", ondelete="CASCADE"))
    headers_key: Mapped[str] = mapped_column(String(64))
    # [[header, field or null], ...] in column order.
    mapping: Mapped[list[Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(100))
