"""A consignor ledger's entries, payouts and previews, as screens and commands read them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from custtui.core.items.record import format_item_number

KINDS = ("sale", "adjustment", "payout")
KIND_LABELS = {"sale": "Sale", "adjustment": "Adjustment", "payout": "Payout"}


@dataclass(frozen=True)
class Entry:
    id: int
    kind: str
    amount_cents: int
    entry_date: date
    item_number: int | None
    item_title: str | None
    reason: str | None
    payout_id: int | None
    created_at: datetime
    created_by: str

    @property
    def settled(self) -> bool:
        return self.payout_id is not None

    @property
    def description(self) -> str:
        if self.kind == "sale" and self.item_number is not None:
            return f"{format_item_number(self.item_number)} {self.item_title or ''}".strip()
        if self.kind == "payout":
            return "Paid out"
        return self.reason or ""


@dataclass(frozen=True)
class PayoutInfo:
    id: int
    through_date: date
    amount_cents: int
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class Ledger:
    consignor_id: int
    entries: list[Entry]  # newest first
    balance_cents: int
    payouts: list[PayoutInfo]  # newest first


@dataclass(frozen=True)
class PayoutPreview:
    consignor_id: int
    consignor_name: str
    through_date: date
    entries: list[Entry]  # the open entries the payout would settle, oldest first
    amount_cents: int
