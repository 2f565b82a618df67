"""The edit form's sections and what kind of control each field gets, as the field catalogue
(custtui.core.fields.catalogue) declares them: the form adds no field of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from custtui.core.fields.catalogue import CATALOGUE, Kind, sections


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[str, ...]


SECTIONS = tuple(
    Section(section.value, tuple(field.name for field in fields)) for section, fields in sections()
)

# Premium only.
CONSIGNMENT = tuple(f.name for f in CATALOGUE if f.premium)
# Checkboxes.
FLAGS = tuple(f.name for f in CATALOGUE if f.kind is Kind.FLAG)
# Locked on while the customer has consigned items; a line under it says so.
LOCKABLE = ("is_consignor",)
# Picked from a list; one with a default can't be left blank.
SELECTS = {f.name: f.choices for f in CATALOGUE if f.kind is Kind.CHOICE}
SELECT_DEFAULTS = {
    f.name: str(f.default) for f in CATALOGUE if f.kind is Kind.CHOICE and f.default is not None
}
# Several lines of text.
MULTILINE = tuple(f.name for f in CATALOGUE if f.kind is Kind.MULTILINE)
# Shown as people write them, stored as E.164.
PHONES = tuple(f.name for f in CATALOGUE if f.kind is Kind.PHONE)
# Masked, and never copied out.
SECRET = tuple(f.name for f in CATALOGUE if f.sensitive)
# Shown in the empty box.
HINTS = {f.name: f.hint for f in CATALOGUE if f.hint}
