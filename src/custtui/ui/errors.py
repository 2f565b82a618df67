"""How a failure reads in a notification: the core's own sentence, or what went wrong."""

from __future__ import annotations

from custtui.core.errors import DISK_FULL, CusttuiError, is_disk_full
from custtui.core.runtime.crashlog import describe


def error_text(error: BaseException | None) -> str:
    if isinstance(error, CusttuiError):
        return str(error)
    if error is None:
        return "Unexpected error."
    if is_disk_full(error):
        return DISK_FULL
    # Its values blanked: an error's message can hold a decrypted date of birth.
    return f"Unexpected error: {describe(error)}"
