"""What the item screens ask of the app: update every items list, go to the customers."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from custtui.core.items.record import ItemRecord


@dataclass
class ItemSaved(Message):
    """`item` was added or changed here (its record as the store now has it)."""

    item: ItemRecord


@dataclass
class ItemDeleted(Message):
    """The item with this id was deleted here."""

    item_id: int
    label: str


@dataclass
class ShowCustomers(Message):
    """Back to the customer screens (or, on the free plan, the notice that they need pro)."""
