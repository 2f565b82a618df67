"""`custtui import`: a file into customers, or an import undone."""

from __future__ import annotations

import argparse
import signal
import threading
from collections.abc import Sequence
from typing import TextIO

from custtui.cli.common import UsageError, open_ctx
from custtui.cli.progress import progress_bar
from custtui.core.errors import CusttuiError
from custtui.core.importing.classify import OUTCOMES, dry_run
from custtui.core.importing.mapping import (
    IMPORT_FIELDS,
    MappingError,
    check_mapping,
    has_name,
    parse_overrides,
    with_overrides,
)
from custtui.core.importing.read import ImportFileError, Table, read_table
from custtui.core.importing.run import ImportResult, run_import
from custtui.core.importing.saved import starting_mapping
from custtui.core.importing.undo import undo_import
from custtui.core.store.businesses import Context
from custtui.core.text import single_line


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    if args.undo is not None:
        if args.file is not None or args.overrides or args.dry_run:
            raise UsageError("--undo takes only the import ID (see: custtui import --help)")
        out.write(undo_import(open_ctx(args), args.undo).message + "\n")
        return 0
    if args.file is None:
        raise UsageError("import needs a FILE, or --undo ID (see: custtui import --help)")
    ctx = open_ctx(args)
    table = _read(args)
    mapping, saved = starting_mapping(ctx, table.headers)
    if args.sheet is None and not args.overrides and len(table.sheets) > 1:
        if not has_name(mapping):  # no column of customers' names: not a customer list
            raise _choose_sheet(table.sheets)
    try:
        mapping = with_overrides(mapping, parse_overrides(args.overrides, table.headers))
    except ValueError as exc:
        raise CusttuiError(str(exc)) from None
    rows = len(table.rows)
    out.write(f"{args.file.name}: {rows:,} row{'s' if rows != 1 else ''} ({table.source})\n")
    out.write(f"Columns ({'as mapped last time' if saved else 'detected'}):\n")
    for header, target in zip(table.headers, mapping, strict=True):
        out.write(f"  {header} -> {IMPORT_FIELDS[target] if target else '(skipped)'}\n")
    try:
        check_mapping(table.headers, mapping)
    except MappingError as exc:
        raise CusttuiError(f'{exc} (--map "Header=Full Name")') from None
    if args.dry_run:
        with progress_bar("Checking", "rows", quiet=args.quiet) as progress:
            result = dry_run(ctx, table, mapping, progress=progress)
        out.write("Dry run: nothing written.\n")
        width = max(len(label) for label in OUTCOMES.values())
        for key, label in OUTCOMES.items():
            out.write(f"  {label:<{width}}  {result.counts[key]:>7,}\n")
            for verdict in result.samples[key] if key != "create" else ():
                out.write(f"      row {verdict.number}: {verdict.reason}\n")
        return 0
    imported = _import_until_interrupted(ctx, table, mapping, args)
    noun = "customer" if imported.imported == 1 else "customers"
    summary = f"Imported {imported.imported:,} {noun}, skipped {imported.skipped:,}"
    if imported.cancelled:
        summary = f"Interrupted: {summary}; {imported.not_reached:,} rows not reached"
    out.write(summary + "\n")
    if imported.rejects is not None:
        out.write(f"Rows not imported, with the reason: {imported.rejects.resolve()}\n")
    out.write(
        f"Import {imported.import_id}; undo with: custtui import --undo {imported.import_id}\n"
    )
    return 130 if imported.cancelled else 0


def _read(args: argparse.Namespace) -> Table:
    try:
        return read_table(args.file, sheet=args.sheet)
    except ImportFileError as exc:
        if args.sheet is None and len(exc.sheets) > 1:
            raise _choose_sheet(exc.sheets) from None
        raise


def _choose_sheet(sheets: Sequence[str]) -> CusttuiError:
    """Without --sheet the first sheet is read: when it holds no customers (a notes or
    cover sheet), the others are named so the user can pick one."""
    first, *others = (f"'{single_line(name) or ''}'" for name in sheets)
    return CusttuiError(
        f"The first sheet {first} has no customers; this workbook also has: "
        f"{', '.join(others)}. Choose one with --sheet NAME."
    )


def _import_until_interrupted(
    ctx: Context, table: Table, mapping: list[str | None], args: argparse.Namespace
) -> ImportResult:
    """Run the import; Ctrl+C stops it after the current batch (twice: at once)."""
    stop = threading.Event()

    def interrupted(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        stop.set()

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGINT, interrupted)
    try:
        with progress_bar("Importing", "rows", quiet=args.quiet) as progress:
            return run_import(
                ctx,
                table,
                mapping,
                args.file,
                rejects=args.rejects,
                progress=progress,
                cancelled=stop.is_set,
            )
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
