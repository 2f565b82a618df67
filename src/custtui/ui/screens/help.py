"""F1: the keys of the screen the user is on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

Keys = list[tuple[str, str]]

# Keys Textual gives every app, which its own palette or Tab already speak for.
_SKIPPED = {"command_palette", "app.focus_next", "app.focus_previous"}
PALETTE = "Command palette: every action, and jump to a customer"


@runtime_checkable
class HasHelpKeys(Protocol):
    """A screen whose help starts with keys no binding shows (typing, arrows, Tab)."""

    help_keys: Sequence[tuple[str, str]]


def _custtui_own(node: DOMNode, binding: Binding) -> bool:
    """Whether a custtui class declared `binding`, rather than the Textual widget it extends:
    a text box's forty editing keys are every text box's, not this screen's."""
    for cls in type(node).__mro__:
        declared = cls.__dict__.get("BINDINGS", ())
        what = (binding.action, binding.description)
        if any(isinstance(b, Binding) and (b.action, b.description) == what for b in declared):
            return cls.__module__.startswith("custtui.")
    return False


def screen_help(app: App[Any], screen: Screen[Any]) -> tuple[Keys, Keys]:
    """The keys of `screen` (its own first), then the app's, as F1 lists them."""
    own: Keys = list(screen.help_keys) if isinstance(screen, HasHelpKeys) else []
    everywhere: Keys = []
    seen = {text for _, text in own}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        text = binding.tooltip or binding.description
        if binding.action in _SKIPPED or not text or not active.enabled or text in seen:
            continue
        if isinstance(node, App) or binding.action.startswith("app."):
            keys = everywhere
        elif node is screen or _custtui_own(node, binding):
            keys = own
        else:
            continue
        seen.add(text)
        keys.append((app.get_key_display(binding), text))
    # Function keys first, as the footer has them; then the palette, then the rest (Quit).
    function_keys = [k for k in everywhere if k[0].lower().startswith("f") and k[0][1:].isdigit()]
    rest = [k for k in everywhere if k not in function_keys]
    palette = app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette"))
    return own, [*function_keys, (palette, PALETTE), *rest]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="close"),
        Binding("f1", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def __init__(
        self,
        title: str,
        keys: Sequence[tuple[str, str]],
        everywhere: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__()
        self.heading = title
        self.keys = keys
        self.everywhere = everywhere

    def compose(self) -> ComposeResult:
        width = max((len(k) for k, _ in (*self.keys, *self.everywhere)), default=4) + 2
        lines = [f"[b]{self.heading}[/b]", ""]
        lines += [f"[b]{key:<{width}}[/b]{what}" for key, what in self.keys]
        if self.everywhere:
            lines += ["", "[b]Everywhere[/b]", ""]
            lines += [f"[b]{key:<{width}}[/b]{what}" for key, what in self.everywhere]
        lines += ["", "[dim]Escape closes this help.[/dim]"]
        with VerticalScroll(id="help-body"):
            yield Static("\n".join(lines), id="help-text")
