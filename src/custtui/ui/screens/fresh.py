"""Screens that open fast: what Textual does on every push that a new screen can skip."""

from __future__ import annotations

from textual import events


class StyledOnMount:
    """Mix into a Screen (before it): its first resume doesn't restyle every widget again.

    Textual restyles the whole screen each time it resumes. A screen just pushed had each
    widget styled as it mounted, so the first pass changes nothing and only holds the first
    paint back: ~15 ms on a profile, ~70 ms on the edit form's 140 widgets. Later resumes
    (back from a dialog, after a theme change) restyle as before.
    """

    _resumed_once = False

    def on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual calls this before Screen's own handler, which reads the flag.
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False
