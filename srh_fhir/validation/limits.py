"""Limits on what a resource may be before it is walked: how deep its JSON nests and how long its strings are.

A vendor's export or a hostile file can nest thousands of levels deep (the walker and FHIRPath recurse, so that
would crash them) or carry strings of many megabytes. These checks walk the JSON without recursion, first, and
report each limit exceeded as an issue at its place; a resource nested too deep is not walked at all.

FHIR itself sets the string limit: "strings SHALL NOT exceed 1MB in size" (R4, datatypes: string).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from srh_fhir.validation.outcome import Issue

MAX_STRING = 1024 * 1024
"""FHIR's limit on a string, in characters (1 MB)."""


@dataclass(frozen=True)
class Limits:
    """How deep a resource's JSON may nest (objects and arrays, the resource itself is level 1) and how long its
    strings may be. Real resources nest a few dozen levels; 128 leaves room for nested extensions and items."""

    max_depth: int = 128
    max_string: int = MAX_STRING


DEFAULT_LIMITS = Limits()


def json_nodes(value: Any, root: str) -> Iterator[tuple[str, Any, int]]:
    """(FHIRPath-like path, value, depth) of ``value`` and everything in it, depth first, without recursion."""
    stack: list[tuple[str, Any, int]] = [(root, value, 1)]
    while stack:
        path, node, depth = stack.pop()
        yield path, node, depth
        if isinstance(node, Mapping):
            below = [(f"{path}.{key}", child, depth + 1) for key, child in node.items()]
        elif isinstance(node, list):
            below = [(f"{path}[{i}]", child, depth + 1) for i, child in enumerate(node)]
        else:
            continue
        below.reverse()  # so that the first member is taken next
        stack.extend(below)


def limit_issues(resource: Mapping[str, Any], limits: Limits) -> tuple[list[Issue], bool]:
    """The issues of ``resource`` against ``limits``, and whether it may be walked (False: nested too deep)."""
    if within(resource, limits):
        return [], True  # the usual case: one quick pass, no paths made
    root = str(resource.get("resourceType") or "$")
    issues: list[Issue] = []
    for path, value, depth in json_nodes(resource, root):
        if depth > limits.max_depth:
            message = f"The JSON nests deeper than {limits.max_depth} levels; the resource is not checked further"
            return [*issues, Issue("fatal", "too-costly", path, message)], False
        if isinstance(value, str) and len(value) > limits.max_string:
            message = f"The string is {len(value):,} characters long, over the limit of {limits.max_string:,}"
            issues.append(Issue("error", "too-long", path, message))
    return issues, True


def within(value: Any, limits: Limits) -> bool:
    """Whether ``value`` nests no deeper and has no longer strings than ``limits`` allow. Level by level, so no
    depth is carried per value (this runs on every resource validated)."""
    level, depth = [value], 1
    max_depth, max_string = limits.max_depth, limits.max_string
    while level:
        if depth > max_depth:
            return False
        below: list[Any] = []
        for node in level:
            if isinstance(node, dict):
                below.extend(node.values())
            elif isinstance(node, list):
                below.extend(node)
            elif isinstance(node, str) and len(node) > max_string:
                return False
        level, depth = below, depth + 1
    return True
