"""Paying a consignor and adjusting what the store owes them: two small modals.

Each does its own store work off the event loop (as the edit form does) and dismisses with
what was written (`PayoutInfo`, `Entry`) or None when cancelled; the core's refusals are
shown inside the dialog, so the clerk can correct and try again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from custtui.core.errors import FieldInvalid, ValidationError
from custtui.core.fields.values import parse_date
from custtui.core.items.ledger import (
    Entry,
    PayoutInfo,
    PayoutPreview,
    adjust,
    nothing_owed,
    post_payout,
    preview_payout,
)
from custtui.core.items.money import format_money, parse_money
from custtui.core.store.businesses import Context
from custtui.ui.errors import error_text
from custtui.ui.widgets.detail.consigned import LEDGER_COLUMNS, entry_row
from custtui.ui.widgets.detail.pane import ItemTable, item_table
from custtui.ui.work import Failed, Job, in_thread, running


class PayoutJob(Job):
    PREVIEW = "preview"
    POST = "post"
    ADJUST = "adjust"


class PayoutDialog(ModalScreen[PayoutInfo | None]):
    """The preview of a payout (which open entries, the total, through which date), then Post.

    The payout posted is the one previewed: core refuses it if what is owed changed since.
    """

    BINDINGS = [
        Binding("ctrl+s", "post", "Post payout", tooltip="Pay the total shown", priority=True),
        Binding("escape", "cancel", "Cancel", tooltip="Close without paying"),
    ]

    @dataclass
    class Previewed(Message):
        preview: PayoutPreview

    @dataclass
    class Posted(Message):
        payout: PayoutInfo

    def __init__(self, ctx: Context, preview: PayoutPreview) -> None:
        super().__init__()
        self.ctx = ctx
        self.preview = preview

    def compose(self) -> ComposeResult:
        with Vertical(id="payout-box", classes="dialog-box"):
            yield Static(f"Pay out {self.preview.consignor_name}", id="payout-title", markup=False)
            with Horizontal(classes="dialog-row"):
                yield Label("Through", classes="dialog-label")
                yield Input(f"{self.preview.through_date:%Y-%m-%d}", id="payout-through")
            yield Static("", id="payout-error", classes="dialog-error", markup=False)
            yield item_table("payout-entries")
            yield Static("", id="payout-total", classes="summary")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    "Post payout (Ctrl+S)", id="payout-post", variant="primary", compact=True
                )
                yield Button("Cancel (Esc)", id="payout-cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.show(self.preview)
        self.query_one("#payout-through", Input).focus()

    def show(self, preview: PayoutPreview) -> None:
        self.preview = preview
        table = self.query_one("#payout-entries", ItemTable)
        table.show_rows(LEDGER_COLUMNS, ((None, entry_row(e, {})) for e in preview.entries))
        table.display = bool(preview.entries)
        total = self.query_one("#payout-total", Static)
        owed = preview.amount_cents > 0
        if owed:
            noun = "entry" if len(preview.entries) == 1 else "entries"
            total.update(
                f"Total {format_money(preview.amount_cents)} for {len(preview.entries):,} "
                f"{noun} through {preview.through_date:%Y-%m-%d}"
            )
        else:
            total.update(nothing_owed(preview))
        self.query_one("#payout-post", Button).disabled = not owed

    def _say(self, text: str) -> None:
        self.query_one("#payout-error", Static).update(text)

    # -- the through date ------------------------------------------------------------------------

    @on(Input.Changed, "#payout-through")
    @on(Input.Submitted, "#payout-through")
    def _through_changed(self, event: Input.Changed | Input.Submitted) -> None:
        try:
            through = parse_date(event.value, "Through")
        except FieldInvalid as error:
            self._say(str(error))
            self.query_one("#payout-post", Button).disabled = True
            return
        if through is None:
            self._say("Through is a date as YYYY-MM-DD: pay what is owed up to that day.")
            self.query_one("#payout-post", Button).disabled = True
            return
        self._say("")
        self.read_preview(through)

    @in_thread(PayoutJob.PREVIEW, "Reading what is owed", exclusive=True)
    def read_preview(self, through: date) -> Message:
        return self.Previewed(preview_payout(self.ctx, self.preview.consignor_id, through))

    @on(Previewed)
    def _previewed(self, event: Previewed) -> None:
        self.show(event.preview)

    # -- posting --------------------------------------------------------------------------------

    @on(Button.Pressed, "#payout-post")
    def action_post(self) -> None:
        button = self.query_one("#payout-post", Button)
        if button.disabled or running(self, PayoutJob.PREVIEW) or running(self, PayoutJob.POST):
            return
        self.post(self.preview)

    @in_thread(PayoutJob.POST, "Posting the payout")
    def post(self, preview: PayoutPreview) -> Message:
        payout = post_payout(
            self.ctx,
            preview.consignor_id,
            preview.through_date,
            expected_cents=preview.amount_cents,
        )
        return self.Posted(payout)

    @on(Posted)
    def _posted(self, event: Posted) -> None:
        self.dismiss(event.payout)

    @on(Button.Pressed, "#payout-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        self._say(error_text(event.error))
        if event.job is PayoutJob.POST:
            # What is owed changed (or was paid elsewhere): show it as it is now.
            self.read_preview(self.preview.through_date)


def parse_signed_money(text: str, label: str) -> int:
    """Cents from "25.00", "+25", "-$3.50": an adjustment adds or takes off."""
    cleaned = text.strip()
    sign = -1 if cleaned.startswith("-") else 1
    return sign * parse_money(cleaned.removeprefix("-").removeprefix("+"), label)


class AdjustDialog(ModalScreen[Entry | None]):
    """An amount the store owes more (positive) or less (negative), with a reason."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Record the adjustment", priority=True),
        Binding("escape", "cancel", "Cancel", tooltip="Close without recording"),
    ]

    @dataclass
    class Adjusted(Message):
        entry: Entry

    def __init__(self, ctx: Context, consignor_id: int, consignor_name: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.consignor_id = consignor_id
        self.consignor_name = consignor_name

    def compose(self) -> ComposeResult:
        with Vertical(id="adjust-box", classes="dialog-box"):
            yield Static(f"Adjust what {self.consignor_name} is owed", markup=False)
            yield Static(
                "A positive amount adds to the balance, a negative one takes off.",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-row"):
                yield Label("Amount", classes="dialog-label")
                yield Input(placeholder="25.00 or -25.00", id="adjust-amount")
            with Horizontal(classes="dialog-row"):
                yield Label("Reason", classes="dialog-label")
                yield Input(placeholder="Why, for the ledger", id="adjust-reason")
            yield Static("", id="adjust-error", classes="dialog-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (Ctrl+S)", id="adjust-save", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="adjust-cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#adjust-amount", Input).focus()

    @on(Input.Submitted, "#adjust-amount")
    def _amount_entered(self) -> None:
        self.query_one("#adjust-reason", Input).focus()

    @on(Input.Submitted, "#adjust-reason")
    @on(Button.Pressed, "#adjust-save")
    def action_save(self) -> None:
        if running(self, PayoutJob.ADJUST):
            return
        error = self.query_one("#adjust-error", Static)
        try:
            cents = parse_signed_money(self.query_one("#adjust-amount", Input).value, "Amount")
        except FieldInvalid as invalid:
            error.update(str(invalid))
            self.query_one("#adjust-amount", Input).focus()
            return
        error.update("")
        self.save(cents, self.query_one("#adjust-reason", Input).value)

    @in_thread(PayoutJob.ADJUST, "Recording the adjustment")
    def save(self, cents: int, reason: str) -> Message:
        return self.Adjusted(adjust(self.ctx, self.consignor_id, cents, reason))

    @on(Adjusted)
    def _adjusted(self, event: Adjusted) -> None:
        self.dismiss(event.entry)

    @on(Button.Pressed, "#adjust-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        self.query_one("#adjust-error", Static).update(error_text(event.error))
        if isinstance(event.error, ValidationError) and "reason" in event.error.errors:
            self.query_one("#adjust-reason", Input).focus()
