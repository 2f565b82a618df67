"""Consignor codes the inline New Consignor suggests: the initials and the lowest free number."""

from __future__ import annotations

from custtui.core.customers.codes import consignor_codes, initials_of, suggest_consignor_code
from custtui.core.customers.service import create_customer
from custtui.core.store.businesses import Context


def test_initials_fold_accents_and_skip_what_a_code_cannot_hold() -> None:
    assert initials_of("Émile", "Zola") == "EZ"
    assert initials_of("  ann", "'o'neil") == "AO"
    assert initials_of("", "") == ""


def test_the_suggestion_takes_the_lowest_number_no_one_has(ctx: Context) -> None:
    assert suggest_consignor_code(ctx, "Ann", "Baker") == "AB1"
    for code in ("AB1", "AB2", "AB4"):
        create_customer(ctx, {"first_name": "A", "last_name": code, "consignor_code": code})
    assert suggest_consignor_code(ctx, "Ann", "Baker") == "AB3"
    assert suggest_consignor_code(ctx, "Bob", "Carter") == "BC1"


def test_codes_are_read_for_the_customers_asked_about(ctx: Context) -> None:
    eve = create_customer(
        ctx, {"first_name": "Eve", "last_name": "Adams", "consignor_code": "EVE1"}
    )
    ann = create_customer(ctx, {"first_name": "Ann", "last_name": "Baker"})
    assert consignor_codes(ctx, [eve.id, ann.id]) == {eve.id: "EVE1"}
    assert consignor_codes(ctx, []) == {}
