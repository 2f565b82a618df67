"""The activity log: every event of the business, newest first, in words; filtered; paged."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from custtui.core.activity.log import (
    EVERY,
    ActivityFilter,
    activity_page,
    filter_from_text,
    known_actors,
    parse_action,
    parse_since,
    start_of,
)
from custtui.core.customers.export import export_customers
from custtui.core.customers.lookup import reveal_sensitive
from custtui.core.customers.notes import add_note
from custtui.core.customers.service import create_customer, delete_customer, update_customer
from custtui.core.errors import CusttuiError
from custtui.core.store import audit
from custtui.core.store.businesses import Context, open_context


def _titles(ctx: Context, wanted: ActivityFilter = EVERY) -> list[str]:
    return [row.title for row in activity_page(ctx, wanted).rows]


def test_the_log_says_newest_first_who_did_what_to_whom(ctx: Context, tmp_path: Path) -> None:
    ada = create_customer(
        ctx, {"first_name": "Ada", "last_name": "Byron", "date_of_birth": "1990-01-02"}
    )
    maria = open_context(ctx.store, None, "maria")
    update_customer(maria, ada.number, {"company": "Engines", "phone": "4155552671"})
    reveal_sensitive(ctx, ada.number)
    export_customers(ctx, tmp_path / "out.csv")
    add_note(maria, ada.number, "Call\x1b[31m back")
    rows = activity_page(ctx).rows
    assert [(r.actor, r.title) for r in rows] == [
        ("maria", "Note added"),
        ("tester", "Exported 1 customer"),
        ("tester", "Revealed DOB"),
        ("maria", "Customer changed"),
        ("tester", "Customer created"),
    ]
    note, export, _, changed, _ = rows
    assert note.customer == "C-000001 Ada Byron" and note.customer_exists
    assert note.detail == "Call[31m back"  # no escape reaches a terminal
    assert export.customer == "" and export.detail.endswith("out.csv")
    assert changed.detail == "Company, Phone"


def test_a_deleted_customer_is_named_as_the_deletion_recorded_them(ctx: Context) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Byron"})
    add_note(ctx, ada.number, "Moving away")
    create_customer(ctx, {"first_name": "Bo", "last_name": "Stone"})
    delete_customer(ctx, ada.number)
    rows = activity_page(ctx).rows
    assert [r.title for r in rows] == [
        "Customer deleted",
        "Customer created",
        "Note added",
        "Customer created",
    ]
    deleted, bo, note, _ = rows
    assert deleted.customer == note.customer == "C-000001 Ada Byron (deleted)"
    assert not deleted.customer_exists and deleted.customer_number == 1
    assert bo.customer == "C-000002 Bo Stone" and bo.customer_exists


def test_filters_by_user_action_date_and_customer(ctx: Context, tmp_path: Path) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Byron"})
    maria = open_context(ctx.store, None, "maria")
    bo = create_customer(maria, {"first_name": "Bo", "last_name": "Stone"})
    export_customers(maria, tmp_path / "out.csv")
    add_note(ctx, bo.number, "Hi")
    assert _titles(ctx, ActivityFilter(actors=frozenset({"maria"}))) == [
        "Exported 2 customers",
        "Customer created",
    ]
    assert _titles(ctx, ActivityFilter(actions=frozenset({"customer_created"}))) == [
        "Customer created",
        "Customer created",
    ]
    both = ActivityFilter(frozenset({"tester"}), frozenset({"customer_created", "note_added"}))
    assert _titles(ctx, both) == ["Note added", "Customer created"]
    assert _titles(ctx, ActivityFilter(customer_id=bo.id)) == ["Note added", "Customer created"]
    assert len(_titles(ctx, ActivityFilter(since=start_of(date.today())))) == 4
    tomorrow = start_of(date.today() + timedelta(days=1))
    assert _titles(ctx, ActivityFilter(since=tomorrow)) == []
    assert ada.id != bo.id


def test_pages_follow_on_without_gaps_or_repeats_even_when_events_share_a_time(
    ctx: Context,
) -> None:
    base = datetime(2026, 1, 1, 12, tzinfo=UTC)
    # An import's undo writes a batch of events at one time: 30 ties among 120 events.
    moments = [base + timedelta(minutes=i // 4 if i < 90 else 100) for i in range(120)]
    rows: list[dict[str, object]] = [
        {
            "business_id": ctx.business.id,
            "actor": "ann" if i % 3 else "bob",
            "action": "note_added" if i % 2 else "customer_created",
            "customer_id": None,
            "at": at,
            "changes": {},
        }
        for i, at in enumerate(moments)
    ]
    with ctx.store.write() as session:
        audit.record_many(session, rows)
    for wanted, expected in (
        (ActivityFilter(), 120),
        (ActivityFilter(actors=frozenset({"ann"})), 80),
        (ActivityFilter(actions=frozenset({"note_added"})), 60),
        (ActivityFilter(frozenset({"bob"}), frozenset({"customer_created"})), 20),
    ):
        seen: list[tuple[datetime, int]] = []
        page = activity_page(ctx, wanted, limit=25)
        while True:
            seen.extend((r.at, r.id) for r in page.rows)
            if page.more is None:
                break
            if len(seen) == 25:
                # Written after the first page was read: the next pages don't shift.
                create_customer(ctx, {"first_name": "Late", "last_name": "Comer"})
            page = activity_page(ctx, wanted, after=page.more, limit=25)
        assert len(seen) == expected == len(set(seen))
        assert seen == sorted(seen, reverse=True)


def test_the_filter_box_matches_action_words_and_user_names(ctx: Context, tmp_path: Path) -> None:
    ada = create_customer(ctx, {"first_name": "Ada", "last_name": "Byron"})
    maria = open_context(ctx.store, None, "Maria")
    export_customers(maria, tmp_path / "out.csv")
    delete_customer(maria, ada.number)
    assert known_actors(ctx) == ["Maria", "tester"]
    assert _titles(ctx, filter_from_text(ctx, "export")) == ["Exported 1 customer"]
    assert _titles(ctx, filter_from_text(ctx, "mar")) == [
        "Customer deleted",
        "Exported 1 customer",
    ]
    assert _titles(ctx, filter_from_text(ctx, "customer deleted")) == ["Customer deleted"]
    assert _titles(ctx, filter_from_text(ctx, "tester created")) == ["Customer created"]
    assert filter_from_text(ctx, "nobody").nothing
    assert _titles(ctx, filter_from_text(ctx, "nobody")) == []


def test_a_wrong_action_or_date_is_one_clear_line() -> None:
    assert parse_action("Customers-Exported") == "customers_exported"
    with pytest.raises(CusttuiError) as bad:
        parse_action("exported")
    assert "'exported'" in str(bad.value) and "customers_exported" in str(bad.value)
    assert "\n" not in str(bad.value)
    with pytest.raises(CusttuiError, match="YYYY-MM-DD"):
        parse_since("last tuesday")
    assert parse_since("2026-03-04") == start_of(date(2026, 3, 4))
