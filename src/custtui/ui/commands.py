"""Command palette: the current screen's actions, and a jump straight to any customer."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider

from custtui.core.directory.live import number_asked
from custtui.ui.messages import OpenCustomer

if TYPE_CHECKING:
    from custtui.core.directory.live import Directory

JUMP_LIMIT = 20
NAMED_SCORE = 100.0


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    callback: Callable[[], Any]


@runtime_checkable
class HasPaletteCommands(Protocol):
    """A screen that offers its actions in the palette."""

    def palette_commands(self) -> Iterable[PaletteCommand]: ...


@runtime_checkable
class HasCustomers(Protocol):
    """An app that holds the loaded customers (None while they load)."""

    @property
    def directory(self) -> Directory | None: ...


class CustomerJump(Provider):
    """Type part of a name, email or phone, or a customer number (C-000049, c49, #49): the
    same matching as the list's filter."""

    async def search(self, query: str) -> Hits:
        app = self.app
        directory = app.directory if isinstance(app, HasCustomers) else None
        if directory is None or not query.strip():
            return
        ids = directory.first(query, JUMP_LIMIT)
        named = number_asked(query.strip())
        for rank, row in enumerate(directory.rows(ids)):
            detail = " · ".join(p for p in (row.label, row.company, row.email) if p)
            # The palette's fuzzy scores run past 1 ("c4" in "Activity (F4…)" scores 2.5):
            # the customer a number names goes above every action.
            score = NAMED_SCORE if row.number == named else 1.0 - rank / (JUMP_LIMIT + 1)
            yield Hit(
                score=score,
                match_display=f"{row.name}  [dim]{detail}[/]",
                command=partial(app.post_message, OpenCustomer(row.id)),
                text=row.name,
                help="Open this customer",
            )

    async def discover(self) -> Hits:
        yield DiscoveryHit(
            "Find a customer…",
            lambda: None,
            help="Type part of a name, email or phone, or a customer number (C-000049, #49)",
        )
