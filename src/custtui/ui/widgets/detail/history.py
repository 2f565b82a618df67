"""The History tab: who changed what and when; `u` puts back the value a change replaced."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from custtui.core.customers.history import Change, HistoryEntry, created_line
from custtui.core.customers.profile import Profile
from custtui.ui.formatting import local_time
from custtui.ui.widgets.detail.pane import PaneId, ProfilePane


class EventOption(Option):
    """One line of the history: an event, or one field that an event changed."""

    def __init__(self, prompt: Content, event_id: int, field: str | None = None) -> None:
        super().__init__(prompt)
        self.event_id = event_id
        self.field = field  # None: the line is the whole event, nothing to restore


class HistoryLog(OptionList):
    BINDINGS = [
        Binding("u", "restore", "Restore", tooltip="Put back the value this change replaced"),
    ]

    @dataclass
    class RestoreAsked(Message):
        """Put back the value that `field` had before event `event_id`."""

        log: HistoryLog
        event_id: int
        field: str

        @property
        def control(self) -> HistoryLog:
            return self.log

    def action_restore(self) -> None:
        option = self.highlighted_option
        if option is None:
            return
        if not isinstance(option, EventOption) or option.field is None:
            self.notify("Only a changed field can be restored.", title="History")
            return
        self.post_message(self.RestoreAsked(self, option.event_id, option.field))


class HistoryPane(ProfilePane):
    def __init__(self) -> None:
        super().__init__("History", PaneId.HISTORY)

    def tab_label(self, profile: Profile) -> str:
        return f"History ({profile.history_count:,})"

    def parts(self) -> list[Widget]:
        return [
            Label("u restores the old value of the highlighted change", id="history-hint"),
            HistoryLog(id="history-log"),
        ]

    def show(self, profile: Profile) -> None:
        log = self.query_one(HistoryLog)
        log.clear_options()
        if profile.history is None:
            log.add_option(Option("Reading the history…", disabled=True))
            return
        options = [option for entry in profile.history for option in _event_options(entry)]
        log.add_options(options)
        if options:
            # The newest line: `u` needs no move first, and after a restore it is the
            # restore's own line, so a second `u` undoes that restore and nothing else.
            log.highlighted = 0
        else:
            log.add_option(Option("No history yet.", disabled=True))


def _event_options(entry: HistoryEntry) -> list[EventOption]:
    stamp = f"{local_time(entry.at)}  {entry.actor}  {entry.title}"
    if entry.action == "customer_created" or not entry.changes:
        # A creation is one line: what the customer started with.
        given = created_line(entry.changes)
        text = Content.assemble((stamp, "bold"), "  " if given else "", given)
        return [EventOption(text, entry.event_id)]
    return [
        EventOption(
            Content.assemble((stamp, "bold"), "  ", *_change_text(change)),
            entry.event_id,
            change.field,
        )
        for change in entry.changes
    ]


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
