"""A consignor's money on the customer's profile: the ledger, payouts, undo, adjustments.

The profile screen is one of these: it supplies the customer (`consignor`), its tab
switching and its reload; this part reads the ledger into the Consigned tab and runs the
three actions, each a key active on that tab and a palette entry. A refusal from the core
arrives as `Failed` with a `LedgerJob`, which the screen words (`LEDGER_FAILURES`).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import TabbedContent

from custtui.core.customers.record import CustomerRecord
from custtui.core.items.ledger import (
    Entry,
    Ledger,
    PayoutInfo,
    PayoutPreview,
    consignor_ledger,
    nothing_owed,
    preview_payout,
    undo_payout,
)
from custtui.core.items.money import format_money
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.screens.ask import confirm
from custtui.ui.screens.payout import AdjustDialog, PayoutDialog
from custtui.ui.widgets.detail.consigned import ConsignedPane
from custtui.ui.widgets.detail.pane import PaneId
from custtui.ui.work import Job, in_thread, running


class LedgerJob(Job):
    LEDGER = "ledger"
    PREVIEW = "preview"
    LATEST_PAYOUT = "latest-payout"
    UNDO_PAYOUT = "undo-payout"


# The title of the notification when a job is refused.
LEDGER_FAILURES: dict[Job, str] = {
    LedgerJob.LEDGER: "Ledger",
    LedgerJob.PREVIEW: "Pay out",
    LedgerJob.LATEST_PAYOUT: "Undo payout",
    LedgerJob.UNDO_PAYOUT: "Payout not undone",
}

# Active while the Consigned tab is shown (elsewhere the palette still offers them).
LEDGER_ACTIONS = frozenset({"pay_out", "undo_payout", "adjust"})


class ConsignorMoney(Screen[None]):
    """What a screen showing a consignor's Consigned tab can do with their balance."""

    BINDINGS = [
        Binding("dollar_sign", "pay_out", "Pay out", tooltip="Preview and post a payout"),
        Binding("a", "adjust", "Adjust", tooltip="Add to or take off what is owed"),
        Binding("z", "undo_payout", "Undo payout", tooltip="Undo the latest payout"),
    ]

    ctx: Context

    @dataclass
    class LedgerRead(Message):
        ledger: Ledger

    @dataclass
    class PreviewRead(Message):
        preview: PayoutPreview

    @dataclass
    class LatestPayout(Message):
        payout: PayoutInfo | None

    @dataclass
    class PayoutUndone(Message):
        payout: PayoutInfo

    # -- what the screen supplies ------------------------------------------------------------

    @property
    def consignor(self) -> CustomerRecord | None:
        """The customer, when their Consigned tab (and so their ledger) is shown."""
        raise NotImplementedError

    def show_tab(self, pane: PaneId) -> None:
        raise NotImplementedError

    def reload(self) -> object:
        raise NotImplementedError

    # -- keys and palette ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in LEDGER_ACTIONS:
            return self.consignor is not None and (
                self.query_one(TabbedContent).active == PaneId.CONSIGNED
            )
        return True

    def ledger_commands(self) -> list[PaletteCommand]:
        if self.consignor is None:
            return []
        return [
            PaletteCommand(
                "Pay out consignor",
                "Preview what is owed, then post the payout",
                self.action_pay_out,
            ),
            PaletteCommand(
                "Undo last payout",
                "Reopen what the latest payout settled (asks first)",
                self.action_undo_payout,
            ),
            PaletteCommand(
                "Adjust consignor balance",
                "Add to or take off what is owed, with a reason",
                self.action_adjust,
            ),
        ]

    # -- the ledger ------------------------------------------------------------------------------

    @in_thread(LedgerJob.LEDGER, "Reading the consignor's ledger", exclusive=True)
    def read_ledger(self, consignor_id: int) -> Message:
        return self.LedgerRead(consignor_ledger(self.ctx, consignor_id))

    @on(LedgerRead)
    def _ledger_read(self, event: LedgerRead) -> None:
        self.query_one(ConsignedPane).show_ledger(event.ledger)

    def action_pay_out(self) -> None:
        consignor = self.consignor
        if consignor is None or running(self, LedgerJob.PREVIEW):
            return
        self.show_tab(PaneId.CONSIGNED)
        self.read_preview(consignor.id)

    @in_thread(LedgerJob.PREVIEW, "Reading what is owed")
    def read_preview(self, consignor_id: int) -> Message:
        return self.PreviewRead(preview_payout(self.ctx, consignor_id))

    @on(PreviewRead)
    def _preview_read(self, event: PreviewRead) -> None:
        preview = event.preview
        if preview.amount_cents <= 0:
            self.notify(nothing_owed(preview), title="Nothing to pay out")
            return

        def paid(payout: PayoutInfo | None) -> None:
            if payout is not None:
                self.notify(
                    f"Paid {preview.consignor_name} {format_money(payout.amount_cents)} "
                    f"through {payout.through_date:%Y-%m-%d}.",
                    title="Payout posted",
                )
                self.reload()

        self.app.push_screen(PayoutDialog(self.ctx, preview), paid)

    def action_undo_payout(self) -> None:
        consignor = self.consignor
        if consignor is None or running(self, LedgerJob.LATEST_PAYOUT):
            return
        self.show_tab(PaneId.CONSIGNED)
        self.read_latest_payout(consignor.id)

    @in_thread(LedgerJob.LATEST_PAYOUT, "Finding the latest payout")
    def read_latest_payout(self, consignor_id: int) -> Message:
        payouts = consignor_ledger(self.ctx, consignor_id, limit=0).payouts
        return self.LatestPayout(payouts[0] if payouts else None)

    @on(LatestPayout)
    def _latest_payout(self, event: LatestPayout) -> None:
        payout = event.payout
        consignor = self.consignor
        if consignor is None:
            return
        if payout is None:
            self.notify(f"No payout to undo for {consignor.name}.", title="Undo payout")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.undo_payout(payout)

        self.app.push_screen(
            confirm(
                f"Undo the payout of {format_money(payout.amount_cents)} to {consignor.name}?",
                f"Paid through {payout.through_date:%Y-%m-%d} by {payout.created_by}. The "
                "entries it settled are owed again; only the latest payout can be undone.",
                "Undo payout",
            ),
            answered,
        )

    @in_thread(LedgerJob.UNDO_PAYOUT, "Undoing the payout")
    def undo_payout(self, payout: PayoutInfo) -> Message:
        return self.PayoutUndone(undo_payout(self.ctx, payout.id))

    @on(PayoutUndone)
    def _payout_undone(self, event: PayoutUndone) -> None:
        payout = event.payout
        self.notify(
            f"The payout of {format_money(payout.amount_cents)} through "
            f"{payout.through_date:%Y-%m-%d} is undone: that amount is owed again.",
            title="Payout undone",
        )
        self.reload()

    def action_adjust(self) -> None:
        consignor = self.consignor
        if consignor is None:
            return
        self.show_tab(PaneId.CONSIGNED)

        def adjusted(entry: Entry | None) -> None:
            if entry is not None:
                self.notify(
                    f"{consignor.name}: {format_money(entry.amount_cents)} ({entry.reason}).",
                    title="Balance adjusted",
                )
                self.reload()

        self.app.push_screen(AdjustDialog(self.ctx, consignor.id, consignor.name), adjusted)
