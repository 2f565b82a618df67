"""Keys several screens share, and the app's keys a footer must keep in view however narrow.

The footer lists the focused widget's keys, then the screen's, then the app's, and cuts what
doesn't fit: at 70 columns the app's Quit and Help fell off the end. A screen with many keys
puts these first in its own bindings (`app.` actions, so they still run the app's).
"""

from __future__ import annotations

from textual.binding import Binding

QUIT = Binding("ctrl+q", "app.quit", "Quit", tooltip="Leave custtui", id="quit", priority=True)
HELP = Binding("f1", "app.help", "Help", tooltip="Keys of this screen", id="help")
FIRST_KEYS = (HELP, QUIT)
# Every screen with a filter box: one key back to it from the list (its action focuses it).
FOCUS_FILTER = Binding(
    "ctrl+f",
    "focus_filter",
    "Filter",
    show=False,
    tooltip="Back to the filter box",
    id="filter-focus",
)
