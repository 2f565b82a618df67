"""Long commands show a progress bar on a terminal's stderr; piped or --quiet, the result only."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
from pathlib import Path

import pytest

from custtui.core.runtime.config import Settings
from tests.cli.test_cli import Cli, Run

ROWS = 2500  # three batches of the import


@pytest.fixture
def cli(settings: Settings, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(capsys)


@pytest.fixture
def people(tmp_path: Path) -> Path:
    path = tmp_path / "people.csv"
    lines = ["First Name,Last Name"] + [f"P{i},Person" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_on_terminal(*argv: str, cwd: Path) -> Run:
    """`python -m custtui ...` with stderr on a terminal (a pseudo-terminal 120 columns wide)
    and stdout piped, as `custtui import big.csv > log.txt` typed in a terminal window."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("FORCE_COLOR", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "custtui", *argv],
        stdout=subprocess.PIPE,
        stderr=follower,
        cwd=cwd,
        env=env,
    )
    os.close(follower)
    drawn = bytearray()

    def drain() -> None:  # the terminal must be read as it is written, or the child blocks
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child has gone and closed its end
                return
            if not chunk:
                return
            drawn.extend(chunk)

    reader = threading.Thread(target=drain)
    reader.start()
    out, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(leader)
    return Run(proc.returncode, out.decode(), drawn.decode("utf-8", "replace"))


def test_piped_long_commands_print_their_result_and_nothing_else(
    cli: Cli, people: Path, tmp_path: Path
) -> None:
    for seed, quiet in (("1", ()), ("2", ("--quiet", "--add"))):
        out = cli.ok("demo-data", "--customers", "5", "--seed", seed, *quiet)
        assert out.startswith("Added 5 demo customers, ") and out.count("\n") == 1
    out = cli.ok("import", str(people), "--quiet")
    assert f"\nImported {ROWS:,} customers, skipped 0\nImport " in out
    target = tmp_path / "out.csv"
    assert cli.ok("export", "--out", str(target), "--quiet") == (
        f"Exported {ROWS + 10:,} customers to {target}\n"
    )


def test_on_a_terminal_import_and_export_draw_a_bar_then_remove_it(
    cli: Cli, people: Path, tmp_path: Path
) -> None:
    imported = run_on_terminal("import", str(people), cwd=tmp_path)
    assert imported.status == 0, imported
    # stdout is what a pipe gets; the bar went to the terminal only.
    assert f"Imported {ROWS:,} customers, skipped 0\n" in imported.out
    assert "━" not in imported.out
    assert "Importing" in imported.err and f"{ROWS:,}/{ROWS:,} rows" in imported.err
    assert "left" in imported.err
    # Removed when done: the cursor is shown again and the bar's line erased.
    after = imported.err.rsplit(f"{ROWS:,}/{ROWS:,}", 1)[1]
    assert "\x1b[?25h" in after and after.endswith("\x1b[1A\x1b[2K")
    target = tmp_path / "out.csv"
    exported = run_on_terminal("export", "--out", str(target), cwd=tmp_path)
    assert exported.out == f"Exported {ROWS:,} customers to {target}\n"
    assert f"{ROWS:,}/{ROWS:,} customers" in exported.err


def test_quiet_on_a_terminal_draws_nothing(cli: Cli, people: Path, tmp_path: Path) -> None:
    run = run_on_terminal("import", str(people), "--quiet", cwd=tmp_path)
    assert run.status == 0, run
    assert run.err == ""
    assert f"Imported {ROWS:,} customers, skipped 0\n" in run.out
