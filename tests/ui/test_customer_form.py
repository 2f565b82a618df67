"""The edit form, as a clerk fills it: add, edit, clear, errors, duplicates, conflicts.

SPEC "Screens" -> Edit form. The messages beside the fields must be the core's, word for word.
"""

from __future__ import annotations

import threading

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, Select, Static

from custtui.core.customers import lookup
from custtui.core.customers.lookup import (
    Editable,
    customer_count,
    editable,
    get_customer,
    reveal_sensitive,
)
from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import (
    EMAIL_TAKEN_ON_CREATE,
    create_customer,
    update_customer,
)
from custtui.core.errors import ValidationError
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.runtime.config import Settings
from custtui.core.store.businesses import Context, set_plan
from custtui.core.store.engine import Store
from custtui.ui.app import CusttuiApp, make_app
from custtui.ui.screens import customer_form
from custtui.ui.screens.ask import AskScreen
from custtui.ui.screens.customer_form import CustomerForm
from custtui.ui.screens.customer_list import CustomerListScreen
from custtui.ui.screens.help import HelpScreen
from custtui.ui.textual_compat import select_prompts

from .helpers import SETTLE_DEADLINE, detail, open_profile, opened, settle

WIDE = (120, 40)


@pytest.fixture
def bare_app(ui_settings: Settings, ui_store: Store) -> CusttuiApp:
    """The app on a store with no customers yet."""
    return make_app(ui_settings, ui_store)


def form(app: CusttuiApp) -> CustomerForm:
    screen = app.screen
    assert isinstance(screen, CustomerForm), f"no form open: {screen!r}"
    return screen


def field(app: CusttuiApp, name: str) -> Input:
    return form(app).query_one(f"#f-{name}", Input)


def message(app: CusttuiApp, name: str) -> str:
    labels = form(app).query(f"#error-{name}")  # made when the field first has a message
    return str(labels.first(Label).render()) if labels and labels.first().display else ""


async def fill(pilot: Pilot[None], app: CusttuiApp, name: str, text: str) -> None:
    """Focus the field, clear it, and type like a user."""
    box = field(app, name)
    box.focus()
    await pilot.pause()
    box.value = ""
    if text:
        await pilot.press(*text)


async def new_form(pilot: Pilot[None], app: CusttuiApp) -> None:
    await settle(pilot)
    await pilot.press("ctrl+n")
    await settle(pilot)
    form(app)


async def edit_form(pilot: Pilot[None], app: CusttuiApp, customer: CustomerRecord) -> None:
    await open_profile(pilot, app, customer.number)
    await pilot.press("e")
    await settle(pilot)
    form(app)


# -- add -------------------------------------------------------------------------------------------


async def test_add_with_only_a_first_and_last_name_lands_on_the_profile(
    bare_app: CusttuiApp, ui_ctx: Context
) -> None:
    app = bare_app
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        assert app.focused is field(app, "first_name")
        assert field(app, "country").value == "US"
        await pilot.press(*"Grace", "tab", *"Hopper", "ctrl+s")
        await settle(pilot)
        assert opened(app) == "C-000001  Grace Hopper"
    grace = get_customer(ui_ctx, 1)
    assert (grace.first_name, grace.last_name, grace.country) == ("Grace", "Hopper", "US")
    assert grace.active and not grace.on_hold and grace.preferred_contact == "No Preference"


async def test_tab_moves_through_the_fields_in_reading_order(bare_app: CusttuiApp) -> None:
    app = bare_app
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        seen = []
        for _ in range(8):
            seen.append(app.focused.id if app.focused else None)
            await pilot.press("tab")
        assert seen == [
            "f-first_name",
            "f-last_name",
            "f-company",
            "f-email",
            "f-phone",
            "f-mobile_phone",
            "f-date_of_birth",
            "f-driver_license",
        ]
        for _ in range(40):
            if app.focused is not None and app.focused.id == "save":
                break
            await pilot.press("tab")
        assert app.focused is not None and app.focused.id == "save"


BAD_VALUES = [
    ("email", "not-an-email"),
    ("phone", "12"),
    ("mobile_phone", "555"),
    ("date_of_birth", "2999-01-01"),
    ("dl_state", "New York"),
    ("instagram", "no spaces allowed"),
    ("customer_since", "yesterday"),
    ("consignor_code", "TOO-LONG"),
]


@pytest.mark.parametrize(("name", "bad"), BAD_VALUES)
async def test_each_invalid_field_shows_the_core_message_and_nothing_is_saved(
    bare_app: CusttuiApp, ui_ctx: Context, name: str, bad: str
) -> None:
    app = bare_app
    with pytest.raises(ValidationError) as core:
        create_customer(ui_ctx, {"first_name": "A", "last_name": "B", name: bad})
    expected = core.value.errors[name]
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        await fill(pilot, app, "first_name", "Grace")
        await fill(pilot, app, "last_name", "Hopper")
        await fill(pilot, app, name, bad)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message(app, name) == expected
        assert app.focused is field(app, name)
    assert customer_count(ui_ctx) == 0


async def test_every_invalid_field_is_marked_and_focus_goes_to_the_first(
    bare_app: CusttuiApp, ui_ctx: Context
) -> None:
    app = bare_app
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        await fill(pilot, app, "email", "nope")
        await fill(pilot, app, "dl_state", "XYZ")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message(app, "first_name") == "First name is required."
        assert message(app, "last_name") == "Last name is required."
        assert message(app, "email") != "" and message(app, "dl_state") != ""
        assert message(app, "company") == ""
        assert app.focused is field(app, "first_name")
        summary = str(form(app).query_one("#form-error", Label).render())
        assert summary.startswith("Nothing was saved: fix the 4 marked fields.")
    assert customer_count(ui_ctx) == 0


async def test_the_state_is_picked_from_the_country_subdivisions(
    bare_app: CusttuiApp, ui_ctx: Context
) -> None:
    app = bare_app
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        states = form(app).query_one("#f-state-select", Select)
        assert states.display and not field(app, "state").display
        await fill(pilot, app, "country", "Canada")
        await settle(pilot)
        prompts = select_prompts(states)
        assert "Ontario (ON)" in prompts and "California (CA)" not in prompts
        states.value = "ON"
        await fill(pilot, app, "country", "VA")  # Vatican City: no subdivisions
        await settle(pilot)
        assert not states.display and field(app, "state").display
        await fill(pilot, app, "state", "Cortile")
        await fill(pilot, app, "country", "CA")
        await settle(pilot)
        await fill(pilot, app, "first_name", "Ann")
        await fill(pilot, app, "last_name", "Leblanc")
        form(app).query_one("#f-state-select", Select).value = "QC"
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = get_customer(ui_ctx, 1)
    assert (saved.country, saved.state) == ("CA", "QC")


# -- edit ------------------------------------------------------------------------------------------


@pytest.fixture
def slow_read(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The customer's editable values are read only once the returned event is set."""
    release = threading.Event()

    def held(ctx: Context, number: int | str) -> Editable:
        assert release.wait(SETTLE_DEADLINE)
        return editable(ctx, number)

    monkeypatch.setattr(lookup, "editable", held)
    monkeypatch.setattr(customer_form, "editable", held)
    return release


async def test_the_edit_form_appears_with_its_values_never_empty_first(
    app: CusttuiApp, shop: dict[str, CustomerRecord], slow_read: threading.Event
) -> None:
    zoe = shop["Zoë"]
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, zoe.number)
        await pilot.press("e")
        for _ in range(5):  # while her values are read, no empty form is on screen
            await pilot.pause(0.01)
            screen = app.screen
            assert not isinstance(screen, CustomerForm) or field(app, "first_name").value
        slow_read.set()
        await settle(pilot)
        assert field(app, "first_name").value == "Zoë"
        assert field(app, "company").value == "Acme Cars"


async def test_leaving_the_profile_before_the_values_are_read_opens_no_form(
    app: CusttuiApp, shop: dict[str, CustomerRecord], slow_read: threading.Event
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Zoë"].number)
        await pilot.press("e", "escape")
        slow_read.set()
        await settle(pilot)
        assert isinstance(app.screen, CustomerListScreen)


async def test_the_form_shows_the_record_and_a_blanked_field_is_cleared(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    zoe = shop["Zoë"]
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, zoe)
        assert field(app, "company").value == "Acme Cars"
        assert field(app, "phone").value == "(415) 555-2671"
        await fill(pilot, app, "company", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert opened(app) == "C-000001  Zoë Müller"
        assert "Acme Cars" not in str(detail(app).query_one("#relationship").render())
    saved = get_customer(ui_ctx, zoe.number)
    assert saved.company is None and saved.phone == "+14155552671"
    assert saved.version == zoe.version + 1


async def test_sensitive_fields_are_masked_in_the_form_and_kept_when_untouched(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    ann = shop["Ann"]
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, ann)
        assert field(app, "driver_license").password
        assert field(app, "date_of_birth").password
        license_box = field(app, "driver_license")
        license_box.focus()
        await pilot.press("ctrl+shift+a", "ctrl+c", "ctrl+x")  # select all, copy, cut: refused
        assert license_box.value == "D7654321"
        assert "D7654321" not in app.clipboard
        await fill(pilot, app, "company", "Baker & Co")
        await pilot.press("ctrl+s")
        await settle(pilot)
    kept = reveal_sensitive(ui_ctx, ann.number)
    assert kept.driver_license == "D7654321" and str(kept.date_of_birth) == "1985-03-14"


async def test_escape_without_changes_just_closes(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, shop["Bob"])
        await pilot.press("escape")
        await settle(pilot)
        assert opened(app) == "C-000003  Bob Carter"


async def test_escape_with_changes_asks_before_discarding(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, shop["Bob"])
        await fill(pilot, app, "company", "Changed Motors")
        await pilot.press("escape")
        ask = app.screen
        assert isinstance(ask, AskScreen) and ask.heading == "Discard unsaved changes?"
        await pilot.press("n")  # keep editing
        assert field(app, "company").value == "Changed Motors"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert opened(app) == "C-000003  Bob Carter"
    assert get_customer(ui_ctx, shop["Bob"].number).company == "Acme Motors"


# -- consignment on each plan ----------------------------------------------------------------------


async def test_consignor_fields_only_on_premium_and_locked_while_items_are_consigned(
    ui_settings: Settings, ui_store: Store, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    eve = shop["Eve"]
    add_items(ui_ctx, [NewItem("Rolex", "Watches", consignor_id=eve.id, commission_bp=1000)])
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, eve)
        toggle = form(app).query_one("#f-is_consignor", Checkbox)
        assert toggle.value and toggle.disabled
        assert field(app, "consignor_code").value == "EVE1"
    set_plan(ui_ctx, "pro")
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, shop["Bob"])
        assert not form(app).query("#f-is_consignor")
        assert not form(app).query("#f-consignor_code")


# -- duplicates ------------------------------------------------------------------------------------


async def test_same_name_warns_and_can_open_the_existing_customer(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        await fill(pilot, app, "first_name", " ann ")
        await fill(pilot, app, "last_name", "BAKER")
        await pilot.press("ctrl+s")
        await settle(pilot)
        ask = app.screen
        assert isinstance(ask, AskScreen)
        assert ask.heading == "There is already a customer called ann BAKER"
        assert "C-000002  Ann Baker" in ask.message
        await pilot.press("o")
        await settle(pilot)
        assert opened(app) == "C-000002  Ann Baker"
    assert customer_count(ui_ctx) == 5


async def test_same_name_can_be_saved_anyway(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        await fill(pilot, app, "first_name", "Ann")
        await fill(pilot, app, "last_name", "Baker")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("b")  # back to the form first
        assert form(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert opened(app) == "C-000006  Ann Baker"
    assert customer_count(ui_ctx) == 6


# -- conflicts between two terminals ---------------------------------------------------------------


async def test_two_apps_on_one_database_never_lose_an_update_silently(
    ui_settings: Settings, ui_store: Store, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    zoe = shop["Zoë"]
    other_store = Store.open(ui_settings.database_url, ui_settings.key_file)
    first = make_app(ui_settings, ui_store)
    second = make_app(ui_settings, other_store)
    try:
        async with first.run_test(size=WIDE) as one, second.run_test(size=WIDE) as two:
            await edit_form(one, first, zoe)
            await edit_form(two, second, zoe)
            # The second terminal saves first.
            await fill(two, second, "phone", "(212) 555-0100")
            await two.press("ctrl+s")
            await settle(two)
            assert opened(second) == "C-000001  Zoë Müller"
            # The first one's save is refused, with who and when.
            await fill(one, first, "company", "Acme Classic Cars")
            await one.press("ctrl+s")
            await settle(one)
            ask = first.screen
            assert isinstance(ask, AskScreen)
            assert ask.heading == "Someone else saved this customer"
            assert "tester saved C-000001 at" in ask.message
            assert get_customer(ui_ctx, zoe.number).company == "Acme Cars"  # nothing lost yet
            # Reload: the saved values in the fields, the user's own edit beside its field.
            await one.press("r")
            await settle(one)
            assert field(first, "phone").value == "(212) 555-0100"
            assert field(first, "company").value == "Acme Cars"
            assert message(first, "company") == "Your edit: Acme Classic Cars"
            await fill(one, first, "company", "Acme Classic Cars")
            await one.press("ctrl+s")
            await settle(one)
            assert opened(first) == "C-000001  Zoë Müller"
        saved = get_customer(ui_ctx, zoe.number)
        assert (saved.phone, saved.company) == ("+12125550100", "Acme Classic Cars")
    finally:
        other_store.close()


async def test_overwrite_after_a_conflict_saves_the_form_over_the_other_change(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord], other_terminal: Context
) -> None:
    bob = shop["Bob"]
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, bob)
        update_customer(other_terminal, bob.number, {"company": "Their Motors"})
        await fill(pilot, app, "email", "bob@carter.example")
        await pilot.press("ctrl+s")
        await settle(pilot)
        ask = app.screen
        assert isinstance(ask, AskScreen)
        assert "colleague saved C-000003" in ask.message
        await pilot.press("o")
        await settle(pilot)
        assert opened(app) == "C-000003  Bob Carter"
    saved = get_customer(ui_ctx, bob.number)
    assert (saved.email, saved.company) == ("bob@carter.example", "Acme Motors")


async def test_new_customer_is_in_the_palette_and_the_list_key(app: CusttuiApp) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"new cust")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert form(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomerListScreen)


# -- a stray key can't wipe the form ---------------------------------------------------------------


async def test_tab_into_a_field_selects_nothing_so_a_key_adds_to_the_value(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, shop["Eve"])
        code = field(app, "consignor_code")
        code.focus()
        await pilot.pause()
        await pilot.press("home", "shift+tab")  # leave with the cursor at the start...
        await pilot.pause()
        await pilot.press("tab")  # ...and come back
        await pilot.pause()
        assert app.focused is code
        assert code.selection.is_empty and code.cursor_position == len("EVE1")
        await pilot.press("2")
        assert code.value == "EVE12"
        await pilot.press("shift+tab", "shift+tab", "tab", "tab")
        assert code.value == "EVE12" and code.selection.is_empty


async def test_checkboxes_say_on_and_off_in_text_not_only_in_colour(
    bare_app: CusttuiApp,
) -> None:
    app = bare_app
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        consignor = form(app).query_one("#f-is_consignor", Checkbox)
        assert str(consignor.render()).startswith("[ ] Consignor")
        consignor.focus()
        await pilot.press("space")
        assert consignor.value
        assert str(consignor.render()).startswith("[x] Consignor")


async def test_the_locked_consignor_box_says_why_on_screen(
    ui_settings: Settings, ui_store: Store, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    eve = shop["Eve"]
    add_items(ui_ctx, [NewItem("Rolex", "Watches", consignor_id=eve.id, commission_bp=1000)])
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, eve)
        note = form(app).query_one("#note-is_consignor", Label)
        assert note.display
        assert str(note.render()) == "Locked on: this customer has consigned 1 item."
        assert str(form(app).query_one("#f-is_consignor", Checkbox).render()).startswith("[x]")
    app = make_app(ui_settings, ui_store)
    async with app.run_test(size=WIDE) as pilot:
        await edit_form(pilot, app, shop["Dan"])  # a consignor with nothing consigned
        assert not form(app).query_one("#note-is_consignor", Label).display


# -- help, live errors, and the duplicate question last --------------------------------------------


async def test_f1_in_the_form_shows_the_form_keys(bare_app: CusttuiApp) -> None:
    app = bare_app
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        await pilot.press("f1")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        text = str(help_screen.query_one("#help-text", Static).render())
        assert "Save the customer" in text and "Next field" in text
        await pilot.press("escape")
        await pilot.pause()
        assert form(app)


async def test_a_field_error_clears_as_soon_as_the_value_is_valid(
    bare_app: CusttuiApp, ui_ctx: Context
) -> None:
    app = bare_app
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        await fill(pilot, app, "first_name", "Grace")
        await fill(pilot, app, "email", "grace")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message(app, "last_name") == "Last name is required."
        assert message(app, "email") != ""
        summary = form(app).query_one("#form-error", Label)
        assert str(summary.render()) == "Nothing was saved: fix the 2 marked fields."
        assert app.focused is field(app, "last_name")  # the first marked field
        field(app, "email").focus()
        await pilot.pause()
        await pilot.press(*"@navy")  # still no domain: still marked
        await pilot.pause()
        assert message(app, "email") != ""
        await pilot.press(*".example")
        await pilot.pause()
        assert message(app, "email") == ""
        assert str(summary.render()) == "Nothing was saved: fix the marked field."
        await fill(pilot, app, "last_name", "Hopper")
        await pilot.pause()
        assert message(app, "last_name") == "" and str(summary.render()) == ""
        await fill(pilot, app, "last_name", "")  # made wrong again: marked again
        await pilot.pause()
        assert message(app, "last_name") == "Last name is required."
    assert customer_count(ui_ctx) == 0


async def test_every_rule_is_checked_before_the_same_name_question(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await new_form(pilot, app)
        await fill(pilot, app, "first_name", "Ann")
        await fill(pilot, app, "last_name", "Baker")
        await fill(pilot, app, "email", "zoe@example.com")  # Zoë's
        await fill(pilot, app, "phone", "12")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, AskScreen)
        assert message(app, "email") == EMAIL_TAKEN_ON_CREATE
        assert message(app, "phone") != ""
        await fill(pilot, app, "phone", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert message(app, "email") == EMAIL_TAKEN_ON_CREATE  # still Zoë's
        assert not isinstance(app.screen, AskScreen)
        await fill(pilot, app, "email", "ann.baker2@example.org")
        assert message(app, "email") == ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        ask = app.screen
        assert isinstance(ask, AskScreen)
        assert ask.heading == "There is already a customer called Ann Baker"
        await pilot.press("s")
        await settle(pilot)
        assert opened(app) == "C-000006  Ann Baker"
    assert customer_count(ui_ctx) == 6
