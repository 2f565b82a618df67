"""The Overview tab: contact, relationship and identification panels beside the notes log."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import TabPane

from custtui.core.customers.profile import Profile
from custtui.core.customers.record import CustomerRecord, Sensitive
from custtui.ui.widgets.detail.notes import NotesPanel
from custtui.ui.widgets.detail.pane import PaneId
from custtui.ui.widgets.detail.panels import (
    contact_lines,
    has_identification,
    identification_lines,
    relationship_lines,
)
from custtui.ui.widgets.field_panel import FieldPanel


class OverviewPane(TabPane):
    """Filled at once when the profile arrives (the tab a profile opens on)."""

    def __init__(self, *, region: str, premium: bool) -> None:
        super().__init__("Overview", id=PaneId.OVERVIEW)
        self.phone_region = region
        self.premium = premium

    def compose(self) -> ComposeResult:
        with Horizontal(id="overview-body"):
            with VerticalScroll(id="panels"):
                yield FieldPanel(id="contact")
                yield FieldPanel(id="relationship")
                yield FieldPanel(id="identification")
            yield NotesPanel()

    def on_mount(self) -> None:
        self.query_one("#contact").border_title = "Contact"
        self.query_one("#relationship").border_title = "Relationship"
        self.query_one("#identification").border_title = "Identification"

    def show(self, profile: Profile, revealed: Sensitive | None) -> None:
        customer = profile.customer
        self._panel("contact").show(contact_lines(customer, self.phone_region))
        self._panel("relationship").show(relationship_lines(customer, self.premium))
        self.show_identification(customer, revealed)
        self.query_one(NotesPanel).show(profile.notes)

    def show_identification(self, customer: CustomerRecord, revealed: Sensitive | None) -> None:
        """Masked, or in clear when `revealed`."""
        panel = self._panel("identification")
        panel.show(identification_lines(customer, revealed))
        if has_identification(customer):
            panel.border_subtitle = "r hide" if revealed else "r reveal (recorded)"

    def _panel(self, name: str) -> FieldPanel:
        return self.query_one(f"#{name}", FieldPanel)
