"""CSV export: the columns the importer reads back, formulas neutralised, nothing sensitive."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select

from custtui.core.customers.record import require_customers
from custtui.core.errors import CusttuiError, disk_full_error
from custtui.core.fields.catalogue import BY_NAME, EXPORT_COLUMNS, Kind
from custtui.core.fields.contact import format_phone
from custtui.core.store import audit
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer
from custtui.core.store.outputs import refuse_overwrite

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROGRESS_EVERY = 1000  # rows between two reports of progress


def neutralise(value: str) -> str:
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unneutralise(value: str) -> str:
    """The importer's inverse of `neutralise`."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _cell(field: str, value: object, region: str) -> str:
    if value is None:
        return ""
    if BY_NAME[field].kind is Kind.PHONE:
        # As people write it: the home region's numbers then need no formula guard.
        value = format_phone(str(value), region)
    return neutralise(str(value))


def default_filename(today: date | None = None, *, filtered: bool = False) -> str:
    """`customers-YYYY-MM-DD.csv`, or `customers-YYYY-MM-DD-filtered.csv` for some of them."""
    which = "-filtered" if filtered else ""
    return f"customers-{(today or date.today()).isoformat()}{which}.csv"


def free_export_path(folder: Path, today: date | None = None, *, filtered: bool = False) -> Path:
    """`default_filename` in `folder`, numbered when an export of today exists."""
    base = default_filename(today, filtered=filtered)
    path = folder / base
    n = 2
    while path.exists():
        path = folder / base.replace(".csv", f"-{n}.csv")
        n += 1
    return path


def export_customers(
    ctx: Context,
    path: Path,
    ids: Sequence[int] | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write every customer of the business to `path`, by number; or only the customers
    `ids` names (what the list shows), in that order. Returns the count (0: nothing written).

    `progress` is told (rows written, rows in all) as the rows are written.
    """
    require_customers(ctx)
    refuse_overwrite(path, ctx.store.own_files(), "export")
    query = (
        select(Customer.id, *(getattr(Customer, field) for _, field in EXPORT_COLUMNS))
        .where(Customer.business_id == ctx.business.id)
        .order_by(Customer.number)
    )
    with ctx.store.read() as session:
        found = session.execute(query).all()
    rows = [row[1:] for row in found]
    if ids is not None:
        # Read whole and picked here: an IN list of a big filter's ids would pass the
        # database's limit on bound values. Customers deleted meanwhile drop out.
        by_id = dict(zip((row[0] for row in found), rows, strict=True))
        rows = [by_id[cid] for cid in ids if cid in by_id]
    if not rows:
        return 0
    region = ctx.business.region
    tmp = path.with_name(path.name + ".part")
    try:
        # 0600 from the start: the file lists the shop's customers.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow([header for header, _ in EXPORT_COLUMNS])
            for done, row in enumerate(rows, start=1):
                writer.writerow(
                    [
                        _cell(field, value, region)
                        for (_, field), value in zip(EXPORT_COLUMNS, row, strict=True)
                    ]
                )
                if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(rows)):
                    progress(done, len(rows))
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if full := disk_full_error(exc):
            raise full from exc
        raise CusttuiError(f"Can't write {path}: {exc.strerror or exc}") from exc
    with ctx.store.write() as session:
        audit.record(
            session,
            ctx.business.id,
            ctx.user,
            "customers_exported",
            None,
            {"count": len(rows), "file": str(path)}
            | ({"filtered": True} if ids is not None else {}),
        )
    return len(rows)
