"""Mark as Sold: the sold price, the sale date and the buyer (a customer, or nobody for a
walk-in), checked and sold by the core; a consigned item shows what its consignor will get.

On the free plan there are no customer records, so every sale is a walk-in and no buyer
can be picked or created.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from custtui.core.errors import ConflictError, FieldInvalid, ValidationError
from custtui.core.fields.values import parse_date
from custtui.core.items.money import (
    commission_cents,
    consignor_cents,
    format_money,
    format_percent,
    money_text,
    parse_money,
)
from custtui.core.items.record import ItemRecord
from custtui.core.items.service import sell_item
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.errors import error_text
from custtui.ui.formatting import local_time
from custtui.ui.widgets.customer_picker import CustomerPicker
from custtui.ui.widgets.item_fields import clear_marks, field_row, mark_errors, summary
from custtui.ui.work import Failed, Job, in_thread, running

FIELDS = ("price", "sale_date", "buyer")
WALK_IN_ONLY = "Walk-in sale: buyers are customer records, which come with the pro plan."


class SellJob(Job):
    SELL = "sell"


@dataclass(frozen=True)
class Sale:
    sold_cents: int
    sale_date: date
    buyer_id: int | None


def conflict_text(error: ConflictError, what: str) -> str:
    """Who saved the item since the dialog opened, and when, in the terminal's time."""
    return (
        f"{error.updated_by} changed {error.number} at {local_time(error.updated_at)}, "
        f"after you opened it: nothing was {what}. Close this and open the item again."
    )


class MarkSoldScreen(ModalScreen[ItemRecord | None]):
    """Dismisses with the sold item, or None."""

    BINDINGS = [
        Binding("ctrl+s", "sell", "Sell", tooltip="Sell the item", priority=True),
        Binding("escape", "cancel", "Cancel", tooltip="Close without selling"),
    ]

    @dataclass
    class Sold(Message):
        item: ItemRecord

    @dataclass
    class Refused(Message):
        errors: dict[str, str]

    @dataclass
    class Conflicted(Message):
        error: ConflictError

    def __init__(self, ctx: Context, item: ItemRecord, *, today: date | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.item = item
        self.today = today or date.today()

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        item = self.item
        retail = "" if item.retail_cents is None else money_text(item.retail_cents)
        with Vertical(id="dialog-box"):
            yield Static(f"Mark as Sold · {item.label}", id="dialog-title", markup=False)
            yield Static(self._facts(), id="item-facts")
            yield Static("", id="consignor-share")
            yield Label("", id="dialog-error", markup=False)
            yield from field_row(
                "price",
                "Sold price",
                Input(retail, id="f-price", classes="item-control", compact=True),
            )
            yield from field_row(
                "sale_date",
                "Sale date",
                Input(
                    self.today.isoformat(), id="f-sale_date", classes="item-control", compact=True
                ),
            )
            if self.ctx.business.has_customers:
                picker = CustomerPicker(
                    self.ctx,
                    placeholder="Type a name, email or phone (empty: walk-in)",
                    nobody="No buyer chosen: a walk-in sale.",
                    id="buyer",
                )
                picker.add_class("item-control")
                yield from field_row("buyer", "Buyer", picker)
            else:
                yield from field_row(
                    "buyer", "Buyer", Label(WALK_IN_ONLY, id="walk-in-only", markup=False)
                )
            with Horizontal(id="dialog-buttons"):
                yield Button("Sell (^s)", id="sell", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield Footer()

    def _facts(self) -> Content:
        item = self.item
        parts: list[str | tuple[str, str]] = [(item.title, "bold")]
        if item.category:
            parts += ["  ", (item.category, "$text-muted")]
        retail = format_money(item.retail_cents) or "no retail price"
        parts += ["\n", ("Retail ", "$text-muted"), retail]
        parts += [("   Intake ", "$text-muted"), item.intake_date.isoformat()]
        if item.consigned:
            who = item.consignor_name or "?"
            code = f" · {item.consignor_code}" if item.consignor_code else ""
            number = f"C-{item.consignor_number:06d}" if item.consignor_number else ""
            parts += [
                "\n",
                ("Consignor ", "$text-muted"),
                who,
                (f"  {number}{code}", "$text-muted"),
            ]
            parts += [("   Commission ", "$text-muted"), format_percent(item.commission_bp or 0)]
        return Content.assemble(*parts)

    def on_mount(self) -> None:
        self.query_one("#f-price", Input).focus()
        self._show_share()

    # -- what the consignor gets at the price typed ------------------------------------------

    @on(Input.Changed, "#f-price")
    def _price_changed(self) -> None:
        self._show_share()

    def _show_share(self) -> None:
        share = self.query_one("#consignor-share", Static)
        share.display = self.item.consigned
        if not self.item.consigned:
            return
        rate = self.item.commission_bp or 0
        try:
            cents = parse_money(self.query_one("#f-price", Input).value, "Sold price")
        except FieldInvalid:
            share.update(Content.styled("At this price: (type a price)", "$text-muted"))
            return
        share.update(
            Content.assemble(
                ("At this price: ", "$text-muted"),
                ("consignor gets ", "$text-muted"),
                (format_money(consignor_cents(cents, rate)), "bold"),
                (", store keeps ", "$text-muted"),
                format_money(commission_cents(cents, rate)),
            )
        )

    # -- selling -------------------------------------------------------------------------------

    @on(Button.Pressed, "#sell")
    def _sell_pressed(self) -> None:
        self.action_sell()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def _buyer_id(self) -> int | None:
        pickers = self.query(CustomerPicker)
        chosen = pickers.first().chosen if pickers else None
        return chosen.id if chosen else None

    def read_sale(self) -> Sale:
        """The sale the fields describe; ValidationError naming each field that isn't one."""
        errors: dict[str, str] = {}
        cents = 0
        when = self.today
        try:
            cents = parse_money(self.query_one("#f-price", Input).value, "Sold price")
        except FieldInvalid as exc:
            errors["price"] = exc.message
        try:
            when = parse_date(self.query_one("#f-sale_date", Input).value, "Sale date") or when
        except FieldInvalid as exc:
            errors["sale_date"] = exc.message
        if errors:
            raise ValidationError(errors)
        return Sale(cents, when, self._buyer_id())

    def action_sell(self) -> None:
        if running(self, SellJob.SELL):
            return  # one sale at a time
        self._clear()
        try:
            sale = self.read_sale()
        except ValidationError as exc:
            self._refused(self.Refused(exc.errors))
            return
        self.sell(sale)

    @in_thread(SellJob.SELL, "Selling the item")
    def sell(self, sale: Sale) -> Message:
        try:
            sold = sell_item(
                self.ctx,
                self.item.number,
                sale.sold_cents,
                sale_date=sale.sale_date,
                buyer_id=sale.buyer_id,
                expected_version=self.item.version,
            )
        except ValidationError as exc:
            return self.Refused(exc.errors)
        except ConflictError as exc:
            return self.Conflicted(exc)
        return self.Sold(sold)

    @on(Sold)
    def _sold(self, event: Sold) -> None:
        item = event.item
        to = f" to {item.buyer_name}" if item.buyer_name else " (walk-in)"
        self.notify(
            f"Sold {item.label}{to} for {format_money(item.sold_cents)}.",
            title="Sold",
            markup=False,
        )
        self.dismiss(item)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        self._clear()
        loose = mark_errors(self, event.errors, FIELDS)
        self._say(" ".join([summary(event.errors).replace("saved", "sold"), *loose]))

    @on(Conflicted)
    def _conflicted(self, event: Conflicted) -> None:
        self._clear()
        self._say(conflict_text(event.error, "sold"))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        self._clear()
        self._say(error_text(event.error))  # a rule (already sold, returned), or the store

    def _clear(self) -> None:
        self._say("")
        clear_marks(self, FIELDS)

    def _say(self, text: str) -> None:
        said = self.query_one("#dialog-error", Label)
        said.update(text)
        said.display = bool(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("Sell", f"Sell {self.item.label} at the price shown", self.action_sell)
        yield PaletteCommand("Cancel", "Close without selling", self.action_cancel)
