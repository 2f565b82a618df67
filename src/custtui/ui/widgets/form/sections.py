"""The edit form's sections and what kind of control each field gets: one place to change.

The field names, labels and rules are the core's (custtui.core.fields); this says
only how the form lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass

from custtui.core.fields.values import DISCOVERY_SOURCES, PREFERRED_CONTACTS


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[str, ...]


SECTIONS = (
    Section(
        "Identity and contact",
        ("first_name", "last_name", "company", "email", "phone", "mobile_phone"),
    ),
    Section("Identification", ("date_of_birth", "driver_license", "dl_state")),
    # Country first: it decides whether the state is picked from a list.
    Section("Address", ("country", "street", "street2", "city", "state", "postal_code")),
    Section("Social", ("instagram", "facebook")),
    Section(
        "Relationship",
        (
            "customer_since",
            "discovery_source",
            "referral_details",
            "is_consignor",
            "consignor_code",
            "notes",
        ),
    ),
    Section(
        "Preferences",
        ("preferred_contact", "contact_by_email", "contact_by_sms", "active", "on_hold"),
    ),
)

# Premium only.
CONSIGNMENT = ("is_consignor", "consignor_code")
# Checkboxes.
FLAGS = ("is_consignor", "contact_by_email", "contact_by_sms", "active", "on_hold")
# Picked from a list.
SELECTS = {
    "preferred_contact": PREFERRED_CONTACTS,
    "discovery_source": DISCOVERY_SOURCES,
}
# Masked, and never copied out.
SECRET = ("date_of_birth", "driver_license")
# Shown in the empty box.
HINTS = {
    "date_of_birth": "YYYY-MM-DD or MM/DD/YYYY",
    "customer_since": "YYYY-MM-DD",
    "dl_state": "2 letters",
    "instagram": "handle, @handle or link",
    "facebook": "facebook.com/…",
    "consignor_code": "up to 6 letters and digits",
}
