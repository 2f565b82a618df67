"""Countries, their subdivisions and how each writes an address (pycountry's tables)."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pycountry

from custtui.core.errors import FieldInvalid
from custtui.core.text import as_text, fold, single_line, too_long

DEFAULT_COUNTRY = "US"
FREE_STATE_MAX = 100


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
                index.setdefault(fold(name), country.alpha_2)
    return index


def country_code(raw: object) -> str | None:
    """The alpha-2 code of a code or name, DEFAULT_COUNTRY when blank, None when unknown."""
    text = as_text(raw)
    if text is None:
        return DEFAULT_COUNTRY
    index = _country_index()
    key = fold(text)
    code = index.get(key)
    if code is None and key.startswith("the "):
        code = index.get(key[4:])
    return code


def normalize_country(raw: object) -> str:
    """ISO 3166-1 alpha-2 from a code, alpha-3 or name; "US" when blank."""
    code = country_code(raw)
    if code is None:
        raise FieldInvalid("Country is not a known country.")
    return code


# What people write after a town: "London, UK", not "London, United Kingdom".
_SHORT_NAMES = {"GB": "UK", "US": "USA", "AE": "UAE"}


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
def subdivisions(country: str) -> _Subdivisions | None:
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
                lookup.setdefault(fold(name), short)
    return _Subdivisions(lookup, names)


def state_choices(country: object) -> tuple[tuple[str, str], ...]:
    """(short code, name) of the country's subdivisions sorted by name; () when it has none.

    The edit form turns the state field into a selector when this is not empty.
    """
    code = country_code(country)
    subs = subdivisions(code) if code else None
    if subs is None:
        return ()
    return tuple(sorted(subs.names.items(), key=lambda item: fold(item[1])))


def normalize_state(raw: object, country: object, label: str = "State/province") -> str | None:
    """A subdivision's short code ("CA", "ON", "BY") where the country has them, else text.

    `country` may be a code or name; an unknown country leaves the state as free text, since
    the country's own error is what the user has to fix.
    """
    text = single_line(raw)
    if text is None:
        return None
    code = country_code(country)
    subs = subdivisions(code) if code else None
    if code is None or subs is None:
        if len(text) > FREE_STATE_MAX:
            raise too_long(label, FREE_STATE_MAX)
        return text
    short = subs.lookup.get(fold(text))
    if short is None:
        raise FieldInvalid(f"{label} is not a state or province of {country_name(code)}.")
    return short


# Countries that write "postal-code city": most of continental Europe.
_POSTAL_FIRST = frozenset(
    "AD AL AT BA BE BG CH CY CZ DE DK EE ES FI FO FR GR HR HU IS IT LI LT LU MC ME MK NL NO "
    "PL PT RO RS SE SI SK SM VA".split()
)
# Countries that write the city, then the postcode on a line of its own.
_POSTCODE_LINE = frozenset({"GB", "IE", "IM", "JE", "GG"})
_CITY_COMMA_STATE = frozenset({"US", "CA"})


def _state_name(country: str | None, state: str) -> str:
    subs = subdivisions(country) if country else None
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
    code = country_code(country) if country else None
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
        home = country_code(home_country) if home_country else None
        if code is None:
            lines.append(country)
        elif code != home:
            lines.append(country_name(code))
    return [line for line in lines if line]


def address_line(
    street: str | None,
    city: str | None,
    state: str | None,
    postal_code: str | None,
    country: str | None,
    *,
    home_country: str | None = None,
) -> str:
    """An address on one line, as a person writes it in a list: "London EC1, UK", "Toronto,
    ON M5V, Canada", "10117 Berlin, Germany", "Springfield, IL 62701".

    Codes only a database knows are left out: a UK borough's ("HCK") or a German state's
    ("BE"), which the city already says. The country, when given, decides the order;
    `home_country` (the shop's) when not; its name ends the line when it isn't the shop's.
    """
    street, city, state, postal_code, country = (
        (part.strip() or None) if part else None
        for part in (street, city, state, postal_code, country)
    )
    code = country_code(country) if country else None
    form = code or (country_code(home_country) if home_country else None)

    def joined(*parts: str | None) -> str:
        return " ".join(part for part in parts if part)

    if form in _CITY_COMMA_STATE:
        place = ", ".join(p for p in (city, joined(state, postal_code)) if p)
    elif form in _POSTAL_FIRST:
        place = joined(postal_code, city or (_state_name(form, state) if state else None))
    elif form in _POSTCODE_LINE:
        place = joined(city or (_state_name(form, state) if state else None), postal_code)
    else:
        shown_state = state if state is None or not state.isdigit() else _state_name(form, state)
        if city and shown_state and shown_state.casefold() == city.casefold():
            shown_state = None  # Tokyo in Tokyo
        place = joined(city, shown_state, postal_code)
    parts = [street, place]
    if country:
        home = country_code(home_country) if home_country else None
        if code is None:
            parts.append(country)
        elif code != home:
            parts.append(_SHORT_NAMES.get(code) or country_name(code))
    return ", ".join(p for p in parts if p)
