"""The commands, their arguments and which function runs each."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TextIO

from custtui import __version__
from custtui.cli.admin import (
    cmd_business_add,
    cmd_business_list,
    cmd_db_upgrade,
    cmd_demo_data,
    cmd_key_rotate,
    cmd_plan_set,
    cmd_plan_show,
    cmd_team_add,
    cmd_team_list,
    cmd_team_lock,
    cmd_team_unlock,
)
from custtui.cli.common import UsageError
from custtui.cli.customers import cmd_add, cmd_edit, cmd_export, cmd_find, cmd_show
from custtui.cli.importing import cmd_import
from custtui.cli.items_parser import add_business_terms, add_item_commands
from custtui.cli.log import cmd_log
from custtui.core.fields.catalogue import CATALOGUE
from custtui.core.store import businesses


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
        for field in CATALOGUE:
            sub.add_argument(
                field.flag,
                dest=field.name,
                metavar="VALUE",
                default=argparse.SUPPRESS,
                help=field.label,
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
    export.add_argument(
        "--force",
        action="store_true",
        help="replace today's export instead of numbering a new one (customers-DATE-2.csv)",
    )
    _quiet(export)

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
    _quiet(imports)

    log = command("log", "The activity log: who did what, newest first.", cmd_log)
    # --by, not --user: --user names who is acting, as for every command.
    log.add_argument("--by", action="append", default=[], metavar="USER", help="by this user")
    log.add_argument(
        "--action",
        dest="actions",
        action="append",
        default=[],
        metavar="ACTION",
        help="only this action, e.g. customers_exported (may be repeated)",
    )
    log.add_argument("--since", metavar="DATE", help="from this day on (YYYY-MM-DD)")
    log.add_argument("--customer", metavar="NUMBER", help="only this customer's events")
    log.add_argument("--limit", type=_positive, default=50, metavar="N", help="(default 50)")
    log.add_argument("--json", action="store_true")

    add_item_commands(
        command,
        lambda parent: parent.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser),
        lambda sub: _common(sub, top=False),
    )

    demo = command("demo-data", "Fill the database with realistic sample customers.", cmd_demo_data)
    demo.add_argument("--customers", type=_positive, default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--add", action="store_true", help="add to a business that already has customers"
    )
    _quiet(demo)

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
    add_business_terms(business_actions)
    return parser


def _quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar, even on a terminal: the result only"
    )


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
