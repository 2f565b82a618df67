"""A full disk, as the command line says it (issue 12)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from custtui.cli import run_cli
from custtui.core.errors import DISK_FULL
from custtui.core.runtime.config import Settings
from custtui.core.store import engine as store_engine
from tests.core.test_disk_full import NOTES, fill_limit


def test_the_cli_says_the_disk_is_full(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("max_page_count is SQLite's")
    assert run_cli(["add", "--first", "Ada", "--last", "Lovelace"])[0] == 0
    make_engine = store_engine.make_engine

    def filling(url: str) -> Any:
        made = make_engine(url)
        event.listen(made, "connect", fill_limit)
        return made

    monkeypatch.setattr(store_engine, "make_engine", filling)
    capsys.readouterr()
    status, _ = run_cli(["add", "--first", "Bob", "--last", "Baker", "--notes", NOTES])
    assert (status, capsys.readouterr().err) == (1, f"custtui: {DISK_FULL}\n")
