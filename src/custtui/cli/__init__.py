"""The command line: parses arguments and calls the same core services as the TUI.

`parser` declares the commands; each module beside it runs a family of them.
"""

from custtui.cli.main import main, run_cli

__all__ = ["main", "run_cli"]
