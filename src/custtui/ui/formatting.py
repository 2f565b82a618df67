"""How a customer's fields read on screen: labelled lines, links, times, item icons."""

from __future__ import annotations

from datetime import datetime

from textual.content import Content
from textual.style import Style

from custtui.core.customers.record import CustomerRecord
from custtui.core.fields.contact import format_phone

LABEL_WIDTH = 11

# One cell wide in every terminal font we tried, unlike emoji.
_ICONS = {
    "Watches": "◷",
    "Sneakers": "◭",
    "Trading Cards": "▭",
    "Vinyl": "◉",
    "Handbags": "◧",
    "Jewelry": "◆",
    "Cameras": "◙",
    "Guitars": "♫",
    "Comics": "▤",
    "Vehicles": "▶",
    "Antiques": "♜",
    "Parts": "⚙",
    "Tires": "◎",
    "Service": "✚",
}

Line = tuple[str, str | Content]


def category_icon(category: str | None) -> str:
    return _ICONS.get(category or "", "•")


def local_time(moment: datetime) -> str:
    """Stored in UTC, read in the terminal's own time zone."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def link(text: str, url: str) -> Content:
    """A terminal hyperlink (OSC 8) whose text is itself readable where links don't work."""
    return Content.styled(text, Style(link=url, underline=True))


def field_lines(lines: list[Line], width: int = 0) -> Content:
    """`Label      value` rows; a value that wraps or has several lines keeps its indent."""
    out: list[Content] = []
    indent = Content(" " * (LABEL_WIDTH + 1))
    value_width = max(10, width - LABEL_WIDTH - 1) if width else 0
    for label, value in lines:
        text = value if isinstance(value, Content) else Content(value)
        rows: list[Content] = []
        for row in text.split("\n"):
            rows.extend(
                row.wrap(value_width) if value_width and row.cell_length > value_width else [row]
            )
        out.append(Content.styled(label.ljust(LABEL_WIDTH), "dim") + " " + rows[0])
        out.extend(indent + row for row in rows[1:])
    return Content("\n").join(out)


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
