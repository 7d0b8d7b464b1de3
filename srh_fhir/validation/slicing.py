"""Slices: which slice each item of a sliced element belongs to, and the cardinality of every slice."""

from __future__ import annotations

from typing import Any

from srh_fhir.validation.elements import Node
from srh_fhir.validation.rule_context import RuleContext
from srh_fhir.validation.rules import contains


def _expected(slice_node: Node, path: str) -> Any:
    """The fixed or pattern value the slice gives the discriminator path (None when it gives none)."""
    node: Node | None = slice_node
    if path != "$this":
        for part in path.split("."):
            node = node.children.get(part) if node is not None else None
        if node is None and path == "url" and slice_node.types and slice_node.types[0].profiles:
            return slice_node.types[0].profiles[0]  # an extension slice: the extension's canonical URL
    if node is None:
        return None
    return node.fixed if node.fixed is not None else node.pattern


def _actual(item: Any, path: str) -> Any:
    if path == "$this":
        return item
    for part in path.split("."):
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item


def matches(slice_node: Node, discriminators: tuple[tuple[str, str], ...], item: Any) -> bool:
    for kind, path in discriminators:
        if kind not in ("value", "pattern"):
            return False
        expected = _expected(slice_node, path)
        if expected is None or not contains(_actual(item, path), expected):
            return False
    return True


def assign_slices(walker: RuleContext, sliced: Node, items: list[Any], path: str) -> list[Node]:
    """The node each item is validated against (its slice, or the sliced element when none matches)."""
    assert sliced.slicing is not None
    discriminators = sliced.slicing.discriminators
    nodes: list[Node] = []
    counts = dict.fromkeys((s.slice_name for s in sliced.slices), 0)
    for i, item in enumerate(items):
        found = next((s for s in sliced.slices if matches(s, discriminators, item)), None)
        if found is None:
            if sliced.slicing.rules == "closed":
                walker.error("structure", f"{path}.{sliced.name}[{i}]", "This element does not match any known "
                             f"slice defined in the profile {sliced.source} and slicing is CLOSED",
                             "Validation_VAL_Profile_NotSlice")
            nodes.append(sliced)
        else:
            counts[found.slice_name] += 1
            nodes.append(found)
    for slice_node in sliced.slices:
        count = counts[slice_node.slice_name]
        if count < slice_node.min:
            walker.error("structure", path, f"Slice '{sliced.path}:{slice_node.slice_name}': a matching slice is "
                         f"required, but not found (from {sliced.source})", "Validation_VAL_Profile_Minimum_SLICE")
        elif count > slice_node.max:
            walker.error("structure", path, f"{sliced.path}:{slice_node.slice_name}: max allowed = "
                         f"{slice_node.max}, but found {count} (from {sliced.source})",
                         "Validation_VAL_Profile_Maximum")
    nodes.extend([sliced] * (len(items) - len(nodes)))
    return nodes
