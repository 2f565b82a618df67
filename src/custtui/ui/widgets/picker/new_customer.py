"""New Customer, inside the dialog that needs one: a first and last name, optionally an email
and a phone (and, for a consignor, a code suggested from the initials). It creates the
customer through the core, marks the fields the core refuses, and says who was created.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label

from custtui.core.customers.codes import suggest_consignor_code
from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import create_customer
from custtui.core.errors import ValidationError
from custtui.core.store.businesses import Context
from custtui.ui.errors import error_text
from custtui.ui.work import Failed, Job, in_thread, running

LABELS = {
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone": "Phone",
    "consignor_code": "Consignor code",
}


class NewJob(Job):
    CREATE = "create"
    SUGGEST = "suggest"


def split_query(query: str) -> dict[str, str]:
    """What was typed in the search, placed in the fields it most likely belongs to."""
    words = query.split()
    if "@" in query and len(words) == 1:
        return {"email": query.strip()}
    if words and sum(c.isdigit() for c in query) >= 3 and not any(c.isalpha() for c in query):
        return {"phone": query.strip()}
    if not words:
        return {}
    return {"first_name": words[0].capitalize(), "last_name": " ".join(words[1:]).title()}


class NewCustomerForm(Vertical):
    """Hidden until opened; Escape closes it and leaves the dialog open."""

    BINDINGS = [
        Binding("escape", "close", "Back", tooltip="Back to the search, nothing created"),
    ]

    @dataclass
    class Created(Message):
        form: NewCustomerForm
        customer: CustomerRecord

        @property
        def control(self) -> NewCustomerForm:
            return self.form

    @dataclass
    class Closed(Message):
        form: NewCustomerForm

        @property
        def control(self) -> NewCustomerForm:
            return self.form

    @dataclass
    class Refused(Message):
        errors: dict[str, str]

    @dataclass
    class Suggested(Message):
        code: str

    def __init__(self, ctx: Context, *, consignor: bool, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id, classes="picker-new")
        self.ctx = ctx
        self.consignor = consignor
        self.fields = tuple(f for f in LABELS if consignor or f != "consignor_code")
        self._suggested = ""

    def compose(self) -> ComposeResult:
        what = "New consignor" if self.consignor else "New customer"
        yield Label(f"{what} (enter creates, esc goes back)", classes="picker-new-title")
        for field in self.fields:
            with Horizontal(classes="pick-row", id=f"new-row-{field}"):
                yield Label(LABELS[field], classes="pick-label")
                yield Input(id=f"new-{field}", compact=True)
            message = Label("", id=f"new-error-{field}", classes="pick-error", markup=False)
            message.display = False
            yield message
        yield Label("", id="new-error", classes="pick-error", markup=False)
        with Horizontal(classes="picker-new-buttons"):
            yield Button("Create (enter)", id="new-create", variant="primary", compact=True)
            yield Button("Back (esc)", id="new-back", compact=True)

    def _input(self, field: str) -> Input:
        return self.query_one(f"#new-{field}", Input)

    def values(self) -> dict[str, str]:
        return {field: self._input(field).value for field in self.fields}

    def open(self, query: str) -> None:
        self.clear_messages()
        guess = split_query(query)
        for field in self.fields:
            self._input(field).value = guess.get(field, "")
        self._suggested = ""
        self.display = True
        self._input("first_name").focus()
        self._suggest()

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed(self))

    @on(Button.Pressed, "#new-back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_close()

    # -- the code, suggested from the initials until the clerk types their own ----------------

    @on(Input.Changed, "#new-first_name, #new-last_name")
    def _name_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._suggest()

    def _suggest(self) -> None:
        if not self.consignor:
            return
        code = self._input("consignor_code").value
        if code and code != self._suggested:
            return  # the clerk's own
        first, last = self._input("first_name").value, self._input("last_name").value
        if first.strip() or last.strip():
            self.suggest(first, last)

    @in_thread(NewJob.SUGGEST, "Finding a free consignor code", exclusive=True)
    def suggest(self, first: str, last: str) -> Message:
        return self.Suggested(suggest_consignor_code(self.ctx, first, last))

    @on(Suggested)
    def _suggested_code(self, event: Suggested) -> None:
        event.stop()
        box = self._input("consignor_code")
        if not box.value or box.value == self._suggested:
            self._suggested = event.code
            box.value = event.code

    # -- creating ---------------------------------------------------------------------------

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.create_now()

    @on(Button.Pressed, "#new-create")
    def _create_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.create_now()

    def create_now(self) -> None:
        if running(self, NewJob.CREATE):
            return  # one at a time: a second Enter must not add the customer twice
        values: dict[str, object] = dict(self.values())
        if self.consignor:
            values["is_consignor"] = True
        self.create(values)

    @in_thread(NewJob.CREATE, "Adding the customer")
    def create(self, values: dict[str, object]) -> Message:
        try:
            return self.Created(self, create_customer(self.ctx, values))
        except ValidationError as exc:
            return self.Refused(exc.errors)

    @on(Created)
    def _created(self, event: Created) -> None:
        if event.form is self:
            self.display = False  # and on up: the picker chooses them

    @on(Refused)
    def _refused(self, event: Refused) -> None:
        event.stop()
        self.clear_messages()
        first: Input | None = None
        loose: list[str] = []
        for field, message in event.errors.items():
            if field in self.fields:
                self.say(field, message)
                first = first or self._input(field)
            elif message not in loose:
                loose.append(message)
        self._say_loose(" ".join(["Not created: fix the marked field.", *loose]))
        if first is not None:
            first.focus()

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        if event.job is NewJob.CREATE:
            self._say_loose(error_text(event.error))
        # A code that could not be suggested is typed by hand: nothing to say.

    # -- messages beside the fields ----------------------------------------------------------

    def say(self, field: str, message: str) -> None:
        label = self.query_one(f"#new-error-{field}", Label)
        label.update(message)
        label.display = bool(message)
        self.query_one(f"#new-row-{field}").set_class(bool(message), "-invalid")

    def _say_loose(self, message: str) -> None:
        said = self.query_one("#new-error", Label)
        said.update(message)
        said.display = bool(message)

    def clear_messages(self) -> None:
        for field in self.fields:
            self.say(field, "")
        self._say_loose("")
