"""The one line the app leaves on an unexpected error: no value it was handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from custtui.ui.app import CusttuiApp

SECRET = "1987-06-05 per passport X9Q4471"


class CrashesReading(CusttuiApp):
    def on_mount(self) -> None:
        raise ValueError(f"Invalid isoformat string: {SECRET!r}")


def test_the_exit_line_and_the_log_hold_no_value(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    app = CrashesReading(None, log_dir=tmp_path)
    app.run(headless=True)
    # Rich wraps the line at the terminal's width.
    err = capfd.readouterr().err.replace("\n", "")
    assert app.return_code == 1
    assert "custtui stopped after an unexpected error: ValueError" in err
    assert str(tmp_path / "custtui.log") in err
    assert "X9Q4471" not in err and "1987" not in err
    log = (tmp_path / "custtui.log").read_text()
    assert "ValueError" in log and "X9Q4471" not in log and "1987" not in log
