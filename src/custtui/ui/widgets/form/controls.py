"""The edit form's controls, made safe for a clerk: entering a text box selects nothing (one
stray key must not replace a whole value), and a checkbox says on or off in its text, not
only in its colour (a monochrome terminal shows both).
"""

from __future__ import annotations

from textual.content import Content
from textual.events import Focus
from textual.widgets import Checkbox, Input, Select


def make_compact(control: Input | Select[str]) -> None:
    """Compact (no border), without the restyle that setting `compact` costs a control: its
    class toggled by the reactive restyles the control at once, ~1 ms each on the form."""
    control.set_reactive(type(control).compact, True)
    control.add_class("-textual-compact", update=False)


class FormInput(Input):
    """A text box that, when entered, puts the cursor after the value with nothing selected."""

    def __init__(
        self,
        *,
        id: str,  # noqa: A002
        placeholder: str = "",
        compact: bool = False,
        password: bool = False,
    ) -> None:
        super().__init__(
            id=id,
            placeholder=placeholder,
            password=password,
            select_on_focus=False,
            # The core validates; Textual's check would only toggle a -valid class on each
            # change, restyling the box as the form is filled.
            validate_on=(),
        )
        if compact:
            make_compact(self)

    def on_focus(self, event: Focus) -> None:
        if not event.from_app_focus:  # coming back to the terminal keeps the cursor where it was
            self.cursor_position = len(self.value)


class SecretInput(FormInput):
    """Masked, and nothing leaves it: copy and cut would put the value in the clipboard."""

    def __init__(self, *, id: str, placeholder: str = "", compact: bool = False) -> None:  # noqa: A002
        super().__init__(id=id, placeholder=placeholder, compact=compact, password=True)

    def action_copy(self) -> None:
        self.notify("Date of birth and driver license can't be copied.", severity="warning")

    def action_cut(self) -> None:
        self.action_copy()


class FormSelect(Select[str]):
    """A compact list to pick from."""

    def __init__(
        self,
        options: list[tuple[str, str]],
        *,
        id: str,  # noqa: A002
        allow_blank: bool = True,
        prompt: str = "Select",
    ) -> None:
        super().__init__(options, id=id, allow_blank=allow_blank, prompt=prompt)
        make_compact(self)


ON, OFF = "[x]", "[ ]"


class FormCheckbox(Checkbox):
    """`[x] Consignor` when on, `[ ] Consignor` when off."""

    DEFAULT_CSS = """
    FormCheckbox > .toggle--button { color: $text-muted; background: transparent; }
    FormCheckbox.-on > .toggle--button { color: $text-success; text-style: bold; }
    """

    def render(self) -> Content:
        mark = Content.styled(ON if self.value else OFF, self.get_visual_style("toggle--button"))
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(mark, label)
