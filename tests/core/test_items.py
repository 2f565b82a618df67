"""How money and commission read on screen."""

from __future__ import annotations

import pytest

from custtui.core.errors import FieldInvalid
from custtui.core.items.money import (
    commission_cents,
    consignor_cents,
    format_money,
    format_percent,
    money_text,
    parse_money,
    parse_percent,
)


def test_money_and_percent_read_as_a_shop_writes_them() -> None:
    assert [format_money(c) for c in (None, 0, 5, 123456)] == ["", "$0.00", "$0.05", "$1,234.56"]
    assert [format_percent(b) for b in (None, 2000, 1250, 1000, 5, 0)] == [
        "",
        "20%",
        "12.5%",
        "10%",
        "0.05%",
        "0%",
    ]


# ---------------------------------------------------------------- money in and out


@pytest.mark.parametrize(
    ("text", "cents"),
    [("90", 9000), ("90.5", 9050), ("$1,234.56", 123456), (" 0.05 ", 5), (".5", 50)],
)
def test_prices_are_read_as_a_clerk_types_them(text: str, cents: int) -> None:
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1.234", "-5", "1,23", "$", "12e3", "9" * 14])
def test_a_price_that_is_not_an_amount_says_so(text: str) -> None:
    with pytest.raises(FieldInvalid, match="Price"):
        parse_money(text)


def test_percentages_are_exact_basis_points() -> None:
    assert [parse_percent(t) for t in ("40", "12.5", "40%", "0", "100")] == [
        4000,
        1250,
        4000,
        0,
        10000,
    ]
    for bad in ("101", "-1", "12.345", "forty", "nan"):
        with pytest.raises(FieldInvalid, match="Commission"):
            parse_percent(bad)


def test_commission_rounds_half_up_to_the_cent_and_the_consignor_gets_the_rest() -> None:
    assert (commission_cents(9000, 4000), consignor_cents(9000, 4000)) == (3600, 5400)
    # 0.05 at 50 % is 2.5 cents: half up gives the store 3 and the consignor 2.
    assert (commission_cents(5, 5000), consignor_cents(5, 5000)) == (3, 2)
    assert (commission_cents(3, 3333), consignor_cents(3, 3333)) == (1, 2)
    for sold in range(0, 2000, 7):
        for rate in (0, 1250, 3333, 4000, 10000):
            assert commission_cents(sold, rate) + consignor_cents(sold, rate) == sold


def test_json_money_is_a_decimal_string() -> None:
    assert [money_text(c) for c in (5400, 0, 5, -350)] == ["54.00", "0.00", "0.05", "-3.50"]
