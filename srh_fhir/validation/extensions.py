"""Extensions: ext-1, value types (core and ours), the contexts ours may be used in, unknown extensions of ours."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from srh_fhir.validation.elements import Node
from srh_fhir.validation.rule_context import RuleContext


def check_extension(walker: RuleContext, node: Node, value: Mapping[str, Any], path: str) -> None:
    """ext-1, the value types of core and of our extensions, their contexts, and unknown extensions of ours."""
    url = value.get("url")
    if not isinstance(url, str):
        if url is not None:  # the url itself is reported as a wrong type; HAPI also names the extension
            walker.error("invalid", path, "Extension.url must be an absolute URL", "Extension_EXT_URL_Absolute")
        return
    value_keys = [k for k in value if k.startswith("value")]
    readable = [k for k in value_keys if value[k] not in ({}, [], "", None) and not (
        isinstance(value[k], (dict, list)) and walker.schema.is_primitive(k[5:6].lower() + k[6:]))]
    if bool(readable) == bool(value.get("extension")):
        walker.error("invariant", path, "Constraint failed: ext-1: 'Must have either extensions or value[x], "
                   "not both'", "ext-1")
    core_types = walker.schema.core_extension_types(url)
    if core_types is not None:
        if value_keys and not readable:
            walker.error("structure", path, f"The Extension '{url}' definition is for a simple extension, so it "
                       "must contain a value", "Extension_EXT_Simple_ABSENT")
        for key in value_keys:
            type_name = key[5:] if walker.schema.is_type(key[5:]) else key[5:6].lower() + key[6:]
            if type_name not in core_types:
                walker.error("structure", path, f"The Extension '{url}' definition allows for the types "
                           f"[{', '.join(sorted(core_types))}] but found type {type_name}", "Extension_EXT_Type")
                walker.not_allowed_inside(tuple(core_types), value[key], f"{path}.value.ofType({type_name})")
        return
    definition = walker.schema.extensions.get(url)
    if definition is None:
        if walker.schema.own_extension_url(url):
            walker.error("structure", path, f"The extension {url} could not be found so is not allowed here",
                       "Extension_EXT_Unknown_NotHere")
        return
    contexts = walker.schema.extension_contexts.get(url, ())
    value_node = definition.children.get("value")
    if value_node is not None and value_node.types:
        allowed = value_node.type_codes()
        for key in value_keys:
            type_code = key[5:] if walker.schema.is_type(key[5:]) else key[5:6].lower() + key[6:]
            if type_code not in allowed:
                walker.error("structure", path, f"The Extension '{url}' definition allows for the types "
                           f"[{', '.join(allowed)}] but found type {type_code}", "Extension_EXT_Type")
                walker.not_allowed_inside(allowed, value[key], f"{path}.value.ofType({type_code})")
                walker.excused.add((id(value), "value"))
                walker.ignored.add((id(value), key))
    here = node.path.rsplit(".", 1)[0]
    if contexts and here not in contexts:
        walker.error("structure", path, f"The extension {url} is not allowed to be used at this point "
                   f"(allowed = {', '.join('e:' + c for c in contexts)}; this element is [{here}])",
                   "Extension_EXT_Modifier_MismatchY")
    walker.check_object(definition, value, path, path, "Extension")
    walker.check_constraints(definition, "Extension", value, path)
