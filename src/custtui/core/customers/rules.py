"""The customer field rules, shared by every entry point (CLI, TUI form, importer).

`normalize_customer` is the one gate a customer's values pass through before they are stored;
the single-field normalisers let the importer and the form check one value at a time with the
same rules and the same messages. Every normaliser is idempotent: feeding back a value it
returned gives the same value, so stored values can be re-validated on edit unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
import pycountry

from custtui.core.errors import ValidationError

__all__ = [
    "DISCOVERY_SOURCES",
    "FIELDS",
    "FIELD_LABELS",
    "PREFERRED_CONTACTS",
    "FieldInvalid",
    "Outcome",
    "Outcomes",
    "country_name",
    "email_key",
    "format_address",
    "format_phone",
    "normalize_bool",
    "normalize_company",
    "normalize_consignor_code",
    "normalize_country",
    "normalize_customer",
    "normalize_customer_since",
    "normalize_date_of_birth",
    "normalize_discovery_source",
    "normalize_dl_state",
    "normalize_each",
    "normalize_driver_license",
    "normalize_email",
    "normalize_facebook",
    "normalize_field",
    "normalize_instagram",
    "normalize_name",
    "normalize_notes",
    "normalize_phone",
    "normalize_preferred_contact",
    "normalize_state",
    "normalize_text",
    "parse_date",
    "remember",
    "state_choices",
]

FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "company",
    "email",
    "phone",
    "mobile_phone",
    "date_of_birth",
    "driver_license",
    "dl_state",
    "street",
    "street2",
    "city",
    "state",
    "postal_code",
    "country",
    "notes",
    "instagram",
    "facebook",
    "preferred_contact",
    "discovery_source",
    "referral_details",
    "customer_since",
    "is_consignor",
    "consignor_code",
    "contact_by_email",
    "contact_by_sms",
    "active",
    "on_hold",
)

FIELD_LABELS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "company": "Company",
    "email": "Email",
    "phone": "Phone",
    "mobile_phone": "Mobile phone",
    "date_of_birth": "Date of birth",
    "driver_license": "Driver license",
    "dl_state": "DL state",
    "street": "Street address",
    "street2": "Street address 2",
    "city": "City",
    "state": "State/province",
    "postal_code": "Postal code",
    "country": "Country",
    "notes": "Notes",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "preferred_contact": "Preferred contact",
    "discovery_source": "Discovery source",
    "referral_details": "Referral details",
    "customer_since": "Customer since",
    "is_consignor": "Consignor",
    "consignor_code": "Consignor code",
    "contact_by_email": "Contact by email",
    "contact_by_sms": "Contact by SMS",
    "active": "Active",
    "on_hold": "On hold",
}

PREFERRED_CONTACTS: tuple[str, ...] = ("Email", "Phone", "Text", "No Preference")
DISCOVERY_SOURCES: tuple[str, ...] = (
    "Instagram",
    "Referral",
    "Walk-in",
    "Show/Fair",
    "Website",
    "Other",
)

DEFAULT_COUNTRY = "US"
NAME_MAX = 100
COMPANY_MAX = 200
TEXT_MAX = 200
NOTES_MAX = 10_000
FREE_STATE_MAX = 100
DRIVER_LICENSE_MAX = 40
FACEBOOK_MAX = 2_000
DOB_MIN = date(1900, 1, 1)

_FIELD_SET = frozenset(FIELDS)


class FieldInvalid(ValueError):
    """One value broke its field's rule; `message` names the field and is fit to show.

    A ValueError, so callers that only need "is this value acceptable" can catch that.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


# --- text helpers -------------------------------------------------------------------------

# C0/C1 controls other than tab and newline: a NUL is refused by PostgreSQL and an ESC would
# reach the terminal of anyone running `custtui show`, so imported junk must not survive.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK_RE = re.compile(r"\r\n?")


def _as_text(raw: object) -> str | None:
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
    if _CONTROL_RE.search(text):
        text = _CONTROL_RE.sub("", _LINE_BREAK_RE.sub("\n", text))
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


def _single_line(raw: object) -> str | None:
    """Trimmed text with whitespace runs (including line breaks) collapsed to one space."""
    text = _as_text(raw)
    if text is None:
        return None
    # split() also breaks on the line breaks a multi-line CSV cell brings, which would
    # otherwise tear a list row apart.
    text = " ".join(_CONTROL_RE.sub("", text).split())
    return text or None


def _fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive key for matching names of places."""
    if not text.isascii():
        text = text.replace("\u2019", "'")
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def _alnum_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _too_long(label: str, limit: int) -> FieldInvalid:
    return FieldInvalid(f"{label} must be at most {limit:,} characters.")


# --- names and free text --------------------------------------------------------------------


def normalize_name(raw: object, label: str = "First name") -> str:
    """A required name: trimmed, whitespace collapsed, at most 100 characters."""
    text = _single_line(raw)
    if text is None:
        raise FieldInvalid(f"{label} is required.")
    if len(text) > NAME_MAX:
        raise _too_long(label, NAME_MAX)
    return text


def normalize_text(raw: object, label: str, max_length: int = TEXT_MAX) -> str | None:
    """Optional single-line text (street, city, postal code, referral details...)."""
    text = _single_line(raw)
    if text is not None and len(text) > max_length:
        raise _too_long(label, max_length)
    return text


def normalize_company(raw: object) -> str | None:
    return normalize_text(raw, FIELD_LABELS["company"], COMPANY_MAX)


def normalize_driver_license(raw: object) -> str | None:
    return normalize_text(raw, FIELD_LABELS["driver_license"], DRIVER_LICENSE_MAX)


def normalize_notes(raw: object) -> str | None:
    """Multi-line notes: line breaks kept (as \\n), trimmed, at most 10,000 characters."""
    text = _as_text(raw)
    if text is None:
        return None
    text = _CONTROL_RE.sub("", _LINE_BREAK_RE.sub("\n", text)).strip()
    if not text:
        return None
    if len(text) > NOTES_MAX:
        raise _too_long(FIELD_LABELS["notes"], NOTES_MAX)
    return text


# --- email and phone ------------------------------------------------------------------------


# An unquoted ASCII local part ("dot-atom"), which email-validator returns as it is.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_PLAIN_LOCAL_RE = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LOCAL_MAX = 64
_EMAIL_MAX = 254
# Domain as typed -> its normal form, for ASCII domains email-validator has accepted.
_known_domains: dict[str, str] = {}
_KNOWN_DOMAINS_MAX = 50_000


def normalize_email(raw: object) -> str | None:
    """A syntactically valid address (no DNS look-up), in email-validator's normal form."""
    text = _as_text(raw)
    if text is None:
        return None
    local, _, domain = text.rpartition("@")
    # Checking the domain is most of email-validator's work, and an import repeats a few
    # domains thousands of times: a plain address at a domain it already accepted needs
    # only the checks of the local part and length it would make.
    known = _known_domains.get(domain)
    if (
        known is not None
        and len(local) <= _LOCAL_MAX
        and len(local) + 1 + len(known) <= _EMAIL_MAX
        and _PLAIN_LOCAL_RE.fullmatch(local)
    ):
        return f"{local}@{known}"
    # Imported here: its tables cost start-up time that screens showing customers don't need.
    from email_validator import EmailNotValidError, validate_email

    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        raise FieldInvalid("Email is not a valid email address.") from None
    if result.ascii_domain == result.domain and len(_known_domains) < _KNOWN_DOMAINS_MAX:
        _known_domains[domain] = result.domain
    return str(result.normalized)


def email_key(email: str) -> str:
    """The form two emails are compared in for per-business uniqueness."""
    return email.casefold()


# "4155552671.0": a phone column a spreadsheet stored as a number and wrote back as a float.
_SPREADSHEET_NUMBER_RE = re.compile(r"(\+?\d+)\.0+")
_DIGITS_RE = re.compile(r"\d+")
_E164 = phonenumbers.PhoneNumberFormat.E164


def normalize_phone(raw: object, region: str = DEFAULT_COUNTRY, label: str = "Phone") -> str | None:
    """A valid phone number, stored E.164; numbers without a country code are in `region`."""
    invalid = FieldInvalid(f"{label} is not a valid phone number.")
    if isinstance(raw, bool):
        raise invalid
    if isinstance(raw, float) and not raw.is_integer():
        raise invalid
    text = _as_text(raw)
    if text is None:
        return None
    spreadsheet = _SPREADSHEET_NUMBER_RE.fullmatch(text)
    if spreadsheet:
        text = spreadsheet.group(1)
    region = region.upper()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise invalid from None
    valid = _is_valid(number, region)
    if not valid and _looks_like_lost_plus(text):
        try:
            number = phonenumbers.parse("+" + text, None)
        except phonenumbers.NumberParseException:
            raise invalid from None
        valid = _is_valid(number, region)
    if not valid:
        raise invalid
    if number.extension:
        # E.164 has no room for an extension; dropping it silently would lose the
        # part that reaches the person.
        raise FieldInvalid(f"{label} can't have an extension; put it in the notes.")
    return phonenumbers.format_number(number, _E164)


def _is_valid(number: phonenumbers.PhoneNumber, region: str) -> bool:
    # Most numbers belong to the business's own region: checking that region alone first
    # skips the walk over every region sharing the country code (25 for +1).
    if number.country_code == _country_calling_code(region) and (
        phonenumbers.is_valid_number_for_region(number, region)
    ):
        return True
    return phonenumbers.is_valid_number(number)


@lru_cache(maxsize=256)
def _country_calling_code(region: str) -> int:
    return phonenumbers.country_code_for_region(region)


def _looks_like_lost_plus(text: str) -> bool:
    # Spreadsheets drop the leading "+" of international numbers. Only long digit strings
    # that can't start with a trunk "0" qualify, so a mistyped 10-digit local number is
    # never reinterpreted as a foreign one.
    return len(text) >= 11 and text[0] != "0" and _DIGITS_RE.fullmatch(text) is not None


@lru_cache(maxsize=8192)
def format_phone(e164: str | None, region: str) -> str:
    """A stored number as people write it: national at home, international otherwise."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, region.upper())
    except phonenumbers.NumberParseException:
        # Show what is stored rather than hide a number written before validation existed.
        return e164
    home = phonenumbers.region_code_for_number(number) == region.upper()
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


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
    text = _as_text(raw)
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


def normalize_date_of_birth(raw: object, today: date | None = None) -> date | None:
    label = FIELD_LABELS["date_of_birth"]
    value = parse_date(raw, label)
    if value is None:
        return None
    if value <= DOB_MIN:
        raise FieldInvalid(f"{label} must be after {DOB_MIN.isoformat()}.")
    if value >= (today or date.today()):
        raise FieldInvalid(f"{label} must be in the past.")
    return value


def normalize_customer_since(raw: object, today: date | None = None) -> date | None:
    label = FIELD_LABELS["customer_since"]
    value = parse_date(raw, label)
    if value is not None and value > (today or date.today()):
        raise FieldInvalid(f"{label} can't be in the future.")
    return value


# --- identification ---------------------------------------------------------------------------

_TWO_LETTERS_RE = re.compile(r"[A-Za-z]{2}")


def normalize_dl_state(raw: object) -> str | None:
    text = _as_text(raw)
    if text is None:
        return None
    if not _TWO_LETTERS_RE.fullmatch(text):
        raise FieldInvalid("DL state must be exactly 2 letters.")
    return text.upper()


# --- country and state ----------------------------------------------------------------------

# Names people write that ISO doesn't use. The constituent countries of the UK map to GB
# because ISO 3166-1 has no code for them.
_COUNTRY_ALIASES: dict[str, str] = {
    "uk": "GB",
    "u.k.": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "great britain": "GB",
    "britain": "GB",
    "america": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "united states of america": "US",
    "holland": "NL",
    "turkey": "TR",
    "russia": "RU",
    "north korea": "KP",
    "vatican": "VA",
    "vatican city": "VA",
    "ivory coast": "CI",
    "cape verde": "CV",
    "swaziland": "SZ",
    "burma": "MM",
    "macedonia": "MK",
}


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    countries = list(pycountry.countries)
    # Codes win over names, so "CA" is always Canada whatever a name folds to.
    for country in countries:
        index[country.alpha_2.casefold()] = country.alpha_2
        index[country.alpha_3.casefold()] = country.alpha_2
    for alias, code in _COUNTRY_ALIASES.items():
        index.setdefault(alias, code)
    for country in countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                index.setdefault(_fold(name), country.alpha_2)
    return index


def _country_code(raw: object) -> str | None:
    """The alpha-2 code of a code or name, DEFAULT_COUNTRY when blank, None when unknown."""
    text = _as_text(raw)
    if text is None:
        return DEFAULT_COUNTRY
    index = _country_index()
    key = _fold(text)
    code = index.get(key)
    if code is None and key.startswith("the "):
        code = index.get(key[4:])
    return code


def normalize_country(raw: object) -> str:
    """ISO 3166-1 alpha-2 from a code, alpha-3 or name; "US" when blank."""
    code = _country_code(raw)
    if code is None:
        raise FieldInvalid("Country is not a known country.")
    return code


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """The name people use for a country ("Bolivia", not "Bolivia, Plurinational State of")."""
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


class _Subdivisions(NamedTuple):
    lookup: dict[str, str]  # folded code, full code or name -> short code
    names: dict[str, str]  # short code -> display name


@lru_cache(maxsize=512)
def _subdivisions(country: str) -> _Subdivisions | None:
    subs = pycountry.subdivisions.get(country_code=country) or []
    if not subs:
        return None
    # Top-level entries first: Spain's "La Rioja" is both a community and a province, and
    # the community is what an address means.
    ordered = sorted(subs, key=lambda s: (s.parent_code is not None, s.code))
    lookup: dict[str, str] = {}
    names: dict[str, str] = {}
    for sub in ordered:
        short = sub.code.split("-", 1)[1]
        lookup[sub.code.casefold()] = short
        lookup[short.casefold()] = short
    for sub in ordered:
        short = sub.code.split("-", 1)[1]
        # pycountry writes alternatives as "Illes Balears [Islas Baleares]".
        primary, _, alternative = sub.name.partition(" [")
        names.setdefault(short, primary)
        for name in (sub.name, primary, alternative.rstrip("]")):
            if name:
                lookup.setdefault(_fold(name), short)
    return _Subdivisions(lookup, names)


def state_choices(country: object) -> tuple[tuple[str, str], ...]:
    """(short code, name) of the country's subdivisions sorted by name; () when it has none.

    The edit form turns the state field into a selector when this is not empty.
    """
    code = _country_code(country)
    subs = _subdivisions(code) if code else None
    if subs is None:
        return ()
    return tuple(sorted(subs.names.items(), key=lambda item: _fold(item[1])))


def normalize_state(raw: object, country: object) -> str | None:
    """A subdivision's short code ("CA", "ON", "BY") where the country has them, else text.

    `country` may be a code or name; an unknown country leaves the state as free text, since
    the country's own error is what the user has to fix.
    """
    label = FIELD_LABELS["state"]
    text = _single_line(raw)
    if text is None:
        return None
    code = _country_code(country)
    subs = _subdivisions(code) if code else None
    if code is None or subs is None:
        if len(text) > FREE_STATE_MAX:
            raise _too_long(label, FREE_STATE_MAX)
        return text
    short = subs.lookup.get(_fold(text))
    if short is None:
        raise FieldInvalid(f"{label} is not a state or province of {country_name(code)}.")
    return short


# --- social -------------------------------------------------------------------------------------

_IG_HANDLE_RE = re.compile(r"[A-Za-z0-9._]{1,30}")
_IG_URL_RE = re.compile(
    r"(?:https?://)?(?:www\.|m\.)?instagram\.com/([^/?#]+)/?(?:[?#].*)?", re.IGNORECASE
)
# Paths on instagram.com that are pages, not profiles: a post link is not a handle.
_IG_RESERVED = frozenset({"p", "reel", "reels", "stories", "explore", "accounts", "tv", "direct"})


def normalize_instagram(raw: object) -> str | None:
    """The bare, lower-case handle from `handle`, `@handle` or an instagram.com link."""
    text = _as_text(raw)
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
    text = _as_text(raw)
    if text is None:
        return None
    invalid = FieldInvalid("Facebook must be a web address.")
    if _WHITESPACE_RE.search(text):
        raise invalid
    if len(text) > FACEBOOK_MAX:
        raise _too_long(FIELD_LABELS["facebook"], FACEBOOK_MAX)
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

_PREFERRED_CONTACT_KEYS: dict[str, str] = {_alnum_key(c): c for c in PREFERRED_CONTACTS}
_PREFERRED_CONTACT_KEYS.update({"": "No Preference", "none": "No Preference", "sms": "Text"})

_DISCOVERY_KEYS: dict[str, str] = {_alnum_key(s): s for s in DISCOVERY_SOURCES}
_DISCOVERY_KEYS.update({"show": "Show/Fair", "fair": "Show/Fair", "web": "Website"})


def normalize_preferred_contact(raw: object) -> str:
    text = _as_text(raw)
    choice = _PREFERRED_CONTACT_KEYS.get(_alnum_key(text or ""))
    if choice is None:
        raise FieldInvalid(f"Preferred contact must be one of {', '.join(PREFERRED_CONTACTS)}.")
    return choice


def normalize_discovery_source(raw: object) -> str | None:
    text = _as_text(raw)
    if text is None:
        return None
    choice = _DISCOVERY_KEYS.get(_alnum_key(text))
    if choice is None:
        raise FieldInvalid(f"Discovery source must be one of {', '.join(DISCOVERY_SOURCES)}.")
    return choice


_CONSIGNOR_CODE_RE = re.compile(r"[A-Za-z0-9]{1,6}")


def normalize_consignor_code(raw: object) -> str | None:
    text = _as_text(raw)
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
    text = _as_text(raw)
    if text is None:
        return default
    word = text.casefold()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    raise FieldInvalid(f"{label} must be yes or no.")


# --- the whole record ---------------------------------------------------------------------------


class _Context(NamedTuple):
    region: str
    country: object  # the record's raw country value, which the state is checked against
    today: date


def _text_rule(field: str, limit: int = TEXT_MAX) -> Callable[[object, _Context], object]:
    label = FIELD_LABELS[field]
    return lambda raw, ctx: normalize_text(raw, label, limit)


def _flag_rule(field: str, default: bool = False) -> Callable[[object, _Context], object]:
    label = FIELD_LABELS[field]
    return lambda raw, ctx: normalize_bool(raw, label, default)


_RULES: dict[str, Callable[[object, _Context], object]] = {
    "first_name": lambda raw, ctx: normalize_name(raw, "First name"),
    "last_name": lambda raw, ctx: normalize_name(raw, "Last name"),
    "company": lambda raw, ctx: normalize_company(raw),
    "email": lambda raw, ctx: normalize_email(raw),
    "phone": lambda raw, ctx: normalize_phone(raw, ctx.region, "Phone"),
    "mobile_phone": lambda raw, ctx: normalize_phone(raw, ctx.region, "Mobile phone"),
    "date_of_birth": lambda raw, ctx: normalize_date_of_birth(raw, ctx.today),
    "driver_license": lambda raw, ctx: normalize_driver_license(raw),
    "dl_state": lambda raw, ctx: normalize_dl_state(raw),
    "street": _text_rule("street"),
    "street2": _text_rule("street2"),
    "city": _text_rule("city"),
    "state": lambda raw, ctx: normalize_state(raw, ctx.country),
    "postal_code": _text_rule("postal_code"),
    "country": lambda raw, ctx: normalize_country(raw),
    "notes": lambda raw, ctx: normalize_notes(raw),
    "instagram": lambda raw, ctx: normalize_instagram(raw),
    "facebook": lambda raw, ctx: normalize_facebook(raw),
    "preferred_contact": lambda raw, ctx: normalize_preferred_contact(raw),
    "discovery_source": lambda raw, ctx: normalize_discovery_source(raw),
    "referral_details": _text_rule("referral_details"),
    "customer_since": lambda raw, ctx: normalize_customer_since(raw, ctx.today),
    "is_consignor": _flag_rule("is_consignor"),
    "consignor_code": lambda raw, ctx: normalize_consignor_code(raw),
    "contact_by_email": _flag_rule("contact_by_email"),
    "contact_by_sms": _flag_rule("contact_by_sms"),
    "active": _flag_rule("active", default=True),
    "on_hold": _flag_rule("on_hold"),
}
assert set(_RULES) == _FIELD_SET and set(FIELD_LABELS) == _FIELD_SET


def _empty_values() -> dict[str, object]:
    """What each rule makes of a missing value, for the rules that accept one."""
    ctx = _Context(DEFAULT_COUNTRY, None, date.today())
    empty: dict[str, object] = {}
    for field, rule in _RULES.items():
        if field == "state":
            continue  # depends on the country
        try:
            empty[field] = rule(None, ctx)
        except FieldInvalid:
            pass  # required: a missing value must say so
    return empty


_EMPTY = _empty_values()

Outcome = tuple[object, str | None]  # (normal form, None) or (None, message)
Outcomes = list[Outcome]


# Raw text -> (normal form, None) or (None, message), for the rules whose values repeat
# across the rows of an import (first names, cities, countries...) and depend on the value
# alone (the state on the country too, a phone on the region). Not the dates, which depend
# on today; nor the sensitive fields, which must not linger. Phones and emails rarely
# repeat, but a worker process can work them out ahead (`remember`).
_MEMOS: dict[str, dict[object, Outcome]] = {
    field: {}
    for field in FIELDS
    if field not in {"date_of_birth", "customer_since", "driver_license", "street"}
}
_MEMO_MAX = 10_000  # values per field: past that the field starts afresh
_MEMO_TEXT_MAX = 200  # a long text (a note) is rarely repeated and costs memory
_BY_REGION = frozenset({"phone", "mobile_phone"})


def _memo_key(field: str, raw: object, ctx: _Context) -> object | None:
    """The key `raw` is remembered under for `field`, or None to run the rule each time."""
    if field not in _MEMOS or type(raw) is not str or len(raw) > _MEMO_TEXT_MAX:
        return None
    if field in _BY_REGION:
        return (raw, ctx.region)
    if field != "state":
        return raw
    country = ctx.country
    return (raw, country) if country is None or type(country) is str else None


def _keep(memo: dict[object, Outcome], key: object, known: Outcome) -> None:
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[key] = known


def normalize_each(field: str, raws: Sequence[str], region: str = DEFAULT_COUNTRY) -> Outcomes:
    """(normal form, None) or (None, message) for each value, as `normalize_customer` has it.

    For the fields that need nothing but the value and the region (not the state).
    """
    ctx = _Context(region.upper(), None, date.today())
    rule = _RULES[field]
    out: Outcomes = []
    for raw in raws:
        try:
            out.append((rule(raw, ctx), None))
        except FieldInvalid as error:
            out.append((None, error.message))
    return out


def remember(field: str, raws: Sequence[str], region: str, outcomes: Outcomes) -> None:
    """Take `normalize_each`'s outcomes (worked out elsewhere) as known to `normalize_customer`."""
    ctx = _Context(region.upper(), None, date.today())
    memo = _MEMOS[field]
    if len(memo) + len(raws) > _MEMO_MAX:
        memo.clear()  # so that these stay while the rows they came from are checked
    for raw, known in zip(raws, outcomes, strict=True):
        key = _memo_key(field, raw, ctx)
        if key is not None:
            _keep(memo, key, known)


def normalize_field(
    field: str,
    raw: object,
    *,
    region: str = DEFAULT_COUNTRY,
    country: object = None,
    today: date | None = None,
) -> object:
    """Normalise one field by name (raises FieldInvalid); `country` is only used by `state`."""
    rule = _RULES.get(field)
    if rule is None:
        raise ValueError(f"Unknown customer field: {field!r}")
    return rule(raw, _Context(region.upper(), country, today or date.today()))


def normalize_customer(
    values: Mapping[str, object],
    *,
    region: str = DEFAULT_COUNTRY,
    today: date | None = None,
) -> dict[str, object]:
    """Validate and normalise the given fields only; every invalid field is reported at once.

    Raises ValidationError mapping each invalid field to its message. `state` is checked
    against `values["country"]` (US when absent or blank), so an edit of the state must
    carry the country. `region` is the business's default phone region.
    """
    unknown = [key for key in values if key not in _FIELD_SET]
    if unknown:
        raise ValueError(f"Unknown customer field(s): {', '.join(map(repr, unknown))}")
    ctx = _Context(region.upper(), values.get("country"), today or date.today())
    result: dict[str, object] = {}
    errors: dict[str, str] = {}
    for field in FIELDS:
        if field not in values:
            continue
        raw = values[field]
        if raw is None and field in _EMPTY:
            # Most fields of most rows are empty: an import row skips a rule call for each.
            result[field] = _EMPTY[field]
            continue
        key = _memo_key(field, raw, ctx)
        known = _MEMOS[field].get(key) if key is not None else None
        if known is None:
            try:
                known = (_RULES[field](raw, ctx), None)
            except FieldInvalid as error:
                known = (None, error.message)
            if key is not None:
                _keep(_MEMOS[field], key, known)
        value, message = known
        if message is None:
            result[field] = value
        else:
            errors[field] = message
    if errors:
        raise ValidationError(errors)
    return result


# --- addresses ----------------------------------------------------------------------------------

# Countries that write "postal-code city": most of continental Europe.
_POSTAL_FIRST = frozenset(
    "AD AL AT BA BE BG CH CY CZ DE DK EE ES FI FO FR GR HR HU IS IT LI LT LU MC ME MK NL NO "
    "PL PT RO RS SE SI SK SM VA".split()
)
# Countries that write the city, then the postcode on a line of its own.
_POSTCODE_LINE = frozenset({"GB", "IE", "IM", "JE", "GG"})
_CITY_COMMA_STATE = frozenset({"US", "CA"})


def _state_name(country: str | None, state: str) -> str:
    subs = _subdivisions(country) if country else None
    if subs is None:
        return state
    return subs.names.get(state.upper(), state)


def format_address(
    street: str | None,
    street2: str | None,
    city: str | None,
    state: str | None,
    postal_code: str | None,
    country: str | None,
    *,
    home_country: str | None = None,
) -> list[str]:
    """Address lines as the country writes them; blank parts are left out.

    The country's name ends the address when a country is given, unless it equals
    `home_country` (a shop's own country is noise on every one of its customers).
    """
    street, street2, city, state, postal_code, country = (
        (part.strip() or None) if part else None
        for part in (street, street2, city, state, postal_code, country)
    )
    code = _country_code(country) if country else None
    lines = [line for line in (street, street2) if line]

    def joined(*parts: str | None) -> str:
        return " ".join(part for part in parts if part)

    if code in _CITY_COMMA_STATE:
        tail = joined(state, postal_code)
        lines.append(f"{city}, {tail}" if city and tail else city or tail)
    elif code in _POSTAL_FIRST:
        lines.append(joined(postal_code, city))
        lines.append(_state_name(code, state) if state else "")
    elif code in _POSTCODE_LINE:
        county = _state_name(code, state) if state else ""
        # Cardiff in Cardiff: a county named like its town is said once.
        if city and county.casefold() == city.casefold():
            county = ""
        lines.extend([city or "", county, postal_code or ""])
    else:
        # Numeric subdivision codes (Japan's "13") mean nothing on an envelope; names do.
        shown_state = state if state is None or not state.isdigit() else _state_name(code, state)
        lines.append(joined(city, shown_state, postal_code))
    if country:
        home = _country_code(home_country) if home_country else None
        if code is None:
            lines.append(country)
        elif code != home:
            lines.append(country_name(code))
    return [line for line in lines if line]
