"""The customer's profile, as a clerk uses it: panels, reveal, notes, items, history, delete.

SPEC "Screens" -> Detail. Real app, real SQLite store; assertions on what the screen shows and
on what the store holds afterwards.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from textual.widgets import DataTable, Input, Label, OptionList, Static, Tab, TabbedContent

from custtui.core.customers.lookup import get_customer
from custtui.core.customers.notes import add_note, list_notes
from custtui.core.customers.record import CustomerRecord
from custtui.core.customers.service import create_customer, delete_customer, update_customer
from custtui.core.errors import NotFoundError
from custtui.core.items.bulk import NewItem, add_items
from custtui.core.store.businesses import Context, set_plan
from custtui.core.store.models import AuditEvent, Item
from custtui.ui.app import CusttuiApp
from custtui.ui.screens.ask import AskScreen
from custtui.ui.screens.customer_list import CustomerListScreen
from custtui.ui.widgets.detail.notes import NoteBox
from custtui.ui.widgets.field_panel import FieldPanel

from .helpers import SIZE, detail, notices, open_profile, opened, settle, type_text

WIDE = (120, 36)


def panel(app: CusttuiApp, name: str) -> str:
    """The text of a panel as drawn, or '' when the panel is hidden."""
    widget = detail(app).query_one(f"#{name}", FieldPanel)
    return str(widget.render()) if widget.display else ""


def panel_links(app: CusttuiApp, name: str) -> dict[str, str]:
    """Link text -> URL of the terminal hyperlinks in a panel."""
    content = detail(app).query_one(f"#{name}", FieldPanel).render()
    links = {}
    for span in content.spans:
        style = span.style
        url = getattr(style, "link", None)
        if url:
            links[content.plain[span.start : span.end]] = url
    return links


def options(app: CusttuiApp, selector: str) -> list[str]:
    log = detail(app).query_one(selector, OptionList)
    return [str(log.get_option_at_index(i).prompt) for i in range(log.option_count)]


def table_rows(app: CusttuiApp, selector: str) -> list[list[str]]:
    table = detail(app).query_one(selector, DataTable)
    return [[str(cell).strip() for cell in table.get_row_at(i)] for i in range(table.row_count)]


def audit_actions(ctx: Context, customer_id: int) -> list[str]:
    with ctx.store.read() as session:
        query = select(AuditEvent.action).where(AuditEvent.customer_id == customer_id)
        return list(session.scalars(query.order_by(AuditEvent.id)))


# -- header and panels -----------------------------------------------------------------------------


async def test_header_shows_name_number_and_badges(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    update_customer(ui_ctx, shop["Eve"].number, {"on_hold": True, "active": False})
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Eve"].number)
        head = str(detail(app).query_one("#detail-head", Static).render())
        assert "Eve Adams" in head and "C-000005" in head
        assert "Consignor EVE1" in head and "On hold" in head and "Inactive" in head
        await pilot.press("escape")
        app.open_number(shop["Bob"].number)
        await settle(pilot)
        head = str(detail(app).query_one("#detail-head", Static).render())
        assert "Consignor" not in head and "On hold" not in head and "Inactive" not in head


async def test_panels_show_only_populated_fields(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Ann"].number)
        contact = panel(app, "contact")
        assert "ann.baker@example.org" in contact
        assert "(212) 555-0100" in contact
        assert "12 Market St" in contact and "San Francisco, CA 94103" in contact
        assert "Mobile" not in contact and "Instagram" not in contact
        assert panel(app, "relationship") == ""  # none of its fields is set
        await pilot.press("escape")
        await open_profile(pilot, app, shop["Zoë"].number)
        assert "Acme Cars" in panel(app, "relationship")
        assert panel(app, "identification") == ""


async def test_social_links_are_terminal_hyperlinks_that_read_as_addresses(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    update_customer(
        ui_ctx,
        shop["Zoë"].number,
        {"instagram": "@zoe.cars", "facebook": "facebook.com/zoecars"},
    )
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Zoë"].number)
        assert panel_links(app, "contact") == {
            "instagram.com/zoe.cars": "https://instagram.com/zoe.cars",
            "facebook.com/zoecars": "https://facebook.com/zoecars",
        }


async def test_identification_is_masked_until_revealed_and_each_reveal_is_audited(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Ann"].number)
        shown = panel(app, "identification")
        assert "•••• 4321" in shown and "••••-••-••" in shown and "NY" in shown
        assert "D7654321" not in shown and "1985" not in shown
        await pilot.press("r")
        await settle(pilot)
        shown = panel(app, "identification")
        assert "D7654321" in shown and "1985-03-14" in shown
        assert audit_actions(ui_ctx, shop["Ann"].id).count("sensitive_revealed") == 1
        await pilot.press("r")
        assert "D7654321" not in panel(app, "identification")
        await pilot.press("r")
        await settle(pilot)
        assert audit_actions(ui_ctx, shop["Ann"].id).count("sensitive_revealed") == 2


# -- notes -----------------------------------------------------------------------------------------


async def test_every_note_hint_names_ctrl_s_which_a_plain_terminal_sends(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    # Over SSH and tmux Ctrl+Enter arrives as Enter: a hint naming it adds blank lines.
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Bob"].number)
        hint = detail(app).query_one("#note-hint", Label)
        assert "Ctrl+S saves" in str(hint.render()) and "Enter" not in str(hint.render())
        await pilot.press("n")
        await type_text(pilot, "Call back Tuesday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [n.text for n in list_notes(ui_ctx, shop["Bob"].number)] == ["Call back Tuesday"]
        await pilot.press("tab", "enter")  # the note, to edit it
        await settle(pilot)
        assert "Ctrl+S saves, Esc cancels" in str(hint.render())
        assert "Ctrl+Enter" not in str(hint.render())


async def test_notes_are_added_with_ctrl_enter_and_listed_newest_first(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    add_note(ui_ctx, shop["Bob"].number, "Older note")
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Bob"].number)
        await pilot.press("n")
        assert isinstance(app.focused, NoteBox)
        await type_text(pilot, "Wants a Speedmaster")
        await pilot.press("ctrl+enter")
        await settle(pilot)
        assert [n.text for n in list_notes(ui_ctx, shop["Bob"].number)] == [
            "Wants a Speedmaster",
            "Older note",
        ]
        shown = options(app, "#notes")
        assert "Wants a Speedmaster" in shown[0] and "tester" in shown[0]
        assert "Older note" in shown[1]
        assert detail(app).query_one(NoteBox).text == ""
        assert "note_added" in audit_actions(ui_ctx, shop["Bob"].id)
        await pilot.press("escape")  # out of the box: letters are keys again
        assert not isinstance(app.focused, NoteBox)
        await pilot.press("e")
        await settle(pilot)
        assert type(app.screen).__name__ == "CustomerForm"


async def test_an_empty_note_is_refused_with_a_message(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Bob"].number)
        await pilot.press("n", "space", "ctrl+enter")
        await settle(pilot)
        assert notices(app) == ["Note not saved: A note can't be empty."]
        assert list_notes(ui_ctx, shop["Bob"].number) == []
        assert "No notes yet." in str(detail(app).query_one("#notes-empty", Static).render())


async def test_a_note_is_edited_in_place_and_escape_cancels_an_edit(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    add_note(ui_ctx, shop["Bob"].number, "Call back Monday")
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Bob"].number)
        detail(app).query_one("#notes", OptionList).focus()
        await pilot.press("enter")
        box = detail(app).query_one(NoteBox)
        assert app.focused is box and box.text == "Call back Monday"
        await pilot.press("end", *" - done")
        await pilot.press("escape")  # cancel: nothing saved
        await settle(pilot)
        assert list_notes(ui_ctx, shop["Bob"].number)[0].text == "Call back Monday"
        assert box.text == ""
        detail(app).query_one("#notes", OptionList).focus()
        await pilot.press("enter", "end", *" - done", "ctrl+enter")
        await settle(pilot)
        (note,) = list_notes(ui_ctx, shop["Bob"].number)
        assert note.text == "Call back Monday - done" and note.updated_at is not None
        assert "(edited)" in options(app, "#notes")[0]
        assert audit_actions(ui_ctx, shop["Bob"].id)[-1] == "note_updated"


async def test_a_note_is_deleted_only_after_confirmation(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    add_note(ui_ctx, shop["Bob"].number, "Temporary")
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Bob"].number)
        detail(app).query_one("#notes", OptionList).focus()
        await pilot.press("x")
        assert isinstance(app.screen, AskScreen)
        await pilot.press("n")  # keep it
        await settle(pilot)
        assert len(list_notes(ui_ctx, shop["Bob"].number)) == 1
        await pilot.press("x", "y")
        await settle(pilot)
        assert list_notes(ui_ctx, shop["Bob"].number) == []
        assert audit_actions(ui_ctx, shop["Bob"].id)[-1] == "note_deleted"


# -- purchases and consigned items -----------------------------------------------------------------


async def test_purchases_tab_lists_items_with_the_summary(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    bob = shop["Bob"]
    add_items(
        ui_ctx,
        [
            NewItem("Omega Seamaster", "Watches", "Sold", 500000, 450000, date(2025, 3, 1), bob.id),
            NewItem("Les Paul", "Guitars", "Sold", 200000, 180050, date(2026, 1, 9), bob.id),
        ],
    )
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, bob.number)
        await pilot.press("p")
        await settle(pilot)
        summary = str(detail(app).query_one("#purchases-summary", Static).render())
        assert summary == "2 purchases · $6,300.50 spent · 2025-03-01 – 2026-01-09"
        assert table_rows(app, "#purchases-table") == [
            ["♫", "Les Paul", "Guitars", "2026-01-09", "$1,800.50"],
            ["◷", "Omega Seamaster", "Watches", "2025-03-01", "$4,500.00"],
        ]
        await pilot.press("o")
        await open_profile(pilot, app, shop["Ann"].number)
        await pilot.press("p")
        await settle(pilot)
        assert str(detail(app).query_one("#purchases-summary", Static).render()) == (
            "No purchases."
        )


async def test_consigned_tab_only_for_consignors_on_premium(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    eve = shop["Eve"]
    add_items(
        ui_ctx,
        [
            NewItem(
                "Rolex 1601",
                "Watches",
                "Collection",
                650000,
                consignor_id=eve.id,
                commission_bp=1250,
            ),
            NewItem(
                "Nikon F2",
                "Cameras",
                "Sold",
                60000,
                55000,
                date(2026, 5, 2),
                shop["Bob"].id,
                consignor_id=eve.id,
                commission_bp=2000,
            ),
        ],
    )
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, eve.number)
        await pilot.press("c")
        await settle(pilot)
        summary = str(detail(app).query_one("#consigned-summary", Static).render())
        assert summary == "1 active · $6,500.00 in stock · 1 sold · $550.00 proceeds"
        assert table_rows(app, "#active-table") == [
            ["◷", "Rolex 1601", "Collection", "$6,500.00", "12.5%"]
        ]
        assert table_rows(app, "#sold-table") == [
            ["◙", "Nikon F2", "2026-05-02", "$550.00", "$110.00"]
        ]
        await pilot.press("escape")
        await open_profile(pilot, app, shop["Bob"].number)
        await pilot.press("c")
        assert detail(app).query_one("#tabs", TabbedContent).active == "overview"

    set_plan(ui_ctx, "pro")
    pro_app = CusttuiApp(ui_ctx.refreshed())
    async with pro_app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, pro_app, eve.number)
        await pilot.press("c")
        assert detail(pro_app).query_one("#tabs", TabbedContent).active == "overview"
        head = str(detail(pro_app).query_one("#detail-head", Static).render())
        assert "Consignor" not in head


# -- history ---------------------------------------------------------------------------------------


async def test_history_shows_who_changed_what_and_restores_a_cleared_field(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord], other_terminal: Context
) -> None:
    zoe = shop["Zoë"]
    update_customer(other_terminal, zoe.number, {"phone": ""})
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, zoe.number)
        await pilot.press("h")
        await settle(pilot)
        lines = options(app, "#history-log")
        assert "colleague" in lines[0] and "Phone: (415) 555-2671 → (blank)" in lines[0]
        assert "tester" in lines[-1] and "Created" in lines[-1]
        detail(app).query_one("#history-log", OptionList).focus()
        await pilot.press("home", "u")
        await settle(pilot)
        assert get_customer(ui_ctx, zoe.number).phone == "+14155552671"
        assert "(415) 555-2671" in panel(app, "contact")
        lines = options(app, "#history-log")
        assert "tester" in lines[0] and "Phone: (blank) → (415) 555-2671" in lines[0]
        assert audit_actions(ui_ctx, zoe.id).count("customer_updated") == 2


async def test_history_names_what_a_customer_was_created_with(
    app: CusttuiApp, ui_ctx: Context
) -> None:
    walk_in = create_customer(
        ui_ctx,
        {
            "first_name": "Wendy",
            "last_name": "Walker",
            "phone": "(415) 555-0101",
            "discovery_source": "Walk-in",
        },
    )
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, walk_in.number)
        await pilot.press("h")
        await settle(pilot)
        created = options(app, "#history-log")[-1]
        assert "Created" in created
        assert "Phone: (415) 555-0101 · " in created
        assert "Discovery source: Walk-in" in created


# -- delete ----------------------------------------------------------------------------------------


async def test_delete_asks_first_and_returns_to_the_list(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    bob = shop["Bob"]
    add_items(ui_ctx, [NewItem("Omega", "Watches", "Sold", 1000, 900, date(2026, 1, 1), bob.id)])
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, bob.number)
        await pilot.press("d")
        assert isinstance(app.screen, AskScreen)
        await pilot.press("escape")
        assert opened(app) == "C-000003  Bob Carter"
        await pilot.press("d", "y")
        await settle(pilot)
        assert isinstance(app.screen, CustomerListScreen)
        assert notices(app)[-1] == "Deleted: Deleted Bob Carter (C-000003)."
    try:
        get_customer(ui_ctx, bob.number)
        raise AssertionError("still there")
    except NotFoundError:
        pass
    with ui_ctx.store.read() as session:
        assert session.scalar(select(Item.buyer_name)) == "Bob Carter"


async def test_delete_is_refused_for_a_consignor_with_items(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    eve = shop["Eve"]
    add_items(ui_ctx, [NewItem("Rolex", "Watches", consignor_id=eve.id, commission_bp=1000)])
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, eve.number)
        await pilot.press("d", "y")
        await settle(pilot)
        assert opened(app) == "C-000005  Eve Adams"
        assert notices(app)[-1] == (
            "Not deleted: Eve Adams has 1 consigned item, so can't be deleted; "
            "return or reassign them first."
        )
    assert get_customer(ui_ctx, eve.number).first_name == "Eve"


async def test_a_customer_deleted_elsewhere_closes_with_a_message(
    app: CusttuiApp, shop: dict[str, CustomerRecord], other_terminal: Context
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        delete_customer(other_terminal, shop["Ann"].number)
        app.open_number(shop["Ann"].number)
        await settle(pilot)
        assert isinstance(app.screen, CustomerListScreen)
        assert notices(app) == ["Error: No customer C-000002."]


async def test_tabs_carry_their_counts_and_consigned_is_hidden_for_non_consignors(
    app: CusttuiApp, ui_ctx: Context
) -> None:
    solo = create_customer(ui_ctx, {"first_name": "Solo", "last_name": "Person"})
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, solo.number)
        tabs = [str(t.label) for t in detail(app).query("ContentTab").results(Tab) if t.display]
        assert tabs == ["Overview", "Purchases (0)", "History (1)"]


async def test_the_newest_fifty_notes_show_first_and_older_ones_on_request(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    for i in range(60):
        add_note(ui_ctx, shop["Bob"].number, f"Note {i:02d}")
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Bob"].number)
        shown = options(app, "#notes")
        assert len(shown) == 51 and "Note 59" in shown[0]
        assert shown[-1] == "Show 10 older notes (Enter)"
        log = detail(app).query_one("#notes", OptionList)
        log.focus()
        await pilot.press("end", "enter")
        shown = options(app, "#notes")
        assert len(shown) == 60 and "Note 00" in shown[-1]
        await pilot.press("n", *"Newest", "ctrl+enter")  # a reload keeps them all shown
        await settle(pilot)
        shown = options(app, "#notes")
        assert len(shown) == 61 and "Newest" in shown[0] and "Note 00" in shown[-1]


async def test_a_consignor_without_items_reads_none_in_a_word(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Dan"].number)
        await pilot.press("c")
        await settle(pilot)
        titles = [str(detail(app).query_one(f"#{t}-title").render()) for t in ("active", "sold")]
        assert titles == ["Active: none", "Sold: none"]


async def test_an_edit_masks_revealed_identification_again(
    app: CusttuiApp, shop: dict[str, CustomerRecord]
) -> None:
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, shop["Ann"].number)
        await pilot.press("r")
        await settle(pilot)
        assert "D7654321" in panel(app, "identification")
        await pilot.press("e")
        await settle(pilot)
        box = app.screen.query_one("#f-driver_license", Input)
        box.value = "X1112222"
        await pilot.press("ctrl+s")
        await settle(pilot)
        shown = panel(app, "identification")
        assert "•••• 2222" in shown and "D7654321" not in shown and "X1112222" not in shown


# -- focus follows the key -------------------------------------------------------------------------


async def test_the_tab_a_key_opens_has_the_focus_so_arrows_move_at_once(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord], other_terminal: Context
) -> None:
    eve = shop["Eve"]  # a consignor, on premium: all four tabs
    add_note(ui_ctx, eve.number, "Older note")
    add_note(ui_ctx, eve.number, "Newer note")
    update_customer(other_terminal, eve.number, {"company": "Adams & Co"})
    add_items(
        ui_ctx,
        [
            NewItem("Omega Seamaster", "Watches", "Sold", 500000, 450000, date(2025, 3, 1), eve.id),
            NewItem("Les Paul", "Guitars", "Sold", 200000, 180050, date(2026, 1, 9), eve.id),
            NewItem("Leica M6", "Cameras", "Collection", 90000, consignor_id=eve.id),
            NewItem("Nikon F3", "Cameras", "Collection", 40000, consignor_id=eve.id),
        ],
    )
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_profile(pilot, app, eve.number)
        for key, selector in (
            ("h", "#history-log"),
            ("p", "#purchases-table"),
            ("c", "#active-table"),
            ("o", "#notes"),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert app.focused is screen.query_one(selector), f"{key}: {app.focused!r}"
            await pilot.press("down")
            await settle(pilot)
            moved = screen.query_one(selector)
            if isinstance(moved, DataTable):
                assert moved.cursor_row == 1, key
            else:
                assert isinstance(moved, OptionList) and moved.highlighted == 1, key


async def test_u_on_history_right_after_h_restores_and_stays_on_the_restored_line(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord], other_terminal: Context
) -> None:
    zoe = shop["Zoë"]
    update_customer(other_terminal, zoe.number, {"email": "zoe@elsewhere.example"})
    update_customer(other_terminal, zoe.number, {"phone": ""})
    async with app.run_test(size=WIDE) as pilot:
        await open_profile(pilot, app, zoe.number)
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("down", "u")  # the email change, below the phone's
        await settle(pilot)
        assert get_customer(ui_ctx, zoe.number).email == "zoe@example.com"
        log = detail(app).query_one("#history-log", OptionList)
        assert app.focused is log
        assert log.highlighted is not None
        line = str(log.get_option_at_index(log.highlighted).prompt)
        assert "tester" in line and "Email: zoe@elsewhere.example → zoe@example.com" in line
        await pilot.press("u")  # the same field again: puts back what the restore replaced
        await settle(pilot)
        assert get_customer(ui_ctx, zoe.number).email == "zoe@elsewhere.example"
        assert get_customer(ui_ctx, zoe.number).phone is None  # the phone was not touched


async def test_after_a_note_is_deleted_letter_keys_are_the_screens_again(
    app: CusttuiApp, ui_ctx: Context, shop: dict[str, CustomerRecord]
) -> None:
    add_note(ui_ctx, shop["Bob"].number, "Keep me")
    add_note(ui_ctx, shop["Bob"].number, "Temporary")
    async with app.run_test(size=WIDE) as pilot:
        screen = await open_profile(pilot, app, shop["Bob"].number)
        notes = screen.query_one("#notes", OptionList)
        notes.focus()
        await pilot.press("x", "y")  # the newest note
        await settle(pilot)
        assert [n.text for n in list_notes(ui_ctx, shop["Bob"].number)] == ["Keep me"]
        assert app.focused is notes
        await pilot.press("x", "y")  # the last one: the list hides
        await settle(pilot)
        assert list_notes(ui_ctx, shop["Bob"].number) == []
        await pilot.press("h")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "history"
        assert screen.query_one(NoteBox).text == ""
