"""Every Textual internal custtui relies on, in one room.

Textual is pinned (8.2.8). Nothing else in custtui (nor in its tests) touches a Textual name
that starts with an underscore: it goes through here, and tests/ui/test_textual_compat.py
checks that each one still exists and still does what we rely on, so an upgrade that
changes one fails there, by name, instead of on a user's screen.
"""

from __future__ import annotations

from typing import Any, TypeVar

from textual.app import App
from textual.geometry import Size
from textual.notifications import Notification
from textual.scroll_view import ScrollView
from textual.widgets import Input, Select

__all__ = [
    "OneLineFatalErrorApp",
    "notifications",
    "pending_suggestion",
    "select_prompts",
    "set_scroll_range",
]

ReturnType = TypeVar("ReturnType")


class OneLineFatalErrorApp(App[ReturnType]):
    """An app whose unexpected error ends in one line of its own, not Textual's traceback.

    Textual prints a traceback with locals on exit; a shop owner gets `fatal_message`, and
    the traceback goes wherever that method puts it. `_fatal_error` is the hook Textual calls
    for an unhandled exception (`_handle_exception`), `_exception` the error it keeps,
    `_exit_renderables` what it prints on exit, and `_close_messages_no_wait` how it exits.
    """

    def fatal_message(self, error: BaseException | None) -> str:
        """The line printed on exit (called while the error is being handled)."""
        return f"Unexpected error: {type(error).__name__}"

    def _fatal_error(self) -> None:
        message = self.fatal_message(self._exception)
        self.bell()
        self._exit_renderables.append(message)
        self._close_messages_no_wait()


def set_scroll_range(view: ScrollView, size: Size) -> None:
    """Let `view` scroll over `size` without laying out the screen again.

    Setting `virtual_size` asks for a layout of the whole screen (~10 ms a keystroke on the
    list). When the view's scrollbars are always shown, only the scroll range changes;
    `_scroll_update` is what Textual itself calls to update it.
    """
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        view._scroll_update(size)


def pending_suggestion(box: Input) -> str:
    """The completion an Input shows after its cursor ('' when there is none)."""
    return box._suggestion


def notifications(app: App[Any]) -> list[Notification]:
    """The notifications shown and not yet expired.

    Textual 8.2.8 has no public reader; tests run without drawing toasts, so this is where
    they read what the user was told.
    """
    return list(app._notifications)


def select_prompts(select: Select[Any]) -> list[str]:
    """The prompts a Select offers, in order (the blank one left out)."""
    return [str(prompt) for prompt, value in select._options if value is not Select.NULL]
