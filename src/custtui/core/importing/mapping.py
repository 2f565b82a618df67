"""Import wizard step 2: map spreadsheet columns to customer fields.

Pure functions only: reading the file and writing customers belong to other modules, so
the TUI and the `import` command can share this mapping logic and its tests.

Header matching (`guess_field`, `auto_map`):

- A header is normalised by casefolding and dropping everything but letters and digits, so
  "E-mail Address", "E_MAIL" and " email address " all read the same.
- An *exact* match compares the whole normalised header with a synonym list.
- A *fallback* match retries after dropping number words and qualifier words ("2", "other",
  "alt", "work", ...), so "Email 2" or "Phone (Other)" still find Email or Phone.
- `auto_map` hands each target to one column only: exact matches claim targets first, in
  column order, then fallback matches take what is left. That way "Email 2" before "Email"
  does not steal Email from the primary column.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import CONSTANTS

from custtui.core.customers.export import unneutralise
from custtui.core.errors import CusttuiError
from custtui.core.fields.catalogue import CATALOGUE

__all__ = [
    "IMPORT_FIELDS",
    "NAME_REQUIRED",
    "MappingError",
    "apply_mapping",
    "auto_map",
    "check_mapping",
    "guess_field",
    "has_name",
    "mapper",
    "mapping_key",
    "parse_overrides",
    "split_full_name",
    "with_overrides",
]

FULL_NAME = "full_name"  # not a field: a whole name, split into the first and last names


def _import_fields() -> dict[str, str]:
    targets: dict[str, str] = {}
    for field in CATALOGUE:
        if field.import_label:
            targets[field.name] = field.import_label
        if field.name == "last_name":
            targets[FULL_NAME] = "Full Name"
    return targets


# Target -> the name the mapping offers it under, in the order it offers them.
IMPORT_FIELDS: dict[str, str] = _import_fields()

NAME_REQUIRED = "Map a First Name or a Full Name column to go on."

_SKIP_WORDS = frozenset({"", "skip", "none", "ignore"})

_SYNONYMS: dict[str, tuple[str, ...]] = {
    field.name: field.synonyms for field in CATALOGUE if field.synonyms
} | {FULL_NAME: ("Name", "Full Name", "Customer Name", "Contact Name", "Contact", "Customer")}

# Words that distinguish a second column of the same kind ("Email 2", "Phone (Other)")
# rather than change what the column holds.
_QUALIFIERS = frozenset(
    {
        "other",
        "alt",
        "alternate",
        "alternative",
        "secondary",
        "second",
        "primary",
        "main",
        "personal",
        "private",
        "home",
        "work",
        "office",
        "business",
        "additional",
        "extra",
        "new",
        "old",
    }
)

_NON_ALNUM = re.compile(r"[\W_]+")


def _normalise(text: str) -> str:
    return _NON_ALNUM.sub("", text.casefold())


def _words(text: str) -> list[str]:
    return [word for word in _NON_ALNUM.split(text.casefold()) if word]


_EXACT: dict[str, str] = {
    _normalise(synonym): target for target, synonyms in _SYNONYMS.items() for synonym in synonyms
}


def _exact_field(header: str) -> str | None:
    return _EXACT.get(_normalise(header))


def _fallback_field(header: str) -> str | None:
    kept = [word for word in _words(header) if not word.isdigit() and word not in _QUALIFIERS]
    if not kept:
        return None
    return _EXACT.get("".join(kept))


def guess_field(header: str) -> str | None:
    """The target a header most likely means, or None when nothing fits."""
    return _exact_field(header) or _fallback_field(header)


def auto_map(headers: Sequence[str]) -> list[str | None]:
    """One target (or None to skip) per column; each target is given to one column at most."""
    mapping: list[str | None] = [None] * len(headers)
    taken: set[str] = set()
    for finder in (_exact_field, _fallback_field):
        for index, header in enumerate(headers):
            if mapping[index] is not None:
                continue
            target = finder(header)
            if target is not None and target not in taken:
                mapping[index] = target
                taken.add(target)
    return mapping


def has_name(mapping: Sequence[str | None]) -> bool:
    """Whether the mapping lets the import proceed (see NAME_REQUIRED)."""
    return "first_name" in mapping or FULL_NAME in mapping


@lru_cache(maxsize=1)
def _name_words() -> frozenset[str]:
    """Every word nameparser treats specially (titles, suffixes, prefixes, conjunctions...)."""
    words: set[str] = set()
    for name in (
        "titles",
        "first_name_titles",
        "suffix_acronyms",
        "suffix_not_acronyms",
        "suffix_acronyms_ambiguous",
        "conjunctions",
        "prefixes",
        "non_first_name_prefixes",
        "bound_first_names",
    ):
        words.update(str(word).lower() for word in getattr(CONSTANTS, name, ()))
    return frozenset(words)


def _plain_pair(cleaned: str) -> tuple[str, str] | None:
    # Most full names are two plain words, which nameparser (~0.1 ms a name) would split
    # exactly there: answering them directly keeps a 100,000-row import fast.
    first, space, last = cleaned.partition(" ")
    if not space or " " in last or not first.isalpha() or not last.isalpha():
        return None
    if CONSTANTS.patronymic_name_order:
        return None
    special = _name_words()
    if first.lower() in special or last.lower() in special:
        return None
    return first, last


def split_full_name(text: str) -> tuple[str, str]:
    """(first, last) from a full name: a title is dropped, nothing else is.

    Middle names stay with the first name ("Mary Ann", "J. R. R.") and suffixes with the last
    ("Smith Jr."): the record has no fields of their own for them, and an import must not
    lose what the file said.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        return "", ""
    plain = _plain_pair(cleaned)
    if plain is not None:
        return plain
    return _parsed_pair(HumanName(cleaned), cleaned)


def _parsed_pair(name: HumanName, cleaned: str) -> tuple[str, str]:
    first = " ".join(part for part in (name.first, name.middle) if part).strip()
    last = " ".join(part for part in (name.last, name.suffix) if part).strip()
    if not first and not last:
        # nameparser read the whole text as a title ("Dr."); keep it rather than silently
        # losing the only name the row has.
        return cleaned, ""
    if not first:
        return last, ""
    return first, last


def _cell(row: Sequence[str], index: int) -> str:
    # Spreadsheet rows are often ragged: a short row just has empty trailing cells.
    if index >= len(row):
        return ""
    raw = row[index]
    if raw is None:
        return ""
    value = str(raw).strip()
    # unneutralise only changes a value that starts with an apostrophe; the rest is
    # already stripped.
    return unneutralise(value).strip() if value[:1] == "'" else value


def apply_mapping(row: Sequence[str], mapping: Sequence[str | None]) -> dict[str, str]:
    """A row's non-empty values keyed by customer field, with a Full Name split up."""
    return mapper(mapping)(row)


def mapper(mapping: Sequence[str | None]) -> Callable[[Sequence[str]], dict[str, str]]:
    """`apply_mapping` for one mapping, worked out once for the many rows of an import."""
    columns = [(i, t) for i, t in enumerate(mapping) if t is not None and t != FULL_NAME]
    full_names = [i for i, t in enumerate(mapping) if t == FULL_NAME]

    def apply(row: Sequence[str]) -> dict[str, str]:
        values: dict[str, str] = {}
        for index, target in columns:
            value = _cell(row, index)
            if value and target not in values:
                values[target] = value
        full_name = next((name for i in full_names if (name := _cell(row, i))), "")
        if full_name:
            first, last = split_full_name(full_name)
            # A dedicated First/Last Name column is more precise than a split, so it wins.
            if first and "first_name" not in values:
                values["first_name"] = first
            if last and "last_name" not in values:
                values["last_name"] = last
        return values

    return apply


def mapping_key(headers: Sequence[str]) -> str:
    """A key that is the same for any file with these headers, in this order."""
    # Order matters because a mapping is positional; the separator keeps ("ab", "c")
    # apart from ("a", "bc").
    joined = "\x1f".join(_normalise(header) for header in headers)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()


def _find_header(name: str, headers: Sequence[str]) -> int:
    wanted = name.strip()
    exact = [i for i, header in enumerate(headers) if header.strip() == wanted]
    matches = exact or [
        i for i, header in enumerate(headers) if header.strip().casefold() == wanted.casefold()
    ]
    if not matches:
        known = ", ".join(f'"{header}"' for header in headers) or "none"
        raise ValueError(f'The file has no column "{wanted}". Its columns are: {known}.')
    if len(matches) > 1:
        raise ValueError(f'The file has more than one column called "{wanted}".')
    return matches[0]


def _find_field(name: str) -> str | None:
    wanted = _normalise(name)
    if wanted in _SKIP_WORDS:
        return None
    for key, label in IMPORT_FIELDS.items():
        if wanted in (_normalise(key), _normalise(label)):
            return key
    known = ", ".join(IMPORT_FIELDS.values())
    raise ValueError(f'"{name.strip()}" is not a field. Use one of: {known}, or skip.')


def parse_overrides(pairs: Sequence[str], headers: Sequence[str]) -> dict[int, str | None]:
    """Column index -> target (None to skip) from `--map "Header=field"` options."""
    overrides: dict[int, str | None] = {}
    claimed: dict[str, str] = {}
    for pair in pairs:
        # Split on the last "=" since a header may contain one but a field name never does.
        header, sep, field = pair.rpartition("=")
        if not sep or not header.strip():
            raise ValueError(f'"{pair}" is not of the form "Header=field".')
        index = _find_header(header, headers)
        if index in overrides:
            raise ValueError(f'The column "{header.strip()}" is mapped more than once.')
        target = _find_field(field)
        if target is not None:
            if target in claimed:
                raise ValueError(
                    f'{IMPORT_FIELDS[target]} is mapped to both "{claimed[target]}" '
                    f'and "{header.strip()}".'
                )
            claimed[target] = header.strip()
        overrides[index] = target
    return overrides


class MappingError(CusttuiError):
    """The column mapping can't be imported with (no name column, a field mapped twice)."""


def check_mapping(headers: Sequence[str], mapping: Sequence[str | None]) -> None:
    """Raise MappingError unless the mapping can be imported with."""
    if len(mapping) != len(headers):
        raise MappingError("The mapping does not fit the file's columns.")
    claimed: dict[str, str] = {}
    for header, target in zip(headers, mapping, strict=True):
        if target is None:
            continue
        if target not in IMPORT_FIELDS:
            raise MappingError(f'"{target}" is not a field a column can be imported into.')
        if target in claimed:
            raise MappingError(
                f'{IMPORT_FIELDS[target]} is mapped to both "{claimed[target]}" and "{header}"; '
                "skip one of them."
            )
        claimed[target] = header
    if not has_name(mapping):
        raise MappingError(NAME_REQUIRED)


def with_overrides(
    mapping: Sequence[str | None], overrides: dict[int, str | None]
) -> list[str | None]:
    """`mapping` with the given columns changed; a field given to a column leaves the others."""
    chosen = set(overrides.values())
    result = [
        None if (index not in overrides and target in chosen) else target
        for index, target in enumerate(mapping)
    ]
    for index, target in overrides.items():
        result[index] = target
    return result
