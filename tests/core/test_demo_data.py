"""The demo generator: reproducible, varied, and every value acceptable to the real rules."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import phonenumbers
import pycountry
import pytest
from email_validator import validate_email
from sqlalchemy import select

from custtui.core.customers.lookup import customer_count
from custtui.core.customers.record import customer_row
from custtui.core.demo.generate import (
    DEMO_TEAM,
    ITEM_STATUSES,
    DemoCustomer,
    DemoItem,
    generate_customers,
    generate_stock,
)
from custtui.core.demo.load import load_demo
from custtui.core.errors import RuleError
from custtui.core.items.customer_items import purchases_of
from custtui.core.items.index import ItemFilter
from custtui.core.items.ledger import consignor_ledger
from custtui.core.items.listing import load_item_index
from custtui.core.store.businesses import Context
from custtui.core.store.models import Customer

TODAY = date(2025, 6, 1)
TODAY_START = datetime(TODAY.year, TODAY.month, TODAY.day, tzinfo=UTC)

FIELD_NAMES = {
    "first_name",
    "last_name",
    "company",
    "email",
    "phone",
    "mobile_phone",
    "date_of_birth",
    "driver_license",
    "dl_state",
    "street",
    "street2",
    "city",
    "state",
    "postal_code",
    "country",
    "notes",
    "instagram",
    "facebook",
    "preferred_contact",
    "discovery_source",
    "referral_details",
    "customer_since",
    "is_consignor",
    "consignor_code",
    "contact_by_email",
    "contact_by_sms",
    "active",
    "on_hold",
}

# The ways the generator writes countries, as the validator reads them.
_COUNTRY_WORDS = {"UK": "GB", "USA": "US", "United States": "US"}


def _country_code(value: object) -> str:
    assert isinstance(value, str)
    if value in _COUNTRY_WORDS:
        return _COUNTRY_WORDS[value]
    return str(pycountry.countries.lookup(value).alpha_2)


@pytest.fixture(scope="module")
def many() -> list[DemoCustomer]:
    return list(generate_customers(20_000, seed=7, today=TODAY))


@pytest.fixture(scope="module")
def thousand() -> list[DemoCustomer]:
    return list(generate_customers(1_000, seed=11, today=TODAY))


# --- reproducibility ---------------------------------------------------------------------------


def test_same_seed_and_day_give_the_same_customers() -> None:
    first = list(generate_customers(300, seed=3, today=TODAY))
    again = list(generate_customers(300, seed=3, today=TODAY))
    assert first == again


def test_different_seeds_give_different_customers() -> None:
    one = [c.fields for c in generate_customers(50, seed=1, today=TODAY)]
    two = [c.fields for c in generate_customers(50, seed=2, today=TODAY)]
    assert one != two
    assert {f["email"] for f in one} != {f["email"] for f in two}


def test_a_shorter_run_is_a_prefix_of_a_longer_one() -> None:
    short = list(generate_customers(200, seed=5, today=TODAY))
    long = list(generate_customers(700, seed=5, today=TODAY))
    assert long[:200] == short


def test_count_zero_yields_nothing_and_a_negative_count_is_refused() -> None:
    assert list(generate_customers(0)) == []
    with pytest.raises(ValueError):
        generate_customers(-1)


def test_today_defaults_to_the_current_date() -> None:
    now = date.today()
    for customer in generate_customers(300, seed=9):
        since = customer.fields["customer_since"]
        assert isinstance(since, date) and since < now
        for item in customer.purchases + customer.consigned:
            assert item.sale_date is None or item.sale_date <= now


# --- the record ------------------------------------------------------------------------------


def test_every_customer_carries_exactly_the_customer_fields(many: list[DemoCustomer]) -> None:
    for customer in many:
        assert set(customer.fields) == FIELD_NAMES
        fields = customer.fields
        assert isinstance(fields["first_name"], str) and fields["first_name"].strip()
        assert isinstance(fields["last_name"], str) and fields["last_name"].strip()
        for flag in ("is_consignor", "contact_by_email", "contact_by_sms", "active", "on_hold"):
            assert isinstance(fields[flag], bool)
        assert fields["preferred_contact"] in ("Email", "Phone", "Text", "No Preference")
        assert fields["discovery_source"] in (
            None,
            "Instagram",
            "Referral",
            "Walk-in",
            "Show/Fair",
            "Website",
            "Other",
        )
        # Blank optional values are None, never "", so sparsity means "not given".
        assert "" not in fields.values()


def test_emails_are_unique_over_twenty_thousand_customers(many: list[DemoCustomer]) -> None:
    emails = [c.fields["email"] for c in many if c.fields["email"]]
    assert len(emails) > 15_000
    assert len({str(e).casefold() for e in emails}) == len(emails)


def test_emails_pass_the_syntax_check_and_are_ascii(many: list[DemoCustomer]) -> None:
    for customer in many[::4]:
        email = customer.fields["email"]
        if email is None:
            continue
        assert isinstance(email, str) and email.isascii()
        validate_email(email, check_deliverability=False)


def test_consignor_codes_are_unique_short_and_only_on_consignors(
    many: list[DemoCustomer],
) -> None:
    codes = []
    for customer in many:
        code = customer.fields["consignor_code"]
        if customer.fields["is_consignor"]:
            assert isinstance(code, str) and re.fullmatch(r"[A-Z0-9]{1,6}", code)
            codes.append(code)
        else:
            assert code is None
    assert len(codes) == len(set(codes)) > 0


def test_every_phone_is_valid_when_read_in_a_us_business(many: list[DemoCustomer]) -> None:
    checked = 0
    for customer in many:
        for key in ("phone", "mobile_phone"):
            text = customer.fields[key]
            if text is None:
                continue
            number = phonenumbers.parse(str(text), "US")
            assert phonenumbers.is_valid_number(number), (key, text)
            home = _country_code(customer.fields["country"])
            assert phonenumbers.region_code_for_number(number) == home, (text, home)
            checked += 1
    assert checked > 20_000


def test_phones_come_in_the_formats_people_type(many: list[DemoCustomer]) -> None:
    phones = [str(c.fields["phone"]) for c in many if c.fields["phone"]]
    shapes = {re.sub(r"\d", "9", p) for p in phones}
    # US domestic styles, +1, a London number and a French one, digits masked as 9.
    for shape in (
        "(999) 999-9999",
        "999.999.9999",
        "9999999999",
        "+9 999 999 9999",
        "+99 99 9999 9999",
        "+99 9 99 99 99 99",
        "+99 (9)99 9999 9999",
    ):
        assert shape in shapes


def test_every_state_is_a_real_subdivision_of_its_country(many: list[DemoCustomer]) -> None:
    for customer in many:
        fields = customer.fields
        code = _country_code(fields["country"])
        state = fields["state"]
        assert isinstance(state, str)
        assert pycountry.subdivisions.get(code=f"{code}-{state}") is not None, (code, state)
        dl_state = fields["dl_state"]
        if dl_state is not None:
            assert isinstance(dl_state, str) and re.fullmatch(r"[A-Z]{2}", dl_state)
            assert fields["driver_license"]
            assert any(pycountry.subdivisions.get(code=f"{cc}-{dl_state}") for cc in ("US", "CA"))
        else:
            assert fields["driver_license"] is None


def test_postal_codes_follow_the_country_format(many: list[DemoCustomer]) -> None:
    patterns = {
        "US": r"\d{5}(-\d{4})?",
        "CA": r"[A-Z]\d[A-Z] \d[A-Z]\d",
        "GB": r"[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}",
        "DE": r"\d{5}",
        "FR": r"\d{5}",
        "AU": r"\d{4}",
        "MX": r"\d{5}",
    }
    for customer in many:
        code = _country_code(customer.fields["country"])
        assert re.fullmatch(patterns[code], str(customer.fields["postal_code"]))


def test_dates_are_in_range(many: list[DemoCustomer]) -> None:
    earliest_since = TODAY - timedelta(days=12 * 366)
    for customer in many:
        since = customer.fields["customer_since"]
        assert isinstance(since, date) and earliest_since <= since < TODAY
        dob = customer.fields["date_of_birth"]
        if dob is not None:
            assert isinstance(dob, date) and date(1940, 1, 1) <= dob <= date(2005, 12, 31)


# --- items and notes -----------------------------------------------------------------------------


def _assert_sold(item: DemoItem, since: date) -> None:
    assert item.sold_cents is not None and item.sold_cents > 0
    assert item.sale_date is not None and since <= item.sale_date <= TODAY


def test_purchases_are_sold_items_dated_after_customer_since(many: list[DemoCustomer]) -> None:
    for customer in many:
        since = customer.fields["customer_since"]
        assert isinstance(since, date)
        assert len(customer.purchases) <= 8
        for item in customer.purchases:
            assert item.status == "Sold"
            assert item.commission_pct is None
            assert item.title and item.category
            _assert_sold(item, since)
        dates = [item.sale_date for item in customer.purchases]
        assert dates == sorted(dates)  # type: ignore[type-var]


def test_consigned_items_belong_only_to_consignors(many: list[DemoCustomer]) -> None:
    statuses: Counter[str] = Counter()
    for customer in many:
        since = customer.fields["customer_since"]
        assert isinstance(since, date)
        if not customer.fields["is_consignor"]:
            assert customer.consigned == ()
            continue
        assert 1 <= len(customer.consigned) <= 10
        for item in customer.consigned:
            statuses[item.status] += 1
            assert item.status in ITEM_STATUSES
            assert item.commission_pct is not None
            assert Decimal("10") <= item.commission_pct <= Decimal("40")
            assert item.category not in ("Service", "Tires", "Parts")
            if item.status == "Sold":
                _assert_sold(item, since)
            else:
                assert item.sold_cents is None and item.sale_date is None
    assert set(statuses) == set(ITEM_STATUSES)


def test_notes_follow_customer_since_and_never_reach_today(many: list[DemoCustomer]) -> None:
    for customer in many:
        since = customer.fields["customer_since"]
        assert isinstance(since, date)
        since_start = datetime(since.year, since.month, since.day, tzinfo=UTC)
        assert len(customer.notes) <= 5
        for note in customer.notes:
            assert note.created_at.utcoffset() == timedelta(0)
            assert since_start <= note.created_at < TODAY_START
            assert note.author in DEMO_TEAM
            assert note.text.strip()
        times = [note.created_at for note in customer.notes]
        assert times == sorted(times)


# --- variety and proportions ----------------------------------------------------------------------


def test_a_thousand_customers_are_varied(thousand: list[DemoCustomer]) -> None:
    fields = [c.fields for c in thousand]
    countries = Counter(_country_code(f["country"]) for f in fields)
    assert len(countries) >= 4
    assert sum(1 for f in fields if f["company"]) > 150
    assert sum(1 for f in fields if f["is_consignor"]) > 20
    assert sum(1 for c in thousand if c.notes) > 300
    assert sum(1 for c in thousand if c.purchases) > 300
    accented = [f for f in fields if not (str(f["first_name"]) + str(f["last_name"])).isascii()]
    assert len(accented) > 30
    # The country is written both as a code and as a name.
    written = {str(f["country"]) for f in fields}
    assert {"US", "United States"} <= written
    assert len({c.fields["email"] for c in thousand}) > 800
    categories = {item.category for c in thousand for item in c.purchases}
    assert len(categories) >= 10


def test_proportions_match_a_real_small_business(many: list[DemoCustomer]) -> None:
    n = len(many)

    def share(predicate: object) -> float:
        assert callable(predicate)
        return sum(1 for c in many if predicate(c)) / n

    assert 0.65 < share(lambda c: _country_code(c.fields["country"]) == "US") < 0.75
    assert 0.25 < share(lambda c: c.fields["company"]) < 0.35
    assert 0.05 < share(lambda c: c.fields["is_consignor"]) < 0.08
    assert 0.35 < share(lambda c: c.purchases) < 0.45
    assert 0.35 < share(lambda c: c.fields["date_of_birth"]) < 0.45
    assert 0.2 < share(lambda c: c.fields["driver_license"]) < 0.3
    assert 0.01 < share(lambda c: c.fields["on_hold"]) < 0.03
    assert 0.03 < share(lambda c: not c.fields["active"]) < 0.07
    assert 0.4 < share(lambda c: c.notes) < 0.7


def test_social_links_are_written_in_every_accepted_form(many: list[DemoCustomer]) -> None:
    instagram = [str(c.fields["instagram"]) for c in many if c.fields["instagram"]]
    assert any(h.startswith("@") for h in instagram)
    assert any("instagram.com/" in h for h in instagram)
    assert any(re.fullmatch(r"[a-z0-9._]+", h) for h in instagram)
    facebook = [str(c.fields["facebook"]) for c in many if c.fields["facebook"]]
    assert facebook and all(f.startswith(("facebook.com/", "www.facebook.com/")) for f in facebook)


def test_consigned_items_carry_an_intake_and_what_happens_at_expiry(
    many: list[DemoCustomer],
) -> None:
    expired: Counter[str] = Counter()
    for customer in many:
        since = customer.fields["customer_since"]
        assert isinstance(since, date)
        for item in customer.consigned:
            assert item.intake_date is not None and since <= item.intake_date <= TODAY
            assert item.at_expiry in ("return", "keep")
            if item.sale_date is not None:
                assert item.intake_date <= item.sale_date
            elif item.intake_date < TODAY - timedelta(days=90):
                expired[item.at_expiry] += 1
        for item in customer.purchases:
            assert item.intake_date is None and item.at_expiry is None
    # Stock past its 90 days, some to go back to the consignor and some the store keeps.
    assert expired["return"] > 100 and expired["keep"] > 30


def test_consignors_with_sales_get_payouts_and_adjustments(many: list[DemoCustomer]) -> None:
    selling = [c for c in many if any(i.sale_date for i in c.consigned)]
    for customer in many:
        if customer not in selling:
            assert customer.payout_through is None and customer.adjustments == ()
    paid = [c for c in selling if c.payout_through is not None]
    assert 0.5 < len(paid) / len(selling) < 0.7
    for customer in paid:
        assert customer.payout_through is not None
        assert TODAY - timedelta(days=181) <= customer.payout_through <= TODAY - timedelta(30)
    adjusted = [c for c in selling if c.adjustments]
    assert 0.1 < len(adjusted) / len(selling) < 0.3
    for customer in adjusted:
        for change in customer.adjustments:
            assert change.amount_cents != 0 and change.reason.strip()
            assert change.on < TODAY
    assert {c.adjustments[0].amount_cents > 0 for c in adjusted} == {True, False}


def test_the_shops_own_stock_has_every_status_and_walk_in_sales() -> None:
    stock = list(generate_stock(2_000, seed=7, today=TODAY))
    assert stock == list(generate_stock(2_000, seed=7, today=TODAY))
    assert Counter(i.status for i in stock).keys() == set(ITEM_STATUSES)
    for item in stock:
        assert item.commission_pct is None and item.at_expiry is None
        if item.status == "Sold":
            _assert_sold(item, TODAY - timedelta(days=3 * 365))
        else:
            assert item.intake_date is not None and item.intake_date <= TODAY
    with pytest.raises(ValueError):
        generate_stock(-1)


def test_a_demo_store_shows_every_part_of_items_and_consignment(ctx: Context) -> None:
    """What `custtui --demo` shows, read back through the core as the screens read it."""
    result = load_demo(ctx, 400, seed=3)
    assert result.payouts > 3 and result.adjustments > 0
    index, _ = load_item_index(ctx)
    items = list(index.search(""))
    assert len(items) == result.items
    assert {i.status for i in items} == set(ITEM_STATUSES)
    assert {i.status for i in items if not i.consigned and not i.sold} == {
        "Collection",
        "Wishlist",
        "Archived",
    }
    assert any(i.sold and i.buyer_id is None and not i.consigned for i in items)  # walk-ins
    expired = list(index.search("", ItemFilter(expired=True)))
    assert {i.at_expiry for i in expired} == {"return", "keep"}
    assert all(i.expiry_date is not None and i.expiry_date < date.today() for i in expired)

    buyers = Counter(i.buyer_id for i in items if i.buyer_id is not None)
    several = [buyer for buyer, bought in buyers.items() if bought >= 3]
    assert len(several) > 10
    with ctx.store.read() as session:
        assert purchases_of(session, several[0]).count >= 3

    consignors = {i.consignor_id for i in items if i.consigned}
    assert consignors
    active = sold = paid_out = open_balance = both = adjusted = 0
    for consignor_id in consignors:
        assert consignor_id is not None
        ledger = consignor_ledger(ctx, consignor_id, limit=None)
        mine = [i for i in items if i.consignor_id == consignor_id]
        active += any(i.active for i in mine)
        sold += any(i.sold for i in mine)
        paid_out += bool(ledger.payouts)
        open_balance += ledger.balance_cents > 0
        sales = [e for e in ledger.entries if e.kind == "sale"]
        both += any(e.settled for e in sales) and any(not e.settled for e in sales)
        adjusted += any(e.kind == "adjustment" for e in ledger.entries)
        # The ledger reconciles: what is owed is the sum of the open entries.
        assert ledger.balance_cents == sum(e.amount_cents for e in ledger.entries if not e.settled)
    assert active > 10 and sold > 10
    assert paid_out == result.payouts and open_balance > 5 and both > 0 and adjusted > 0


def test_consigned_items_keep_their_intake_in_the_store(ctx: Context) -> None:
    load_demo(ctx, 100, seed=5)
    demo = list(generate_customers(100, seed=5))
    consignor = next(c for c in demo if c.consigned)
    with ctx.store.read() as session:
        number = customer_row(session, ctx, 1 + demo.index(consignor)).number
    index, _ = load_item_index(ctx)
    stored = sorted(
        (i.intake_date, i.at_expiry) for i in index.search("") if i.consignor_number == number
    )
    assert stored == sorted((i.intake_date, i.at_expiry) for i in consignor.consigned)


# --- the real rules -------------------------------------------------------------------------------


def test_every_generated_record_passes_the_customer_rules() -> None:
    try:
        from custtui.core.fields.normalize import normalize_customer
    except ImportError:
        pytest.skip("custtui.core.fields.normalize.normalize_customer is not available yet")
    for customer in generate_customers(2_000, seed=13, today=TODAY):
        normalized = normalize_customer(customer.fields, region="US", today=TODAY)
        fields = customer.fields
        assert normalized["country"] == _country_code(fields["country"])
        assert normalized["state"] == fields["state"]
        if fields["consignor_code"]:
            assert normalized["consignor_code"] == fields["consignor_code"]


def test_demo_data_on_a_store_with_customers_is_refused_whole_or_added_without_clashes(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("custtui.core.demo.load.BATCH", 40)  # several batches, quickly
    load_demo(ctx, 120, seed=3)

    with pytest.raises(RuleError, match="already has 120 customers.*use --add"):
        load_demo(ctx, 120, seed=3)
    assert customer_count(ctx) == 120  # not one batch written

    result = load_demo(ctx, 120, seed=3, add=True)  # the same seed: the same emails drawn
    assert result.customers == 120
    assert customer_count(ctx) == 240
    with ctx.store.read() as session:
        rows = session.execute(select(Customer.email_key, Customer.consignor_code)).all()
    emails = [e for e, _ in rows if e]
    codes = [c for _, c in rows if c]
    assert len(emails) == len(set(emails)) and len(codes) == len(set(codes))
    assert len(codes) > 2  # consignors in both runs, under codes of their own
