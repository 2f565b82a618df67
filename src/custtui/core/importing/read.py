"""Reading step of the import wizard: turn a CSV or .xlsx file into a plain table of text.

Mapping columns to fields and writing customers happen elsewhere; this module only promises
a rectangular table of strings or one ImportFileError a user can act on.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from custtui.core.errors import CusttuiError

CSV_SUFFIXES = frozenset({".csv", ".txt", ".tsv"})
EXCEL_SUFFIXES = frozenset({".xlsx"})
MAX_LINE_CHARS = 10_000_000
# Bytes looked at to tell a binary file from a text export.
BINARY_PROBE_BYTES = 8192
# Enough lines for the sniffer to see a pattern, small enough that its regexes stay fast.
SNIFF_SAMPLE_CHARS = 32_768
# Control bytes text exports never hold (tab, line ends, form feed, SUB and ESC aside).
BINARY_BYTES_RE = re.compile(rb"[\x01-\x08\x0e-\x19\x1c-\x1f]")
# More NULs than this (or than 1% of the probe) in the first bytes: not stray ones.
STRAY_NULS = 16
DELIMITERS = ",;\t"


class ImportFileError(CusttuiError):
    """The file to import can't be read as a table of customers.

    For a workbook whose chosen sheet is the problem, `sheets` lists every sheet and `sheet`
    names the one read, so the user can pick another.
    """

    def __init__(self, message: str, sheets: Sequence[str] = (), sheet: str | None = None):
        super().__init__(message)
        self.sheets = tuple(sheets)
        self.sheet = sheet


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    source: str
    sheets: list[str]
    # Where each row sits in the file as a spreadsheet numbers it (the header row is 1 when
    # nothing is above it), so a skipped row can be found again.
    numbers: list[int] = field(default_factory=list)

    def number(self, index: int) -> int:
        return self.numbers[index] if self.numbers else index + 2


def read_table(path: Path, *, sheet: str | None = None, max_bytes: int = 200_000_000) -> Table:
    """Read a .csv/.txt/.tsv or .xlsx file into a Table, or raise ImportFileError."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES and suffix not in EXCEL_SUFFIXES:
        raise ImportFileError("Import reads .csv and .xlsx files.")
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFileError(f"{name} does not exist.") from None
    except PermissionError:
        raise ImportFileError(f"{name} can't be opened: permission denied.") from None
    except OSError as error:
        raise ImportFileError(f"{name} can't be opened: {error.strerror or error}.") from None
    if path.is_dir():
        raise ImportFileError(f"{name} is a folder, not a file.")
    if size == 0:
        raise ImportFileError(f"{name} is empty.")
    if size > max_bytes:
        raise ImportFileError(
            f"{name} is larger than the {_megabytes(max_bytes)} import limit; "
            "split it into smaller files."
        )
    if suffix in EXCEL_SUFFIXES:
        return _read_excel(path, sheet)
    return _read_csv(path)


def _megabytes(count: int) -> str:
    return f"{count / 1_000_000:g} MB"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        raise ImportFileError(f"{path.name} can't be opened: permission denied.") from None
    except OSError as error:
        raise ImportFileError(f"{path.name} can't be opened: {error.strerror or error}.") from None


def _decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding that produced it."""
    # A BOM is dropped even when the rest is not UTF-8: a tool that added one to a cp1252
    # file would otherwise glue "ï»¿" to the first header.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    # Windows Excel saves "CSV" as cp1252; it leaves five bytes undefined, which latin-1
    # (defined for every byte) then absorbs, so decoding never fails past this point.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _check_line_lengths(text: str, name: str) -> None:
    # A multi-megabyte line means a wrong file (a log, a dump), and parsing it wastes memory.
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        if end - start > MAX_LINE_CHARS:
            raise ImportFileError(
                f"{name} has a line longer than {_megabytes(MAX_LINE_CHARS)}; "
                "it does not look like a customer list."
            )
        start = end + 1


def _first_lines(text: str) -> str:
    sample = text[:SNIFF_SAMPLE_CHARS]
    cut = sample.rfind("\n")
    # Cutting at a line end keeps the sniffer from seeing half a row.
    return sample[:cut] if cut > 0 else sample


def _count_delimiter(sample: str) -> str:
    lines = [line for line in sample.splitlines() if line.strip()][:20]
    counts = {d: sum(line.count(d) for line in lines) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _sniff_delimiter(text: str) -> str:
    sample = _first_lines(text)
    header = next((line for line in sample.splitlines() if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return _count_delimiter(sample)
    # The sniffer can latch on to a separator that only appears inside values; a real
    # delimiter shows up in the header unless the file has a single column.
    if delimiter in DELIMITERS and (
        delimiter in header or not any(d in header for d in DELIMITERS)
    ):
        return delimiter
    return _count_delimiter(sample)


def _describe_delimiter(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else f"'{delimiter}'"


def _read_csv(path: Path) -> Table:
    name = path.name
    # A tool that crashed may pad the end of its file with NULs: they hold nothing.
    data = _read_bytes(path).rstrip(b"\x00")
    if _looks_binary(data[:BINARY_PROBE_BYTES]):
        raise ImportFileError(f"{name} is not a text file; export it as CSV and try again.")
    text, encoding = _decode(data)
    del data
    _check_line_lengths(text, name)
    delimiter = _sniff_delimiter(text)
    old_limit = csv.field_size_limit(MAX_LINE_CHARS)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
        raw = [row for row in reader]
    except csv.Error:
        raise ImportFileError(
            f"{name} can't be read as CSV; a value may be too long or badly quoted."
        ) from None
    finally:
        csv.field_size_limit(old_limit)
    source = f"CSV, {encoding}, {_describe_delimiter(delimiter)}{_drop_nuls(raw)}"
    return _build_table(name, raw, source, [])


def _looks_binary(probe: bytes) -> bool:
    """A NUL with other control bytes, or many NULs (UTF-16, a zip): not a text export.
    A stray NUL in text is dropped instead (see `_drop_nuls`), so its row still imports."""
    if b"\x00" not in probe:
        return False
    return bool(BINARY_BYTES_RE.search(probe)) or probe.count(0) > max(
        STRAY_NULS, len(probe) // 100
    )


def _drop_nuls(raw: list[list[str]]) -> str:
    """Remove NUL characters from the rows in place; says which rows had some, for the
    file's description, so the user can check them ("" when none had any)."""
    rows = []
    for number, row in enumerate(raw, start=1):
        if any("\x00" in cell for cell in row):
            row[:] = [cell.replace("\x00", "") for cell in row]
            rows.append(number)
    if not rows:
        return ""
    shown = ", ".join(str(n) for n in rows[:5]) + (
        f" and {len(rows) - 5} more" if len(rows) > 5 else ""
    )
    return f", NUL bytes removed from row{'s' if len(rows) > 1 else ''} {shown}"


def _build_table(name: str, raw: Iterable[Sequence[str]], source: str, sheets: list[str]) -> Table:
    stripped = ([value.strip() for value in row] for row in raw)
    rows_iter = ((number, row) for number, row in enumerate(stripped, start=1) if any(row))
    _, header_row = next(rows_iter, (0, None))
    if header_row is None:
        raise ImportFileError(f"{name} is empty.")
    width = max((i + 1 for i, cell in enumerate(header_row) if cell), default=0)
    if width == 0:
        # Data with no header at all: keep the columns so the user still sees something.
        width = len(header_row)
    headers = [cell or f"Column {i + 1}" for i, cell in enumerate(header_row[:width])]
    rows: list[list[str]] = []
    numbers: list[int] = []
    for number, row in rows_iter:
        fitted = row[:width] + [""] * (width - len(row))
        # A row whose only values sat in dropped columns carries nothing to import.
        if any(fitted):
            rows.append(fitted)
            numbers.append(number)
    if not rows:
        raise ImportFileError(f"{name} has a header row but no customers.")
    return Table(headers=headers, rows=rows, source=source, sheets=sheets, numbers=numbers)


def cell_text(value: object) -> str:
    """Show an Excel cell the way the user typed it, not the way Python stores it."""
    if value is None:
        return ""
    if type(value) is str:  # most cells: checked first
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel stores every number as a float; phone numbers must not grow a ".0".
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return str(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _not_excel(name: str) -> ImportFileError:
    return ImportFileError(
        f"{name} is not an Excel workbook; open it in Excel and save it as .xlsx."
    )


def _read_excel(path: Path, sheet: str | None) -> Table:
    from openpyxl import load_workbook

    name = path.name
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except PermissionError:
        raise ImportFileError(f"{name} can't be opened: permission denied.") from None
    except Exception:
        # openpyxl surfaces a corrupt or fake workbook as any of InvalidFileException,
        # BadZipFile, KeyError, XML parse errors and more; to the user they are all one case.
        raise _not_excel(name) from None
    try:
        sheets = list(workbook.sheetnames)
        chosen = sheets[0] if sheet is None and sheets else sheet
        if chosen is None or chosen not in sheets:
            listed = ", ".join(f"'{s}'" for s in sheets)
            raise ImportFileError(f"{name} has no sheet '{sheet}'; its sheets are {listed}.")
        worksheet = workbook[chosen]
        if not hasattr(worksheet, "iter_rows"):
            raise ImportFileError(
                f"Sheet '{chosen}' in {name} is a chart, not a table.", sheets, chosen
            )
        try:
            raw = [list(map(cell_text, row)) for row in worksheet.iter_rows(values_only=True)]
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError, EOFError):
            # SyntaxError covers xml.etree's ParseError from a damaged sheet part.
            raise _not_excel(name) from None
    finally:
        workbook.close()
    try:
        # Read-only rows start at row 1 whatever the first filled row: numbering from 1 is exact.
        return _build_table(name, raw, f"Excel, sheet '{chosen}'", sheets)
    except ImportFileError as exc:
        raise ImportFileError(str(exc), sheets, chosen) from None
