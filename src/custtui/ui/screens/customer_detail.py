"""The customer's profile: a head line and four tabs; every change goes through the store here.

The tabs and the notes log are widgets of their own (custtui.ui.widgets.detail); they show
what they are given and ask by message (an item's row asks the app to open the item with
`OpenItem`). This screen owns the customer: it loads the profile and a consignor's ledger,
runs each change off the event loop (custtui.ui.work) and shows the answer. Paying out and
adjusting a consignor's balance happen in their own dialogs (custtui.ui.screens.payout).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Header, Static, TabbedContent, Tabs

from custtui.core.customers.history import HistoryEntry, history, restore_change
from custtui.core.customers.lookup import reveal_sensitive
from custtui.core.customers.notes import Note, add_note, delete_note, update_note
from custtui.core.customers.profile import Profile, load_profile
from custtui.core.customers.record import CustomerRecord, Sensitive
from custtui.core.customers.service import delete_customer
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.errors import error_text
from custtui.ui.messages import EditCustomer
from custtui.ui.screens.ask import confirm
from custtui.ui.screens.consignor_money import LEDGER_FAILURES
from custtui.ui.screens.fresh import StyledOnMount
from custtui.ui.screens.profile_tabs import ProfileTabs
from custtui.ui.widgets.detail.consigned import ConsignedPane
from custtui.ui.widgets.detail.history import HistoryLog, HistoryPane
from custtui.ui.widgets.detail.notes import NoteBox, NotesLog, NotesPanel
from custtui.ui.widgets.detail.overview import OverviewPane
from custtui.ui.widgets.detail.pane import PaneId, ProfilePane
from custtui.ui.widgets.detail.panels import has_identification, head_line
from custtui.ui.widgets.detail.purchases import PurchasesPane
from custtui.ui.work import Failed, Job, in_thread, running


class DetailJob(Job):
    PROFILE = "profile"
    HISTORY = "history"
    REVEAL = "reveal"
    DELETE = "delete"
    SAVE_NOTE = "save-note"
    DELETE_NOTE = "delete-note"
    RESTORE = "restore"


# The title of the notification when a job is refused.
FAILURE_TITLES: dict[Job, str] = {
    DetailJob.DELETE: "Not deleted",
    DetailJob.SAVE_NOTE: "Note not saved",
    DetailJob.DELETE_NOTE: "Note not deleted",
    DetailJob.RESTORE: "Not restored",
    **LEDGER_FAILURES,
}


FREE_NOTICE = (
    "Customer records are part of the pro and premium plans: this business is on the free "
    "plan. Nothing has been deleted: custtui plan set pro brings them back."
)


class CustomerDetailScreen(StyledOnMount, ProfileTabs):
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
        ("Enter", "On an item's row (Purchases, Consigned): open the item"),
        ("$ a z", "On Consigned: pay out, adjust the balance, undo the latest payout"),
    )

    # -- the store's answers ----------------------------------------------------------------

    @dataclass
    class Loaded(Message):
        profile: Profile

    @dataclass
    class HistoryRead(Message):
        history: list[HistoryEntry]

    @dataclass
    class Revealed(Message):
        sensitive: Sensitive

    @dataclass
    class Deleted(Message):
        customer: CustomerRecord

    class NoteSaved(Message):
        pass

    class NoteDeleted(Message):
        pass

    @dataclass
    class Restored(Message):
        customer: CustomerRecord

    def __init__(self, ctx: Context, number: int, profile: Profile | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.number = number
        self.profile: Profile | None = None
        self._preloaded = profile
        self.revealed: Sensitive | None = None
        # After a note is deleted: the focus goes back to the notes once they are shown.
        self._notes_focus = False

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        yield Static("Loading…", id="detail-head")
        with TabbedContent(id="tabs", initial=PaneId.OVERVIEW):
            yield OverviewPane(region=self.ctx.business.region, premium=self._premium)
            yield PurchasesPane()
            yield ConsignedPane()
            yield HistoryPane()
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.ctx.business.name
        self.sub_title = "Customer"
        if not self.ctx.business.has_customers:
            # Free plan: the notice instead of data (a downgrade deletes nothing).
            head = self.query_one("#detail-head", Static)
            head.update(FREE_NOTICE)
            head.styles.height = "auto"
            self.query_one(TabbedContent).display = False
            return
        if self._preloaded is not None:
            self.show(self._preloaded)
            self._preloaded = None
        else:
            self.reload()

    @property
    def _premium(self) -> bool:
        return self.ctx.business.has_consignment

    # -- loading ----------------------------------------------------------------------------

    @in_thread(DetailJob.PROFILE, "Loading the customer", exclusive=True)
    def reload(self) -> Message:
        return self.Loaded(load_profile(self.ctx, self.number))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.show(event.profile)

    @in_thread(DetailJob.HISTORY, "Reading the history", exclusive=True)
    def read_history(self) -> Message:
        return self.HistoryRead(history(self.ctx, self.number))

    @on(HistoryRead)
    def _history_read(self, event: HistoryRead) -> None:
        if self.profile is None or self.profile.history is not None:
            return  # a reload read it meanwhile
        self.profile = replace(self.profile, history=event.history)
        self.refill(self.query_one(HistoryPane))

    def show(self, profile: Profile) -> None:
        self.profile = profile
        if profile.history is None:
            # Read without it (the app's first read): it comes once the profile is painted.
            self.call_after_refresh(self.read_history)
        customer = profile.customer
        self.sub_title = f"{customer.label}  {customer.name}"
        self.query_one("#detail-head", Static).update(head_line(customer, premium=self._premium))
        self.query_one(OverviewPane).show(profile, self.revealed)
        tabs = self.query_one(TabbedContent)
        for pane in self.query(ProfilePane):
            tabs.get_tab(pane.pane_id).label = Content(pane.tab_label(profile))
        if profile.consignments is None:
            tabs.hide_tab(PaneId.CONSIGNED)
        else:
            tabs.show_tab(PaneId.CONSIGNED)
        self.fill_shown_tab()
        if self._notes_focus:
            self._notes_focus = False
            self.call_later(self.focus_tab, PaneId.OVERVIEW)

    # -- actions -------------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_edit(self) -> None:
        if self.profile is None:
            return

        def saved(number: int | None) -> None:
            if number is not None:
                # The values shown in clear may just have changed: mask them again.
                self.revealed = None
                self.reload()

        self.post_message(EditCustomer(self.number, saved))

    def action_reveal(self) -> None:
        if self.profile is None:
            return
        customer = self.profile.customer
        if not has_identification(customer):
            self.notify("No date of birth or driver license on file.", title="Identification")
            return
        if self.revealed is not None:
            self.revealed = None
            self.query_one(OverviewPane).show_identification(customer, None)
            return
        if not running(self, DetailJob.REVEAL):
            self.reveal()

    @in_thread(DetailJob.REVEAL, "Revealing date of birth and driver license")
    def reveal(self) -> Message:
        return self.Revealed(reveal_sensitive(self.ctx, self.number))

    @on(Revealed)
    def _revealed(self, event: Revealed) -> None:
        self.revealed = event.sensitive
        if self.profile is not None:
            self.query_one(OverviewPane).show_identification(self.profile.customer, self.revealed)
        self.reload()  # the reveal is now in the history

    def action_delete(self) -> None:
        profile = self.profile
        if profile is None:
            return
        customer = profile.customer

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete(customer)

        self.app.push_screen(
            confirm(
                f"Delete {customer.name} ({customer.label})?",
                "The customer and their notes go; the history stays in the audit log and "
                "sold items keep the buyer's name. This can't be undone.",
                "Delete",
            ),
            answered,
        )

    @in_thread(DetailJob.DELETE, "Deleting the customer")
    def delete(self, customer: CustomerRecord) -> Message:
        delete_customer(self.ctx, self.number, expected_version=customer.version)
        return self.Deleted(customer)

    @on(Deleted)
    def _deleted(self, event: Deleted) -> None:
        customer = event.customer
        self.app.notify(f"Deleted {customer.name} ({customer.label}).", title="Deleted")
        self.dismiss()

    # -- notes ----------------------------------------------------------------------------------

    def action_new_note(self) -> None:
        self.show_tab(PaneId.OVERVIEW)
        self.query_one(NotesPanel).start_note()

    @on(NotesPanel.Submitted)
    def _note_submitted(self, event: NotesPanel.Submitted) -> None:
        if not running(self, DetailJob.SAVE_NOTE):
            self.save_note(event.text, event.note)

    @in_thread(DetailJob.SAVE_NOTE, "Saving the note")
    def save_note(self, text: str, note: Note | None) -> Message:
        if note is None:
            add_note(self.ctx, self.number, text)
        else:
            update_note(self.ctx, note.id, text)
        return self.NoteSaved()

    @on(NoteSaved)
    def _note_saved(self) -> None:
        self.query_one(NotesPanel).stop_editing()
        self.reload()

    @on(NoteBox.Left)
    def _left_note_box(self) -> None:
        # Out of the box, so the screen's letter keys work again.
        self.query_one(Tabs).focus()

    @on(NotesLog.DeleteAsked)
    def _note_delete_asked(self, event: NotesLog.DeleteAsked) -> None:
        note = event.note

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete_note(note)

        preview = note.text if len(note.text) < 80 else note.text[:77] + "…"
        self.app.push_screen(confirm("Delete this note?", preview, "Delete"), answered)

    @in_thread(DetailJob.DELETE_NOTE, "Deleting the note")
    def delete_note(self, note: Note) -> Message:
        delete_note(self.ctx, note.id)
        return self.NoteDeleted()

    @on(NoteDeleted)
    def _note_deleted(self) -> None:
        # The note box is next in line when the last note goes: it would take letter keys.
        self._notes_focus = True
        self.reload()

    # -- history --------------------------------------------------------------------------------

    @on(HistoryLog.RestoreAsked)
    def _restore_asked(self, event: HistoryLog.RestoreAsked) -> None:
        self.restore(event.event_id, event.field)

    @in_thread(DetailJob.RESTORE, "Restoring a value")
    def restore(self, event_id: int, field: str) -> Message:
        return self.Restored(restore_change(self.ctx, self.number, event_id, field))

    @on(Restored)
    def _restored(self, event: Restored) -> None:
        self.notify(f"{event.customer.name}: the old value is back.", title="Restored")
        self.reload()

    # -- failures -------------------------------------------------------------------------------

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        title = FAILURE_TITLES.get(event.job, "Error")
        self.notify(error_text(event.error), title=title, severity="error", timeout=10)
        if event.job is DetailJob.PROFILE and self.profile is None:
            self.dismiss()

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
        panes = [(PaneId.PURCHASES, "Purchases"), (PaneId.HISTORY, "History")]
        if self.consignor is not None:
            panes.insert(1, (PaneId.CONSIGNED, "Consigned"))
        for pane, title in panes:
            commands.append(
                PaletteCommand(
                    f"Show {title}",
                    f"The {title.lower()} tab",
                    partial(self.show_tab, pane, focus=True),
                )
            )
        return commands + self.ledger_commands()
