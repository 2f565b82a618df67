"""What an item form or `custtui item add/edit` gives: text in, checked values out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from custtui.core.errors import FieldInvalid, ValidationError
from custtui.core.fields.values import normalize_name, normalize_text, parse_date
from custtui.core.items.money import format_percent, money_text, parse_money, parse_percent
from custtui.core.items.record import AT_EXPIRY, STATUSES, ItemRecord

TITLE_MAX = 200
CATEGORY_MAX = 100
# The form's fields, as keys of the text it hands in (`parse_item_texts`).
TEXT_FIELDS = (
    "title",
    "category",
    "status",
    "retail",
    "intake_date",
    "commission",
    "expiry_date",
    "at_expiry",
)


@dataclass(frozen=True)
class ItemValues:
    """Everything about an item but its sale (see `sell_item`). None where the business's
    defaults apply: intake today; a consigned item's commission, expiry and "return"."""

    title: str
    category: str | None = None
    status: str = "Collection"
    retail_cents: int | None = None
    intake_date: date | None = None
    consignor_id: int | None = None
    commission_bp: int | None = None
    expiry_date: date | None = None
    at_expiry: str | None = None


def values_of(item: ItemRecord) -> ItemValues:
    """The values an edit starts from."""
    return ItemValues(
        title=item.title,
        category=item.category,
        status=item.status,
        retail_cents=item.retail_cents,
        intake_date=item.intake_date,
        consignor_id=item.consignor_id,
        commission_bp=item.commission_bp,
        expiry_date=item.expiry_date,
        at_expiry=item.at_expiry,
    )


def texts_of(item: ItemRecord | None) -> dict[str, str]:
    """The form's text for an item (blank for a new one)."""
    if item is None:
        return dict.fromkeys(TEXT_FIELDS, "") | {"status": "Collection"}
    return {
        "title": item.title,
        "category": item.category or "",
        "status": item.status,
        "retail": "" if item.retail_cents is None else money_text(item.retail_cents),
        "intake_date": item.intake_date.isoformat(),
        "commission": format_percent(item.commission_bp).removesuffix("%"),
        "expiry_date": item.expiry_date.isoformat() if item.expiry_date else "",
        "at_expiry": item.at_expiry or "",
    }


def normalize_title(raw: object) -> str:
    title = normalize_name(raw, "Title")
    if len(title) > TITLE_MAX:
        raise FieldInvalid(f"Title must be at most {TITLE_MAX} characters.")
    return title


def normalize_status(raw: object) -> str:
    """One of the statuses; "Sold" passes as a sold item's form shows it (only Mark as Sold
    makes an item sold: see service._apply)."""
    text = (normalize_text(raw, "Status") or "Collection").capitalize()
    if text not in STATUSES:
        raise FieldInvalid(
            "Status is one of Collection, Wishlist, Archived (Mark as Sold sells an item)."
        )
    return text


def normalize_at_expiry(raw: object) -> str | None:
    text = normalize_text(raw, "At expiry")
    if text is None:
        return None
    word = text.lower().split()[0]
    if word not in AT_EXPIRY:
        raise FieldInvalid("At expiry is return (to the consignor) or keep (the store keeps it).")
    return word


def parse_item_texts(texts: Mapping[str, str], consignor_id: int | None) -> ItemValues:
    """Checked values from the form's text; every invalid field named at once."""
    errors: dict[str, str] = {}
    parsed: dict[str, object] = {}

    def take(name: str, rule: object) -> None:
        try:
            parsed[name] = rule(texts.get(name, ""))  # type: ignore[operator]
        except FieldInvalid as exc:
            errors[name] = exc.message

    take("title", normalize_title)
    take("category", lambda raw: normalize_text(raw, "Category", CATEGORY_MAX))
    take("status", normalize_status)
    take("retail", lambda raw: parse_money(raw, "Retail price") if raw.strip() else None)
    take("intake_date", lambda raw: parse_date(raw, "Intake date"))
    take("commission", lambda raw: parse_percent(raw) if raw.strip() else None)
    take("expiry_date", lambda raw: parse_date(raw, "Expiry date"))
    take("at_expiry", normalize_at_expiry)
    if errors:
        raise ValidationError(errors)
    return ItemValues(
        title=str(parsed["title"]),
        category=parsed["category"],  # type: ignore[arg-type]
        status=str(parsed["status"]),
        retail_cents=parsed["retail"],  # type: ignore[arg-type]
        intake_date=parsed["intake_date"],  # type: ignore[arg-type]
        consignor_id=consignor_id,
        commission_bp=parsed["commission"],  # type: ignore[arg-type]
        expiry_date=parsed["expiry_date"],  # type: ignore[arg-type]
        at_expiry=parsed["at_expiry"],  # type: ignore[arg-type]
    )
