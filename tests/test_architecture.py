"""The layers of `src/vbcheck/` as folders, read from the imports themselves: no module imports a
higher layer, and no two modules import each other, directly or round a cycle.

Layers, lowest first (a module may import its own layer and those below):
core → text → catalogue → ooxml → readers → anatomy → checks → hookspecs (the plugin contract)
→ engine → config → runs → reporters, writers → cli, web → the package's public API.
Imports under `if TYPE_CHECKING:` are for annotations only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "vbcheck"

LAYERS = [
    {"_version", "core"},
    {"text"},
    {"catalogue"},
    {"ooxml"},
    {"readers"},
    {"anatomy"},
    {"checks"},
    {"hookspecs"},
    {"engine"},
    {"config"},
    {"runs"},
    {"reporters", "writers"},
    {"cli", "web"},
    {"__init__", "__main__", "api"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top(module: str) -> str:
    """The layer folder (or top-level module) of a vbcheck module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                for n in ast.walk(sub):
                    if hasattr(n, "lineno"):
                        lines.add(n.lineno)
    return lines


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, imported vbcheck module) for every import of the file, at any depth."""
    mod = module_name(path)
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    out = []
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("vbcheck"):
                continue
            for alias in node.names:  # `from . import packs` imports the module vbcheck.packs
                sub = f"{target}.{alias.name}"
                as_module = PACKAGE.joinpath(*sub.split(".")[1:])
                out.append((node.lineno, sub if as_module.with_suffix(".py").exists() or as_module.is_dir() else target))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names if a.name.startswith("vbcheck"))
    return out


def all_modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_folder_has_a_layer():
    tops = {top(module_name(p)) for p in all_modules()}
    assert tops <= set(RANK), f"folders or modules without a layer: {sorted(tops - set(RANK))}"


def test_no_import_from_a_lower_layer_to_a_higher_one():
    upward = []
    for path in all_modules():
        mod = module_name(path)
        for line, target in imports(path):
            if RANK[top(target)] > RANK[top(mod)]:
                upward.append(f"{path.relative_to(SRC)}:{line}: {mod} imports {target}")
    assert upward == []


def test_no_import_cycle():
    graph: dict[str, set[str]] = {}
    for path in all_modules():
        mod = module_name(path)
        graph[mod] = {t for _line, t in imports(path) if t != mod and t != "vbcheck"}
    # A package's __init__ importing its own modules is not a cycle with them: importing a
    # submodule runs the package first, which is how Python resolves it.
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for t in sorted(graph.get(m, ())):
            if t.startswith(m + "."):
                continue
            if state.get(t) == 1:
                cycles.append(stack[stack.index(t):] + [t])
            elif t in graph and not state.get(t):
                visit(t)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if not state.get(m):
            visit(m)
    assert cycles == []


def test_the_walk_sees_the_imports(tmp_path):
    # The test above would pass on a walk that finds nothing: show it finds a known import.
    found = dict(imports(PACKAGE / "engine" / "run.py"))
    assert "vbcheck.anatomy" in found.values() and "vbcheck.checks.context" in found.values()
