"""How money and commission read on screen."""

from __future__ import annotations

from custtui.core.items.money import format_money, format_percent


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
