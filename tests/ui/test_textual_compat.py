"""Each Textual internal custtui relies on (custtui.ui.textual_compat) still there, still working.

When a Textual upgrade fails here, fix textual_compat.py (and only it): the rest of custtui
reaches Textual's internals through it.
"""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.notifications import Notification
from textual.scroll_view import ScrollView
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select

from custtui.ui.textual_compat import (
    OneLineFatalErrorApp,
    notifications,
    pending_suggestion,
    select_prompts,
    set_scroll_range,
)


def test_the_internals_are_where_we_reach_for_them() -> None:
    """Named one by one, so the failure says which one an upgrade took away."""
    assert callable(App._fatal_error)  # the hook for an unhandled error
    assert callable(App._close_messages_no_wait)
    assert callable(ScrollView._scroll_update)
    app = App[None]()
    assert app._exit_renderables == []
    assert app._exception is None
    assert len(app._notifications) == 0
    assert Input()._suggestion == ""
    assert Select([("One", 1)])._options[-1] == ("One", 1)


class Crashing(OneLineFatalErrorApp[None]):
    def fatal_message(self, error: BaseException | None) -> str:
        return f"custtui-test stopped: {error!r}"

    def on_mount(self) -> None:
        raise RuntimeError("a bug")


def test_an_unexpected_error_ends_in_the_apps_own_line_not_a_traceback(
    capfd: pytest.CaptureFixture[str],
) -> None:
    app = Crashing()
    app.run(headless=True)
    err = capfd.readouterr().err
    assert app.return_code == 1
    assert "custtui-test stopped: RuntimeError('a bug')" in err
    assert "Traceback" not in err and "locals" not in err


class Scrolling(ScrollView, can_focus=True):
    DEFAULT_CSS = "Scrolling { height: 10; overflow-y: scroll; }"


class OneScrollView(App[None]):
    def compose(self) -> ComposeResult:
        yield Scrolling()


async def test_the_scroll_range_changes_without_a_layout() -> None:
    app = OneScrollView()
    async with app.run_test(size=(40, 20)) as pilot:
        view = app.query_one(Scrolling)
        await pilot.pause()
        width = view.size.width
        set_scroll_range(view, Size(width, 500))
        assert view.virtual_size == Size(width, 500)
        assert view.vertical_scrollbar.window_virtual_size == 500
        view.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert view.scroll_offset.y == 500 - view.scrollable_content_region.height > 0


class OneInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(suggester=SuggestFromList(["apple", "banana"]))


async def test_the_pending_suggestion_is_the_completion_shown() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        box = app.query_one(Input)
        assert pending_suggestion(box) == ""
        await pilot.press("a", "p")
        await pilot.pause()
        assert pending_suggestion(box) == "apple"


async def test_notifications_are_the_ones_shown() -> None:
    app = OneInput()
    async with app.run_test() as pilot:
        app.notify("Saved.", title="Customer")
        await pilot.pause()
        shown = notifications(app)
        assert all(isinstance(n, Notification) for n in shown)
        assert [(n.title, n.message) for n in shown] == [("Customer", "Saved.")]


async def test_select_prompts_are_the_options_offered() -> None:
    class OneSelect(App[None]):
        def compose(self) -> ComposeResult:
            yield Select([("One", 1), ("Two", 2)])

    app = OneSelect()
    async with app.run_test() as pilot:
        select = app.query_one(Select)
        assert select_prompts(select) == ["One", "Two"]
        select.set_options([("Three", 3)])
        await pilot.pause()
        assert select_prompts(select) == ["Three"]
