"""The edit form: one modal for adding and editing a customer.

Saving replaces the whole record with what the form shows (a blanked field is cleared). The
rules and messages are the core's; the form only places each message beside its field
(custtui.ui.widgets.form). Loading and saving run off the event loop and answer with the
typed messages below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

from custtui.core.customers.lookup import Editable, editable, same_name
from custtui.core.customers.precheck import check_new_customer
from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import create_customer, update_customer
from custtui.core.errors import ConflictError, ValidationError
from custtui.core.fields.catalogue import CATALOGUE
from custtui.core.store.businesses import Context
from custtui.ui.errors import error_text
from custtui.ui.screens.ask import confirm
from custtui.ui.screens.form_questions import Conflict, Duplicate, ask_conflict, ask_duplicate
from custtui.ui.screens.fresh import StyledOnMount
from custtui.ui.widgets.form.fields import FormFields, Values
from custtui.ui.work import Failed, Job, in_thread, running


def nothing_saved(errors: dict[str, str]) -> str:
    count = len(dict.fromkeys(errors.values()))  # one problem may mark two fields
    if count == 1:
        return "Nothing was saved: fix the marked field."
    return f"Nothing was saved: fix the {count} marked fields."


class FormJob(Job):
    LOAD = "load"
    SAVE = "save"


class AfterLoad(Enum):
    SHOW = auto()  # opening the form: show the record
    RELOAD_BESIDE = auto()  # after a conflict: their values, the user's edits beside them
    OVERWRITE = auto()  # after a conflict: save the user's values over theirs


class CustomerForm(StyledOnMount, ModalScreen[int | None]):
    """Dismisses with the saved (or chosen existing) customer's number, or None.

    An edit is opened with the customer's values already read (`state`, see
    CusttuiApp.edit_customer): the form then composes and paints once, with its values,
    instead of painting empty and laying everything out again when they arrive.
    """

    # Not the first focusable widget, the scrolling box: focusing it restyles all 140 widgets.
    AUTO_FOCUS = "#f-first_name"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the customer", priority=True),
        Binding("escape", "cancel", "Cancel", tooltip="Close (asks first when changed)"),
        # A modal screen hides the app's keys, F1 among them.
        Binding("f1", "app.help", "Help", tooltip="Keys of this screen", id="help"),
    ]
    SUB_TITLE = "Customer form"

    help_keys = (
        ("Tab / Shift+Tab", "Next field / previous field"),
        ("Space", "Tick or untick a checkbox"),
        ("Enter", "On a list (state, preferred contact…): open it, then pick"),
        ("Ctrl+U", "In a text box: clear it up to the cursor (all of it, on entering)"),
    )

    # -- the store's answers ----------------------------------------------------------------

    @dataclass
    class Loaded(Message):
        state: Editable
        after: AfterLoad
        mine: Values = field(default_factory=dict)  # the user's values, for after a conflict

    @dataclass
    class Saved(Message):
        customer: CustomerRecord

    @dataclass
    class Invalid(Message):
        errors: dict[str, str]

    @dataclass
    class SameName(Message):
        values: Values
        matches: list[CustomerRecord]

    @dataclass
    class Conflicted(Message):
        error: ConflictError
        values: Values

    def __init__(
        self, ctx: Context, number: int | None = None, state: Editable | None = None
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.number = number
        self.state = state
        self.version: int | None = None
        self.consigned_items = 0
        self.initial: Values = {}

    @property
    def fields(self) -> FormFields:
        return self.query_one(FormFields)

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(id="form-title", markup=False)
            yield Label("", id="form-error", markup=False)
            yield FormFields(
                region=self.ctx.business.region, premium=self.ctx.business.has_consignment
            )
            with Horizontal(id="form-buttons"):
                yield Button("Save (^s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        if self.number is None:
            self.query_one("#form-title", Static).update("New customer")
            self.fields.fill({field.name: field.default for field in CATALOGUE})
            self._ready()
        elif self.state is not None:
            self._loaded(self.Loaded(self.state, AfterLoad.SHOW))
        else:
            self.load(AfterLoad.SHOW)

    def _ready(self) -> None:
        self.initial = self.values()
        self.fields.focus_first()

    def values(self) -> Values:
        return self.fields.values()

    @property
    def changed(self) -> bool:
        return self.values() != self.initial

    # -- loading -----------------------------------------------------------------------------------

    @in_thread(FormJob.LOAD, "Reading the customer", exclusive=True)
    def load(self, after: AfterLoad, mine: Values | None = None) -> Message:
        assert self.number is not None
        return self.Loaded(editable(self.ctx, self.number), after, mine or {})

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        state = event.state
        self.version = state.version
        self.consigned_items = state.consigned_items
        first, last = state.values["first_name"], state.values["last_name"]
        self.query_one("#form-title", Static).update(f"Edit {first} {last}")
        if event.after is AfterLoad.SHOW:
            self.fields.fill(state.values, consigned_items=self.consigned_items)
            self._ready()
        elif event.after is AfterLoad.RELOAD_BESIDE:
            self._clear_errors()
            self.fields.fill(state.values, consigned_items=self.consigned_items)
            self.fields.show_edits_beside(event.mine, self.initial)
            self.initial = self.values()
            self._say("Reloaded: the fields show the saved values; your edits are beside them.")
        else:
            self.save(event.mine, version=state.version)

    # -- saving ------------------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        if running(self, FormJob.SAVE) or running(self, FormJob.LOAD):
            return  # one save at a time: a second Ctrl+S must not add the customer twice
        self.save(self.values(), version=self.version, same_name_first=self.number is None)

    @in_thread(FormJob.SAVE, "Saving the customer")
    def save(
        self, values: Values, *, version: int | None = None, same_name_first: bool = False
    ) -> Message:
        if same_name_first:
            # Every rule first: the same-name question is for a customer that could be saved.
            try:
                check_new_customer(self.ctx, values)
            except ValidationError as exc:
                return self.Invalid(exc.errors)
            first, last = str(values["first_name"]), str(values["last_name"])
            matches = same_name(self.ctx, first, last)
            if matches:
                return self.SameName(values, matches)
        try:
            if self.number is None:
                saved = create_customer(self.ctx, values)
            else:
                saved = update_customer(self.ctx, self.number, values, expected_version=version)
        except ValidationError as exc:
            return self.Invalid(exc.errors)
        except ConflictError as exc:
            return self.Conflicted(exc, values)
        return self.Saved(saved)

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        verb = "Added" if self.number is None else "Saved"
        self.notify(f"{verb} {event.customer.name} ({event.customer.label}).", title=verb)
        self.dismiss(event.customer.number)

    @on(Invalid)
    def _invalid(self, event: Invalid) -> None:
        self._clear_errors()
        loose = self.fields.show_errors(event.errors)
        self._say(" ".join([nothing_saved(event.errors), *loose]))

    @on(FormFields.Rechecked)
    def _rechecked(self, event: FormFields.Rechecked) -> None:
        self._say(nothing_saved(event.marked) if event.marked else "")

    def _clear_errors(self) -> None:
        self._say("")
        self.fields.clear_messages()

    def _say(self, text: str) -> None:
        self.query_one("#form-error", Label).update(text)

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        message = error_text(event.error)
        if event.job is FormJob.LOAD:
            self.notify(message, title="Can't edit", severity="error")
            self.dismiss(None)
        else:
            self._clear_errors()
            self._say(message)

    # -- same name, and someone else's save --------------------------------------------------------

    @on(SameName)
    def _same_name(self, event: SameName) -> None:
        values, matches = event.values, event.matches

        def answered(answer: Duplicate | None) -> None:
            if answer is Duplicate.OPEN:
                self.dismiss(matches[0].number)
            elif answer is Duplicate.SAVE:
                self.save(values)

        name = " ".join(f"{values['first_name']} {values['last_name']}".split())
        self.app.push_screen(ask_duplicate(name, matches), answered)

    @on(Conflicted)
    def _conflicted(self, event: Conflicted) -> None:
        self._clear_errors()
        values = event.values

        def answered(answer: Conflict | None) -> None:
            if answer is Conflict.RELOAD:
                self.load(AfterLoad.RELOAD_BESIDE, values)
            elif answer is Conflict.OVERWRITE:
                self.load(AfterLoad.OVERWRITE, values)

        self.app.push_screen(ask_conflict(event.error), answered)

    # -- leaving -----------------------------------------------------------------------------------

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
