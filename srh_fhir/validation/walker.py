"""The walk over one resource: structure, cardinality, slices, types, fixed/pattern values and invariants.

Paths are FHIRPath expressions as HAPI writes them. HAPI has two kinds: what its JSON parser finds (unknown
properties, arrays where objects belong, empty objects) is reported on the *parser path*, which names a choice
element ``value[x]``; what its validator finds (types, cardinality, codes, invariants) on the *validator path*,
which names it ``value.ofType(CodeableConcept)``. The walker carries both (``path`` and ``ppath``).
Indexes appear wherever the element repeats in the base definition: ``Observation.component[1].code``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from srh_fhir.validation.bindings import check_binding, check_unbound_coding
from srh_fhir.validation.bundles import check_full_urls
from srh_fhir.validation.contained import unreferenced
from srh_fhir.validation.elements import Constraint, Node
from srh_fhir.validation.extensions import check_extension
from srh_fhir.validation.invariants import prune
from srh_fhir.validation.narrative import narrative_problems
from srh_fhir.validation.outcome import Issue
from srh_fhir.validation.references import check_reference
from srh_fhir.validation.rules import as_text, contains, json_type_problem, json_types_fit
from srh_fhir.validation.schema import Schema
from srh_fhir.validation.slicing import assign_slices

RESOURCE_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
ABSOLUTE_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S*")
UUID = re.compile(r"urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
OID = re.compile(r"urn:oid:[0-2](\.(0|[1-9][0-9]*))+")
DATE_TYPES = frozenset({"date", "dateTime", "instant", "time"})
Entry = tuple[str, Any, str | None]  # JSON key, value, type code (choice elements)
Pending = tuple[Constraint, Any, str]  # an invariant, its focus (a JSON object of the resource), its path


def _upper_first(code: str) -> str:
    return code[:1].upper() + code[1:]


class Walker:
    """Validates one resource against its element trees, collecting issues."""

    def __init__(
        self, schema: Schema, resource: Mapping[str, Any], infer_profiles: bool = False, entries: bool = True
    ) -> None:
        self.schema = schema
        self.resource = resource
        self.infer_profiles = infer_profiles
        # With ``entries`` False, the ids of a Bundle's entry resources: checked to be resources, not walked.
        self.apart = set() if entries else {id(e.get("resource")) for e in _entries(resource)}
        self.issues: list[Issue] = []
        self.pending: list[Pending] = []
        # (id of object or array, key or index) that HAPI's parser drops -> whether it keeps an empty element
        self.rejected: dict[tuple[int, str], bool] = {}
        self.excused: set[tuple[int, str]] = set()  # (id of object, element name) whose minimum is not checked
        self.ignored: set[tuple[int, str]] = set()  # (id of object, key) already reported, not walked
        self.bad_dates: dict[str, set[str]] = {}  # path of an object -> keys of its malformed date/time values
        self.empties = False  # an empty object, array or string was found (HAPI's parser leaves them out)

    def error(self, code: str, path: str, message: str, message_id: str | None = None) -> None:
        self.issues.append(Issue("error", code, path, message, message_id))

    def run(self) -> list[Issue]:
        """Walks the resource, then evaluates the invariants met on the way; returns every issue."""
        self.check_resource(self.resource, self.resource["resourceType"])
        self.evaluate_invariants()
        return self.issues

    # --- resources -------------------------------------------------------------------------------------------

    def check_resource(self, resource: Mapping[str, Any], path: str) -> None:
        """Validates a resource against the profiles in its meta.profile, or against its base definition."""
        for root in self.profile_trees(resource, path):
            resource_id = resource.get("id")
            if isinstance(resource_id, str) and not RESOURCE_ID.fullmatch(resource_id):
                problem = f"Too long ({len(resource_id)} chars)" if len(resource_id) > 64 else (
                    f"Invalid Characters ('{resource_id}')")
                self.error("invalid", f"{path}.id", f"Invalid Resource id: {problem}", "RESOURCE_ID_INVALID")
            self.check_object(root, resource, path, path, root.path, is_resource=True)
            self.check_constraints(root, None, resource, path)
        for i, contained_id in unreferenced(resource):
            self.error("invariant", f"{path}.contained[{i}]", f"The contained resource '{contained_id}' is not "
                       "referenced to from elsewhere in the containing resource nor does it refer to the containing "
                       "resource (dom-3)", "dom-3")
        if resource["resourceType"] == "Bundle":
            check_full_urls(self, resource, path)

    def profile_trees(self, resource: Mapping[str, Any], path: str) -> list[Node]:
        resource_type = resource["resourceType"]
        meta = resource.get("meta")
        declared = meta.get("profile") if isinstance(meta, dict) else None
        trees: list[Node] = []
        for i, url in enumerate(declared if isinstance(declared, list) else []):
            if not isinstance(url, str):
                continue
            canonical = url.split("|")[0]
            tree = self.schema.profiles.get(canonical)
            if tree is None and canonical == f"http://hl7.org/fhir/StructureDefinition/{resource_type}":
                continue
            if tree is None:
                self.error("processing", f"{path}.meta.profile[{i}]", f"Profile reference '{url}' has not been "
                           "checked because it is unknown", "VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY")
            elif tree.path != resource_type:
                self.error("processing", f"{path}.meta.profile[{i}]", f"The profile {url} is for {tree.path}, "
                           f"not {resource_type}")
            else:
                trees.append(tree)
        if self.infer_profiles and not trees:
            trees = self.schema.matching_profiles(resource)
        if not trees:
            base = self.schema.core_tree(resource_type)
            if base is not None:
                trees.append(base)
        return trees

    # --- objects ---------------------------------------------------------------------------------------------

    def children_owner(self, node: Node, type_code: str | None) -> Node | None:
        """The node whose children describe an object of ``node``: its own, else its type's tree root."""
        if node.children:
            return node
        if node.content_reference:
            return self.content_target(node)
        if type_code is None:
            return None
        return self.schema.core_tree(type_code)

    def content_target(self, node: Node) -> Node | None:
        target_path = node.content_reference or ""
        current = self.schema.core_tree(target_path.split(".", 1)[0])
        for part in target_path.split(".")[1:]:
            if current is None:
                return None
            current = current.children.get(part)
        return current

    @staticmethod
    def key_index(owner: Node) -> dict[str, tuple[Node, str | None]]:
        index = owner.key_index
        if index is None:
            index = {}
            for name, child in owner.children.items():
                if child.is_choice:
                    for type_ref in child.types:
                        index[name + _upper_first(type_ref.code)] = (child, type_ref.code)
                else:
                    index[name] = (child, None)
            owner.key_index = index
        return index

    @staticmethod
    def required_children(owner: Node) -> list[Node]:
        """The children that must be checked even when absent: a minimum above 0, or a slice with one."""
        required = owner.required
        if required is None:
            required = [child for child in owner.children.values()
                        if child.min > 0 or any(s.min > 0 for s in child.slices)]
            owner.required = required
        return required

    def check_object(self, node: Node, obj: Mapping[str, Any], path: str, ppath: str, type_code: str | None,
                     is_resource: bool = False) -> None:
        owner = self.children_owner(node, type_code)
        if owner is None:
            return
        index = self.key_index(owner)
        present: dict[str, list[Entry]] = {}
        primitive_extras: dict[str, list[Entry]] = {}
        ignored = self.ignored
        for key, value in obj.items():
            if key == "fhir_comments" or (is_resource and key == "resourceType") or (
                    ignored and (id(obj), key) in ignored):
                continue
            extra = key.startswith("_")
            found = index.get(key[1:] if extra else key)
            if found is None:
                self.unknown_property(owner, key, value, path, ppath)
                continue
            child, choice_type = found
            target = primitive_extras if extra else present
            target.setdefault(child.name, []).append((key, value, choice_type))
        for child in self.required_children(owner):
            if child.name not in present and child.name not in primitive_extras:
                self.check_child(child, obj, [], [], path, ppath)
        for name in {**present, **primitive_extras}:
            child = owner.children[name]
            entries = present.get(name, [])
            if len(entries) > 1:
                self.error("structure", path, f"{child.path}: only one of the choice types may be present")
            self.check_child(child, obj, entries[:1], primitive_extras.get(name, [])[:1], path, ppath)

    def unknown_property(self, owner: Node, key: str, value: Any, path: str, ppath: str) -> None:
        name = key[1:] if key.startswith("_") else key
        for child in owner.children.values():
            if child.is_choice and name.startswith(child.name):
                type_code = name[len(child.name):]
                type_code = type_code if self.schema.is_type(type_code) else type_code[:1].lower() + type_code[1:]
                if type_code in self.base_choice_types(child):
                    self.wrong_choice_type(child, type_code, value, f"{path}.{child.name}.ofType({type_code})")
                    return
        self.error("structure", ppath, f"Unrecognized property '{key}'", "Validation_VAL_Profile_Unknown")

    def base_choice_types(self, child: Node) -> tuple[str, ...]:
        """The types the R4 base definition allows a choice element (a profile may allow fewer)."""
        tree = self.schema.core_tree(child.path.split(".", 1)[0])
        for part in child.path.split(".")[1:]:
            tree = tree.children.get(part[:-3] if part.endswith("[x]") else part) if tree is not None else None
        return tree.type_codes() if tree is not None else child.type_codes()

    def wrong_choice_type(self, child: Node, type_code: str, value: Any, path: str) -> None:
        """A choice element as a type the base allows but the profile does not: HAPI reports the type, rejects
        what is inside and still applies the element's binding."""
        allowed = child.type_codes()
        self.error("structure", path, f"The Profile '{child.source}' definition allows for the type "
                   f"{', '.join(allowed)} but found type {type_code}", "Extension_PROF_Type")
        if len(allowed) != 1 or not isinstance(value, dict):
            return
        self.not_allowed_inside(allowed, value, path)
        if child.binding is not None:
            check_binding(self, child.binding, value, path, allowed[0])

    def not_allowed_inside(self, allowed: tuple[str, ...], value: Any, path: str) -> None:
        """The properties of a wrongly typed value that the one allowed type does not have."""
        if len(allowed) != 1 or not isinstance(value, dict):
            return
        tree = None if self.schema.is_primitive(allowed[0]) else self.schema.core_tree(allowed[0])
        for key in value:
            if key not in ("id", "extension") and (tree is None or key not in self.key_index(tree)):
                self.error("structure", f"{path}.{key}", "This element is not allowed by the profile "
                           f"http://hl7.org/fhir/StructureDefinition/{allowed[0]}|4.0.1")

    # --- one child element with its values ------------------------------------------------------------------

    def check_child(self, child: Node, obj: Mapping[str, Any], entries: list[Entry], extras: list[Entry],
                    path: str, ppath: str) -> None:
        items: list[Any] = []
        type_code: str | None = None
        if entries:
            key, value, type_code = entries[0]
            items = self.as_items(child, obj, key, value, ppath, type_code)
        extension_items: list[Any] = []
        if extras:
            key, extra, extra_type = extras[0]
            type_code = type_code or extra_type
            extension_items = self.as_items(child, obj, key, extra, ppath, "Element")
        primitive_type = type_code or (child.types[0].code if len(child.types) == 1 else None)
        if items and primitive_type is not None and self.schema.is_primitive(primitive_type) and not json_types_fit(
                primitive_type, items):
            items = self.check_json_types(child, obj, items, ppath, primitive_type)
        count = max(len(items), len(extension_items))
        # HAPI's parser leaves out values of the wrong JSON type: they do not count
        present = max(len(items) - items.count(None), len(extension_items))
        if present < child.min and (id(obj), child.name) not in self.excused:
            self.error("required", path, f"{child.path}: minimum required = {child.min}, but only found {present}"
                       f" (from {child.source})", "Validation_VAL_Profile_Minimum")
        elif count > child.max:
            self.error("structure", path, f"{child.path}: max allowed = {child.max}, but found {count}"
                       f" (from {child.source})", "Validation_VAL_Profile_Maximum")
        nodes: list[Node] = [child] * count
        if child.slicing is not None and child.slices:
            nodes = assign_slices(self, child, items, path)
            nodes += [child] * (count - len(nodes))
        if count == 0:
            return
        if type_code is None and len(child.types) == 1:
            type_code = child.types[0].code
        for i in range(count):
            value = items[i] if i < len(items) else None
            extension = extension_items[i] if i < len(extension_items) else None
            suffix = f"[{i}]" if child.base_array else ""
            if child.is_choice:
                self.check_item(nodes[i], value, extension, f"{path}.{child.name}{suffix}.ofType({type_code})",
                                f"{ppath}.{child.name}{suffix}[x]", type_code)
            else:
                item_path = f"{path}.{child.name}{suffix}"
                item_ppath = item_path if ppath == path else f"{ppath}.{child.name}{suffix}"
                self.check_item(nodes[i], value, extension, item_path, item_ppath, type_code)

    def check_json_types(self, child: Node, obj: Mapping[str, Any], items: list[Any], ppath: str,
                         type_code: str) -> list[Any]:
        """Primitives of the wrong JSON type (a parser error): objects and arrays are dropped, numbers and
        booleans are read as their text, as HAPI's parser does. ``ppath``: the parser path of ``obj``."""
        checked = []
        container = obj.get(child.name if not child.is_choice else "") if child.base_array else None
        for i, item in enumerate(items):
            problem = json_type_problem(type_code, item)
            if problem is None:
                checked.append(item)
                continue
            self.error("structure", _parser_path(child, ppath), problem, "Validation_VAL_Primitive_JSON")
            if isinstance(item, (dict, list)):
                self.rejected[(id(container), str(i)) if isinstance(container, list) else (id(obj), child.name)] = False
                checked.append(None)
            else:
                checked.append(as_text(item))
        return checked

    def as_items(self, child: Node, obj: Mapping[str, Any], key: str, value: Any, ppath: str,
                 type_code: str | None) -> list[Any]:
        """The values of an element as a list. One object where an array belongs is read as an array of one;
        an array where one value belongs is rejected and the element counts as absent (as HAPI's parser does).
        ``ppath``: the parser path of ``obj``."""
        if isinstance(value, list):
            if not child.base_array:
                element_type = type_code or (child.types[0].code if child.types else "BackboneElement")
                primitive = self.schema.is_primitive(element_type)
                message = f"This property must be a simple value, not an Array ({key})" if primitive else (
                    f"The property {key} must be an Object, not an Array")
                self.error("structure", _parser_path(child, ppath), message)
                self.rejected[id(obj), key] = not primitive  # HAPI keeps an empty complex element
                return []
            element_type = type_code or (child.types[0].code if child.types else "BackboneElement")
            self.empties = self.empties or not value
            if not value and not self.schema.is_primitive(element_type):
                self.error("structure", _parser_path(child, ppath), "Array cannot be empty - the property "
                           "should not be present if it has no values")
            return value
        if child.base_array:
            self.error("structure", _parser_path(child, ppath), f"The property {key} must be a JSON Array, "
                       "not an Object")
        return [value]

    # --- one value ------------------------------------------------------------------------------------------

    def check_item(self, node: Node, value: Any, extension: Any, path: str, ppath: str,
                   type_code: str | None) -> None:
        if type_code is None:
            if node.content_reference:
                target = self.content_target(node)
                if target is not None and isinstance(value, dict):
                    self.check_object(target, value, path, ppath, None)
                    self.check_constraints(target, None, value, path)
                return
            type_code = "BackboneElement" if node.children else None
        if type_code is None:
            return
        if isinstance(extension, dict):
            if not extension:  # ``"_family": {}``: HAPI's parser finds an element with nothing in it
                self.empties = True
                self.error("structure", ppath, "Object must have some content", "Validation_VAL_Object_Empty")
            tree = self.schema.core_tree("Element")
            if tree is not None:
                self.check_object(tree, extension, path, ppath, "Element")
        elif extension is not None:
            self.error("structure", ppath, "The primitive's extensions must be an object")
        if self.schema.is_primitive(type_code):
            if value is not None:  # None: a value of the wrong JSON type, already reported
                self.check_primitive(node, value, path, type_code)
            return
        if type_code == "Resource" or self.schema.is_resource_type(type_code):
            self.check_inline_resource(value, path)
            return
        if not isinstance(value, dict):
            self.error("structure", ppath, f"This property must be an object ({type_code}), not "
                       f"{'an array' if isinstance(value, list) else 'a primitive value'}")
            return
        if not value:
            self.empties = True
            self.error("structure", ppath, "Object must have some content", "Validation_VAL_Object_Empty")
        self.check_value_rules(node, value, path, type_code)
        if value:
            self.check_object(node, value, path, ppath, type_code)
            self.check_constraints(node, type_code, value, path)

    def check_value_rules(self, node: Node, value: Mapping[str, Any], path: str, type_code: str) -> None:
        """Fixed and pattern values, bindings and the checks particular to a data type."""
        if (node.fixed is not None and not contains(value, node.fixed)) or (
                node.pattern is not None and not contains(value, node.pattern)):
            expected = node.fixed if node.fixed is not None else node.pattern
            message_id = "TYPE_CHECKS_PATTERN_CC" if type_code == "CodeableConcept" else "TYPE_CHECKS_PATTERN"
            self.error("value", path, f"The pattern {expected} defined in the profile {node.source} not found",
                       message_id)
        if node.binding is not None:
            check_binding(self, node.binding, value, path, type_code)
        elif type_code == "Coding" and not node.path.endswith(".coding"):
            check_unbound_coding(self, value, path, in_concept=False)  # codings in a CodeableConcept: see below
        elif type_code == "CodeableConcept":
            codings = value.get("coding")
            for i, coding in enumerate(codings if isinstance(codings, list) else [codings]):
                if isinstance(coding, dict):
                    check_unbound_coding(self, coding, f"{path}.coding[{i}]")
        if type_code == "Reference":
            check_reference(self, node, value, path)
        elif type_code == "Identifier" and value.get("system") is not None and not isinstance(
                value["system"], (dict, list)) and not ABSOLUTE_URI.fullmatch(as_text(value["system"])):
            self.error("invalid", path, "Identifier.system must be an absolute reference, not a local reference",
                       "Type_Specific_Checks_DT_Identifier_System")
        elif type_code == "Extension":
            check_extension(self, node, value, path)

    def check_primitive(self, node: Node, value: Any, path: str, type_code: str) -> None:
        problem = self.schema.formats.problem(type_code, value)
        if problem:
            self.empties = self.empties or value == ""
            self.error("invalid", path, problem, "Type_Specific_Checks_DT_Primitive_Valid")
            if type_code in DATE_TYPES:
                parent, _, name = path.rpartition(".")
                self.bad_dates.setdefault(parent, set()).add(name)
            return
        if type_code == "xhtml" and isinstance(value, str):
            for message in narrative_problems(value):
                self.error("invariant" if "txt-" in message else "invalid", path, message)
        elif type_code in ("uri", "url") and isinstance(value, str):
            self.check_urn(value, path)
        if node.fixed is not None and value != node.fixed:
            self.error("value", path, f"Value is '{value}' but must be '{node.fixed}'", "Profile_VAL_MissingElement")
        if node.pattern is not None and value != node.pattern:
            self.error("value", path, f"Value is '{value}' but must be '{node.pattern}'",
                       "Profile_VAL_MissingElement")
        if node.binding is not None:
            check_binding(self, node.binding, value, path, type_code)

    def check_urn(self, value: str, path: str) -> None:
        """A urn:uuid or urn:oid must be a valid one (HAPI checks every uri)."""
        if value.startswith("urn:uuid:") and not UUID.fullmatch(value):
            self.error("invalid", path, f"UUIDs must be valid and lowercase ({value[9:]})",
                       "Type_Specific_Checks_DT_UUID_Valid")
        elif value.startswith("urn:oid:") and not OID.fullmatch(value):
            self.error("invalid", path, f"OIDs must be valid ({value[8:]})", "Type_Specific_Checks_DT_OID_Valid")

    def check_inline_resource(self, value: Any, path: str) -> None:
        if not isinstance(value, dict) or not isinstance(value.get("resourceType"), str):
            self.error("structure", path, "A resource must be an object with a resourceType")
            return
        if not self.schema.is_resource_type(value["resourceType"]):
            self.error("structure", path, f"Unknown resource type '{value['resourceType']}'")
            return
        if id(value) not in self.apart:
            self.check_resource(value, path)

    # --- invariants -----------------------------------------------------------------------------------------

    def check_constraints(self, node: Node, type_code: str | None, value: Any, path: str) -> None:
        """Queues the node's invariants (and its data type's) on ``value``; see :meth:`evaluate_invariants`."""
        constraints: tuple[Constraint, ...] = node.constraints
        if type_code is not None and type_code not in ("BackboneElement", "Element"):
            tree = self.schema.core_tree(type_code)
            if tree is not None and tree.constraints:
                keys = {c.key for c in constraints}
                constraints = constraints + tuple(c for c in tree.constraints if c.key not in keys)
        for constraint in constraints:
            if constraint.severity == "error":
                self.pending.append((constraint, value, path))
            elif constraint.key == "dom-6" and isinstance(value, dict) and not _has_narrative(value):
                self.issues.append(Issue("warning", "invariant", path, "Constraint failed: dom-6: 'A resource "
                                         "should have narrative for robust management'", "dom-6"))

    def evaluate_invariants(self) -> None:
        """Evaluates the queued invariants on the resource as HAPI's parser sees it: rejected properties,
        empty objects and empty arrays left out (only copied when there are any)."""
        resource: Any = self.resource
        copies: dict[int, Any] = {}
        if self.rejected or self.empties:
            resource = prune(self.resource, self.rejected, copies)
        for constraint, focus, path in self.pending:
            bad = self.bad_dates.get(path)
            if bad and _compares(constraint.expression, bad, focus):
                failed = True  # HAPI's FHIRPath engine fails on the malformed date, and so the invariant
            else:
                target = copies.get(id(focus), focus) if copies else focus
                if target is None:
                    continue
                failed = self.schema.invariants.failed(constraint, target, resource)
            if failed:
                self.error("invariant", path, f"Constraint failed: {constraint.key}: '{constraint.human}' "
                           f"(defined in {constraint.source})", f"{constraint.source}#{constraint.key}")


def _parser_path(child: Node, ppath: str) -> str:
    """The parser path of the values of ``child`` in the object at ``ppath``: a choice element as ``value[x]``."""
    return f"{ppath}.{child.name}[x]" if child.is_choice else f"{ppath}.{child.name}"


def _entries(resource: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    entries = resource.get("entry") if resource.get("resourceType") == "Bundle" else None
    return [e for e in entries if isinstance(e, Mapping)] if isinstance(entries, list) else []


def _has_narrative(resource: Mapping[str, Any]) -> bool:
    text = resource.get("text")
    return isinstance(text, dict) and bool(text.get("div"))


def _compares(expression: str, bad: set[str], focus: Any) -> bool:
    """True when the expression uses a malformed date of ``focus`` together with another of its values."""
    if not isinstance(focus, dict):
        return False
    used = {key for key in focus if re.search(rf"\b{re.escape(key)}\b", expression)}
    return bool(used & bad) and len(used) >= 2
