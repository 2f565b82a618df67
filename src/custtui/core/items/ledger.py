"""What the store owes each consignor, as a ledger that always reconciles.

Entries are a sale's credit (sold price minus commission), an adjustment with a reason, or a
payout (negative). A payout settles every open entry dated up to its "through" date, and its
own entry is settled with them, so:

- the balance is the sum of the open (unsettled) entries, which is the sum of all entries;
- the open sale credits are exactly the sold items not yet paid out.

Unselling an item drops its open credit; one already paid out can't be unsold. Undoing a
payout reopens what it settled, and is allowed only for a consignor's latest payout.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from custtui.core.errors import NotFoundError, RuleError, ValidationError
from custtui.core.fields.values import normalize_text
from custtui.core.items.entries import (
    KIND_LABELS,
    KINDS,
    Entry,
    Ledger,
    PayoutInfo,
    PayoutPreview,
)
from custtui.core.items.money import consignor_cents, format_money, money_text
from custtui.core.items.record import format_item_number
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer, Item, LedgerEntry, Payout, utcnow

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "Entry",
    "Ledger",
    "PayoutInfo",
    "PayoutPreview",
    "adjust",
    "balance",
    "balance_of",
    "consignor_ledger",
    "credit_sale",
    "drop_sale_credit",
    "has_entries",
    "ledger_of",
    "nothing_owed",
    "post_payout",
    "preview_payout",
    "require_consignment",
    "sale_credit",
    "undo_payout",
]


# ---------------------------------------------------------------- inside a unit of work


def credit_sale(session: Session, ctx: Context, item: Item) -> None:
    """Credit the consignor of a consigned item just sold."""
    assert item.consignor_id is not None and item.sold_cents is not None
    assert item.sale_date is not None
    session.add(
        LedgerEntry(
            business_id=ctx.business.id,
            consignor_id=item.consignor_id,
            kind="sale",
            amount_cents=consignor_cents(item.sold_cents, item.commission_bp or 0),
            entry_date=item.sale_date,
            item_id=item.id,
            created_at=utcnow(),
            created_by=ctx.user,
        )
    )


def sale_credit(session: Session, item_id: int) -> LedgerEntry | None:
    return session.scalar(
        select(LedgerEntry).where(LedgerEntry.item_id == item_id, LedgerEntry.kind == "sale")
    )


def drop_sale_credit(session: Session, item: Item) -> None:
    """Take back an unsold item's credit; refused once a payout settled it."""
    credit = sale_credit(session, item.id)
    if credit is None:
        return
    if credit.payout_id is not None:
        payout = session.get_one(Payout, credit.payout_id)
        raise RuleError(
            f"{format_item_number(item.number)} can't be unsold: its sale was paid out to the "
            f"consignor on {payout.created_at:%Y-%m-%d} ({format_money(payout.amount_cents)}). "
            "Undo that payout first, or record an adjustment."
        )
    session.delete(credit)


def balance_of(session: Session, consignor_id: int) -> int:
    """The sum of the open entries (index ix_ledger_consignor answers it)."""
    query = select(func.coalesce(func.sum(LedgerEntry.amount_cents), 0)).where(
        LedgerEntry.consignor_id == consignor_id, LedgerEntry.payout_id.is_(None)
    )
    return int(session.scalar(query) or 0)


def has_entries(session: Session, consignor_id: int) -> bool:
    query = select(LedgerEntry.id).where(LedgerEntry.consignor_id == consignor_id).limit(1)
    return session.scalar(query) is not None


def _entries(session: Session, *conditions: object, limit: int | None = None) -> list[Entry]:
    query = (
        select(
            LedgerEntry.id,
            LedgerEntry.kind,
            LedgerEntry.amount_cents,
            LedgerEntry.entry_date,
            Item.number,
            Item.title,
            LedgerEntry.reason,
            LedgerEntry.payout_id,
            LedgerEntry.created_at,
            LedgerEntry.created_by,
        )
        .outerjoin(Item, Item.id == LedgerEntry.item_id)
        .where(*conditions)  # type: ignore[arg-type]
        .order_by(LedgerEntry.entry_date.desc(), LedgerEntry.id.desc())
        .limit(limit)
    )
    rows: list[Any] = list(session.execute(query))
    return [Entry(*row) for row in rows]


def ledger_of(session: Session, consignor_id: int, limit: int | None = 200) -> Ledger:
    """The newest `limit` entries (all when None), the balance and the payouts."""
    # Only the entries shown are read: a long-time consignor's thousands stay in the store.
    entries = _entries(session, LedgerEntry.consignor_id == consignor_id, limit=limit)
    payouts = [
        PayoutInfo(*row)
        for row in session.execute(
            select(
                Payout.id,
                Payout.through_date,
                Payout.amount_cents,
                Payout.created_at,
                Payout.created_by,
            )
            .where(Payout.consignor_id == consignor_id)
            .order_by(Payout.id.desc())
        )
    ]
    return Ledger(consignor_id, entries, balance_of(session, consignor_id), payouts)


# ---------------------------------------------------------------- services


def _consignor(
    session: Session, ctx: Context, consignor_id: int, *, lock: bool = False
) -> Customer:
    query = select(Customer).where(
        Customer.business_id == ctx.business.id, Customer.id == consignor_id
    )
    if lock:
        # Two terminals paying one consignor queue here instead of paying twice.
        query = query.with_for_update()
    row = session.scalar(query)
    if row is None:
        raise NotFoundError("That consignor no longer exists.")
    return row


def require_consignment(ctx: Context) -> None:
    if not ctx.business.has_consignment:
        raise RuleError(
            "Consignment needs the premium plan; this business is on the "
            f"{ctx.business.plan} plan (custtui plan set premium)."
        )


def consignor_ledger(ctx: Context, consignor_id: int, limit: int | None = 200) -> Ledger:
    require_consignment(ctx)
    with ctx.store.read() as session:
        _consignor(session, ctx, consignor_id)
        return ledger_of(session, consignor_id, limit)


def balance(ctx: Context, consignor_id: int) -> int:
    require_consignment(ctx)
    with ctx.store.read() as session:
        return balance_of(session, consignor_id)


def _preview(session: Session, ctx: Context, consignor: Customer, through: date) -> PayoutPreview:
    entries = _entries(
        session,
        LedgerEntry.consignor_id == consignor.id,
        LedgerEntry.payout_id.is_(None),
        LedgerEntry.entry_date <= through,
    )
    entries.reverse()
    name = f"{consignor.first_name} {consignor.last_name}"
    return PayoutPreview(consignor.id, name, through, entries, sum(e.amount_cents for e in entries))


def preview_payout(ctx: Context, consignor_id: int, through: date | None = None) -> PayoutPreview:
    """What a payout through `through` (default today) would pay, entry by entry."""
    require_consignment(ctx)
    with ctx.store.read() as session:
        consignor = _consignor(session, ctx, consignor_id)
        return _preview(session, ctx, consignor, through or date.today())


def nothing_owed(preview: PayoutPreview) -> str:
    return f"Nothing is owed to {preview.consignor_name} through {preview.through_date:%Y-%m-%d}."


def post_payout(
    ctx: Context,
    consignor_id: int,
    through: date | None = None,
    *,
    expected_cents: int | None = None,
) -> PayoutInfo:
    """Pay what is owed through `through`: settle the open entries up to that date.

    `expected_cents` is the previewed amount: if a sale or adjustment changed it since, the
    payout is refused rather than paying a sum the clerk did not see.
    """
    require_consignment(ctx)
    with ctx.store.write() as session:
        consignor = _consignor(session, ctx, consignor_id, lock=True)
        preview = _preview(session, ctx, consignor, through or date.today())
        if expected_cents is not None and preview.amount_cents != expected_cents:
            raise RuleError(
                f"What is owed to {preview.consignor_name} changed since the preview "
                f"({format_money(expected_cents)} then, {format_money(preview.amount_cents)} "
                "now); look again before paying."
            )
        if preview.amount_cents <= 0:
            raise RuleError(nothing_owed(preview))
        now = utcnow()
        payout = Payout(
            business_id=ctx.business.id,
            consignor_id=consignor.id,
            through_date=preview.through_date,
            amount_cents=preview.amount_cents,
            created_at=now,
            created_by=ctx.user,
        )
        session.add(payout)
        session.flush()
        ids = [e.id for e in preview.entries]
        session.execute(
            update(LedgerEntry).where(LedgerEntry.id.in_(ids)).values(payout_id=payout.id)
        )
        session.add(
            LedgerEntry(
                business_id=ctx.business.id,
                consignor_id=consignor.id,
                kind="payout",
                amount_cents=-preview.amount_cents,
                entry_date=min(date.today(), preview.through_date),
                payout_id=payout.id,
                created_at=now,
                created_by=ctx.user,
            )
        )
        audit.record(
            session,
            ctx.business.id,
            ctx.user,
            "payout_posted",
            consignor.id,
            {
                "amount": money_text(preview.amount_cents),
                "through": preview.through_date.isoformat(),
                "entries": len(ids),
            },
        )
        return PayoutInfo(payout.id, payout.through_date, payout.amount_cents, now, ctx.user)


def undo_payout(ctx: Context, payout_id: int) -> PayoutInfo:
    """Reopen what a payout settled; only a consignor's latest payout can be undone."""
    require_consignment(ctx)
    with ctx.store.write() as session:
        payout = session.get(Payout, payout_id)
        if payout is None or payout.business_id != ctx.business.id:
            raise NotFoundError("That payout no longer exists.")
        _consignor(session, ctx, payout.consignor_id, lock=True)
        latest = session.scalar(
            select(func.max(Payout.id)).where(Payout.consignor_id == payout.consignor_id)
        )
        if latest != payout.id:
            raise RuleError(
                "Only the latest payout can be undone: a later payout was made after this one."
            )
        consignor_id = payout.consignor_id
        info = PayoutInfo(
            payout.id,
            payout.through_date,
            payout.amount_cents,
            payout.created_at,
            payout.created_by,
        )
        session.execute(
            delete(LedgerEntry).where(
                LedgerEntry.payout_id == payout.id, LedgerEntry.kind == "payout"
            )
        )
        session.execute(
            update(LedgerEntry).where(LedgerEntry.payout_id == payout.id).values(payout_id=None)
        )
        session.delete(payout)
        audit.record(
            session,
            ctx.business.id,
            ctx.user,
            "payout_undone",
            consignor_id,
            {
                "amount": money_text(info.amount_cents),
                "through": info.through_date.isoformat(),
                "paid_at": info.created_at.isoformat(),
            },
        )
        return info


def adjust(
    ctx: Context, consignor_id: int, amount_cents: int, reason: str, on: date | None = None
) -> Entry:
    """Add (positive) or take off (negative) what the store owes, with a reason."""
    require_consignment(ctx)
    clean_reason = normalize_text(reason, "Reason")
    if not clean_reason:
        raise ValidationError({"reason": "An adjustment needs a reason."})
    if amount_cents == 0:
        raise ValidationError({"amount": "An adjustment of 0.00 changes nothing."})
    with ctx.store.write() as session:
        consignor = _consignor(session, ctx, consignor_id, lock=True)
        entry = LedgerEntry(
            business_id=ctx.business.id,
            consignor_id=consignor.id,
            kind="adjustment",
            amount_cents=amount_cents,
            entry_date=on or date.today(),
            reason=clean_reason,
            created_at=utcnow(),
            created_by=ctx.user,
        )
        session.add(entry)
        session.flush()
        audit.record(
            session,
            ctx.business.id,
            ctx.user,
            "ledger_adjusted",
            consignor.id,
            {"amount": money_text(amount_cents), "reason": clean_reason},
        )
        return Entry(
            entry.id,
            entry.kind,
            entry.amount_cents,
            entry.entry_date,
            None,
            None,
            entry.reason,
            None,
            entry.created_at,
            entry.created_by,
        )
