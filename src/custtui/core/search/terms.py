"""A query as the index looks for it: its terms, and which terms' matches hold another's.

Matching (SPEC "Screens" -> "List"): the query is split on whitespace and every term must
be a case-insensitive, accent-folded substring of one of first name, last name, company,
email, phone or mobile phone. A term made of digits and punctuation only (no letters) with
at least three digits also matches a phone whose digits contain the term's digits, whatever
the punctuation on either side ("555-1234", "5551234" and "(555) 123" all find
"+1 (555) 123-4567"): such a term carries its digits encoded as the row text holds a
phone's (see `haystack`).
"""

from __future__ import annotations

from custtui.core.search.folding import fold
from custtui.core.search.haystack import ASCII_DIGITS, CONTROL, DIGITS, ENCODE, NON_DIGITS

__all__ = ["Query", "Term", "parse", "query_implies"]

# A term is its folded text and, when the digit rule applies, its encoded digits.
Term = tuple[str, str | None]
Query = tuple[Term, ...]


def _digit_probe(text: str) -> str | None:
    digits = NON_DIGITS.sub("", text)
    if len(digits) < 3 or any(c.isalpha() for c in text):
        return None
    return digits.translate(ENCODE)


def parse(query: str) -> Query:
    folded = fold(query)
    if CONTROL.search(folded):
        folded = CONTROL.sub(" ", folded)
    texts = sorted(set(folded.split()), key=lambda t: (-len(t), t))
    # Longest first: the most selective term narrows before the others are tested, and the
    # canonical order makes "john sm" and "sm john" share one cache entry.
    return tuple((t, _digit_probe(t)) for t in texts)


def _term_implies(term: Term, weaker: Term, whole_phones: bool) -> bool:
    """Whether every row `term` matches is also matched by `weaker`.

    `whole_phones`: every phone's text holds its digits in one run (E.164, as stored).
    """
    if weaker[0] not in term[0]:
        return False
    # A digit-rule term can match "55-5" by digits where "55" matches nothing; only a single
    # digit survives any punctuation, or any run of digits when no phone has punctuation
    # between its digits (its text then holds every run of its digits).
    return (
        term[1] is None
        or weaker[1] is not None
        or weaker[0] in ASCII_DIGITS
        or (whole_phones and not weaker[0].strip(DIGITS))
    )


def query_implies(query: Query, weaker: Query, whole_phones: bool) -> bool:
    """Whether every row `query` matches is also matched by `weaker`."""
    return all(any(_term_implies(t, w, whole_phones) for t in query) for w in weaker)
