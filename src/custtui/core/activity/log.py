"""The audit log of a business, newest first, a page at a time.

Pages are keyset pages on (at, id): the next page starts below the last row shown, so the
thousandth page costs what the first does, and rows written meanwhile never shift a page.
Each filter has an index whose order is the log's (0006): a user or an action is read as
one or more index ranges that are merged, never as a scan of every event and a sort.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import CompoundSelect, Select, and_, or_, select, text, union_all
from sqlalchemy.orm import Session

from custtui.core.activity.wording import ACTION_WORDS, detail, title
from custtui.core.customers.record import customer_row, format_number
from custtui.core.errors import CusttuiError, FieldInvalid
from custtui.core.fields.values import parse_date
from custtui.core.store.audit import ACTIONS, of_customer
from custtui.core.store.businesses import Context
from custtui.core.store.models import AuditEvent, Customer
from custtui.core.text import fold, single_line

PAGE = 50
# Past this many (user, action) ranges one filtered scan is cheaper than merging them.
_MAX_RANGES = 64
_MAX_ACTORS = 500


@dataclass(frozen=True)
class ActivityFilter:
    """Which events: empty sets mean any user, any action."""

    actors: frozenset[str] = frozenset()
    actions: frozenset[str] = frozenset()
    since: datetime | None = None
    customer_id: int | None = None
    # A filter nothing passes: a word that names no user and no action.
    nothing: bool = False


EVERY = ActivityFilter()


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the next one starts just below this event."""

    at: datetime
    id: int


@dataclass(frozen=True)
class ActivityRow:
    id: int
    at: datetime
    actor: str
    action: str
    title: str
    detail: str
    customer_id: int | None
    customer_number: int | None
    customer_name: str | None
    # False once the customer is deleted: the number and name are then the event's record.
    customer_exists: bool

    @property
    def cursor(self) -> Cursor:
        return Cursor(self.at, self.id)

    @property
    def customer(self) -> str:
        """`C-000123 Ann Baker`, `… (deleted)` when gone, "" when the event has no customer."""
        if self.customer_id is None:
            return ""
        parts = [format_number(self.customer_number) if self.customer_number else ""]
        parts.append(self.customer_name or "")
        if not self.customer_exists:
            parts.append("(deleted)")
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class ActivityPage:
    rows: tuple[ActivityRow, ...]
    # Where the next page starts; None when this page holds the oldest event.
    more: Cursor | None


# -- reading ------------------------------------------------------------------------------------


def activity_page(
    ctx: Context, wanted: ActivityFilter = EVERY, after: Cursor | None = None, limit: int = PAGE
) -> ActivityPage:
    """`limit` events passing `wanted`, newest first, starting below `after`."""
    if wanted.nothing:
        return ActivityPage((), None)
    with ctx.store.read() as session:
        keys = _page_keys(session, ctx.business.id, wanted, after, limit + 1)
        more = Cursor(*keys[limit - 1]) if len(keys) > limit else None
        ids = [event_id for _, event_id in keys[:limit]]
        events = {
            row.id: row for row in session.scalars(select(AuditEvent).where(AuditEvent.id.in_(ids)))
        }
        ordered = [events[i] for i in ids]
        people = _people(session, ctx.business.id, {e.customer_id for e in ordered})
    return ActivityPage(tuple(_row(event, people) for event in ordered), more)


def _page_keys(
    session: Session, business_id: int, wanted: ActivityFilter, after: Cursor | None, limit: int
) -> list[tuple[datetime, int]]:
    t = AuditEvent
    bounds: list[Any] = [t.business_id == business_id]
    if wanted.since is not None:
        bounds.append(t.at >= wanted.since)
    if after is not None:
        # Written out, not as a row value: a bare value in a tuple skips the column's UTC
        # conversion. `at <=` bounds the index range; the rest sorts out ties.
        bounds.append(t.at <= after.at)
        bounds.append(or_(t.at < after.at, and_(t.at == after.at, t.id < after.id)))

    def scan(*conditions: Any) -> Select[datetime, int]:
        query = select(t.at, t.id).where(*bounds, *conditions)
        return query.order_by(t.at.desc(), t.id.desc()).limit(limit)

    actors, actions = sorted(wanted.actors), sorted(wanted.actions)
    if wanted.customer_id is not None:
        # A customer's events are few: ix_audit_customer holds them all. Its id alone names
        # the business; said again, a planner may read the business's whole log instead.
        bounds.pop(0)
        scans = [
            scan(
                of_customer(wanted.customer_id),
                *([t.actor.in_(actors)] if actors else []),
                *([t.action.in_(actions)] if actions else []),
            )
        ]
    elif actors and len(actors) * len(actions or ACTIONS) <= _MAX_RANGES:
        each = actions or list(ACTIONS)
        scans = [scan(t.actor == u, t.action == a) for u in actors for a in each]
    elif actions:
        scans = [scan(t.action == a, *([t.actor.in_(actors)] if actors else [])) for a in actions]
    else:
        scans = [scan(*([t.actor.in_(actors)] if actors else []))]
    if len(scans) == 1:
        return [(row[0], row[1]) for row in session.execute(scans[0])]
    # Each range sorted and cut by the index; the union is at most len(scans) * limit rows.
    sub = _each(scans).subquery()
    query = select(sub.c.at, sub.c.id).order_by(sub.c.at.desc(), sub.c.id.desc()).limit(limit)
    return [(row[0], row[1]) for row in session.execute(query)]


def _each(queries: Sequence[Select[*tuple[Any, ...]]]) -> Select[Any] | CompoundSelect:
    """The rows of every query, each run on its own (with its own ORDER BY and LIMIT)."""
    if len(queries) == 1:
        return queries[0]
    subs = [q.subquery() for q in queries]
    return union_all(*(select(*s.c) for s in subs))


def _people(
    session: Session, business_id: int, ids: Iterable[int | None]
) -> dict[int, tuple[int | None, str | None, bool]]:
    """Customer id → (number, name, still exists), read from the deletion event when gone."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    found: dict[int, tuple[int | None, str | None, bool]] = {}
    query = select(Customer.id, Customer.number, Customer.first_name, Customer.last_name).where(
        Customer.business_id == business_id, Customer.id.in_(wanted)
    )
    for cid, number, first, last in session.execute(query):
        found[cid] = (number, single_line(f"{first} {last}"), True)
    gone = sorted(wanted - set(found))
    if gone:
        # A customer's last event is their deletion: one seek of ix_audit_customer each.
        # Only the customer's id is asked for: told the business or the action too, a
        # planner may walk every deletion of the business instead.
        t = AuditEvent
        lasts = [
            select(t.id).where(t.customer_id == cid).order_by(t.at.desc(), t.id.desc()).limit(1)
            for cid in gone
        ]
        last_ids = _each(lasts)
        deleted = select(t.customer_id, t.business_id, t.action, t.changes).where(
            t.id.in_(last_ids.scalar_subquery())
        )
        for cid, business, action, changes in session.execute(deleted):
            if business == business_id and action == "customer_deleted":
                found[cid] = (*_recorded(changes), False)
    for cid in set(gone) - set(found):
        found[cid] = (None, None, False)
    return found


def _recorded(changes: Mapping[str, Any]) -> tuple[int | None, str | None]:
    """The number and name a deletion event kept of its customer."""

    def old(field: str) -> object:
        change = changes.get(field)
        return change.get("old") if isinstance(change, Mapping) else None

    number = old("number")
    name = " ".join(str(v) for v in (old("first_name"), old("last_name")) if v)
    return (number if isinstance(number, int) else None, single_line(name))


def _row(
    event: AuditEvent, people: Mapping[int, tuple[int | None, str | None, bool]]
) -> ActivityRow:
    number, name, exists = (
        people.get(event.customer_id, (None, None, False))
        if event.customer_id is not None
        else (None, None, False)
    )
    changes = event.changes or {}
    return ActivityRow(
        event.id,
        event.at,
        single_line(event.actor) or "",
        event.action,
        title(event.action, changes),
        detail(event.action, changes),
        event.customer_id,
        number,
        name,
        exists,
    )


def known_actors(ctx: Context) -> list[str]:
    """Everyone who has done anything in this business, A–Z.

    A loose index scan (each next name is one seek of ix_audit_business_actor), so it costs
    the number of people, not of events.
    """
    query = text(
        """
        WITH RECURSIVE names(name, n) AS (
            SELECT MIN(actor), 1 FROM audit_events WHERE business_id = :business
            UNION ALL
            SELECT (SELECT MIN(actor) FROM audit_events
                    WHERE business_id = :business AND actor > names.name), n + 1
            FROM names WHERE names.name IS NOT NULL AND n < :most
        )
        SELECT name FROM names WHERE name IS NOT NULL
        """
    )
    with ctx.store.read() as session:
        rows = session.execute(query, {"business": ctx.business.id, "most": _MAX_ACTORS})
        return [name for (name,) in rows]


# -- what people type -----------------------------------------------------------------------------


def parse_action(raw: str) -> str:
    """An action's name (`customers_exported`; case and hyphens forgiven), or a one-line
    error naming every valid one."""
    name = raw.strip().lower().replace("-", "_")
    if name in ACTIONS:
        return name
    raise CusttuiError(f"No action {raw.strip()!r}; valid actions: {', '.join(ACTIONS)}.")


def parse_since(raw: str) -> datetime:
    """The start of that day in this terminal's time zone, as an aware datetime."""
    try:
        day = parse_date(raw, "--since")
    except FieldInvalid as exc:
        raise CusttuiError(str(exc)) from None
    if day is None:
        raise CusttuiError("--since must be a date as YYYY-MM-DD or MM/DD/YYYY.")
    return start_of(day)


def start_of(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


def users_named(ctx: Context, names: Sequence[str]) -> frozenset[str]:
    """The recorded spellings of these user names (case forgiven); unknown ones as given."""
    known = {fold(a): a for a in known_actors(ctx)}
    return frozenset(known.get(fold(n), n.strip()) for n in names if n.strip())


def filter_from_text(ctx: Context, query: str, base: ActivityFilter = EVERY) -> ActivityFilter:
    """The filter box: each word must match the action's words ("export", "deleted") or a
    user's name. Words naming an action narrow the actions; the others, the users."""
    terms = [fold(term) for term in query.split()]
    if not terms:
        return base
    actions = set(base.actions or ACTIONS)
    user_terms: list[str] = []
    for term in terms:
        named = {a for a in ACTIONS if term in fold(f"{ACTION_WORDS[a]} {a}")}
        if named:
            actions &= named
        else:
            user_terms.append(term)
    actors = set(base.actors)
    if user_terms:
        people = [a for a in known_actors(ctx) if all(t in fold(a) for t in user_terms)]
        actors = (actors & set(people)) if actors else set(people)
        if not actors:
            return ActivityFilter(nothing=True)
    if not actions:
        return ActivityFilter(nothing=True)
    every = actions == set(ACTIONS)
    return ActivityFilter(
        frozenset(actors),
        frozenset() if every else frozenset(actions),
        base.since,
        base.customer_id,
    )


def customer_id_of(ctx: Context, number: int | str) -> int:
    """The id of customer `number` (C-000123), for the customer filter."""
    with ctx.store.read() as session:
        return customer_row(session, ctx, number).id
