"""add, edit, show, find and export: the customer commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from custtui.cli.common import UsageError, dump, open_ctx
from custtui.cli.progress import progress_bar
from custtui.core.customers import lookup
from custtui.core.customers import service as customers
from custtui.core.customers.card import card_json, card_lines, item_lines, items_json
from custtui.core.customers.export import default_filename, export_customers, free_export_path
from custtui.core.customers.profile import load_profile
from custtui.core.directory.list_rows import count_line
from custtui.core.directory.loading import load_index
from custtui.core.errors import CusttuiError
from custtui.core.fields.catalogue import CATALOGUE
from custtui.core.fields.contact import format_phone


def _values(args: argparse.Namespace) -> dict[str, object]:
    """The fields whose flags were given: an empty value clears a field on edit."""
    return {f.name: getattr(args, f.name) for f in CATALOGUE if hasattr(args, f.name)}


def cmd_add(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    record = customers.create_customer(ctx, _values(args))
    out.write(f"{record.label}\n")
    return 0


def cmd_edit(args: argparse.Namespace, out: TextIO) -> int:
    changes = _values(args)
    if not changes:
        raise UsageError("edit needs at least one --FIELD VALUE (see: custtui edit --help)")
    ctx = open_ctx(args)
    record = customers.update_customer(ctx, args.number, changes)
    out.write(f"{record.label} saved\n")
    return 0


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    profile = load_profile(ctx, args.number)
    record = profile.customer
    dob: str | None = record.masked_date_of_birth
    dl = record.masked_driver_license
    if args.reveal:
        secret = lookup.reveal_sensitive(ctx, args.number)
        dob = secret.date_of_birth.isoformat() if secret.date_of_birth else None
        dl = secret.driver_license
    if args.json:
        data = card_json(record, date_of_birth=dob, driver_license=dl)
        consignment = ctx.business.has_consignment
        dump(data | items_json(profile.purchases, profile.consignments, consignment), out)
        return 0
    lines = card_lines(
        record,
        ctx.business.region,
        date_of_birth=dob,
        driver_license=dl,
        items=item_lines(profile.purchases, profile.consignments),
    )
    out.write(f"{record.label}  {record.name}\n")
    for label, value in lines:
        text = value.replace("\n", "\n" + " " * 22)
        out.write(f"  {label + ':':<20}{text}\n")
    return 0


def cmd_find(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    if args.consignors and not ctx.business.has_consignment:
        raise CusttuiError("The consignors filter needs the premium plan.")
    index = load_index(ctx)  # the list's own index: the same customers for every query
    query = " ".join(args.terms)
    ids = index.search(query, consignors_only=args.consignors, sort=args.sort)
    shown = ids[: args.limit] if args.limit else ids
    filtering = bool(query.strip()) or args.consignors
    records = lookup.records_by_ids(ctx, shown)
    if args.json:
        dump(
            {
                "count": len(ids),
                "total": len(index),
                "customers": [
                    {
                        "number": r.label,
                        "first_name": r.first_name,
                        "last_name": r.last_name,
                        "company": r.company,
                        "email": r.email,
                        "phone": r.phone,
                        "mobile_phone": r.mobile_phone,
                        "is_consignor": r.is_consignor,
                    }
                    for r in records
                ],
            },
            out,
        )
        return 0
    region = ctx.business.region
    for r in records:
        cells = [
            r.label,
            f"{r.last_name}, {r.first_name}",
            r.company or "",
            r.email or "",
            format_phone(r.phone or r.mobile_phone, region),
        ]
        out.write("  ".join(cells).rstrip() + "\n")
    out.write(count_line(len(ids), len(index), filtering) + "\n")
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    path: Path = args.out or (
        # A second export of the day is numbered, as in the app, unless told to replace.
        Path(default_filename()) if args.force else free_export_path(Path())
    )
    with progress_bar("Exporting", "customers", quiet=args.quiet) as progress:
        count = export_customers(ctx, path, progress=progress)
    if count == 0:
        out.write("No customers to export; nothing written.\n")
        return 0
    noun = "customer" if count == 1 else "customers"
    out.write(f"Exported {count:,} {noun} to {path.resolve()}\n")
    return 0
