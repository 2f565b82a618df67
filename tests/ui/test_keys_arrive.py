"""Every key custtui binds or names in a hint arrives in a plain terminal (SSH, tmux).

Over SSH and tmux, Ctrl+Enter arrives as Enter and Shift+Ctrl+letter as Ctrl+letter: a hint
naming such a key sends the clerk to a key that does something else.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

from textual.binding import Binding

import custtui.ui

# Chords a plain terminal can't tell from another key.
LOST = re.compile(r"(ctrl\+shift\+[a-z]\b|shift\+ctrl\+[a-z]\b|ctrl\+(enter|tab|return)\b)", re.I)


def _ui_classes() -> list[type]:
    found: list[type] = []
    for info in pkgutil.walk_packages(custtui.ui.__path__, "custtui.ui."):
        module = importlib.import_module(info.name)
        found += [
            c for _, c in inspect.getmembers(module, inspect.isclass) if c.__module__ == info.name
        ]
    return found


def test_no_binding_or_hint_names_a_key_a_terminal_does_not_send() -> None:
    named: list[tuple[str, str]] = []
    for cls in _ui_classes():
        for binding in vars(cls).get("BINDINGS", ()):
            if isinstance(binding, Binding):
                # The footer and F1 show a binding's first key; more may follow for terminals
                # that do send them.
                named.append((cls.__name__, binding.key.split(",")[0]))
        for key, text in vars(cls).get("help_keys", ()):
            named.append((cls.__name__, f"{key} {text}"))
    assert len(named) > 40
    assert [n for n in named if LOST.search(n[1])] == []
