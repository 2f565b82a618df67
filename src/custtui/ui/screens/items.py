"""The items screen: every item, filtered as the user types; the expired worklist."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input

from custtui.core.items.index import EVERY, ItemFilter, ItemIndex, ItemView
from custtui.core.items.listing import item_count_line
from custtui.core.items.record import STATUSES, ItemRecord
from custtui.core.store.businesses import Context
from custtui.ui.commands import PaletteCommand
from custtui.ui.errors import error_text
from custtui.ui.keys import FOCUS_FILTER
from custtui.ui.screens.item_changes import WORDING, ItemChange, allowed, apply_change, question
from custtui.ui.screens.item_detail import ItemDetailScreen
from custtui.ui.screens.item_form import ItemFormScreen
from custtui.ui.widgets.filter_input import FilterInput
from custtui.ui.widgets.items.item_status import ItemStatus
from custtui.ui.widgets.items.item_table import ItemTable
from custtui.ui.widgets.items.live_items import LiveItems
from custtui.ui.widgets.items.messages import ItemSaved, ShowCustomers
from custtui.ui.work import Failed, Job, in_thread, running

# A screenful and more: what a new term shows before every match is found.
_PAGE = 100

# The status filter's cycle: every item, then each status.
STATUS_CYCLE: tuple[str | None, ...] = (None, *STATUSES)


class ItemsListJob(Job):
    CHANGE = "item-change"


class ItemsScreen(Screen[None]):
    """Type to filter; arrows to move; Enter to open."""

    BINDINGS = [
        Binding(
            "escape",
            "clear_filter",
            "Clear",
            tooltip="Clear the filter (when it is clear: back to the customers)",
            id="clear",
        ),
        Binding("ctrl+n", "new_item", "New", tooltip="Add an item", id="new-item"),
        Binding("ctrl+t", "cycle_status", "Status", tooltip="Show one status", id="status"),
        Binding(
            "ctrl+g",
            "toggle_consigned",
            "Consigned",
            tooltip="Consigned items only",
            id="consigned",
        ),
        Binding(
            "ctrl+o",
            "toggle_expired",
            "Expired",
            tooltip="Consigned items past their expiry: the worklist",
            id="expired",
        ),
        Binding(
            "ctrl+r",
            "change('return')",
            "Return",
            tooltip="Return the highlighted item to its consignor",
            id="return",
        ),
        Binding(
            "ctrl+y",
            "change('keep')",
            "Keep",
            tooltip="The store keeps the highlighted item",
            id="keep",
        ),
        FOCUS_FILTER,
    ]

    help_keys = (
        ("type", "Filter by title, number, category, consignor code, buyer or consignor"),
        ("↑ ↓", "Move in the list"),
        ("PgUp PgDn", "Page through the list"),
        ("Enter", "Open the highlighted item"),
        ("Esc", "Clear the filter; when it is clear, back to the customers"),
    )

    @dataclass
    class Changed(Message):
        change: ItemChange
        before: ItemRecord
        after: ItemRecord | None

    def __init__(
        self, ctx: Context, *, poll_interval: float = 1.0, wanted: ItemFilter = EVERY
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.consignment = ctx.business.has_consignment
        self.wanted = self._allowed(wanted)
        self._live = LiveItems(ctx, poll_interval=poll_interval)
        self._asked: ItemChange | None = None  # the change last sent to the store
        # The query whose every match is still to be found (see `refilter`).
        self._searching: tuple[str, ItemFilter] | None = None

    def _allowed(self, wanted: ItemFilter) -> ItemFilter:
        # Pro and free see nothing of consignment, not even a filter left on from premium.
        return wanted if self.consignment else replace(wanted, consigned=False, expired=False)

    # -- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False, icon="◆")
        placeholder = "Filter: title, number, category, buyer" + (
            ", consignor or code" if self.consignment else ""
        )
        yield FilterInput(placeholder=placeholder, id="item-filter", select_on_focus=False)
        yield ItemStatus(consignment=self.consignment)
        yield ItemTable(consignment=self.consignment, id="items")
        yield Footer()
        yield self._live

    def on_mount(self) -> None:
        self.title = self.ctx.business.name
        self.sub_title = "Items"
        self.status.show_filter(self.wanted)
        self.table.say("Loading items…")
        self.query_one("#item-filter", Input).focus()

    @property
    def index(self) -> ItemIndex | None:
        return self._live.index

    @property
    def table(self) -> ItemTable:
        return self.query_one(ItemTable)

    @property
    def status(self) -> ItemStatus:
        return self.query_one(ItemStatus)

    @property
    def filter_text(self) -> str:
        return self.query_one("#item-filter", Input).value

    # -- loading and live updates -------------------------------------------------------------

    @on(LiveItems.Loaded)
    def _loaded(self) -> None:
        self.refresh_bindings()
        self.refilter()

    @on(LiveItems.Changed)
    def _changed(self) -> None:
        self.refilter(keep_cursor=True)

    @on(LiveItems.Unreadable)
    def _unreadable(self, event: LiveItems.Unreadable) -> None:
        self.status.show_count("Can't load items")
        self.table.say(event.reason)

    def item_saved(self, item: ItemRecord) -> None:
        """A change made on another screen of this terminal: show it now, not at the poll."""
        if self.index is not None:
            self.index.upsert(item)
            self.refilter(keep_cursor=True)

    def item_deleted(self, item_id: int) -> None:
        if self.index is not None:
            self.index.remove(item_id)
            self.refilter(keep_cursor=True)

    # -- filtering ----------------------------------------------------------------------------

    @on(Input.Changed, "#item-filter")
    def _filter_changed(self) -> None:
        self.refilter()

    def refilter(self, *, keep_cursor: bool = False) -> None:
        index = self.index
        if index is None:
            return
        query = self.filter_text
        current = self.table.current
        keep = current.id if keep_cursor and current is not None else None
        view = index.known(query, self.wanted)
        if view is None and keep is None:
            # A new term: its first page at once, walked from the newest item; every match
            # and the count right after this frame is out (a scan of every item).
            self._searching = (query, self.wanted)
            page = index.first(query, self.wanted, _PAGE)
            self._show(index, query, page, None, empty="Searching…")
            self.status.show_count("counting…")
            self.call_after_refresh(self._search_all, query, self.wanted)
            return
        self._searching = None
        self._show(index, query, view or index.search(query, self.wanted), keep)

    def _search_all(self, query: str, wanted: ItemFilter) -> None:
        index = self.index
        if index is None or self._searching != (query, wanted):
            return  # typed on meanwhile: the newer query's search is on its way
        self._searching = None
        current = self.table.current
        keep = current.id if current is not None and self.table.cursor else None
        self._show(index, query, index.search(query, wanted), keep)

    def _show(
        self,
        index: ItemIndex,
        query: str,
        items: Sequence[ItemRecord],
        keep: int | None,
        empty: str | None = None,
    ) -> None:
        self.table.show(
            items,
            today=index.today,
            worklist=self.wanted.expired,
            keep=keep,
            empty_message=empty or self._empty(index, query),
        )
        if isinstance(items, ItemView):
            self.status.show_count(item_count_line(items, index, query, self.wanted))
        if self.wanted.expired:
            self.refresh_bindings()  # Return and Keep follow the highlighted item

    def _empty(self, index: ItemIndex, query: str) -> str:
        if not len(index):
            return "No items yet: Ctrl+N adds one."
        if self.wanted.expired and not query.strip():
            return "No expired consignments: nothing to return or keep."
        if not query.strip():
            return "No item passes these filters."
        return f"No item matches “{query.strip()}”."

    def set_filter(self, wanted: ItemFilter) -> None:
        self.wanted = self._allowed(wanted)
        self.status.show_filter(self.wanted)
        self.refilter()
        self.refresh_bindings()

    def action_cycle_status(self) -> None:
        at = STATUS_CYCLE.index(self.wanted.status)
        self.set_filter(replace(self.wanted, status=STATUS_CYCLE[(at + 1) % len(STATUS_CYCLE)]))

    def action_toggle_consigned(self) -> None:
        self.set_filter(replace(self.wanted, consigned=not self.wanted.consigned))

    def action_toggle_expired(self) -> None:
        self.set_filter(replace(self.wanted, expired=not self.wanted.expired))

    def show_expired(self) -> None:
        """The worklist: expired consignments, whatever the filter said before."""
        self.query_one("#item-filter", Input).value = ""
        self.set_filter(ItemFilter(expired=True))

    # -- keys -------------------------------------------------------------------------------------

    @on(Input.Submitted, "#item-filter")
    def _open_from_filter(self) -> None:
        self.table.action_open()

    def on_key(self, event: events.Key) -> None:
        """Arrows in the filter box move the list; letters typed on the list filter it."""
        if isinstance(self.focused, Input) and self.table.move(event.key):
            event.stop()
            event.prevent_default()
        elif self.focused is self.table and event.is_printable and event.character:
            box = self.query_one("#item-filter", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)
            event.stop()
            event.prevent_default()

    @on(ItemTable.Opened)
    def _opened(self, event: ItemTable.Opened) -> None:
        event.stop()
        self.app.push_screen(ItemDetailScreen(self.ctx, event.item.number, event.item))

    def action_clear_filter(self) -> None:
        box = self.query_one("#item-filter", Input)
        if box.value:
            box.value = ""
        elif self.wanted.any:
            self.set_filter(EVERY)
        else:
            self.post_message(ShowCustomers())
        box.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#item-filter", Input).focus()

    def action_new_item(self) -> None:
        def saved(item: ItemRecord | None) -> None:
            if item is not None:
                self.post_message(ItemSaved(item))
                self.app.push_screen(ItemDetailScreen(self.ctx, item.number, item))

        self.app.push_screen(ItemFormScreen(self.ctx), saved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("toggle_consigned", "toggle_expired"):
            return self.consignment
        if action == "change":
            if not (self.consignment and self.wanted.expired):
                return False  # the worklist's keys; the item's detail has them always
            item = self.table.current
            ok = item is not None and allowed(
                ItemChange(str(parameters[0])), item, consignment=True
            )
            return True if ok else None
        return True

    # -- return and keep, from the worklist ----------------------------------------------------

    def action_change(self, change: str) -> None:
        item = self.table.current
        kind = ItemChange(change)
        if item is None or not allowed(kind, item, consignment=self.consignment):
            return

        def answered(yes: bool | None) -> None:
            if yes and not running(self, ItemsListJob.CHANGE):
                self._asked = kind
                self.make_change(kind, item)

        self.app.push_screen(question(kind, item), answered)

    @in_thread(ItemsListJob.CHANGE, "Changing an item")
    def make_change(self, change: ItemChange, item: ItemRecord) -> Message:
        return self.Changed(change, item, apply_change(self.ctx, change, item))

    @on(Changed)
    def _made(self, event: Changed) -> None:
        self.notify(WORDING[event.change].done(event.before), title="Done")
        if event.after is not None:
            self.post_message(ItemSaved(event.after))

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        event.stop()
        title = "Error"
        if event.job is ItemsListJob.CHANGE:
            title = WORDING[self._asked].refused if self._asked else "Not changed"
        self.notify(error_text(event.error), title=title, severity="error", timeout=10)

    # -- palette ----------------------------------------------------------------------------------

    def palette_commands(self) -> Iterable[PaletteCommand]:
        yield PaletteCommand("New item", "Add an item", self.action_new_item)
        for status in STATUS_CYCLE:

            def only(status: str | None = status) -> None:
                self.set_filter(replace(self.wanted, status=status))

            name = status or "All"
            yield PaletteCommand(
                f"Status: {name}", f"Show {name.lower()} items" if status else "Any status", only
            )
        if self.consignment:
            yield PaletteCommand(
                "Toggle consigned only",
                "Consigned items, or every item",
                self.action_toggle_consigned,
            )
            yield PaletteCommand(
                "Toggle expired only",
                "The worklist: consigned items past their expiry",
                self.action_toggle_expired,
            )
            if self.wanted.expired:
                yield PaletteCommand(
                    "Return to consignor",
                    "Return the highlighted item to its consignor",
                    lambda: self.action_change("return"),
                )
                yield PaletteCommand(
                    "Store keeps it",
                    "The store keeps the highlighted item",
                    lambda: self.action_change("keep"),
                )
        yield PaletteCommand("Clear filter", "Show every item", self._clear_all)

    def _clear_all(self) -> None:
        self.query_one("#item-filter", Input).value = ""
        self.set_filter(EVERY)
