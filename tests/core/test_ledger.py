"""The consignor ledger: what the store owes always equals what the sold, unpaid items say."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from custtui.core.customers.service import create_customer
from custtui.core.errors import RuleError, ValidationError
from custtui.core.items import ledger
from custtui.core.items.money import consignor_cents
from custtui.core.items.service import create_item, delete_item, sell_item, unsell_item
from custtui.core.items.values import ItemValues
from custtui.core.store.businesses import Context, add_business, open_context
from custtui.core.store.models import Item, LedgerEntry

TODAY = date.today()
_BUSINESSES = itertools.count(1)
START = TODAY - timedelta(days=60)


def _consignor(ctx: Context, code: str) -> int:
    return create_customer(ctx, {"first_name": "Con", "last_name": code, "consignor_code": code}).id


def _item(ctx: Context, consignor_id: int, commission_bp: int = 4000) -> int:
    values = ItemValues(
        "Omega Seamaster",
        retail_cents=10_000,
        intake_date=START,
        consignor_id=consignor_id,
        commission_bp=commission_bp,
    )
    return create_item(ctx, values).number


def test_a_sale_at_90_with_40_percent_owes_54_and_a_payout_clears_it(ctx: Context) -> None:
    consignor = _consignor(ctx, "ANN")
    number = _item(ctx, consignor)
    sold = sell_item(ctx, number, 9_000)
    assert (sold.commission_cents, sold.consignor_cents) == (3_600, 5_400)
    assert ledger.balance(ctx, consignor) == 5_400

    preview = ledger.preview_payout(ctx, consignor)
    assert preview.amount_cents == 5_400
    assert [e.description for e in preview.entries] == [f"{sold.label} Omega Seamaster"]
    assert ledger.balance(ctx, consignor) == 5_400  # a preview pays nothing

    ledger.post_payout(ctx, consignor, expected_cents=preview.amount_cents)
    assert ledger.balance(ctx, consignor) == 0
    with pytest.raises(RuleError, match="Nothing is owed to Con ANN"):
        ledger.post_payout(ctx, consignor)


def test_undoing_a_paid_out_sale_is_refused_until_the_payout_is_undone(ctx: Context) -> None:
    consignor = _consignor(ctx, "BEN")
    number = _item(ctx, consignor)
    sell_item(ctx, number, 9_000)
    payout = ledger.post_payout(ctx, consignor)
    with pytest.raises(RuleError, match="can't be unsold: its sale was paid out"):
        unsell_item(ctx, number)
    with pytest.raises(RuleError, match="paid out to its consignor, so it stays"):
        delete_item(ctx, number)

    ledger.undo_payout(ctx, payout.id)
    assert ledger.balance(ctx, consignor) == 5_400
    unsell_item(ctx, number)
    assert ledger.balance(ctx, consignor) == 0


def test_only_the_latest_payout_can_be_undone(ctx: Context) -> None:
    consignor = _consignor(ctx, "CAT")
    first_item, second_item = _item(ctx, consignor), _item(ctx, consignor)
    sell_item(ctx, first_item, 1_000, sale_date=START)
    first = ledger.post_payout(ctx, consignor, START)
    sell_item(ctx, second_item, 2_000)
    ledger.post_payout(ctx, consignor)
    with pytest.raises(RuleError, match="Only the latest payout"):
        ledger.undo_payout(ctx, first.id)


def test_a_payout_takes_only_what_was_sold_through_its_date(ctx: Context) -> None:
    consignor = _consignor(ctx, "DAN")
    early, late = _item(ctx, consignor), _item(ctx, consignor)
    sell_item(ctx, early, 1_000, sale_date=START + timedelta(days=1))
    sell_item(ctx, late, 2_000, sale_date=START + timedelta(days=10))
    paid = ledger.post_payout(ctx, consignor, START + timedelta(days=5))
    assert paid.amount_cents == 600
    assert ledger.balance(ctx, consignor) == 1_200


def test_a_preview_that_went_stale_is_not_paid(ctx: Context) -> None:
    consignor = _consignor(ctx, "EVE")
    first, second = _item(ctx, consignor), _item(ctx, consignor)
    sell_item(ctx, first, 1_000)
    preview = ledger.preview_payout(ctx, consignor)
    sell_item(ctx, second, 1_000)  # another terminal sells meanwhile
    with pytest.raises(RuleError, match="changed since the preview"):
        ledger.post_payout(ctx, consignor, expected_cents=preview.amount_cents)
    assert ledger.balance(ctx, consignor) == 1_200


def test_adjustments_need_a_reason_and_count_in_the_balance(ctx: Context) -> None:
    consignor = _consignor(ctx, "FAY")
    with pytest.raises(ValidationError, match="needs a reason"):
        ledger.adjust(ctx, consignor, 500, "  ")
    ledger.adjust(ctx, consignor, 500, "Cleaning fee refunded")
    ledger.adjust(ctx, consignor, -200, "Repair")
    book = ledger.consignor_ledger(ctx, consignor)
    assert book.balance_cents == 300
    assert [e.description for e in book.entries][:2] == ["Repair", "Cleaning fee refunded"] or [
        e.description for e in book.entries
    ][:2] == ["Cleaning fee refunded", "Repair"]


def test_a_consignment_is_refused_off_the_premium_plan(ctx: Context) -> None:
    consignor = _consignor(ctx, "GUS")
    from custtui.core.store.businesses import set_plan

    set_plan(ctx, "pro")
    pro = ctx.refreshed()
    with pytest.raises(RuleError, match="premium"):
        create_item(pro, ItemValues("Watch", consignor_id=consignor))
    with pytest.raises(RuleError, match="premium"):
        ledger.balance(pro, consignor)


# ---------------------------------------------------------------- the property

_RATES = [0, 3333, 4000, 5000, 10_000]
_OPS = st.lists(
    st.one_of(
        st.tuples(
            st.just("new"), st.integers(0, 2), st.sampled_from([0, 3333, 4000, 5000, 10_000])
        ),
        st.tuples(st.just("sell"), st.integers(0, 3), st.integers(0, 60), st.integers(0, 99_999)),
        st.tuples(st.just("unsell"), st.integers(0, 3)),
        st.tuples(st.just("payout"), st.integers(0, 2), st.integers(0, 60)),
        st.tuples(st.just("undo"), st.integers(0, 2)),
        st.tuples(st.just("adjust"), st.integers(0, 2), st.integers(-5_000, 5_000)),
    ),
    min_size=8,
    max_size=30,
)


def _check_books(ctx: Context, consignors: list[int]) -> None:
    with ctx.store.read() as session:
        for consignor in consignors:
            every = session.scalar(
                select(func.coalesce(func.sum(LedgerEntry.amount_cents), 0)).where(
                    LedgerEntry.consignor_id == consignor
                )
            )
            sold_unpaid = sum(
                consignor_cents(item.sold_cents or 0, item.commission_bp or 0)
                for item in session.scalars(
                    select(Item).where(Item.consignor_id == consignor, Item.status == "Sold")
                )
                if (credit := ledger.sale_credit(session, item.id)) is not None
                and credit.payout_id is None
            )
            open_adjustments = session.scalar(
                select(func.coalesce(func.sum(LedgerEntry.amount_cents), 0)).where(
                    LedgerEntry.consignor_id == consignor,
                    LedgerEntry.kind == "adjustment",
                    LedgerEntry.payout_id.is_(None),
                )
            )
            balance = ledger.balance_of(session, consignor)
            assert balance == every == sold_unpaid + (open_adjustments or 0)
            # Every sold consigned item has exactly one credit; no unsold one has any.
            for item in session.scalars(select(Item).where(Item.consignor_id == consignor)):
                credit = ledger.sale_credit(session, item.id)
                assert (credit is not None) == (item.status == "Sold")


@settings(
    max_examples=60,
    database=None,
    deadline=None,
    # Each step is a real transaction: shrinking a failure could take minutes, so a failure
    # is reported as found (its steps are few enough to read).
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=_OPS)
def test_the_balance_always_equals_the_sold_unpaid_items(
    ctx: Context, ops: list[tuple[int | str, ...]]
) -> None:
    # A business per example: each starts with empty books in the one store.
    business = add_business(ctx.store, f"b-{next(_BUSINESSES)}")
    here = open_context(ctx.store, business.slug, "tester")
    consignors = [_consignor(here, code) for code in ("AA", "BB", "CC")]
    items: list[int] = []
    for op in ops:
        try:
            match op:
                case ("new", who, commission):
                    items.append(_item(here, consignors[int(who)], int(commission)))
                case ("sell", which, day, price) if items:
                    sale = START + timedelta(days=int(day))
                    sell_item(here, items[-1 - int(which) % len(items)], int(price), sale_date=sale)
                case ("unsell", which) if items:
                    unsell_item(here, items[-1 - int(which) % len(items)])
                case ("payout", who, day):
                    ledger.post_payout(here, consignors[int(who)], START + timedelta(days=int(day)))
                case ("undo", who):
                    book = ledger.consignor_ledger(here, consignors[int(who)])
                    if book.payouts:
                        ledger.undo_payout(here, book.payouts[0].id)
                case ("adjust", who, amount):
                    ledger.adjust(here, consignors[int(who)], int(amount), "Correction")
        except (RuleError, ValidationError):
            pass  # refused: already sold, not sold, paid out, nothing owed, zero adjustment
        _check_books(here, consignors)
