"""Businesses (tenants), their plans and team lists, and the context every service acts in."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from custtui.core.errors import AccessError, FieldInvalid, NotFoundError, RuleError, ValidationError
from custtui.core.places import normalize_country
from custtui.core.store.engine import Store
from custtui.core.store.models import Business, TeamMember

PLANS = ("free", "pro", "premium")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")


@dataclass(frozen=True)
class BusinessInfo:
    id: int
    slug: str
    name: str
    plan: str
    region: str
    team_locked: bool
    # What a new consigned item starts with (core/items).
    default_commission_bp: int = 4000
    consignment_days: int = 90

    @property
    def has_customers(self) -> bool:
        return self.plan in ("pro", "premium")

    @property
    def has_consignment(self) -> bool:
        return self.plan == "premium"


@dataclass(frozen=True)
class Context:
    """Who acts, for which business, on which store: the first argument of every service."""

    store: Store
    business: BusinessInfo
    user: str

    def refreshed(self) -> Context:
        with self.store.read() as session:
            return replace(self, business=_info(_business(session, self.business.slug)))


def _info(row: Business) -> BusinessInfo:
    return BusinessInfo(
        row.id,
        row.slug,
        row.name,
        row.plan,
        row.region,
        row.team_locked,
        row.default_commission_bp,
        row.consignment_days,
    )


def _business(session: Session, slug: str | None) -> Business:
    query = select(Business).order_by(Business.id).limit(1)
    if slug is not None:
        query = select(Business).where(Business.slug == slug)
    row = session.scalar(query)
    if row is None:
        raise NotFoundError(f"No business {slug!r}; `custtui business add {slug}` creates it.")
    return row


def open_context(store: Store, business: str | None, user: str) -> Context:
    """The acting context; refused when the business keeps a locked team list without `user`."""
    if not user:
        raise AccessError("No user name: pass --user NAME.")
    with store.read() as session:
        row = _business(session, business)
        if row.team_locked and not _is_member(session, row.id, user):
            raise AccessError(
                f"{user} is not on the team of {row.name}. "
                f"A team member can add them with: custtui team add {user}"
            )
        return Context(store, _info(row), user)


def _is_member(session: Session, business_id: int, user: str) -> bool:
    query = select(TeamMember.id).where(
        TeamMember.business_id == business_id, TeamMember.name == user
    )
    return session.scalar(query) is not None


def add_business(
    store: Store, slug: str, name: str | None = None, region: str = "US"
) -> BusinessInfo:
    slug = slug.strip().lower()
    if not _SLUG.match(slug):
        raise ValidationError(
            {"slug": "A business slug is 1-50 lower-case letters, digits and hyphens."}
        )
    try:
        region_code = normalize_country(region)
    except FieldInvalid as exc:
        raise ValidationError({"region": str(exc)}) from exc
    try:
        with store.write() as session:
            row = Business(slug=slug, name=(name or slug).strip(), region=region_code)
            session.add(row)
            session.flush()
            return _info(row)
    except IntegrityError:
        raise RuleError(f"A business {slug!r} already exists.") from None


def list_businesses(store: Store) -> list[BusinessInfo]:
    with store.read() as session:
        return [_info(row) for row in session.scalars(select(Business).order_by(Business.id))]


def set_plan(ctx: Context, plan: str) -> BusinessInfo:
    if plan not in PLANS:
        raise ValidationError({"plan": "The plan is one of free, pro, premium."})
    with ctx.store.write() as session:
        row = session.get_one(Business, ctx.business.id)
        row.plan = plan
        return _info(row)


def set_consignment_terms(
    ctx: Context, *, commission_bp: int | None = None, days: int | None = None
) -> BusinessInfo:
    """Change what new consigned items start with; items already in keep their terms."""
    if commission_bp is not None and not 0 <= commission_bp <= 10_000:
        raise ValidationError({"commission": "Commission is between 0 and 100 %."})
    if days is not None and not 1 <= days <= 3650:
        raise ValidationError({"days": "Consignment days are between 1 and 3650."})
    with ctx.store.write() as session:
        row = session.get_one(Business, ctx.business.id)
        if commission_bp is not None:
            row.default_commission_bp = commission_bp
        if days is not None:
            row.consignment_days = days
        return _info(row)


def team_add(ctx: Context, name: str) -> bool:
    """Add a member; False when they were on the list already."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError({"name": "A team member's name is 1-100 characters."})
    with ctx.store.write() as session:
        if _is_member(session, ctx.business.id, name):
            return False
        session.add(TeamMember(business_id=ctx.business.id, name=name))
        return True


def team_members(ctx: Context) -> list[str]:
    with ctx.store.read() as session:
        query = select(TeamMember.name).where(TeamMember.business_id == ctx.business.id)
        return sorted(session.scalars(query))


def set_team_locked(ctx: Context, locked: bool) -> bool:
    """Lock or unlock the team list. Locking adds the acting user, so nobody locks themselves out.

    Returns True when the acting user was added by the lock.
    """
    added = False
    with ctx.store.write() as session:
        row = session.get_one(Business, ctx.business.id)
        if locked and not _is_member(session, row.id, ctx.user):
            session.add(TeamMember(business_id=row.id, name=ctx.user))
            added = True
        row.team_locked = locked
    return added
