"""The list's filter box."""

from __future__ import annotations

from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Input


class FilterInput(Input):
    """An Input whose typing never re-lays-out the screen.

    Textual's Input grows its virtual width with every character, and `virtual_size` asks
    for a full layout by default: ~10 ms a keystroke on the list screen. The box has a fixed
    size, so its scroll range can change without one.
    """

    virtual_size = Reactive(Size(0, 0), layout=False)
