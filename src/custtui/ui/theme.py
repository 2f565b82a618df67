"""Themes: custtui's own for modern terminals, the terminal's own palette for 16 colours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import App
from textual.theme import Theme

CUSTTUI_DARK = Theme(
    name="custtui-dark",
    primary="#5FA8D3",
    secondary="#7FB685",
    accent="#F2A65A",
    warning="#F2C14E",
    error="#E5625E",
    success="#7FB685",
    foreground="#E6E6E6",
    background="#16191D",
    surface="#1D2126",
    panel="#262B31",
    dark=True,
)
CUSTTUI_LIGHT = Theme(
    name="custtui-light",
    primary="#1F5F8B",
    secondary="#3E7B45",
    accent="#B3541E",
    warning="#8A6D00",
    error="#B3261E",
    success="#3E7B45",
    foreground="#1B1B1B",
    background="#FAFAF7",
    surface="#F0F0EB",
    panel="#E4E4DD",
    dark=False,
)


def register_themes(app: App[Any]) -> None:
    for theme in (CUSTTUI_DARK, CUSTTUI_LIGHT):
        app.register_theme(theme)


def pick_theme(env: Mapping[str, str], color_system: str | None) -> str:
    """CUSTTUI_THEME wins; a 16-colour terminal gets the terminal's own colours, so the app
    reads on its background whether dark or light; everything else custtui-dark."""
    chosen = env.get("CUSTTUI_THEME", "").strip()
    if chosen:
        return chosen
    if color_system in (None, "standard", "windows"):
        return "ansi-dark"
    return "custtui-dark"
