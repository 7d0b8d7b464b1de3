"""dom-3: every contained resource is referenced from the resource that contains it (or refers to it with '#').

R4 states dom-3 with ``descendants()``, which the FHIRPath engine is not asked to do; it is checked here and
reported on the contained resource, as HAPI's validator does.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def unreferenced(resource: Mapping[str, Any]) -> list[tuple[int, str]]:
    """(index, id) of each contained resource that nothing in ``resource`` points at with '#id', and that does
    not itself point at its container with '#'. The id is 'null' when it has none."""
    contained = resource.get("contained")
    if not isinstance(contained, list):
        return []
    pointers = set(_strings(resource))
    found = []
    for i, item in enumerate(contained):
        if not isinstance(item, dict):
            continue
        item_id = item.get("id")
        if isinstance(item_id, str) and f"#{item_id}" in pointers:
            continue
        if "#" in set(_strings(item)):
            continue
        found.append((i, item_id if isinstance(item_id, str) else "null"))
    return found


def _strings(value: Any) -> Iterator[str]:
    """Every string value in the JSON that starts with '#' (local references, canonicals, uris)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str) and item.startswith("#"):
            yield item
