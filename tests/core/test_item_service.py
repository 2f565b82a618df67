"""Items: numbers, rules, sales, returns and deletions as a clerk meets them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from custtui.core.customers.service import create_customer, delete_customer
from custtui.core.errors import ConflictError, RuleError, ValidationError
from custtui.core.items.index import ItemFilter
from custtui.core.items.listing import find_items
from custtui.core.items.record import get_item
from custtui.core.items.service import (
    create_item,
    delete_item,
    keep_item,
    return_item,
    sell_item,
    unsell_item,
    update_item,
)
from custtui.core.items.values import ItemValues, parse_item_texts, texts_of, values_of
from custtui.core.store.audit import Event, events_for_item
from custtui.core.store.businesses import Context, set_consignment_terms, set_plan

TODAY = date.today()


def _consignor(ctx: Context, code: str = "ANN") -> int:
    return create_customer(
        ctx, {"first_name": "Ann", "last_name": "Lee", "consignor_code": code}
    ).id


def test_items_are_numbered_in_order_and_take_the_business_terms(ctx: Context) -> None:
    set_consignment_terms(ctx, commission_bp=3500, days=30)
    ctx = ctx.refreshed()
    consignor = _consignor(ctx)
    first = create_item(ctx, ItemValues("Vinyl"))
    second = create_item(ctx, ItemValues("Omega", retail_cents=100_00, consignor_id=consignor))
    assert (first.label, second.label) == ("I-000001", "I-000002")
    assert first.intake_date == TODAY and first.commission_bp is None
    assert second.commission_bp == 3500
    assert second.expiry_date == TODAY + timedelta(days=30)
    assert second.at_expiry == "return"
    assert (second.consignor_name, second.consignor_code) == ("Ann Lee", "ANN")


def test_the_form_text_names_every_bad_field_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_item_texts(
            {"title": " ", "retail": "ten", "intake_date": "soon", "commission": "140"}, None
        )
    assert set(caught.value.errors) == {"title", "retail", "intake_date", "commission"}
    assert caught.value.errors["title"] == "Title is required."


def test_an_item_round_trips_through_its_form_text(ctx: Context) -> None:
    consignor = _consignor(ctx)
    item = create_item(
        ctx,
        parse_item_texts(
            {"title": "Rolex", "retail": "1,250.50", "commission": "12.5", "at_expiry": "keep"},
            consignor,
        ),
    )
    assert (item.retail_cents, item.commission_bp, item.at_expiry) == (125_050, 1250, "keep")
    assert parse_item_texts(texts_of(item), consignor) == values_of(item)


def test_only_a_consignor_can_consign_and_terms_need_one(ctx: Context) -> None:
    plain = create_customer(ctx, {"first_name": "Pat", "last_name": "Plain"})
    with pytest.raises(ValidationError, match="not a consignor"):
        create_item(ctx, ItemValues("Watch", consignor_id=plain.id))
    with pytest.raises(ValidationError, match="choose its consignor"):
        create_item(ctx, ItemValues("Watch", commission_bp=4000))


def test_a_sale_keeps_the_buyer_name_after_the_buyer_is_deleted(ctx: Context) -> None:
    buyer = create_customer(ctx, {"first_name": "Bea", "last_name": "Buyer"})
    item = create_item(ctx, ItemValues("Vinyl", retail_cents=2500))
    sold = sell_item(ctx, item.number, 2000, buyer_id=buyer.id)
    assert (sold.status, sold.buyer_name, sold.buyer_number) == ("Sold", "Bea Buyer", buyer.number)
    delete_customer(ctx, buyer.number)
    kept = get_item(ctx, item.number)
    assert (kept.buyer_id, kept.buyer_name) == (None, "Bea Buyer")
    assert [i.label for i in find_items(ctx, "bea")[0]] == [item.label]


def test_selling_twice_or_in_the_future_is_refused(ctx: Context) -> None:
    item = create_item(ctx, ItemValues("Vinyl"))
    with pytest.raises(ValidationError, match="future"):
        sell_item(ctx, item.number, 100, sale_date=TODAY + timedelta(days=1))
    sell_item(ctx, item.number, 100)
    with pytest.raises(RuleError, match="already sold"):
        sell_item(ctx, item.number, 100)
    unsold = unsell_item(ctx, item.number)
    assert (unsold.status, unsold.sold_cents, unsold.buyer_name) == ("Collection", None, None)


def test_a_sold_item_keeps_its_consignor_and_commission(ctx: Context) -> None:
    consignor = _consignor(ctx)
    item = create_item(ctx, ItemValues("Omega", consignor_id=consignor, commission_bp=4000))
    sold = sell_item(ctx, item.number, 9000)
    changed = ItemValues("Omega", consignor_id=consignor, commission_bp=1000)
    with pytest.raises(ValidationError, match="Unsell it to change them"):
        update_item(ctx, item.number, changed)
    renamed = update_item(ctx, item.number, replace(values_of(sold), title="Omega Seamaster"))
    assert (renamed.title, renamed.status) == ("Omega Seamaster", "Sold")


def test_an_edit_over_someone_elses_is_refused_with_who(ctx: Context) -> None:
    item = create_item(ctx, ItemValues("Vinyl"))
    update_item(ctx, item.number, ItemValues("Vinyl LP"), expected_version=item.version)
    with pytest.raises(ConflictError, match="Item I-000001 was changed by tester"):
        update_item(ctx, item.number, ItemValues("Vinyl 12in"), expected_version=item.version)


def test_expired_items_are_returned_or_kept(ctx: Context) -> None:
    consignor = _consignor(ctx)
    old = TODAY - timedelta(days=120)
    back = create_item(ctx, ItemValues("Lamp", intake_date=old, consignor_id=consignor))
    kept = create_item(
        ctx, ItemValues("Vase", intake_date=old, consignor_id=consignor, at_expiry="keep")
    )
    fresh = create_item(ctx, ItemValues("Rug", consignor_id=consignor))
    expired, line = find_items(ctx, "", ItemFilter(expired=True))
    assert [i.label for i in expired] == [kept.label, back.label]
    assert line == "2 of 3 items"

    returned = return_item(ctx, back.number)
    assert (returned.status, returned.returned_on, returned.active) == ("Archived", TODAY, False)
    with pytest.raises(RuleError, match="returned"):
        sell_item(ctx, back.number, 100)
    store_owned = keep_item(ctx, kept.number)
    assert (store_owned.consignor_id, store_owned.commission_bp) == (None, None)
    assert [i.label for i in find_items(ctx, "", ItemFilter(expired=True))[0]] == []
    assert not fresh.expired(TODAY)
    actions = [e.action for e in events_for_item_of(ctx, kept.id)]
    assert actions == ["item_kept", "item_created"]


def events_for_item_of(ctx: Context, item_id: int) -> list[Event]:
    with ctx.store.read() as session:
        return events_for_item(session, ctx.business.id, item_id)


def test_every_change_is_audited_with_money_as_text(ctx: Context) -> None:
    item = create_item(ctx, ItemValues("Vinyl", retail_cents=2500))
    sell_item(ctx, item.number, 1999)
    unsell_item(ctx, item.number)
    delete_item(ctx, item.number)
    events = events_for_item_of(ctx, item.id)
    assert [e.action for e in events] == [
        "item_deleted",
        "item_unsold",
        "item_sold",
        "item_created",
    ]
    assert events[2].changes["sold_price"] == {"old": None, "new": "19.99"}
    assert events[3].changes["retail_price"] == {"old": None, "new": "25.00"}


def test_switching_plans_never_deletes_items(ctx: Context) -> None:
    consignor = _consignor(ctx)
    create_item(ctx, ItemValues("Omega", consignor_id=consignor))
    for plan in ("free", "pro", "premium"):
        set_plan(ctx, plan)
        assert find_items(ctx.refreshed(), "omega")[1] == "1 of 1 item"
    assert get_item(ctx, 1).consignor_id == consignor


def test_free_plan_sells_to_walk_ins_only(ctx: Context) -> None:
    buyer = create_customer(ctx, {"first_name": "Bea", "last_name": "Buyer"})
    item = create_item(ctx, ItemValues("Vinyl"))
    set_plan(ctx, "free")
    free = ctx.refreshed()
    with pytest.raises(RuleError, match="walk-in"):
        sell_item(free, item.number, 100, buyer_id=buyer.id)
    assert sell_item(free, item.number, 100).buyer_name is None


def test_off_premium_a_consigned_item_keeps_its_terms_and_its_sale_is_credited(
    ctx: Context,
) -> None:
    from custtui.core.items import ledger

    consignor = _consignor(ctx)
    item = create_item(ctx, ItemValues("Omega", consignor_id=consignor, commission_bp=4000))
    set_plan(ctx, "pro")
    pro = ctx.refreshed()
    renamed = update_item(pro, item.number, replace(values_of(item), title="Omega 300"))
    assert (renamed.title, renamed.consignor_id) == ("Omega 300", consignor)
    with pytest.raises(RuleError, match="premium"):
        update_item(pro, item.number, replace(values_of(renamed), commission_bp=1000))
    sell_item(pro, item.number, 9000)
    set_plan(ctx, "premium")
    assert ledger.balance(ctx.refreshed(), consignor) == 5400
    with pytest.raises(ValidationError, match="Mark as Sold"):
        update_item(
            ctx, create_item(ctx, ItemValues("Lamp")).number, ItemValues("Lamp", status="Sold")
        )
