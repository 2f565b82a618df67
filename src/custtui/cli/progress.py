"""A progress bar on stderr for the long commands (import, export, demo-data).

Only on a terminal: piped, or with --quiet, a command prints its result and nothing else.
The core reports progress through a plain `(done, total)` callback; this is the one place
that turns it into a bar.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Report = Callable[[int, int], None]


class CountColumn(ProgressColumn):
    """How many of how many, with thousands separated (MofNCompleteColumn's aren't)."""

    def __init__(self, noun: str) -> None:
        super().__init__()
        self.noun = noun

    def render(self, task: Task) -> Text:
        if task.total is None:  # not yet known: the work is starting
            return Text("")
        return Text(f"{task.completed:,.0f}/{task.total:,.0f} {self.noun}", "progress.download")


class RateColumn(ProgressColumn):
    """Rows a second: rich's own speed column counts bytes."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", "progress.data.speed")


@contextmanager
def progress_bar(
    description: str, noun: str, *, quiet: bool, console: Console | None = None
) -> Iterator[Report | None]:
    """A `(done, total)` callback drawing a bar with the count, the rate and the time left
    on `console` (stderr by default), or None when there is no terminal to draw on or the
    user asked for quiet. The bar is removed when the work ends, however it ends."""
    if console is None:
        # Whether stderr is a terminal, not what FORCE_COLOR says: a pipe never gets a bar.
        stderr = sys.stderr
        console = Console(stderr=True, force_terminal=stderr is not None and stderr.isatty())
    if quiet or not console.is_terminal:
        yield None
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        CountColumn(noun),
        RateColumn(),
        TimeRemainingColumn(),
        TextColumn("left"),
        console=console,
        transient=True,
    )
    task = bar.add_task(description, total=None)

    def report(done: int, total: int) -> None:
        bar.update(task, completed=done, total=total)

    with bar:
        yield report
