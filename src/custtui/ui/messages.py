"""What any screen may ask of the app: open a customer or an item, start a new customer, export.

Screens and widgets post these; `CusttuiApp` answers. Nothing needs to know the app's class.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from custtui.core.customers.lookup import Editable


@dataclass
class OpenCustomer(Message):
    """Show the profile of the customer with this id (from the list or the palette)."""

    customer_id: int


@dataclass
class NewCustomer(Message):
    """Open the empty edit form; the saved customer's profile follows."""


@dataclass
class EditCustomer(Message):
    """Open the edit form on customer `number`; `done` gets what the form dismisses with.

    The app reads the customer's values first and answers itself with this message again,
    holding them (`state`) and the screen that asked (`asker`): the form opens only while
    that screen is still on top.
    """

    number: int
    done: Callable[[int | None], None]
    state: Editable | None = None
    asker: object = None


@dataclass
class ExportCustomers(Message):
    """Write every customer to a dated CSV file in `folder`, or only `ids` (the shown ones)."""

    folder: Path
    ids: Sequence[int] | None = None


@dataclass
class OpenItem(Message):
    """Show the item with this number (I-000123 is 123), from a customer's tabs."""

    number: int
