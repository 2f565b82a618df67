"""Reproducible, realistic demo customers for `custtui --demo`, `demo-data` and benchmarks.

Pure data: nothing here touches a database. The caller feeds each `DemoCustomer` through the
service layer, so every value is written the way a person would type it into the edit form
(varied phone formats, country names or codes, `@handle` or a URL for Instagram) and must
pass the same validation as real input.

The generator draws every value from one `random.Random(seed)` stream, customer by customer,
so a given `(seed, today)` always yields the same sequence, and a shorter run is a prefix of a
longer one. Every draw is one `random()` call (index arithmetic, or a bisect over precomputed
cumulative weights) rather than `choice`/`randint`/`choices`, which cost several times more:
100,000 customers should take about two seconds.

Here: a customer, their purchases, consignments (with intake and expiry: some stock has sat
past its consignment period), the payout and adjustments of their ledger, and notes; and the
shop's own stock with its walk-in sales, drawn on a stream of its own. Contact details are
drawn in contact.py, on the stream of draw.py; the names, places, items and words they are
made of are data, in tables/.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from custtui.core.demo.contact import Contacts
from custtui.core.demo.draw import fold
from custtui.core.demo.tables.items import (
    ADJUSTMENTS,
    CATEGORIES,
    COMMISSIONS,
    CONSIGNABLE,
    CONSIGNED_STATUS,
    PCT_LABELS,
    STOCK_STATUS,
    Category,
)
from custtui.core.demo.tables.places import COUNTRIES, Country
from custtui.core.demo.tables.text import (
    CONSIGNOR_NOTES,
    GENERAL_NOTES,
    NOTE_COUNTS,
    NOTE_WORDS,
    PREFERRED,
    PURCHASE_NOTES,
    RECORD_NOTES,
    SOURCES,
)

__all__ = [
    "DEMO_TEAM",
    "DemoAdjustment",
    "DemoCustomer",
    "DemoItem",
    "DemoNote",
    "ITEM_STATUSES",
    "generate_customers",
    "generate_stock",
]

ITEM_STATUSES = ("Collection", "Wishlist", "Archived", "Sold")

#: Team members who write the demo notes; the caller may register them as the team.
DEMO_TEAM = ("maria", "dave", "priya", "tom", "lena", "carlos")


@dataclass(frozen=True, slots=True)
class DemoItem:
    title: str
    category: str
    status: str
    retail_cents: int | None
    sold_cents: int | None
    sale_date: date | None
    commission_pct: Decimal | None
    intake_date: date | None = None  # None: the day it sold (or today)
    at_expiry: str | None = None  # consigned: "return" or "keep"


@dataclass(frozen=True, slots=True)
class DemoAdjustment:
    amount_cents: int
    reason: str
    on: date


@dataclass(frozen=True, slots=True)
class DemoNote:
    created_at: datetime
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class DemoCustomer:
    fields: dict[str, object]
    notes: tuple[DemoNote, ...]
    purchases: tuple[DemoItem, ...]
    consigned: tuple[DemoItem, ...]
    # A consignor's ledger: adjustments, then one payout of what was owed through this date.
    adjustments: tuple[DemoAdjustment, ...] = ()
    payout_through: date | None = None


# --------------------------------------------------------------------------------------------


def generate_customers(
    count: int,
    seed: int = 1,
    *,
    today: date | None = None,
    taken_emails: Iterable[str] = (),
    taken_codes: Iterable[str] = (),
) -> Iterator[DemoCustomer]:
    """Yield `count` demo customers; the same arguments always give the same customers.

    Emails and consignor codes are unique over the whole run, and differ from the
    lower-cased `taken_emails` and the `taken_codes` (a store's own). Dates never pass
    `today` (default: the current date), and note times stay before `today` starts, in UTC.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    generator = _Generator(seed, today or date.today())
    generator.emails.update(taken_emails)
    generator.codes.update(taken_codes)
    return generator.run(count)


def generate_stock(count: int, seed: int = 1, *, today: date | None = None) -> Iterator[DemoItem]:
    """Yield `count` items of the shop's own stock, in every status; the sold ones went to
    walk-ins. Its stream is apart from the customers', so either run may be any length."""
    if count < 0:
        raise ValueError("count must not be negative")
    return _Generator(seed * 7919 + 17, today or date.today()).stock(count)


class _Generator(Contacts):
    def run(self, count: int) -> Iterator[DemoCustomer]:
        for _ in range(count):
            yield self.customer()

    def stock(self, count: int) -> Iterator[DemoItem]:
        since_ord = self.today_ord - 3 * 365
        for _ in range(count):
            item = self.item(self.wpick(CATEGORIES), self.wpick(STOCK_STATUS), since_ord, None)
            if item.sale_date is None:
                intake = self.today_ord - int(self.r() * (self.today_ord - since_ord))
                item = replace(item, intake_date=date.fromordinal(intake))
            yield item

    # ----------------------------------------------------------------------------------------

    def customer(self) -> DemoCustomer:
        r = self.r
        country = self.wpick(COUNTRIES)
        city = self.wpick(country.cities)
        first, last = self.name(country)
        company, company_domain = self.company(country, last) if r() < 0.3 else (None, None)
        # Most customers are recent; a few date from the shop's first years.
        since_ord = self.today_ord - 1 - int(r() ** 1.4 * 4380)

        email = self.email(first, last, country, company_domain) if r() < 0.86 else None
        phone = self.phone(country, city, mobile=r() < 0.35) if r() < 0.8 else None
        mobile = self.phone(country, city, mobile=True) if r() < 0.42 else None

        street, street2, postal = self.address(country, city)
        states = city.states
        state = self.pick(states) if len(states) > 1 else states[0]

        dob = None
        if r() < 0.4:
            year = 1940 + int((r() + r()) * 33)
            dob = date.fromordinal(date(year, 1, 1).toordinal() + int(r() * 365))
        driver_license = dl_state = None
        if country.code in ("US", "CA") and r() < 0.34:
            dl_state = state if r() < 0.9 else self.wpick(country.cities).states[0]
            driver_license = self.driver_license(dl_state)

        instagram = self.instagram(first, last, company) if r() < 0.22 else None
        facebook = None
        if r() < 0.12:
            host = "facebook.com/" if r() < 0.75 else "www.facebook.com/"
            tail = f".{int(r() * 90) + 1}" if r() < 0.4 else ""
            facebook = f"{host}{fold(first)}.{fold(last)}{tail}"

        contact_options = ["No Preference", "Phone"]
        if email:
            contact_options.append("Email")
        if mobile or phone:
            contact_options.append("Text")
        preferred = self.wpick(PREFERRED)
        if preferred not in contact_options:
            preferred = "No Preference"

        source = self.wpick(SOURCES)
        referral = self.referral(source, country) if source else None

        record_note = None
        if r() < 0.12:
            record_note = self.pick(RECORD_NOTES).format(
                code=self.digits(4), city=self.wpick(country.cities).name
            )

        is_consignor = r() < 0.065
        code = self.consignor_code(first, last) if is_consignor else None

        purchases = self.purchases(since_ord) if r() < 0.4 else ()
        consigned = self.consigned(since_ord) if is_consignor else ()
        adjustments, through = self.ledger(since_ord, consigned)
        notes = self.notes(since_ord, country, purchases, consigned)

        fields: dict[str, object] = {
            "first_name": first,
            "last_name": last,
            "company": company,
            "email": email,
            "phone": phone,
            "mobile_phone": mobile,
            "date_of_birth": dob,
            "driver_license": driver_license,
            "dl_state": dl_state,
            "street": street,
            "street2": street2,
            "city": city.name,
            "state": state,
            "postal_code": postal,
            "country": self.wpick(country.typed),
            "notes": record_note,
            "instagram": instagram,
            "facebook": facebook,
            "preferred_contact": preferred,
            "discovery_source": source,
            "referral_details": referral,
            "customer_since": date.fromordinal(since_ord),
            "is_consignor": is_consignor,
            "consignor_code": code,
            "contact_by_email": bool(email) and r() < 0.45,
            "contact_by_sms": bool(mobile) and r() < 0.4,
            "active": r() >= 0.05,
            "on_hold": r() < 0.02,
        }
        return DemoCustomer(fields, notes, purchases, consigned, adjustments, through)

    # ----------------------------------------------------------------------------------------

    def price(self, lo: int, hi: int) -> int:
        """A retail price in cents, rounded the way shops tag things."""
        dollars = lo * (hi / lo) ** self.r()
        if dollars < 100:
            return int(dollars) * 100 + (99 if self.r() < 0.4 else 0)
        step = 5 if dollars < 1000 else 50 if dollars < 10000 else 500
        return int(dollars / step) * step * 100

    def item(
        self,
        category: Category,
        status: str,
        since_ord: int,
        commission: Decimal | None,
    ) -> DemoItem:
        r = self.r
        base, lo, hi, y0, y1 = self.pick(category.bases)
        title = base + self.pick(category.suffixes)
        if y0 and r() < category.year_share:
            title = f"{y0 + int(r() * (y1 - y0 + 1))} {title}"
        retail = self.price(lo, hi)
        if status == "Wishlist" and r() < 0.3:
            return DemoItem(title, category.name, status, None, None, None, commission)
        if status != "Sold":
            return DemoItem(title, category.name, status, retail, None, None, commission)
        if category.name == "Service" or r() < 0.35:
            sold = retail
        else:
            sold = int(retail * (0.78 + r() * 0.22) / 100) * 100 or retail
        sale = date.fromordinal(since_ord + int(r() * (self.today_ord - since_ord + 1)))
        return DemoItem(title, category.name, status, retail, sold, sale, commission)

    def purchases(self, since_ord: int) -> tuple[DemoItem, ...]:
        count = 1 + int(self.r() ** 2.2 * 8)
        items = [self.item(self.wpick(CATEGORIES), "Sold", since_ord, None) for _ in range(count)]
        items.sort(key=_sale_key)
        return tuple(items)

    def consigned(self, since_ord: int) -> tuple[DemoItem, ...]:
        r = self.r
        count = 1 + int(r() ** 1.6 * 10)
        # One agreement per consignor: every item carries the same commission.
        commission = self.pick(COMMISSIONS)
        items = []
        for _ in range(count):
            item = self.item(
                self.wpick(CONSIGNABLE), self.wpick(CONSIGNED_STATUS), since_ord, commission
            )
            if item.sale_date is not None:
                intake = item.sale_date.toordinal() - int(r() * 75)
            else:
                # Most unsold stock came in lately; about a fifth has sat past 90 days.
                intake = self.today_ord - int(r() ** 2 * 150)
            at_expiry = "keep" if r() < 0.25 else "return"
            intake_date = date.fromordinal(max(since_ord, intake))
            items.append(replace(item, intake_date=intake_date, at_expiry=at_expiry))
        return tuple(items)

    def ledger(
        self, since_ord: int, consigned: tuple[DemoItem, ...]
    ) -> tuple[tuple[DemoAdjustment, ...], date | None]:
        """A consignor with sales: sometimes an adjustment; often paid out some months back,
        so paid and open credits sit side by side."""
        if not any(item.sale_date for item in consigned):
            return (), None
        r = self.r
        adjustments: tuple[DemoAdjustment, ...] = ()
        if r() < 0.2:
            cents, reason = self.pick(ADJUSTMENTS)
            on = max(since_ord, self.today_ord - 1 - int(r() * 240))
            adjustments = (DemoAdjustment(cents, reason, date.fromordinal(on)),)
        through = None
        if r() < 0.6:
            through = date.fromordinal(self.today_ord - 30 - int(r() * 150))
        return adjustments, through

    def notes(
        self,
        since_ord: int,
        country: Country,
        purchases: tuple[DemoItem, ...],
        consigned: tuple[DemoItem, ...],
    ) -> tuple[DemoNote, ...]:
        count = self.wpick(NOTE_COUNTS)
        if consigned and not count:
            count = 1
        if not count or since_ord >= self.today_ord:
            return ()
        r = self.r
        span = self.today_ord - since_ord
        notes = []
        for _ in range(count):
            roll = r()
            if consigned and roll < 0.4:
                template = self.pick(CONSIGNOR_NOTES)
                title = self.pick(consigned).title
                text = template.format(pct=PCT_LABELS[consigned[0].commission_pct], title=title)
            elif purchases and roll < 0.6:
                template = self.pick(PURCHASE_NOTES)
                text = template.format(title=self.pick(purchases).title)
            else:
                template, names = self.pick(GENERAL_NOTES)
                values: dict[str, object] = {}
                for name in names:
                    if name == "amt":
                        values[name] = (int(r() * 40) + 1) * 50
                    elif name == "city":
                        values[name] = self.wpick(country.cities).name
                    else:
                        values[name] = self.pick(NOTE_WORDS[name])
                text = template.format_map(values)
            # Shop hours: 13:00-02:00 UTC, which is daytime for most of the customers.
            day = since_ord + int(r() * span)
            seconds = 46800 + int(r() * 46800)
            if day == self.today_ord - 1 and seconds >= 86400:
                seconds -= 43200
            created = _EPOCH + timedelta(days=day - _EPOCH_ORD, seconds=seconds)
            notes.append(DemoNote(created, self.pick(DEMO_TEAM), text))
        notes.sort(key=_note_key)
        return tuple(notes)


_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_EPOCH_ORD = _EPOCH.toordinal()


def _sale_key(item: DemoItem) -> date:
    assert item.sale_date is not None
    return item.sale_date


def _note_key(note: DemoNote) -> datetime:
    return note.created_at
