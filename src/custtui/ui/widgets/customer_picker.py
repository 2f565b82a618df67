"""Choose a customer by typing: the customer list's own search over the loaded customers, a
short list of matches to pick with ↓/↑/Enter, and "New Customer" last, which adds one
without leaving the dialog. The widget saves nothing of the dialog's: it says who was
picked (or that the choice was cleared) by message, and the dialog acts on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList

from custtui.core.customers.codes import consignor_codes
from custtui.core.directory.live import Directory
from custtui.core.store.businesses import Context
from custtui.ui.commands import HasCustomers
from custtui.ui.widgets.picker.chosen import Chosen
from custtui.ui.widgets.picker.new_customer import NewCustomerForm
from custtui.ui.work import Failed, Job, in_thread

__all__ = ["Chosen", "CustomerPicker"]

MATCH_LIMIT = 6
# How often to look again while the customers are still loading.
LOADING_CHECK = 0.25


class PickerJob(Job):
    CODES = "codes"


class _NewCustomer:
    """The last entry of the matches."""


NEW = _NewCustomer()
Entry = Chosen | _NewCustomer


class CustomerPicker(Vertical):
    """A search box for a customer; nobody chosen is a valid answer (a walk-in)."""

    BINDINGS = [
        Binding("down", "move(1)", "Next match", show=False),
        Binding("up", "move(-1)", "Previous match", show=False),
        Binding("ctrl+r", "clear", "Clear", tooltip="Clear the chosen customer"),
    ]

    @dataclass
    class Picked(Message):
        picker: CustomerPicker
        customer: Chosen

        @property
        def control(self) -> CustomerPicker:
            return self.picker

    @dataclass
    class Cleared(Message):
        picker: CustomerPicker

        @property
        def control(self) -> CustomerPicker:
            return self.picker

    @dataclass
    class CodesRead(Message):
        codes: dict[int, str]

    def __init__(
        self,
        ctx: Context,
        *,
        consignors_only: bool = False,
        placeholder: str = "Type a name, email or phone",
        nobody: str = "Nobody chosen.",
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id, classes="customer-picker")
        self.ctx = ctx
        self.consignors_only = consignors_only
        self.placeholder = placeholder
        self.nobody = nobody
        self.chosen: Chosen | None = None
        self._entries: list[Entry] = []
        self._codes: dict[int, str] = {}
        self._waiting: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(id="picker-query", placeholder=self.placeholder, compact=True)
        yield Label("", id="picker-status", markup=False)
        matches = OptionList(id="picker-matches", compact=True)
        matches.can_focus = False  # Tab goes on to the next field; ↓/↑ move from the box
        matches.display = False
        yield matches
        new = NewCustomerForm(self.ctx, consignor=self.consignors_only, id="picker-new")
        new.display = False
        yield new

    def on_mount(self) -> None:
        if self.chosen is None:
            self._search("")

    @property
    def query_box(self) -> Input:
        return self.query_one("#picker-query", Input)

    @property
    def _matches(self) -> OptionList:
        return self.query_one("#picker-matches", OptionList)

    @property
    def _new(self) -> NewCustomerForm:
        return self.query_one("#picker-new", NewCustomerForm)

    def _directory(self) -> Directory | None:
        app = self.app
        return app.directory if isinstance(app, HasCustomers) else None

    def _status(self, text: str) -> None:
        status = self.query_one("#picker-status", Label)
        status.update(text)
        status.display = bool(text)

    # -- choosing ------------------------------------------------------------------------------

    def choose(self, customer: Chosen, *, announce: bool = True) -> None:
        """Show `customer` as the choice (`announce=False` for the dialog's starting value)."""
        self.chosen = customer
        self._matches.display = False
        self.query_box.value = customer.name
        self._status(f"✓ {customer.name} · {customer.details()}  (^r clears)")
        self.refresh_bindings()
        if announce:
            self.post_message(self.Picked(self, customer))

    def action_clear(self) -> None:
        had = self.chosen is not None
        self.chosen = None
        self.refresh_bindings()
        self.query_box.value = ""
        self._search("")
        self.query_box.focus()
        if had:
            self.post_message(self.Cleared(self))

    # -- searching as the clerk types ----------------------------------------------------------

    @on(Input.Changed, "#picker-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self.chosen is not None:
            if event.value == self.chosen.name:
                return  # the choice's own name, put there by `choose`
            self.chosen = None  # editing the name looks for someone else
            self.refresh_bindings()
            self.post_message(self.Cleared(self))
        self._search(event.value)

    def _search(self, query: str) -> None:
        matches = self._matches
        directory = self._directory()
        if directory is None:
            self._status("Customers are loading…")
            self._entries = [NEW] if query.strip() else []
            self._show_entries()
            if self._waiting is None:
                self._waiting = self.set_interval(LOADING_CHECK, self._check_loaded)
            return
        if not query.strip():
            self._entries = []
            matches.display = False
            self._status(self.nobody)
            return
        ids = directory.pick(query, MATCH_LIMIT, consignors_only=self.consignors_only)
        region = self.ctx.business.region
        rows = directory.rows(ids)
        self._entries = [Chosen.of_row(r, region, self._codes.get(r.id, "")) for r in rows]
        self._entries.append(NEW)
        self._show_entries()
        kind = "consignor" if self.consignors_only else "customer"
        self._status("" if rows else f"No {kind} matches that: New Customer adds one.")
        unknown = [r.id for r in rows if r.is_consignor and r.id not in self._codes]
        if unknown:
            self.read_codes(unknown)

    def _show_entries(self) -> None:
        matches = self._matches
        matches.set_options(self._prompt(entry) for entry in self._entries)
        matches.display = bool(self._entries)
        if self._entries:
            matches.highlighted = 0

    def _prompt(self, entry: Entry) -> Content:
        if isinstance(entry, Chosen):
            return entry.line()
        what = "New Consignor" if self.consignors_only else "New Customer"
        return Content.assemble(("+ ", "$text-accent"), (what, "bold $text-accent"))

    def _check_loaded(self) -> None:
        if self._directory() is None:
            return
        if self._waiting is not None:
            self._waiting.stop()
            self._waiting = None
        if self.chosen is None:
            self._search(self.query_box.value)

    @in_thread(PickerJob.CODES, "Reading consignor codes", exclusive=True)
    def read_codes(self, ids: list[int]) -> Message:
        return self.CodesRead(consignor_codes(self.ctx, ids))

    @on(CodesRead)
    def _codes_read(self, event: CodesRead) -> None:
        event.stop()
        self._codes.update(event.codes)
        if self.chosen is None and self._matches.display:
            highlighted = self._matches.highlighted
            self._entries = [
                Chosen(e.id, e.number, e.name, e.contact, self._codes.get(e.id, ""))
                if isinstance(e, Chosen)
                else e
                for e in self._entries
            ]
            self._show_entries()
            self._matches.highlighted = highlighted

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        if event.job is PickerJob.CODES:
            event.stop()  # the matches show without their codes

    # -- picking -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            return self._matches.display and not self._new.display
        if action == "clear":
            return self.chosen is not None
        return True

    def action_move(self, step: int) -> None:
        matches = self._matches
        if step > 0:
            matches.action_cursor_down()
        else:
            matches.action_cursor_up()

    @on(Input.Submitted, "#picker-query")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._matches.display and self._matches.highlighted is not None:
            self._pick(self._matches.highlighted)

    @on(OptionList.OptionSelected, "#picker-matches")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option_index)

    def _pick(self, index: int) -> None:
        entry = self._entries[index]
        if isinstance(entry, Chosen):
            self.choose(entry)
            return
        self._matches.display = False
        self._status("")
        self._new.open(self.query_box.value)

    # -- New Customer ---------------------------------------------------------------------------

    @on(NewCustomerForm.Created)
    def _new_created(self, event: NewCustomerForm.Created) -> None:
        event.stop()
        self.choose(Chosen.of_record(event.customer, self.ctx.business.region))
        self.query_box.focus()
        kind = "consignor" if self.consignors_only else "customer"
        self.notify(
            f"Added {event.customer.name} ({event.customer.label}) as a new {kind}.", markup=False
        )

    @on(NewCustomerForm.Closed)
    def _new_closed(self, event: NewCustomerForm.Closed) -> None:
        event.stop()
        self.query_box.focus()
        self._search(self.query_box.value)
