"""The item form, as a clerk fills it: add, edit, the consignor field (with a consignor
created inline), invalid fields, unsaved changes, someone else's save, and each plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from textual.pilot import Pilot
from textual.widgets import Input, Label, Select

from custtui.core.customers.lookup import get_customer
from custtui.core.customers.record import CustomerRecord
from custtui.core.items.listing import load_item_index
from custtui.core.items.record import ItemRecord, get_item
from custtui.core.items.service import create_item, sell_item, update_item
from custtui.core.items.values import ItemValues
from custtui.core.store.businesses import Context, set_plan
from custtui.ui.screens.ask import AskScreen
from custtui.ui.screens.item_form import ItemFormScreen
from custtui.ui.widgets.customer_picker import CustomerPicker

from .dialog_host import DialogHost
from .helpers import settle

SIZE = (80, 40)


def host(ctx: Context, item: ItemRecord | None = None) -> DialogHost:
    return DialogHost(ctx, lambda c: ItemFormScreen(c, item))


def form(app: DialogHost) -> ItemFormScreen:
    screen = app.screen
    assert isinstance(screen, ItemFormScreen), f"no item form open: {screen!r}"
    return screen


def box(app: DialogHost, field: str) -> Input:
    return form(app).query_one(f"#f-{field}", Input)


def message(app: DialogHost, field: str) -> str:
    label = form(app).query_one(f"#error-{field}", Label)
    return str(label.render()) if label.display else ""


async def type_into(pilot: Pilot[None], target: Input, text: str) -> None:
    target.focus()
    await pilot.pause()
    target.value = ""
    await pilot.press(*text)
    await settle(pilot)


def items(ctx: Context) -> int:
    index, _ = load_item_index(ctx)
    return index.count()


async def test_a_new_item_with_a_title_and_a_price(ui_ctx: Context) -> None:
    app = host(ui_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, box(app, "title"), "Brass desk lamp")
        await type_into(pilot, box(app, "category"), "Antiques")
        await type_into(pilot, box(app, "retail"), "$1,200.50")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = app.answers[0]
    assert saved is not None
    item = get_item(ui_ctx, saved.number)
    assert (item.title, item.category, item.retail_cents, item.status, item.consigned) == (
        "Brass desk lamp",
        "Antiques",
        120_050,
        "Collection",
        False,
    )
    assert item.intake_date == date.today()


async def test_invalid_fields_are_marked_and_nothing_is_saved(ui_ctx: Context) -> None:
    app = host(ui_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, box(app, "retail"), "lots")
        await type_into(pilot, box(app, "intake_date"), "soon")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message(app, "title") == "Title is required."
        assert message(app, "retail") == "Retail price is an amount like 90.00."
        assert "Intake date must be a date" in message(app, "intake_date")
        assert app.focused is box(app, "title")
        said = str(form(app).query_one("#dialog-error", Label).render())
        assert said == "Nothing was saved: fix the 3 marked fields."
    assert items(ui_ctx) == 0


async def test_the_consignor_field_creates_a_consignor_inline_with_a_code(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    app = host(ui_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert box(app, "commission").disabled, "terms without a consignor"
        await type_into(pilot, box(app, "title"), "Tin robot")
        picker = form(app).query_one("#consignor", CustomerPicker)
        await type_into(pilot, picker.query_box, "Ann Baker")
        # Ann is a customer but no consignor: only New Consignor is offered.
        await pilot.press("enter")
        await settle(pilot)
        new = picker.query_one("#picker-new")
        assert new.display
        assert new.query_one("#new-consignor_code", Input).value == "AB1"
        await type_into(pilot, new.query_one("#new-first_name", Input), "Anna")
        assert new.query_one("#new-consignor_code", Input).value == "AB1"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemFormScreen), "creating left the form"
        assert picker.chosen is not None and picker.chosen.name == "Anna Baker"
        assert not box(app, "commission").disabled
        assert box(app, "commission").value == "40"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = app.answers[0]
    assert saved is not None
    item = get_item(ui_ctx, saved.number)
    assert item.consignor_name == "Anna Baker" and item.consignor_code == "AB1"
    assert item.commission_bp == 4_000
    assert item.expiry_date == date.today() + timedelta(days=90)
    assert item.consignor_number is not None
    consignor = get_customer(ui_ctx, item.consignor_number)
    assert consignor.is_consignor and consignor.consignor_code == "AB1"


async def test_an_existing_consignor_is_picked_and_the_terms_are_saved(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    app = host(ui_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, box(app, "title"), "Leica M6")
        picker = form(app).query_one("#consignor", CustomerPicker)
        await type_into(pilot, picker.query_box, "e")
        # Consignors only: Dan and Eve, never Zoë or Ann.
        lines = [str(p.prompt) for p in picker.query_one("#picker-matches").options]  # type: ignore[attr-defined]
        assert [line.split("  ")[0] for line in lines] == [
            "Eve Adams",
            "Dan Evans",
            "+ New Consignor",
        ]
        assert "code EVE1" in lines[0]
        await pilot.press("enter")
        await type_into(pilot, box(app, "commission"), "35")
        await type_into(pilot, box(app, "expiry_date"), "2099-01-31")
        form(app).query_one("#f-at_expiry", Select).value = "keep"
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = app.answers[0]
    assert saved is not None
    item = get_item(ui_ctx, saved.number)
    assert (item.consignor_id, item.commission_bp, item.expiry_date, item.at_expiry) == (
        shop["Eve"].id,
        3_500,
        date(2099, 1, 31),
        "keep",
    )


async def test_editing_shows_the_item_and_saves_the_change(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    item = create_item(
        ui_ctx, ItemValues(title="Tin robot", retail_cents=9_000, consignor_id=shop["Eve"].id)
    )
    app = host(ui_ctx, item)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert box(app, "title").value == "Tin robot"
        assert box(app, "retail").value == "90.00"
        assert box(app, "commission").value == "40"
        picker = form(app).query_one("#consignor", CustomerPicker)
        assert picker.chosen is not None and picker.chosen.name == "Eve Adams"
        await type_into(pilot, box(app, "retail"), "95")
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = get_item(ui_ctx, item.number)
    assert after.retail_cents == 9_500 and after.consignor_id == shop["Eve"].id


async def test_clearing_the_consignor_makes_it_the_stores_own(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    item = create_item(ui_ctx, ItemValues(title="Tin robot", consignor_id=shop["Eve"].id))
    app = host(ui_ctx, item)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        form(app).query_one("#consignor", CustomerPicker).query_box.focus()
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert box(app, "commission").disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = get_item(ui_ctx, item.number)
    assert not after.consigned and after.commission_bp is None


async def test_a_sold_item_shows_sold_and_keeps_its_status(ui_ctx: Context) -> None:
    item = sell_item(ui_ctx, create_item(ui_ctx, ItemValues(title="Lamp")).number, 5_000)
    app = host(ui_ctx, item)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not form(app).query("#f-status")
        assert "Sold" in str(form(app).query_one("#sold-status").render())
        await type_into(pilot, box(app, "title"), "Brass lamp")
        await pilot.press("ctrl+s")
        await settle(pilot)
    after = get_item(ui_ctx, item.number)
    assert (after.title, after.status, after.sold_cents) == ("Brass lamp", "Sold", 5_000)


async def test_esc_with_unsaved_changes_asks_before_discarding(ui_ctx: Context) -> None:
    app = host(ui_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, box(app, "title"), "Lamp")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, AskScreen)
        await pilot.press("n")
        await settle(pilot)
        assert box(app, "title").value == "Lamp"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert app.answers == [None]
    assert items(ui_ctx) == 0


async def test_esc_on_an_untouched_form_just_closes(ui_ctx: Context) -> None:
    app = host(ui_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.answers == [None]


async def test_someone_elses_save_is_said_with_who(ui_ctx: Context) -> None:
    item = create_item(ui_ctx, ItemValues(title="Lamp"))
    app = host(ui_ctx, item)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        update_item(replace(ui_ctx, user="colleague"), item.number, ItemValues(title="Old lamp"))
        await type_into(pilot, box(app, "title"), "Brass lamp")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = str(form(app).query_one("#dialog-error", Label).render())
        assert "colleague changed I-000001" in said and "nothing was saved" in said
        assert isinstance(app.screen, ItemFormScreen)
    assert get_item(ui_ctx, item.number).title == "Old lamp"


# -- plans -----------------------------------------------------------------------------------------


async def test_on_pro_there_is_no_consignment_in_the_form(
    ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    pro = replace(ui_ctx, business=set_plan(ui_ctx, "pro"))
    app = host(pro)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for gone in ("#row-consignor", "#row-commission", "#row-expiry_date", "#row-at_expiry"):
            assert not form(app).query(gone), gone
        assert not form(app).query(CustomerPicker)
        await type_into(pilot, box(app, "title"), "Lamp")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.answers and app.answers[0] is not None


async def test_on_free_items_are_kept_without_customers(ui_ctx: Context) -> None:
    free = replace(ui_ctx, business=set_plan(ui_ctx, "free"))
    app = host(free)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not form(app).query(CustomerPicker)
        assert not form(app).query("#row-commission")
        await type_into(pilot, box(app, "title"), "Lamp")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = app.answers[0]
    assert saved is not None and get_item(free, saved.number).title == "Lamp"


async def test_on_premium_every_field_is_there(ui_ctx: Context) -> None:
    app = host(ui_ctx)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for row in ("title", "category", "status", "retail", "intake_date", "consignor",
                    "commission", "expiry_date", "at_expiry"):  # fmt: skip
            assert form(app).query(f"#row-{row}"), row
