"""Building blocks of tools/make_schemas.py: FHIR element facts and terminology turned into JSON Schema pieces."""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]
Json = dict[str, Any]

BASE_URL = "https://srh-fhir.github.io/fhir/schemas/"
DATATYPES = "fhir-datatypes.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
FHIR_TYPE_EXT = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"
REGEX_EXT = "http://hl7.org/fhir/StructureDefinition/regex"
SYSTEM_PREFIX = "http://hl7.org/fhirpath/System."
INT32_MAX = 2147483647
# Primitives whose JSON form is not a string; their FHIR regex describes the XML lexical form only.
JSON_PRIMITIVES: dict[str, Schema] = {
    "boolean": {"type": "boolean"},
    "decimal": {"type": "number"},
    "integer": {"type": "integer", "minimum": -INT32_MAX - 1, "maximum": INT32_MAX},
    "positiveInt": {"type": "integer", "minimum": 1, "maximum": INT32_MAX},
    "unsignedInt": {"type": "integer", "minimum": 0, "maximum": INT32_MAX},
}
# Contained resources are checked for their resourceType only (their own profile is unknown).
RESOURCE_DEF: Schema = {
    "type": "object",
    "required": ["resourceType"],
    "properties": {"resourceType": {"type": "string", "pattern": "^[A-Z][A-Za-z]+$"}},
}


def is_array(element: Json) -> bool:
    """FHIR JSON uses an array when the *base* element repeats, whatever the profile's max."""
    return str(element.get("base", element)["max"]) != "1"


def type_name(type_ref: Json) -> str:
    """The FHIR type of a snapshot type entry; System.* types carry it in an extension."""
    code: str = type_ref["code"]
    if not code.startswith(SYSTEM_PREFIX):
        return code
    for ext in type_ref.get("extension", []):
        if ext["url"] == FHIR_TYPE_EXT:
            return str(ext["valueUrl"])
    return code[len(SYSTEM_PREFIX) :].lower()


def has_extensions(type_ref: Json) -> bool:
    """Whether the JSON form allows a ``_name`` sibling: FHIR primitives do, System.* types and xhtml don't."""
    code: str = type_ref.get("code", "")
    return code[:1].islower() and code != "xhtml" and not code.startswith(SYSTEM_PREFIX)


def fixed_or_pattern(element: Json) -> tuple[str, Any] | None:
    for key, value in element.items():
        for kind in ("fixed", "pattern"):
            if key.startswith(kind) and key[len(kind) :][:1].isupper():
                return kind, value
    return None


def pattern_schema(value: Any) -> Schema:
    """FHIR pattern[x] semantics: objects match partially, every pattern array item must occur in the array."""
    if isinstance(value, dict):
        return {
            "type": "object",
            "properties": {k: pattern_schema(v) for k, v in value.items()},
            "required": sorted(value),
        }
    if isinstance(value, list):
        contains = [{"type": "array", "contains": pattern_schema(v)} for v in value]
        return contains[0] if len(contains) == 1 else {"allOf": contains}
    return {"const": value}


def present(name: str, primitive: bool) -> Schema:
    """A primitive counts as present with only its ``_name`` extension sibling."""
    if primitive:
        return {"type": "object", "anyOf": [{"required": [name]}, {"required": ["_" + name]}]}
    return {"type": "object", "required": [name]}


def merge(base: Schema, extras: list[Schema]) -> Schema:
    """Add constraints next to ``base``; those whose keywords clash go into ``allOf``."""
    result, rest = dict(base), []
    for extra in extras:
        if result.keys() & extra.keys():
            rest.append(extra)
        else:
            result.update(extra)
    if rest:
        result = {"allOf": [result, *rest]} if "allOf" in result else {**result, "allOf": rest}
    return result


def binding_schema(type_code: str, codes: dict[str, list[str]]) -> Schema | None:
    """A required binding to an enumerable value set, as ``enum`` or a ``contains`` over codings."""
    if type_code == "code":
        return {"enum": sorted({c for values in codes.values() for c in values})}
    one_of = [
        {"type": "object", "properties": {"system": {"const": s}, "code": {"enum": c}}, "required": ["code", "system"]}
        for s, c in codes.items()
    ]
    coding = one_of[0] if len(one_of) == 1 else {"anyOf": one_of}
    if type_code == "Coding":
        return coding
    if type_code != "CodeableConcept":
        return None
    # Our code systems are complete, so any coding in them must carry one of their codes.
    known = [
        {
            "if": {"type": "object", "properties": {"system": {"const": s}}, "required": ["system"]},
            "then": {"type": "object", "properties": {"code": {"enum": c}}},
        }
        for s, c in codes.items()
    ]
    items = known[0] if len(known) == 1 else {"allOf": known}
    coding_array = {"type": "array", "contains": coding, "items": items}
    return {"type": "object", "properties": {"coding": coding_array}, "required": ["coding"]}


class Terminology:
    """Codes of the package's value sets that can be enumerated from the package's own code systems."""

    def __init__(self, resources: list[Json]) -> None:
        self.value_sets = {r["url"]: r for r in resources if r["resourceType"] == "ValueSet"}
        self.systems = {r["url"]: r for r in resources if r["resourceType"] == "CodeSystem"}

    def codes(self, value_set: str) -> dict[str, list[str]] | None:
        """System -> codes, or None when the value set is not ours or uses filters, imports or excludes."""
        vs = self.value_sets.get(value_set.split("|")[0])
        compose = (vs or {}).get("compose", {})
        if not compose.get("include") or compose.get("exclude"):
            return None
        result: dict[str, list[str]] = {}
        for inc in compose["include"]:
            if "system" not in inc or inc.get("filter") or inc.get("valueSet"):
                return None
            if inc.get("concept"):
                codes = [c["code"] for c in inc["concept"]]
            else:
                cs = self.systems.get(inc["system"])
                if cs is None or cs.get("content") != "complete":
                    return None
                codes = self.flatten(cs.get("concept", []))
            listed = result.setdefault(inc["system"], [])
            listed.extend(c for c in dict.fromkeys(codes) if c not in listed)
        return result

    def flatten(self, concepts: list[Json]) -> list[str]:
        return [code for c in concepts for code in [c["code"], *self.flatten(c.get("concept", []))]]


class Structure:
    """A StructureDefinition snapshot indexed by element id: direct children and slices of each element."""

    def __init__(self, sd: Json) -> None:
        self.sd = sd
        elements = sd["snapshot"]["element"]
        self.root = elements[0]["id"]
        self.by_id: dict[str, Json] = {e["id"]: e for e in elements}
        self.children: dict[str, list[Json]] = {}
        self.slices: dict[str, list[Json]] = {}
        for e in elements[1:]:
            parent, _, last = e["id"].rpartition(".")
            name, _, slice_name = last.partition(":")
            if "/" in slice_name:
                continue  # re-slices are beyond what a schema expresses here
            target = self.slices.setdefault(f"{parent}.{name}", []) if slice_name else None
            (target if target is not None else self.children.setdefault(parent, [])).append(e)

    def def_name(self, element_id: str) -> str:
        """A ``$defs`` name for an element of this structure, unique across structures."""
        return str(self.sd["id"]) + element_id[len(self.root) :]
