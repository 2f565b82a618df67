"""A whole customer record through its fields' rules: the one gate values pass before they
are stored, whether they come from the form, the command line or an import.

`normalize_customer` checks every given field and reports every fault at once;
`normalize_each` and `remember` let an import check one column's values ahead (in a worker
process) with the same rules and messages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from custtui.core.errors import FieldInvalid, ValidationError
from custtui.core.fields.catalogue import BY_NAME, CATALOGUE, FIELDS, Kind, RuleContext
from custtui.core.fields.contact import phone_regions
from custtui.core.places import DEFAULT_COUNTRY

_CHECKS = {field.name: field.check for field in CATALOGUE}


def _empty_values() -> dict[str, object]:
    """What each rule makes of a missing value, for the rules that accept one."""
    ctx = RuleContext(DEFAULT_COUNTRY, None, date.today())
    empty: dict[str, object] = {}
    for field in CATALOGUE:
        if field.name == "state":
            continue  # depends on the country
        try:
            empty[field.name] = field.check(None, ctx)
        except FieldInvalid:
            pass  # required: a missing value must say so
    return empty


_EMPTY = _empty_values()

Outcome = tuple[object, str | None]  # (normal form, None) or (None, message)
Outcomes = list[Outcome]


# Raw text -> (normal form, None) or (None, message), for the rules whose values repeat
# across the rows of an import (first names, cities, countries...) and depend on the value
# alone (the state on the country too, a phone on the regions it is read in). Not the
# dates, which depend on today; nor the sensitive fields, which must not linger. Phones and
# emails rarely repeat, but a worker process can work them out ahead (`remember`).
_MEMOS: dict[str, dict[object, Outcome]] = {
    field.name: {}
    for field in CATALOGUE
    if not field.sensitive and field.kind is not Kind.DATE and field.name != "street"
}
_MEMO_MAX = 10_000  # values per field: past that the field starts afresh
_MEMO_TEXT_MAX = 200  # a long text (a note) is rarely repeated and costs memory
_BY_REGION = frozenset(f.name for f in CATALOGUE if f.kind is Kind.PHONE)


def _memo_key(field: str, raw: object, ctx: RuleContext) -> object | None:
    """The key `raw` is remembered under for `field`, or None to run the rule each time."""
    if field not in _MEMOS or type(raw) is not str or len(raw) > _MEMO_TEXT_MAX:
        return None
    if field in _BY_REGION:
        country = ctx.country
        if country is not None and type(country) is not str:
            return None
        return (raw, phone_regions(country, ctx.region))
    if field != "state":
        return raw
    country = ctx.country
    return (raw, country) if country is None or type(country) is str else None


def _keep(memo: dict[object, Outcome], key: object, known: Outcome) -> None:
    if len(memo) >= _MEMO_MAX:
        memo.clear()
    memo[key] = known


def normalize_each(
    field: str,
    raws: Sequence[str],
    region: str = DEFAULT_COUNTRY,
    countries: Sequence[str | None] = (),
) -> Outcomes:
    """(normal form, None) or (None, message) for each value, as `normalize_customer` has it.

    For the fields that need nothing but the value, the region and (for a phone) the
    record's country, given in `countries` beside `raws` (none: no country); not the state.
    """
    today = date.today()
    rule = _CHECKS[field]
    out: Outcomes = []
    for raw, country in zip(raws, countries or _no_countries(raws), strict=True):
        try:
            out.append((rule(raw, RuleContext(region.upper(), country, today)), None))
        except FieldInvalid as error:
            out.append((None, error.message))
    return out


def remember(
    field: str,
    raws: Sequence[str],
    region: str,
    outcomes: Outcomes,
    countries: Sequence[str | None] = (),
) -> None:
    """Take `normalize_each`'s outcomes (worked out elsewhere) as known to `normalize_customer`."""
    today = date.today()
    memo = _MEMOS[field]
    if len(memo) + len(raws) > _MEMO_MAX:
        memo.clear()  # so that these stay while the rows they came from are checked
    for raw, known, country in zip(raws, outcomes, countries or _no_countries(raws), strict=True):
        key = _memo_key(field, raw, RuleContext(region.upper(), country, today))
        if key is not None:
            _keep(memo, key, known)


def _no_countries(raws: Sequence[str]) -> list[str | None]:
    return [None] * len(raws)


def normalize_field(
    field: str,
    raw: object,
    *,
    region: str = DEFAULT_COUNTRY,
    country: object = None,
    today: date | None = None,
) -> object:
    """Normalise one field by name (raises FieldInvalid); `country` is only used by `state`."""
    rule = _CHECKS.get(field)
    if rule is None:
        raise ValueError(f"Unknown customer field: {field!r}")
    return rule(raw, RuleContext(region.upper(), country, today or date.today()))


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
    unknown = [key for key in values if key not in BY_NAME]
    if unknown:
        raise ValueError(f"Unknown customer field(s): {', '.join(map(repr, unknown))}")
    ctx = RuleContext(region.upper(), values.get("country"), today or date.today())
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
                known = (_CHECKS[field](raw, ctx), None)
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
