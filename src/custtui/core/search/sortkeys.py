"""The list's default order as a stored key, so the database can serve the first page."""

from __future__ import annotations

from custtui.core.search.folding import fold

SEP = "\x1f"  # below every printable character: "Ann␟…" sorts before "Anna␟…"


def name_key(first_name: str, last_name: str) -> str:
    """Folded last name, separator, folded first name: the index's last-name order."""
    return fold(last_name.strip()) + SEP + fold(first_name.strip())
