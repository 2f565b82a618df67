"""The profile's tabs: each filled when first shown, and the focus where a key sends it.

CustomerDetailScreen builds on this; it owns the customer and calls `fill_shown_tab` each
time a profile is shown.
"""

from __future__ import annotations

from textual import on
from textual.widgets import TabbedContent, Tabs

from custtui.core.customers.profile import Profile
from custtui.core.customers.record import CustomerRecord
from custtui.ui.screens.consignor_money import ConsignorMoney
from custtui.ui.widgets.detail.consigned import ConsignedPane
from custtui.ui.widgets.detail.pane import PaneId, ProfilePane


class ProfileTabs(ConsignorMoney):
    profile: Profile | None

    def __init__(self) -> None:
        super().__init__()
        self._filled: set[ProfilePane] = set()
        # The tab a key asked for: its list or table gets the focus once the tab is filled.
        self._focus_wanted: PaneId | None = None

    @property
    def consignor(self) -> CustomerRecord | None:
        if self.profile is None or self.profile.consignments is None:
            return None
        return self.profile.customer

    def fill_shown_tab(self) -> None:
        """A new profile: the shown tab is filled again, the others when next shown."""
        self._filled.clear()
        active = self.query_one(TabbedContent).active_pane
        if isinstance(active, ProfilePane):
            self._fill(active)

    def refill(self, pane: ProfilePane) -> None:
        """Fill `pane` again if it was filled (the profile gained what it shows)."""
        if pane in self._filled:
            self.call_later(self._fill_pane, pane)

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if isinstance(event.pane, ProfilePane):
            self._fill(event.pane)
        if self._focus_wanted is not None:
            self.call_later(self.focus_tab)  # after the fill just asked for
        self.refresh_bindings()  # the ledger's keys show on the Consigned tab only

    def _fill(self, pane: ProfilePane) -> None:
        if self.profile is None or pane in self._filled:
            return
        self._filled.add(pane)
        self.call_later(self._fill_pane, pane)

    async def _fill_pane(self, pane: ProfilePane) -> None:
        if self.profile is not None:
            await pane.fill(self.profile)
            if isinstance(pane, ConsignedPane):
                self.read_ledger(self.profile.customer.id)

    def action_tab(self, pane: str) -> None:
        self.show_tab(PaneId(pane), focus=True)

    def show_tab(self, pane: PaneId, *, focus: bool = False) -> None:
        """Show the tab; with `focus`, its list or table takes the focus."""
        if pane is PaneId.CONSIGNED and self.consignor is None:
            return
        tabs = self.query_one(TabbedContent)
        if focus:
            self._focus_wanted = pane
            if tabs.active == pane:
                self.call_later(self.focus_tab)
        tabs.active = pane

    def focus_tab(self, pane: PaneId | None = None) -> None:
        """The shown tab's list or table takes the focus (the tabs row, when it shows none),
        so arrows move in it at once and letter keys stay the screen's."""
        wanted, self._focus_wanted = pane or self._focus_wanted, None
        tabs = self.query_one(TabbedContent)
        if wanted is None or tabs.active != wanted or tabs.active_pane is None:
            return
        lists = tabs.active_pane.query("OptionList, DataTable")
        target = next((widget for widget in lists if widget.display), None)
        (target or self.query_one(Tabs)).focus()
