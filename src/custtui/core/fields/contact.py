"""Email addresses and phone numbers: checked with email-validator and phonenumbers, stored
in their normal forms (an email as validated, a phone as E.164), shown as people write them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from custtui.core.errors import FieldInvalid
from custtui.core.places import DEFAULT_COUNTRY, country_code
from custtui.core.text import as_text

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
    text = as_text(raw)
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


def phone_regions(country: object, region: str) -> tuple[str, ...]:
    """Where a number without a country code is read: in the record's country (a code or a
    name), then in the business's `region`; in `region` alone when the country is blank or
    unknown. The one place the form, the command line and the importer take this from."""
    if country is None or type(country) is str:
        return _phone_regions(country, region.upper())
    return _phone_regions(as_text(country), region.upper())


@lru_cache(maxsize=1024)
def _phone_regions(country: str | None, region: str) -> tuple[str, ...]:
    home = country_code(country) if as_text(country) is not None else None
    if home is None or home == region:
        return (region,)
    return (home, region)


def normalize_phone(
    raw: object, region: str = DEFAULT_COUNTRY, label: str = "Phone", *, country: object = None
) -> str | None:
    """A valid phone number, stored E.164; a number without a country code is read in the
    record's `country` first, then in the business's `region` (see `phone_regions`)."""
    invalid = FieldInvalid(f"{label} is not a valid phone number.")
    if isinstance(raw, bool):
        raise invalid
    if isinstance(raw, float) and not raw.is_integer():
        raise invalid
    text = as_text(raw)
    if text is None:
        return None
    spreadsheet = _SPREADSHEET_NUMBER_RE.fullmatch(text)
    if spreadsheet:
        text = spreadsheet.group(1)
    regions = phone_regions(country, region)
    number = _parse_valid(text, regions)
    if number is None and _looks_like_lost_plus(text):
        number = _parse_valid("+" + text, regions[:1])
    if number is None:
        raise invalid
    if number.extension:
        # E.164 has no room for an extension; dropping it silently would lose the
        # part that reaches the person.
        raise FieldInvalid(f"{label} can't have an extension; put it in the notes.")
    return phonenumbers.format_number(number, _E164)


def _parse_valid(text: str, regions: tuple[str, ...]) -> phonenumbers.PhoneNumber | None:
    """The number `text` is, read in the first of `regions` where it is valid."""
    for region in regions:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            continue  # phonenumbers may not know the region (Antarctica has no plan)
        if _is_valid(number, region):
            return number
    return None


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
