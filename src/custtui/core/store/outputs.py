"""Where a command may write: never over the file it reads nor over the store's own files."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from custtui.core.errors import CusttuiError


def same_file(a: Path, b: Path) -> bool:
    """True when `a` and `b` name one file (through links, `..` or another spelling)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        # One of them doesn't exist yet: compare where they would be.
        return a.resolve() == b.resolve()


def refuse_overwrite(target: Path, protected: Iterable[tuple[Path, str]], what: str) -> None:
    """Raise when `target` is one of `protected` (each with what it is, for the message)."""
    for path, role in protected:
        if same_file(target, path):
            raise CusttuiError(
                f"{target} is {role}; custtui won't write the {what} over it. Choose another file."
            )
