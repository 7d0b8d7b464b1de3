"""Reading the hierarchy an errors module draws in its docstring, to hold the drawing and the classes to each other.

A drawing is a literal block (after ``::``) of lines like ``│   ├── ResourceNotFound    404``: four columns per
level, the class name first, then a description. A name may be dotted (``srh_fhir.errors.AuthError``) when the tree
hangs the module's classes under another module's.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

NAME = re.compile(r"[A-Za-z_][\w.]*")
DRAWING = frozenset(" │├└─")


def drawn_parents(module: ModuleType) -> dict[str, str | None]:
    """Each class name in the drawing with the name drawn above it (None for a root)."""
    doc = module.__doc__ or ""
    assert "::\n" in doc, f"{module.__name__}'s docstring draws no hierarchy (a literal block after '::')"
    parents: dict[str, str | None] = {}
    path: list[str] = []  # the names on the way down to the current line, one per level
    for line in doc.split("::\n", 1)[1].splitlines():
        if line.strip() and not line.startswith("    "):
            break  # the end of the literal block
        text = line[4:]
        column = next((i for i, char in enumerate(text) if char not in DRAWING), len(text))
        match = NAME.match(text, column)
        if match is None:
            continue
        depth = column // 4
        del path[depth:]
        parents[match.group()] = path[-1] if path else None
        path.append(match.group())
    return parents


def resolve(module: ModuleType, name: str) -> type:
    """The class a drawn name stands for: in the module, or a dotted path to another module's class."""
    if "." in name:
        owner, _, attribute = name.rpartition(".")
        found = getattr(importlib.import_module(owner), attribute)
    else:
        found = getattr(module, name)
    assert isinstance(found, type), f"{name} is not a class"
    return found


def defined_errors(module: ModuleType) -> set[type]:
    """The exception classes a module defines itself (not those it imports)."""
    return {
        value
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, BaseException) and value.__module__ == module.__name__
    }


def tree_problems(module: ModuleType) -> list[str]:
    """Where the drawing and the classes disagree (empty when the drawing is true)."""
    parents = drawn_parents(module)
    problems = []
    drawn = {resolve(module, name) for name in parents}
    for error in sorted(defined_errors(module) - drawn, key=lambda e: e.__name__):
        problems.append(f"{error.__name__} is not in the drawing")
    for name, parent in parents.items():
        if parent is not None and resolve(module, parent) not in resolve(module, name).__bases__:
            problems.append(f"{name} is drawn under {parent}, but {parent} is not one of its bases")
    return problems


def errors_outside(package: ModuleType, errors_module: ModuleType) -> list[str]:
    """Exception classes defined in any module of the package other than its errors module."""
    names = [package.__name__] + [info.name for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")]
    found = []
    for name in names:
        module = importlib.import_module(name)
        if module is not errors_module:
            found += [f"{name}.{error.__name__}" for error in defined_errors(module)]
    return sorted(found)
