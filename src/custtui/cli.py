"""The command line: parses arguments and calls the same core services as the TUI."""

from __future__ import annotations

import argparse
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import NoReturn, TextIO

from custtui import __version__
from custtui.core.customers import service as customers
from custtui.core.customers.export import default_filename, export_customers
from custtui.core.customers.rules import FIELD_LABELS, country_name, format_phone
from custtui.core.demo.load import DEMO_CUSTOMERS, ensure_demo
from custtui.core.directory.loading import load_index
from custtui.core.errors import CusttuiError
from custtui.core.importing.mapping import IMPORT_FIELDS, parse_overrides
from custtui.core.importing.read import Table, read_table
from custtui.core.importing.run import (
    OUTCOMES,
    ImportResult,
    MappingError,
    check_mapping,
    dry_run,
    run_import,
    with_overrides,
)
from custtui.core.importing.saved import starting_mapping
from custtui.core.importing.undo import undo_import
from custtui.core.runtime.config import Settings
from custtui.core.runtime.crashlog import log_crash
from custtui.core.store import businesses, keys
from custtui.core.store.businesses import Context
from custtui.core.store.engine import Store

log = logging.getLogger("custtui")

# flag -> field; the same names for add and edit.
FIELD_FLAGS: tuple[tuple[str, str], ...] = (
    ("--first", "first_name"),
    ("--last", "last_name"),
    ("--company", "company"),
    ("--email", "email"),
    ("--phone", "phone"),
    ("--mobile", "mobile_phone"),
    ("--dob", "date_of_birth"),
    ("--dl", "driver_license"),
    ("--dl-state", "dl_state"),
    ("--street", "street"),
    ("--street2", "street2"),
    ("--city", "city"),
    ("--state", "state"),
    ("--postal", "postal_code"),
    ("--country", "country"),
    ("--notes", "notes"),
    ("--instagram", "instagram"),
    ("--facebook", "facebook"),
    ("--preferred-contact", "preferred_contact"),
    ("--source", "discovery_source"),
    ("--referral", "referral_details"),
    ("--since", "customer_since"),
    ("--consignor", "is_consignor"),
    ("--consignor-code", "consignor_code"),
    ("--contact-email", "contact_by_email"),
    ("--contact-sms", "contact_by_sms"),
    ("--active", "active"),
    ("--on-hold", "on_hold"),
)


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (exit 2) instead of usage + message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see: {self.prog} --help)")


def _common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    # SUPPRESS on sub-commands so a flag given before the command isn't reset after it.
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (default: SQLite in the data folder)",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=default,
        help="acting team member (default: your login name)",
    )
    parser.add_argument(
        "--business", metavar="SLUG", default=default, help="which business (default: the first)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="use the demo database (filled on first use)",
    )


def build_parser() -> Parser:
    parser = Parser(prog="custtui", description="A keyboard-first customer database.")
    parser.add_argument("--version", action="version", version=f"custtui {__version__}")
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help_text: str, handler: Callable[..., int]) -> Parser:
        sub: Parser = commands.add_parser(name, help=help_text, description=help_text)
        _common(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    add = command("add", "Add a customer; prints the new customer number.", cmd_add)
    edit = command(
        "edit", "Change the given fields of a customer; an empty value clears one.", cmd_edit
    )
    edit.add_argument("number", help="customer number, e.g. C-000123 or 123")
    for sub in (add, edit):
        for flag, field in FIELD_FLAGS:
            sub.add_argument(
                flag,
                dest=field,
                metavar="VALUE",
                default=argparse.SUPPRESS,
                help=FIELD_LABELS[field],
            )

    show = command("show", "Show one customer.", cmd_show)
    show.add_argument("number")
    show.add_argument("--json", action="store_true")
    show.add_argument(
        "--reveal",
        action="store_true",
        help="show date of birth and driver license (recorded in the audit log)",
    )

    find = command("find", "Find customers: every term must match.", cmd_find)
    find.add_argument("terms", nargs="*", metavar="TERM")
    find.add_argument("--consignors", action="store_true", help="consignors only")
    find.add_argument("--limit", type=_positive, metavar="N")
    find.add_argument(
        "--sort", choices=("last_name", "first_name", "number", "company"), default="last_name"
    )
    find.add_argument("--json", action="store_true")

    export = command(
        "export", "Export customers to CSV (no date of birth or driver license).", cmd_export
    )
    export.add_argument("--out", metavar="FILE", type=Path)

    imports = command(
        "import",
        "Import customers from a CSV or .xlsx file; skipped rows go to a rejects file.",
        cmd_import,
    )
    imports.add_argument("file", nargs="?", type=Path, metavar="FILE")
    imports.add_argument("--sheet", metavar="S", help="the sheet of a workbook to read")
    imports.add_argument(
        "--map",
        dest="overrides",
        action="append",
        default=[],
        metavar='"Header=field"',
        help="map a column to a field (or to skip); may be repeated",
    )
    imports.add_argument(
        "--dry-run", action="store_true", help="show what would happen; write nothing"
    )
    imports.add_argument(
        "--rejects", type=Path, metavar="PATH", help="where skipped rows go (default: beside FILE)"
    )
    imports.add_argument(
        "--undo", type=_positive, metavar="ID", help="undo import ID (its customers, if unused)"
    )

    demo = command("demo-data", "Fill the database with realistic sample customers.", cmd_demo_data)
    demo.add_argument("--customers", type=_positive, default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")

    key = command("key", "Manage the encryption key.", _needs_action)
    key_actions = key.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    key_actions.add_parser("rotate", help="re-encrypt every value under a new key").set_defaults(
        handler=cmd_key_rotate
    )

    db = command("db", "Database maintenance.", _needs_action)
    db_actions = db.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    db_actions.add_parser("upgrade", help="apply schema migrations").set_defaults(
        handler=cmd_db_upgrade
    )

    plan = command("plan", "Show or set the business's plan.", cmd_plan_show)
    plan_actions = plan.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    plan_set = plan_actions.add_parser("set", help="set the plan")
    plan_set.add_argument("plan", choices=businesses.PLANS)
    plan_set.set_defaults(handler=cmd_plan_set)

    team = command("team", "The business's team list.", cmd_team_list)
    team_actions = team.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    team_add = team_actions.add_parser("add", help="add a team member")
    team_add.add_argument("name")
    team_add.set_defaults(handler=cmd_team_add)
    team_actions.add_parser("lock", help="refuse users not on the list").set_defaults(
        handler=cmd_team_lock
    )
    team_actions.add_parser("unlock", help="let any user in").set_defaults(handler=cmd_team_unlock)

    business = command("business", "Businesses sharing this database.", cmd_business_list)
    business_actions = business.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser)
    business_add = business_actions.add_parser("add", help="add a business")
    business_add.add_argument("slug")
    business_add.add_argument("--name")
    business_add.add_argument(
        "--region", default="US", help="default country for phone numbers (default US)"
    )
    business_add.set_defaults(handler=cmd_business_add)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _needs_action(args: argparse.Namespace, out: TextIO) -> int:
    raise UsageError(f"{args.command} needs an action (see: custtui {args.command} --help)")


# -- helpers ----------------------------------------------------------------------------------


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.resolve(db=args.db, user=args.user, business=args.business, demo=args.demo)


def open_store(settings: Settings) -> Store:
    return Store.open(settings.database_url, settings.key_file)


def open_ctx(args: argparse.Namespace) -> Context:
    """The acting context; refused for a user a locked team list doesn't name."""
    settings = settings_from(args)
    store = open_store(settings)
    ctx = businesses.open_context(store, settings.business, settings.user)
    if args.demo and args.command != "demo-data":
        ensure_demo(ctx, DEMO_CUSTOMERS)
    return ctx


def _values(args: argparse.Namespace) -> dict[str, object]:
    return {field: getattr(args, field) for _, field in FIELD_FLAGS if hasattr(args, field)}


def _json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _dump(data: object, out: TextIO) -> None:
    json.dump(data, out, default=_json_default, ensure_ascii=False, indent=2)
    out.write("\n")


def count_line(shown: int, total: int, filtering: bool) -> str:
    noun = "customer" if total == 1 else "customers"
    return f"{shown:,} of {total:,} {noun}" if filtering else f"{total:,} {noun}"


# -- commands ---------------------------------------------------------------------------------


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
    record = customers.get_customer(ctx, args.number)
    dob: str | None = record.masked_date_of_birth
    dl = record.masked_driver_license
    if args.reveal:
        secret = customers.reveal_sensitive(ctx, args.number)
        dob = secret.date_of_birth.isoformat() if secret.date_of_birth else None
        dl = secret.driver_license
    if args.json:
        data = asdict(record)
        for name in ("has_date_of_birth", "masked_driver_license"):
            data.pop(name)
        data |= {"number": record.label, "date_of_birth": dob, "driver_license": dl}
        _dump(data, out)
        return 0
    region = ctx.business.region
    lines: list[tuple[str, object]] = [
        ("Company", record.company),
        ("Email", record.email),
        ("Phone", format_phone(record.phone, region) or None),
        ("Mobile phone", format_phone(record.mobile_phone, region) or None),
        ("Address", "\n".join(record.address_lines(region)) or None),
        ("Instagram", f"@{record.instagram}" if record.instagram else None),
        ("Facebook", record.facebook),
        ("Date of birth", dob),
        ("Driver license", dl),
        ("DL state", record.dl_state),
        ("Customer since", record.customer_since),
        ("Preferred contact", record.preferred_contact),
        ("Discovery source", record.discovery_source),
        ("Referral details", record.referral_details),
        ("Consignor", record.consignor_code or "yes" if record.is_consignor else None),
        (
            "Contact by",
            ", ".join(
                name
                for name, on in (("email", record.contact_by_email), ("SMS", record.contact_by_sms))
                if on
            )
            or None,
        ),
        (
            "Status",
            ", ".join(
                s for s, on in (("inactive", not record.active), ("on hold", record.on_hold)) if on
            )
            or None,
        ),
        ("Notes", record.notes),
        ("Updated", f"{record.updated_at:%Y-%m-%d %H:%M} UTC by {record.updated_by}"),
    ]
    out.write(f"{record.label}  {record.name}\n")
    for label, value in lines:
        if value in (None, ""):
            continue
        text = str(value).replace("\n", "\n" + " " * 22)
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
    records = customers.records_by_ids(ctx, shown)
    if args.json:
        _dump(
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
    path: Path = args.out or Path(default_filename())
    count = export_customers(ctx, path)
    if count == 0:
        out.write("No customers to export; nothing written.\n")
        return 0
    noun = "customer" if count == 1 else "customers"
    out.write(f"Exported {count:,} {noun} to {path.resolve()}\n")
    return 0


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    if args.undo is not None:
        if args.file is not None or args.overrides or args.dry_run:
            raise UsageError("--undo takes only the import ID (see: custtui import --help)")
        out.write(undo_import(open_ctx(args), args.undo).message + "\n")
        return 0
    if args.file is None:
        raise UsageError("import needs a FILE, or --undo ID (see: custtui import --help)")
    ctx = open_ctx(args)
    table = read_table(args.file, sheet=args.sheet)
    mapping, saved = starting_mapping(ctx, table.headers)
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
        result = dry_run(ctx, table, mapping)
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
        return run_import(
            ctx, table, mapping, args.file, rejects=args.rejects, cancelled=stop.is_set
        )
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def cmd_demo_data(args: argparse.Namespace, out: TextIO) -> int:
    from custtui.core.demo.load import load_demo

    ctx = open_ctx(args)
    started = datetime.now(UTC)
    result = load_demo(ctx, args.customers, seed=args.seed)
    seconds = (datetime.now(UTC) - started).total_seconds()
    out.write(
        f"Added {result.customers:,} demo customers, {result.notes:,} notes and "
        f"{result.items:,} items in {seconds:.1f} s\n"
    )
    return 0


def cmd_key_rotate(args: argparse.Namespace, out: TextIO) -> int:
    settings = settings_from(args)
    rotation = keys.rotate_key(open_ctx(args).store)
    out.write(
        f"Re-encrypted {rotation.values:,} values under key {rotation.new_id}; "
        f"the key file {settings.key_file} now holds only that key.\n"
    )
    return 0


def cmd_db_upgrade(args: argparse.Namespace, out: TextIO) -> int:
    from custtui.core.store.migrate import upgrade_database

    applied = upgrade_database(settings_from(args).database_url)
    out.write(
        "Database upgraded to the latest schema.\n"
        if applied
        else "Database schema is already up to date.\n"
    )
    return 0


def cmd_plan_show(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    out.write(f"{ctx.business.name} is on the {ctx.business.plan} plan.\n")
    return 0


def cmd_plan_set(args: argparse.Namespace, out: TextIO) -> int:
    info = businesses.set_plan(open_ctx(args), args.plan)
    out.write(f"{info.name} is now on the {info.plan} plan.\n")
    return 0


def cmd_team_list(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    members = businesses.team_members(ctx)
    for name in members:
        out.write(f"{name}\n")
    state = "locked" if ctx.business.team_locked else "unlocked (any user may sign in)"
    out.write(f"{len(members)} team member{'s' if len(members) != 1 else ''}; list {state}\n")
    return 0


def cmd_team_add(args: argparse.Namespace, out: TextIO) -> int:
    added = businesses.team_add(open_ctx(args), args.name)
    out.write(
        f"Added {args.name} to the team.\n" if added else f"{args.name} is already on the team.\n"
    )
    return 0


def cmd_team_lock(args: argparse.Namespace, out: TextIO) -> int:
    ctx = open_ctx(args)
    if businesses.set_team_locked(ctx, True):
        out.write(f"Added {ctx.user} to the team so you stay able to sign in.\n")
    out.write("Team list locked: only its members can use this business.\n")
    return 0


def cmd_team_unlock(args: argparse.Namespace, out: TextIO) -> int:
    businesses.set_team_locked(open_ctx(args), False)
    out.write("Team list unlocked: any user can use this business.\n")
    return 0


def cmd_business_list(args: argparse.Namespace, out: TextIO) -> int:
    store = open_ctx(args).store
    for info in businesses.list_businesses(store):
        out.write(f"{info.slug}  {info.name}  ({info.plan}, {country_name(info.region)})\n")
    return 0


def cmd_business_add(args: argparse.Namespace, out: TextIO) -> int:
    store = open_ctx(args).store
    info = businesses.add_business(store, args.slug, args.name, args.region)
    out.write(f"Added business {info.slug} ({info.name}); use it with --business {info.slug}\n")
    return 0


def cmd_tui(args: argparse.Namespace, out: TextIO) -> int:
    from custtui.ui.launch import run_tui

    return run_tui(settings_from(args), demo=args.demo)


# -- entry point ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace, TextIO], int] = getattr(args, "handler", cmd_tui)
        return handler(args, out)
    except UsageError as exc:
        print(f"custtui: {exc}", file=sys.stderr)
        return 2
    except CusttuiError as exc:
        print(f"custtui: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("custtui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last guard: a user never sees a traceback
        where = log_crash(Settings.resolve().log_dir)
        detail = f"; details in {where}" if where else ""
        first = (str(exc).strip().splitlines() or [""])[0][:200]
        print(f"custtui: unexpected error: {type(exc).__name__}: {first}{detail}", file=sys.stderr)
        return 1


def run_cli(argv: Sequence[str]) -> tuple[int, str]:
    """For callers that want the output as text (tests, scripts)."""
    import io

    buffer = io.StringIO()
    status = main(argv, buffer)
    return status, buffer.getvalue()


__all__ = ["main", "build_parser", "count_line", "run_cli"]
