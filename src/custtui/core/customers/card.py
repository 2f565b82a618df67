"""A customer for `custtui show`: labelled lines of text, or JSON, in the catalogue's order."""

from __future__ import annotations

from custtui.core.customers.record import CustomerRecord
from custtui.core.fields.catalogue import CATALOGUE, Field, Kind, shown_order
from custtui.core.fields.contact import format_phone
from custtui.core.items.customer_items import Consignments, Purchases
from custtui.core.items.money import format_money, money_text

Line = tuple[str, str]


def plain_value(field: Field, value: object, region: str) -> str:
    """A stored value as text: phones as people write them, handles with their @."""
    if value is None or value == "":
        return ""
    if field.kind is Kind.PHONE:
        return format_phone(str(value), region)
    if field.kind is Kind.HANDLE:
        return f"@{value}"
    return str(value)


def flag_lines(record: CustomerRecord) -> list[Line]:
    """The yes/no fields said in words: consignor, opt-ins, status."""
    consignor = (record.consignor_code or "yes") if record.is_consignor else ""
    channels = (("email", record.contact_by_email), ("SMS", record.contact_by_sms))
    opted = [w for w, on in channels if on]
    status = [w for w, on in (("inactive", not record.active), ("on hold", record.on_hold)) if on]
    return [
        ("Consignor", consignor),
        ("Contact by", ", ".join(opted)),
        ("Status", ", ".join(status)),
    ]


def card_lines(
    record: CustomerRecord,
    region: str,
    *,
    date_of_birth: str | None,
    driver_license: str | None,
    items: list[Line] | None = None,
) -> list[Line]:
    """Every filled field but the name (the card's heading); secrets as given (masked or not);
    then `items` (see `item_lines`) before who updated the record last."""
    secrets = {"date_of_birth": date_of_birth, "driver_license": driver_license}
    lines: list[Line] = []
    said_address = said_flags = False
    for field in shown_order(CATALOGUE):
        if field.name in ("first_name", "last_name"):
            continue
        if field.address:
            if not said_address:
                lines.append(("Address", "\n".join(record.address_lines(region))))
                said_address = True
        elif field.kind is Kind.FLAG or field.premium:
            if not said_flags:
                lines.extend(flag_lines(record))
                said_flags = True
        elif field.sensitive:
            lines.append((field.label, secrets[field.name] or ""))
        else:
            lines.append((field.label, plain_value(field, record.value(field.name), region)))
    lines.extend(items or [])
    lines.append(("Updated", f"{record.updated_at:%Y-%m-%d %H:%M} UTC by {record.updated_by}"))
    return [(label, value) for label, value in lines if value]


def item_lines(purchases: Purchases, consignments: Consignments | None) -> list[Line]:
    """What the customer bought and, when the Consigned panel shows, consigned and is owed."""
    lines: list[Line] = []
    if purchases.count:
        noun = "item" if purchases.count == 1 else "items"
        span = f"{purchases.first_date:%Y-%m-%d}"
        if purchases.last_date != purchases.first_date:
            span += f" to {purchases.last_date:%Y-%m-%d}"
        lines.append(
            (
                "Purchases",
                f"{purchases.count} {noun}, {format_money(purchases.total_cents)}, {span}",
            )
        )
    if consignments is not None:
        c = consignments
        if c.active:
            lines.append(
                ("In the shop", f"{len(c.active)} consigned, {format_money(c.active_value_cents)}")
            )
        if c.sold:
            lines.append(
                (
                    "Sold for them",
                    f"{len(c.sold)}, {format_money(c.sold_proceeds_cents)} "
                    f"(commission {format_money(c.commission_cents)})",
                )
            )
        # Always said for a consignor: "$0.00" is the answer after a payout.
        lines.append(("Balance owed", format_money(c.balance_cents)))
    return lines


def items_json(
    purchases: Purchases, consignments: Consignments | None, consignment: bool
) -> dict[str, object]:
    """`purchases` always; `consignment` on the premium plan (zeros for a customer who never
    consigned, so a script reads the same keys for everyone). Money as decimal strings."""
    data: dict[str, object] = {
        "purchases": {
            "count": purchases.count,
            "total": money_text(purchases.total_cents),
            "first_date": purchases.first_date,
            "last_date": purchases.last_date,
        }
    }
    if consignment:
        c = consignments
        data["consignment"] = {
            "active_count": len(c.active) if c else 0,
            "active_value": money_text(c.active_value_cents if c else 0),
            "sold_count": len(c.sold) if c else 0,
            "proceeds": money_text(c.sold_proceeds_cents if c else 0),
            "commission": money_text(c.commission_cents if c else 0),
            "balance_owed": money_text(c.balance_cents if c else 0),
        }
    return data


def card_json(
    record: CustomerRecord, *, date_of_birth: str | None, driver_license: str | None
) -> dict[str, object]:
    """Every field under its JSON key, stored values as they are; secrets as given."""
    secrets = {"date_of_birth": date_of_birth, "driver_license": driver_license}
    data: dict[str, object] = {"id": record.id, "number": record.label}
    for field in CATALOGUE:
        data[field.key] = secrets[field.name] if field.sensitive else record.value(field.name)
    return data | {
        "created_at": record.created_at,
        "created_by": record.created_by,
        "updated_at": record.updated_at,
        "updated_by": record.updated_by,
        "version": record.version,
    }
