"""items and item add/edit/show/sell/unsell/return/keep/delete: the item commands."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TextIO

from custtui.cli.common import UsageError, dump, open_ctx
from custtui.cli.item_text import aligned, item_json, item_lines, row_cells, safe
from custtui.core.customers.lookup import get_customer
from custtui.core.errors import FieldInvalid, RuleError, ValidationError
from custtui.core.fields.values import parse_date
from custtui.core.items import service
from custtui.core.items.index import ItemFilter
from custtui.core.items.listing import item_count_line, load_item_index
from custtui.core.items.money import format_money, parse_money
from custtui.core.items.record import ItemRecord, get_item
from custtui.core.items.values import parse_item_texts, texts_of
from custtui.core.store.businesses import Context

# Flag name -> the form's text field it fills (core/items/values.TEXT_FIELDS).
TEXT_OPTIONS = {
    "title": "title",
    "category": "category",
    "status": "status",
    "retail": "retail",
    "intake": "intake_date",
    "commission": "commission",
    "expiry": "expiry_date",
    "at_expiry": "at_expiry",
}
CONSIGNMENT_OPTIONS = {
    "consignor": "--consignor",
    "commission": "--commission",
    "expiry": "--expiry",
    "at_expiry": "--at-expiry",
}


def require_premium(ctx: Context, what: str) -> None:
    """One sentence naming the plan, before anything is looked up or written."""
    if not ctx.business.has_consignment:
        raise RuleError(
            f"Consignment ({what}) needs the premium plan; this business is on the "
            f"{ctx.business.plan} plan (custtui plan set premium)."
        )


def consignor_id_of(ctx: Context, number: str) -> int:
    require_premium(ctx, "--consignor")
    return get_customer(ctx, number).id


def _given(args: argparse.Namespace) -> dict[str, str]:
    return {
        field: getattr(args, name) for name, field in TEXT_OPTIONS.items() if hasattr(args, name)
    }


def _check_plan(ctx: Context, args: argparse.Namespace) -> None:
    for name, flag in CONSIGNMENT_OPTIONS.items():
        if hasattr(args, name):
            require_premium(ctx, flag)


def _write_item(
    ctx: Context, item: ItemRecord, args: argparse.Namespace, out: TextIO, said: str
) -> None:
    if getattr(args, "json", False):
        dump(item_json(item, ctx.business.has_consignment, date.today()), out)
    else:
        out.write(f"{said}\n")


def cmd_items(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    for flag, on in (
        ("--consignor", args.consignor is not None),
        ("--consigned", args.consigned),
        ("--expired", args.expired),
    ):
        if on:
            require_premium(ctx, flag)
    consignor = consignor_id_of(ctx, args.consignor) if args.consignor is not None else None
    wanted = ItemFilter(
        status=args.status, consigned=args.consigned, expired=args.expired, consignor_id=consignor
    )
    today = date.today()
    index, _ = load_item_index(ctx, today)
    query = " ".join(args.terms)
    view = index.search(query, wanted)
    shown = view[: args.limit] if args.limit else view
    consignment = ctx.business.has_consignment
    if args.json:
        items = [item_json(i, consignment, today) for i in shown]
        dump({"count": len(view), "total": len(index), "items": items}, out)
        return 0
    for text in aligned(row_cells(i, consignment) for i in shown):
        out.write(text + "\n")
    out.write(item_count_line(view, index, query, wanted) + "\n")
    return 0


def cmd_item_add(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    given = _given(args)
    _check_plan(ctx, args)
    consignor = consignor_id_of(ctx, args.consignor) if hasattr(args, "consignor") else None
    values = parse_item_texts(texts_of(None) | given, consignor)
    item = service.create_item(ctx, values)
    _write_item(ctx, item, args, out, item.label)
    return 0


def cmd_item_edit(args: argparse.Namespace, out: TextIO) -> int:
    given = _given(args)
    if not given and not hasattr(args, "consignor"):
        raise UsageError("item edit needs at least one option (see: custtui item edit --help)")
    ctx = open_ctx(args)
    _check_plan(ctx, args)
    item = get_item(ctx, args.number)
    texts = texts_of(item)
    if item.sold:
        # The form's status lists no "Sold" (selling is its own action); the core keeps a
        # sold item's status whatever the form says.
        texts["status"] = "Collection"
    consignor = item.consignor_id
    if hasattr(args, "consignor"):
        consignor = consignor_id_of(ctx, args.consignor) if args.consignor.strip() else None
        if consignor is None:
            # No longer consigned: its terms go with its consignor.
            texts |= {"commission": "", "expiry_date": "", "at_expiry": ""}
    values = parse_item_texts(texts | given, consignor)
    saved = service.update_item(ctx, item.number, values, expected_version=item.version)
    _write_item(ctx, saved, args, out, f"{saved.label} saved")
    return 0


def cmd_item_show(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    item = get_item(ctx, args.number)
    consignment = ctx.business.has_consignment
    if args.json:
        dump(item_json(item, consignment, date.today()), out)
        return 0
    out.write(f"{item.label}  {safe(item.title)}\n")
    for label, value in item_lines(item, consignment, date.today()):
        out.write(f"  {label + ':':<20}{value}\n")
    return 0


def cmd_item_sell(args: argparse.Namespace, out: TextIO) -> int:
    errors: dict[str, str] = {}
    price = sale_date = None
    try:
        price = parse_money(args.price, "Sold price")
    except FieldInvalid as exc:
        errors["price"] = exc.message
    try:
        sale_date = parse_date(args.date, "Sale date") if args.date else None
    except FieldInvalid as exc:
        errors["sale_date"] = exc.message
    if errors or price is None:
        raise ValidationError(errors)
    ctx = open_ctx(args)
    buyer_id = None
    if args.buyer is not None:
        if not ctx.business.has_customers:
            raise RuleError(
                "--buyer names a customer record, which needs the pro or premium plan; "
                "this business is on the free plan: sell to a walk-in (no --buyer)."
            )
        buyer_id = get_customer(ctx, args.buyer).id
    item = service.sell_item(ctx, args.number, price, sale_date=sale_date, buyer_id=buyer_id)
    said = f"{item.label} sold for {format_money(item.sold_cents)} on {item.sale_date:%Y-%m-%d}"
    said += f" to {safe(item.buyer_name)}" if item.buyer_name else " to a walk-in"
    if item.consignor_cents is not None and ctx.business.has_consignment:
        said += f"; {safe(item.consignor_name)} is owed {format_money(item.consignor_cents)}"
    _write_item(ctx, item, args, out, said)
    return 0


def cmd_item_unsell(args: argparse.Namespace, out: TextIO) -> int:
    item = service.unsell_item(open_ctx(args), args.number)
    out.write(f"{item.label} is no longer sold: back in the shop as {item.status}.\n")
    return 0


def cmd_item_return(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    require_premium(ctx, "item return")
    item = service.return_item(ctx, args.number)
    out.write(f"{item.label} returned to {safe(item.consignor_name)} on {item.returned_on}.\n")
    return 0


def cmd_item_keep(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    require_premium(ctx, "item keep")
    item = service.keep_item(ctx, args.number)
    out.write(f"{item.label} is now the store's own stock.\n")
    return 0


def cmd_item_delete(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    item = get_item(ctx, args.number)
    service.delete_item(ctx, item.number, expected_version=item.version)
    out.write(f"Deleted {item.label} ({safe(item.title)}).\n")
    return 0
