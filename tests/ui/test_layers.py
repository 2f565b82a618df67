"""The UI's own direction: widgets know nothing of the screens and the app that hold them.

A widget speaks up by message; the screen or app that owns the data answers. A widget that
imports a screen (to cast `self.screen`, say) is tied to that screen forever.
"""

from __future__ import annotations

import ast
from pathlib import Path

import custtui.ui

UI = Path(custtui.ui.__file__).parent
ABOVE_WIDGETS = ("custtui.ui.screens", "custtui.ui.app", "custtui.ui.launch")


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_widgets_import_no_screen_nor_the_app() -> None:
    widgets = sorted((UI / "widgets").rglob("*.py"))
    assert widgets
    reaching = {
        str(path.relative_to(UI)): sorted(
            name for name in imported(path) if name.startswith(ABOVE_WIDGETS)
        )
        for path in widgets
    }
    assert {path: names for path, names in reaching.items() if names} == {}


def test_no_ui_module_holds_several_jobs() -> None:
    """About 400 lines is where a module starts holding a second job: split it by concern."""
    long = {
        str(path.relative_to(UI)): lines
        for path in UI.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
