"""`custtui find` and the list screen find the same customers for every query.

SPEC "Screens" -> "List": "The command line's `find` uses the same matching." Random shops
(accented names, companies, emails, phones written every way people write them, in several
countries, some stored before validation existed) and random queries (pieces of the
customers' fields, digit runs, country codes, punctuation): `find`'s customers and count must
be the list's, in the same order. On a real SQLite file.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from custtui.cli import run_cli
from custtui.core.customers.service import create_customers
from custtui.core.directory.live import Directory
from custtui.core.runtime.config import Settings, sqlite_url
from custtui.core.search.folding import fold
from custtui.core.search.orders import SortKey
from custtui.core.store.businesses import add_business, open_context, set_plan
from custtui.core.store.engine import Store
from custtui.core.store.models import Customer

SORTS: tuple[SortKey, ...] = get_args(SortKey)
REGIONS = ("US", "GB", "CA", "FR", "DE")
# A valid number per country; its last four digits vary.
EXAMPLES = (
    "+14155552671",
    "+12125550147",
    "+14165550123",
    "+442079460958",
    "+33142685300",
    "+4930901820",
    "+61291234567",
    "+525512345678",
)
FORMATS = (
    phonenumbers.PhoneNumberFormat.E164,
    phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    phonenumbers.PhoneNumberFormat.NATIONAL,
    phonenumbers.PhoneNumberFormat.RFC3966,
)
NAMES = st.sampled_from(
    ["Zoë", "Müller", "José", "Łukasz", "Renée", "O'Brien", "Søren", "Ñusta", "Ann", "Smith"]
) | st.text(alphabet="abeoszAEZÉéëÖößçøŁ' -", min_size=1, max_size=8).filter(str.strip)
COMPANIES = st.none() | NAMES | st.sampled_from(["Café Müller", "Zoë's Antiques", "Acme 555"])
# Written before validation existed: stored as typed.
LEGACY_PHONES = st.sampled_from(["555-1234", "(415) 555 2671", "+1 212.555.0147", "0207 946 0958"])
PUNCTUATION = st.sampled_from(["+1", "+44", "+", "-", "(", ")", ".", "@", "'", "(41", "5-2"])


@st.composite
def phones(draw: st.DrawFn, region: str) -> str | None:
    if draw(st.integers(0, 3)) == 0:
        return None
    number = phonenumbers.parse(draw(st.sampled_from(EXAMPLES)))
    head = str(number.national_number)[:-4]
    tail = draw(st.integers(0, 9999))
    varied = phonenumbers.PhoneNumber(number.country_code, int(f"{head}{tail:04d}"))
    if phonenumbers.is_valid_number(varied):
        number = varied
    style = draw(st.sampled_from(FORMATS))
    if style == phonenumbers.PhoneNumberFormat.NATIONAL:
        # Only a number of the shop's own country is written without its country code.
        if phonenumbers.region_code_for_number(number) != region:
            style = phonenumbers.PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, style)


@st.composite
def customers(draw: st.DrawFn, region: str, n: int) -> dict[str, object]:
    local = draw(st.from_regex(r"[a-z0-9]{1,4}([._-][a-z0-9]{1,3})?", fullmatch=True))
    domain = draw(st.sampled_from(["gmail.com", "example.org", "müller.de", "x.co.uk"]))
    values: dict[str, object] = {
        "first_name": draw(NAMES),
        "last_name": draw(NAMES),
        "company": draw(COMPANIES),
        "email": draw(st.none() | st.just(f"{local}{n}@{domain}")),
        "phone": draw(phones(region)),
        "mobile_phone": draw(phones(region)),
    }
    if draw(st.booleans()):
        values["consignor_code"] = f"c{n}"
    return values


def written(phone: str, region: str) -> list[str]:
    """A phone as stored, and as people write it."""
    try:
        number = phonenumbers.parse(phone, region)
    except phonenumbers.NumberParseException:
        return [phone]
    return [phone, *(phonenumbers.format_number(number, style) for style in FORMATS)]


def pieces(shown: list[dict[str, Any]], region: str) -> list[str]:
    """Text a user might type from what they know of the customers."""
    out: list[str] = []
    for customer in shown:
        for field in ("first_name", "last_name", "company", "email"):
            if customer[field]:
                out += [customer[field], fold(customer[field])]
        for field in ("phone", "mobile_phone"):
            for text in written(customer[field], region) if customer[field] else []:
                out += [text, re.sub(r"[^0-9]", "", text)]
    return [p for p in out if p]


@st.composite
def queries(draw: st.DrawFn, texts: list[str]) -> str:
    terms: list[str] = []
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.integers(0, 5))
        if texts and kind <= 2:
            text = draw(st.sampled_from(texts))
            start = draw(st.integers(0, len(text) - 1))
            term = text[start : start + draw(st.integers(1, 7))]
            terms.append(term.upper() if draw(st.booleans()) else term)
        elif kind == 3:
            terms.append(draw(st.text(alphabet="0123456789", min_size=1, max_size=6)))
        elif kind == 4:
            terms.append(draw(PUNCTUATION))
        else:
            terms.append(draw(st.text(alphabet="aeozäöü0125-.()+ ", max_size=4)))
    return " ".join(terms)


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    monkeypatch.setenv("CUSTTUI_DATABASE_URL", sqlite_url(tmp_path / "data" / "custtui.db"))
    settings = Settings.resolve()
    opened = Store.open(settings.database_url, settings.key_file)
    yield opened
    opened.close()


def find(slug: str, query: str, consignors_only: bool, sort: SortKey) -> dict[str, Any]:
    argv = ["--business", slug, "find", "--json", "--sort", sort]
    if consignors_only:
        argv.append("--consignors")
    status, out = run_cli([*argv, "--", *query.split()])
    assert status == 0, out
    found: dict[str, Any] = json.loads(out)
    return found


SHOPS = itertools.count(1)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_find_finds_what_the_list_shows_for_every_query(store: Store, data: st.DataObject) -> None:
    # A shop of its own for each example, in a country of its own.
    region = data.draw(st.sampled_from(REGIONS))
    slug = f"shop{next(SHOPS)}"
    add_business(store, slug, region=region)
    ctx = open_context(store, slug, "tester")
    set_plan(ctx, "premium")
    ctx = open_context(store, slug, "tester")
    count = data.draw(st.integers(1, 12))
    created = create_customers(ctx, [data.draw(customers(region, n)) for n in range(count)])
    legacy = data.draw(st.lists(st.sampled_from(created), max_size=2)) if created else []
    with store.write() as session:
        for customer in legacy:
            raw = data.draw(LEGACY_PHONES)
            session.execute(update(Customer).where(Customer.id == customer.id).values(phone=raw))

    directory = Directory.load(ctx)
    labels = {row.id: row.label for row in directory.rows(directory.search(""))}
    texts = pieces(find(slug, "", False, "number")["customers"], region)

    for _ in range(6):
        query = data.draw(queries(texts) | PUNCTUATION)
        consignors_only = data.draw(st.booleans())
        sort = data.draw(st.sampled_from(SORTS))
        ids = directory.search(query, consignors_only=consignors_only, sort=sort)
        listed = [labels[i] for i in ids]
        found = find(slug, query, consignors_only, sort)
        assert [c["number"] for c in found["customers"]] == listed, (query, region)
        assert (
            found["count"]
            == len(listed)
            == directory.index.count(query, consignors_only=consignors_only)
        )
        assert found["total"] == len(directory)


def test_find_reads_phones_as_the_list_does(store: Store) -> None:
    """`find` used to search phones formatted for the shop's country, the list as stored: "+1"
    found no US number in `find`, and "(41" found San Francisco numbers in `find` only."""
    ctx = open_context(store, None, "tester")
    create_customers(
        ctx,
        [
            {"first_name": "Ann", "last_name": "Lee", "phone": "(415) 555-2671"},
            {"first_name": "Bo", "last_name": "Kay", "mobile_phone": "+44 20 7946 0958"},
        ],
    )
    directory = Directory.load(ctx)
    for query, numbers in [
        ("+1", ["C-000001"]),
        ("1415", ["C-000001"]),
        ("(41", []),
        ("555-2671", ["C-000001"]),
        ("+44 7946", ["C-000002"]),
        ("4420", ["C-000002"]),
    ]:
        listed = [row.label for row in directory.rows(directory.search(query))]
        found = [
            c["number"] for c in find(ctx.business.slug, query, False, "last_name")["customers"]
        ]
        assert (query, found) == (query, listed) == (query, numbers)
