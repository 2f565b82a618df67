"""`custtui` without a sub-command: open the store (filling the demo one), then run the app."""

from __future__ import annotations

import sys

from custtui.core.businesses import open_context
from custtui.core.config import Settings
from custtui.core.customers import customer_count
from custtui.core.demo import load_demo
from custtui.core.errors import CusttuiError
from custtui.core.store import Store

DEMO_CUSTOMERS = 2_000


def open_for_tui(settings: Settings, *, demo: bool) -> tuple[Store | None, CusttuiError | None]:
    try:
        store = Store.open(settings.database_url, settings.key_file)
    except CusttuiError as exc:
        return None, exc
    if demo:
        try:
            ctx = open_context(store, settings.business, settings.user)
            if customer_count(ctx) == 0:
                print(
                    f"Preparing the demo database ({DEMO_CUSTOMERS:,} customers)…",
                    file=sys.stderr,
                    flush=True,
                )
                load_demo(ctx, DEMO_CUSTOMERS, seed=1)
        except CusttuiError as exc:
            store.close()
            return None, exc
    return store, None


def run_tui(settings: Settings, *, demo: bool = False) -> int:
    from custtui.ui.app import make_app

    store, failure = open_for_tui(settings, demo=demo)
    app = make_app(settings, store, failure=failure)
    try:
        app.run()
    finally:
        if store is not None:
            store.close()
    return 1 if failure else (app.return_code or 0)
