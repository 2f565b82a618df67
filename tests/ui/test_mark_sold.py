"""Mark as Sold, as a clerk uses it: pick a buyer by typing, add one without leaving the
dialog, sell to a walk-in, and a price that isn't one. SPEC "Items"; issue 11."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList

from custtui.core.customers.lookup import customer_count, get_customer
from custtui.core.customers.record import CustomerRecord
from custtui.core.items.record import ItemRecord, get_item
from custtui.core.items.service import create_item
from custtui.core.items.values import ItemValues
from custtui.core.store.businesses import Context, set_plan
from custtui.ui.screens.mark_sold import MarkSoldScreen
from custtui.ui.widgets.customer_picker import CustomerPicker

from .dialog_host import DialogHost
from .helpers import settle, wait_until

SIZE = (80, 34)


@pytest.fixture
def lamp(ui_ctx: Context) -> ItemRecord:
    return create_item(ui_ctx, ItemValues(title="Brass desk lamp", retail_cents=12_000))


def host(ctx: Context, item: ItemRecord) -> DialogHost:
    return DialogHost(ctx, lambda c: MarkSoldScreen(c, item))


def dialog(app: DialogHost) -> MarkSoldScreen:
    screen = app.screen
    assert isinstance(screen, MarkSoldScreen), f"no Mark as Sold open: {screen!r}"
    return screen


def picker(app: DialogHost) -> CustomerPicker:
    return dialog(app).query_one(CustomerPicker)


def matches(app: DialogHost) -> list[str]:
    """The lines of the match list as shown (empty when it is hidden)."""
    options = picker(app).query_one("#picker-matches", OptionList)
    if not options.display:
        return []
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def shown(app: DialogHost, selector: str) -> str:
    label = dialog(app).query_one(selector, Label)
    return str(label.render()) if label.display else ""


async def type_into(pilot: Pilot[None], box: Input, text: str) -> None:
    box.focus()
    await pilot.pause()
    box.value = ""
    await pilot.press(*text)
    await settle(pilot)


async def test_typing_part_of_a_name_picks_an_existing_buyer(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    app = host(ui_ctx, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert dialog(app).query_one("#f-price", Input).value == "120.00"
        await type_into(pilot, picker(app).query_box, "bak")
        lines = matches(app)
        assert lines[0].startswith("Ann Baker")
        assert "ann.baker@example.org" in lines[0]
        assert lines[-1].endswith("New Customer")
        await pilot.press("enter")
        assert "Ann Baker" in shown(app, "#picker-status")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.answers and app.answers[0] is not None
    sold = get_item(ui_ctx, lamp.number)
    assert (sold.status, sold.buyer_id, sold.sold_cents) == ("Sold", shop["Ann"].id, 12_000)


async def test_the_arrow_keys_choose_among_the_matches(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    app = host(ui_ctx, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, picker(app).query_box, "acme")
        assert [line.split("  ")[0] for line in matches(app)[:2]] == ["Bob Carter", "Zoë Müller"]
        await pilot.press("down", "enter", "ctrl+s")
        await settle(pilot)
    assert get_item(ui_ctx, lamp.number).buyer_id == shop["Zoë"].id


async def test_new_customer_is_created_inline_and_buys_the_item(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    before = customer_count(ui_ctx)
    app = host(ui_ctx, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, picker(app).query_box, "nadia okafor")
        assert matches(app) == ["+ New Customer"]
        assert "No customer matches" in shown(app, "#picker-status")
        await pilot.press("enter")
        await settle(pilot)
        new = picker(app).query_one("#picker-new")
        assert new.display
        # What was typed is already split into the names.
        assert new.query_one("#new-first_name", Input).value == "Nadia"
        assert new.query_one("#new-last_name", Input).value == "Okafor"
        await type_into(pilot, new.query_one("#new-email", Input), "nadia@example.com")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MarkSoldScreen), "creating left the dialog"
        assert not new.display
        assert "Nadia Okafor" in shown(app, "#picker-status")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert customer_count(ui_ctx) == before + 1
    sold = get_item(ui_ctx, lamp.number)
    assert sold.buyer_name == "Nadia Okafor" and sold.buyer_number is not None
    assert get_customer(ui_ctx, sold.buyer_number).email == "nadia@example.com"


async def test_the_inline_form_marks_what_the_core_refuses_and_esc_goes_back(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    before = customer_count(ui_ctx)
    app = host(ui_ctx, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, picker(app).query_box, "Nadia")
        await pilot.press("enter")
        await settle(pilot)
        new = picker(app).query_one("#picker-new")
        await type_into(pilot, new.query_one("#new-email", Input), "ann.baker@example.org")
        await pilot.press("enter")
        await settle(pilot)
        last = new.query_one("#new-error-last_name", Label)
        assert last.display and "Last name" in str(last.render())
        assert app.focused is new.query_one("#new-last_name", Input)
        await type_into(pilot, new.query_one("#new-last_name", Input), "Okafor")
        await pilot.press("enter")
        await settle(pilot)
        email = new.query_one("#new-error-email", Label)
        assert not last.display
        assert email.display and "already exists" in str(email.render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MarkSoldScreen), "esc closed the dialog, not the form"
        assert not new.display
    assert customer_count(ui_ctx) == before


async def test_a_walk_in_sale_has_no_buyer(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    app = host(ui_ctx, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "walk-in" in shown(app, "#picker-status")
        await type_into(pilot, dialog(app).query_one("#f-price", Input), "99.50")
        await pilot.press("ctrl+s")
        await settle(pilot)
    sold = get_item(ui_ctx, lamp.number)
    assert (sold.status, sold.buyer_id, sold.buyer_name, sold.sold_cents) == (
        "Sold",
        None,
        None,
        9_950,
    )
    assert sold.sale_date == date.today()


async def test_a_bad_price_is_marked_and_nothing_is_sold(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    app = host(ui_ctx, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, dialog(app).query_one("#f-price", Input), "ninety")
        await type_into(pilot, dialog(app).query_one("#f-sale_date", Input), "2999-01-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app, "#error-price") == "Sold price is an amount like 90.00."
        assert dialog(app).query_one("#row-price").has_class("-invalid")
        assert app.focused is dialog(app).query_one("#f-price", Input)
        assert "Nothing was sold" in shown(app, "#dialog-error")
        # The core's own rule, once the price is right.
        await type_into(pilot, dialog(app).query_one("#f-price", Input), "90")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert shown(app, "#error-price") == ""
        assert shown(app, "#error-sale_date") == "Sale date can't be in the future."
        assert isinstance(app.screen, MarkSoldScreen)
    assert get_item(ui_ctx, lamp.number).status == "Collection"


async def test_someone_elses_sale_first_is_said_and_esc_cancels(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    from custtui.core.items.service import sell_item

    app = host(ui_ctx, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sell_item(replace(ui_ctx, user="colleague"), lamp.number, 5_000)
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = shown(app, "#dialog-error")
        assert "colleague changed I-000001" in said and "nothing was sold" in said
        await pilot.press("escape")
        await settle(pilot)
        assert app.answers == [None]
    assert get_item(ui_ctx, lamp.number).sold_cents == 5_000


async def test_a_consigned_item_shows_what_its_consignor_gets(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    item = create_item(
        ui_ctx,
        ItemValues(title="Tin robot", retail_cents=9_000, consignor_id=shop["Eve"].id),
    )
    app = host(ui_ctx, item)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        facts = str(dialog(app).query_one("#item-facts").render())
        assert "Eve Adams" in facts and "EVE1" in facts and "Commission 40%" in facts
        share = str(dialog(app).query_one("#consignor-share").render())
        assert "consignor gets $54.00" in share and "store keeps $36.00" in share


# -- plans -----------------------------------------------------------------------------------------


async def test_on_free_every_sale_is_a_walk_in_and_nobody_can_be_created(
    ui_ctx: Context, lamp: ItemRecord
) -> None:
    free = replace(ui_ctx, business=set_plan(ui_ctx, "free"))
    app = host(free, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not dialog(app).query(CustomerPicker)
        assert "walk-in" in shown(app, "#walk-in-only").lower()
        await pilot.press("ctrl+s")
        await settle(pilot)
    sold = get_item(free, lamp.number)
    assert sold.status == "Sold" and sold.buyer_id is None


async def test_on_pro_the_buyer_is_picked_from_the_customers(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    pro = replace(ui_ctx, business=set_plan(ui_ctx, "pro"))
    app = host(pro, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, picker(app).query_box, "dan")
        assert matches(app)[0].startswith("Dan Evans")
        await pilot.press("enter", "ctrl+s")
        await settle(pilot)
    assert get_item(pro, lamp.number).buyer_id == shop["Dan"].id


async def test_while_the_customers_load_the_picker_says_so_then_searches(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    app = DialogHost(ui_ctx, lambda c: MarkSoldScreen(c, lamp), load_customers=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, picker(app).query_box, "eve")
        assert shown(app, "#picker-status") == "Customers are loading…"
        from custtui.core.directory.live import Directory

        app.loaded = Directory.load(ui_ctx)
        assert await wait_until(pilot, lambda: bool(matches(app)) and len(matches(app)) > 1)
        assert matches(app)[0].startswith("Eve Adams")


async def test_a_chosen_buyer_can_be_cleared_back_to_a_walk_in(
    ui_ctx: Context, shop: dict[str, CustomerRecord], lamp: ItemRecord
) -> None:
    app = host(ui_ctx, lamp)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, picker(app).query_box, "bob")
        await pilot.press("enter")
        assert picker(app).chosen is not None
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert picker(app).chosen is None
        assert shown(app, "#picker-status") == "No buyer chosen: a walk-in sale."
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert get_item(ui_ctx, lamp.number).buyer_id is None
