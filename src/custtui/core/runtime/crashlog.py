"""Where unexpected errors go: a log file for whoever fixes them, never the user's screen."""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path


def log_crash(log_dir: Path | None) -> Path | None:
    """Append the exception being handled to `custtui.log`; None when it can't be written."""
    if log_dir is None:
        return None
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "custtui.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"--- {datetime.now(UTC).isoformat()}\n{traceback.format_exc()}\n")
        return path
    except OSError:
        return None
