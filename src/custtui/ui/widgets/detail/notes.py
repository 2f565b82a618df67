"""The notes log: a box to write a note, and the notes, newest first.

The panel writes nothing itself: it asks (`NotesPanel.Submitted`, `NotesLog.DeleteAsked`)
and the screen that owns the customer answers, then calls `stop_editing` and `show`.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, OptionList, TextArea
from textual.widgets.option_list import Option

from custtui.core.customers.notes import Note
from custtui.ui.formatting import local_time

# The newest notes show at once; older ones on request (a profile may hold hundreds).
NOTES_SHOWN = 50
# Ctrl+S, not Ctrl+Enter: over SSH and tmux Ctrl+Enter arrives as a plain Enter.
NEW_NOTE_HINT = "New note (Ctrl+S saves)"


class NoteOption(Option):
    """A note in the log."""

    def __init__(self, note: Note) -> None:
        edited = "  (edited)" if note.updated_at else ""
        prompt = Content.assemble(
            (f"{local_time(note.created_at)} · {note.author}{edited}", "dim"),
            "\n",
            note.text,
        )
        super().__init__(prompt, id=f"note-{note.id}")
        self.note = note


class OlderNotes(Option):
    """The last line while older notes are held back: Enter shows them."""

    def __init__(self, count: int) -> None:
        super().__init__(Content.styled(f"Show {count:,} older notes (Enter)", "italic"))


class NoteBox(TextArea):
    """Where a note is written: Ctrl+S saves (Ctrl+Enter too, where the terminal sends it),
    Escape cancels an edit."""

    BINDINGS = [
        Binding("ctrl+s,ctrl+enter", "save_note", "Save note", tooltip="Save the note"),
        Binding("escape", "leave", "Cancel", tooltip="Stop writing (an edit is cancelled)"),
    ]

    @dataclass
    class Submitted(Message):
        """Save what the box holds."""

        box: NoteBox
        text: str

        @property
        def control(self) -> NoteBox:
            return self.box

    @dataclass
    class Left(Message):
        """The user left the box (Escape)."""

        box: NoteBox

        @property
        def control(self) -> NoteBox:
            return self.box

    def action_save_note(self) -> None:
        self.post_message(self.Submitted(self, self.text))

    def action_leave(self) -> None:
        self.post_message(self.Left(self))


class NotesLog(OptionList):
    BINDINGS = [
        Binding("enter", "edit_note", "Edit note", tooltip="Edit the highlighted note"),
        Binding("delete,x", "delete_note", "Delete note", tooltip="Delete the highlighted note"),
    ]

    @dataclass
    class EditAsked(Message):
        """Enter on a note, or on the line that holds the older ones back."""

        log: NotesLog
        option: NoteOption | OlderNotes

        @property
        def control(self) -> NotesLog:
            return self.log

    @dataclass
    class DeleteAsked(Message):
        """Delete this note (after a confirmation: the screen asks)."""

        log: NotesLog
        note: Note

        @property
        def control(self) -> NotesLog:
            return self.log

    def action_edit_note(self) -> None:
        option = self.highlighted_option
        if isinstance(option, NoteOption | OlderNotes):
            self.post_message(self.EditAsked(self, option))

    def action_delete_note(self) -> None:
        option = self.highlighted_option
        if isinstance(option, NoteOption):
            self.post_message(self.DeleteAsked(self, option.note))


class NotesPanel(Vertical):
    """The note box above the log; an edit loads a note into the box."""

    @dataclass
    class Submitted(Message):
        """Save `text`: as a new note, or as the new text of `note`."""

        panel: NotesPanel
        text: str
        note: Note | None

        @property
        def control(self) -> NotesPanel:
            return self.panel

    def __init__(self) -> None:
        super().__init__(id="notes-panel", classes="panel")
        self.notes: list[Note] = []
        self.editing: Note | None = None
        # Once the user asked for older notes, a reload (after a new note) keeps them shown.
        self.every_note = False

    def compose(self) -> ComposeResult:
        yield Label(NEW_NOTE_HINT, id="note-hint")
        yield NoteBox(id="note-box", soft_wrap=True, show_line_numbers=False)
        yield Label("No notes yet.", id="notes-empty")
        yield NotesLog(id="notes")

    def on_mount(self) -> None:
        self.border_title = "Notes"

    def show(self, notes: list[Note]) -> None:
        self.notes = notes
        log = self.query_one(NotesLog)
        highlighted = log.highlighted
        shown = notes if self.every_note else notes[:NOTES_SHOWN]
        log.clear_options()
        log.add_options(NoteOption(note) for note in shown)
        if len(shown) < len(notes):
            log.add_option(OlderNotes(len(notes) - len(shown)))
        if notes:
            log.highlighted = min(highlighted or 0, len(shown) - 1)
        log.display = bool(notes)
        self.query_one("#notes-empty").display = not notes

    def start_note(self) -> None:
        """Put the cursor in the box."""
        self.query_one(NoteBox).focus()

    def stop_editing(self) -> None:
        """Empty the box: what it held was saved, or the edit was cancelled."""
        self.editing = None
        self.query_one(NoteBox).load_text("")
        self.query_one("#note-hint", Label).update(NEW_NOTE_HINT)

    @on(NoteBox.Submitted)
    def _submitted(self, event: NoteBox.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(self, event.text, self.editing))

    @on(NoteBox.Left)
    def _left(self) -> None:
        if self.editing is not None:
            self.stop_editing()
        # Not stopped: the screen decides where the focus goes.

    @on(NotesLog.EditAsked)
    def _edit_asked(self, event: NotesLog.EditAsked) -> None:
        event.stop()
        if isinstance(event.option, OlderNotes):
            self.every_note = True
            self.show(self.notes)
            return
        note = event.option.note
        self.editing = note
        box = self.query_one(NoteBox)
        box.load_text(note.text)
        self.query_one("#note-hint", Label).update(
            f"Editing the note of {local_time(note.created_at)} — Ctrl+S saves, Esc cancels"
        )
        box.focus()
