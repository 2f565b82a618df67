"""The Consigned tab (premium, consignors): items on consignment, active and sold."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, Label, Static

from custtui.core.customers.profile import Profile
from custtui.core.items.money import format_money, format_percent
from custtui.core.items.record import ItemRecord
from custtui.ui.formatting import category_icon
from custtui.ui.widgets.detail.pane import PaneId, ProfilePane, item_table, right


class ConsignedPane(ProfilePane):
    """Hidden (by the screen) when the profile has no consignments to show."""

    def __init__(self) -> None:
        super().__init__("Consigned", PaneId.CONSIGNED)

    def tab_label(self, profile: Profile) -> str:
        consigned = profile.consignments
        count = len(consigned.active) + len(consigned.sold) if consigned else 0
        return f"Consigned ({count:,})"

    def parts(self) -> list[Widget]:
        return [
            Static(id="consigned-summary", classes="summary"),
            Label("Active", id="active-title", classes="table-title"),
            item_table("active-table"),
            Label("Sold", id="sold-title", classes="table-title"),
            item_table("sold-table"),
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
        active = self.query_one("#active-table", DataTable)
        active.clear(columns=True)
        active.add_columns(" ", "Title", "Status", "Retail", "Commission")
        active.add_rows(
            (
                category_icon(item.category),
                item.title,
                item.status,
                right(format_money(item.retail_cents)),
                right(format_percent(item.commission_bp)),
            )
            for item in consigned.active
        )
        sold = self.query_one("#sold-table", DataTable)
        sold.clear(columns=True)
        sold.add_columns(" ", "Title", "Sold on", "Price", "Commission")
        sold.add_rows(_sold_row(item) for item in consigned.sold)
        active.display = bool(consigned.active)
        sold.display = bool(consigned.sold)
        self.query_one("#active-title", Label).update(
            "Active" if consigned.active else "Active: none"
        )
        self.query_one("#sold-title", Label).update("Sold" if consigned.sold else "Sold: none")


def _sold_row(item: ItemRecord) -> tuple[str | Text, ...]:
    return (
        category_icon(item.category),
        item.title,
        str(item.sale_date or ""),
        right(format_money(item.sold_cents)),
        right(format_money(item.commission_cents)),
    )
