"""What the rule modules see of the walk in progress: the schema, where to report issues, and the walk's own checks.

The walker (``walker.py``) imports the rules (``bindings``, ``extensions``, ``references``, ``slicing``) and hands
itself to them; they know it only as a ``RuleContext``, so the imports point one way: walker -> rules -> this module.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from srh_fhir.validation.elements import Node
from srh_fhir.validation.schema import Schema


class RuleContext(Protocol):
    """The walker, as a rule uses it."""

    schema: Schema
    excused: set[tuple[int, str]]
    """(id of object, element name) whose minimum is not checked."""
    ignored: set[tuple[int, str]]
    """(id of object, key) already reported, not walked."""

    def error(self, code: str, path: str, message: str, message_id: str | None = None) -> None:
        """Report an error-level issue."""

    def not_allowed_inside(self, allowed: tuple[str, ...], value: Any, path: str) -> None:
        """Report the properties of a wrongly typed value that the one allowed type does not have."""

    def check_object(
        self,
        node: Node,
        obj: Mapping[str, Any],
        path: str,
        ppath: str,
        type_code: str | None,
        is_resource: bool = False,
    ) -> None:
        """Walk an object against ``node``'s children."""

    def check_constraints(self, node: Node, type_code: str | None, value: Any, path: str) -> None:
        """Queue ``node``'s invariants (and its data type's) on ``value``."""
