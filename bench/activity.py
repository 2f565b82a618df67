"""The activity log's speed at a million events: each page the CLI and the screen ask for.

Run: python bench/activity.py [--events 1000000] [--rounds 20] [--db URL]

The store (SQLite, built once and cached in bench/.cache/; or the PostgreSQL database --db
names, built there once) holds 2,000 demo customers and `--events` audit events over two
years, bulk inserted: eight users from busy to rare, every action from everyday changes to
the odd export, customers alive and deleted, and batches that share one time (as an
import's undo writes them). It prints p50 / p95 / max of `activity_page` for:
the first page; a user's first page (busy and rare); an action's (common and rare); a user
and an action; the last 30 days; the page after 20 pages; a page from the middle of the
log; what a keystroke in the screen's filter box costs (`filter_from_text` + the page); and
the screen's first paint (F4 to the rows on screen, headless). Target: each well under 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
CUSTOMERS = 2_000
BATCH = 50_000
# Who does how much: the owner and a busy clerk most, a temp hardly anything.
USERS = {
    "ann": 40,
    "bob": 25,
    "carla": 15,
    "dev": 10,
    "eli": 6,
    "fay": 3,
    "owner": 0.9,
    "temp": 0.1,
}
# What happens how often; exports and undone imports are rare.
ACTIONS = {
    "customer_updated": 35,
    "note_added": 18,
    "customer_created": 12,
    "item_updated": 8,
    "item_created": 6,
    "item_sold": 5,
    "note_updated": 4,
    "sensitive_revealed": 3,
    "customer_deleted": 2,
    "note_deleted": 2,
    "item_unsold": 1,
    "ledger_adjusted": 1,
    "payout_posted": 1,
    "item_returned": 0.5,
    "item_kept": 0.5,
    "item_deleted": 0.5,
    "payout_undone": 0.2,
    "customers_imported": 0.1,
    "import_undone": 0.02,
    "customers_exported": 0.05,
}


def _changes(action: str, rng: random.Random, n: int) -> dict[str, object]:
    if action == "customers_exported":
        return {"count": rng.randint(1, 5000), "file": f"/home/shop/customers-{n}.csv"}
    if action == "customers_imported":
        return {"file": f"list-{n}.csv", "imported": rng.randint(1, 900), "skipped": {"no_name": 3}}
    if action == "sensitive_revealed":
        return {"fields": ["date_of_birth"]}
    if action == "customer_updated":
        return {"phone": {"old": None, "new": "+14155550100"}, "city": {"old": "A", "new": "B"}}
    if action.startswith("note"):
        return {"note": {"old": None, "new": f"Called about order {n}"}}
    if action.startswith("item"):
        return {"number": f"I-{n % 100000:06d}", "title": {"old": None, "new": "Omega"}}
    if action in ("payout_posted", "payout_undone", "ledger_adjusted"):
        return {"amount": "54.00", "through": "2026-01-31", "reason": "fix"}
    return {}


def ensure_store(events: int, db: str | None) -> tuple[str, Path]:
    from sqlalchemy import func, select, text

    from custtui.core.demo.load import load_demo
    from custtui.core.runtime.config import sqlite_url
    from custtui.core.store import audit
    from custtui.core.store.businesses import open_context
    from custtui.core.store.engine import Store
    from custtui.core.store.models import AuditEvent, Customer

    CACHE.mkdir(parents=True, exist_ok=True)
    url = db or sqlite_url(CACHE / f"activity-{events}.db")
    key = CACHE / (f"activity-{events}.key.json" if db is None else "activity-pg.key.json")
    store = Store.open(url, key)
    try:
        ctx = open_context(store, None, "bench")
        with store.read() as session:
            have = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
        if have >= events:
            return url, key
        started = time.perf_counter()
        print(f"  building the store ({url})…", flush=True)
        load_demo(ctx, CUSTOMERS, seed=5)
        with store.read() as session:
            ids = list(session.scalars(select(Customer.id)))
        # Ids past the last customer stand for customers deleted long ago.
        ids += list(range(max(ids) + 1, max(ids) + 1 + CUSTOMERS // 4))
        rng = random.Random(17)
        users, user_weights = list(USERS), list(USERS.values())
        actions, action_weights = list(ACTIONS), list(ACTIONS.values())
        moment = datetime.now(UTC) - timedelta(days=730)
        step = timedelta(days=730) / events
        done = 0
        while done < events - have:
            size = min(BATCH, events - have - done)
            rows = []
            for i in range(size):
                n = done + i
                if rng.random() > 0.02:  # a batch now and then shares one time
                    moment += step * rng.uniform(0.5, 1.5)
                action = rng.choices(actions, action_weights)[0]
                personal = not action.startswith(("customers_", "import_"))
                rows.append(
                    {
                        "business_id": ctx.business.id,
                        "actor": rng.choices(users, user_weights)[0],
                        "action": action,
                        "customer_id": rng.choice(ids) if personal else None,
                        "at": moment,
                        "changes": _changes(action, rng, n),
                    }
                )
            with store.write() as session:
                audit.record_many(session, rows)
            done += size
            print(f"    {have + done:,} events", flush=True)
        if store.engine.dialect.name == "postgresql":
            # What autovacuum would do soon after a load this big: plans follow the counts.
            with store.write() as session:
                session.execute(text("ANALYZE audit_events"))
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
        return url, key
    finally:
        store.close()


def timed(label: str, run: Callable[[], object], rounds: int) -> None:
    run()  # the first read warms the page cache; the figures are a clerk's steady state
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print(
        f"  {label:<42} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms"
        f"   max {times[-1]:6.1f} ms"
    )


def service(url: str, key: Path, rounds: int) -> None:
    from custtui.core.activity.log import (
        ActivityFilter,
        Cursor,
        activity_page,
        filter_from_text,
        known_actors,
        start_of,
    )
    from custtui.core.store.businesses import open_context
    from custtui.core.store.engine import Store

    store = Store.open(url, key)
    ctx = open_context(store, None, "bench")
    print("activity_page (50 rows):")
    timed("first page", lambda: activity_page(ctx), rounds)
    for name, wanted in (
        ("user ann (40 %)", ActivityFilter(actors=frozenset({"ann"}))),
        ("user temp (0.1 %)", ActivityFilter(actors=frozenset({"temp"}))),
        ("action customer_updated (35 %)", ActivityFilter(actions=frozenset({"customer_updated"}))),
        (
            "action customers_exported (0.05 %)",
            ActivityFilter(actions=frozenset({"customers_exported"})),
        ),
        (
            "user temp + action note_added",
            ActivityFilter(frozenset({"temp"}), frozenset({"note_added"})),
        ),
        (
            "since 30 days ago",
            ActivityFilter(since=start_of((datetime.now() - timedelta(days=30)).date())),
        ),
    ):
        timed(name, lambda wanted=wanted: activity_page(ctx, wanted), rounds)  # type: ignore[misc]
    page = activity_page(ctx)
    for _ in range(20):
        assert page.more is not None
        page = activity_page(ctx, after=page.more)
    after = page.more
    timed("page 21 (after 20 pages)", lambda: activity_page(ctx, after=after), rounds)
    middle = Cursor(datetime.now(UTC) - timedelta(days=365), 2**62)
    timed("a page from the middle of the log", lambda: activity_page(ctx, after=middle), rounds)
    timed("known_actors (loose index scan)", lambda: known_actors(ctx), rounds)
    for typed in ("export", "temp", "ann deleted"):
        timed(
            f"filter box: “{typed}”",
            lambda typed=typed: activity_page(ctx, filter_from_text(ctx, typed)),  # type: ignore[misc]
            rounds,
        )
    store.close()


def first_paint(url: str, key: Path, rounds: int) -> None:
    from textual.app import App

    from custtui.core.store.businesses import open_context
    from custtui.core.store.engine import Store
    from custtui.ui.screens.activity import ActivityScreen

    store = Store.open(url, key)
    ctx = open_context(store, None, "bench")

    class Host(App[None]):
        CSS_PATH = str(HERE.parent / "styles" / "activity.tcss")

    async def once() -> float:
        app = Host()
        async with app.run_test(size=(120, 40)) as pilot:
            started = time.perf_counter()
            screen = ActivityScreen(ctx)
            await app.push_screen(screen)
            while not screen.rows:
                await pilot.pause(0.001)
            await pilot.pause()
            return (time.perf_counter() - started) * 1000

    times = sorted(asyncio.run(once()) for _ in range(rounds))
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    print("screen:")
    print(
        f"  {'first paint (push to 50 rows shown)':<42} p50 {statistics.median(times):6.1f} ms"
        f"   p95 {p95:6.1f} ms   max {times[-1]:6.1f} ms"
    )
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--db", metavar="URL", help="a PostgreSQL URL (default: SQLite cache)")
    args = parser.parse_args()
    url, key = ensure_store(args.events, args.db)
    service(url, key, args.rounds)
    first_paint(url, key, min(args.rounds, 5))


if __name__ == "__main__":
    main()
