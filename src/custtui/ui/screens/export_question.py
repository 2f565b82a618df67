"""Export with a filter on: the customers the list shows, or all of them?"""

from __future__ import annotations

from enum import Enum

from custtui.ui.screens.ask import Answer, AskScreen


class ExportChoice(Enum):
    SHOWN = "shown"
    ALL = "all"


def export_question(shown: int, total: int) -> AskScreen[ExportChoice]:
    """Shown has the focus: a filter is on because those are the customers wanted."""
    return AskScreen(
        "Export customers",
        f"A filter is on: export the {shown:,} shown, or all {total:,} customers?",
        [
            Answer("s", f"The {shown:,} shown", ExportChoice.SHOWN, "primary"),
            Answer("a", f"All {total:,}", ExportChoice.ALL),
        ],
        focus=ExportChoice.SHOWN,
    )
