"""Starting helper processes, also while the TUI runs."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr

__all__ = ["real_stderr"]


@contextmanager
def real_stderr() -> Iterator[None]:
    """Wrap the start of a process: `multiprocessing` can then start it inside the TUI.

    Textual stands in for sys.stderr with an object that has no file descriptor, and
    starting a process hands stderr's descriptor on to multiprocessing's resource tracker,
    which failed with "bad value(s) in fds_to_keep". The real stderr serves meanwhile.
    """
    with redirect_stderr(sys.__stderr__ or sys.stderr):
        yield
