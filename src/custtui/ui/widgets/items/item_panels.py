"""What the item detail shows: labelled fields, the sale, the consignment, the history.

Everything a person typed goes in as plain text (Content, never markup).
"""

from __future__ import annotations

from datetime import date

from textual.content import Content

from custtui.core.items.history import ItemEvent
from custtui.core.items.money import format_money, format_percent
from custtui.core.items.record import AT_EXPIRY_LABELS, ItemRecord
from custtui.ui.formatting import Line, category_icon, field_lines, local_time


def head(item: ItemRecord, today: date, *, consignment: bool) -> Content:
    parts: list[tuple[str, str] | str] = [
        (f"{category_icon(item.category)} {item.title}", "bold"),
        "  ",
        (item.label, "dim"),
        "  ",
        (f" {item.status} ", "reverse $accent" if item.sold else "reverse $primary"),
    ]
    if consignment and item.consigned:
        parts += ["  ", (" Consigned ", "reverse $secondary")]
    if consignment and item.expired(today):
        parts += ["  ", (" Expired ", "reverse $error")]
    if item.returned_on is not None:
        parts += ["  ", (" Returned ", "reverse $warning")]
    return Content.assemble(*parts)


def item_lines(item: ItemRecord) -> Content:
    lines: list[Line] = [
        ("Number", item.label),
        ("Title", item.title),
        ("Category", item.category or "—"),
        ("Status", item.status),
        ("Retail", format_money(item.retail_cents) or "—"),
        ("Intake", str(item.intake_date)),
        ("Added", f"{local_time(item.created_at)}  {item.created_by}"),
        ("Changed", f"{local_time(item.updated_at)}  {item.updated_by}"),
    ]
    return field_lines(lines)


def _person(name: str | None, number: int | None, gone: str) -> str:
    if number is not None:
        return f"{name or ''} (C-{number:06d})".strip()
    return f"{name} ({gone})" if name else ""


def sale_lines(item: ItemRecord) -> Content:
    if not item.sold:
        return Content("Not sold.")
    buyer = _person(item.buyer_name, item.buyer_number, "customer deleted") or "Walk-in"
    lines: list[Line] = [
        ("Sold for", format_money(item.sold_cents)),
        ("Sold on", str(item.sale_date or "")),
        ("Buyer", buyer),
    ]
    return field_lines(lines)


def consignment_lines(item: ItemRecord, today: date) -> Content:
    if not item.consigned:
        return Content("The store's own stock: not consigned.")
    consignor = _person(item.consignor_name, item.consignor_number, "customer deleted")
    lines: list[Line] = [("Consignor", consignor)]
    if item.consignor_code:
        lines.append(("Code", item.consignor_code))
    lines.append(("Commission", format_percent(item.commission_bp) or "—"))
    if item.sold:
        lines += [
            ("Store's cut", format_money(item.commission_cents)),
            ("Consignor's", format_money(item.consignor_cents)),
        ]
    expiry: str | Content = str(item.expiry_date) if item.expiry_date else "—"
    if item.expired(today):
        expiry = Content.assemble(str(item.expiry_date), "  ", ("expired", "bold $text-error"))
    lines += [
        ("Expiry", expiry),
        ("At expiry", AT_EXPIRY_LABELS.get(item.at_expiry or "", "—")),
    ]
    if item.returned_on is not None:
        lines.append(("Returned on", str(item.returned_on)))
    return field_lines(lines)


def history_lines(events: tuple[ItemEvent, ...]) -> Content:
    if not events:
        return Content("No history recorded.")
    out: list[Content] = []
    for event in events:
        out.append(
            Content.assemble(
                (f"{local_time(event.at)}  {event.actor}", "dim"), "  ", (event.title, "bold")
            )
        )
        for change in event.changes:
            if event.action == "item_created":
                if change.new:
                    out.append(Content.assemble("    ", f"{change.label}: ", change.new))
                continue
            out.append(
                Content.assemble(
                    "    ",
                    f"{change.label}: ",
                    (change.old or "(blank)", "dim"),
                    " → ",
                    (change.new or "(blank)", "bold" if change.new else "dim"),
                )
            )
    return Content("\n").join(out)
