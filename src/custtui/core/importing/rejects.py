"""The rejects file: the rows an import skipped or did not reach, as they were, and why."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from custtui.core.customers.export import neutralise
from custtui.core.importing.read import ImportFileError


def rejects_path_for(source: Path) -> Path:
    """`customers.csv` -> `customers.rejects.csv`, beside it."""
    return source.with_name(f"{source.stem}.rejects.csv")


class Rejects:
    """The rejects CSV: the skipped rows as they were, plus where they were and why.

    Written to a `.part` file beside it, which takes its place on `close` (or goes, when
    no row was rejected).
    """

    def __init__(self, path: Path, headers: Sequence[str]) -> None:
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self.count = 0
        try:
            # Opened before anything is imported, so a place we can't write to stops the
            # import while nothing has happened yet.
            self.handle: IO[str] = self.part.open("w", newline="", encoding="utf-8")
        except OSError as exc:
            raise ImportFileError(
                f"Can't write the rejects file {path}: {exc.strerror or exc}; "
                "choose another place for it."
            ) from None
        self.writer = csv.writer(self.handle)
        self.writer.writerow([neutralise(h) for h in (*headers, "Row", "Reason")])

    def add(self, row: Sequence[str], number: int, reason: str) -> None:
        self.writer.writerow([*(neutralise(cell) for cell in row), number, neutralise(reason)])
        self.count += 1

    def close(self) -> Path | None:
        self.handle.close()
        if not self.count:
            self.part.unlink(missing_ok=True)
            return None
        self.part.replace(self.path)
        return self.path

    def discard(self) -> None:
        self.handle.close()
        self.part.unlink(missing_ok=True)
