"""The arguments of the item and consignment commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from custtui.cli.consignment import cmd_adjust, cmd_business_terms, cmd_ledger, cmd_payout
from custtui.cli.items import (
    cmd_item_add,
    cmd_item_delete,
    cmd_item_edit,
    cmd_item_keep,
    cmd_item_return,
    cmd_item_sell,
    cmd_item_show,
    cmd_item_unsell,
    cmd_items,
)
from custtui.core.items.record import STATUSES

Command = Callable[[str, str, Callable[..., int]], argparse.ArgumentParser]


def status_name(text: str) -> str:
    """`sold`, `Sold` and `SOLD` all name the status Sold."""
    for status in STATUSES:
        if text.strip().casefold() == status.casefold():
            return status
    raise argparse.ArgumentTypeError(f"{text!r} is not one of {', '.join(STATUSES)}")


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _item_options(sub: argparse.ArgumentParser, *, adding: bool) -> None:
    # SUPPRESS: only the options given change an item on edit.
    quiet: dict[str, Any] = {"default": argparse.SUPPRESS}
    sub.add_argument("--title", metavar="T", required=adding, **quiet)
    sub.add_argument("--category", metavar="C", **quiet)
    sub.add_argument("--retail", metavar="PRICE", help="retail price, e.g. 100.00", **quiet)
    sub.add_argument("--status", metavar="S", help="Collection, Wishlist or Archived", **quiet)
    sub.add_argument("--intake", metavar="YYYY-MM-DD", help="intake date (default today)", **quiet)
    sub.add_argument(
        "--consignor",
        metavar="NUMBER",
        help="the consignor's customer number (premium)"
        + ("" if adding else "; an empty value makes the item the store's own"),
        **quiet,
    )
    sub.add_argument(
        "--commission", metavar="PERCENT", help="e.g. 40 (default: the business's)", **quiet
    )
    sub.add_argument("--expiry", metavar="YYYY-MM-DD", help="default: intake + days", **quiet)
    sub.add_argument("--at-expiry", choices=("return", "keep"), **quiet)
    sub.add_argument("--json", action="store_true", help="print the saved item as JSON")


def add_item_commands(
    command: Command,
    actions: Callable[[argparse.ArgumentParser], Any],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """`items`, `item ACTION`, `payout`, `ledger`, `adjust`; `business terms` is added by
    the caller through `add_business_terms` (the business command owns its actions)."""
    items = command("items", "List items, newest first: every term must match.", cmd_items)
    items.add_argument("terms", nargs="*", metavar="TERM")
    items.add_argument("--status", type=status_name, metavar="S", help=", ".join(STATUSES))
    items.add_argument("--consignor", metavar="NUMBER", help="one consignor's items (premium)")
    items.add_argument("--consigned", action="store_true", help="consigned items (premium)")
    items.add_argument(
        "--expired", action="store_true", help="consigned items past their expiry (premium)"
    )
    items.add_argument("--limit", type=positive, metavar="N")
    items.add_argument("--json", action="store_true")

    item = command("item", "Add, change, sell or delete one item.", _needs_action)
    item_actions = actions(item)

    def action(name: str, help_text: str, handler: Callable[..., int]) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = item_actions.add_parser(
            name, help=help_text, description=help_text
        )
        common(sub)
        sub.set_defaults(handler=handler)
        if name != "add":
            sub.add_argument("number", help="item number, e.g. I-000123 or 123")
        return sub

    _item_options(action("add", "Add an item; prints its number.", cmd_item_add), adding=True)
    _item_options(
        action(
            "edit", "Change the given fields of an item; an empty value clears one.", cmd_item_edit
        ),
        adding=False,
    )
    action("show", "Show one item.", cmd_item_show).add_argument("--json", action="store_true")
    sell = action("sell", "Mark an item sold.", cmd_item_sell)
    sell.add_argument("--price", required=True, metavar="PRICE", help="sold price, e.g. 90.00")
    sell.add_argument("--buyer", metavar="NUMBER", help="the buyer's customer number (pro)")
    sell.add_argument("--date", metavar="YYYY-MM-DD", help="sale date (default today)")
    sell.add_argument("--json", action="store_true", help="print the sold item as JSON")
    action("unsell", "Undo a sale: the item is back in the shop.", cmd_item_unsell)
    action("return", "Hand a consigned item back to its consignor (premium).", cmd_item_return)
    action("keep", "The store keeps a consigned item as its own (premium).", cmd_item_keep)
    action("delete", "Delete an item.", cmd_item_delete)

    payout = command(
        "payout", "Pay a consignor what is owed (premium); --dry-run shows it first.", cmd_payout
    )
    payout.add_argument("number", help="the consignor's customer number")
    payout.add_argument("--through", metavar="YYYY-MM-DD", help="sales up to this date (today)")
    payout.add_argument("--dry-run", action="store_true", help="show the payout; change nothing")
    payout.add_argument("--undo", action="store_true", help="undo this consignor's latest payout")
    payout.add_argument("--json", action="store_true", help="the outcome as JSON")

    book = command("ledger", "A consignor's ledger and balance owed (premium).", cmd_ledger)
    book.add_argument("number", help="the consignor's customer number")
    book.add_argument("--json", action="store_true")

    adjust = command(
        "adjust", "Add to (or, negative, take from) what a consignor is owed (premium).", cmd_adjust
    )
    adjust.add_argument("number", help="the consignor's customer number")
    adjust.add_argument("--amount", required=True, metavar="AMOUNT", help="e.g. 5.00 or -5.00")
    adjust.add_argument("--reason", required=True, metavar="TEXT")


def add_business_terms(business_actions: Any) -> None:
    terms = business_actions.add_parser(
        "terms", help="show or set what new consigned items get (premium)"
    )
    terms.add_argument("--commission", metavar="PERCENT", help="default commission, e.g. 40")
    terms.add_argument(
        "--consignment-days", dest="days", type=positive, metavar="N", help="days until expiry"
    )
    terms.set_defaults(handler=cmd_business_terms)


def _needs_action(args: argparse.Namespace, out: Any) -> int:
    from custtui.cli.common import UsageError

    raise UsageError(f"{args.command} needs an action (see: custtui {args.command} --help)")
