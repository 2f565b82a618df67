"""Helpers the test packages share (each package keeps its own in its conftest or helpers)."""

from __future__ import annotations

from custtui.core.fields import contact, normalize
from custtui.core.fields.normalize import Outcomes, remember


class Answers:
    """The fields whose values the worker's answers decided, as they are used.

    The per-value caches start empty, so what the worker hands back is what is used.
    """

    def __init__(self) -> None:
        self.taken: list[str] = []
        for memo in normalize._MEMOS.values():
            memo.clear()
        contact._known_domains.clear()

    def take(
        self,
        name: str,
        raws: list[str],
        region: str,
        outcomes: Outcomes,
        countries: list[str | None],
    ) -> None:
        self.taken.append(name)
        remember(name, raws, region, outcomes, countries)
