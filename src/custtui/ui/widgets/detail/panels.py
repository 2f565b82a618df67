"""What each overview panel lists: the one place that says which fields it shows, in order.

Only populated fields are shown; a panel with no line is hidden (see FieldPanel).
"""

from __future__ import annotations

from textual.content import Content

from custtui.core.customers.record import CustomerRecord, Sensitive
from custtui.core.fields.contact import format_phone
from custtui.ui.formatting import Line, link


def contact_lines(customer: CustomerRecord, region: str) -> list[Line]:
    lines: list[Line] = []
    if customer.email:
        lines.append(("Email", customer.email))
    if customer.phone:
        lines.append(("Phone", format_phone(customer.phone, region)))
    if customer.mobile_phone:
        lines.append(("Mobile", format_phone(customer.mobile_phone, region)))
    address = customer.address_lines(region)
    if address:
        lines.append(("Address", "\n".join(address)))
    if customer.instagram:
        lines.append(
            (
                "Instagram",
                link(
                    f"instagram.com/{customer.instagram}",
                    f"https://instagram.com/{customer.instagram}",
                ),
            )
        )
    if customer.facebook:
        shown = customer.facebook.split("://", 1)[-1]
        lines.append(("Facebook", link(shown, customer.facebook)))
    return lines


def relationship_lines(customer: CustomerRecord, premium: bool) -> list[Line]:
    lines: list[Line] = []
    if customer.company:
        lines.append(("Company", customer.company))
    if customer.customer_since:
        lines.append(("Since", customer.customer_since.isoformat()))
    if customer.preferred_contact and customer.preferred_contact != "No Preference":
        lines.append(("Prefers", customer.preferred_contact))
    if customer.discovery_source:
        lines.append(("Found us", customer.discovery_source))
    if customer.referral_details:
        lines.append(("Referral", customer.referral_details))
    if premium and customer.is_consignor:
        code = f" {customer.consignor_code}" if customer.consignor_code else ""
        lines.append(("Consignor", Content.styled(f" Consignor{code} ", "reverse $accent")))
    opted = [
        name
        for name, on in (("email", customer.contact_by_email), ("SMS", customer.contact_by_sms))
        if on
    ]
    if opted:
        lines.append(("Opted in", " and ".join(opted)))
    if customer.notes:
        lines.append(("Notes", customer.notes))
    return lines


def identification_lines(customer: CustomerRecord, revealed: Sensitive | None) -> list[Line]:
    """Masked unless `revealed` holds the values in clear."""
    lines: list[Line] = []
    if customer.has_date_of_birth:
        dob = revealed.date_of_birth if revealed else None
        lines.append(("Born", dob.isoformat() if dob else customer.masked_date_of_birth or ""))
    if customer.masked_driver_license:
        shown = revealed.driver_license if revealed else None
        lines.append(("License", shown or customer.masked_driver_license))
    if customer.dl_state:
        lines.append(("DL state", customer.dl_state))
    return lines


def has_identification(customer: CustomerRecord) -> bool:
    """Whether there is anything to reveal."""
    return customer.has_date_of_birth or bool(customer.masked_driver_license)
