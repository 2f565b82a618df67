"""How a failure reads in a notification: the core's own sentence, or what went wrong."""

from __future__ import annotations

from custtui.core.errors import CusttuiError


def error_text(error: BaseException | None) -> str:
    if isinstance(error, CusttuiError):
        return str(error)
    return f"Unexpected error: {type(error).__name__}: {error}"
