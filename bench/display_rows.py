"""What the list's display rows cost at scale: memory held, time to load, time to draw a page.

Run alone: `python bench/display_rows.py [--db PATH --key PATH] [--runs N]` (default: the
1,000,000-customer demo store in bench/.cache/, as bench/search.py builds it). Every run loads
a Directory in a fresh process of its own, so its RSS is that load's alone, and prints:
- the bytes DisplayRows holds once loaded (its containers walked, nothing shared counted);
- RSS of the process before and after `Directory.load`, and the load's wall time;
- `Directory.rows(ids)` for 40 ids, as p50 / p95 / max: random ids (the list sorted by
  anything but id), 40 consecutive ids ascending, and a page at a random place in each sort
  order; the very first call after the load is shown apart.
Prints figures only; no assertions. The store is only read.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PAGE = 40
CALLS = 2000


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))


def held_bytes(obj: object, seen: set[int] | None = None) -> int:
    """Bytes of `obj` and of every container, string and buffer it holds, each counted once."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    size = sys.getsizeof(obj)
    if isinstance(obj, str | bytes | bytearray | array | int | float | bool | type(None)):
        return size
    if isinstance(obj, dict):
        return size + sum(held_bytes(k, seen) + held_bytes(v, seen) for k, v in obj.items())
    if isinstance(obj, list | tuple | set | frozenset):
        return size + sum(held_bytes(item, seen) for item in obj)
    if isinstance(obj, memoryview):
        return size + held_bytes(obj.obj, seen)
    parts: Iterable[object] = ()
    if hasattr(obj, "__dict__"):
        parts = vars(obj).values()
    slots = [s for c in type(obj).__mro__ for s in getattr(c, "__slots__", ())]
    parts = [*parts, *(getattr(obj, s) for s in slots if hasattr(obj, s))]
    return size + sum(held_bytes(p, seen) for p in parts)


def timed(call: Callable[[], object]) -> float:
    started = time.perf_counter_ns()
    call()
    return (time.perf_counter_ns() - started) / 1e6


def child(db: Path, key: Path, seed: int, tuning: dict[str, int]) -> dict[str, object]:
    from custtui.core.directory.display_rows import RowsTuning
    from custtui.core.directory.live import Directory
    from custtui.core.runtime.config import sqlite_url
    from custtui.core.store.businesses import open_context
    from custtui.core.store.engine import Store

    store = Store.open(sqlite_url(db), key)
    ctx = open_context(store, None, "bench")
    gc.collect()
    rss_before = rss_mib()
    started = time.perf_counter()
    directory = Directory.load(ctx, rows_tuning=RowsTuning(**tuning))
    load_s = time.perf_counter() - started
    rss_after = rss_mib()
    rows = directory._rows
    held = held_bytes(rows)

    rnd = random.Random(seed)
    by_id = sorted(directory.search("", sort="number"))  # ids ascending
    first = rnd.sample(by_id, PAGE)
    first_ms = timed(lambda: directory.rows(first))
    loaded = sum(1 for r in directory.rows(first) if r is not None)

    picks = [rnd.sample(by_id, PAGE) for _ in range(CALLS)]
    random_ms = [timed(lambda ids=ids: directory.rows(ids)) for ids in picks]
    starts = [rnd.randrange(len(by_id) - PAGE) for _ in range(CALLS)]
    consecutive_ms = [timed(lambda s=s: directory.rows(by_id[s : s + PAGE])) for s in starts]
    pages: dict[str, list[float]] = {}
    for sort in ("last_name", "first_name", "company", "number"):
        view = directory.search("", sort=sort)  # type: ignore[arg-type]
        at = [rnd.randrange(len(view) - PAGE) for _ in range(CALLS // 4)]
        pages[sort] = [timed(lambda a=a, v=view: directory.rows(v[a : a + PAGE])) for a in at]
    again = []
    for ids in picks[:200]:  # scrolling back to a page just drawn
        directory.rows(ids)
        again.append(timed(lambda ids=ids: directory.rows(ids)))
    store.close()
    return {
        "customers": len(directory),
        "held": held,
        "rss_before": rss_before,
        "rss_after": rss_after,
        "load_s": load_s,
        "first_ms": first_ms,
        "first_found": loaded,
        "random_ms": random_ms,
        "consecutive_ms": consecutive_ms,
        "pages": pages,
        "again_ms": again,
    }


def spread(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95)]
    return f"p50 {statistics.median(ordered):.3f} / p95 {p95:.3f} / max {ordered[-1]:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=CACHE / "search-1000000.db")
    parser.add_argument("--key", type=Path, default=CACHE / "search-1000000.key.json")
    parser.add_argument("--runs", type=int, default=3, help="loads, each in a fresh process")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--block", type=int, help="ids per block (RowsTuning.block)")
    parser.add_argument("--level", type=int, help="zlib level (RowsTuning.level)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    tuning = {
        name: value
        for name, value in (("block", args.block), ("level", args.level))
        if value is not None
    }
    if args.child:
        print(json.dumps(child(args.db, args.key, args.seed, tuning)))
        return
    if not args.db.exists():
        sys.exit(f"No store at {args.db}: build it with bench/search.py, or pass --db/--key.")

    if tuning:
        print(f"DisplayRows tuned: {tuning}")
    print(f"store {args.db}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results = []
    for run in range(args.runs):
        out = subprocess.run(
            [sys.executable, __file__, "--child", "--db", str(args.db), "--key", str(args.key),
             "--seed", str(args.seed + run),
             *(f"--{name.lower()}={value}" for name, value in tuning.items())],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        m = json.loads(out.splitlines()[-1])
        results.append(m)
        print(
            f"run {run + 1}: {m['customers']:,} customers loaded in {m['load_s']:.2f} s; "
            f"DisplayRows holds {m['held'] / 1e6:.1f} MB; "
            f"RSS {m['rss_before']:.0f} -> {m['rss_after']:.0f} MiB; "
            f"first rows() after load {m['first_ms']:.3f} ms ({m['first_found']} rows)",
            flush=True,
        )
    loads = [m["load_s"] for m in results]
    print(f"load: median {statistics.median(loads):.2f} s, min {min(loads):.2f} s")
    print(f"rows() of {PAGE} ids, {CALLS:,} calls a kind, all runs pooled:")
    pooled = {
        "random ids": [x for m in results for x in m["random_ms"]],
        "consecutive ids ascending": [x for m in results for x in m["consecutive_ms"]],
        **{
            f"a page sorted by {sort}": [x for m in results for x in m["pages"][sort]]
            for sort in results[0]["pages"]
        },
        "the same 40 random ids again": [x for m in results for x in m["again_ms"]],
    }
    for kind, samples in pooled.items():
        print(f"  {kind:<28} {spread(samples)}")
    print(f"  first call after each load  max {max(m['first_ms'] for m in results):.3f} ms")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
