"""Saved column mappings: a file whose headers were mapped once is offered that mapping again."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from custtui.core.importing.mapping import IMPORT_FIELDS, auto_map, mapping_key
from custtui.core.store.businesses import Context
from custtui.core.store.models import SavedMapping, utcnow


def saved_mapping(ctx: Context, headers: Sequence[str]) -> list[str | None] | None:
    """The mapping last used for a file with these headers, if it still fits."""
    with ctx.store.read() as session:
        row = session.scalar(
            select(SavedMapping).where(
                SavedMapping.business_id == ctx.business.id,
                SavedMapping.headers_key == mapping_key(headers),
            )
        )
        stored = list(row.mapping) if row is not None else None
    if stored is None or len(stored) != len(headers):
        return None
    targets = [pair[1] if isinstance(pair, list) and len(pair) == 2 else "" for pair in stored]
    # A mapping from another release may name a field this one no longer has: start afresh.
    if any(t is not None and t not in IMPORT_FIELDS for t in targets):
        return None
    return targets


def starting_mapping(ctx: Context, headers: Sequence[str]) -> tuple[list[str | None], bool]:
    """The mapping to offer first, and whether it is a saved one (else auto-detected)."""
    saved = saved_mapping(ctx, headers)
    if saved is not None:
        return saved, True
    return auto_map(headers), False


def save_mapping(
    session: Session, ctx: Context, headers: Sequence[str], mapping: Sequence[str | None]
) -> None:
    """Remember `mapping` for files with these headers (inside the caller's transaction)."""
    key = mapping_key(headers)
    pairs = [[h, t] for h, t in zip(headers, mapping, strict=True)]
    row = session.scalar(
        select(SavedMapping)
        .where(SavedMapping.business_id == ctx.business.id, SavedMapping.headers_key == key)
        .with_for_update()
    )
    if row is None:
        try:
            # A savepoint: another terminal saving the same headers at this moment must not
            # undo the caller's work (the import's audit event).
            with session.begin_nested():
                session.add(
                    SavedMapping(
                        business_id=ctx.business.id,
                        headers_key=key,
                        mapping=pairs,
                        updated_at=utcnow(),
                        updated_by=ctx.user,
                    )
                )
        except IntegrityError:
            pass  # theirs is as recent as ours
    else:
        row.mapping = pairs
        row.updated_at = utcnow()
        row.updated_by = ctx.user
