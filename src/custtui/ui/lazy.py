"""What the app imports and loads when first needed rather than at start-up.

Opening a customer needs ~40 ms of imports that would otherwise come before the first rows
show, and the first form ~70 ms more to load the world's subdivisions (pycountry reads them
on first use) for its state selector. `warm_up` does both from a worker thread while the
customers load, so neither the first Enter nor the first form waits for them.
"""

from __future__ import annotations

import importlib

LATER = (
    "custtui.core.customers.profile",
    "custtui.ui.screens.customer_detail",
    "custtui.ui.screens.customer_form",
)


def warm_up() -> None:
    """Import what opening a customer or a form needs (call from a worker thread)."""
    for name in LATER:
        importlib.import_module(name)
    from custtui.core.places import DEFAULT_COUNTRY, state_choices

    state_choices(DEFAULT_COUNTRY)  # pycountry's lock keeps a concurrent first read safe
