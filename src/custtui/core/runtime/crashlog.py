"""Where unexpected errors go: a log file for whoever fixes them, never the user's screen.

The log holds where the error happened (files, lines, functions) and its kind, never
values: a frame's locals or an exception's message may hold a decrypted date of birth or
licence number, and the log outlives the screen that was allowed to show it.
"""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

LOG_NAME = "custtui.log"
# A value in an exception's message: the repr of a string (quoted) or any word holding a
# digit (a date, a licence or phone number, an amount).
QUOTED_RE = re.compile(r"""'[^']*'|"[^"]*\"""")
DIGITS_RE = re.compile(r"[^\s,;:()\[\]{}]*\d[^\s,;:()\[\]{}]*")
MAX_MESSAGE = 200


def scrub(message: str) -> str:
    """`message` with its values blanked: 'Invalid isoformat string: '1990-04-05x'' reads
    'Invalid isoformat string: '…''; what kind of error it was stays readable."""
    text = " ".join(message.split())[:MAX_MESSAGE]
    return DIGITS_RE.sub("#", QUOTED_RE.sub("'…'", text))


def describe(error: BaseException) -> str:
    """One line naming the error, its values blanked: for a screen or a log."""
    try:
        message = scrub(str(error))
    except Exception:  # a broken __str__ must not hide the original error
        message = ""
    kind = type(error).__qualname__
    return f"{kind}: {message}" if message else kind


def _chain(error: BaseException) -> list[BaseException]:
    """`error` and what led to it, oldest first, as Python prints a traceback."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    return chain[::-1]


def redacted_traceback(error: BaseException) -> Iterator[str]:
    """The traceback of `error` without locals, source lines or values."""
    for n, link in enumerate(_chain(error)):
        if n:
            yield "The above led to:"
        yield "Traceback (most recent call last):"
        for frame in traceback.extract_tb(link.__traceback__):
            yield f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}'
        yield describe(link)


def _append_private(path: Path, text: str) -> None:
    # 0600 from the start, and made so if an older release left it readable by others.
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        os.fchmod(fd, 0o600)
        handle.write(text)


def log_crash(log_dir: Path | None, error: BaseException | None = None) -> Path | None:
    """Append `error` (default: the exception being handled) to `custtui.log`, redacted;
    None when it can't be written."""
    if error is None:
        error = sys.exc_info()[1]
    if log_dir is None or error is None:
        return None
    try:
        # A folder custtui makes is private; one the user named is left as it is.
        log_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = log_dir / LOG_NAME
        lines = "\n".join(redacted_traceback(error))
        _append_private(path, f"--- {datetime.now(UTC).isoformat()}\n{lines}\n\n")
        return path
    except OSError:
        return None
