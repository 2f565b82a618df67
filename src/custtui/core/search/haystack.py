"""A customer as the index searches it: one folded string per row (its "haystack").

"last␟first␟company␟email␟phone␟mobile␟D␟D": the folded fields, then each phone's digits
re-encoded as control characters so that only a digit term (see `terms`) can reach them.
The unit separator is whitespace to `str.split`, so no term can cross fields. Date of birth
and driver license are never part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from custtui.core.search.folding import fold

__all__ = [
    "ASCII_DIGITS",
    "CONTROL",
    "DECODE",
    "DIGITS",
    "ENCODE",
    "ENCODED_DIGITS",
    "NON_DIGITS",
    "SEP",
    "SearchRow",
    "company_prefix",
    "company_then_name",
    "first_last",
    "last_first",
    "row_text",
    "splits_digits",
]

SEP = "\x1f"  # str.split() treats it as whitespace, so it can never be inside a term
_DIGIT_BASE = 0x0E  # \x0e-\x17: not whitespace, never left in folded text (see CONTROL)
ENCODED_DIGITS = "".join(chr(_DIGIT_BASE + d) for d in range(10))
ENCODE = str.maketrans("0123456789", ENCODED_DIGITS)
DECODE = str.maketrans(ENCODED_DIGITS, "0123456789")
# Formatted phones are ASCII: bytes.translate encodes their digits and drops the usual
# punctuation at C speed; anything else left over takes the regex path.
_PHONE_BYTES = bytes.maketrans(b"0123456789", ENCODED_DIGITS.encode())
_PHONE_PUNCTUATION = b" ()+-./"
_ENCODED_BYTES = ENCODED_DIGITS.encode()
NON_DIGITS = re.compile(r"[^0-9]+")
CONTROL = re.compile(r"[\x00-\x1f]")
_CONTROL_BUT_SEP = re.compile(r"[\x00-\x1e]")
DIGITS = "0123456789"
ASCII_DIGITS = frozenset(DIGITS)


@dataclass(frozen=True, slots=True)
class SearchRow:
    """What the index needs of one customer; nothing secret (no DOB, no driver license)."""

    id: int
    number: int
    first_name: str
    last_name: str
    company: str | None
    email: str | None
    phone: str | None
    mobile_phone: str | None
    is_consignor: bool


def row_text(row: SearchRow, memo: dict[str, str] | None = None) -> str:
    """The row's folded fields and phone digits, joined by the separator.

    `memo` remembers folded non-ASCII fields across a bulk load: names repeat a lot.
    """
    phone = row.phone or ""
    mobile = row.mobile_phone or ""
    fields = (
        row.last_name.strip(),
        row.first_name.strip(),
        (row.company or "").strip(),
        row.email or "",
        phone,
        mobile,
    )
    raw = SEP.join(fields)
    if raw.isascii() and raw.count(SEP) == 5 and _CONTROL_BUT_SEP.search(raw) is None:
        text = raw.lower()
    else:
        text = SEP.join(_fold_field(f, memo) for f in fields)
    return SEP.join((text, _phone_digits(phone), _phone_digits(mobile)))


def splits_digits(phone: str | None) -> bool:
    """Whether punctuation splits the phone's digits: its text then lacks some digit runs."""
    if not phone:
        return False
    if phone.isascii() and phone[0] == "+" and phone[1:].isdigit():
        return False  # E.164, how phones are stored
    digits = NON_DIGITS.sub("", fold(phone))
    return digits not in _fold_field(phone, None)


def _phone_digits(phone: str) -> str:
    if not phone:
        return ""
    if phone.isascii():
        encoded = phone.encode().translate(_PHONE_BYTES, _PHONE_PUNCTUATION)
        if not encoded.strip(_ENCODED_BYTES):
            return encoded.decode()
    return NON_DIGITS.sub("", fold(phone)).translate(ENCODE)


def _fold_field(text: str, memo: dict[str, str] | None) -> str:
    if CONTROL.search(text):
        # Control characters would collide with the separator or the digit encoding.
        text = CONTROL.sub(" ", text).strip()
    if text.isascii():
        return text.lower()
    if memo is None:
        return fold(text)
    folded = memo.get(text)
    if folded is None:
        folded = memo[text] = fold(text)
    return folded


# ------------------------------------------------- the sort orders' keys, read from the text


def last_first(hay: str) -> str:
    return hay[: hay.find(SEP, hay.find(SEP) + 1)]


def first_last(hay: str) -> str:
    last, first, _ = hay.split(SEP, 2)
    return first + SEP + last


def company_prefix(hay: str) -> str:
    start = hay.find(SEP, hay.find(SEP) + 1) + 1
    company = hay[start : hay.find(SEP, start)]
    return "0" + company if company else "1"


def company_then_name(hay: str) -> str:
    last, first, company, _ = hay.split(SEP, 3)
    # "0"/"1" put every customer with a company before those without.
    if company:
        return "0" + company + SEP + last + SEP + first
    return "1" + last + SEP + first
