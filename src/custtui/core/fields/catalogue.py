"""The customer field catalogue: every field declared once.

Each entry says what the field is called (label, command-line flag, import synonyms, export
column, JSON key), how it is entered (kind, form section, hint), which rule checks it, and
where it shows (detail panel). The command line's flags, the edit form's sections, the detail
panels, the import mapping, the export columns, `show --json`, the history's labels and the
validation of a whole record are all derived from this tuple, so a new plain field is one
entry here plus the migration that adds its column.

The order of the tuple is the order fields are listed in wherever several show together
(the flags, the import's targets, the export's columns, the panels, `show`), except that
long text (notes) comes last on a card, a panel or a form section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import NamedTuple

from custtui.core.fields.contact import normalize_email, normalize_phone
from custtui.core.fields.values import (
    COMPANY_MAX,
    DISCOVERY_SOURCES,
    DRIVER_LICENSE_MAX,
    PREFERRED_CONTACTS,
    TEXT_MAX,
    normalize_bool,
    normalize_consignor_code,
    normalize_customer_since,
    normalize_date_of_birth,
    normalize_discovery_source,
    normalize_dl_state,
    normalize_facebook,
    normalize_instagram,
    normalize_name,
    normalize_notes,
    normalize_preferred_contact,
    normalize_text,
)
from custtui.core.places import normalize_country, normalize_state


class Kind(Enum):
    """How a value is entered and shown."""

    TEXT = "text"
    MULTILINE = "multiline"
    PHONE = "phone"
    DATE = "date"
    SECRET = "secret"  # encrypted at rest, masked until revealed
    CHOICE = "choice"
    FLAG = "flag"
    LINK = "link"  # a web address, shown as a terminal link
    HANDLE = "handle"  # a user name on a site (`link_base`), shown as @handle or a link


class Section(Enum):
    """The edit form's sections, in the order the form shows them."""

    IDENTITY = "Identity and contact"
    IDENTIFICATION = "Identification"
    ADDRESS = "Address"
    SOCIAL = "Social"
    RELATIONSHIP = "Relationship"
    PREFERENCES = "Preferences"


class Panel(Enum):
    """The detail screen's panel a field shows in (None: not on a panel of its own)."""

    CONTACT = "Contact"
    RELATIONSHIP = "Relationship"
    IDENTIFICATION = "Identification"


class RuleContext(NamedTuple):
    region: str  # the business's phone region, for numbers the record's country doesn't place
    country: object  # the record's raw country value, which the state is checked against
    today: date


# A rule gets the raw value, the record's context and the field's label (for its messages).
Rule = Callable[[object, RuleContext, str], object]


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    kind: Kind
    section: Section
    rule: Rule
    flag: str  # the command line's --flag on add and edit
    sensitive: bool = False  # encrypted at rest; never searched, listed or exported
    searchable: bool = False  # the list's filter matches it
    premium: bool = False  # consignment: only on the premium plan
    default: object = None  # what a create stores when the field is left out
    choices: tuple[str, ...] = ()
    hint: str | None = None  # the form's placeholder
    leads_section: bool = False  # shown first in its section: it decides how others are entered
    panel: Panel | None = None
    panel_label: str | None = None  # a shorter label on the detail panel
    import_label: str | None = None  # offered by the import mapping under this name
    synonyms: tuple[str, ...] = ()  # import headers that mean this field
    export_column: str | None = None
    address: bool = False  # a part of the postal address, shown as one formatted block
    json_key: str | None = None
    link_base: str | None = None  # a HANDLE's profile address, the handle appended

    @property
    def key(self) -> str:
        """The field's key in JSON output."""
        return self.json_key or self.name

    @property
    def short_label(self) -> str:
        return self.panel_label or self.label

    def check(self, raw: object, ctx: RuleContext) -> object:
        """The value's normal form; raises FieldInvalid with a message naming the field."""
        return self.rule(raw, ctx, self.label)


def _text(limit: int = TEXT_MAX) -> Rule:
    return lambda raw, ctx, label: normalize_text(raw, label, limit)


def _flag(default: bool = False) -> Rule:
    return lambda raw, ctx, label: normalize_bool(raw, label, default)


def _name(raw: object, ctx: RuleContext, label: str) -> object:
    return normalize_name(raw, label)


def _phone(raw: object, ctx: RuleContext, label: str) -> object:
    return normalize_phone(raw, ctx.region, label, country=ctx.country)


def _plain(rule: Callable[[object], object]) -> Rule:
    """A rule of the value alone, whose messages say the field's name themselves."""
    return lambda raw, ctx, label: rule(raw)


T, ID, AD, SO, RE, PR = (
    Section.IDENTITY,
    Section.IDENTIFICATION,
    Section.ADDRESS,
    Section.SOCIAL,
    Section.RELATIONSHIP,
    Section.PREFERENCES,
)

CATALOGUE: tuple[Field, ...] = (
    Field(
        "first_name", "First name", Kind.TEXT, T, _name, "--first",
        searchable=True, import_label="First Name", export_column="First Name",
        synonyms=("First Name", "Given Name", "First", "Forename", "fname", "Given"),
    ),
    Field(
        "last_name", "Last name", Kind.TEXT, T, _name, "--last",
        searchable=True, import_label="Last Name", export_column="Last Name",
        synonyms=("Last Name", "Surname", "Family Name", "Last", "lname"),
    ),
    Field(
        "company", "Company", Kind.TEXT, T, _text(COMPANY_MAX), "--company",
        searchable=True, panel=Panel.RELATIONSHIP,
        import_label="Company", export_column="Company",
        synonyms=(
            "Company", "Organisation", "Organization", "Business Name", "Business",
            "Company Name", "Employer", "Org",
        ),
    ),
    Field(
        "email", "Email", Kind.TEXT, T, _plain(normalize_email), "--email",
        searchable=True, panel=Panel.CONTACT, import_label="Email", export_column="Email",
        synonyms=("Email", "E-mail", "E-mail Address", "Email Address", "Mail"),
    ),
    Field(
        "phone", "Phone", Kind.PHONE, T, _phone, "--phone",
        searchable=True, panel=Panel.CONTACT, import_label="Phone", export_column="Phone",
        synonyms=(
            "Phone", "Telephone", "Tel", "Phone Number", "Home Phone", "Work Phone",
            "Business Phone", "Telephone Number",
        ),
    ),
    Field(
        "mobile_phone", "Mobile phone", Kind.PHONE, T, _phone, "--mobile",
        searchable=True, panel=Panel.CONTACT, panel_label="Mobile",
        import_label="Mobile Phone",
        synonyms=(
            "Mobile", "Cell", "Cell Phone", "Mobile Phone", "Mobile Number", "Cell Number",
            "Cellphone",
        ),
    ),
    Field(
        "street", "Street address", Kind.TEXT, AD, _text(), "--street",
        address=True, panel=Panel.CONTACT,
        import_label="Street Address", export_column="Street Address",
        synonyms=(
            "Address", "Street", "Street Address", "Address 1", "Address Line 1",
            "Street Address 1", "Street 1",
        ),
    ),
    Field(
        "street2", "Street address 2", Kind.TEXT, AD, _text(), "--street2",
        address=True, panel=Panel.CONTACT,
        import_label="Street Address 2", export_column="Street Address 2",
        synonyms=(
            "Address 2", "Address Line 2", "Street 2", "Street Address 2", "Apt", "Suite",
            "Apartment",
        ),
    ),
    Field(
        "city", "City", Kind.TEXT, AD, _text(), "--city",
        address=True, panel=Panel.CONTACT, import_label="City", export_column="City",
        synonyms=("City", "Town", "Locality"),
    ),
    Field(
        "state", "State/province", Kind.TEXT, AD,
        lambda raw, ctx, label: normalize_state(raw, ctx.country, label), "--state",
        address=True, panel=Panel.CONTACT,
        import_label="State/Province", export_column="State/Province",
        synonyms=("State", "Province", "Region", "County", "State/Province"),
    ),
    Field(
        "postal_code", "Postal code", Kind.TEXT, AD, _text(), "--postal",
        address=True, panel=Panel.CONTACT,
        import_label="Postal Code", export_column="Postal Code",
        synonyms=("Zip", "Zip Code", "Postcode", "Postal Code", "Post Code"),
    ),
    Field(
        "country", "Country", Kind.TEXT, AD, _plain(normalize_country), "--country",
        default="US", leads_section=True, address=True, panel=Panel.CONTACT,
        import_label="Country", export_column="Country",
        synonyms=("Country", "Country Code", "Nation"),
    ),
    Field(
        "notes", "Notes", Kind.MULTILINE, RE, _plain(normalize_notes), "--notes",
        panel=Panel.RELATIONSHIP, import_label="Notes", export_column="Notes",
        synonyms=("Notes", "Note", "Comments", "Comment", "Remarks"),
    ),
    Field(
        "instagram", "Instagram", Kind.HANDLE, SO, _plain(normalize_instagram), "--instagram",
        hint="handle, @handle or link", panel=Panel.CONTACT, import_label="Instagram",
        link_base="https://instagram.com/",
        synonyms=("Instagram", "IG", "Insta"),
    ),
    Field(
        "facebook", "Facebook", Kind.LINK, SO, _plain(normalize_facebook), "--facebook",
        hint="facebook.com/…", panel=Panel.CONTACT, import_label="Facebook",
        synonyms=("Facebook", "FB", "Facebook URL"),
    ),
    Field(
        "date_of_birth", "Date of birth", Kind.SECRET, ID,
        lambda raw, ctx, label: normalize_date_of_birth(raw, ctx.today, label), "--dob",
        sensitive=True, hint="YYYY-MM-DD or MM/DD/YYYY", panel=Panel.IDENTIFICATION,
        panel_label="Born",
    ),
    Field(
        "driver_license", "Driver license", Kind.SECRET, ID, _text(DRIVER_LICENSE_MAX), "--dl",
        sensitive=True, panel=Panel.IDENTIFICATION, panel_label="License",
    ),
    Field(
        "dl_state", "DL state", Kind.TEXT, ID, _plain(normalize_dl_state), "--dl-state",
        hint="2 letters", panel=Panel.IDENTIFICATION,
    ),
    Field(
        "customer_since", "Customer since", Kind.DATE, RE,
        lambda raw, ctx, label: normalize_customer_since(raw, ctx.today, label), "--since",
        hint="YYYY-MM-DD", panel=Panel.RELATIONSHIP, panel_label="Since",
    ),
    Field(
        "preferred_contact", "Preferred contact", Kind.CHOICE, PR,
        _plain(normalize_preferred_contact), "--preferred-contact",
        default="No Preference", choices=PREFERRED_CONTACTS,
        panel=Panel.RELATIONSHIP, panel_label="Prefers",
    ),
    Field(
        "discovery_source", "Discovery source", Kind.CHOICE, RE,
        _plain(normalize_discovery_source), "--source",
        choices=DISCOVERY_SOURCES, panel=Panel.RELATIONSHIP, panel_label="Found us",
    ),
    Field(
        "referral_details", "Referral details", Kind.TEXT, RE, _text(), "--referral",
        panel=Panel.RELATIONSHIP, panel_label="Referral",
    ),
    Field(
        "is_consignor", "Consignor", Kind.FLAG, RE, _flag(), "--consignor",
        premium=True, default=False, panel=Panel.RELATIONSHIP,
    ),
    Field(
        "consignor_code", "Consignor code", Kind.TEXT, RE, _plain(normalize_consignor_code),
        "--consignor-code", premium=True, hint="up to 6 letters and digits",
    ),
    Field(
        "contact_by_email", "Contact by email", Kind.FLAG, PR, _flag(), "--contact-email",
        default=False, panel=Panel.RELATIONSHIP, panel_label="email",
    ),
    Field(
        "contact_by_sms", "Contact by SMS", Kind.FLAG, PR, _flag(), "--contact-sms",
        default=False, panel=Panel.RELATIONSHIP, panel_label="SMS",
    ),
    Field("active", "Active", Kind.FLAG, PR, _flag(True), "--active", default=True),
    Field("on_hold", "On hold", Kind.FLAG, PR, _flag(), "--on-hold", default=False),
)

BY_NAME: dict[str, Field] = {field.name: field for field in CATALOGUE}
FIELDS: tuple[str, ...] = tuple(BY_NAME)
FIELD_LABELS: dict[str, str] = {field.name: field.label for field in CATALOGUE}
SENSITIVE: frozenset[str] = frozenset(f.name for f in CATALOGUE if f.sensitive)
PLAIN_FIELDS: tuple[str, ...] = tuple(f.name for f in CATALOGUE if not f.sensitive)
CONSIGNMENT_FIELDS: frozenset[str] = frozenset(f.name for f in CATALOGUE if f.premium)
SEARCHABLE: tuple[str, ...] = tuple(f.name for f in CATALOGUE if f.searchable)
ADDRESS_FIELDS: tuple[str, ...] = tuple(f.name for f in CATALOGUE if f.address)
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = tuple(
    (f.export_column, f.name) for f in CATALOGUE if f.export_column
)


def sections() -> tuple[tuple[Section, tuple[Field, ...]], ...]:
    """The edit form's sections and their fields, in the order the form shows them."""
    return tuple(
        (section, tuple(sorted(shown_order(_in(section)), key=lambda f: not f.leads_section)))
        for section in Section
    )


def _in(section: Section) -> Iterable[Field]:
    return (f for f in CATALOGUE if f.section is section)


def on_panel(panel: Panel) -> tuple[Field, ...]:
    """The fields of a detail panel, in the order it shows them."""
    return shown_order(f for f in CATALOGUE if f.panel is panel)


def shown_order(fields: Iterable[Field]) -> tuple[Field, ...]:
    """Catalogue order, but long text last: it reads best at the end of a card."""
    return tuple(sorted(fields, key=lambda f: f.kind is Kind.MULTILINE))
