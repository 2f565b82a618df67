"""The notice a free plan shows where the customer screens would be."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


def upgrade_text(business: str) -> str:
    return (
        f"{business} is on the free plan, so customer screens show this notice instead of "
        "data. Nothing has been deleted: upgrade with\n\n"
        "    custtui plan set pro\n\nand your customers are back."
    )


class UpgradeNotice(ModalScreen[None]):
    """Said over the items screen; any of its keys goes back there."""

    BINDINGS = [Binding("escape,enter", "close", "Back to items", id="upgrade-close")]

    def __init__(self, business: str) -> None:
        super().__init__()
        self.business = business

    def compose(self) -> ComposeResult:
        with Vertical(id="upgrade-box"):
            yield Static(
                "Customer records are part of the pro and premium plans", id="upgrade-title"
            )
            yield Static(upgrade_text(self.business), id="upgrade-message", markup=False)
        yield Footer()

    def action_close(self) -> None:
        self.dismiss()
