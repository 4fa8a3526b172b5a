"""The code's shape: imports run one way, from the MkDocs adapters down to the core.

Read from the source (every import, including those inside functions), so an arrow that
runs back up fails here before a reader meets it. The layers are described on the
architecture page (docs/*/about/architecture.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

# Lowest first. A module may import its own layer or a lower one, never a higher one.
LAYERS = [
    ("core", ["macros.core"]),
    ("words and addresses", ["macros.i18n", "macros.urls"]),
    ("plain text", ["macros.text", "macros.readings"]),
    ("html", ["macros.markup"]),
    ("outputs", ["macros.citations", "macros.reference_formats", "macros.linked_data", "macros.exports",
                 "macros.csv_tables", "macros.briefings", "macros.drawings"]),
    ("pages", ["macros.pages"]),
    ("build", ["macros.build", "macros.incremental", "macros.preview"]),
    ("adapters and scripts", ["macros.hooks", "macros", "scripts"]),
]
# Libraries that belong to the layers above the core: the core reads data, it writes no page.
NOT_IN_CORE = {"mkdocs", "markdown", "nh3", "docx", "feedgen", "icalendar", "material", "rispy"}
MAX_LINES = 400


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    files = [*(ROOT / "macros").rglob("*.py"), *(ROOT / "scripts").glob("*.py")]
    return {module_name(p): p for p in sorted(files)}


def layer_of(name: str) -> int:
    best = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if name == prefix or name.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (index, len(prefix))
    assert best is not None, f"{name} belongs to no layer: add it to LAYERS and to the architecture page"
    return best[0]


def imports_of(name: str, path: Path) -> list[tuple[str, int, list[str]]]:
    """(imported module, line, names) for every import in the file, resolved to absolute names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    known = modules()
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[:len(parent) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            names = [alias.name for alias in node.names]
            # `from . import x` imports the module x when there is one.
            for n in names:
                if f"{base}.{n}" in known:
                    out.append((f"{base}.{n}", node.lineno, []))
            rest = [n for n in names if f"{base}.{n}" not in known]
            if rest:
                out.append((base, node.lineno, rest))
    return out


MODULES = modules()


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_down_the_layers(name):
    path = MODULES[name]
    mine = layer_of(name)
    upward = []
    for target, line, _ in imports_of(name, path):
        if target.split(".")[0] not in ("macros", "scripts"):
            continue
        if layer_of(target) > mine:
            upward.append(f"{path.relative_to(ROOT)}:{line}: imports {target} ({LAYERS[layer_of(target)][0]}),"
                          f" above its own layer ({LAYERS[mine][0]})")
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("macros.core")))
def test_the_core_knows_nothing_of_pages(name):
    found = [f"{target} (line {line})" for target, line, _ in imports_of(name, MODULES[name])
             if target.split(".")[0] in NOT_IN_CORE
             or (target.startswith("macros") and not target.startswith("macros.core"))]
    assert not found, f"{name} imports " + ", ".join(found)


def test_no_import_circle():
    graph = {name: {t for t, _, _ in imports_of(name, path) if t in MODULES and t != name}
             for name, path in MODULES.items()}
    # A package's __init__ may hand on names of its own modules; that is no circle.
    for name in graph:
        graph[name] = {t for t in graph[name] if not (MODULES[t].name == "__init__.py" and name.startswith(t + "."))}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                raise AssertionError("import circle: " + " → ".join(trail[trail.index(nxt):] + [nxt]))
            if not state.get(nxt):
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if not state.get(name):
            visit(name, [name])


def _private_definitions(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def test_no_private_name_crosses_a_module():
    trees = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}
    defined = {name: _private_definitions(tree) for name, tree in trees.items()}
    leaks = []
    for name, path in MODULES.items():
        where = path.relative_to(ROOT)
        for target, line, names in imports_of(name, path):
            leaks += [f"{where}:{line}: imports {target}.{n}" for n in names if n.startswith("_")]
        elsewhere = set().union(*(d for other, d in defined.items() if other != name)) - defined[name]
        for node in ast.walk(trees[name]):
            if isinstance(node, ast.Attribute) and node.attr in elsewhere:
                leaks.append(f"{where}:{node.lineno}: uses .{node.attr}, private to another module")
    assert not leaks, "private names used across modules:\n" + "\n".join(leaks)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_too_long_to_read(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[name].relative_to(ROOT)} has {lines} lines: split it by job"


def test_the_architecture_page_names_every_module():
    for lang in ("ja", "en"):
        page = (ROOT / "docs" / lang / "about" / "architecture.md").read_text(encoding="utf-8")
        missing = [str(p.relative_to(ROOT)) for p in MODULES.values()
                   if str(p.relative_to(ROOT)) not in page and p.name != "__init__.py"]
        assert not missing, f"docs/{lang}/about/architecture.md does not name: {', '.join(missing)}"
