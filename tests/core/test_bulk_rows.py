"""Rows written in bulk (imports, demo data, undo) read back like rows written one by one."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import AuditEvent


def test_a_bulk_rows_whole_second_time_equals_the_same_time_in_a_query(ctx: Context) -> None:
    at = datetime(2026, 1, 1, 13, 40, tzinfo=UTC)
    row = {"business_id": ctx.business.id, "actor": "ann", "action": "note_added", "at": at}
    with ctx.store.write() as session:
        audit.record_many(session, [{**row, "customer_id": None, "changes": {}}])
    with ctx.store.read() as session:
        same = session.scalars(select(AuditEvent.id).where(AuditEvent.at == at)).all()
        later = session.scalars(select(AuditEvent.id).where(AuditEvent.at < at)).all()
    assert len(same) == 1 and later == []
