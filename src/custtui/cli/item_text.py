"""Items as the command line prints them: aligned rows, labelled lines, or JSON.

Consignment (consignor, commission, expiry) is shown only where the plan has it: on pro the
data stays in the store but no command says it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from custtui.core.customers.record import format_number
from custtui.core.items.money import format_money, format_percent, money_text
from custtui.core.items.record import AT_EXPIRY_LABELS, ItemRecord
from custtui.core.text import single_line


def safe(value: object) -> str:
    """Text from people on one line with no control characters: a stored title holding an
    escape sequence or a line break must not steer the terminal or tear a row apart."""
    return single_line(value) or ""


def price_cents(item: ItemRecord) -> int | None:
    """What a row shows: the sold price once sold, the retail price before."""
    return item.sold_cents if item.sold else item.retail_cents


def row_cells(item: ItemRecord, consignment: bool) -> list[str]:
    cells = [
        item.label,
        item.status,
        safe(item.title),
        safe(item.category),
        format_money(price_cents(item)),
    ]
    if consignment:
        cells.append(safe(item.consignor_code))
    cells.append(safe(item.buyer_name))
    if consignment:
        expiry = item.expiry_date if item.consigned and item.active else None
        cells.append(f"expires {expiry:%Y-%m-%d}" if expiry else "")
    return cells


def aligned(rows: Iterable[Sequence[str]]) -> list[str]:
    """Columns padded to their widest cell; a column empty in every row takes no room."""
    table = [list(r) for r in rows]
    if not table:
        return []
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True) if width]
        lines.append("  ".join(cells).rstrip())
    return lines


def item_json(item: ItemRecord, consignment: bool, today: date) -> dict[str, object]:
    """Every field of an item under a stable key; money as decimal strings ("54.00")."""

    def money(cents: int | None) -> str | None:
        return None if cents is None else money_text(cents)

    data: dict[str, object] = {
        "number": item.label,
        "title": item.title,
        "category": item.category,
        "status": item.status,
        "retail_price": money(item.retail_cents),
        "price": money(price_cents(item)),
        "intake_date": item.intake_date,
        "sold_price": money(item.sold_cents),
        "sale_date": item.sale_date,
        "buyer": format_number(item.buyer_number) if item.buyer_number else None,
        "buyer_name": item.buyer_name,
    }
    if consignment:
        data |= {
            "consigned": item.consigned,
            "consignor": (format_number(item.consignor_number) if item.consignor_number else None),
            "consignor_name": item.consignor_name,
            "consignor_code": item.consignor_code,
            "commission_percent": format_percent(item.commission_bp).removesuffix("%") or None,
            "commission": money(item.commission_cents if item.consigned else None),
            "consignor_amount": money(item.consignor_cents),
            "expiry_date": item.expiry_date,
            "at_expiry": item.at_expiry,
            "expired": item.expired(today),
            "returned_on": item.returned_on,
        }
    return data | {
        "created_at": item.created_at,
        "created_by": item.created_by,
        "updated_at": item.updated_at,
        "updated_by": item.updated_by,
        "version": item.version,
    }


def item_lines(item: ItemRecord, consignment: bool, today: date) -> list[tuple[str, str]]:
    """`custtui item show`: the filled fields, labelled."""
    lines = [
        ("Status", item.status),
        ("Category", safe(item.category)),
        ("Retail price", format_money(item.retail_cents)),
        ("Intake date", f"{item.intake_date:%Y-%m-%d}"),
    ]
    if item.sold:
        buyer = safe(item.buyer_name) or "walk-in"
        if item.buyer_number:
            buyer += f" ({format_number(item.buyer_number)})"
        lines += [
            ("Sold price", format_money(item.sold_cents)),
            ("Sale date", f"{item.sale_date:%Y-%m-%d}" if item.sale_date else ""),
            ("Buyer", buyer),
        ]
    if consignment and item.consigned:
        who = safe(item.consignor_name)
        if item.consignor_number:
            who += f" ({format_number(item.consignor_number)}"
            who += f", {safe(item.consignor_code)})" if item.consignor_code else ")"
        expiry = f"{item.expiry_date:%Y-%m-%d}" if item.expiry_date else ""
        if expiry and item.expired(today):
            expiry += " (expired)"
        lines += [
            ("Consignor", who),
            ("Commission", format_percent(item.commission_bp)),
            ("Expiry date", expiry),
            ("At expiry", AT_EXPIRY_LABELS.get(item.at_expiry or "", "")),
        ]
        if item.sold:
            lines += [
                ("Commission amount", format_money(item.commission_cents)),
                ("To the consignor", format_money(item.consignor_cents)),
            ]
    if item.returned_on:
        lines.append(("Returned on", f"{item.returned_on:%Y-%m-%d}"))
    lines.append(("Updated", f"{item.updated_at:%Y-%m-%d %H:%M} UTC by {safe(item.updated_by)}"))
    return [(label, value) for label, value in lines if value]
