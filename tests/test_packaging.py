"""What an installed custtui must carry, and the layering the architecture promises."""

from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

import custtui

FROM_CHECKOUT = Path(custtui.__file__).resolve().parents[1].name == "src"


@pytest.mark.skipif(FROM_CHECKOUT, reason="an editable install reads styles/ from the checkout")
def test_the_installed_package_carries_styles_and_migrations() -> None:
    package = files("custtui")
    for sheet in ("app.tcss", "items.tcss", "items_forms.tcss", "activity.tcss"):
        assert (package / "styles" / sheet).is_file(), sheet
    versions = package / "core" / "store" / "migrations" / "versions"
    assert any(p.name.startswith("0001") for p in versions.iterdir())
    assert (package / "core" / "store" / "migrations" / "env.py").is_file()


def test_the_app_finds_its_stylesheet() -> None:
    from custtui.ui.app import CusttuiApp, styles_dir

    assert (styles_dir() / "app.tcss").is_file()
    # Every sheet the app loads is under styles/, which the wheel carries whole.
    for sheet in CusttuiApp.CSS_PATH:
        assert Path(sheet).is_file() and Path(sheet).parent == styles_dir(), sheet


def test_the_core_imports_neither_textual_nor_the_ui() -> None:
    code = (
        "import sys, custtui.cli, custtui.core.directory.live, custtui.core.demo.load,"
        " custtui.core.store.keys;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' "
        "or m.startswith('custtui.ui'));"
        "print(','.join(bad))"
    )
    # The command line imports the UI only when it opens the app.
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
