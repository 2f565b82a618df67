"""Customers created per second through the service layer (validation + encryption + audit).

Run: python bench/store.py [--customers N] [--batch B] [--db URL]
Prints the rate for batched creates (the import / demo-data path) and for one-at-a-time
creates (the form / `custtui add` path, one transaction each) on a fresh SQLite file.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from itertools import islice
from pathlib import Path

from custtui.core.customers.service import create_customer, create_customers
from custtui.core.demo.generate import generate_customers
from custtui.core.runtime.config import sqlite_url
from custtui.core.store.businesses import open_context
from custtui.core.store.engine import Store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument(
        "--single", type=int, default=2_000, help="how many one-at-a-time creates to time"
    )
    parser.add_argument("--batch", type=int, default=2_000)
    parser.add_argument("--db", help="database URL (default: a fresh SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or sqlite_url(Path(tmp) / "bench.db")
        store = Store.open(url, Path(tmp) / "key.json")
        ctx = open_context(store, None, "bench")
        rows = [c.fields for c in generate_customers(args.customers + args.single, seed=42)]
        with_dob = sum(1 for r in rows if r.get("date_of_birth") or r.get("driver_license"))

        stream = iter(rows[: args.customers])
        started = time.perf_counter()
        while batch := list(islice(stream, args.batch)):
            create_customers(ctx, batch)
        batched = time.perf_counter() - started

        started = time.perf_counter()
        for row in rows[args.customers :]:
            create_customer(ctx, row)
        single = time.perf_counter() - started
        store.close()

    print(f"database: {url.split('///')[0]} ({'fresh file' if not args.db else args.db})")
    print(f"customers with an encrypted field: {with_dob / len(rows):.0%}")
    print(
        f"batched creates ({args.batch} per transaction): {args.customers:,} customers in "
        f"{batched:.2f} s = {args.customers / batched:,.0f} customers/s"
    )
    print(
        f"single creates (one transaction each): {args.single:,} customers in {single:.2f} s "
        f"= {args.single / single:,.0f} customers/s"
    )


if __name__ == "__main__":
    main()
