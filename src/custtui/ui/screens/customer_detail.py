"""The customer's profile: contact, relationship, identification, notes, items, history."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import Any, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Label,
    OptionList,
    Static,
    TabbedContent,
    TabPane,
    Tabs,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from custtui.core.customers.history import Change, HistoryEntry, restore_change
from custtui.core.customers.items import ItemRecord, format_money, format_percent
from custtui.core.customers.notes import Note, add_note, delete_note, update_note
from custtui.core.customers.profile import Profile, load_profile
from custtui.core.customers.service import (
    CustomerRecord,
    Sensitive,
    delete_customer,
    reveal_sensitive,
)
from custtui.core.errors import CusttuiError
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.errors import error_text
from custtui.ui.formatting import (
    Line,
    category_icon,
    contact_lines,
    local_time,
    relationship_lines,
)
from custtui.ui.screens.ask import confirm
from custtui.ui.screens.customer_form import CustomerForm
from custtui.ui.widgets.field_panel import FieldPanel

# Defaults a creation line needn't repeat.
_NOT_SAID = frozenset({"", "Yes", "No", "No Preference"})
# The newest notes show at once; older ones on request (a profile may hold hundreds).
NOTES_SHOWN = 50


class NoteBox(TextArea):
    """Where a note is written: Ctrl+Enter (or Ctrl+S) saves, Escape cancels an edit."""

    BINDINGS = [
        Binding("ctrl+enter,ctrl+s", "save_note", "Save note", tooltip="Save the note"),
        Binding("escape", "leave", "Cancel", tooltip="Stop writing (an edit is cancelled)"),
    ]

    async def action_save_note(self) -> None:
        await cast(CustomerDetailScreen, self.screen).save_note()

    def action_leave(self) -> None:
        cast(CustomerDetailScreen, self.screen).leave_note()


class NotesLog(OptionList):
    BINDINGS = [
        Binding("enter", "edit_note", "Edit note", tooltip="Edit the highlighted note"),
        Binding("delete,x", "delete_note", "Delete note", tooltip="Delete the highlighted note"),
    ]

    def action_edit_note(self) -> None:
        cast(CustomerDetailScreen, self.screen).edit_note()

    def action_delete_note(self) -> None:
        cast(CustomerDetailScreen, self.screen).ask_delete_note()


class HistoryLog(OptionList):
    BINDINGS = [
        Binding("u", "restore", "Restore", tooltip="Put back the value this change replaced"),
    ]

    async def action_restore(self) -> None:
        await cast(CustomerDetailScreen, self.screen).restore_highlighted()


class CustomerDetailScreen(Screen[None]):
    """One customer, read-only until a key asks for a change."""

    BINDINGS = [
        Binding("escape", "back", "Back", tooltip="Back to the list", id="back"),
        Binding("e", "edit", "Edit", tooltip="Edit this customer", id="edit"),
        Binding("n", "new_note", "Note", tooltip="Write a new note", id="note"),
        Binding("r", "reveal", "Reveal", tooltip="Show or hide date of birth and driver license"),
        Binding("d", "delete", "Delete", tooltip="Delete this customer", id="delete"),
        Binding("o", "tab('overview')", "Overview", show=False, tooltip="Overview tab"),
        Binding("p", "tab('purchases')", "Purchases", show=False, tooltip="Purchases tab"),
        Binding("c", "tab('consigned')", "Consigned", show=False, tooltip="Consigned items tab"),
        Binding("h", "tab('history')", "History", show=False, tooltip="History tab"),
    ]

    help_keys = (
        ("o p c h", "Overview, Purchases, Consigned items, History tabs"),
        ("Tab", "Move between the note box, the notes and the tabs"),
        ("Enter / x", "On a note: edit it / delete it"),
        ("u", "On a history line: restore the value it replaced"),
    )

    def __init__(self, ctx: Context, number: int, profile: Profile | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.number = number
        self.profile: Profile | None = None
        self._preloaded = profile
        self.revealed: Sensitive | None = None
        self.editing_note: Note | None = None
        # Once the user asked for older notes, a reload (after a new note) keeps them shown.
        self.every_note = False
        self._filled: set[str] = set()

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static("Loading…", id="detail-head")
        with TabbedContent(id="tabs", initial="overview"):
            with TabPane("Overview", id="overview"):
                with Horizontal(id="overview-body"):
                    with VerticalScroll(id="panels"):
                        yield FieldPanel(id="contact")
                        yield FieldPanel(id="relationship")
                        yield FieldPanel(id="identification")
                    with Vertical(id="notes-panel", classes="panel"):
                        yield Label("New note (Ctrl+Enter saves)", id="note-hint")
                        yield NoteBox(id="note-box", soft_wrap=True, show_line_numbers=False)
                        yield Label("No notes yet.", id="notes-empty")
                        yield NotesLog(id="notes")
            # Their widgets are mounted when first shown: opening a profile styles and lays
            # out only what the overview needs.
            yield TabPane("Purchases", id="purchases")
            yield TabPane("Consigned", id="consigned")
            yield TabPane("History", id="history")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.ctx.business.name
        self.sub_title = "Customer"
        self.query_one("#contact").border_title = "Contact"
        self.query_one("#relationship").border_title = "Relationship"
        self.query_one("#identification").border_title = "Identification"
        self.query_one("#notes-panel").border_title = "Notes"
        if self._preloaded is not None:
            self.show(self._preloaded)
            self._preloaded = None
        else:
            self.reload()

    # -- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="profile", exit_on_error=False)
    def reload(self) -> Profile:
        return load_profile(self.ctx, self.number)

    @on(Worker.StateChanged)
    def _loaded(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "profile":
            return
        if event.state == WorkerState.SUCCESS:
            self.show(cast(Profile, event.worker.result))
        elif event.state == WorkerState.ERROR:
            self.report(event.worker.error)
            if self.profile is None:
                self.dismiss()

    def show(self, profile: Profile) -> None:
        self.profile = profile
        customer = profile.customer
        self.sub_title = f"{customer.label}  {customer.name}"
        self.query_one("#detail-head", Static).update(self._head(customer))
        self._panel("#contact", contact_lines(customer, self.ctx.business.region))
        self._panel("#relationship", relationship_lines(customer, self._premium))
        self._show_identification()
        self._show_notes(profile.notes)
        tabs = self.query_one(TabbedContent)
        tabs.get_tab("purchases").label = Content(f"Purchases ({profile.purchases.count:,})")
        consigned = profile.consignments
        if consigned is None:
            tabs.hide_tab("consigned")
        else:
            tabs.show_tab("consigned")
            count = len(consigned.active) + len(consigned.sold)
            tabs.get_tab("consigned").label = Content(f"Consigned ({count:,})")
        tabs.get_tab("history").label = Content(f"History ({len(profile.history):,})")
        self._filled.clear()
        self._fill(tabs.active)

    @property
    def _premium(self) -> bool:
        return self.ctx.business.has_consignment

    def _head(self, customer: CustomerRecord) -> Content:
        parts: list[tuple[str, str] | str] = [
            (customer.name, "bold"),
            "  ",
            (customer.label, "dim"),
        ]
        if customer.is_consignor and self._premium:
            code = f" {customer.consignor_code}" if customer.consignor_code else ""
            parts += ["  ", (f" Consignor{code} ", "reverse $accent")]
        if customer.on_hold:
            parts += ["  ", (" On hold ", "reverse $warning")]
        if not customer.active:
            parts += ["  ", (" Inactive ", "reverse $text-muted")]
        return Content.assemble(*parts)

    def _panel(self, selector: str, lines: list[Line]) -> None:
        self.query_one(selector, FieldPanel).show(lines)

    def _show_identification(self) -> None:
        customer = self.profile.customer if self.profile else None
        if customer is None:
            return
        shown = self.revealed
        lines: list[tuple[str, str | Content]] = []
        if customer.has_date_of_birth:
            dob = shown.date_of_birth if shown else None
            lines.append(("Born", dob.isoformat() if dob else customer.masked_date_of_birth or ""))
        if customer.masked_driver_license:
            lines.append(
                (
                    "License",
                    (shown.driver_license if shown else None) or customer.masked_driver_license,
                )
            )
        if customer.dl_state:
            lines.append(("DL state", customer.dl_state))
        self._panel("#identification", lines)
        if customer.has_date_of_birth or customer.masked_driver_license:
            panel = self.query_one("#identification", FieldPanel)
            panel.border_subtitle = "r hide" if shown else "r reveal (recorded)"

    def _show_notes(self, notes: list[Note]) -> None:
        log = self.query_one(NotesLog)
        highlighted = log.highlighted
        shown = notes if self.every_note else notes[:NOTES_SHOWN]
        log.clear_options()
        log.add_options(Option(self._note_prompt(note), id=str(note.id)) for note in shown)
        if len(shown) < len(notes):
            older = len(notes) - len(shown)
            log.add_option(
                Option(Content.styled(f"Show {older:,} older notes (Enter)", "italic"), id="more")
            )
        if notes:
            log.highlighted = min(highlighted or 0, len(shown) - 1)
        log.display = bool(notes)
        self.query_one("#notes-empty").display = not notes

    @staticmethod
    def _note_prompt(note: Note) -> Content:
        edited = "  (edited)" if note.updated_at else ""
        return Content.assemble(
            (f"{local_time(note.created_at)} · {note.author}{edited}", "dim"),
            "\n",
            note.text,
        )

    # -- tabs filled when first shown: a thousand purchases cost nothing until asked for -----

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        self._fill(event.pane.id or "")

    def _fill(self, pane: str) -> None:
        # The overview is filled by `show` itself.
        if self.profile is None or pane in self._filled or pane == "overview":
            return
        self._filled.add(pane)
        self.call_later(self._fill_pane, pane)

    async def _fill_pane(self, pane: str) -> None:
        profile = self.profile
        container = self.query_one(f"#{pane}", TabPane)
        if profile is None:
            return
        if not container.children:
            await container.mount_all(_pane_widgets(pane))
        if pane == "purchases":
            self._fill_purchases(profile)
        elif pane == "consigned" and profile.consignments is not None:
            self._fill_consigned(profile)
        elif pane == "history":
            self._fill_history(profile.history)

    def _fill_purchases(self, profile: Profile) -> None:
        bought = profile.purchases
        summary = self.query_one("#purchases-summary", Static)
        if not bought.count:
            summary.update("No purchases.")
        else:
            span = f"{bought.first_date} – {bought.last_date}" if bought.first_date else ""
            noun = "purchase" if bought.count == 1 else "purchases"
            summary.update(
                f"{bought.count:,} {noun} · {format_money(bought.total_cents)} spent · {span}"
            )
        table = self.query_one("#purchases-table", DataTable)
        table.clear(columns=True)
        table.add_columns(" ", "Title", "Category", "Sold on", "Price")
        table.add_rows(
            (
                category_icon(item.category),
                item.title,
                item.category or "",
                str(item.sale_date or ""),
                _right(format_money(item.sold_cents)),
            )
            for item in bought.items
        )
        table.display = bool(bought.count)

    def _fill_consigned(self, profile: Profile) -> None:
        consigned = profile.consignments
        assert consigned is not None
        self.query_one("#consigned-summary", Static).update(
            f"{len(consigned.active):,} active · {format_money(consigned.active_value_cents)} "
            f"in stock · {len(consigned.sold):,} sold · "
            f"{format_money(consigned.sold_proceeds_cents)} proceeds"
        )
        active = self.query_one("#active-table", DataTable)
        active.clear(columns=True)
        active.add_columns(" ", "Title", "Status", "Retail", "Commission")
        active.add_rows(
            (
                category_icon(item.category),
                item.title,
                item.status,
                _right(format_money(item.retail_cents)),
                _right(format_percent(item.commission_bp)),
            )
            for item in consigned.active
        )
        sold = self.query_one("#sold-table", DataTable)
        sold.clear(columns=True)
        sold.add_columns(" ", "Title", "Sold on", "Price", "Commission")
        sold.add_rows(_sold_row(item) for item in consigned.sold)
        active.display = bool(consigned.active)
        sold.display = bool(consigned.sold)
        self.query_one("#active-title", Label).update(
            "Active" if consigned.active else "Active: none"
        )
        self.query_one("#sold-title", Label).update("Sold" if consigned.sold else "Sold: none")

    def _fill_history(self, entries: list[HistoryEntry]) -> None:
        log = self.query_one(HistoryLog)
        log.clear_options()
        options: list[Option] = []
        for entry in entries:
            stamp = f"{local_time(entry.at)}  {entry.actor}  {entry.title}"
            if entry.action == "customer_created" or not entry.changes:
                # A creation is one line: what the customer started with.
                given = ", ".join(c.new for c in entry.changes if c.new not in _NOT_SAID)
                text = Content.assemble((stamp, "bold"), "  " if given else "", given)
                options.append(Option(text, id=f"{entry.event_id}:"))
                continue
            for change in entry.changes:
                options.append(
                    Option(
                        Content.assemble((stamp, "bold"), "  ", *_change_text(change)),
                        id=f"{entry.event_id}:{change.field}",
                    )
                )
        log.add_options(options)
        if not options:
            log.add_option(Option("No history yet.", disabled=True))

    # -- actions -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_tab(self, pane: str) -> None:
        tabs = self.query_one(TabbedContent)
        if pane == "consigned" and (self.profile is None or self.profile.consignments is None):
            return
        tabs.active = pane

    def action_edit(self) -> None:
        if self.profile is None:
            return

        def saved(number: int | None) -> None:
            if number is not None:
                # The values shown in clear may just have changed: mask them again.
                self.revealed = None
                self.reload()

        self.app.push_screen(CustomerForm(self.ctx, self.number), saved)

    async def action_reveal(self) -> None:
        if self.profile is None:
            return
        customer = self.profile.customer
        if not (customer.has_date_of_birth or customer.masked_driver_license):
            self.notify("No date of birth or driver license on file.", title="Identification")
            return
        if self.revealed is not None:
            self.revealed = None
            self._show_identification()
            return
        done, revealed = await self._stored("Error", reveal_sensitive, self.ctx, self.number)
        if not done:
            return
        self.revealed = revealed
        self._show_identification()
        self.reload()  # the reveal is now in the history

    def action_delete(self) -> None:
        profile = self.profile
        if profile is None:
            return
        customer = profile.customer

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            done, _ = await self._stored(
                "Not deleted",
                partial(delete_customer, expected_version=customer.version),
                self.ctx,
                self.number,
            )
            if not done:
                return
            self.app.notify(f"Deleted {customer.name} ({customer.label}).", title="Deleted")
            self.dismiss()

        self.app.push_screen(
            confirm(
                f"Delete {customer.name} ({customer.label})?",
                "The customer and their notes go; the history stays in the audit log and "
                "sold items keep the buyer's name. This can't be undone.",
                "Delete",
            ),
            answered,
        )

    # -- notes ----------------------------------------------------------------------------------

    def action_new_note(self) -> None:
        self.query_one(TabbedContent).active = "overview"
        self.query_one(NoteBox).focus()

    async def save_note(self) -> None:
        text = self.query_one(NoteBox).text
        if self.editing_note is not None:
            done, _ = await self._stored(
                "Note not saved", update_note, self.ctx, self.editing_note.id, text
            )
        else:
            done, _ = await self._stored("Note not saved", add_note, self.ctx, self.number, text)
        if not done:
            return
        self._stop_editing()
        self.reload()

    def leave_note(self) -> None:
        if self.editing_note is not None:
            self._stop_editing()
        # Out of the box, so the screen's letter keys work again.
        self.query_one(Tabs).focus()

    def _stop_editing(self) -> None:
        self.editing_note = None
        self.query_one(NoteBox).load_text("")
        self.query_one("#note-hint", Label).update("New note (Ctrl+Enter saves)")

    def _highlighted_note(self) -> Note | None:
        log = self.query_one(NotesLog)
        notes = self.profile.notes if self.profile else []
        if log.highlighted is None or log.highlighted >= len(notes):
            return None
        if log.get_option_at_index(log.highlighted).id == "more":
            return None
        return notes[log.highlighted]

    def edit_note(self) -> None:
        log = self.query_one(NotesLog)
        if self.profile and log.highlighted is not None:
            if log.get_option_at_index(log.highlighted).id == "more":
                self.every_note = True
                self._show_notes(self.profile.notes)
                return
        note = self._highlighted_note()
        if note is None:
            return
        self.editing_note = note
        box = self.query_one(NoteBox)
        box.load_text(note.text)
        self.query_one("#note-hint", Label).update(
            f"Editing the note of {local_time(note.created_at)} — Ctrl+Enter saves, Esc cancels"
        )
        box.focus()

    def ask_delete_note(self) -> None:
        note = self._highlighted_note()
        if note is None:
            return

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            done, _ = await self._stored("Note not deleted", delete_note, self.ctx, note.id)
            if done:
                self.reload()

        preview = note.text if len(note.text) < 80 else note.text[:77] + "…"
        self.app.push_screen(confirm("Delete this note?", preview, "Delete"), answered)

    # -- history --------------------------------------------------------------------------------

    async def restore_highlighted(self) -> None:
        log = self.query_one(HistoryLog)
        if log.highlighted is None:
            return
        option_id = log.get_option_at_index(log.highlighted).id or ":"
        event_id, _, field = option_id.partition(":")
        if not field:
            self.notify("Only a changed field can be restored.", title="History")
            return
        done, restored = await self._stored(
            "Not restored", restore_change, self.ctx, self.number, int(event_id), field
        )
        if not done:
            return
        self.notify(f"{restored.name}: the old value is back.", title="Restored")
        self.reload()

    # -- shared -----------------------------------------------------------------------------------

    async def _stored(
        self, title: str, call: Callable[..., Any], *args: object
    ) -> tuple[bool, Any]:
        """Run a store call off the event loop (a locked store must not freeze the screen).

        A refusal from the core is reported under `title`; returns (done, result).
        """
        try:
            return True, await asyncio.to_thread(call, *args)
        except CusttuiError as exc:
            self.report(exc, title=title)
            return False, None

    def report(self, error: BaseException | None, *, title: str = "Error") -> None:
        message = error_text(error)
        self.notify(message, title=title, severity="error", timeout=10)

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand("Edit customer", "Open the edit form", self.action_edit),
            PaletteCommand(
                "Add a note", "Write a new note for this customer", self.action_new_note
            ),
            PaletteCommand(
                "Reveal identification",
                "Show or hide date of birth and driver license (recorded)",
                self.action_reveal,
            ),
            PaletteCommand("Delete customer", "Delete after a confirmation", self.action_delete),
            PaletteCommand("Back to the list", "Close this customer", self.action_back),
        ]
        for pane, title in (("purchases", "Purchases"), ("history", "History")):

            def show(pane: str = pane) -> None:
                self.action_tab(pane)

            commands.append(PaletteCommand(f"Show {title}", f"The {title.lower()} tab", show))
        return commands


def _table(table_id: str) -> DataTable[object]:
    return DataTable(id=table_id, cursor_type="row", zebra_stripes=True)


def _pane_widgets(pane: str) -> list[Widget]:
    if pane == "purchases":
        return [Static(id="purchases-summary", classes="summary"), _table("purchases-table")]
    if pane == "consigned":
        return [
            Static(id="consigned-summary", classes="summary"),
            Label("Active", id="active-title", classes="table-title"),
            _table("active-table"),
            Label("Sold", id="sold-title", classes="table-title"),
            _table("sold-table"),
        ]
    return [
        Label("u restores the old value of the highlighted change", id="history-hint"),
        HistoryLog(id="history-log"),
    ]


def _right(text: str) -> Text:
    return Text(text, justify="right")


def _sold_row(item: ItemRecord) -> tuple[str | Text, ...]:
    return (
        category_icon(item.category),
        item.title,
        str(item.sale_date or ""),
        _right(format_money(item.sold_cents)),
        _right(format_money(item.commission_cents)),
    )


def _change_text(change: Change) -> list[tuple[str, str] | str]:
    if not change.old and not change.new:
        return [f"{change.label} changed"]
    if change.field == "note":
        text = change.new or change.old
        return [(text if len(text) < 60 else text[:57] + "…", "italic")]
    return [
        f"{change.label}: ",
        (change.old or "(blank)", "dim" if not change.old else ""),
        " → ",
        (change.new or "(blank)", "dim" if not change.new else "bold"),
    ]
