"""Cleaning the text that people and files hand us, before any rule looks at it."""

from __future__ import annotations

import re
import unicodedata

from custtui.core.errors import FieldInvalid

# C0/C1 controls other than tab and newline: a NUL is refused by PostgreSQL and an ESC would
# reach the terminal of anyone running `custtui show`, so imported junk must not survive.
# Bidirectional marks, embeddings, overrides and isolates go too: "\u202eevil" would show
# reversed and disguise what a title or name really says.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
LINE_BREAK_RE = re.compile(r"\r\n?")


def as_text(raw: object) -> str | None:
    """Trimmed text of a raw value, or None when blank; numbers come from spreadsheets."""
    if raw is None:
        return None
    if isinstance(raw, str):
        text = raw
    elif isinstance(raw, float) and raw.is_integer():
        # A spreadsheet turns "2000" into 2000.0; the ".0" was never typed.
        text = str(int(raw))
    else:
        text = str(raw)
    if not text.isascii():
        text = _repair_undecoded(text)
    if CONTROL_RE.search(text):
        text = CONTROL_RE.sub("", LINE_BREAK_RE.sub("\n", text))
    text = text.strip()
    return text or None


def _repair_undecoded(text: str) -> str:
    """Bytes that were not UTF-8 (a Latin-1 terminal over SSH, an old file) reach Python as
    lone surrogates, which no database accepts: read them as Windows-1252, as such a
    terminal meant them, so "Jos\udce9" becomes "José"."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "surrogateescape")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("cp1252", "replace")
    return text


def single_line(raw: object) -> str | None:
    """Trimmed text with whitespace runs (including line breaks) collapsed to one space."""
    text = as_text(raw)
    if text is None:
        return None
    # split() also breaks on the line breaks a multi-line CSV cell brings, which would
    # otherwise tear a list row apart.
    text = " ".join(CONTROL_RE.sub("", text).split())
    return text or None


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive key for matching names of places."""
    if not text.isascii():
        text = text.replace("\u2019", "'")
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def alnum_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def too_long(label: str, limit: int) -> FieldInvalid:
    return FieldInvalid(f"{label} must be at most {limit:,} characters.")
