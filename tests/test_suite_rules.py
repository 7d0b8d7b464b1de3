"""The test suite's own house rules, checked on its source."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def raises_without_match(source: str) -> list[int]:
    """The lines of the ``pytest.raises(...)`` calls in ``source`` that do not say which message they expect."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "raises"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "pytest"
        and not any(keyword.arg == "match" for keyword in node.keywords)
    ]


def imported_test_modules(source: str) -> list[int]:
    """The lines of ``source`` that import a test module (shared helpers belong in a conftest or support module)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        if any(name.split(".")[-1].startswith("test_") for name in names):
            found.append(node.lineno)
    return found


def test_the_check_finds_a_raises_without_match() -> None:
    source = (
        "import pytest\n"
        "with pytest.raises(ValueError, match='x'):\n    pass\n"
        "with pytest.raises(ValueError):\n    pass\n"
    )
    assert raises_without_match(source) == [4]


def test_every_pytest_raises_names_the_message_it_expects() -> None:
    found = [
        f"{path.relative_to(TESTS.parent).as_posix()}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in raises_without_match(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"pytest.raises without match= (it would pass on the wrong error): {', '.join(found)}"


def test_the_check_finds_an_imported_test_module() -> None:
    source = "import paths\nfrom launch_support import make_app\nfrom test_app_launch import make_app\nimport test_x\n"
    assert imported_test_modules(source) == [3, 4]


def test_no_test_module_imports_another() -> None:
    found = [
        f"{path.relative_to(TESTS.parent).as_posix()}:{line}"
        for path in sorted(TESTS.rglob("*.py"))
        for line in imported_test_modules(path.read_text(encoding="utf-8"))
    ]
    assert not found, f"a test module imported (move what it shares to a conftest or support module): {found}"
