"""The store's and the business's housekeeping: demo data, key, schema, plan, team."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TextIO

from custtui.cli.common import open_ctx, settings_from
from custtui.cli.progress import progress_bar
from custtui.core.places import country_name
from custtui.core.store import businesses, keys


def cmd_demo_data(args: argparse.Namespace, out: TextIO) -> int:
    from custtui.core.demo.load import load_demo

    ctx = open_ctx(args)
    started = datetime.now(UTC)
    with progress_bar("Adding demo data", "customers", quiet=args.quiet) as progress:
        result = load_demo(ctx, args.customers, seed=args.seed, progress=progress, add=args.add)
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
