"""The customer field rules every entry point shares: messages, normal forms, display."""

from __future__ import annotations

import contextlib
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, datetime, timedelta
from multiprocessing import get_context

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from custtui.core.demo.generate import generate_customers
from custtui.core.errors import FieldInvalid, ValidationError
from custtui.core.fields.catalogue import FIELD_LABELS, FIELDS
from custtui.core.fields.contact import email_key, format_phone, normalize_email, normalize_phone
from custtui.core.fields.normalize import (
    normalize_customer,
    normalize_each,
    normalize_field,
    remember,
)
from custtui.core.fields.values import (
    DISCOVERY_SOURCES,
    PREFERRED_CONTACTS,
    normalize_bool,
    normalize_facebook,
    normalize_instagram,
    parse_date,
)
from custtui.core.places import (
    country_name,
    format_address,
    normalize_country,
    normalize_state,
    state_choices,
)

TODAY = date(2024, 6, 15)


def clean(**values: object) -> dict[str, object]:
    return normalize_customer(values, today=TODAY)


def errors_of(region: str = "US", **values: object) -> dict[str, str]:
    return errors_in(values, region)


def errors_in(values: dict[str, object], region: str = "US") -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        normalize_customer(values, region=region, today=TODAY)
    return caught.value.errors


def error_of(field: str, value: object, **others: object) -> str:
    errors = errors_in({field: value, **others})
    assert set(errors) == {field}
    return errors[field]


# --- public constants -----------------------------------------------------------------------------


def test_fields_and_labels_cover_the_same_keys_in_order() -> None:
    assert FIELDS[:3] == ("first_name", "last_name", "company")
    assert FIELDS[-1] == "on_hold"
    assert list(FIELD_LABELS) == list(FIELDS)
    assert FIELD_LABELS["state"] == "State/province"
    assert FIELD_LABELS["contact_by_sms"] == "Contact by SMS"
    assert PREFERRED_CONTACTS == ("Email", "Phone", "Text", "No Preference")
    assert DISCOVERY_SOURCES == (
        "Instagram",
        "Referral",
        "Walk-in",
        "Show/Fair",
        "Website",
        "Other",
    )


# --- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("blank", ["", "   ", "\t\n", None])
def test_names_are_required(blank: object) -> None:
    errors = errors_of(first_name=blank, last_name=blank)
    assert errors == {
        "first_name": "First name is required.",
        "last_name": "Last name is required.",
    }


def test_names_are_trimmed_and_inner_whitespace_collapsed() -> None:
    assert clean(first_name="  Mary   Ann\t", last_name=" van  der\nBerg ") == {
        "first_name": "Mary Ann",
        "last_name": "van der Berg",
    }


def test_names_are_limited_to_100_characters() -> None:
    assert clean(first_name="a" * 100)["first_name"] == "a" * 100
    # Collapsing happens before counting, so padding doesn't push a name over.
    assert (
        clean(last_name=" " + "b" * 50 + "    " + "c" * 49)["last_name"]
        == "b" * 50 + " " + "c" * 49
    )
    errors = errors_of(first_name="a" * 101, last_name="b" * 101)
    assert errors == {
        "first_name": "First name must be at most 100 characters.",
        "last_name": "Last name must be at most 100 characters.",
    }


# --- company and free text ------------------------------------------------------------------------


def test_company_is_optional_and_limited_to_200() -> None:
    assert clean(company="  Acme  Motors ") == {"company": "Acme Motors"}
    assert clean(company="  ") == {"company": None}
    assert clean(company="x" * 200)["company"] == "x" * 200
    assert error_of("company", "x" * 201) == "Company must be at most 200 characters."


@pytest.mark.parametrize(
    ("field", "label"),
    [
        ("street", "Street address"),
        ("street2", "Street address 2"),
        ("city", "City"),
        ("postal_code", "Postal code"),
        ("referral_details", "Referral details"),
    ],
)
def test_address_and_referral_text_is_limited_to_200(field: str, label: str) -> None:
    assert clean(**{field: "  some  text "}) == {field: "some text"}
    assert clean(**{field: ""}) == {field: None}
    assert clean(**{field: "y" * 200}) == {field: "y" * 200}
    assert error_of(field, "y" * 201) == f"{label} must be at most 200 characters."


def test_postal_code_from_a_spreadsheet_number_loses_the_float_tail() -> None:
    assert clean(postal_code=94103.0) == {"postal_code": "94103"}
    assert clean(postal_code=94103) == {"postal_code": "94103"}


def test_notes_keep_their_lines_and_allow_10000_characters() -> None:
    assert clean(notes="  first line\r\n\r\nsecond\tline  \n") == {
        "notes": "first line\n\nsecond\tline"
    }
    assert clean(notes="n" * 10_000)["notes"] == "n" * 10_000
    assert error_of("notes", "n" * 10_001) == "Notes must be at most 10,000 characters."


def test_control_characters_are_removed_from_text() -> None:
    # A NUL breaks PostgreSQL and an escape sequence would reach the user's terminal.
    assert clean(company="Ac\x00me\x1b[31m", notes="a\x07b\nc") == {
        "company": "Acme[31m",
        "notes": "ab\nc",
    }


def test_bidirectional_overrides_are_removed_so_text_reads_as_it_is() -> None:
    # "\u202e" would show the rest reversed: a name or note could disguise what it says.
    assert clean(company="Acme \u202eevil\u2066x\u2069", notes="a\u200fb") == {
        "company": "Acme evilx",
        "notes": "ab",
    }


def test_driver_license_keeps_inner_spaces_and_is_limited_to_40() -> None:
    assert clean(driver_license="  D123 4567 89  ") == {"driver_license": "D123 4567 89"}
    assert clean(driver_license="") == {"driver_license": None}
    assert error_of("driver_license", "x" * 41) == "Driver license must be at most 40 characters."


# --- email ----------------------------------------------------------------------------------------


def test_email_is_stored_in_normal_form() -> None:
    assert clean(email="  Ada.Lovelace@Example.COM ") == {"email": "Ada.Lovelace@example.com"}
    assert clean(email="") == {"email": None}
    assert normalize_email(None) is None


@pytest.mark.parametrize("bad", ["ada", "ada@", "@example.com", "ada@@example.com", "a b@c.com"])
def test_invalid_email_is_refused(bad: str) -> None:
    assert error_of("email", bad) == "Email is not a valid email address."


def test_email_key_ignores_case() -> None:
    assert email_key("Ada.Lovelace@example.com") == email_key("ada.lovelace@EXAMPLE.com")
    assert email_key("Ada@example.com") == "ada@example.com"


# --- phone ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "(415) 555-2671",
        "415-555-2671",
        "415.555.2671",
        "+1 415 555 2671",
        "1 (415) 555-2671",
        "4155552671.0",  # a spreadsheet's number column written back as text
        4155552671,
        4155552671.0,
    ],
)
def test_phone_is_stored_as_e164(raw: object) -> None:
    assert clean(phone=raw, mobile_phone=raw) == {
        "phone": "+14155552671",
        "mobile_phone": "+14155552671",
    }


def test_phone_uses_the_business_region_for_national_numbers() -> None:
    assert normalize_customer({"phone": "020 7946 0958"}, region="GB") == {"phone": "+442079460958"}
    assert normalize_phone("020 7946 0958", "gb") == "+442079460958"
    # A number written with its country code is the same whatever the region.
    assert normalize_phone("+44 20 7946 0958", "US") == "+442079460958"


def test_an_international_number_whose_plus_a_spreadsheet_dropped_is_recovered() -> None:
    assert clean(mobile_phone=447911123456) == {"mobile_phone": "+447911123456"}


def test_a_mistyped_local_number_is_not_read_as_a_foreign_one() -> None:
    # "+5551234567" would be a Brazilian-looking number; it must stay an invalid US one.
    assert error_of("phone", "5551234567") == "Phone is not a valid phone number."


@pytest.mark.parametrize("bad", ["555-0123", "12", "call me", "+999 123", "4155552671.5", True])
def test_invalid_phone_names_the_field(bad: object) -> None:
    errors = errors_of(phone=bad, mobile_phone=bad)
    assert errors == {
        "phone": "Phone is not a valid phone number.",
        "mobile_phone": "Mobile phone is not a valid phone number.",
    }


def test_a_phone_extension_is_refused_rather_than_dropped() -> None:
    assert error_of("phone", "(415) 555-2671 ext. 12") == (
        "Phone can't have an extension; put it in the notes."
    )


def test_blank_phone_is_none() -> None:
    assert clean(phone=" ", mobile_phone=None) == {"phone": None, "mobile_phone": None}


def test_format_phone_is_national_at_home_and_international_abroad() -> None:
    assert format_phone("+14155552671", "US") == "(415) 555-2671"
    assert format_phone("+14155552671", "GB") == "+1 415-555-2671"
    assert format_phone("+442079460958", "GB") == "020 7946 0958"
    assert format_phone("+442079460958", "US") == "+44 20 7946 0958"
    assert format_phone(None, "US") == ""
    assert format_phone("not a number", "US") == "not a number"


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["1985-12-10", "12/10/1985", " 1985-12-10 ", "1985-12-10 00:00:00", date(1985, 12, 10)],
)
def test_date_of_birth_accepts_iso_and_us_forms(raw: object) -> None:
    assert clean(date_of_birth=raw) == {"date_of_birth": date(1985, 12, 10)}


def test_a_spreadsheet_datetime_becomes_a_date() -> None:
    assert clean(customer_since=datetime(2020, 3, 4, 0, 0)) == {"customer_since": date(2020, 3, 4)}


@pytest.mark.parametrize("bad", ["10.12.1985", "1985-02-30", "13/01/1985", "yesterday", "85-1-1"])
def test_date_of_birth_in_another_form_is_refused(bad: str) -> None:
    assert error_of("date_of_birth", bad) == (
        "Date of birth must be a date as YYYY-MM-DD or MM/DD/YYYY."
    )


def test_date_of_birth_must_be_after_1900() -> None:
    assert error_of("date_of_birth", "1900-01-01") == "Date of birth must be after 1900-01-01."
    assert error_of("date_of_birth", "1899-12-31") == "Date of birth must be after 1900-01-01."
    assert clean(date_of_birth="1900-01-02") == {"date_of_birth": date(1900, 1, 2)}


def test_date_of_birth_must_be_in_the_past() -> None:
    assert error_of("date_of_birth", TODAY) == "Date of birth must be in the past."
    assert error_of("date_of_birth", "2030-01-01") == "Date of birth must be in the past."
    yesterday = TODAY - timedelta(days=1)
    assert clean(date_of_birth=yesterday) == {"date_of_birth": yesterday}


def test_customer_since_may_be_today_but_not_later() -> None:
    assert clean(customer_since="06/15/2024") == {"customer_since": TODAY}
    assert error_of("customer_since", "2024-06-16") == "Customer since can't be in the future."
    assert error_of("customer_since", "June 2020") == (
        "Customer since must be a date as YYYY-MM-DD or MM/DD/YYYY."
    )
    assert clean(customer_since="", date_of_birth=None) == {
        "customer_since": None,
        "date_of_birth": None,
    }


def test_parse_date_uses_the_label_it_is_given() -> None:
    assert parse_date("3/4/2021", "Sale date") == date(2021, 3, 4)
    with pytest.raises(FieldInvalid) as caught:
        parse_date("4 March", "Sale date")
    assert str(caught.value) == "Sale date must be a date as YYYY-MM-DD or MM/DD/YYYY."


# --- DL state, consignor code ---------------------------------------------------------------------


def test_dl_state_is_two_letters_upper_case() -> None:
    assert clean(dl_state=" ny ") == {"dl_state": "NY"}
    assert clean(dl_state="") == {"dl_state": None}
    for bad in ("N", "NYC", "N1", "N Y"):
        assert error_of("dl_state", bad) == "DL state must be exactly 2 letters."


def test_consignor_code_is_up_to_six_letters_and_digits_upper_case() -> None:
    assert clean(consignor_code=" ab12c ") == {"consignor_code": "AB12C"}
    assert clean(consignor_code="abcdef") == {"consignor_code": "ABCDEF"}
    assert clean(consignor_code="") == {"consignor_code": None}
    for bad in ("ABCDEFG", "AB-1", "AB 1", "ÅB1"):
        assert error_of("consignor_code", bad) == (
            "Consignor code must be at most 6 letters and digits."
        )


# --- country and state ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "US"),
        (None, "US"),
        ("us", "US"),
        ("USA", "US"),
        ("United States", "US"),
        ("america", "US"),
        ("Canada", "CA"),
        ("ca", "CA"),
        ("deu", "DE"),
        ("germany", "DE"),
        ("UK", "GB"),
        ("England", "GB"),
        ("scotland", "GB"),
        ("Wales", "GB"),
        ("United Kingdom", "GB"),
        ("Bolivia", "BO"),
        ("Côte d'Ivoire", "CI"),
        ("cote d'ivoire", "CI"),
        ("the Netherlands", "NL"),
    ],
)
def test_country_is_stored_as_alpha_2(raw: object, code: str) -> None:
    assert clean(country=raw) == {"country": code}
    assert normalize_country(raw) == code


def test_unknown_country_is_refused() -> None:
    assert error_of("country", "Atlantis") == "Country is not a known country."
    assert error_of("country", "XX") == "Country is not a known country."


@pytest.mark.parametrize("raw", ["CA", "ca", "US-CA", "us-ca", "California", " california "])
def test_us_state_forms_all_store_the_short_code(raw: str) -> None:
    assert clean(state=raw, country="US") == {"state": "CA", "country": "US"}


def test_state_is_checked_against_us_when_no_country_is_given() -> None:
    assert clean(state="Texas") == {"state": "TX"}
    assert clean(state="TX", country="") == {"state": "TX", "country": "US"}
    assert error_of("state", "Ontario") == (
        "State/province is not a state or province of United States."
    )


@pytest.mark.parametrize(
    ("country", "raw", "code"),
    [
        ("CA", "Ontario", "ON"),
        ("Canada", "on", "ON"),
        ("CA", "Quebec", "QC"),
        ("CA", "Québec", "QC"),
        ("DE", "Bayern", "BY"),
        ("Germany", "DE-BY", "BY"),
        ("DE", "thuringen", "TH"),
        ("ES", "Islas Baleares", "IB"),
        ("AU", "New South Wales", "NSW"),
    ],
)
def test_provinces_of_other_countries_store_their_short_code(
    country: str, raw: str, code: str
) -> None:
    assert clean(state=raw, country=country)["state"] == code


def test_invalid_state_message_names_the_country() -> None:
    assert error_of("state", "Bavaria Land", country="DE") == (
        "State/province is not a state or province of Germany."
    )
    assert error_of("state", "CA", country="Canada") == (
        "State/province is not a state or province of Canada."
    )
    # A US state code with another country's prefix is not that country's state.
    assert error_of("state", "CA-ON", country="US") == (
        "State/province is not a state or province of United States."
    )


def test_state_is_free_text_where_the_country_has_no_subdivisions() -> None:
    assert state_choices("BM") == ()
    assert clean(state="  Pembroke  Parish ", country="Bermuda") == {
        "state": "Pembroke Parish",
        "country": "BM",
    }
    assert error_of("state", "p" * 101, country="BM") == (
        "State/province must be at most 100 characters."
    )


def test_an_unknown_country_is_blamed_instead_of_the_state() -> None:
    assert errors_of(state="Somewhere", country="Atlantis") == {
        "country": "Country is not a known country."
    }


def test_normalize_state_accepts_a_country_name() -> None:
    assert normalize_state("Ontario", "Canada") == "ON"
    assert normalize_state("", "CA") is None


def test_state_choices_list_the_short_codes_by_name() -> None:
    choices = state_choices("CA")
    assert choices[0] == ("AB", "Alberta")
    assert ("ON", "Ontario") in choices
    assert len(choices) == 13
    assert country_name("BO") == "Bolivia"
    assert country_name("US") == "United States"


# --- instagram and facebook -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "Jane.Doe_1",
        "@jane.doe_1",
        "instagram.com/jane.doe_1",
        "www.instagram.com/jane.doe_1/",
        "http://instagram.com/Jane.Doe_1",
        "https://www.instagram.com/jane.doe_1/",
        "https://www.instagram.com/jane.doe_1?igsh=abc123&hl=en",
        "HTTPS://WWW.INSTAGRAM.COM/JANE.DOE_1/?hl=en",
        "https://m.instagram.com/jane.doe_1",
    ],
)
def test_instagram_is_stored_as_the_bare_lower_case_handle(raw: str) -> None:
    assert clean(instagram=raw) == {"instagram": "jane.doe_1"}


@pytest.mark.parametrize(
    "bad",
    [
        "jane doe",
        "@",
        "jane-doe",
        "a" * 31,
        "https://www.instagram.com/p/Cx1y2z3/",  # a post, not a profile
        "https://www.facebook.com/jane",
        "https://www.instagram.com/jane/photos",
    ],
)
def test_instagram_that_is_not_a_handle_is_refused(bad: str) -> None:
    assert error_of("instagram", bad) == (
        "Instagram must be a handle, @handle or an instagram.com link."
    )


def test_instagram_handle_may_be_30_characters() -> None:
    assert normalize_instagram("@" + "a" * 30) == "a" * 30
    assert normalize_instagram(" ") is None


@pytest.mark.parametrize(
    ("raw", "url"),
    [
        ("facebook.com/jane.doe", "https://facebook.com/jane.doe"),
        ("www.facebook.com/jane.doe", "https://www.facebook.com/jane.doe"),
        ("http://facebook.com/jane", "http://facebook.com/jane"),
        ("HTTPS://WWW.Facebook.com/Jane", "https://www.facebook.com/Jane"),
        (
            "https://www.facebook.com/profile.php?id=1000123",
            "https://www.facebook.com/profile.php?id=1000123",
        ),
        ("fb.me/jane", "https://fb.me/jane"),
    ],
)
def test_facebook_is_a_web_address_with_a_scheme(raw: str, url: str) -> None:
    assert clean(facebook=raw) == {"facebook": url}


@pytest.mark.parametrize(
    "bad",
    [
        "jane",
        "facebook",
        "facebook .com/jane",
        "https://facebook.com/jane doe",
        "ftp://facebook.com/jane",
        "javascript://facebook.com/%0aalert(1)",
        "https://facebook.com@evil.example/jane",
        "https://.com/jane",
        "https://facebook..com/jane",
    ],
)
def test_facebook_that_is_not_a_web_address_is_refused(bad: str) -> None:
    assert error_of("facebook", bad) == "Facebook must be a web address."


def test_blank_facebook_is_none() -> None:
    assert normalize_facebook("  ") is None


# --- choices --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "choice"),
    [
        ("email", "Email"),
        ("PHONE", "Phone"),
        (" text ", "Text"),
        ("no preference", "No Preference"),
        ("None", "No Preference"),
        ("", "No Preference"),
        (None, "No Preference"),
    ],
)
def test_preferred_contact_matches_case_insensitively(raw: object, choice: str) -> None:
    assert clean(preferred_contact=raw) == {"preferred_contact": choice}


def test_unknown_preferred_contact_is_refused() -> None:
    assert error_of("preferred_contact", "fax") == (
        "Preferred contact must be one of Email, Phone, Text, No Preference."
    )


@pytest.mark.parametrize(
    ("raw", "choice"),
    [
        ("instagram", "Instagram"),
        ("REFERRAL", "Referral"),
        ("Walk-in", "Walk-in"),
        ("walk in", "Walk-in"),
        ("walkin", "Walk-in"),
        ("show/fair", "Show/Fair"),
        ("show", "Show/Fair"),
        ("Fair", "Show/Fair"),
        ("website", "Website"),
        ("other", "Other"),
        ("", None),
        (None, None),
    ],
)
def test_discovery_source_matches_case_insensitively(raw: object, choice: str | None) -> None:
    assert clean(discovery_source=raw) == {"discovery_source": choice}


def test_unknown_discovery_source_is_refused() -> None:
    assert error_of("discovery_source", "newspaper") == (
        "Discovery source must be one of Instagram, Referral, Walk-in, Show/Fair, Website, Other."
    )


# --- flags ----------------------------------------------------------------------------------------

FLAGS = ("is_consignor", "contact_by_email", "contact_by_sms", "active", "on_hold")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (True, True),
        (False, False),
        ("yes", True),
        ("No", False),
        ("TRUE", True),
        ("false", False),
        ("y", True),
        ("N", False),
        ("1", True),
        ("0", False),
        ("on", True),
        ("Off", False),
        (1, True),
        (0, False),
    ],
)
@pytest.mark.parametrize("field", FLAGS)
def test_flags_accept_yes_no_words(field: str, raw: object, value: bool) -> None:
    assert clean(**{field: raw}) == {field: value}


def test_blank_flags_default_to_off_except_active() -> None:
    assert clean(**dict.fromkeys(FLAGS, " ")) == {
        "is_consignor": False,
        "contact_by_email": False,
        "contact_by_sms": False,
        "active": True,
        "on_hold": False,
    }
    assert clean(active=None) == {"active": True}


def test_a_flag_that_is_not_yes_or_no_is_refused() -> None:
    assert errors_of(**dict.fromkeys(FLAGS, "maybe")) == {
        "is_consignor": "Consignor must be yes or no.",
        "contact_by_email": "Contact by email must be yes or no.",
        "contact_by_sms": "Contact by SMS must be yes or no.",
        "active": "Active must be yes or no.",
        "on_hold": "On hold must be yes or no.",
    }
    with pytest.raises(FieldInvalid, match="^Active must be yes or no.$"):
        normalize_bool(2, "Active")


# --- the whole record -----------------------------------------------------------------------------

FULL_ROW: dict[str, object] = {
    "first_name": " Ada ",
    "last_name": "Lovelace",
    "company": "Analytical Engines Ltd",
    "email": "Ada@Example.COM",
    "phone": "(415) 555-2671",
    "mobile_phone": "4155552671.0",
    "date_of_birth": "12/10/1985",
    "driver_license": "D123 456",
    "dl_state": "ca",
    "street": "1 Main St",
    "street2": "",
    "city": "San Francisco",
    "state": "California",
    "postal_code": "94103",
    "country": "usa",
    "notes": "Likes brass.\r\nCall after 5.",
    "instagram": "https://www.instagram.com/Ada.L/?hl=en",
    "facebook": "facebook.com/ada",
    "preferred_contact": "text",
    "discovery_source": "walk in",
    "referral_details": " ",
    "customer_since": "2020-01-01",
    "is_consignor": "yes",
    "consignor_code": "ab12",
    "contact_by_email": "1",
    "contact_by_sms": "off",
    "active": "",
    "on_hold": "n",
}

FULL_CLEAN: dict[str, object] = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "company": "Analytical Engines Ltd",
    "email": "Ada@example.com",
    "phone": "+14155552671",
    "mobile_phone": "+14155552671",
    "date_of_birth": date(1985, 12, 10),
    "driver_license": "D123 456",
    "dl_state": "CA",
    "street": "1 Main St",
    "street2": None,
    "city": "San Francisco",
    "state": "CA",
    "postal_code": "94103",
    "country": "US",
    "notes": "Likes brass.\nCall after 5.",
    "instagram": "ada.l",
    "facebook": "https://facebook.com/ada",
    "preferred_contact": "Text",
    "discovery_source": "Walk-in",
    "referral_details": None,
    "customer_since": date(2020, 1, 1),
    "is_consignor": True,
    "consignor_code": "AB12",
    "contact_by_email": True,
    "contact_by_sms": False,
    "active": True,
    "on_hold": False,
}


def test_a_full_row_is_normalised() -> None:
    row = dict(FULL_ROW)
    assert normalize_customer(row, today=TODAY) == FULL_CLEAN
    assert row == FULL_ROW, "the caller's values must not be changed"


def test_normalising_a_normalised_row_changes_nothing() -> None:
    assert normalize_customer(FULL_CLEAN, today=TODAY) == FULL_CLEAN


def test_only_the_given_fields_are_validated() -> None:
    # An edit of the email alone must not complain about the missing (required) names.
    assert normalize_customer({"email": "a@example.com"}) == {"email": "a@example.com"}
    assert normalize_customer({}) == {}


def test_every_invalid_field_is_reported_at_once() -> None:
    errors = errors_of(
        first_name="",
        last_name="Ok",
        email="nope",
        phone="12",
        country="Atlantis",
        dl_state="X",
        on_hold="perhaps",
    )
    assert errors == {
        "first_name": "First name is required.",
        "email": "Email is not a valid email address.",
        "phone": "Phone is not a valid phone number.",
        "dl_state": "DL state must be exactly 2 letters.",
        "country": "Country is not a known country.",
        "on_hold": "On hold must be yes or no.",
    }


def test_validation_error_message_joins_the_field_messages() -> None:
    with pytest.raises(ValidationError) as caught:
        normalize_customer({"first_name": "", "last_name": ""})
    assert str(caught.value) == "First name is required. Last name is required."


def test_unknown_field_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="nickname"):
        normalize_customer({"first_name": "Ada", "nickname": "Countess"})
    with pytest.raises(ValueError, match="nickname"):
        normalize_field("nickname", "x")


def test_normalize_field_applies_one_rule() -> None:
    assert normalize_field("state", "Ontario", country="Canada") == "ON"
    assert normalize_field("mobile_phone", "020 7946 0958", region="GB") == "+442079460958"
    with pytest.raises(FieldInvalid) as caught:
        normalize_field("date_of_birth", "2024-06-15", today=TODAY)
    assert caught.value.message == "Date of birth must be in the past."


def test_field_invalid_str_is_its_message() -> None:
    with pytest.raises(FieldInvalid) as caught:
        normalize_phone("12", "US", label="Work phone")
    assert str(caught.value) == caught.value.message == "Work phone is not a valid phone number."
    assert isinstance(caught.value, ValueError)


def test_validation_is_fast_enough_for_imports() -> None:
    # Country and state look-ups must come from a cache: uncached, pycountry takes tens of
    # milliseconds per row and a 100,000-row import would take hours.
    row = {k: v for k, v in FULL_ROW.items() if k not in ("email", "phone", "mobile_phone")}
    german = {**row, "country": "Germany", "state": "Bayern"}
    normalize_customer(row, today=TODAY)
    normalize_customer(german, today=TODAY)
    start = time.perf_counter()
    for _ in range(500):
        normalize_customer(row, today=TODAY)
        normalize_customer(german, today=TODAY)
    per_row = (time.perf_counter() - start) / 1000
    assert per_row < 500e-6


# --- idempotency, property-based ------------------------------------------------------------------

SAMPLES: dict[str, list[object]] = {
    "first_name": ["  Zoë  ", "Mary\tAnn"],
    "email": ["Zoë@Exämple.COM", "x@Y.ORG"],
    "phone": ["(415) 555-2671", "447911123456", 4155552671.0, "+49 30 123456"],
    "mobile_phone": ["020 7946 0958", "+44 20 7946 0958"],
    "date_of_birth": ["1/2/1990", "1990-01-02", date(1950, 5, 5)],
    "customer_since": ["12/31/2023", datetime(2001, 1, 1)],
    "country": ["Canada", "england", "deu", "Côte d'Ivoire"],
    "state": ["California", "us-ny", "tx"],
    "instagram": ["https://instagram.com/Some.One/", "@x_y"],
    "facebook": ["facebook.com/x?y=1#z", "HTTP://FB.ME:8080/p"],
    "preferred_contact": ["sms", "NONE"],
    "discovery_source": ["walk in", "fair"],
    "active": ["", "Off", 1],
}


def _field_values(field: str) -> st.SearchStrategy[object]:
    return st.one_of(
        st.none(),
        st.text(max_size=40),
        st.sampled_from(SAMPLES.get(field, ["  x  ", "Yes"])),
        st.dates(min_value=date(1890, 1, 1), max_value=date(2030, 1, 1)),
        st.integers(min_value=0, max_value=10**12),
    )


@st.composite
def _field_and_value(draw: st.DrawFn) -> tuple[str, object]:
    field = draw(st.sampled_from(FIELDS))
    return field, draw(_field_values(field))


@settings(max_examples=600, deadline=None)
@given(_field_and_value())
def test_normalising_twice_gives_the_same_value(field_value: tuple[str, object]) -> None:
    field, raw = field_value
    try:
        once = normalize_field(field, raw, country="US", today=TODAY)
    except FieldInvalid:
        return
    assert normalize_field(field, once, country="US", today=TODAY) == once


@settings(max_examples=150, deadline=None)
@given(st.fixed_dictionaries({}, optional={f: _field_values(f) for f in FIELDS}))
def test_a_record_is_either_refused_or_stable(values: dict[str, object]) -> None:
    try:
        once = normalize_customer(values, today=TODAY)
    except ValidationError as error:
        assert set(error.errors) <= set(values)
        return
    assert set(once) == set(values)
    assert normalize_customer(once, today=TODAY) == once


# --- addresses ------------------------------------------------------------------------------------


def test_us_and_canadian_addresses() -> None:
    assert format_address("1 Main St", "Apt 4", "Springfield", "IL", "62701", "US") == [
        "1 Main St",
        "Apt 4",
        "Springfield, IL 62701",
        "United States",
    ]
    assert format_address("24 Sussex Dr", None, "Ottawa", "ON", "K1M 1M4", "CA") == [
        "24 Sussex Dr",
        "Ottawa, ON K1M 1M4",
        "Canada",
    ]


def test_european_addresses_put_the_postal_code_first() -> None:
    assert format_address("Marienplatz 8", None, "München", "BY", "80331", "DE") == [
        "Marienplatz 8",
        "80331 München",
        "Bayern",
        "Germany",
    ]
    assert format_address("Rue de Rivoli 1", "", "Paris", None, "75001", "FR") == [
        "Rue de Rivoli 1",
        "75001 Paris",
        "France",
    ]


def test_british_addresses_put_the_postcode_on_its_own_line() -> None:
    assert format_address("10 Downing St", None, "London", None, "SW1A 2AA", "GB") == [
        "10 Downing St",
        "London",
        "SW1A 2AA",
        "United Kingdom",
    ]
    assert format_address("10 Deansgate", None, "Cardiff", "CRF", "CF10 5NJ", "GB") == [
        "10 Deansgate",
        "Cardiff",
        "CF10 5NJ",
        "United Kingdom",
    ]


def test_other_addresses_read_city_state_postal() -> None:
    assert format_address("1 George St", None, "Sydney", "NSW", "2000", "AU") == [
        "1 George St",
        "Sydney NSW 2000",
        "Australia",
    ]
    # A numeric subdivision code means nothing on an envelope; its name does.
    assert format_address(None, None, "Chiyoda", "13", "100-0001", "JP") == [
        "Chiyoda Tokyo 100-0001",
        "Japan",
    ]


def test_address_country_line_only_when_given_and_not_home() -> None:
    assert format_address("1 Main St", None, "Austin", "TX", "78701", None) == [
        "1 Main St",
        "Austin TX 78701",
    ]
    assert format_address("1 Main St", None, "Austin", "TX", "78701", "US", home_country="US") == [
        "1 Main St",
        "Austin, TX 78701",
    ]
    assert format_address(None, None, "Toronto", "ON", None, "CA", home_country="US") == [
        "Toronto, ON",
        "Canada",
    ]


def test_partial_and_empty_addresses() -> None:
    assert format_address(None, None, None, None, None, None) == []
    assert format_address(" ", "", None, "", None, "") == []
    assert format_address(None, None, None, "IL", "62701", "US") == ["IL 62701", "United States"]
    assert format_address(None, None, "Springfield", None, None, "US") == [
        "Springfield",
        "United States",
    ]
    assert format_address(None, None, "Nowhere", None, None, "Atlantis") == [
        "Nowhere",
        "Atlantis",
    ]



# The fast path for addresses at a domain already accepted must agree with email-validator.
_LOCAL = st.text(alphabet=st.sampled_from("abcXYZ019.+-_!#'~\"@ é"), max_size=70)
_DOMAIN = st.sampled_from(
    [
        "example.com",
        "EXAMPLE.com",
        "mail.example.co.uk",
        "example.com.",
        "ex_ample.com",
        "xn--bcher-kva.example",
        "bücher.example",
        "localhost",
        "a" * 60 + "." + "b" * 60 + "." + "c" * 60 + ".com",
    ]
)


@settings(max_examples=400, deadline=None)
@given(local=_LOCAL, domain=_DOMAIN)
def test_email_normal_form_agrees_with_email_validator_for_known_domains(
    local: str, domain: str
) -> None:
    from email_validator import EmailNotValidError, validate_email

    with contextlib.suppress(FieldInvalid):
        normalize_email(f"someone@{domain}")  # the domain is now known, if valid
    address = f"{local}@{domain}".strip()
    try:
        expected: str | None = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        expected = None
    try:
        got = normalize_email(address)
    except FieldInvalid:
        got = None
    assert got == expected


def test_a_remembered_value_gives_the_same_answer_every_time() -> None:
    # Import rows repeat cities, states and names: they are normalised once, and a state is
    # remembered with its country, so the same text can be right in one and wrong in another.
    for _ in range(2):
        assert normalize_customer({"state": "ontario", "country": "Canada"}) == {
            "state": "ON",
            "country": "CA",
        }
        with pytest.raises(ValidationError) as caught:
            normalize_customer({"state": "ontario", "country": "US", "city": " Ottawa "})
        assert caught.value.errors == {
            "state": "State/province is not a state or province of United States."
        }


def test_phones_worked_out_in_another_process_are_what_normalize_customer_makes_of_them() -> None:
    phones = [
        str(c.fields[name])
        for c in generate_customers(2_000, seed=4)
        for name in ("phone", "mobile_phone")
        if c.fields[name]
    ]
    phones += ["555", "(415) 555-2671 ext. 12", "+44 20 7946 0958", "4155552671.0", "phone"]
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        there = pool.submit(normalize_each, "mobile_phone", phones, "us").result()
    here: list[tuple[object, str | None]] = []
    for phone in phones:
        try:
            here.append((normalize_customer({"mobile_phone": phone})["mobile_phone"], None))
        except ValidationError as exc:
            here.append((None, exc.errors["mobile_phone"]))
    assert there == here
    assert sum(message is not None for _, message in here) == 3


def test_remembered_outcomes_are_taken_as_known_for_their_field_and_region() -> None:
    text = "000 worked out elsewhere"
    remember("phone", [text], "US", [("+14155552671", None)])
    try:
        assert normalize_customer({"phone": text}) == {"phone": "+14155552671"}
        with pytest.raises(ValidationError):
            normalize_customer({"phone": text}, region="GB")
        with pytest.raises(ValidationError):
            normalize_customer({"mobile_phone": text})
    finally:
        remember("phone", [text], "US", normalize_each("phone", [text], "US"))
    with pytest.raises(ValidationError):
        normalize_customer({"phone": text})
