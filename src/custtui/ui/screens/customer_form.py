"""The edit form: one modal for adding and editing a customer.

Saving replaces the whole record with what the form shows (a blanked field is cleared). The
rules and messages are the core's; the form only places each message beside its field.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static, TextArea

from custtui.core.customers.lookup import Editable, editable, same_name
from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import create_customer, update_customer
from custtui.core.errors import ConflictError, CusttuiError, ValidationError
from custtui.core.fields.catalogue import FIELD_LABELS, FIELDS
from custtui.core.fields.contact import format_phone
from custtui.core.fields.values import DISCOVERY_SOURCES, PREFERRED_CONTACTS
from custtui.core.places import DEFAULT_COUNTRY, state_choices
from custtui.core.store.businesses import Context
from custtui.ui.formatting import local_time
from custtui.ui.screens.ask import Answer, AskScreen, confirm

CONSIGNMENT = ("is_consignor", "consignor_code")
FLAGS = ("is_consignor", "contact_by_email", "contact_by_sms", "active", "on_hold")
SELECTS = {
    "preferred_contact": PREFERRED_CONTACTS,
    "discovery_source": DISCOVERY_SOURCES,
}
SECRET = ("date_of_birth", "driver_license")
HINTS = {
    "date_of_birth": "YYYY-MM-DD or MM/DD/YYYY",
    "customer_since": "YYYY-MM-DD",
    "dl_state": "2 letters",
    "instagram": "handle, @handle or link",
    "facebook": "facebook.com/…",
    "consignor_code": "up to 6 letters and digits",
}


class SecretInput(Input):
    """Masked, and nothing leaves it: copy and cut would put the value in the clipboard."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(password=True, **kwargs)  # type: ignore[arg-type]

    def action_copy(self) -> None:
        self.notify("Date of birth and driver license can't be copied.", severity="warning")

    def action_cut(self) -> None:
        self.action_copy()


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[str, ...]


SECTIONS = (
    Section(
        "Identity and contact",
        ("first_name", "last_name", "company", "email", "phone", "mobile_phone"),
    ),
    Section("Identification", ("date_of_birth", "driver_license", "dl_state")),
    # Country first: it decides whether the state is picked from a list.
    Section("Address", ("country", "street", "street2", "city", "state", "postal_code")),
    Section("Social", ("instagram", "facebook")),
    Section(
        "Relationship",
        (
            "customer_since",
            "discovery_source",
            "referral_details",
            "is_consignor",
            "consignor_code",
            "notes",
        ),
    ),
    Section(
        "Preferences",
        ("preferred_contact", "contact_by_email", "contact_by_sms", "active", "on_hold"),
    ),
)

Values = dict[str, object]


def _text(field: str, value: object, region: str) -> object:
    """A stored value as the form shows it."""
    if field in FLAGS:
        return bool(value)
    if value is None:
        return ""
    if field in ("phone", "mobile_phone"):
        return format_phone(str(value), region)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class CustomerForm(ModalScreen[int | None]):
    """Dismisses with the saved (or chosen existing) customer's number, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", tooltip="Save the customer", priority=True),
        Binding("escape", "cancel", "Cancel", tooltip="Close (asks first when changed)"),
    ]

    def __init__(self, ctx: Context, number: int | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.number = number
        self.version: int | None = None
        self.consigned_items = 0
        self.initial: Values = {}
        # Whether the country has subdivisions, so the state is picked from a list.
        self.state_from_list = False

    @property
    def premium(self) -> bool:
        return self.ctx.business.has_consignment

    def _shown(self, field: str) -> bool:
        return field not in CONSIGNMENT or self.premium

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box"):
            yield Static(id="form-title")
            yield Label("", id="form-error", markup=False)
            with VerticalScroll(id="form-fields"):
                for section in SECTIONS:
                    yield Label(section.title, classes="form-section")
                    for field in section.fields:
                        if self._shown(field):
                            yield from self._field(field)
            with Horizontal(id="form-buttons"):
                yield Button("Save (^s)", id="save", variant="primary", compact=True)
                yield Button("Cancel (esc)", id="cancel", compact=True)
        yield Footer()

    def _field(self, field: str) -> Iterator[Widget]:
        label = FIELD_LABELS[field]
        with Horizontal(classes="form-row", id=f"row-{field}"):
            yield Label(label, classes="form-label")
            yield from self._control(field)
        message = Label("", id=f"error-{field}", classes="form-error", markup=False)
        message.display = False
        yield message

    def _control(self, field: str) -> Iterator[Widget]:
        if field in FLAGS:
            yield Checkbox(FIELD_LABELS[field], id=f"f-{field}")
        elif field in SELECTS:
            blank = field != "preferred_contact"
            options = [(option, option) for option in SELECTS[field]]
            yield Select(options, id=f"f-{field}", allow_blank=blank, compact=True)
        elif field == "notes":
            yield TextArea(id="f-notes", soft_wrap=True, show_line_numbers=False)
        elif field == "state":
            yield Select[str]([], id="f-state-select", compact=True, prompt="Select…")
            yield Input(id="f-state", compact=True)
        else:
            kind = SecretInput if field in SECRET else Input
            yield kind(id=f"f-{field}", compact=True, placeholder=HINTS.get(field, ""))

    async def on_mount(self) -> None:
        if self.number is None:
            self.query_one("#form-title", Static).update("New customer")
            self._fill(dict.fromkeys(FIELDS) | {"country": DEFAULT_COUNTRY, "active": True})
        else:
            state = await self._load()
            if state is None:
                return
            self._fill(state.values)
        self.initial = self.values()
        self.query_one("#f-first_name", Input).focus()

    async def _load(self) -> Editable | None:
        assert self.number is not None
        try:
            state = await asyncio.to_thread(editable, self.ctx, self.number)
        except CusttuiError as exc:
            self.notify(str(exc), title="Can't edit", severity="error")
            self.dismiss(None)
            return None
        self.version = state.version
        self.consigned_items = state.consigned_items
        first, last = state.values["first_name"], state.values["last_name"]
        self.query_one("#form-title", Static).update(f"Edit {first} {last}")
        return state

    # -- values ------------------------------------------------------------------------------------

    def _fill(self, values: Values) -> None:
        region = self.ctx.business.region
        for field in FIELDS:
            if not self._shown(field):
                continue
            self._set(field, _text(field, values.get(field), region))
        self._update_state_control()
        if self.premium and self.consigned_items:
            # The rule the core enforces, shown before anyone tries.
            box = self.query_one("#f-is_consignor", Checkbox)
            box.value = True
            box.disabled = True
            box.tooltip = f"Locked on: {self.consigned_items} consigned items"

    def _set(self, field: str, value: object) -> None:
        if field in FLAGS:
            self.query_one(f"#f-{field}", Checkbox).value = bool(value)
        elif field in SELECTS:
            select = self.query_one(f"#f-{field}", Select)
            select.value = (
                value
                if value
                else (Select.NULL if field != "preferred_contact" else "No Preference")
            )
        elif field == "notes":
            self.query_one("#f-notes", TextArea).load_text(str(value))
        elif field == "state":
            self.query_one("#f-state", Input).value = str(value)
        else:
            self.query_one(f"#f-{field}", Input).value = str(value)

    def _get(self, field: str) -> object:
        if field in FLAGS:
            return self.query_one(f"#f-{field}", Checkbox).value
        if field in SELECTS:
            value = self.query_one(f"#f-{field}", Select).value
            return "" if value is Select.NULL else value
        if field == "notes":
            return self.query_one("#f-notes", TextArea).text
        if field == "state" and self.state_from_list:
            value = self.query_one("#f-state-select", Select).value
            if value is not Select.NULL:
                return value
        return self.query_one(f"#f-{field}", Input).value

    def values(self) -> Values:
        return {field: self._get(field) for field in FIELDS if self._shown(field)}

    @property
    def changed(self) -> bool:
        return self.values() != self.initial

    # -- the state follows the country -------------------------------------------------------------

    @on(Input.Changed, "#f-country")
    def _country_changed(self) -> None:
        self._update_state_control()

    def _update_state_control(self) -> None:
        choices = state_choices(
            self.query_one("#f-country", Input).value.strip() or DEFAULT_COUNTRY
        )
        select = cast(Select[str], self.query_one("#f-state-select", Select))
        text = self.query_one("#f-state", Input)
        current = str(self._get("state") or "")
        if choices:
            select.set_options((f"{name} ({code})", code) for code, name in choices)
            codes = {code for code, _ in choices}
            wanted = current.upper().split("-")[-1] if current else ""
            if wanted not in codes:
                names = {name.casefold(): code for code, name in choices}
                wanted = names.get(current.casefold(), "")
            if wanted:
                select.value = wanted
            else:
                select.clear()
                text.value = current  # kept, so the core can say what's wrong with it
        else:
            text.value = current
        self.state_from_list = bool(choices)
        select.display = bool(choices)
        # A stored state the list doesn't know stays visible as text, for the core to judge.
        text.display = not choices or (bool(current) and select.value is Select.NULL)

    # -- saving ------------------------------------------------------------------------------------

    @on(Button.Pressed, "#save")
    async def _save_pressed(self) -> None:
        await self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    async def action_save(self) -> None:
        values = self.values()
        if self.number is None:
            matches = await asyncio.to_thread(
                same_name, self.ctx, str(values["first_name"]), str(values["last_name"])
            )
            if matches:
                self._ask_duplicate(values, matches)
                return
        await self._save(values)

    async def _save(self, values: Values, *, version: int | None = None) -> None:
        self._clear_errors()
        # Off the event loop: a store locked by a long write elsewhere must not freeze it.
        if self.number is None:
            write = partial(create_customer, self.ctx, values)
        else:
            write = partial(
                update_customer,
                self.ctx,
                self.number,
                values,
                expected_version=version or self.version,
            )
        try:
            saved: CustomerRecord = await asyncio.to_thread(write)
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return
        except ConflictError as exc:
            self._ask_conflict(exc, values)
            return
        except CusttuiError as exc:
            self.query_one("#form-error", Label).update(str(exc))
            return
        verb = "Added" if self.number is None else "Saved"
        self.notify(f"{verb} {saved.name} ({saved.label}).", title=verb)
        self.dismiss(saved.number)

    def _clear_errors(self) -> None:
        self.query_one("#form-error", Label).update("")
        for field in FIELDS:
            if self._shown(field):
                self._say(field, "")
        for row in self.query(".form-row"):
            row.remove_class("-invalid", "-theirs")

    def _show_errors(self, errors: dict[str, str]) -> None:
        first: Widget | None = None
        loose: list[str] = []
        for field in (*FIELDS, *errors):
            message = errors.get(field)
            if message is None:
                continue
            if field in FIELDS and self._shown(field):
                self._say(field, message, "-invalid")
                if first is None:
                    first = self._focus_target(field)
            elif message not in loose:
                loose.append(message)
        count = len(dict.fromkeys(errors.values()))
        summary = (
            "Nothing was saved: fix the marked field."
            if count == 1
            else (f"Nothing was saved: fix the {count} marked fields.")
        )
        self.query_one("#form-error", Label).update(" ".join([summary, *loose]))
        if first is not None:
            first.focus()
            self.query_one("#form-fields", VerticalScroll).scroll_to_widget(first)

    def _say(self, field: str, message: str, mark: str = "") -> None:
        """A message under the field (and a mark on its row); an empty one takes no room."""
        label = self.query_one(f"#error-{field}", Label)
        label.update(message)
        label.display = bool(message)
        if mark:
            self.query_one(f"#row-{field}").add_class(mark)

    def _focus_target(self, field: str) -> Widget:
        if field == "state":
            select = self.query_one("#f-state-select")
            return select if select.display else self.query_one("#f-state")
        return self.query_one(f"#f-{field}")

    # -- duplicates and conflicts ------------------------------------------------------------------

    def _ask_duplicate(self, values: Values, matches: list[CustomerRecord]) -> None:
        lines = [
            f"{m.label}  {m.name}" + "".join(f"  · {p}" for p in (m.company, m.email) if p)
            for m in matches
        ]

        async def answered(answer: str | None) -> None:
            if answer == "open":
                self.dismiss(matches[0].number)
            elif answer == "save":
                await self._save(values)

        noun = "customer" if len(matches) == 1 else "customers"
        name = " ".join(f"{values['first_name']} {values['last_name']}".split())
        self.app.push_screen(
            AskScreen(
                f"There is already a {noun} called {name}",
                "\n".join(lines),
                [
                    Answer("o", "Open existing", "open", "primary"),
                    Answer("s", "Save anyway", "save"),
                    Answer("b", "Back to the form", "back"),
                ],
                focus="open",
            ),
            answered,
        )

    def _ask_conflict(self, error: ConflictError, values: Values) -> None:
        async def answered(answer: str | None) -> None:
            if answer == "reload":
                await self._reload_beside(values)
            elif answer == "overwrite":
                state = await self._load()
                if state is not None:
                    await self._save(values, version=state.version)

        when = local_time(error.updated_at)
        self.app.push_screen(
            AskScreen(
                "Someone else saved this customer",
                f"{error.updated_by} saved {error.number} at {when}, after you opened it. "
                "Reload shows their values with your edits beside them; Overwrite saves "
                "your form over theirs.",
                [
                    Answer("r", "Reload", "reload", "primary"),
                    Answer("o", "Overwrite", "overwrite", "warning"),
                    Answer("c", "Keep editing", "back"),
                ],
                focus="reload",
            ),
            answered,
        )

    async def _reload_beside(self, mine: Values) -> None:
        state = await self._load()
        if state is None:
            return
        self._clear_errors()
        self._fill(state.values)
        theirs = self.values()
        for field, value in mine.items():
            if value != theirs.get(field) and value != self.initial.get(field):
                shown = ("yes" if value else "no") if field in FLAGS else (value or "(blank)")
                if field in SECRET:
                    shown = "(your new value)"
                self._say(field, f"Your edit: {shown}", "-theirs")
        self.initial = theirs
        self.query_one("#form-error", Label).update(
            "Reloaded: the fields show the saved values; your edits are beside them."
        )

    # -- leaving -----------------------------------------------------------------------------------

    def action_cancel(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.dismiss(None)

        self.app.push_screen(
            confirm("Discard unsaved changes?", "", "Discard", "Keep editing"), answered
        )
