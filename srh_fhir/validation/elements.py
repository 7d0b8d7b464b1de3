"""Element trees: the rules of a StructureDefinition, precomputed once so that validating walks plain objects.

A :class:`Node` is one element definition (or one slice of it) with its children keyed by their JSON name, so the
walker never searches a snapshot. Trees are built from a profile's snapshot (``from_snapshot``) or from the compact
R4 core tables (``from_core_rows``, see ``tools/make_core_tables.py``); a node whose children are not in the
snapshot takes them from the tree of its data type when walked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

UNBOUNDED = 1 << 30
NATIVE_CONSTRAINTS = frozenset({"ele-1", "ext-1"})  # checked by the walker itself


@dataclass(frozen=True)
class TypeRef:
    """One allowed type of an element: its code, the profiles it must meet and, for references, the targets."""

    code: str
    profiles: tuple[str, ...] = ()
    target_profiles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Constraint:
    """An invariant as the definition states it."""

    key: str
    severity: str
    expression: str
    human: str
    source: str


@dataclass
class Slicing:
    """How a repeating element is sliced: discriminators as (type, path), and the rules for unmatched items."""

    discriminators: tuple[tuple[str, str], ...]
    rules: str
    ordered: bool


@dataclass
class Node:
    """One element (or slice) definition with everything the walker needs, keyed for direct lookup."""

    id: str
    path: str
    name: str
    min: int
    max: int
    types: tuple[TypeRef, ...]
    source: str
    is_choice: bool = False
    slice_name: str | None = None
    fixed: Any = None
    pattern: Any = None
    binding: tuple[str, str] | None = None
    constraints: tuple[Constraint, ...] = ()
    content_reference: str | None = None
    slicing: Slicing | None = None
    slices: list[Node] = field(default_factory=list)
    children: dict[str, Node] = field(default_factory=dict)
    base_array: bool = False
    # filled on first use by the walker: JSON key -> (child, type code of a choice element)
    key_index: dict[str, tuple[Node, str | None]] | None = None
    required: list[Node] | None = None  # filled on first use: children with a minimum (or a slice with one)

    def type_codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.types)


def parse_max(value: str) -> int:
    return UNBOUNDED if value == "*" else int(value)


def _parent_id(element_id: str) -> str:
    """The id of the parent element: 'Observation.component:closeness.code' -> 'Observation.component:closeness'."""
    return element_id.rsplit(".", 1)[0]


def _json_name(path: str) -> tuple[str, bool]:
    last = path.rsplit(".", 1)[-1]
    return (last[:-3], True) if last.endswith("[x]") else (last, False)


FHIRPATH_TYPES = {
    "http://hl7.org/fhirpath/System.String": "string",
    "http://hl7.org/fhirpath/System.Boolean": "boolean",
    "http://hl7.org/fhirpath/System.Integer": "integer",
    "http://hl7.org/fhirpath/System.Decimal": "decimal",
    "http://hl7.org/fhirpath/System.Date": "date",
    "http://hl7.org/fhirpath/System.DateTime": "dateTime",
    "http://hl7.org/fhirpath/System.Time": "time",
}
FHIR_TYPE_EXT = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"


def _type_refs(types: list[dict[str, Any]]) -> tuple[TypeRef, ...]:
    refs = []
    for t in types:
        code = t["code"]
        if code.startswith("http://hl7.org/fhirpath/"):
            code = next((e["valueUrl"] for e in t.get("extension", []) if e["url"] == FHIR_TYPE_EXT),
                        FHIRPATH_TYPES.get(code, "string"))
        refs.append(TypeRef(code, tuple(t.get("profile", [])), tuple(t.get("targetProfile", []))))
    return tuple(refs)


def _prefixed(element: dict[str, Any], prefix: str) -> Any:
    for key, value in element.items():
        if key.startswith(prefix):
            return value
    return None


def from_snapshot(sd: dict[str, Any]) -> Node:
    """The element tree of a StructureDefinition with a snapshot (one of our profiles or extensions)."""
    source = sd["url"]
    nodes: dict[str, Node] = {}
    root: Node | None = None
    for element in sd["snapshot"]["element"]:
        name, is_choice = _json_name(element["path"])
        binding = element.get("binding", {})
        slicing = element.get("slicing")
        base_max = element.get("base", {}).get("max", element["max"])
        node = Node(
            id=element["id"],
            path=element["path"],
            name=name,
            min=element.get("min", 0),
            max=parse_max(element.get("max", "*")),
            types=_type_refs(element.get("type", [])),
            source=source,
            is_choice=is_choice,
            slice_name=element.get("sliceName"),
            fixed=_prefixed(element, "fixed"),
            pattern=_prefixed(element, "pattern"),
            binding=(binding["strength"], binding["valueSet"].split("|")[0]) if "valueSet" in binding else None,
            constraints=tuple(
                Constraint(c["key"], c["severity"], c.get("expression", ""), c["human"], c.get("source", source))
                for c in element.get("constraint", [])
                if c.get("expression") and c["key"] not in NATIVE_CONSTRAINTS
            ),
            content_reference=element.get("contentReference", "").lstrip("#") or None,
            slicing=Slicing(
                tuple((d["type"], d["path"]) for d in slicing.get("discriminator", [])),
                slicing.get("rules", "open"),
                slicing.get("ordered", False),
            ) if slicing else None,
            base_array=base_max != "1",
        )
        nodes[node.id] = node
        if root is None:
            root = node
            continue
        if node.slice_name is not None and ":" in node.id.rsplit(".", 1)[-1]:
            base_id = node.id.rsplit(":", 1)[0]
            nodes[base_id].slices.append(node)
        else:
            nodes[_parent_id(node.id)].children[node.name] = node
    if root is None:
        raise ValueError(f"{source} has an empty snapshot")
    return root


def from_core_rows(type_name: str, rows: list[list[Any]]) -> Node:
    """The element tree of a core type from its rows in the core tables (no slices there)."""
    root: Node | None = None
    by_path: dict[str, Node] = {}
    for path, min_, max_, types, binding, constraints, content_reference in rows:
        name, is_choice = _json_name(path)
        node = Node(
            id=path,
            path=path,
            name=name,
            min=min_,
            max=parse_max(max_),
            types=tuple(TypeRef(code, (), tuple(targets)) for code, targets in types),
            source=f"http://hl7.org/fhir/StructureDefinition/{type_name}",
            is_choice=is_choice,
            binding=(binding[0], binding[1]) if binding else None,
            constraints=tuple(Constraint(k, s, e, h, "http://hl7.org/fhir/StructureDefinition/" + type_name)
                              for k, s, e, h in constraints),
            content_reference=content_reference,
            base_array=max_ != "1",
        )
        by_path[path] = node
        if root is None:
            root = node
        else:
            by_path[path.rsplit(".", 1)[0]].children[name] = node
    if root is None:
        raise ValueError(f"no elements for {type_name}")
    return root
