"""The item side's speed: the items screen's keystroke, Mark as Sold's buyer search, and a
consignor's balance and ledger.

Run: python bench/items.py [--customers 100000] [--items 100000] [--rounds 3]

The store (premium, built once and cached in bench/.cache/) holds demo customers with their
purchases and consignments, the shop's own stock topped up to `--items` items, and one
consignor whose ledger has 5,000 entries (sales, adjustments and payouts). It prints:
(a) the load time of `load_item_index`, then per keystroke of typed queries (1, 2, 3+
    characters, several terms, with and without the screen's filters) what the items screen
    does: the answer with its count when at hand (`ItemIndex.known`), else the first page
    (`ItemIndex.first`), p50 / p95 / max, the first round (nothing cached) also apart; and,
    for the keys that showed a first page, the time to every match and the count after it
    (`ItemIndex.search` + the count line). Target p95 <= 16 ms.
(b) Mark as Sold's buyer search as its picker does it: the customers' `Directory` index
    `pick(query, 6)` + those rows, per keystroke, p50 / p95 / max. Target p95 <= 16 ms.
(c) that consignor's `ledger.balance` and `consignor_ledger`, median / p95. Target <= 20 ms.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
HEAVY = {"first_name": "Ledger", "last_name": "Heavyweight", "is_consignor": True}
LEDGER_ENTRIES = 5_000

# What a clerk types on the items screen: letter by letter, then a filter on the last query.
ITEM_WORDS = ["rolex", "omega speed", "i-0001", "nike dunk", "psa 10", "leica m6", "bmw", "zz"]
# Customer names, numbers and phones, as typed into the Buyer field.
BUYER_WORDS = ["smith", "maria garcia", "c-00012", "555-01", "gmail", "o'b", "zo", "john sm"]


def store_paths(customers: int, items: int) -> tuple[Path, Path]:
    name = f"items-{customers}-{items}"
    return CACHE / f"{name}.db", CACHE / f"{name}.key.json"


def ensure_store(customers: int, items: int) -> tuple[str, Path]:
    from custtui.core.customers.lookup import customer_count, same_name
    from custtui.core.customers.service import create_customer
    from custtui.core.demo.generate import generate_stock
    from custtui.core.demo.load import load_demo
    from custtui.core.items.bulk import NewItem, add_items
    from custtui.core.items.ledger import adjust, post_payout
    from custtui.core.items.listing import load_item_index
    from custtui.core.runtime.config import sqlite_url
    from custtui.core.store.businesses import open_context, set_plan
    from custtui.core.store.engine import Store

    db, key = store_paths(customers, items)
    CACHE.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(db)
    store = Store.open(url, key)
    try:
        ctx = open_context(store, None, "bench")
        if ctx.business.plan != "premium":
            set_plan(ctx, "premium")
            ctx = ctx.refreshed()
        if same_name(ctx, HEAVY["first_name"], HEAVY["last_name"]):  # type: ignore[arg-type]
            return url, key
        started = time.perf_counter()
        print(f"  building the store (cached in {CACHE})…", flush=True)
        have = customer_count(ctx)
        if have < customers:
            load_demo(ctx, customers - have, seed=7 + have, add=True)
        index, _ = load_item_index(ctx)
        missing = items - len(index) - LEDGER_ENTRIES
        if missing > 0:
            stock = generate_stock(missing, seed=99)
            add_items(
                ctx,
                [
                    NewItem(
                        s.title,
                        s.category,
                        s.status,
                        s.retail_cents,
                        s.sold_cents,
                        s.sale_date,
                        intake_date=s.intake_date,
                    )
                    for s in stock
                ],
            )
        heavy = create_customer(ctx, {**HEAVY, "consignor_code": "HEAVY"})
        # 5,000 entries: sales over ten years, a few adjustments, monthly payouts for most
        # of that time (the rest is still owed).
        first = date.today() - timedelta(days=3650)
        payouts = list(range(30, 3300, 30))
        adjustments = 40
        sales = LEDGER_ENTRIES - len(payouts) - adjustments
        add_items(
            ctx,
            [
                NewItem(
                    f"Consigned piece {i}",
                    "Watches",
                    "Sold",
                    20000 + i,
                    18000 + i,
                    first + timedelta(days=i * 3650 // sales),
                    consignor_id=heavy.id,
                    commission_bp=2500,
                )
                for i in range(sales)
            ],
        )
        for i in range(adjustments):
            adjust(ctx, heavy.id, -500 - i, f"Cleaning {i}", on=first + timedelta(days=90 * i))
        for day in payouts:
            post_payout(ctx, heavy.id, first + timedelta(days=day))
        print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        store.close()
    return url, key


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (
        f"p50 {statistics.median(ordered) * 1000:6.2f} ms  p95 {p95 * 1000:6.2f} ms  "
        f"max {ordered[-1] * 1000:6.2f} ms  (n={len(ordered)})"
    )


def typed(words: list[str]) -> list[str]:
    """Every query a typist's keys make: each word letter by letter, then deleted again."""
    queries = []
    for word in words:
        queries += [word[:n] for n in range(1, len(word) + 1)]
        queries += [word[:n] for n in range(len(word) - 1, -1, -1)]
    return queries


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def bench_items(ctx: object, rounds: int, items: int) -> None:
    from custtui.core.items.index import EVERY, ItemFilter, ItemIndex
    from custtui.core.items.listing import item_count_line, load_item_index

    started = time.perf_counter()
    index, _ = load_item_index(ctx)  # type: ignore[arg-type]
    print(f"(a) load_item_index: {len(index):,} items in {time.perf_counter() - started:.2f} s")
    if len(index) > items:
        # The demo's customers bring more items than asked: time the screen over `items`.
        index = ItemIndex(index.search("")[:items], index.today)
        print(f"    keystrokes over the newest {len(index):,} of them")
    gc.freeze()  # as the items screen does once the index is loaded
    filters = [
        EVERY,
        ItemFilter(status="Sold"),
        ItemFilter(consigned=True),
        ItemFilter(expired=True),
    ]
    buckets: dict[str, list[float]] = {"1-2 chars": [], "3+ chars": [], "filtered": []}
    cold: list[float] = []
    every_match: list[float] = []
    for round_ in range(rounds):
        for query in typed(ITEM_WORDS):
            for wanted in filters if query == "" or len(query) in (2, 4) else [EVERY]:
                # What the screen does on a key: the answer if it is at hand, else the first
                # page walked from the newest item; then (after that frame) every match
                # and the count.
                started = time.perf_counter()
                view = index.known(query, wanted)
                if view is None:
                    index.first(query, wanted, 100)[:40]
                    shown = time.perf_counter()
                    view = index.search(query, wanted)
                    view[:40]
                    item_count_line(view, index, query, wanted)
                    every_match.append(time.perf_counter() - shown)
                else:
                    view[:40]
                    item_count_line(view, index, query, wanted)
                    shown = time.perf_counter()
                took = shown - started
                if wanted.any:
                    buckets["filtered"].append(took)
                elif len(query.strip()) >= 3:
                    buckets["3+ chars"].append(took)
                else:
                    buckets["1-2 chars"].append(took)
                if round_ == 0:
                    cold.append(took)
    every = [t for values in buckets.values() for t in values]
    print(f"    keystroke to its first page, all  {percentiles(every)}")
    for name, values in buckets.items():
        print(f"      {name:<30}  {percentiles(values)}")
    print(f"      first round (cold)              {percentiles(cold)}")
    print(f"    then every match and the count    {percentiles(every_match)}")


def bench_buyers(ctx: object, rounds: int) -> None:
    from custtui.core.directory.live import Directory

    started = time.perf_counter()
    directory = Directory.load(ctx)  # type: ignore[arg-type]
    loaded = time.perf_counter() - started
    samples: dict[str, list[float]] = {"before prepare": [], "prepared": []}

    def search(query: str) -> None:
        directory.rows(directory.pick(query, 6))  # as the picker asks: six at most

    for query in typed(BUYER_WORDS):
        samples["before prepare"].append(timed(lambda q=query: search(q)))
    directory.prepare_search()
    directory.index.forget_results()
    print(
        f"(b) buyer search over {len(directory):,} customers "
        f"(Directory loaded in {loaded:.1f} s, then prepared)"
    )
    for _ in range(rounds):
        for query in typed(BUYER_WORDS):
            samples["prepared"].append(timed(lambda q=query: search(q)))
    for name, values in samples.items():
        print(f"    pick(query, 6) + rows, {name:<15} {percentiles(values)}")


def bench_ledger(ctx: object, runs: int) -> None:
    from custtui.core.customers.lookup import same_name
    from custtui.core.items.ledger import balance, consignor_ledger

    heavy = same_name(ctx, HEAVY["first_name"], HEAVY["last_name"])[0]  # type: ignore[arg-type]
    ledger = consignor_ledger(ctx, heavy.id, limit=None)  # type: ignore[arg-type]
    print(
        f"(c) a consignor with {len(ledger.entries):,} ledger entries "
        f"({len(ledger.payouts)} payouts), owed {ledger.balance_cents / 100:,.2f}"
    )
    for name, run in (
        ("ledger.balance", lambda: balance(ctx, heavy.id)),  # type: ignore[arg-type]
        ("consignor_ledger", lambda: consignor_ledger(ctx, heavy.id)),  # type: ignore[arg-type]
    ):
        run()
        print(f"    {name:<28} {percentiles([timed(run) for _ in range(runs)])}")


def main() -> None:
    from custtui.core.runtime.config import Settings
    from custtui.core.store.businesses import open_context
    from custtui.core.store.engine import Store

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    url, key = ensure_store(args.customers, args.items)
    settings = Settings.resolve(db=url, user="bench", key_file=key)
    store = Store.open(settings.database_url, key)
    try:
        ctx = open_context(store, None, "bench")
        bench_items(ctx, args.rounds, args.items)
        bench_buyers(ctx, args.rounds)
        bench_ledger(ctx, 50)
    finally:
        store.close()


if __name__ == "__main__":
    main()
