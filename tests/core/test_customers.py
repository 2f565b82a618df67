"""Customer services on a real store: rules, uniqueness, locking, audit."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from custtui.core.customers import lookup
from custtui.core.customers import service as customers
from custtui.core.customers.lookup import get_customer
from custtui.core.customers.precheck import check_new_customer
from custtui.core.customers.profile import load_profile
from custtui.core.customers.record import parse_number
from custtui.core.customers.service import (
    create_customer,
    create_customers,
    delete_customer,
    update_customer,
)
from custtui.core.errors import ConflictError, NotFoundError, RuleError, ValidationError
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.items.customer_items import Consignments
from custtui.core.store import audit
from custtui.core.store.businesses import Context, add_business, open_context, set_plan
from custtui.core.store.engine import Store
from custtui.core.store.models import AuditEvent


def events(ctx: Context, action: str | None = None) -> list[AuditEvent]:
    with ctx.store.read() as session:
        query = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            query = query.where(AuditEvent.action == action)
        return list(session.scalars(query))


def test_create_with_only_names_gets_sequential_numbers(ctx: Context) -> None:
    first = create_customer(ctx, {"first_name": " Ada ", "last_name": "Lovelace"})
    second = create_customer(ctx, {"first_name": "Alan", "last_name": "Turing"})
    assert (first.label, second.label) == ("C-000001", "C-000002")
    assert first.first_name == "Ada"
    assert first.country == "US"
    assert first.preferred_contact == "No Preference"
    assert first.active and not first.on_hold
    assert first.created_by == "tester" and first.version == 1


def test_create_normalises_every_field(ctx: Context) -> None:
    record = create_customer(
        ctx,
        {
            "first_name": "Zoë",
            "last_name": "Müller",
            "email": "Zoe.Muller@Example.COM",
            "phone": "(415) 555-2671",
            "mobile_phone": "+44 20 7946 0958",
            "country": "Canada",
            "state": "Ontario",
            "instagram": "https://www.instagram.com/zoe.m/",
            "facebook": "facebook.com/zoe",
            "dl_state": "on",
            "consignor_code": "zm1",
        },
    )
    assert record.email == "Zoe.Muller@example.com"
    assert record.phone == "+14155552671"
    assert record.mobile_phone == "+442079460958"
    assert (record.country, record.state) == ("CA", "ON")
    assert record.instagram == "zoe.m"
    assert record.facebook == "https://facebook.com/zoe"
    assert record.dl_state == "ON"
    assert (record.is_consignor, record.consignor_code) == (True, "ZM1")


def test_missing_names_are_refused_with_the_spec_messages(ctx: Context) -> None:
    with pytest.raises(ValidationError) as caught:
        create_customer(ctx, {"email": "not-an-email"})
    assert caught.value.errors["first_name"] == "First name is required."
    assert caught.value.errors["last_name"] == "Last name is required."
    assert "email" in caught.value.errors
    assert lookup.customer_count(ctx) == 0


def test_email_unique_per_business_case_insensitively(ctx: Context, store: Store) -> None:
    create_customer(ctx, {"first_name": "A", "last_name": "One", "email": "dup@example.com"})
    with pytest.raises(ValidationError) as caught:
        create_customer(ctx, {"first_name": "B", "last_name": "Two", "email": "DUP@example.com"})
    assert caught.value.errors == {
        "email": "A customer with this email already exists for this business."
    }
    other = open_context(store, add_business(store, "second").slug, "tester")
    create_customer(other, {"first_name": "B", "last_name": "Two", "email": "dup@example.com"})


def test_checking_a_new_customer_names_every_fault_and_creates_nothing(ctx: Context) -> None:
    create_customer(
        ctx,
        {"first_name": "A", "last_name": "One", "email": "a@example.com", "consignor_code": "A1"},
    )
    with pytest.raises(ValidationError) as caught:
        check_new_customer(ctx, {"first_name": "B", "email": "A@example.com", "phone": "12"})
    assert set(caught.value.errors) == {"last_name", "email", "phone"}
    assert caught.value.errors["email"] == customers.EMAIL_TAKEN_ON_CREATE
    with pytest.raises(ValidationError) as taken:
        check_new_customer(ctx, {"first_name": "B", "last_name": "Two", "consignor_code": "a1"})
    assert taken.value.errors == {"consignor_code": customers.CODE_TAKEN}
    check_new_customer(ctx, {"first_name": "A", "last_name": "One", "email": "b@example.com"})
    assert lookup.customer_count(ctx) == 1


def test_edit_to_a_taken_email_is_refused(ctx: Context) -> None:
    create_customer(ctx, {"first_name": "A", "last_name": "One", "email": "a@example.com"})
    b = create_customer(ctx, {"first_name": "B", "last_name": "Two", "email": "b@example.com"})
    with pytest.raises(ValidationError) as caught:
        update_customer(ctx, b.number, {"email": "A@EXAMPLE.COM"})
    assert caught.value.errors == {"email": "Another customer with this email already exists."}
    assert get_customer(ctx, b.number).email == "b@example.com"


def test_batch_is_atomic_and_names_the_bad_row(ctx: Context) -> None:
    rows = [
        {"first_name": "A", "last_name": "One", "email": "x@example.com"},
        {"first_name": "B", "last_name": "Two", "email": "X@example.com"},
    ]
    with pytest.raises(customers.RowError) as caught:
        create_customers(ctx, rows)
    assert caught.value.index == 1
    assert lookup.customer_count(ctx) == 0


def test_update_changes_only_given_fields_and_blank_clears(ctx: Context) -> None:
    record = create_customer(
        ctx,
        {
            "first_name": "Ada",
            "last_name": "L",
            "company": "Engines",
            "city": "London",
            "country": "GB",
        },
    )
    updated = update_customer(ctx, record.number, {"company": "", "city": "Paris"})
    assert updated.company is None
    assert updated.city == "Paris"
    assert updated.first_name == "Ada" and updated.country == "GB"
    assert updated.version == 2
    with pytest.raises(ValidationError) as caught:
        update_customer(ctx, record.number, {"first_name": "  "})
    assert caught.value.errors == {"first_name": "First name is required."}


def test_changing_country_rechecks_the_state(ctx: Context) -> None:
    record = create_customer(ctx, {"first_name": "A", "last_name": "B", "state": "CA"})
    with pytest.raises(ValidationError) as caught:
        update_customer(ctx, record.number, {"country": "DE"})
    assert set(caught.value.errors) == {"state"}
    moved = update_customer(ctx, record.number, {"country": "DE", "state": "Bayern"})
    assert (moved.country, moved.state) == ("DE", "BY")


def test_stale_update_is_refused_with_who_and_when(ctx: Context, store: Store) -> None:
    record = create_customer(ctx, {"first_name": "Ada", "last_name": "L"})
    maria = open_context(store, None, "maria")
    update_customer(maria, record.number, {"city": "Leeds"}, expected_version=record.version)
    with pytest.raises(ConflictError) as caught:
        update_customer(ctx, record.number, {"city": "York"}, expected_version=record.version)
    assert caught.value.updated_by == "maria"
    assert "maria" in str(caught.value) and "C-000001" in str(caught.value)
    assert get_customer(ctx, record.number).city == "Leeds"


def test_two_store_connections_conflict(settings, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    record = create_customer(ctx, {"first_name": "Ada", "last_name": "L"})
    second = Store.open(settings.database_url, settings.key_file)
    try:
        other = open_context(second, None, "dave")
        seen_by_other = get_customer(other, record.number)
        update_customer(ctx, record.number, {"city": "Leeds"}, expected_version=record.version)
        with pytest.raises(ConflictError) as caught:
            update_customer(
                other, record.number, {"city": "York"}, expected_version=seen_by_other.version
            )
        assert caught.value.updated_by == "tester"
    finally:
        second.close()
    assert get_customer(ctx, record.number).city == "Leeds"


def test_audit_records_create_update_delete_with_fields(ctx: Context) -> None:
    record = create_customer(
        ctx,
        {
            "first_name": "Ada",
            "last_name": "L",
            "email": "a@example.com",
            "date_of_birth": "1980-01-02",
        },
    )
    update_customer(ctx, record.number, {"email": "ada@example.com", "driver_license": "D123"})
    delete_customer(ctx, record.number)
    created, updated, deleted = events(ctx)
    assert [e.action for e in (created, updated, deleted)] == [
        "customer_created",
        "customer_updated",
        "customer_deleted",
    ]
    assert all(e.actor == "tester" and e.customer_id == record.id for e in (created, updated))
    assert created.changes["first_name"] == {"old": None, "new": "Ada"}
    assert created.changes["date_of_birth"] == {"changed": True}
    assert updated.changes == {
        "email": {"old": "a@example.com", "new": "ada@example.com"},
        "driver_license": {"changed": True},
    }
    assert "1980" not in str(created.changes) and "D123" not in str(updated.changes)
    assert deleted.changes["last_name"] == {"old": "L", "new": None}
    with pytest.raises(NotFoundError):
        get_customer(ctx, record.number)


def test_a_no_op_edit_writes_nothing(ctx: Context) -> None:
    record = create_customer(ctx, {"first_name": "Ada", "last_name": "L", "phone": "4155552671"})
    same = update_customer(ctx, record.number, {"phone": "(415) 555-2671"})
    assert same.version == 1
    assert [e.action for e in events(ctx)] == ["customer_created"]


def test_history_lists_newest_first(ctx: Context) -> None:
    record = create_customer(ctx, {"first_name": "Ada", "last_name": "L"})
    update_customer(ctx, record.number, {"city": "Leeds"})
    with ctx.store.read() as session:
        history = audit.events_for_customer(session, ctx.business.id, record.id)
    assert [e.action for e in history] == ["customer_updated", "customer_created"]


def test_reveal_is_audited_and_returns_plaintext(ctx: Context) -> None:
    record = create_customer(
        ctx,
        {
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": "04/05/1980",
            "driver_license": "D1234567",
        },
    )
    assert record.masked_driver_license == "•••• 4567"
    assert record.masked_date_of_birth == "••••-••-••"
    secret = lookup.reveal_sensitive(ctx, record.number)
    assert secret.date_of_birth == date(1980, 4, 5)
    assert secret.driver_license == "D1234567"
    (revealed,) = events(ctx, "sensitive_revealed")
    assert revealed.changes == {"fields": ["date_of_birth", "driver_license"]}


def test_consignor_with_items_cannot_be_deleted_nor_unflagged(ctx: Context) -> None:
    consignor = create_customer(ctx, {"first_name": "C", "last_name": "S", "consignor_code": "CS1"})
    add_items(
        ctx,
        [
            NewItem(
                "Omega Seamaster",
                "Watches",
                retail_cents=150000,
                consignor_id=consignor.id,
                commission_bp=2000,
            )
        ],
    )
    with pytest.raises(RuleError) as caught:
        delete_customer(ctx, consignor.number)
    assert "1 consigned item" in str(caught.value)
    with pytest.raises(ValidationError) as unflag:
        update_customer(ctx, consignor.number, {"is_consignor": "no"})
    assert "is_consignor" in unflag.value.errors
    assert _consigned(ctx, consignor.number).active_value_cents == 150000


def test_deleted_buyer_name_stays_on_sold_items(ctx: Context) -> None:
    buyer = create_customer(ctx, {"first_name": "Bea", "last_name": "Buyer"})
    add_items(
        ctx,
        [
            NewItem(
                "Vinyl",
                status="Sold",
                sold_cents=2500,
                sale_date=date(2024, 1, 1),
                buyer_id=buyer.id,
            )
        ],
    )
    assert load_profile(ctx, buyer.number).purchases.total_cents == 2500
    delete_customer(ctx, buyer.number)
    from custtui.core.store.models import Item

    with ctx.store.read() as session:
        item = session.scalars(select(Item)).one()
    assert (item.buyer_id, item.buyer_name) == (None, "Bea Buyer")


def test_consignor_code_unique_and_premium_only(ctx: Context) -> None:
    create_customer(ctx, {"first_name": "A", "last_name": "B", "consignor_code": "AB1"})
    with pytest.raises(ValidationError) as caught:
        create_customer(ctx, {"first_name": "C", "last_name": "D", "consignor_code": "ab1"})
    assert caught.value.errors == {
        "consignor_code": "Another customer already uses this consignor code."
    }
    pro = Context(ctx.store, set_plan(ctx, "pro"), ctx.user)
    with pytest.raises(ValidationError) as refused:
        create_customer(pro, {"first_name": "E", "last_name": "F", "is_consignor": "yes"})
    assert refused.value.errors == {"is_consignor": "Consignment needs the premium plan."}
    # Editing other fields of an existing consignor on pro keeps working.
    update_customer(pro, 1, {"city": "Leeds", "is_consignor": True, "consignor_code": "AB1"})


def test_free_plan_refuses_customer_records(ctx: Context) -> None:
    free = Context(ctx.store, set_plan(ctx, "free"), ctx.user)
    with pytest.raises(RuleError) as caught:
        create_customer(free, {"first_name": "A", "last_name": "B"})
    assert "free plan" in str(caught.value)


def test_customer_numbers_are_per_business(ctx: Context, store: Store) -> None:
    create_customer(ctx, {"first_name": "A", "last_name": "B"})
    other = open_context(store, add_business(store, "north").slug, "tester")
    assert create_customer(other, {"first_name": "C", "last_name": "D"}).label == "C-000001"
    with pytest.raises(NotFoundError):
        get_customer(other, 2)


@pytest.mark.parametrize("text", ["C-000007", "c7", "0007", "7"])
def test_customer_numbers_parse_in_every_form(text: str) -> None:
    assert parse_number(text) == 7


@pytest.mark.parametrize("text", ["", "C-", "abc", "0", "C-1.5"])
def test_bad_customer_numbers_say_so(text: str) -> None:
    with pytest.raises(NotFoundError, match="not a customer number"):
        parse_number(text)


def _consigned(ctx: Context, number: int) -> Consignments:
    consigned = load_profile(ctx, number).consignments
    assert consigned is not None
    return consigned
