"""`custtui` without a sub-command: open the store (filling the demo one), then run the app."""

from __future__ import annotations

import sys

from custtui.core.demo.load import DEMO_CUSTOMERS, ensure_demo
from custtui.core.errors import CusttuiError
from custtui.core.runtime.config import Settings
from custtui.core.store.businesses import open_context
from custtui.core.store.engine import Store


def open_for_tui(settings: Settings, *, demo: bool) -> tuple[Store | None, CusttuiError | None]:
    """The store to run on, or the reason there is none (shown by the app, not a traceback)."""
    try:
        store = Store.open(settings.database_url, settings.key_file)
    except CusttuiError as exc:
        return None, exc
    if demo:
        try:
            ctx = open_context(store, settings.business, settings.user)
            print(
                f"Preparing the demo database ({DEMO_CUSTOMERS:,} customers on first use)…",
                file=sys.stderr,
                flush=True,
            )
            ensure_demo(ctx, DEMO_CUSTOMERS)
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
