"""Command palette: the current screen's actions, and a jump straight to any customer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

JUMP_LIMIT = 20


@dataclass(frozen=True)
class PaletteCommand:
    title: str
    help: str
    callback: Callable[[], Any]


class CustomerJump(Provider):
    """Type part of a name, email or phone: the same matching as the list's filter."""

    async def search(self, query: str) -> Hits:
        directory = getattr(self.app, "directory", None)
        if directory is None or not query.strip():
            return
        ids = directory.index.first(query, JUMP_LIMIT)
        for rank, row in enumerate(directory.rows(ids)):
            detail = " · ".join(p for p in (row.label, row.company, row.email) if p)
            yield Hit(
                score=1.0 - rank / (JUMP_LIMIT + 1),
                match_display=f"{row.name}  [dim]{detail}[/]",
                command=partial(self.app.open_customer, row.id),  # type: ignore[attr-defined]
                text=row.name,
                help="Open this customer",
            )

    async def discover(self) -> Hits:
        yield DiscoveryHit(
            "Find a customer…",
            lambda: None,
            help="Type part of a name, email or phone number",
        )
