"""What every command needs: the store and the acting context, JSON and count lines."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from typing import TextIO

from custtui.core.demo.load import DEMO_CUSTOMERS, ensure_demo
from custtui.core.runtime.config import Settings
from custtui.core.store import businesses
from custtui.core.store.businesses import Context
from custtui.core.store.engine import Store


class UsageError(Exception):
    """The command line was wrong: one line, exit status 2."""


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


def json_default(value: object) -> str:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def dump(data: object, out: TextIO) -> None:
    json.dump(data, out, default=json_default, ensure_ascii=False, indent=2)
    out.write("\n")
