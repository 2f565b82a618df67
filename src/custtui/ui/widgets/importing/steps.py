"""The wizard's steps, and what step 1 read, which the later steps work on."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from custtui.core.importing.read import CSV_SUFFIXES, EXCEL_SUFFIXES, Table

# The files the importer reads.
SUFFIXES = CSV_SUFFIXES | EXCEL_SUFFIXES


class Step(StrEnum):
    """The wizard's steps, in order (also their widgets' ids)."""

    PICK = "pick"
    MAP = "map"
    CHECK = "check"
    RUN = "run"


@dataclass(frozen=True)
class Loaded:
    """A file read: its table, the mapping to start from, and the sheet read (workbooks)."""

    path: Path
    table: Table
    mapping: list[str | None]
    saved: bool  # the mapping is the one used last time for these columns
    sheet: str | None
