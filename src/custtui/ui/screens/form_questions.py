"""What the edit form asks before it saves: a customer of the same name, or someone else's save."""

from __future__ import annotations

from enum import Enum, auto

from custtui.core.customers.record import CustomerRecord
from custtui.core.errors import ConflictError
from custtui.ui.formatting import local_time
from custtui.ui.screens.ask import Answer, AskScreen


class Duplicate(Enum):
    OPEN = auto()  # open the customer who is already there
    SAVE = auto()  # save the new one anyway
    BACK = auto()


class Conflict(Enum):
    RELOAD = auto()  # show their values, with the user's edits beside them
    OVERWRITE = auto()  # save the form over theirs
    BACK = auto()


def ask_duplicate(name: str, matches: list[CustomerRecord]) -> AskScreen[Duplicate]:
    lines = [
        f"{m.label}  {m.name}" + "".join(f"  · {p}" for p in (m.company, m.email) if p)
        for m in matches
    ]
    noun = "customer" if len(matches) == 1 else "customers"
    return AskScreen(
        f"There is already a {noun} called {name}",
        "\n".join(lines),
        [
            Answer("o", "Open existing", Duplicate.OPEN, "primary"),
            Answer("s", "Save anyway", Duplicate.SAVE),
            Answer("b", "Back to the form", Duplicate.BACK),
        ],
        focus=Duplicate.OPEN,
    )


def ask_conflict(error: ConflictError) -> AskScreen[Conflict]:
    when = local_time(error.updated_at)
    return AskScreen(
        "Someone else saved this customer",
        f"{error.updated_by} saved {error.number} at {when}, after you opened it. "
        "Reload shows their values with your edits beside them; Overwrite saves "
        "your form over theirs.",
        [
            Answer("r", "Reload", Conflict.RELOAD, "primary"),
            Answer("o", "Overwrite", Conflict.OVERWRITE, "warning"),
            Answer("c", "Keep editing", Conflict.BACK),
        ],
        focus=Conflict.RELOAD,
    )
