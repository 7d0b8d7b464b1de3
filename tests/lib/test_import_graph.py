"""The import graph of srh_fhir and smart_app, read statically: no cycles, and dependencies point one way.

Every ``import`` counts, at module level or inside a function (a deferred import hides a cycle, it does not remove
it), except those under ``if TYPE_CHECKING:``, which never run. An edge goes to the module named: ``from a.b import
c`` is an edge to ``a.b.c`` when that is a module, else to ``a.b``; the packages above a module are not counted
(importing ``a.b.c`` runs ``a/__init__.py``, but that package does not depend on ``c`` for it).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from paths import ROOT

PACKAGES = ("srh_fhir", "smart_app")
APP_ONLY = frozenset({"flask", "flask_babel", "flask_wtf", "werkzeug", "wtforms", "cachelib", "redis"})

Graph = dict[str, set[str]]


def module_files() -> dict[str, Path]:
    """Module name -> file, for every module of the packages (``srh_fhir.profiles`` is the profiles folder)."""
    files: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    files["srh_fhir.profiles"] = ROOT / "profiles" / "__init__.py"
    return files


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def import_statements(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in ``node``, at any depth, except in the body of ``if TYPE_CHECKING:``."""
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    elif isinstance(node, ast.If) and _is_type_checking(node.test):
        for child in node.orelse:
            yield from import_statements(child)
    else:
        for child in ast.iter_child_nodes(node):
            yield from import_statements(child)


def imported_modules(tree: ast.AST, module: str, is_package: bool, modules: set[str]) -> Iterator[str]:
    """The dotted names of what a module imports: ``a.b.c`` for ``from a.b import c`` when ``a.b.c`` is one of
    ``modules``, else ``a.b``; relative imports resolved against ``module``."""
    for statement in import_statements(tree):
        if isinstance(statement, ast.Import):
            yield from (alias.name for alias in statement.names)
            continue
        base = statement.module or ""
        if statement.level:
            parts = module.split(".")
            anchor = parts[: len(parts) - statement.level + (1 if is_package else 0)]
            base = ".".join([*anchor, base] if base else anchor)
        for alias in statement.names:
            yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base


def import_graph() -> tuple[Graph, dict[str, set[str]]]:
    """Edges between the packages' modules, and every top-level package each module imports."""
    files = module_files()
    graph: Graph = {name: set() for name in files}
    top_levels: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for imported in imported_modules(tree, name, path.name == "__init__.py", set(files)):
            top_levels[name].add(imported.split(".")[0])
            if imported in files and imported != name:
                graph[name].add(imported)
    return graph, top_levels


def cycles(graph: Graph) -> list[list[str]]:
    """One cycle through each strongly connected component of more than one module (Tarjan), each as a path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    components: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(_a_cycle(graph, component) for component in components)


def _a_cycle(graph: Graph, component: set[str]) -> list[str]:
    """A shortest cycle from the component's first module back to itself (breadth first inside the component)."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for target in sorted(graph[node] & component):
            if target == start:
                return [*paths[node], start]
            if target not in paths:
                paths[target] = [*paths[node], target]
                queue.append(target)
    raise AssertionError(f"no cycle in {component}")


def test_there_are_no_import_cycles() -> None:
    found = [" -> ".join(cycle) for cycle in cycles(import_graph()[0])]
    assert found == [], "import cycles:\n" + "\n".join(found)


def test_dependencies_point_one_way() -> None:
    """srh_fhir imports neither the app nor its web stack; neither imports the dev stack."""
    forbidden = {"srh_fhir": {"smart_app", "devstack", *APP_ONLY}, "smart_app": {"devstack"}}
    _, top_levels = import_graph()
    found = [
        f"{name} imports {package}"
        for name, imported in sorted(top_levels.items())
        for package in sorted(imported & forbidden[name.split(".")[0]])
    ]
    assert found == []


@pytest.mark.parametrize(
    ("modules", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"a"}}, [["a", "b", "a"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": {"d"}}, [["a", "b", "c", "a"], ["d", "e", "d"]]),
    ],
)
def test_the_cycle_finder_names_each_cycle(modules: Graph, expected: list[list[str]]) -> None:
    assert cycles(modules) == expected


def test_imports_under_type_checking_do_not_count_and_relative_imports_resolve() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import sibling\n"
        "from .other import name\n"
        "if TYPE_CHECKING:\n"
        "    from srh_fhir.walker import Walker\n"
        "else:\n"
        "    import json\n"
        "def later():\n"
        "    import srh_fhir.deferred\n"
    )
    known = {"srh_fhir.validation.sibling", "srh_fhir.validation.other", "srh_fhir.walker", "srh_fhir.deferred"}
    names = set(imported_modules(ast.parse(source), "srh_fhir.validation.rules", False, known))
    assert names == {"typing", "srh_fhir.validation.sibling", "srh_fhir.validation.other", "json", "srh_fhir.deferred"}
