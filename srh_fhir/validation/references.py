"""References: the type a literal reference names must be a target the element allows."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from srh_fhir.validation.elements import Node
from srh_fhir.validation.rule_context import RuleContext
from srh_fhir.validation.rules import reference_type

WHITE_SPACE = re.compile(r"\s")  # the characters str.isspace() accepts (both use Python's Unicode table)


def check_reference(walker: RuleContext, node: Node, value: Mapping[str, Any], path: str) -> None:
    """A literal reference's type must be one the element allows (checked without resolving it)."""
    reference = value.get("reference")
    if not isinstance(reference, str) or reference.startswith(("#", "urn:")):
        return
    if WHITE_SPACE.search(reference):
        walker.error("structure", path, f"The reference '{reference}' is not a valid reference",
                   "Reference_REF_NotFound_Bundle")
        return
    named = reference_type(reference)
    if named is None or not walker.schema.is_resource_type(named):
        return
    targets = {t for type_ref in node.types if type_ref.code == "Reference" for t in type_ref.target_profiles}
    allowed = sorted({walker.schema.target_type(t) for t in targets})
    if allowed and "Resource" not in allowed and named not in allowed:
        walker.error("structure", path, f"The type '{named}' implied by the reference URL {reference} is not a "
                   f"valid Target for this element (must be one of {allowed})", "Reference_REF_BadTargetType2")
