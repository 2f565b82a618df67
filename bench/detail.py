"""The detail screen's and the edit form's speed, measured through the running app.

Run: python bench/detail.py [--runs 7]

The store (cached in bench/.cache/) holds 2,000 demo customers and one heavy customer with
500 notes, 1,000 purchases and 200 consigned items. Each figure is p50 / max over the runs,
from the key to the first frame handed to the terminal driver after the content is in place:
- Enter on the heavy customer's list row to the detail screen (profile read, panels filled);
  target 150 ms at most;
- the key to the painted Purchases tab (1,000 rows) and History tab (2,751 events), which
  are filled only when first shown (the history is read just after the profile's paint);
- `e` on the detail screen to the edit form showing the customer's values, and Ctrl+N on the
  list to the empty new-customer form; target 100 ms at most;
- Enter on an ordinary customer (the list's first row, unfiltered) to the detail screen.
Beside each, the CPU the process spent over the same span (all threads): on a shared, loaded
machine the wall times grow with the wait for a core, the CPU figure much less.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
DB, KEY = CACHE / "detail.db", CACHE / "detail.key.json"
HEAVY = {"first_name": "Harriet", "last_name": "Heavyweather", "is_consignor": True}


def ensure_store() -> str:
    from custtui.core.customers.lookup import same_name
    from custtui.core.customers.notes import add_note
    from custtui.core.customers.service import create_customer
    from custtui.core.demo.load import load_demo
    from custtui.core.items.bulk import NewItem, add_items
    from custtui.core.runtime.config import sqlite_url
    from custtui.core.store.businesses import open_context
    from custtui.core.store.engine import Store

    CACHE.mkdir(parents=True, exist_ok=True)
    url = sqlite_url(DB)
    store = Store.open(url, KEY)
    try:
        ctx = open_context(store, None, "bench")
        if same_name(ctx, HEAVY["first_name"], HEAVY["last_name"]):  # type: ignore[arg-type]
            return url
        print(f"  building the store (cached in {CACHE})…", flush=True)
        load_demo(ctx, 2000, seed=11, add=True)
        heavy = create_customer(ctx, HEAVY)
        for i in range(500):
            add_note(ctx, heavy.number, f"Note {i}: called about the next consignment batch.")
        start = date(2020, 1, 1)
        add_items(
            ctx,
            [
                NewItem(
                    f"Purchase {i}",
                    "Watches",
                    "Sold",
                    10000 + i,
                    9000 + i,
                    start + timedelta(days=i),
                    heavy.id,
                )
                for i in range(1000)
            ]
            + [
                NewItem(
                    f"Consigned {i}",
                    "Cameras",
                    "Sold" if i % 4 == 0 else "Collection",
                    20000 + i,
                    18000 + i if i % 4 == 0 else None,
                    start + timedelta(days=i) if i % 4 == 0 else None,
                    consignor_id=heavy.id,
                    commission_bp=1500,
                )
                for i in range(200)
            ],
        )
    finally:
        store.close()
    return url


async def measure(url: str, runs: int) -> dict[str, list[float]]:
    from custtui.core.runtime.config import Settings
    from custtui.core.store.engine import Store
    from custtui.ui.app import make_app
    from custtui.ui.screens.customer_detail import CustomerDetailScreen
    from custtui.ui.screens.customer_form import CustomerForm

    settings = Settings.resolve(db=url, user="bench", key_file=KEY)
    store = Store.open(url, KEY)
    app = make_app(settings, store, poll_interval=3600)
    out: dict[str, list[float]] = {f"{name}{cpu}": [] for name in LABELS for cpu in ("", "-cpu")}
    paints: list[float] = []
    # The process's CPU time (all threads) at each paint: the figure a loaded machine
    # inflates least, since the wait for a core is left out.
    cpu_at_paint: dict[float, float] = {}
    display = app._display

    def timed_display(*args: object, **kwargs: object) -> None:
        display(*args, **kwargs)  # type: ignore[arg-type]
        at = time.perf_counter()
        paints.append(at)
        cpu_at_paint[at] = time.process_time()

    app._display = timed_display  # type: ignore[method-assign]

    shown = {"at": 0.0}
    show, fill = CustomerDetailScreen.show, CustomerDetailScreen._fill_pane

    def timed_show(self: CustomerDetailScreen, *args: object) -> None:
        show(self, *args)  # type: ignore[arg-type]
        shown["at"] = time.perf_counter()

    async def timed_fill(self: CustomerDetailScreen, pane: str) -> None:
        await fill(self, pane)
        shown["at"] = time.perf_counter()

    ready = CustomerForm._ready

    def timed_ready(self: CustomerForm) -> None:
        ready(self)
        shown["at"] = time.perf_counter()

    CustomerDetailScreen.show = timed_show  # type: ignore[method-assign]
    CustomerDetailScreen._fill_pane = timed_fill  # type: ignore[method-assign]
    CustomerForm._ready = timed_ready  # type: ignore[method-assign]

    async def until_painted(since: float) -> tuple[float, float]:
        """From `since` to the first frame painted after the content was put in place.

        (Pilot's press returns only once animations end, so paints are logged, not awaited.)
        """
        while not (since < shown["at"] < (paints[-1] if paints else 0.0)):
            await asyncio.sleep(0.0005)
        first = next(at for at in paints if at > shown["at"])
        return first - since, cpu_at_paint[first]

    async with app.run_test(size=(120, 36)) as pilot:
        while app.directory is None:
            await pilot.pause(0.05)
        await pilot.press(*"heavyweather")
        await pilot.pause(0.2)

        async def timed(key: str, figure: str) -> None:
            await pilot.pause(0.2)  # settled: what went before is not counted
            cpu = time.process_time()
            started = time.perf_counter()
            await pilot.press(key)
            wall, cpu_then = await until_painted(started)
            out[figure].append(wall)
            out[f"{figure}-cpu"].append(cpu_then - cpu)

        for _ in range(runs):
            await timed("enter", "open")
            await timed("p", "purchases")
            await timed("h", "history")
            await timed("e", "edit")
            await pilot.press("escape")  # the form, unchanged
            await pilot.pause(0.2)
            await pilot.press("escape")  # the profile
            await timed("ctrl+n", "new")
            await pilot.press("escape")
        await pilot.pause(0.2)
        await pilot.press("escape")  # the filter: the first row is an ordinary customer
        for _ in range(runs):
            await timed("enter", "light")
            screen = app.screen
            assert isinstance(screen, CustomerDetailScreen) and screen.profile is not None
            out["light-shape"] = [
                len(screen.profile.notes),
                screen.profile.purchases.count,
                screen.profile.history_count,
            ]
            await pilot.press("escape")
    store.close()
    return out


LABELS = {
    "open": "Enter to first full paint of the detail screen",
    "purchases": "p to the Purchases tab painted (1,000 rows)",
    "history": "h to the History tab painted (2,751 events)",
    "edit": "e on the detail screen to the edit form painted",
    "new": "Ctrl+N on the list to the new form painted",
    "light": "Enter to the detail screen painted",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    url = ensure_store()
    figures = asyncio.run(measure(url, args.runs))
    print("heavy customer: 500 notes, 1,000 purchases, 200 consigned items")
    notes, purchases, history = (int(n) for n in figures.pop("light-shape"))
    for name, label in LABELS.items():
        if name == "light":
            print(
                f"ordinary customer: {notes} notes, {purchases} purchases, {history} history lines"
            )
        wall, cpu = figures[name], figures[f"{name}-cpu"]
        print(
            f"  {label:<48} p50 {statistics.median(wall) * 1000:6.1f} ms  "
            f"max {max(wall) * 1000:6.1f} ms  (n={len(wall)})  "
            f"CPU p50 {statistics.median(cpu) * 1000:6.1f} ms"
        )
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
