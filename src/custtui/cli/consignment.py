"""payout, ledger, adjust and business terms: what the store owes its consignors."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from custtui.cli.common import UsageError, dump, open_ctx
from custtui.cli.item_text import aligned, safe
from custtui.cli.items import require_premium
from custtui.core.customers.lookup import get_customer
from custtui.core.customers.record import CustomerRecord
from custtui.core.errors import FieldInvalid, RuleError, ValidationError
from custtui.core.fields.values import parse_date
from custtui.core.items import ledger
from custtui.core.items.money import (
    format_money,
    format_percent,
    money_text,
    parse_money,
    parse_percent,
)
from custtui.core.store import businesses
from custtui.core.store.businesses import Context


def _consignor(ctx: Context, args: argparse.Namespace, what: str) -> CustomerRecord:
    require_premium(ctx, what)
    return get_customer(ctx, args.number)


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _entry_cells(entry: ledger.Entry) -> list[str]:
    return [
        f"{entry.entry_date:%Y-%m-%d}",
        ledger.KIND_LABELS[entry.kind],
        safe(entry.description),
        format_money(entry.amount_cents),
    ]


def _said(
    args: argparse.Namespace,
    out: TextIO,
    text: str,
    outcome: str,
    consignor: CustomerRecord,
    amount: int,
    through: date,
    entries: int,
    ctx: Context,
) -> int:
    """A payout's outcome as a sentence, or with --json as data (money as decimal strings)."""
    if not args.json:
        out.write(text + "\n")
        return 0
    owed = ledger.balance(ctx, consignor.id)
    dump(
        {
            "consignor": consignor.label,
            "outcome": outcome,
            "amount": money_text(amount),
            "through": through,
            "entries": entries,
            "balance_owed": money_text(owed),
        },
        out,
    )
    return 0


def cmd_payout(args: argparse.Namespace, out: TextIO) -> int:
    if args.undo and (args.dry_run or args.through):
        raise UsageError("payout --undo takes no --through or --dry-run")
    through = None
    if args.through:
        try:
            through = parse_date(args.through, "Through date")
        except FieldInvalid as exc:
            raise ValidationError({"through": exc.message}) from None
    ctx = open_ctx(args)
    consignor = _consignor(ctx, args, "payout")
    name = safe(consignor.name)
    if args.undo:
        payouts = ledger.consignor_ledger(ctx, consignor.id, limit=0).payouts
        if not payouts:
            raise RuleError(f"{name} has no payout to undo.")
        undone = ledger.undo_payout(ctx, payouts[0].id)
        text = (
            f"Undid the payout of {format_money(undone.amount_cents)} to {name} through "
            f"{undone.through_date:%Y-%m-%d}; balance owed "
            f"{format_money(ledger.balance(ctx, consignor.id))}."
        )
        said = (undone.amount_cents, undone.through_date, 0)
        return _said(args, out, text, "undone", consignor, *said, ctx)
    preview = ledger.preview_payout(ctx, consignor.id, through)
    count = len(preview.entries)
    said = (preview.amount_cents, preview.through_date, count)
    if preview.amount_cents <= 0:
        # Not an error: a script paying every consignor goes on to the next one.
        nothing = ledger.nothing_owed(preview)
        return _said(args, out, nothing, "nothing_owed", consignor, 0, preview.through_date, 0, ctx)
    entries = _entries(count)
    when = f"{preview.through_date:%Y-%m-%d}"
    if args.dry_run:
        if not args.json:
            for line in aligned(_entry_cells(e) for e in preview.entries):
                out.write(f"  {line}\n")
        text = (
            f"Would pay {name} {format_money(preview.amount_cents)} for {entries} through "
            f"{when}; nothing was changed."
        )
        return _said(args, out, text, "preview", consignor, *said, ctx)
    paid = ledger.post_payout(ctx, consignor.id, through, expected_cents=preview.amount_cents)
    text = f"Paid {name} {format_money(paid.amount_cents)} for {entries} through {when}."
    return _said(args, out, text, "paid", consignor, *said, ctx)


def cmd_ledger(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    consignor = _consignor(ctx, args, "ledger")
    book = ledger.consignor_ledger(ctx, consignor.id, limit=None)
    if args.json:
        dump(
            {
                "consignor": consignor.label,
                "name": consignor.name,
                "balance_owed": money_text(book.balance_cents),
                "entries": [
                    {
                        "date": e.entry_date,
                        "kind": e.kind,
                        "description": e.description,
                        "amount": money_text(e.amount_cents),
                        "settled": e.settled,
                        "payout": e.payout_id,
                    }
                    for e in book.entries
                ],
                "payouts": [
                    {
                        "id": p.id,
                        "through_date": p.through_date,
                        "amount": money_text(p.amount_cents),
                        "created_at": p.created_at,
                        "created_by": p.created_by,
                    }
                    for p in book.payouts
                ],
            },
            out,
        )
        return 0
    out.write(f"{consignor.label}  {safe(consignor.name)}\n")
    rows = [
        [*_entry_cells(e), "paid" if e.settled and e.kind != "payout" else ""] for e in book.entries
    ]
    for line in aligned(rows):
        out.write(f"  {line}\n")
    out.write(f"Balance owed: {format_money(book.balance_cents)}\n")
    return 0


def cmd_adjust(args: argparse.Namespace, out: TextIO) -> int:
    text = args.amount.strip()
    sign = -1 if text.startswith("-") else 1
    try:
        cents = sign * parse_money(text.lstrip("+-"), "Amount")
    except FieldInvalid as exc:
        raise ValidationError({"amount": exc.message}) from None
    ctx = open_ctx(args)
    consignor = _consignor(ctx, args, "adjust")
    ledger.adjust(ctx, consignor.id, cents, args.reason)
    out.write(
        f"Adjusted what {safe(consignor.name)} is owed by {format_money(cents)}; balance owed "
        f"{format_money(ledger.balance(ctx, consignor.id))}.\n"
    )
    return 0


def cmd_business_terms(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    require_premium(ctx, "business terms")
    if args.commission is not None or args.days is not None:
        try:
            commission = None if args.commission is None else parse_percent(args.commission)
        except FieldInvalid as exc:
            raise ValidationError({"commission": exc.message}) from None
        info = businesses.set_consignment_terms(ctx, commission_bp=commission, days=args.days)
        commission_bp, days = info.default_commission_bp, info.consignment_days
        said = "New consigned items now get"
    else:
        commission_bp, days = ctx.business.default_commission_bp, ctx.business.consignment_days
        said = "New consigned items get"
    out.write(
        f"{said} {format_percent(commission_bp)} commission and {days} days before they expire.\n"
    )
    return 0
