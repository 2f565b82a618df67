"""The list screen's speed, measured through the running app.

Run: python bench/search.py [--sizes 10000,100000,1000000] [--no-fzf]

For each store size (demo data, built once and cached in bench/.cache/) it prints:
- keystroke latency: Pilot presses typing and deleting several words (three rounds), as
  p50 / p95 / max, split by term length: for 3+ characters the time from the key until the
  list and the exact count are both shown (also for the first round alone, before anything
  is cached); for 1-2 characters the time to the first page, and apart, to the exact count
  when it comes after the first page;
- the longest event-loop stall seen while typing, and the typing process's RSS before and
  after (each size types in a fresh process);
- the same words typed once as soon as the list can be filtered, while the common terms' row
  sets are still being built (when that takes long enough to type into);
- process start to first rows painted, to every customer filterable, and to the common
  terms' row sets ready (a fresh process, headless), and its RSS;
- `fzf --filter TERM --exact` over the same customers as text lines, and our ratio to it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
WORDS = ["smith", "555-1", "gmail", "zo", "a", "john sm", "maria garcia", "415"]


def store_paths(size: int) -> tuple[Path, Path]:
    return CACHE / f"search-{size}.db", CACHE / f"search-{size}.key.json"


def ensure_store(size: int) -> tuple[str, Path]:
    from custtui.core.customers.lookup import customer_count
    from custtui.core.demo.load import load_demo
    from custtui.core.runtime.config import sqlite_url
    from custtui.core.store.businesses import open_context
    from custtui.core.store.engine import Store

    db, key = store_paths(size)
    CACHE.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(db)
    store = Store.open(url, key)
    try:
        ctx = open_context(store, None, "bench")
        have = customer_count(ctx)
        if have < size:
            started = time.perf_counter()
            print(f"  building a {size:,}-customer demo store (cached in {CACHE})…", flush=True)
            load_demo(ctx, size - have, seed=7 + have, add=True)
            print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        store.close()
    return url, key


def percentiles(values: list[float]) -> str:
    if not values:
        return "n/a"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (
        f"p50 {statistics.median(ordered) * 1000:6.1f} ms  p95 {p95 * 1000:6.1f} ms  "
        f"max {ordered[-1] * 1000:6.1f} ms  (n={len(ordered)})"
    )


async def measure_typing(url: str, key: Path) -> dict[str, object]:
    """Keys go in as a terminal would send them; timestamps come from wrapping two calls.

    `updated`: the key until the list and count hold the new result (CustomerTable.show
    returned). `painted`: until the frame with it was handed to the terminal driver; this
    includes Textual's frame throttle (it paints at most every 1/TEXTUAL_FPS s).
    """
    from textual import events

    from custtui.core.runtime.config import Settings
    from custtui.core.store.engine import Store
    from custtui.ui.app import make_app
    from custtui.ui.widgets.customer_table import CustomerTable

    settings = Settings.resolve(db=url, user="bench", key_file=key)
    store = Store.open(url, key)
    app = make_app(settings, store, poll_interval=3600)
    samples: dict[str, list[float]] = {
        "short": [],
        "long": [],
        "short_paint": [],
        "long_paint": [],
        "exact_count": [],
        "long_split": [],
        "long_cold": [],
        "during_short": [],
        "during_long": [],
    }
    stall = 0.0
    async with app.run_test(size=(130, 40)) as pilot:
        table = app.screen.query_one(CustomerTable)
        while app.directory is None:  # typing is measured once filtering is possible
            await pilot.pause(0.05)
        await pilot.pause()
        marks = {"shown": 0.0, "painted": 0.0}
        show, display = table.show, app._display

        def timed_show(*args: object, **kwargs: object) -> None:
            show(*args, **kwargs)  # type: ignore[arg-type]
            marks["shown"] = time.perf_counter()

        def timed_display(*args: object, **kwargs: object) -> None:
            display(*args, **kwargs)  # type: ignore[arg-type]
            marks["painted"] = time.perf_counter()

        count_label = app.screen.query_one("#count")
        table.show = timed_show  # type: ignore[method-assign]
        app._display = timed_display  # type: ignore[method-assign]
        running = True

        async def watch_loop() -> None:
            nonlocal stall
            last = time.perf_counter()
            while running:
                await asyncio.sleep(0.001)
                now = time.perf_counter()
                stall = max(stall, now - last)
                last = now

        cold = [True]  # the first round: nothing typed before, nothing cached

        async def press(key_name: str, char: str | None, bucket: str | None) -> None:
            started = time.perf_counter()
            app._driver.send_message(events.Key(key_name, char))  # type: ignore[union-attr]
            while marks["shown"] < started:
                await asyncio.sleep(0)
            shown = marks["shown"]
            while marks["painted"] < shown:
                await asyncio.sleep(0)
            painted = marks["painted"]
            # A search with much to test on a big store shows its first page, then counts.
            while str(count_label.content).startswith("counting"):
                await asyncio.sleep(0)
            split = shown != marks["shown"]
            if during[0]:
                # While the common terms' row sets are still being built.
                samples[f"during_{bucket}"].append(
                    (shown if bucket == "short" else marks["shown"]) - started
                )
            elif bucket == "short":
                # 1-2 characters: the targets are the first page and the exact count.
                samples["short"].append(shown - started)
                samples["short_paint"].append(painted - started)
                if split:
                    samples["exact_count"].append(marks["shown"] - started)
            elif bucket == "long":
                # 3+ characters: the list and the count are only updated once both are exact.
                samples["long"].append(marks["shown"] - started)
                samples["long_paint"].append(painted - started)
                samples["long_split"].append(float(split))
                if cold[0]:
                    samples["long_cold"].append(marks["shown"] - started)
            await asyncio.sleep(0.03)  # a fast typist: ~30 keys a second

        async def type_words() -> None:
            for word in WORDS:
                typed = ""
                for char in word:
                    typed += char
                    bucket = "long" if len(typed.strip()) >= 3 else "short"
                    if char == " ":
                        await press("space", " ", bucket)
                    else:
                        await press(char, char, bucket)
                for i in range(len(word)):
                    remaining = word[: len(word) - i - 1].strip()
                    bucket = "long" if len(remaining) >= 3 else "short"
                    await press("backspace", None, bucket)

        watcher = asyncio.create_task(watch_loop())
        during = [not app.directory.search_prepared]
        if during[0]:
            await type_words()  # one round as soon as the list can be filtered
        stall_during, stall = stall, 0.0
        during[0] = False
        while not app.directory.search_prepared:
            await pilot.pause(0.05)
        app.directory.index.forget_results()  # the first round below starts from nothing typed
        await pilot.pause()
        rss_before = rss_mib()
        stall = 0.0
        for round_ in range(3):
            cold[0] = round_ == 0
            await type_words()
        running = False
        await watcher
    store.close()
    return {
        **samples,
        "stall": stall,
        "stall_during": stall_during,
        "rss": rss_before,
        "rss_after": rss_mib(),
    }


def rss_mib() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmRSS:"))


FIRST_PAINT = r"""
import asyncio, os, sys, time
def started_at():
    # Process start from /proc: includes interpreter start-up and every import.
    ticks = os.sysconf("SC_CLK_TCK")
    with open("/proc/self/stat") as f:
        start = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return time.time() - (uptime - start / ticks)
T0 = started_at()
from custtui.core.runtime.config import Settings
from custtui.core.store.engine import Store
from custtui.ui.app import make_app
from custtui.ui.widgets.customer_table import CustomerTable
url, key = sys.argv[1], sys.argv[2]
settings = Settings.resolve(db=url, user="bench", key_file=key)
async def main():
    app = make_app(settings, Store.open(url, key), poll_interval=3600)
    frames = []
    display = app._display
    def timed_display(*args, **kwargs):
        display(*args, **kwargs)
        frames.append(time.time())
    app._display = timed_display
    async with app.run_test(size=(130, 40)) as pilot:
        tables = app.screen.query(CustomerTable)
        while not tables or not tables.first().row_count:
            await asyncio.sleep(0.001)
            tables = app.screen.query(CustomerTable)
        rows_at = time.time()
        while not frames or frames[-1] < rows_at:
            await asyncio.sleep(0.001)
        painted = frames[-1] - T0
        while app.directory is None:
            await asyncio.sleep(0.01)
        loaded = time.time() - T0
        await pilot.pause()
        rss_loaded = rss()
        while not app.directory.search_prepared:
            await asyncio.sleep(0.01)
        prepared = time.time() - T0
        await pilot.pause()
        hwm = 0
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"): hwm = int(line.split()[1]) // 1024
        print(f"{painted:.3f} {loaded:.3f} {prepared:.3f} {rss_loaded} {rss()} {hwm}")
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"): return int(line.split()[1]) // 1024
asyncio.run(main())
"""


def first_paint(url: str, key: Path) -> tuple[float, float, float, int, int, int]:
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", FIRST_PAINT, url, str(key)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        runs.append((*map(float, out[:3]), *map(int, out[3:])))  # type: ignore[arg-type]
    return min(runs)  # the best of three: start-up noise only adds


def fzf_compare(url: str, key: Path, ours: dict[str, float]) -> list[str]:
    fzf = shutil.which("fzf")
    if fzf is None:
        return ["fzf not installed (apt-get install fzf): comparison skipped"]
    from custtui.core.directory.live import Directory
    from custtui.core.store.businesses import open_context
    from custtui.core.store.engine import Store

    store = Store.open(url, key)
    directory = Directory.load(open_context(store, None, "bench"))
    directory.prepare_search()
    store.close()
    lines = []
    for cid in directory.search(""):
        row = directory.row(cid)
        assert row is not None
        lines.append(" ".join((row.name, row.email, row.phone, row.mobile_phone, row.company)))
    out: list[str] = []
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(lines))
        path = handle.name
    try:
        for term in ("smith", "gmail", "zo", "a", "555"):
            best = float("inf")
            for _ in range(3):
                started = time.perf_counter()
                with open(path, "rb") as source:
                    subprocess.run(
                        [fzf, "--filter", term, "--exact"],
                        stdin=source,
                        stdout=subprocess.DEVNULL,
                        check=False,
                    )
                best = min(best, time.perf_counter() - started)
            started = time.perf_counter()
            directory.index.forget_results()  # a cold search, as fzf's is
            ids = directory.search(term)
            cold = time.perf_counter() - started
            out.append(
                f"  {term!r:8} fzf {best * 1000:7.1f} ms   custtui index (cold) "
                f"{cold * 1000:7.1f} ms   ratio {cold / best:5.2f}  ({len(ids):,} matches)"
            )
    finally:
        os.unlink(path)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--no-fzf", action="store_true")
    parser.add_argument("--typing", nargs=2, metavar=("URL", "KEY"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.typing:
        print(json.dumps(asyncio.run(measure_typing(args.typing[0], Path(args.typing[1])))))
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        print(f"\n== {size:,} customers ==", flush=True)
        url, key = ensure_store(size)
        painted, loaded, prepared, rss, rss_prepared, hwm = first_paint(url, key)
        print(f"process start to first rows painted: {painted:.2f} s (best of 3)")
        print(f"process start to every customer filterable: {loaded:.2f} s")
        print(f"process start to common terms' row sets ready: {prepared:.2f} s")
        print(
            f"RSS with every customer loaded: {rss} MiB, {rss_prepared} MiB with the row sets "
            f"(peak {hwm} MiB)"
        )
        # A fresh process per size: what earlier sizes left on the heap skews neither the
        # timings nor the memory.
        typing = subprocess.run(
            [sys.executable, __file__, "--typing", url, str(key)],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(typing.stdout.splitlines()[-1])
        splits = int(sum(result["long_split"]))  # type: ignore[call-overload]
        print(
            f"key to list+count exact, terms of 3+ characters: {percentiles(result['long'])}"  # type: ignore[arg-type]
            f"  [{splits} counted after a first page]"
        )
        print(
            f"  of which the first round (the same words come back twice more): "
            f"{percentiles(result['long_cold'])}"  # type: ignore[arg-type]
        )
        print(
            f"key to first frame painted, terms of 3+ characters: "
            f"{percentiles(result['long_paint'])}"  # type: ignore[arg-type]
        )
        print(
            f"key to list updated, terms of 1-2 characters: {percentiles(result['short'])}"  # type: ignore[arg-type]
        )
        print(
            f"key to first frame painted, terms of 1-2 characters: "
            f"{percentiles(result['short_paint'])}"  # type: ignore[arg-type]
        )
        if result["exact_count"]:
            print(
                f"key to exact count, 1-2 characters counted after a first page: "
                f"{percentiles(result['exact_count'])}"  # type: ignore[arg-type]
            )
        print(f"longest event-loop stall while typing: {result['stall'] * 1000:.1f} ms")  # type: ignore[operator]
        if result["during_long"]:
            print(
                "typed once while the row sets were still being built (right after loading):\n"
                f"  terms of 3+ characters, key to list+count exact: "
                f"{percentiles(result['during_long'])}\n"  # type: ignore[arg-type]
                f"  terms of 1-2 characters, key to list updated:    "
                f"{percentiles(result['during_short'])}\n"  # type: ignore[arg-type]
                f"  longest event-loop stall: {result['stall_during'] * 1000:.1f} ms"  # type: ignore[operator]
            )
        print(
            f"RSS of the typing run: {result['rss']} MiB loaded, "
            f"{result['rss_after']} MiB after typing (recent results cached)"
        )
        if not args.no_fzf and size == max(sizes):
            print(f"fzf --filter TERM --exact over the same {size:,} customers:")
            for line in fzf_compare(url, key, {}):
                print(line)


if __name__ == "__main__":
    main()
