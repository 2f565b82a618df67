"""The Consigned tab (premium, consignors): items on consignment, what the store owes, and
the ledger behind that balance. Enter on an item's row opens the item.

The ledger is read apart from the profile (the screen asks for it when the tab is shown) and
arrives through `show_ledger`; the payout, undo and adjust actions are the screen's.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from custtui.core.customers.profile import Profile
from custtui.core.items.ledger import Entry, Ledger, PayoutInfo
from custtui.core.items.money import format_money, format_percent
from custtui.core.items.record import ItemRecord
from custtui.ui.formatting import category_icon, local_time
from custtui.ui.widgets.detail.pane import Cells, ItemTable, PaneId, ProfilePane, item_table, right

LEDGER_COLUMNS = ("Date", "Entry", "Amount", "State")


class ConsignedPane(ProfilePane):
    """Hidden (by the screen) when the profile has no consignments to show."""

    def __init__(self) -> None:
        super().__init__("Consigned", PaneId.CONSIGNED)
        self.ledger: Ledger | None = None

    def tab_label(self, profile: Profile) -> str:
        consigned = profile.consignments
        count = len(consigned.active) + len(consigned.sold) if consigned else 0
        return f"Consigned ({count:,})"

    def parts(self) -> list[Widget]:
        return [
            Static(id="consigned-summary", classes="summary"),
            Static(id="consigned-balance", classes="summary"),
            Label("Active", id="active-title", classes="table-title"),
            item_table("active-table"),
            Label("Sold", id="sold-title", classes="table-title"),
            item_table("sold-table"),
            Label("Ledger", id="ledger-title", classes="table-title"),
            item_table("ledger-table"),
        ]

    def show(self, profile: Profile) -> None:
        consigned = profile.consignments
        if consigned is None:
            return
        self.query_one("#consigned-summary", Static).update(
            f"{len(consigned.active):,} active · {format_money(consigned.active_value_cents)} "
            f"in stock · {len(consigned.sold):,} sold · "
            f"{format_money(consigned.sold_proceeds_cents)} proceeds"
        )
        self._show_balance(consigned.balance_cents)
        active = self.query_one("#active-table", ItemTable)
        active.show_rows(
            (" ", "Title", "Status", "Retail", "Commission"),
            (
                (
                    item.number,
                    (
                        category_icon(item.category),
                        item.title,
                        item.status,
                        right(format_money(item.retail_cents)),
                        right(format_percent(item.commission_bp)),
                    ),
                )
                for item in consigned.active
            ),
        )
        sold = self.query_one("#sold-table", ItemTable)
        sold.show_rows(
            (" ", "Title", "Sold on", "Price", "Commission"),
            ((item.number, _sold_row(item)) for item in consigned.sold),
        )
        active.display = bool(consigned.active)
        sold.display = bool(consigned.sold)
        self.query_one("#active-title", Label).update(
            "Active" if consigned.active else "Active: none"
        )
        self.query_one("#sold-title", Label).update("Sold" if consigned.sold else "Sold: none")
        if self.ledger is None:
            self.query_one("#ledger-title", Label).update("Ledger: reading…")
            self.query_one("#ledger-table", ItemTable).display = False

    def show_ledger(self, ledger: Ledger) -> None:
        """The consignor's ledger, newest entry first (read after the profile)."""
        self.ledger = ledger
        if not self.children:
            return  # not shown yet: `fill` mounts the tables first
        self._show_balance(ledger.balance_cents)
        through = {p.id: p for p in ledger.payouts}
        table = self.query_one("#ledger-table", ItemTable)
        table.show_rows(
            LEDGER_COLUMNS,
            (
                (entry.item_number if entry.kind == "sale" else None, entry_row(entry, through))
                for entry in ledger.entries
            ),
        )
        table.display = bool(ledger.entries)
        title = "Ledger" if ledger.entries else "Ledger: no entries yet"
        if len(ledger.entries) >= 200:
            title = "Ledger: the newest 200 entries"
        self.query_one("#ledger-title", Label).update(title)

    def _show_balance(self, cents: int) -> None:
        parts: list[str | tuple[str, str]] = [
            "Owed to the consignor: ",
            (format_money(cents), "bold"),
        ]
        last = self.ledger.payouts[0] if self.ledger and self.ledger.payouts else None
        if last is not None:
            parts.append((f"  ·  last payout {_payout_text(last)}", "dim"))
        self.query_one("#consigned-balance", Static).update(Content.assemble(*parts))


def _payout_text(payout: PayoutInfo) -> str:
    return (
        f"{format_money(payout.amount_cents)} through {payout.through_date:%Y-%m-%d}, "
        f"on {local_time(payout.created_at)} by {payout.created_by}"
    )


def entry_row(entry: Entry, payouts: dict[int, PayoutInfo]) -> Cells:
    """A ledger line: date, what it is, amount, and whether a payout settled it."""
    if entry.kind == "payout":
        payout = payouts.get(entry.payout_id or 0)
        said = f"Payout through {payout.through_date:%Y-%m-%d}" if payout else "Payout"
        state = ""
    else:
        kind = "Sale" if entry.kind == "sale" else "Adjustment"
        said = f"{kind} · {entry.description}"
        state = "paid" if entry.settled else "open"
    amount = Text(format_money(entry.amount_cents), justify="right")
    if entry.amount_cents < 0:
        amount.stylize("italic")
    return (f"{entry.entry_date:%Y-%m-%d}", said, amount, state)


def _sold_row(item: ItemRecord) -> Cells:
    return (
        category_icon(item.category),
        item.title,
        str(item.sale_date or ""),
        right(format_money(item.sold_cents)),
        right(format_money(item.commission_cents)),
    )
