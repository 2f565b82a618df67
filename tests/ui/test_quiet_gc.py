"""The app collects garbage while the clerk pauses, never letting it pile up."""

from __future__ import annotations

import gc
import weakref

from custtui.ui.app import CusttuiApp
from custtui.ui.quiet_gc import QuietCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


async def test_a_pause_collects_the_cycles_a_screen_left_and_leaving_restores_the_collector() -> (
    None
):
    was_enabled = gc.isenabled()
    app = CusttuiApp(None)
    async with app.run_test() as pilot:
        assert not gc.isenabled()  # no automatic collection mid-keystroke
        garbage = Cycle()
        gone = weakref.ref(garbage)
        del garbage
        await pilot.press("tab")
        assert gone() is not None  # not collected while keys arrive
        for _ in range(40):
            await pilot.pause(0.1)
            if gone() is None:
                break
        assert gone() is None
    assert gc.isenabled() == was_enabled


def test_a_flood_of_allocations_is_collected_without_a_pause() -> None:
    collector = QuietCollector()
    collector.start()
    try:
        collector.touched()
        garbage = [Cycle() for _ in range(250_000)]
        gone = weakref.ref(garbage[0])
        del garbage
        collector.tick()
        assert gone() is None
    finally:
        collector.stop()


def test_an_idle_app_collects_once_per_pause_not_on_every_tick() -> None:
    collector = QuietCollector()
    collector.start()
    try:
        collector.last_input -= 1.0  # a pause longer than IDLE
        collector.tick()
        garbage = Cycle()
        gone = weakref.ref(garbage)
        del garbage
        collector.tick()
        assert gone() is not None  # the pause was collected once already
        collector.touched()
        collector.last_input -= 1.0
        collector.tick()
        assert gone() is None
    finally:
        collector.stop()
