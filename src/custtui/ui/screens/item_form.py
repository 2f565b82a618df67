"""The item form: one modal for adding and editing an item.

The fields are text the core parses (`parse_item_texts`) and saves (`create_item`,
`update_item`), so the rules and messages are the core's; the form places each message
under its field. On premium, a consignor picked (or created inline, as a consignor with a
code) makes the item consigned, with its commission, expiry and what happens at expiry.
A sold item keeps its status and its consignor: Mark as Sold and unselling change those.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, Static

from custtui.core.errors import ConflictError, ValidationError
from custtui.core.items.money import format_percent
from custtui.core.items.record import ACTIVE_STATUSES, AT_EXPIRY, AT_EXPIRY_LABELS, ItemRecord
from custtui.core.items.service import create_item, update_item
from custtui.core.items.values import ItemValues, parse_item_texts, texts_of
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.errors import error_text
from custtui.ui.screens.ask import confirm
from custtui.ui.screens.mark_sold import conflict_text
from custtui.ui.widgets.customer_picker import Chosen, CustomerPicker
from custtui.ui.widgets.item_fields import clear_marks, field_row, mark_errors, summary
from custtui.ui.work import Failed, Job, in_thread, running

# Screen order: where the focus goes first when several are refused.
FIELDS = (
    "title",
    "category",
    "status",
    "retail",
    "intake_date",
    "consignor",
    "commission",
    "expiry_date",
    "at_expiry",
)
TEXT_INPUTS = ("title", "category", "retail", "intake_date")
TERMS = ("commission", "expiry_date", "at_expiry")


class ItemJob(Job):
    SAVE = "save"


def _input(field: str, value: str, placeholder: str = "") -> Input:
    return Input(
        value, id=f"f-{field}", classes="item-control", placeholder=placeholder, compact=True
    )


class ItemFormScreen(ModalScreen[ItemRecord | None]):
    """Dismisses with the saved item, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the item", priority=True),
        Binding("escape", "cancel", "Cancel", tooltip="Close (asks first when changed)"),
    ]

    @dataclass
    class Saved(Message):
        item: ItemRecord

    @dataclass
    class Refused(Message):
        errors: dict[str, str]

    @dataclass
    class Conflicted(Message):
        error: ConflictError

    def __init__(
        self, ctx: Context, item: ItemRecord | None = None, *, today: date | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.item = item
        self.today = today or date.today()
        self.texts = texts_of(item)
        if item is None:
            self.texts["intake_date"] = self.today.isoformat()
        self.consignor_id = item.consignor_id if item else None
        self.initial: tuple[dict[str, str], int | None] = ({}, None)

    @property
    def premium(self) -> bool:
        return self.ctx.business.has_consignment

    @property
    def sold(self) -> bool:
        return self.item is not None and self.item.sold

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = "New item" if self.item is None else f"Edit {self.item.label}"
        with Vertical(id="dialog-box"):
            yield Static(title, id="dialog-title", markup=False)
            yield Label("", id="dialog-error", markup=False)
            with VerticalScroll(id="dialog-fields"):
                yield from self._fields()
            with Horizontal(id="dialog-buttons"):
                yield Button("Save (^s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield Footer()

    def _fields(self) -> ComposeResult:
        texts = self.texts
        yield from field_row("title", "Title", _input("title", texts["title"]))
        yield from field_row("category", "Category", _input("category", texts["category"]))
        status: Widget
        if self.sold:
            status = Static("Sold (unsell it to change)", id="sold-status", markup=False)
        else:
            options = [(s, s) for s in ACTIVE_STATUSES]
            status = Select(
                options, value=texts["status"], allow_blank=False, id="f-status", compact=True
            )
            status.add_class("item-control")
        yield from field_row("status", "Status", status)
        yield from field_row("retail", "Retail price", _input("retail", texts["retail"], "0.00"))
        yield from field_row(
            "intake_date", "Intake date", _input("intake_date", texts["intake_date"], "today")
        )
        if not self.premium:
            return
        yield from field_row("consignor", "Consignor", self._consignor())
        yield from field_row(
            "commission", "Commission %", _input("commission", texts["commission"])
        )
        days = self.ctx.business.consignment_days
        yield from field_row(
            "expiry_date",
            "Expiry date",
            _input("expiry_date", texts["expiry_date"], f"intake + {days} days"),
        )
        at_expiry = Select(
            [(AT_EXPIRY_LABELS[key], key) for key in AT_EXPIRY],
            value=texts["at_expiry"] or AT_EXPIRY[0],
            allow_blank=False,
            id="f-at_expiry",
            compact=True,
        )
        at_expiry.add_class("item-control")
        yield from field_row("at_expiry", "At expiry", at_expiry)

    def _consignor(self) -> Widget:
        item = self.item
        if self.sold and item is not None:
            who = item.consignor_name or "none: the store's own item"
            return Static(f"{who} (sold: unsell it to change)", id="consignor-fixed", markup=False)
        picker = CustomerPicker(
            self.ctx,
            consignors_only=True,
            placeholder="Type a consignor's name, email or phone",
            nobody="No consignor: the store's own item.",
            id="consignor",
        )
        picker.add_class("item-control")
        return picker

    def on_mount(self) -> None:
        item = self.item
        pickers = self.query(CustomerPicker)
        if pickers and item is not None and item.consigned and item.consignor_number:
            chosen = Chosen(
                item.consignor_id or 0,
                item.consignor_number,
                item.consignor_name or "",
                code=item.consignor_code or "",
            )
            pickers.first().choose(chosen, announce=False)
        self._enable_terms()
        self.initial = self.state()
        self.query_one("#f-title", Input).focus()

    # -- values --------------------------------------------------------------------------------

    def form_texts(self) -> dict[str, str]:
        texts = dict(self.texts)  # what isn't shown keeps the item's own value
        for field in (*TEXT_INPUTS, "commission", "expiry_date"):
            for box in self.query(f"#f-{field}").results(Input):
                texts[field] = box.value
        for field in ("status", "at_expiry"):
            for select in self.query(f"#f-{field}").results(Select):
                texts[field] = "" if select.value is Select.NULL else str(select.value)
        if self.sold:
            texts["status"] = "Collection"  # a sold item's status stays Sold (the core's rule)
        if self.premium and self.consignor_id is None:
            for field in TERMS:
                texts[field] = ""  # terms belong to a consigned item
        return texts

    def state(self) -> tuple[dict[str, str], int | None]:
        return self.form_texts(), self.consignor_id

    @property
    def changed(self) -> bool:
        return self.state() != self.initial

    def read_values(self) -> ItemValues:
        return parse_item_texts(self.form_texts(), self.consignor_id)

    # -- the consignor and their terms ---------------------------------------------------------

    @on(CustomerPicker.Picked, "#consignor")
    def _consignor_picked(self, event: CustomerPicker.Picked) -> None:
        self.consignor_id = event.customer.id
        commission = self.query_one("#f-commission", Input)
        if not commission.value.strip():
            commission.value = format_percent(self.ctx.business.default_commission_bp).rstrip("%")
        self._enable_terms()

    @on(CustomerPicker.Cleared, "#consignor")
    def _consignor_cleared(self) -> None:
        self.consignor_id = None
        self._enable_terms()

    def _enable_terms(self) -> None:
        """Terms mean something only for a consigned item; a sold one keeps its own."""
        if not self.premium:
            return
        for field in TERMS:
            control = self.query_one(f"#f-{field}")
            control.disabled = self.consignor_id is None or (self.sold and field == "commission")

    # -- saving --------------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        if running(self, ItemJob.SAVE):
            return  # one save at a time: a second Ctrl+S must not add the item twice
        self._clear()
        try:
            values = self.read_values()
        except ValidationError as exc:
            self._refused(self.Refused(exc.errors))
            return
        self.save(values)

    @in_thread(ItemJob.SAVE, "Saving the item")
    def save(self, values: ItemValues) -> Message:
        try:
            if self.item is None:
                saved = create_item(self.ctx, values)
            else:
                saved = update_item(
                    self.ctx, self.item.number, values, expected_version=self.item.version
                )
        except ValidationError as exc:
            return self.Refused(exc.errors)
        except ConflictError as exc:
            return self.Conflicted(exc)
        return self.Saved(saved)

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        item = event.item
        verb = "Added" if self.item is None else "Saved"
        self.notify(f"{verb} {item.label} {item.title}.", title=verb, markup=False)
        self.dismiss(item)

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        self._clear()
        loose = mark_errors(self, event.errors, FIELDS)
        self._say(" ".join([summary(event.errors), *loose]))

    @on(Conflicted)
    def _conflicted(self, event: Conflicted) -> None:
        self._clear()
        self._say(conflict_text(event.error, "saved"))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        self._clear()
        self._say(error_text(event.error))

    def _clear(self) -> None:
        self._say("")
        clear_marks(self, FIELDS)

    def _say(self, text: str) -> None:
        said = self.query_one("#dialog-error", Label)
        said.update(text)
        said.display = bool(text)

    # -- leaving -------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(None)

        self.app.push_screen(
            confirm("Discard unsaved changes?", "", "Discard", "Keep editing"), answered
        )

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("Save item", "Save the item", self.action_save)
        yield PaletteCommand("Cancel", "Close (asks first when changed)", self.action_cancel)
