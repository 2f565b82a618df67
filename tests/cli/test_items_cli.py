"""The item and consignment commands as a user meets them: what they print, the exit status,
what the store keeps; on each plan."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from custtui.core.runtime.config import Settings
from tests.cli.test_cli import Cli, Run, assert_clean_failure, audit_events

TODAY = date.today().isoformat()
PREMIUM_REFUSAL = (
    "custtui: Consignment ({what}) needs the premium plan; this business is on the {plan} "
    "plan (custtui plan set premium).\n"
)


@pytest.fixture
def cli(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


@pytest.fixture
def shop(cli: Cli) -> Cli:
    """Ann Lee (C-000001) consigns as AL1; Bob Buyer (C-000002) buys."""
    cli.ok("add", "--first", "Ann", "--last", "Lee", "--consignor-code", "al1")
    cli.ok("add", "--first", "Bob", "--last", "Buyer")
    return cli


def consignment(cli: Cli, number: str = "C-000001") -> dict[str, Any]:
    result: dict[str, Any] = cli.json("show", number)["consignment"]
    return result


def sold_lamp(cli: Cli) -> str:
    """The issue's example: consigned at 40 %, sold at 90.00 to Bob; returns its number."""
    number = cli.ok(
        "item", "add", "--title", "Lamp", "--retail", "100", "--consignor", "1",
        "--commission", "40",
    ).strip()  # fmt: skip
    cli.ok("item", "sell", number, "--price", "90.00", "--buyer", "C-000002")
    return number


# -- the consignment scenario ---------------------------------------------------------------------


def test_a_sale_at_90_with_40_percent_owes_54_until_the_payout(
    shop: Cli, settings: Settings
) -> None:
    assert sold_lamp(shop) == "I-000001"

    assert consignment(shop) == {
        "active_count": 0,
        "active_value": "0.00",
        "sold_count": 1,
        "proceeds": "90.00",
        "commission": "36.00",
        "balance_owed": "54.00",
    }
    assert shop.json("show", "C-000002")["purchases"] == {
        "count": 1,
        "total": "90.00",
        "first_date": TODAY,
        "last_date": TODAY,
    }
    assert "  Balance owed:       $54.00\n" in shop.ok("show", "C-000001")

    assert shop.ok("payout", "C-000001") == (f"Paid Ann Lee $54.00 for 1 entry through {TODAY}.\n")

    assert consignment(shop)["balance_owed"] == "0.00"
    assert "  Balance owed:       $0.00\n" in shop.ok("show", "C-000001")
    assert len(audit_events(settings, "payout_posted")) == 1


def test_a_dry_run_shows_each_entry_and_the_total_and_changes_nothing(
    shop: Cli, settings: Settings
) -> None:
    sold_lamp(shop)
    shop.ok("adjust", "C-000001", "--amount", "-5.00", "--reason", "Chipped base")

    out = shop.ok("payout", "C-000001", "--dry-run")

    assert out.splitlines() == [
        f"  {TODAY}  Sale        I-000001 Lamp  $54.00",
        f"  {TODAY}  Adjustment  Chipped base   -$5.00",
        f"Would pay Ann Lee $49.00 for 2 entries through {TODAY}; nothing was changed.",
    ]
    assert consignment(shop)["balance_owed"] == "49.00"
    assert audit_events(settings, "payout_posted") == []


def test_nothing_owed_is_said_and_is_not_an_error(shop: Cli) -> None:
    assert shop("payout", "C-000001") == Run(
        0, f"Nothing is owed to Ann Lee through {TODAY}.\n", ""
    )
    sold_lamp(shop)
    shop.ok("payout", "C-000001")

    assert shop("payout", "1") == Run(0, f"Nothing is owed to Ann Lee through {TODAY}.\n", "")


def test_a_payout_through_an_earlier_date_leaves_later_sales_owed(shop: Cli) -> None:
    shop.ok("item", "add", "--title", "Vase", "--consignor", "1", "--intake", "2024-01-02")
    shop.ok("item", "sell", "1", "--price", "10", "--date", "2024-02-01")
    sold_lamp(shop)  # I-000002 now, sold today

    assert shop.ok("payout", "1", "--through", "2024-03-01") == (
        "Paid Ann Lee $6.00 for 1 entry through 2024-03-01.\n"
    )
    assert consignment(shop)["balance_owed"] == "54.00"


def test_undo_reopens_the_latest_payout(shop: Cli) -> None:
    sold_lamp(shop)
    shop.ok("payout", "C-000001")

    assert shop.ok("payout", "C-000001", "--undo") == (
        f"Undid the payout of $54.00 to Ann Lee through {TODAY}; balance owed $54.00.\n"
    )
    assert consignment(shop)["balance_owed"] == "54.00"
    run = shop("payout", "C-000001", "--undo")
    assert_clean_failure(run)
    assert run.err == "custtui: Ann Lee has no payout to undo.\n"


def test_unsell_after_a_payout_is_refused_with_the_way_out(shop: Cli) -> None:
    sold_lamp(shop)
    shop.ok("payout", "C-000001")

    run = shop("item", "unsell", "I-000001")

    assert_clean_failure(run)
    assert run.err == (
        f"custtui: I-000001 can't be unsold: its sale was paid out to the consignor on {TODAY} "
        "($54.00). Undo that payout first, or record an adjustment.\n"
    )
    shop.ok("payout", "C-000001", "--undo")
    assert shop.ok("item", "unsell", "I-000001") == (
        "I-000001 is no longer sold: back in the shop as Collection.\n"
    )
    assert consignment(shop)["balance_owed"] == "0.00"


def test_the_ledger_lists_entries_newest_first_and_the_balance(shop: Cli) -> None:
    sold_lamp(shop)
    shop.ok("payout", "C-000001")
    shop.ok("adjust", "C-000001", "--amount", "2.50", "--reason", "Late fee refund")

    book = shop.json("ledger", "C-000001")

    assert book["balance_owed"] == "2.50"
    assert [(e["kind"], e["amount"], e["settled"]) for e in book["entries"]] == [
        ("adjustment", "2.50", False),
        ("payout", "-54.00", True),
        ("sale", "54.00", True),
    ]
    assert [p["amount"] for p in book["payouts"]] == ["54.00"]
    text = shop.ok("ledger", "C-000001")
    assert text.startswith("C-000001  Ann Lee\n")
    assert text.endswith("Balance owed: $2.50\n")


# -- items: add, edit, show, sell ------------------------------------------------------------------


def test_item_add_edit_show_round_trip(shop: Cli) -> None:
    added = shop.json("item", "add", "--title", "Oak chair", "--category", "Furniture",
                      "--retail", "$1,250.5", "--intake", "2025-01-10")  # fmt: skip
    assert added["number"] == "I-000001"
    assert (added["retail_price"], added["intake_date"], added["consigned"]) == (
        "1250.50",
        "2025-01-10",
        False,
    )

    assert shop.ok("item", "edit", "1", "--category", "Chairs") == "I-000001 saved\n"

    shown = shop.json("item", "show", "I-000001")
    assert (shown["title"], shown["category"], shown["retail_price"]) == (
        "Oak chair",
        "Chairs",
        "1250.50",
    )
    assert shop.ok("item", "show", "1").splitlines()[:4] == [
        "I-000001  Oak chair",
        "  Status:             Collection",
        "  Category:           Chairs",
        "  Retail price:       $1,250.50",
    ]


def test_editing_a_sold_consigned_item_keeps_its_sale(shop: Cli) -> None:
    sold_lamp(shop)

    shop.ok("item", "edit", "I-000001", "--title", "Brass lamp")

    item = shop.json("item", "show", "1")
    assert (item["title"], item["status"], item["consignor_amount"]) == (
        "Brass lamp",
        "Sold",
        "54.00",
    )


def test_consigning_uses_the_business_terms(shop: Cli) -> None:
    assert shop.ok("business", "terms", "--commission", "25", "--consignment-days", "30") == (
        "New consigned items now get 25% commission and 30 days before they expire.\n"
    )

    item = shop.json("item", "add", "--title", "Vase", "--consignor", "C-000001",
                     "--intake", "2025-03-01")  # fmt: skip

    assert (item["commission_percent"], item["expiry_date"], item["at_expiry"]) == (
        "25",
        "2025-03-31",
        "return",
    )
    assert shop.ok("business", "terms") == (
        "New consigned items get 25% commission and 30 days before they expire.\n"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["item", "add", "--title", "Lamp", "--retail", "ten"],
         "Retail price is an amount like 90.00."),
        (["item", "add", "--title", "Lamp", "--intake", "2025-02-30"],
         "Intake date must be a date as YYYY-MM-DD or MM/DD/YYYY."),
        (["item", "add", "--title", " "], "Title is required."),
        (["item", "add", "--title", "Lamp", "--consignor", "C-000099"], "No customer C-000099."),
        (["item", "add", "--title", "Lamp", "--consignor", "C-000002"],
         "That customer is not a consignor: mark them as one (with a code) first."),
        (["item", "add", "--title", "Lamp", "--commission", "140", "--consignor", "1"],
         "Commission is between 0 and 100 %."),
        (["item", "edit", "I-000009", "--title", "X"], "No item I-000009."),
        (["item", "edit", "I-000001", "--retail", "-3"], "Retail price is an amount like 90.00."),
        (["item", "show", "lamp"], "'lamp' is not an item number (like I-000123)."),
        (["item", "sell", "1", "--price", "ninety"], "Sold price is an amount like 90.00."),
        (["item", "sell", "1", "--price", "90", "--date", "yesterday"],
         "Sale date must be a date as YYYY-MM-DD or MM/DD/YYYY."),
        (["item", "sell", "1", "--price", "90", "--date", "2999-01-01"],
         "Sale date can't be in the future."),
        (["item", "sell", "1", "--price", "90", "--buyer", "C-000077"], "No customer C-000077."),
        (["item", "sell", "9", "--price", "90"], "No item I-000009."),
        (["adjust", "1", "--amount", "5", "--reason", " "], "An adjustment needs a reason."),
        (["adjust", "1", "--amount", "lots", "--reason", "x"], "Amount is an amount like 90.00."),
        (["payout", "1", "--through", "soon"],
         "Through date must be a date as YYYY-MM-DD or MM/DD/YYYY."),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_line_and_exit_1(shop: Cli, argv: list[str], message: str) -> None:
    shop.ok("item", "add", "--title", "Chair")

    run = shop(*argv)

    assert_clean_failure(run)
    assert run.err == f"custtui: {message}\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["item", "sell", "1"],
        ["item", "add", "--category", "x"],
        ["item", "edit", "1"],
        ["items", "--status", "Gone"],
        ["item"],
        ["payout", "1", "--undo", "--dry-run"],
    ],
)
def test_usage_errors_exit_2(shop: Cli, argv: list[str]) -> None:
    run = shop(*argv)

    assert run.status == 2 and run.out == "" and "Traceback" not in run.err
    assert run.one_error_line, run.err


def test_a_title_with_escape_codes_reaches_the_terminal_harmless(shop: Cli) -> None:
    shop.ok("item", "add", "--title", "Lamp\x1b[31m red\nshade")

    out = shop.ok("items")

    assert "\x1b" not in out
    assert out.splitlines()[0].startswith("I-000001  Collection  Lamp[31m red shade")


# -- items: the list -------------------------------------------------------------------------------


@pytest.fixture
def stock(shop: Cli) -> Cli:
    """Four items: a sold consigned lamp, an expired consigned vase, a chair, a wished-for rug."""
    sold_lamp(shop)
    shop.ok("item", "add", "--title", "Blue vase", "--category", "Glass", "--retail", "20",
            "--consignor", "1", "--intake", "2020-01-01", "--expiry", "2020-02-01")  # fmt: skip
    shop.ok("item", "add", "--title", "Oak chair", "--category", "Furniture", "--retail", "75")
    shop.ok("item", "add", "--title", "Rug", "--status", "wishlist")
    return shop


def test_items_lists_newest_first_with_the_count_line_last(stock: Cli) -> None:
    assert stock.ok("items").splitlines() == [
        "I-000004  Wishlist    Rug",
        "I-000003  Collection  Oak chair  Furniture  $75.00",
        "I-000002  Collection  Blue vase  Glass      $20.00  AL1             expires 2020-02-01",
        "I-000001  Sold        Lamp                  $90.00  AL1  Bob Buyer",
        "4 items",
    ]


@pytest.mark.parametrize(
    ("argv", "numbers", "count_line"),
    [
        (["items", "vase"], ["I-000002"], "1 of 4 items"),
        (["items", "bob"], ["I-000001"], "1 of 4 items"),
        (["items", "al1"], ["I-000002", "I-000001"], "2 of 4 items"),
        (["items", "--status", "sold"], ["I-000001"], "1 of 4 items"),
        (["items", "--consigned"], ["I-000002", "I-000001"], "2 of 4 items"),
        (["items", "--expired"], ["I-000002"], "1 of 4 items"),
        (["items", "--consignor", "C-000001", "--status", "Collection"], ["I-000002"],
         "1 of 4 items"),
        (["items", "nothing-like-this"], [], "0 of 4 items"),
    ],
)  # fmt: skip
def test_items_filters(stock: Cli, argv: list[str], numbers: list[str], count_line: str) -> None:
    lines = stock.ok(*argv).splitlines()

    assert [line.split()[0] for line in lines[:-1]] == numbers
    assert lines[-1] == count_line


def test_items_json_shape(stock: Cli) -> None:
    data = stock.json("items", "--consignor", "1")

    assert (data["count"], data["total"]) == (2, 4)
    sold = data["items"][1]
    assert sold | {"created_at": None, "updated_at": None} == {
        "number": "I-000001",
        "title": "Lamp",
        "category": None,
        "status": "Sold",
        "retail_price": "100.00",
        "price": "90.00",
        "intake_date": TODAY,
        "sold_price": "90.00",
        "sale_date": TODAY,
        "buyer": "C-000002",
        "buyer_name": "Bob Buyer",
        "consigned": True,
        "consignor": "C-000001",
        "consignor_name": "Ann Lee",
        "consignor_code": "AL1",
        "commission_percent": "40",
        "commission": "36.00",
        "consignor_amount": "54.00",
        "expiry_date": sold["expiry_date"],
        "at_expiry": "return",
        "expired": False,
        "returned_on": None,
        "created_at": None,
        "created_by": "tester",
        "updated_at": None,
        "updated_by": "tester",
        "version": 2,
    }


def test_return_keep_and_delete(stock: Cli) -> None:
    assert stock.ok("item", "return", "I-000002") == (f"I-000002 returned to Ann Lee on {TODAY}.\n")
    assert stock.json("item", "show", "2")["status"] == "Archived"
    stock.ok("item", "add", "--title", "Clock", "--consignor", "1")
    assert stock.ok("item", "keep", "5") == "I-000005 is now the store's own stock.\n"
    assert stock.json("item", "show", "5")["consigned"] is False
    assert stock.ok("item", "delete", "I-000003") == "Deleted I-000003 (Oak chair).\n"
    run = stock("item", "delete", "I-000001")
    assert_clean_failure(run)
    assert run.err == (
        "custtui: I-000001 is sold and its sale is in the consignor's ledger: unsell it first.\n"
    )


# -- plans -----------------------------------------------------------------------------------------

CONSIGNMENT_COMMANDS = [
    (["items", "--consignor", "1"], "--consignor"),
    (["items", "--consigned"], "--consigned"),
    (["items", "--expired"], "--expired"),
    (["item", "add", "--title", "Vase", "--consignor", "1"], "--consignor"),
    (["item", "add", "--title", "Vase", "--commission", "40"], "--commission"),
    (["item", "add", "--title", "Vase", "--expiry", "2030-01-01"], "--expiry"),
    (["item", "add", "--title", "Vase", "--at-expiry", "keep"], "--at-expiry"),
    (["item", "edit", "I-000003", "--consignor", "1"], "--consignor"),
    (["item", "return", "I-000002"], "item return"),
    (["item", "keep", "I-000002"], "item keep"),
    (["payout", "C-000001"], "payout"),
    (["payout", "C-000001", "--dry-run"], "payout"),
    (["payout", "C-000001", "--undo"], "payout"),
    (["ledger", "C-000001"], "ledger"),
    (["adjust", "C-000001", "--amount", "5", "--reason", "x"], "adjust"),
    (["business", "terms"], "business terms"),
    (["business", "terms", "--commission", "30"], "business terms"),
]


@pytest.mark.parametrize("plan", ["pro", "free"])
@pytest.mark.parametrize(("argv", "what"), CONSIGNMENT_COMMANDS)
def test_consignment_is_refused_below_premium_naming_the_plan(
    stock: Cli, plan: str, argv: list[str], what: str
) -> None:
    stock.ok("plan", "set", plan)

    run = stock(*argv)

    assert_clean_failure(run)
    assert run.err == PREMIUM_REFUSAL.format(what=what, plan=plan)


def test_pro_shows_no_consignment_but_keeps_buyers(stock: Cli) -> None:
    stock.ok("plan", "set", "pro")

    assert stock.ok("items").splitlines()[2:] == [
        "I-000002  Collection  Blue vase  Glass      $20.00",
        "I-000001  Sold        Lamp                  $90.00  Bob Buyer",
        "4 items",
    ]
    assert "consigned" not in stock.json("items")["items"][0]
    assert "Consignor:" not in stock.ok("item", "show", "I-000001")
    ann = stock.json("show", "C-000001")
    assert "consignment" not in ann and "Balance owed" not in stock.ok("show", "C-000001")
    assert stock.json("show", "C-000002")["purchases"]["total"] == "90.00"
    assert stock("find", "--consignors") == Run(
        1, "", "custtui: The consignors filter needs the premium plan.\n"
    )
    stock.ok("item", "sell", "I-000003", "--price", "70", "--buyer", "C-000002")


def test_free_has_items_but_no_customers(stock: Cli) -> None:
    stock.ok("plan", "set", "free")

    assert stock.ok("item", "add", "--title", "Teapot", "--retail", "12") == "I-000005\n"
    assert stock.ok("item", "sell", "I-000005", "--price", "12") == (
        f"I-000005 sold for $12.00 on {TODAY} to a walk-in\n"
    )
    assert stock.ok("items", "teapot").splitlines()[-1] == "1 of 5 items"
    assert "  Buyer:              Bob Buyer (C-000002)\n" in stock.ok("item", "show", "1")
    run = stock("item", "sell", "I-000003", "--price", "70", "--buyer", "C-000002")
    assert_clean_failure(run)
    assert run.err == (
        "custtui: --buyer names a customer record, which needs the pro or premium plan; this "
        "business is on the free plan: sell to a walk-in (no --buyer).\n"
    )
    for argv in (["show", "C-000001"], ["add", "--first", "Cy", "--last", "Do"], ["find"]):
        run = stock(*argv)
        assert_clean_failure(run)
        assert "need the pro or premium plan" in run.err


def test_switching_plans_never_deletes_consignment(stock: Cli) -> None:
    before = stock.json("items", "--consignor", "1")
    owed = consignment(stock)

    stock.ok("plan", "set", "pro")
    stock.ok("item", "edit", "I-000003", "--title", "Oak armchair")
    stock.ok("plan", "set", "premium")

    assert stock.json("items", "--consignor", "1")["items"] == before["items"]
    assert consignment(stock) == owed == consignment(stock) | {"balance_owed": "54.00"}
    assert stock.ok("payout", "1").startswith("Paid Ann Lee $54.00")


def test_payout_says_each_outcome_as_json_with_money_as_text(shop: Cli) -> None:
    sold_lamp(shop)
    preview = shop.json("payout", "C-000001", "--dry-run")
    assert (preview["outcome"], preview["amount"], preview["balance_owed"]) == (
        "preview",
        "54.00",
        "54.00",
    )
    paid = shop.json("payout", "C-000001")
    assert (paid["outcome"], paid["amount"], paid["entries"], paid["balance_owed"]) == (
        "paid",
        "54.00",
        1,
        "0.00",
    )
    assert shop.json("payout", "C-000001")["outcome"] == "nothing_owed"
    undone = shop.json("payout", "C-000001", "--undo")
    assert (undone["outcome"], undone["balance_owed"]) == ("undone", "54.00")
