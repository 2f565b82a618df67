"""How the generator reaches a customer and writes them down: name, company, email, phone,
address, postal code, licence, handle, referral and consignor code.

Each value is written the way a person would type it (varied phone formats, `@handle` or a
URL) and drawn from the same stream as the rest of the customer (see generate.py).
"""

from __future__ import annotations

from custtui.core.demo.draw import B36, Draws, base36, fold
from custtui.core.demo.tables.names import COMPANY_KINDS, COMPANY_PLACES, FIRST, LAST
from custtui.core.demo.tables.places import (
    CA_LETTERS,
    COLONIAS,
    DE_UNITS,
    DIRECTIONS,
    DL_LETTERS,
    FR_UNITS,
    GB_LETTERS,
    UNITS,
    US_SUFFIXES,
    City,
    Country,
)
from custtui.core.demo.tables.text import NOTE_ITEMS, OTHER_SOURCES, REFERRAL_BY, SHOWS


class Contacts(Draws):
    """The contact details' draws, part of the one generator object (see generate.py)."""

    def name(self, country: Country) -> tuple[str, str]:
        r = self.r
        origin = self.wpick(country.origins)
        first = self.pick(FIRST[origin])
        # Mixed families: a first name from one origin, a surname from another.
        last = self.pick(LAST[self.wpick(country.origins) if r() < 0.15 else origin])
        if r() < 0.02:
            last = f"{last}-{self.pick(LAST[self.wpick(country.origins)])}"
        return first, last

    def company(self, country: Country, last: str) -> tuple[str, str]:
        r = self.r
        kind = self.pick(COMPANY_KINDS)
        if r() < 0.5:
            base = f"{last} {kind}" if r() < 0.8 else f"{last} & Sons {kind}"
        else:
            base = f"{self.pick(COMPANY_PLACES)} {kind}"
        suffix = self.wpick(country.company_suffixes)
        name = f"{base} {suffix}" if suffix else base
        return name, f"{fold(base)[:40]}.{country.company_tld}"

    def email(
        self, first: str, last: str, country: Country, company_domain: str | None
    ) -> str:
        r = self.r
        f, la = fold(first) or "customer", fold(last) or "mail"
        roll = r()
        if roll < 0.3:
            local = f"{f}.{la}"
        elif roll < 0.45:
            local = f + la
        elif roll < 0.6:
            local = f[0] + la
        elif roll < 0.65:
            local = f"{f}_{la}"
        elif roll < 0.7:
            local = f + la[0]
        elif roll < 0.75:
            local = f"{la}.{f}"
        elif roll < 0.87:
            local = f"{f}.{la}{int(r() * 100):02d}"
        elif roll < 0.95:
            local = f"{f}{int(r() * 9000) + 100}"
        else:
            local = f"{f}.{la[0]}"
        if company_domain and r() < 0.55:
            domain = company_domain
        else:
            domain = self.wpick(country.email_domains)
        email = f"{local}@{domain}"
        # Email is unique per business: collisions get a numeric tail, as real people's do.
        while email in self.emails:
            email = f"{local}{int(r() * 1000)}@{domain}"
        self.emails.add(email)
        return email

    def phone(self, country: Country, city: City, *, mobile: bool) -> str:
        r = self.r
        plans = country.mobiles if mobile and country.mobiles else city.landlines
        area, length, firsts = self.pick(plans)
        prefix = self.pick(firsts)
        local = prefix + self.digits(length - len(prefix))
        code = country.code
        if code in ("US", "CA"):
            if local.startswith("11", 1) or local.startswith("555"):
                # N11 exchanges are service codes; 555 reads as fake.
                local = "4" + local[1:]
            a, b, c = area, local[:3], local[3:]
            roll = r()
            if code == "CA" or roll >= 0.97:
                # Written with +1 so it reads unambiguously in any shop's region.
                style = int(r() * 4)
                if style == 0:
                    return f"+1 {a} {b} {c}"
                if style == 1:
                    return f"+1 ({a}) {b}-{c}"
                if style == 2:
                    return f"+1-{a}-{b}-{c}"
                return f"+1{a}{b}{c}"
            if roll < 0.35:
                return f"({a}) {b}-{c}"
            if roll < 0.55:
                return f"{a}-{b}-{c}"
            if roll < 0.68:
                return f"{a}.{b}.{c}"
            if roll < 0.8:
                return f"{a}{b}{c}"
            if roll < 0.9:
                return f"+1 {a} {b} {c}"
            return f"1-{a}-{b}-{c}"
        cc = country.calling_code
        nsn = area + local
        roll = r()
        if roll < 0.2:
            return f"+{cc}{nsn}"
        if code == "FR":
            grouped = f"{nsn[0]} {nsn[1:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}"
        elif code == "AU" and area == "4":
            grouped = f"{nsn[:3]} {nsn[3:6]} {nsn[6:]}"
        elif len(local) == 8:
            grouped = f"{area} {local[:4]} {local[4:]}"
        elif len(local) == 7:
            grouped = f"{area} {local[:3]} {local[3:]}"
        else:
            grouped = f"{area} {local}"
        if roll < 0.3 and code != "MX":
            # Europeans and Australians often keep the trunk 0 in brackets.
            return f"+{cc} (0){grouped}"
        if roll < 0.38:
            return f"+{cc}-{grouped.replace(' ', '-')}"
        return f"+{cc} {grouped}"

    def address(self, country: Country, city: City) -> tuple[str, str | None, str]:
        r = self.r
        code = country.code
        number = int(r() ** 2 * 240) + 1
        street2 = None
        if code in ("US", "CA", "AU"):
            number = int(r() ** 2.5 * 9900) + 1 if code == "US" else number
            name = self.pick(country.streets)
            if code == "US":
                suffix = self.pick(US_SUFFIXES)
                direction = self.pick(DIRECTIONS) if r() < 0.1 else ""
                street = f"{number} {direction}{name} {suffix}"
            else:
                street = f"{number} {name}"
            if r() < 0.14:
                street2 = self.pick(UNITS).format(n=int(r() * 30) + 1)
        elif code == "GB":
            street = f"{number} {self.pick(country.streets)}"
            if r() < 0.18:
                street2 = f"Flat {int(r() * 20) + 1}"
        elif code == "DE":
            letter = "a" if r() < 0.1 else ""
            street = f"{self.pick(country.streets)} {number}{letter}"
            if r() < 0.1:
                street2 = self.pick(DE_UNITS)
        elif code == "FR":
            bis = " bis" if r() < 0.06 else ""
            street = f"{number}{bis} {self.pick(country.streets)}"
            if r() < 0.12:
                street2 = self.pick(FR_UNITS)
        else:
            street = f"{self.pick(country.streets)} {number}"
            if r() < 0.5:
                street2 = "Col. " + self.pick(COLONIAS)
        postal = self.postal(code, city)
        return street, street2, postal

    def postal(self, code: str, city: City) -> str:
        r = self.r
        spec = city.postal
        if code in ("US", "DE", "MX", "AU"):
            lo, span = spec
            assert isinstance(lo, int) and isinstance(span, int)
            value = lo + int(r() * (span + 1))
            if code == "AU":
                return f"{value:04d}"
            if code == "US" and r() < 0.06:
                return f"{value:05d}-{self.digits(4)}"
            return f"{value:05d}"
        if code == "CA":
            ca = CA_LETTERS
            return (f"{spec[0]}{int(r() * 9) + 1}{ca[int(r() * 20)]} "
                    f"{int(r() * 10)}{ca[int(r() * 20)]}{int(r() * 10)}")
        if code == "GB":
            gb = GB_LETTERS
            outward = self.pick(spec)
            return f"{outward} {int(r() * 9) + 1}{gb[int(r() * 20)]}{gb[int(r() * 20)]}"
        return str(self.pick(spec))

    def driver_license(self, state: str) -> str:
        r = self.r
        letter = self.pick(DL_LETTERS)
        if state == "CA":
            return letter + self.digits(7)
        if state == "NY":
            d = self.digits(9)
            return f"{d[:3]} {d[3:6]} {d[6:]}" if r() < 0.5 else d
        if state == "TX":
            return self.digits(8)
        if state == "FL":
            d = self.digits(12)
            return f"{letter}{d[:3]}-{d[3:6]}-{d[6:8]}-{d[8:11]}-{d[11]}"
        if state == "IL":
            d = self.digits(11)
            return f"{letter}{d[:3]}-{d[3:7]}-{d[7:]}"
        if state == "WA":
            return "WDL" + "".join(self.pick(B36) for _ in range(9))
        if state == "ON":
            d = self.digits(14)
            return f"{letter}{d[:4]}-{d[4:9]}-{d[9:]}"
        if state == "QC":
            return letter + self.digits(12)
        if state == "BC":
            return self.digits(7)
        return letter + self.digits(8) if r() < 0.5 else self.digits(9)

    def instagram(self, first: str, last: str, company: str | None) -> str:
        r = self.r
        f, la = fold(first) or "shop", fold(last) or "fan"
        if company and r() < 0.5:
            handle = fold(company)[:24]
        else:
            roll = r()
            if roll < 0.3:
                handle = f"{f}.{la}"
            elif roll < 0.5:
                handle = f"{f}_{la}{int(r() * 100)}"
            elif roll < 0.65:
                handle = f"the{f}{la}"
            elif roll < 0.8:
                handle = f"{f}{la}_"
            else:
                handle = f"{f}.collects"
        handle = handle[:30].rstrip(".")
        roll = r()
        if roll < 0.5:
            return f"@{handle}"
        if roll < 0.8:
            return handle
        if roll < 0.9:
            return f"https://www.instagram.com/{handle}/"
        return f"instagram.com/{handle}"

    def referral(self, source: str, country: Country) -> str | None:
        r = self.r
        if source == "Referral" and r() < 0.75:
            origin = self.wpick(country.origins)
            name = f"{self.pick(FIRST[origin])} {self.pick(LAST[origin])}"
            return self.pick(REFERRAL_BY).format(name=name)
        if source == "Show/Fair" and r() < 0.6:
            return self.pick(SHOWS)
        if source == "Other" and r() < 0.7:
            return self.pick(OTHER_SOURCES)
        if source == "Instagram" and r() < 0.2:
            return f"Saw our post about the {self.pick(NOTE_ITEMS)}"
        return None

    def consignor_code(self, first: str, last: str) -> str:
        # A per-run counter keeps codes unique whatever the initials are; codes the store
        # already holds are passed over.
        initials = ((fold(first)[:1] or "x") + (fold(last)[:1] or "x")).upper()
        while True:
            self.consignors += 1
            n = self.consignors
            code = initials + base36(n, 4) if n < 36**4 else initials[0] + base36(n, 5)
            if code not in self.codes:
                self.codes.add(code)
                return code

    # ----------------------------------------------------------------------------------------
