"""Money and rates, exact: integer cents and basis points, never floats.

The commission rule, stated once: commission = sold price x rate, rounded half up to the
cent; the consignor is credited the sold price minus that commission. So 90.00 at 40 % is
36.00 commission and 54.00 to the consignor; 0.05 at 50 % is 0.03 and 0.02.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from custtui.core.errors import FieldInvalid

__all__ = [
    "commission_cents",
    "consignor_cents",
    "format_money",
    "format_percent",
    "money_text",
    "parse_money",
    "parse_percent",
]

_MONEY = re.compile(r"^\$?\s*(\d{1,3}(,\d{3})+|\d+)?(\.\d{0,2})?$")
MAX_CENTS = 10**13  # 100 billion: more than any shop's item, less than a BigInteger


def parse_money(text: str, label: str = "Price") -> int:
    """Cents from "90", "90.5", "$1,234.50"; a clear message for anything else."""
    cleaned = text.strip()
    match = _MONEY.match(cleaned)
    if not cleaned or not match or cleaned in ("$", ".", "$."):
        raise FieldInvalid(f"{label} is an amount like 90.00.")
    whole = (match.group(1) or "0").replace(",", "")
    cents = int(whole) * 100 + int(((match.group(3) or ".")[1:] + "00")[:2])
    if cents >= MAX_CENTS:
        raise FieldInvalid(f"{label} is too large.")
    return cents


def parse_percent(text: str, label: str = "Commission") -> int:
    """Basis points from "40", "12.5", "40%"; between 0 and 100 with at most two decimals."""
    cleaned = text.strip().removesuffix("%").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise FieldInvalid(f"{label} is a percentage like 40 or 12.5.") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise FieldInvalid(f"{label} is between 0 and 100 %.")
    basis_points = value * 100
    if basis_points != basis_points.to_integral_value():
        raise FieldInvalid(f"{label} has at most two decimals.")
    return int(basis_points)


def commission_cents(sold_cents: int, basis_points: int) -> int:
    """The store's commission on a sale, half up to the cent (the rule above)."""
    return (sold_cents * basis_points + 5_000) // 10_000


def consignor_cents(sold_cents: int, basis_points: int) -> int:
    """What a sale credits its consignor."""
    return sold_cents - commission_cents(sold_cents, basis_points)


def money_text(cents: int) -> str:
    """ "54.00", "-3.50": a decimal string, as JSON gives money."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def format_money(cents: int | None) -> str:
    """`$1,234.50`, `-$3.50`; blank when unknown."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}${cents // 100:,}.{cents % 100:02d}"


def format_percent(basis_points: int | None) -> str:
    """`20%`, `12.5%`; blank when unknown."""
    if basis_points is None:
        return ""
    text = f"{Decimal(basis_points) / 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"
