"""An address on one line, as a person writes it: no database codes, the country when abroad."""

from __future__ import annotations

import pytest

from custtui.core.places import address_line


@pytest.mark.parametrize(
    ("parts", "home", "line"),
    [
        # A UK borough's code is the database's, not the envelope's.
        (("14 Mill Lane", "London", "HCK", "EC1", "GB"), "GB", "14 Mill Lane, London EC1"),
        (("14 Mill Lane", "London", "HCK", "EC1", "GB"), "US", "14 Mill Lane, London EC1, UK"),
        # "CA" is Canada as a country and California as a state.
        ((None, "Toronto", "ON", None, "CA"), "US", "Toronto, ON, Canada"),
        ((None, "Los Angeles", "CA", "90012", "US"), "US", "Los Angeles, CA 90012"),
        ((None, "Springfield", "IL", None, None), "US", "Springfield, IL"),
        # Postcode first, and no state code the city already says.
        (("Friedrichstraße 43", "Berlin", "BE", "10117", "DE"), "US",
         "Friedrichstraße 43, 10117 Berlin, Germany"),
        ((None, "Melbourne", "VIC", "3000", "AU"), "US", "Melbourne VIC 3000, Australia"),
        # Japan's numbered prefectures read as names, and Tokyo in Tokyo is said once.
        ((None, "Tokyo", "13", None, "JP"), "US", "Tokyo, Japan"),
        ((None, None, None, None, None), "US", ""),
    ],
)  # fmt: skip
def test_an_address_reads_as_a_person_writes_it(
    parts: tuple[str | None, ...], home: str, line: str
) -> None:
    street, city, state, postal, country = parts
    assert address_line(street, city, state, postal, country, home_country=home) == line
