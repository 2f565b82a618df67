"""The edit form's fields: a label and a control per field in one grid, by section, and the
field's message beneath when it has one.

The widget shows values and reads them back as the core takes them; it marks fields with
the core's messages. It saves nothing: the form screen does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, TextArea

from custtui.core.errors import FieldInvalid
from custtui.core.fields.catalogue import FIELD_LABELS, FIELDS
from custtui.core.fields.contact import format_phone
from custtui.core.fields.normalize import normalize_field
from custtui.core.places import DEFAULT_COUNTRY, state_choices
from custtui.ui.widgets.form.controls import FormCheckbox, FormInput, FormSelect, SecretInput
from custtui.ui.widgets.form.sections import (
    CONSIGNMENT,
    FLAGS,
    HINTS,
    LOCKABLE,
    MULTILINE,
    PHONES,
    SECRET,
    SECTIONS,
    SELECT_DEFAULTS,
    SELECTS,
)

Values = dict[str, object]


@dataclass
class Refusal:
    value: object  # what the core refused
    said: str  # what it said then
    now: str  # what the field says now ("" once the value is right)


def shown_value(field: str, value: object, region: str) -> object:
    """A stored value as the form shows it."""
    if field in FLAGS:
        return bool(value)
    if value is None:
        return ""
    if field in PHONES:
        return format_phone(str(value), region)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class FormFields(VerticalScroll):
    """Every field of a customer; the consignment fields only on premium."""

    def __init__(self, *, region: str, premium: bool) -> None:
        super().__init__(id="form-fields")
        self.phone_region = region
        self.premium = premium
        # Whether the country has subdivisions, so the state is picked from a list.
        self.state_from_list = False
        # Each field the core refused since the last save, with the value it refused: a
        # change is checked at once, so the mark goes when the value becomes right.
        self.refused: dict[str, Refusal] = {}
        # The message under each field, made when the field first has one: most never do.
        self.messages: dict[str, Label] = {}

    @dataclass
    class Rechecked(Message):
        """A field the core refused was changed; `marked` says what is still wrong."""

        fields: FormFields
        marked: dict[str, str]  # field -> its message

        @property
        def control(self) -> FormFields:
            return self.fields

    def shown(self, field: str) -> bool:
        return field not in CONSIGNMENT or self.premium

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        for section in SECTIONS:
            yield Label(section.title, classes="form-section")
            for field in section.fields:
                if self.shown(field):
                    yield from self._row(field)

    def _row(self, field: str) -> Iterator[Widget]:
        # The label carries the row's marks (-invalid, -theirs).
        yield Label(FIELD_LABELS[field], classes="form-label", id=f"row-{field}")
        if field == "state":  # a list, or text when the country has no list (or both)
            with Horizontal(id="state-controls"):
                yield from self._control(field)
        else:
            yield from self._control(field)
        if field in LOCKABLE:
            note = Label("", id=f"note-{field}", classes="form-note")
            note.display = False
            yield note

    def _control(self, field: str) -> Iterator[Widget]:
        if field in FLAGS:
            yield FormCheckbox(FIELD_LABELS[field], id=f"f-{field}")
        elif field in SELECTS:
            blank = field not in SELECT_DEFAULTS
            options = [(option, option) for option in SELECTS[field]]
            yield FormSelect(options, id=f"f-{field}", allow_blank=blank)
        elif field in MULTILINE:
            yield TextArea(id=f"f-{field}", soft_wrap=True, show_line_numbers=False)
        elif field == "state":
            yield FormSelect([], id="f-state-select", prompt="Select…")
            yield FormInput(id="f-state", compact=True)
        else:
            kind = SecretInput if field in SECRET else FormInput
            yield kind(id=f"f-{field}", compact=True, placeholder=HINTS.get(field, ""))

    # -- values ------------------------------------------------------------------------------------

    def fill(self, values: Values, *, consigned_items: int = 0) -> None:
        for field in FIELDS:
            if self.shown(field):
                self._set(field, shown_value(field, values.get(field), self.phone_region))
        self._update_state_control()
        if self.premium:
            self._lock_consignor(consigned_items)

    def _lock_consignor(self, consigned_items: int) -> None:
        """The rule the core enforces, shown before anyone tries, and said on the screen: a
        locked box is skipped by Tab, so a tooltip alone would reach only mouse users."""
        box = self.query_one("#f-is_consignor", Checkbox)
        note = self.query_one("#note-is_consignor", Label)
        locked = consigned_items > 0
        box.disabled = locked
        note.display = locked
        if locked:
            box.value = True
            items = "item" if consigned_items == 1 else "items"
            why = f"Locked on: this customer has consigned {consigned_items} {items}."
            box.tooltip = why
            note.update(why)
        else:
            box.tooltip = None

    def _set(self, field: str, value: object) -> None:
        if field in FLAGS:
            self.query_one(f"#f-{field}", Checkbox).value = bool(value)
        elif field in SELECTS:
            select = self.query_one(f"#f-{field}", Select)
            select.value = value if value else SELECT_DEFAULTS.get(field, Select.NULL)
        elif field in MULTILINE:
            self.query_one(f"#f-{field}", TextArea).load_text(str(value))
        else:
            self.query_one(f"#f-{field}", Input).value = str(value)

    def _get(self, field: str) -> object:
        if field in FLAGS:
            return self.query_one(f"#f-{field}", Checkbox).value
        if field in SELECTS:
            value = self.query_one(f"#f-{field}", Select).value
            return "" if value is Select.NULL else value
        if field in MULTILINE:
            return self.query_one(f"#f-{field}", TextArea).text
        if field == "state" and self.state_from_list:
            value = self.query_one("#f-state-select", Select).value
            if value is not Select.NULL:
                return value
        return self.query_one(f"#f-{field}", Input).value

    def values(self) -> Values:
        return {field: self._get(field) for field in FIELDS if self.shown(field)}

    # -- the state follows the country -------------------------------------------------------------

    @on(Input.Changed, "#f-country")
    def _country_changed(self) -> None:
        self._update_state_control()

    def _update_state_control(self) -> None:
        choices = state_choices(
            self.query_one("#f-country", Input).value.strip() or DEFAULT_COUNTRY
        )
        select = self.query_one("#f-state-select", Select)
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

    # -- messages beside the fields ----------------------------------------------------------------

    def clear_messages(self) -> None:
        self.refused.clear()
        for field in self.messages:
            self.say(field, "")
        for row in self.query(".form-label"):
            row.remove_class("-invalid", "-theirs")

    def say(self, field: str, message: str, mark: str = "") -> None:
        """A message under the field (and a mark on its row); an empty one takes no room."""
        label = self.messages.get(field)
        if label is not None:
            label.update(message)
            label.display = bool(message)
        elif message:
            label = Label(message, id=f"error-{field}", classes="form-error", markup=False)
            self.messages[field] = label
            self.mount(label, after=self._cell(field))
        if mark:
            self.query_one(f"#row-{field}").add_class(mark)

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Mark each field the core refused and go to the first; returns the other messages."""
        first: Widget | None = None
        loose: list[str] = []
        for field in (*FIELDS, *errors):
            message = errors.get(field)
            if message is None:
                continue
            if field in FIELDS and self.shown(field):
                self.say(field, message, "-invalid")
                self.refused[field] = Refusal(self._get(field), message, message)
                if first is None:
                    first = self._focus_target(field)
            elif message not in loose:
                loose.append(message)
        if first is not None:
            first.focus()
            self.scroll_to_widget(first)
        return loose

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    def _value_changed(
        self, event: Input.Changed | Select.Changed | Checkbox.Changed | TextArea.Changed
    ) -> None:
        # Every marked field, not only the changed one: some rules read another field (the
        # state and the phones are read in the country).
        changed = [
            field for field, refusal in self.refused.items() if self._recheck(field, refusal)
        ]
        if changed:
            marked = {field: refusal.now for field, refusal in self.refused.items() if refusal.now}
            self.post_message(self.Rechecked(self, marked))

    def _recheck(self, field: str, refusal: Refusal) -> bool:
        """Say at once whether the field's value passes its rule; whether that changed."""
        value = self._get(field)
        if value == refusal.value:
            # What the core said, even when the rule alone can't see it (a taken email).
            message = refusal.said
        else:
            try:
                normalize_field(
                    field, value, region=self.phone_region, country=self._get("country")
                )
                message = ""
            except FieldInvalid as error:
                message = error.message
        if message == refusal.now:
            return False
        refusal.now = message
        self.say(field, message)
        self.query_one(f"#row-{field}").set_class(bool(message), "-invalid")
        return True

    def show_edits_beside(self, mine: Values, initial: Values) -> None:
        """After a reload: beside each field, the user's edit that the saved value replaced."""
        theirs = self.values()
        for field, value in mine.items():
            if value != theirs.get(field) and value != initial.get(field):
                shown = ("yes" if value else "no") if field in FLAGS else (value or "(blank)")
                if field in SECRET:
                    shown = "(your new value)"
                self.say(field, f"Your edit: {shown}", "-theirs")

    def _focus_target(self, field: str) -> Widget:
        if field == "state":
            select = self.query_one("#f-state-select")
            return select if select.display else self.query_one("#f-state")
        return self.query_one(f"#f-{field}")

    def _cell(self, field: str) -> Widget:
        """The field's control (both of the state's): its message goes right after it."""
        return self.query_one("#state-controls" if field == "state" else f"#f-{field}")

    def focus_first(self) -> None:
        self.query_one("#f-first_name", Input).focus()
