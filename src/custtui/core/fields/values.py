"""The rules of a customer's plain values: names, free text, dates, identification, social
links, choices and flags.

Each takes a raw value (typed, from a file or a flag), returns its normal form or raises
FieldInvalid with a message naming the field; each is idempotent, so a stored value passes
its own rule again unchanged. The catalogue (`fields.py`) says which rule a field uses.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit, urlunsplit

from custtui.core.errors import FieldInvalid
from custtui.core.text import CONTROL_RE, LINE_BREAK_RE, alnum_key, as_text, single_line, too_long

PREFERRED_CONTACTS: tuple[str, ...] = ("Email", "Phone", "Text", "No Preference")
DISCOVERY_SOURCES: tuple[str, ...] = (
    "Instagram",
    "Referral",
    "Walk-in",
    "Show/Fair",
    "Website",
    "Other",
)

NAME_MAX = 100
COMPANY_MAX = 200
TEXT_MAX = 200
NOTES_MAX = 10_000
DRIVER_LICENSE_MAX = 40
FACEBOOK_MAX = 2_000
DOB_MIN = date(1900, 1, 1)


# --- names and free text --------------------------------------------------------------------


def normalize_name(raw: object, label: str = "First name") -> str:
    """A required name: trimmed, whitespace collapsed, at most 100 characters."""
    text = single_line(raw)
    if text is None:
        raise FieldInvalid(f"{label} is required.")
    if len(text) > NAME_MAX:
        raise too_long(label, NAME_MAX)
    return text


def normalize_text(raw: object, label: str, max_length: int = TEXT_MAX) -> str | None:
    """Optional single-line text (street, city, postal code, referral details...)."""
    text = single_line(raw)
    if text is not None and len(text) > max_length:
        raise too_long(label, max_length)
    return text


def normalize_company(raw: object) -> str | None:
    return normalize_text(raw, "Company", COMPANY_MAX)


def normalize_driver_license(raw: object) -> str | None:
    return normalize_text(raw, "Driver license", DRIVER_LICENSE_MAX)


def normalize_notes(raw: object) -> str | None:
    """Multi-line notes: line breaks kept (as \\n), trimmed, at most 10,000 characters."""
    text = as_text(raw)
    if text is None:
        return None
    text = CONTROL_RE.sub("", LINE_BREAK_RE.sub("\n", text)).strip()
    if not text:
        return None
    if len(text) > NOTES_MAX:
        raise too_long("Notes", NOTES_MAX)
    return text

# --- dates ------------------------------------------------------------------------------------

# A midnight time is tolerated because database exports write dates as timestamps.
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?")
_US_DATE_RE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(raw: object, label: str) -> date | None:
    """A date from `YYYY-MM-DD`, `MM/DD/YYYY` or a date object; None when blank."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = as_text(raw)
    if text is None:
        return None
    try:
        if match := _ISO_DATE_RE.fullmatch(text):
            year, month, day = match.groups()
        elif match := _US_DATE_RE.fullmatch(text):
            month, day, year = match.groups()
        else:
            raise ValueError(text)
        return date(int(year), int(month), int(day))
    except ValueError:
        # 2023-02-30 is as unusable as "soon": both get the format hint.
        raise FieldInvalid(f"{label} must be a date as YYYY-MM-DD or MM/DD/YYYY.") from None


def normalize_date_of_birth(
    raw: object, today: date | None = None, label: str = "Date of birth"
) -> date | None:
    value = parse_date(raw, label)
    if value is None:
        return None
    if value <= DOB_MIN:
        raise FieldInvalid(f"{label} must be after {DOB_MIN.isoformat()}.")
    if value >= (today or date.today()):
        raise FieldInvalid(f"{label} must be in the past.")
    return value


def normalize_customer_since(
    raw: object, today: date | None = None, label: str = "Customer since"
) -> date | None:
    value = parse_date(raw, label)
    if value is not None and value > (today or date.today()):
        raise FieldInvalid(f"{label} can't be in the future.")
    return value

# --- identification ---------------------------------------------------------------------------

_TWO_LETTERS_RE = re.compile(r"[A-Za-z]{2}")


def normalize_dl_state(raw: object) -> str | None:
    text = as_text(raw)
    if text is None:
        return None
    if not _TWO_LETTERS_RE.fullmatch(text):
        raise FieldInvalid("DL state must be exactly 2 letters.")
    return text.upper()

# --- social -------------------------------------------------------------------------------------

_IG_HANDLE_RE = re.compile(r"[A-Za-z0-9._]{1,30}")
_IG_URL_RE = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?instagram\.com/([^/?#]+)/?(?:[?#].*)?", re.IGNORECASE
)
# Paths on instagram.com that are pages, not profiles: a post link is not a handle.
_IG_RESERVED = frozenset({"p", "reel", "reels", "stories", "explore", "accounts", "tv", "direct"})


def normalize_instagram(raw: object) -> str | None:
    """The bare, lower-case handle from `handle`, `@handle` or an instagram.com link."""
    text = as_text(raw)
    if text is None:
        return None
    if match := _IG_URL_RE.fullmatch(text):
        handle = match.group(1)
        if handle.casefold() in _IG_RESERVED:
            handle = ""
    else:
        handle = text.removeprefix("@")
    if not _IG_HANDLE_RE.fullmatch(handle):
        raise FieldInvalid("Instagram must be a handle, @handle or an instagram.com link.")
    return handle.lower()


_SCHEME_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_HOST_RE = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_WHITESPACE_RE = re.compile(r"\s")


def normalize_facebook(raw: object) -> str | None:
    """An http(s) web address; "https://" is added when no scheme was given."""
    text = as_text(raw)
    if text is None:
        return None
    invalid = FieldInvalid("Facebook must be a web address.")
    if _WHITESPACE_RE.search(text):
        raise invalid
    if len(text) > FACEBOOK_MAX:
        raise too_long("Facebook", FACEBOOK_MAX)
    if not _SCHEME_RE.match(text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        raise invalid from None
    scheme = parts.scheme.lower()
    # User info ("facebook.com@evil.example") only serves to disguise where a link goes.
    if scheme not in ("http", "https") or "@" in parts.netloc or not _HOST_RE.fullmatch(host):
        raise invalid
    netloc = host if port is None else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))

# --- choices and flags -----------------------------------------------------------------------

_PREFERRED_CONTACT_KEYS: dict[str, str] = {alnum_key(c): c for c in PREFERRED_CONTACTS}
_PREFERRED_CONTACT_KEYS.update({"": "No Preference", "none": "No Preference", "sms": "Text"})

_DISCOVERY_KEYS: dict[str, str] = {alnum_key(s): s for s in DISCOVERY_SOURCES}
_DISCOVERY_KEYS.update({"show": "Show/Fair", "fair": "Show/Fair", "web": "Website"})


def normalize_preferred_contact(raw: object) -> str:
    text = as_text(raw)
    choice = _PREFERRED_CONTACT_KEYS.get(alnum_key(text or ""))
    if choice is None:
        raise FieldInvalid(f"Preferred contact must be one of {', '.join(PREFERRED_CONTACTS)}.")
    return choice


def normalize_discovery_source(raw: object) -> str | None:
    text = as_text(raw)
    if text is None:
        return None
    choice = _DISCOVERY_KEYS.get(alnum_key(text))
    if choice is None:
        raise FieldInvalid(f"Discovery source must be one of {', '.join(DISCOVERY_SOURCES)}.")
    return choice


_CONSIGNOR_CODE_RE = re.compile(r"[A-Za-z0-9]{1,6}")


def normalize_consignor_code(raw: object) -> str | None:
    text = as_text(raw)
    if text is None:
        return None
    if not _CONSIGNOR_CODE_RE.fullmatch(text):
        raise FieldInvalid("Consignor code must be at most 6 letters and digits.")
    return text.upper()


_TRUE_WORDS = frozenset({"yes", "y", "true", "t", "1", "on"})
_FALSE_WORDS = frozenset({"no", "n", "false", "f", "0", "off"})


def normalize_bool(raw: object, label: str, default: bool = False) -> bool:
    """A yes/no flag from a bool, 0/1 or a word such as yes, no, true, off; blank is default."""
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    text = as_text(raw)
    if text is None:
        return default
    word = text.casefold()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise FieldInvalid(f"{label} must be yes or no.")
