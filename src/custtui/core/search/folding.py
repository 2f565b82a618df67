"""Case- and accent-folding: what makes "zoe" find "Zoë" (SPEC "Screens" -> "List").

Apart from the index so that whatever only needs the rule (the stored name key) imports
nothing else of search.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold"]

# The combining marks Latin, Greek and Cyrillic use; rarer ones go through unicodedata.
_COMMON_MARKS = re.compile("[\u0300-\u036f]+")


def fold(text: str) -> str:
    """Case- and accent-fold `text` for matching: NFKD, drop combining marks, casefold."""
    if text.isascii():
        return text.lower()
    for _ in range(3):
        # Casefolding can itself yield decomposable or compatibility characters, so repeat
        # until stable (in practice once, rarely twice).
        decomposed = _COMMON_MARKS.sub("", unicodedata.normalize("NFKD", text))
        if not decomposed.isascii():
            decomposed = "".join(c for c in decomposed if not unicodedata.combining(c))
        folded = decomposed.casefold()
        if folded == text or folded.isascii():
            return folded
        text = folded
    return text
