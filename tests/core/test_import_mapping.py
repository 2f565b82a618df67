from __future__ import annotations

import pytest

from custtui.core.importing.mapping import (
    IMPORT_FIELDS,
    NAME_REQUIRED,
    apply_mapping,
    auto_map,
    guess_field,
    has_name,
    mapping_key,
    parse_overrides,
    split_full_name,
)

SYNONYM_GROUPS: dict[str, list[str]] = {
    "first_name": ["First Name", "Given Name", "First", "Forename", "fname"],
    "last_name": ["Last Name", "Surname", "Family Name", "Last", "lname"],
    "full_name": ["Name", "Full Name", "Customer Name", "Contact Name", "Contact"],
    "company": [
        "Company",
        "Organisation",
        "Organization",
        "Business Name",
        "Business",
        "Company Name",
        "Employer",
    ],
    "email": ["Email", "E-mail", "E-mail Address", "Email Address", "Mail"],
    "phone": [
        "Phone",
        "Telephone",
        "Tel",
        "Phone Number",
        "Home Phone",
        "Work Phone",
        "Business Phone",
    ],
    "mobile_phone": ["Mobile", "Cell", "Cell Phone", "Mobile Phone", "Mobile Number"],
    "street": ["Address", "Street", "Street Address", "Address 1", "Address Line 1"],
    "street2": ["Address 2", "Address Line 2", "Street 2", "Apt", "Suite", "Street Address 2"],
    "city": ["City", "Town", "Locality"],
    "state": ["State", "Province", "Region", "County", "State/Province"],
    "postal_code": ["Zip", "Zip Code", "Postcode", "Postal Code", "Post Code"],
    "country": ["Country", "Country Code", "Nation"],
    "notes": ["Notes", "Note", "Comments", "Remarks"],
    "instagram": ["Instagram", "IG", "Insta"],
    "facebook": ["Facebook", "FB", "Facebook URL"],
}


def test_import_fields_follow_the_spec_order() -> None:
    assert list(IMPORT_FIELDS.values()) == [
        "First Name",
        "Last Name",
        "Full Name",
        "Company",
        "Email",
        "Phone",
        "Mobile Phone",
        "Street Address",
        "Street Address 2",
        "City",
        "State/Province",
        "Postal Code",
        "Country",
        "Notes",
        "Instagram",
        "Facebook",
    ]


def test_every_target_has_a_synonym_group() -> None:
    assert set(SYNONYM_GROUPS) == set(IMPORT_FIELDS)


@pytest.mark.parametrize(
    ("header", "target"),
    [(header, target) for target, headers in SYNONYM_GROUPS.items() for header in headers],
)
def test_guess_field_knows_every_synonym(header: str, target: str) -> None:
    assert guess_field(header) == target


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("E-mail Address", "email"),
        ("E_MAIL", "email"),
        (" zip ", "postal_code"),
        ("FIRST_NAME", "first_name"),
        ("firstName", "first_name"),
        ("last-name", "last_name"),
        ("POST CODE", "postal_code"),
        ("state / province", "state"),
        ("Zoë", None),
    ],
)
def test_guess_field_ignores_case_and_punctuation(header: str, target: str | None) -> None:
    assert guess_field(header) == target


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Email 2", "email"),
        ("Phone (Other)", "phone"),
        ("Alt. Email", "email"),
        ("Mobile 2", "mobile_phone"),
    ],
)
def test_guess_field_falls_back_past_qualifiers(header: str, target: str) -> None:
    assert guess_field(header) == target


@pytest.mark.parametrize("header", ["", "   ", "Date of Birth", "Last Order Date", "Other", "2"])
def test_guess_field_returns_none_for_unknown_headers(header: str) -> None:
    assert guess_field(header) is None


def test_auto_map_maps_each_column() -> None:
    headers = ["First Name", "Surname", "E-mail", "Tel", "Zip", "Favourite colour"]
    assert auto_map(headers) == [
        "first_name",
        "last_name",
        "email",
        "phone",
        "postal_code",
        None,
    ]


def test_auto_map_uses_a_target_once() -> None:
    assert auto_map(["Email", "E-mail"]) == ["email", None]


def test_auto_map_prefers_exact_match_over_fallback() -> None:
    # "Email 2" comes first but only the primary column should claim Email.
    assert auto_map(["Email 2", "Email"]) == [None, "email"]
    assert auto_map(["Phone (Other)", "Phone", "Phone 3"]) == [None, "phone", None]


def test_auto_map_fallback_used_when_primary_free() -> None:
    assert auto_map(["Name", "Email 2", "Phone (Other)"]) == ["full_name", "email", "phone"]


def test_auto_map_keeps_address_lines_apart() -> None:
    assert auto_map(["Address", "Address 2", "Address 3"]) == ["street", "street2", None]


def test_auto_map_empty() -> None:
    assert auto_map([]) == []


def test_has_name() -> None:
    assert has_name(["first_name", None])
    assert has_name([None, "full_name"])
    assert not has_name(["last_name", "email", None])
    assert not has_name([])
    assert NAME_REQUIRED.startswith("Map a First Name or a Full Name")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Public", ("Jane", "Public")),
        ("Dr. Jane Q. Public III", ("Jane Q.", "Public III")),
        ("Mr John Smith", ("John", "Smith")),
        ("John Smith Jr.", ("John", "Smith Jr.")),
        ("Public, Jane", ("Jane", "Public")),
        ("Smith Jr., John", ("John", "Smith Jr.")),
        ("Mary Ann Smith", ("Mary Ann", "Smith")),
        ("J. R. R. Tolkien", ("J. R. R.", "Tolkien")),
        ("Ludwig van Beethoven", ("Ludwig", "van Beethoven")),
        ("Madonna", ("Madonna", "")),
        ("Zoë Müller", ("Zoë", "Müller")),
        ("  Zoë   Müller  ", ("Zoë", "Müller")),
        ("Dr.", ("Dr.", "")),
        ("", ("", "")),
        ("   ", ("", "")),
    ],
)
def test_split_full_name(text: str, expected: tuple[str, str]) -> None:
    assert split_full_name(text) == expected


def test_apply_mapping_keys_values_by_field() -> None:
    mapping = ["first_name", "last_name", None, "email", "city"]
    row = ["  Jane ", "Public", "ignored", "jane@example.com", ""]
    assert apply_mapping(row, mapping) == {
        "first_name": "Jane",
        "last_name": "Public",
        "email": "jane@example.com",
    }


def test_apply_mapping_splits_full_name() -> None:
    mapping = ["full_name", "email"]
    assert apply_mapping(["Dr. Jane Q. Public III", "j@example.com"], mapping) == {
        "first_name": "Jane Q.",
        "last_name": "Public III",
        "email": "j@example.com",
    }


def test_apply_mapping_full_name_does_not_override_filled_name_columns() -> None:
    mapping = ["first_name", "last_name", "full_name"]
    assert apply_mapping(["Janet", "Doe", "Jane Public"], mapping) == {
        "first_name": "Janet",
        "last_name": "Doe",
    }


def test_apply_mapping_full_name_fills_empty_name_columns() -> None:
    mapping = ["first_name", "last_name", "full_name"]
    assert apply_mapping(["", " ", "Jane Public"], mapping) == {
        "first_name": "Jane",
        "last_name": "Public",
    }
    assert apply_mapping(["Janet", "", "Jane Public"], mapping) == {
        "first_name": "Janet",
        "last_name": "Public",
    }


def test_apply_mapping_single_word_full_name_gives_no_last_name() -> None:
    assert apply_mapping(["Madonna"], ["full_name"]) == {"first_name": "Madonna"}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("'+44 20 7946 0958", "+44 20 7946 0958"),
        ("'=SUM(A1)", "=SUM(A1)"),
        ("'-5", "-5"),
        ("'@handle", "@handle"),
        ("  '+1 555 0100  ", "+1 555 0100"),
        ("'quoted", "'quoted"),
        ("O'Brien", "O'Brien"),
    ],
)
def test_apply_mapping_removes_formula_guard(cell: str, expected: str) -> None:
    assert apply_mapping([cell], ["phone"]) == {"phone": expected}


def test_apply_mapping_guarded_tab_and_lone_apostrophe() -> None:
    assert apply_mapping(["'\tindented"], ["notes"]) == {"notes": "indented"}
    assert apply_mapping(["'"], ["notes"]) == {"notes": "'"}


def test_apply_mapping_tolerates_short_rows() -> None:
    assert apply_mapping(["Jane"], ["first_name", "last_name", "email"]) == {"first_name": "Jane"}


def test_mapping_key_is_stable_across_case_and_spacing() -> None:
    key = mapping_key(["First Name", "Last Name", "E-mail"])
    assert key == mapping_key([" first name", "LAST NAME ", "e-mail"])
    assert key == mapping_key(["FirstName", "Last_Name", "EMAIL"])
    assert len(key) == 40


def test_mapping_key_differs_for_different_headers() -> None:
    key = mapping_key(["First Name", "Last Name"])
    assert key != mapping_key(["First Name", "Surname"])
    assert key != mapping_key(["Last Name", "First Name"])
    assert key != mapping_key(["First Name", "Last Name", "Email"])
    assert mapping_key(["ab", "c"]) != mapping_key(["a", "bc"])


HEADERS = ["Name", "E-mail", "Tel", "Notes", "Col=Odd"]


def test_parse_overrides_by_key_and_label() -> None:
    assert parse_overrides(["Name=first_name", "Tel=Mobile Phone"], HEADERS) == {
        0: "first_name",
        2: "mobile_phone",
    }


def test_parse_overrides_is_case_insensitive() -> None:
    assert parse_overrides(["e-mail=EMAIL", "tel=state/province", " notes = NOTES "], HEADERS) == {
        1: "email",
        2: "state",
        3: "notes",
    }


def test_parse_overrides_skip() -> None:
    assert parse_overrides(["Notes=", "Tel=skip", "E-mail=SKIP"], HEADERS) == {
        3: None,
        2: None,
        1: None,
    }


def test_parse_overrides_header_containing_equals() -> None:
    assert parse_overrides(["Col=Odd=notes"], HEADERS) == {4: "notes"}


def test_parse_overrides_empty() -> None:
    assert parse_overrides([], HEADERS) == {}


def test_parse_overrides_rejects_missing_equals() -> None:
    with pytest.raises(ValueError, match='not of the form "Header=field"'):
        parse_overrides(["Name"], HEADERS)


def test_parse_overrides_rejects_empty_header() -> None:
    with pytest.raises(ValueError, match="not of the form"):
        parse_overrides(["=email"], HEADERS)


def test_parse_overrides_rejects_unknown_header() -> None:
    with pytest.raises(ValueError, match='no column "Phone"'):
        parse_overrides(["Phone=phone"], HEADERS)


def test_parse_overrides_rejects_unknown_field() -> None:
    with pytest.raises(ValueError, match='"telephone" is not a field'):
        parse_overrides(["Tel=telephone"], HEADERS)


def test_parse_overrides_rejects_ambiguous_header() -> None:
    with pytest.raises(ValueError, match='more than one column called "Phone"'):
        parse_overrides(["Phone=phone"], ["Phone", "Phone"])


def test_parse_overrides_rejects_column_mapped_twice() -> None:
    with pytest.raises(ValueError, match='"Tel" is mapped more than once'):
        parse_overrides(["Tel=phone", "Tel=mobile_phone"], HEADERS)


def test_parse_overrides_rejects_field_mapped_twice() -> None:
    with pytest.raises(ValueError, match='Phone is mapped to both "Tel" and "Notes"'):
        parse_overrides(["Tel=phone", "Notes=Phone"], HEADERS)



@pytest.mark.parametrize(
    "name",
    ["Ada Lovelace", "Zoë Müller", "Van Morrison", "Dr Who", "John Jr", "St John", "Ma Li",
     "Bob And", "Mary Sue", "E Smith", "Jean-Luc Picard", "O'Brien Pat", "Mr. Ed", "Ben III"],
)  # fmt: skip
def test_two_word_names_split_as_nameparser_splits_them(name: str) -> None:
    from nameparser import HumanName

    parsed = HumanName(name)
    first = " ".join(p for p in (parsed.first, parsed.middle) if p)
    last = " ".join(p for p in (parsed.last, parsed.suffix) if p)
    if not first and not last:
        first = name
    elif not first:
        first, last = last, ""
    assert split_full_name(name) == (first, last)
