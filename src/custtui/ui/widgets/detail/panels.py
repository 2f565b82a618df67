"""What each overview panel lists, as the field catalogue places fields on panels.

Only populated fields are shown (a choice left at its default is not news); a panel with no
line is hidden (see FieldPanel).
"""

from __future__ import annotations

from datetime import date

from textual.content import Content

from custtui.core.customers.record import CustomerRecord, Sensitive
from custtui.core.fields.catalogue import BY_NAME, Field, Kind, Panel, on_panel
from custtui.core.fields.contact import format_phone
from custtui.ui.formatting import Line, link


def contact_lines(customer: CustomerRecord, region: str) -> list[Line]:
    return _lines(customer, on_panel(Panel.CONTACT), region, premium=False)


def relationship_lines(customer: CustomerRecord, premium: bool) -> list[Line]:
    return _lines(customer, on_panel(Panel.RELATIONSHIP), "", premium=premium)


def _lines(
    customer: CustomerRecord, fields: tuple[Field, ...], region: str, *, premium: bool
) -> list[Line]:
    """A panel's populated fields under their short labels, in the catalogue's order: the
    address parts as one formatted address, the yes/no fields that are on in one line."""
    lines: list[Line] = []
    opted: list[str] = []
    said_address = False

    def say_opted() -> None:
        if opted:
            lines.append(("Opted in", " and ".join(opted)))
            opted.clear()

    for field in fields:
        value = customer.value(field.name)
        if field.kind is not Kind.FLAG:
            say_opted()  # where the run of yes/no fields ends
        if field.address:
            address = [] if said_address else customer.address_lines(region)
            said_address = True
            if address:
                lines.append(("Address", "\n".join(address)))
        elif field.kind is Kind.FLAG:
            if field.premium:
                if premium and value:
                    code = f" {customer.consignor_code}" if customer.consignor_code else ""
                    badge = Content.styled(f" {field.label}{code} ", "reverse $accent")
                    lines.append((field.label, badge))
            elif value:
                opted.append(field.short_label)
        elif value not in (None, "") and value != field.default:
            lines.append((field.short_label, _shown(field, value, region)))
    say_opted()
    return lines


def _shown(field: Field, value: object, region: str) -> str | Content:
    if field.kind is Kind.PHONE:
        return format_phone(str(value), region)
    if field.kind is Kind.HANDLE and field.link_base:
        url = f"{field.link_base}{value}"
        return link(url.split("://", 1)[-1], url)
    if field.kind is Kind.LINK:
        return link(str(value).split("://", 1)[-1], str(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def identification_lines(customer: CustomerRecord, revealed: Sensitive | None) -> list[Line]:
    """Masked unless `revealed` holds the values in clear."""
    lines: list[Line] = []
    if customer.has_date_of_birth:
        dob = revealed.date_of_birth if revealed else None
        shown = dob.isoformat() if dob else customer.masked_date_of_birth or ""
        lines.append((BY_NAME["date_of_birth"].short_label, shown))
    if customer.masked_driver_license:
        licence = (revealed.driver_license if revealed else None) or customer.masked_driver_license
        lines.append((BY_NAME["driver_license"].short_label, licence))
    if customer.dl_state:
        lines.append((BY_NAME["dl_state"].short_label, customer.dl_state))
    return lines


def has_identification(customer: CustomerRecord) -> bool:
    """Whether there is anything to reveal."""
    return customer.has_date_of_birth or bool(customer.masked_driver_license)


def head_line(customer: CustomerRecord, *, premium: bool) -> Content:
    """The profile's first line: name, number, and the badges that matter at the counter."""
    parts: list[tuple[str, str] | str] = [
        (customer.name, "bold"),
        "  ",
        (customer.label, "dim"),
    ]
    if customer.is_consignor and premium:
        code = f" {customer.consignor_code}" if customer.consignor_code else ""
        parts += ["  ", (f" Consignor{code} ", "reverse $accent")]
    if customer.on_hold:
        parts += ["  ", (" On hold ", "reverse $warning")]
    if not customer.active:
        parts += ["  ", (" Inactive ", "reverse $text-muted")]
    return Content.assemble(*parts)
