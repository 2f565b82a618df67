"""Python's cycle collector runs between keys, not in the middle of one.

Left automatic, a full collection lands whenever allocations cross a threshold, which is
often mid-keystroke: opening a profile or a form took 120–150 ms at the median and up to
300 ms when one landed (bench/detail.py). Collected while the clerk pauses instead, the
same opens take 60–115 ms with a worst case near the median.
"""

from __future__ import annotations

import gc
import time

# A pause this long after a key or click is when a collection goes unnoticed.
IDLE = 0.5
# Tracked allocations that force a collection even with no pause (a long import in a
# worker, someone holding a key down): memory stays bounded.
MOST = 200_000


class QuietCollector:
    """Disables automatic collection while the app runs; `tick` collects at the right time."""

    def __init__(self) -> None:
        self.last_input = time.monotonic()
        self.was_enabled = gc.isenabled()
        # Once per pause: a timer's few allocations must not bring a full collection back
        # every tick while the app sits idle.
        self.collected = False

    def start(self) -> None:
        gc.disable()

    def touched(self) -> None:
        """A key or click arrived: no collection until the next pause."""
        self.last_input = time.monotonic()
        self.collected = False

    def tick(self) -> None:
        young = gc.get_count()[0]
        paused = time.monotonic() - self.last_input >= IDLE
        if young > MOST or (paused and not self.collected):
            gc.collect()
            self.collected = paused

    def stop(self) -> None:
        if self.was_enabled:
            gc.enable()
