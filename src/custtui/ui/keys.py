"""The app's keys a footer must keep in view however narrow the terminal is.

The footer lists the focused widget's keys, then the screen's, then the app's, and cuts what
doesn't fit: at 70 columns the app's Quit and Help fell off the end. A screen with many keys
puts these first in its own bindings (`app.` actions, so they still run the app's).
"""

from __future__ import annotations

from textual.binding import Binding

QUIT = Binding("ctrl+q", "app.quit", "Quit", tooltip="Leave custtui", id="quit", priority=True)
HELP = Binding("f1", "app.help", "Help", tooltip="Keys of this screen", id="help")
FIRST_KEYS = (HELP, QUIT)
