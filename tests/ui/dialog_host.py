"""A small app that shows one item dialog over an empty screen, with the loaded customers the
real app would hold (the list's directory), and records what the dialog answered."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import ModalScreen

from custtui.core.directory.live import Directory
from custtui.core.items.record import ItemRecord
from custtui.core.store.businesses import Context
from custtui.ui.app import styles_dir
from custtui.ui.theme import register_themes

Dialog = ModalScreen[ItemRecord | None]


class DialogHost(App[None]):
    CSS_PATH = [str(styles_dir() / "app.tcss"), str(styles_dir() / "items_forms.tcss")]

    def __init__(
        self, ctx: Context, make: Callable[[Context], Dialog], *, load_customers: bool = True
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.make = make
        self.answers: list[ItemRecord | None] = []
        # Loaded before the app runs, as the list screen has them by the time a dialog opens.
        self.loaded: Directory | None = None
        if load_customers and ctx.business.has_customers:
            self.loaded = Directory.load(ctx)
        register_themes(self)
        self.theme = "custtui-dark"

    @property
    def directory(self) -> Directory | None:
        return self.loaded

    def on_mount(self) -> None:
        self.push_screen(self.make(self.ctx), self.answers.append)

    @property
    def dialog(self) -> Any:
        return self.screen
