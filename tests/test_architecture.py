"""The shape of the code: no import cycle, and modules small enough to hold one job.

The direction between packages is import-linter's (pyproject.toml: the core's layers, the UI's
app over screens over widgets); these are what it can't say: a cycle among the modules of one
package, and a module grown past one job.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src"
MAX_LINES = 400  # about where a module starts holding a second job
# Tables, not logic, may be longer (none is today).
DATA = "custtui/core/demo/tables/"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SRC / "custtui").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def _top_level_imports(path: Path, name: str, known: set[str]) -> set[str]:
    """Modules of custtui imported when `name` is imported: not those imported inside a
    function (done later, on purpose) nor under TYPE_CHECKING (never at run time)."""
    imported: set[str] = set()

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
            elif isinstance(node, ast.If | ast.Try):
                for block in (node.body, node.orelse, getattr(node, "finalbody", [])):
                    visit(block)
                for handler in getattr(node, "handlers", []):
                    visit(handler.body)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                assert node.level == 0, f"{name}: a relative import"  # the project's convention
                base = node.module or ""
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    imported.add(full if full in known else base)

    visit(ast.parse(path.read_text()).body)
    return {m for m in imported if m in known and m != name}


def test_no_module_imports_itself_back_through_others() -> None:
    modules = _modules()
    known = set(modules)
    graph = {name: _top_level_imports(path, name, known) for name, path in modules.items()}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def walk(name: str, path: list[str]) -> None:
        state[name] = 1
        for nxt in sorted(graph[name]):
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                walk(nxt, [*path, nxt])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            walk(name, [name])
    assert cycles == []


def test_every_module_but_data_holds_at_most_400_lines() -> None:
    too_long = {
        str(path.relative_to(SRC)): n
        for path in (SRC / "custtui").rglob("*.py")
        if "migrations" not in path.parts
        and not str(path.relative_to(SRC)).startswith(DATA)
        and (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert too_long == {}
