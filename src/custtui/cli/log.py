"""log: the activity log, newest first, as aligned lines or JSON."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import TextIO

from custtui.cli.common import dump, open_ctx
from custtui.cli.item_text import aligned, safe
from custtui.core.activity.log import (
    ActivityFilter,
    ActivityRow,
    Cursor,
    activity_page,
    customer_id_of,
    parse_action,
    parse_since,
    users_named,
)
from custtui.core.customers.record import format_number
from custtui.core.store.businesses import Context

# Read in pages this big however many rows are asked for: the store's own keyset pages.
_BATCH = 500


def cmd_log(args: argparse.Namespace, out: TextIO) -> int:
    # Checked before the store opens: a typo is said at once, whatever the database.
    actions = frozenset(parse_action(a) for a in args.actions)
    since = parse_since(args.since) if args.since is not None else None
    ctx = open_ctx(args)
    wanted = ActivityFilter(
        actors=users_named(ctx, args.by) if args.by else frozenset(),
        actions=actions,
        since=since,
        customer_id=customer_id_of(ctx, args.customer) if args.customer else None,
    )
    rows = list(_rows(ctx, wanted, args.limit))
    if args.json:
        dump({"events": [_json(r) for r in rows]}, out)
        return 0
    if not rows:
        out.write("No events.\n")
        return 0
    for line in aligned(_cells(r) for r in rows):
        out.write(line + "\n")
    return 0


def _rows(ctx: Context, wanted: ActivityFilter, limit: int) -> Iterator[ActivityRow]:
    after: Cursor | None = None
    left = limit
    while left > 0:
        page = activity_page(ctx, wanted, after, min(left, _BATCH))
        yield from page.rows
        left -= len(page.rows)
        if page.more is None:
            return
        after = page.more


def _cells(row: ActivityRow) -> list[str]:
    when = row.at.astimezone().strftime("%Y-%m-%d %H:%M")
    return [when, safe(row.actor), safe(row.title), safe(row.customer), safe(row.detail)]


def _json(row: ActivityRow) -> dict[str, object]:
    customer = None
    if row.customer_id is not None:
        customer = {
            "number": format_number(row.customer_number) if row.customer_number else None,
            "name": row.customer_name,
            "exists": row.customer_exists,
        }
    return {
        "id": row.id,
        "at": row.at,
        "user": row.actor,
        "action": row.action,
        "title": row.title,
        "customer": customer,
        "detail": row.detail,
    }
