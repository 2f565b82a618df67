"""What the app imports when first needed rather than at start-up.

Opening a customer needs ~40 ms of imports that would otherwise come before the first rows
show; `warm_up` brings them in from a worker thread while the customers load, so the first
Enter doesn't wait for them either.
"""

from __future__ import annotations

import importlib

LATER = (
    "custtui.core.customers.profile",
    "custtui.ui.screens.customer_detail",
    "custtui.ui.screens.customer_form",
)


def warm_up() -> None:
    """Import what opening a customer needs (call from a worker thread)."""
    for name in LATER:
        importlib.import_module(name)
