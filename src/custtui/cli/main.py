"""The entry point: one line for every error, never a traceback."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from custtui.cli.common import UsageError, settings_from
from custtui.cli.parser import build_parser
from custtui.core.errors import DISK_FULL, CusttuiError, is_disk_full
from custtui.core.runtime.config import Settings
from custtui.core.runtime.crashlog import describe, log_crash


def cmd_tui(args: argparse.Namespace, out: TextIO) -> int:
    from custtui.ui.launch import run_tui

    return run_tui(settings_from(args), demo=args.demo)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    try:
        args = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace, TextIO], int] = getattr(args, "handler", cmd_tui)
        return handler(args, out)
    except UsageError as exc:
        print(f"custtui: {exc}", file=sys.stderr)
        return 2
    except CusttuiError as exc:
        print(f"custtui: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("custtui: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last guard: a user never sees a traceback
        if is_disk_full(exc):
            print(f"custtui: {DISK_FULL}", file=sys.stderr)
            return 1
        where = log_crash(Settings.resolve().log_dir, exc)
        detail = f"; details in {where}" if where else ""
        print(f"custtui: unexpected error: {describe(exc)}{detail}", file=sys.stderr)
        return 1


def run_cli(argv: Sequence[str]) -> tuple[int, str]:
    """For callers that want the output as text (tests, scripts)."""
    import io

    buffer = io.StringIO()
    status = main(argv, buffer)
    return status, buffer.getvalue()
