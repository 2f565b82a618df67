"""The Purchases tab: what the customer bought, with a summary line; Enter opens an item."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static

from custtui.core.customers.profile import Profile
from custtui.core.items.money import format_money
from custtui.ui.formatting import category_icon
from custtui.ui.widgets.detail.pane import ItemTable, PaneId, ProfilePane, item_table, right


class PurchasesPane(ProfilePane):
    def __init__(self) -> None:
        super().__init__("Purchases", PaneId.PURCHASES)

    def tab_label(self, profile: Profile) -> str:
        return f"Purchases ({profile.purchases.count:,})"

    def parts(self) -> list[Widget]:
        return [Static(id="purchases-summary", classes="summary"), item_table("purchases-table")]

    def show(self, profile: Profile) -> None:
        bought = profile.purchases
        summary = self.query_one("#purchases-summary", Static)
        if not bought.count:
            summary.update("No purchases.")
        else:
            span = f"{bought.first_date} – {bought.last_date}" if bought.first_date else ""
            noun = "purchase" if bought.count == 1 else "purchases"
            summary.update(
                f"{bought.count:,} {noun} · {format_money(bought.total_cents)} spent · {span}"
            )
        table = self.query_one("#purchases-table", ItemTable)
        table.show_rows(
            (" ", "Title", "Category", "Sold on", "Price"),
            (
                (
                    item.number,
                    (
                        category_icon(item.category),
                        item.title,
                        item.category or "",
                        str(item.sale_date or ""),
                        right(format_money(item.sold_cents)),
                    ),
                )
                for item in bought.items
            ),
        )
        table.display = bool(bought.count)
