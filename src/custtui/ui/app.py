"""The Textual app and its one factory, `make_app`, used by the command line and the tests."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen, Screen

from custtui.core.customers.export import export_customers, free_export_path
from custtui.core.directory.live import Directory
from custtui.core.errors import CusttuiError
from custtui.core.items.record import ItemRecord
from custtui.core.runtime.config import Settings
from custtui.core.runtime.crashlog import describe, log_crash
from custtui.core.search.tuning import SearchTuning
from custtui.core.store.businesses import Context, open_context
from custtui.core.store.engine import Store
from custtui.ui.commands import CustomerJump
from custtui.ui.errors import error_text
from custtui.ui.keys import HELP, QUIT
from custtui.ui.messages import (
    EditCustomer,
    ExportCustomers,
    NewCustomer,
    OpenCustomer,
    OpenItem,
)
from custtui.ui.palette_entries import palette_entries
from custtui.ui.quiet_gc import QuietCollector
from custtui.ui.screens.activity import ActivityScreen
from custtui.ui.screens.customer_list import CustomerListScreen
from custtui.ui.screens.error import ErrorScreen
from custtui.ui.screens.help import HelpScreen, screen_help
from custtui.ui.screens.item_detail import ItemDetailScreen
from custtui.ui.screens.item_form import ItemFormScreen
from custtui.ui.screens.items import ItemsScreen
from custtui.ui.screens.upgrade import UpgradeNotice
from custtui.ui.textual_compat import OneLineFatalErrorApp
from custtui.ui.theme import pick_theme, register_themes
from custtui.ui.widgets.items.messages import ItemDeleted, ItemSaved, ShowCustomers
from custtui.ui.work import Failed, Job, in_thread

if TYPE_CHECKING:
    # Imported when first needed (custtui.ui.lazy): not before the first rows show.
    from custtui.core.customers.profile import Profile


def styles_dir() -> Path:
    """The .tcss files: inside the installed package, or at the repository root in a checkout."""
    packaged = Path(str(files("custtui"))) / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "styles"


class AppJob(Job):
    OPEN = "open"
    EDIT = "edit"
    EXPORT = "export"


class CusttuiApp(OneLineFatalErrorApp[None]):
    CSS_PATH = [
        str(styles_dir() / "app.tcss"),
        str(styles_dir() / "items.tcss"),
        str(styles_dir() / "items_forms.tcss"),
        str(styles_dir() / "activity.tcss"),
    ]
    TITLE = "custtui"
    COMMANDS = App.COMMANDS | {CustomerJump}
    BINDINGS = [
        QUIT,
        HELP,
        Binding("f2", "items", "Items", tooltip="The items screen", id="items"),
        Binding("f3", "customers", "Customers", tooltip="Back to the customers", id="customers"),
        # Off the footer (F1 and the palette list it): the footers stay as they were drawn.
        Binding("f4", "activity", "Activity", show=False, tooltip="Who did what", id="activity"),
    ]

    def __init__(
        self,
        ctx: Context | None,
        *,
        failure: CusttuiError | None = None,
        poll_interval: float = 1.0,
        log_dir: Path | None = None,
        tuning: SearchTuning | None = None,
    ) -> None:
        super().__init__()
        self.log_dir = log_dir
        self.ctx = ctx
        self.failure = failure
        self.poll_interval = poll_interval
        self.tuning = tuning
        self._collector = QuietCollector()
        register_themes(self)
        wanted = pick_theme(os.environ, self.console.color_system)
        if wanted not in self.available_themes:
            # A typo in CUSTTUI_THEME must not keep the shop out of its customers.
            wanted = pick_theme({}, self.console.color_system)
        self.theme = wanted

    def on_mount(self) -> None:
        self._collector.start()
        self.set_interval(0.25, self._collector.tick)
        if self.ctx is None:
            error = self.failure or CusttuiError("custtui could not start.")
            self.push_screen(ErrorScreen("custtui can't open the customer store", str(error)))
            return
        if not self.ctx.business.has_customers:
            # Free: items are the whole product; customers are a notice away (F3).
            self.action_items()
            return
        self.push_screen(
            CustomerListScreen(self.ctx, poll_interval=self.poll_interval, tuning=self.tuning)
        )

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self._collector.touched()
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._collector.stop()

    @property
    def directory(self) -> Directory | None:
        """The loaded customers, for the palette's jump; None while loading."""
        screen = next((s for s in self.screen_stack if isinstance(s, CustomerListScreen)), None)
        return screen.directory if screen else None

    @dataclass
    class ProfileRead(Message):
        """A customer's profile, read to be shown."""

        number: int
        profile: Profile

    @dataclass
    class Exported(Message):
        """`count` customers written to `path`."""

        path: Path
        count: int

    @on(OpenCustomer)
    def _open_customer(self, event: OpenCustomer) -> None:
        self.open_customer(event.customer_id)

    def open_customer(self, customer_id: int) -> None:
        directory = self.directory
        row = directory.row(customer_id) if directory else None
        if row is None:
            self.notify("That customer no longer exists.", severity="warning")
            return
        self.open_number(row.number)

    def open_number(self, number: int) -> None:
        self.read_profile(number)

    @in_thread(AppJob.OPEN, "Opening a customer", exclusive=True)
    def read_profile(self, number: int) -> Message:
        # The profile is read before the screen is pushed, so it appears whole in one frame
        # instead of painting a skeleton and laying everything out twice.
        from custtui.core.customers.profile import load_profile

        assert self.ctx is not None
        return self.ProfileRead(number, load_profile(self.ctx, number, with_history=False))

    @on(ProfileRead)
    def _profile_read(self, event: ProfileRead) -> None:
        from custtui.ui.screens.customer_detail import CustomerDetailScreen

        assert self.ctx is not None
        # One profile at a time: opening another replaces the one on top.
        if isinstance(self.screen, CustomerDetailScreen):
            self.screen.dismiss()
        self.push_screen(CustomerDetailScreen(self.ctx, event.number, event.profile))

    @on(NewCustomer)
    def _new_customer(self) -> None:
        self.new_customer()

    def new_customer(self) -> None:
        """The edit form, empty; a saved customer's profile opens next."""
        from custtui.ui.screens.customer_form import CustomerForm

        assert self.ctx is not None

        def saved(number: int | None) -> None:
            if number is not None:
                self.open_number(number)

        self.push_screen(CustomerForm(self.ctx), saved)

    @on(EditCustomer)
    def _edit_customer(self, event: EditCustomer) -> None:
        from custtui.ui.screens.customer_form import CustomerForm

        assert self.ctx is not None
        if event.state is None:
            # Read before the form is pushed, as a profile is: it paints once, with its values.
            self.read_editable(replace(event, asker=self.screen))
        elif self.screen is event.asker:  # not when the user has gone elsewhere meanwhile
            self.push_screen(CustomerForm(self.ctx, event.number, event.state), event.done)

    @in_thread(AppJob.EDIT, "Reading the customer", exclusive=True)
    def read_editable(self, edit: EditCustomer) -> Message:
        from custtui.core.customers.lookup import editable

        assert self.ctx is not None
        return replace(edit, state=editable(self.ctx, edit.number))

    # -- items ------------------------------------------------------------------------------

    def _items_screen(self) -> ItemsScreen:
        """The one items screen: installed, so leaving it keeps its loaded items."""
        assert self.ctx is not None
        if not self.is_screen_installed("items"):
            self.install_screen(ItemsScreen(self.ctx, poll_interval=self.poll_interval), "items")
        screen = self.get_screen("items")
        assert isinstance(screen, ItemsScreen)
        return screen

    def action_items(self) -> None:
        """To the items screen: back down to it when it is open, else on top."""
        if self.ctx is None:
            return
        screen = self._items_screen()
        if screen in self.screen_stack:
            while self.screen is not screen:
                self.pop_screen()
        else:
            self.push_screen(screen)

    def show_expired(self) -> None:
        """The items screen as the expired consignments worklist."""
        self.action_items()
        self._items_screen().show_expired()

    def action_customers(self) -> None:
        if self.ctx is None:
            return
        if not self.ctx.business.has_customers:
            self.push_screen(UpgradeNotice(self.ctx.business.name))
            return
        if not any(isinstance(s, CustomerListScreen) for s in self.screen_stack):
            self.push_screen(
                CustomerListScreen(self.ctx, poll_interval=self.poll_interval, tuning=self.tuning)
            )
            return
        while not isinstance(self.screen, CustomerListScreen):
            self.pop_screen()

    @on(ShowCustomers)
    def _show_customers(self) -> None:
        # From the items screen's Escape: on free there is nowhere to go back to.
        if self.ctx is not None and self.ctx.business.has_customers:
            self.action_customers()

    @on(OpenItem)
    def _open_item(self, event: OpenItem) -> None:
        self.open_item(event.number)

    def open_item(self, number: int) -> None:
        """Show item `number` (from a customer's Purchases or Consigned tab)."""
        from custtui.ui.screens.customer_detail import CustomerDetailScreen

        if self.ctx is None:
            return
        below = self.screen

        def back(_: object = None) -> None:
            # The item may have been sold, unsold or edited meanwhile: show the profile fresh.
            if isinstance(below, CustomerDetailScreen):
                below.reload()

        self.push_screen(ItemDetailScreen(self.ctx, number), back)

    def new_item(self) -> None:
        """The item form, empty; the saved item's detail opens next."""
        assert self.ctx is not None
        ctx = self.ctx

        def saved(item: ItemRecord | None) -> None:
            if item is not None:
                self.post_message(ItemSaved(item))
                self.push_screen(ItemDetailScreen(ctx, item.number, item))

        self.push_screen(ItemFormScreen(ctx), saved)

    @on(ItemSaved)
    def _item_saved(self, event: ItemSaved) -> None:
        if self.is_screen_installed("items"):
            self._items_screen().item_saved(event.item)

    @on(ItemDeleted)
    def _item_deleted(self, event: ItemDeleted) -> None:
        if self.is_screen_installed("items"):
            self._items_screen().item_deleted(event.item_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "activity":
            return self.ctx is not None and not isinstance(
                self.screen, ModalScreen | ActivityScreen
            )
        if action in ("items", "customers"):
            screen = self.screen
            if self.ctx is None or isinstance(screen, ModalScreen):
                return False
            on_items = isinstance(screen, ItemsScreen | ItemDetailScreen)
            if action == "items":
                return not isinstance(screen, ItemsScreen)
            return on_items
        return True

    @on(ExportCustomers)
    def _export(self, event: ExportCustomers) -> None:
        self.export_csv(event.folder, event.ids)

    @in_thread(AppJob.EXPORT, "Exporting customers", exclusive=True)
    def export_csv(self, folder: Path, ids: Sequence[int] | None = None) -> Message:
        assert self.ctx is not None
        path = free_export_path(folder, filtered=ids is not None)
        return self.Exported(path, export_customers(self.ctx, path, ids))

    @on(Exported)
    def _exported(self, event: Exported) -> None:
        if event.count == 0:
            text = "There are no customers to export yet; nothing written."
        else:
            noun = "customer" if event.count == 1 else "customers"
            text = f"Exported {event.count:,} {noun} to {event.path}"
        self.notify(text, title="Export")

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        # The app's own jobs, and any a screen left unhandled: said, never a traceback.
        timeout = 10 if event.job is AppJob.EXPORT else self.NOTIFICATION_TIMEOUT
        title = "Can't edit" if event.job is AppJob.EDIT else "Error"
        self.notify(error_text(event.error), title=title, severity="error", timeout=timeout)

    def fatal_message(self, error: BaseException | None) -> str:
        # Textual's default prints a traceback with locals on exit; a user gets one line,
        # and the traceback goes to the log file for whoever fixes it.
        # The line is blanked like the log: an error's text can hold the value being read.
        where = log_crash(self.log_dir, error)
        detail = f" Details: {where}" if where else ""
        what = describe(error) if error is not None else "unknown"
        return f"custtui stopped after an unexpected error: {what}.{detail}"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from palette_entries(self, screen)

    def action_activity(self) -> None:
        if self.ctx is not None:
            self.push_screen(ActivityScreen(self.ctx))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        keys, everywhere = screen_help(self, self.screen)
        title = f"Keys — {self.screen.sub_title or self.screen.title or 'custtui'}"
        self.push_screen(HelpScreen(title, keys, everywhere))


def make_app(
    settings: Settings,
    store: Store | None,
    *,
    poll_interval: float = 1.0,
    failure: CusttuiError | None = None,
    tuning: SearchTuning | None = None,
) -> CusttuiApp:
    """The app on `store` for the configured business and user.

    A store that could not be opened (None, with `failure`) gives an app that explains why
    instead of a traceback; so does a user refused by a locked team list. `tuning`: the
    search's cost knobs (tests shrink them to take a big shop's paths on a small one).
    """
    if store is None:
        return CusttuiApp(
            None, failure=failure, poll_interval=poll_interval, log_dir=settings.log_dir
        )
    try:
        ctx = open_context(store, settings.business, settings.user)
    except CusttuiError as exc:
        return CusttuiApp(None, failure=exc, poll_interval=poll_interval, log_dir=settings.log_dir)
    return CusttuiApp(ctx, poll_interval=poll_interval, log_dir=settings.log_dir, tuning=tuning)
