"""Generate a JSON Schema (draft 2020-12) per SRH profile from the StructureDefinition snapshots.

A schema lets integrators without a FHIR validator catch structural mistakes early: cardinality, choice types,
primitive formats, fixed values and patterns, required bindings to our own code systems, simple slices and
unknown properties. It is necessary, not sufficient: FHIRPath invariants, reference targets and most
terminology stay with a FHIR validator (the README written next to the schemas lists what is left out).

    python tools/make_schemas.py --package profiles/package \
        --core build/fhir-home/.fhir/packages/hl7.fhir.r4.core#4.0.1/package --out profiles/schemas

Writes ``<profile-id>.schema.json`` per profile, ``fhir-datatypes.schema.json`` with ``$defs`` for the R4
datatypes the profiles reach, and ``README.md``. The output is deterministic.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
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


def load_resources(folder: Path) -> list[Json]:
    """The FHIR resources directly in a package folder (manifest and index files have no resourceType)."""
    found = (json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json")))
    return [r for r in found if isinstance(r, dict) and "resourceType" in r]


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
    return code[len(SYSTEM_PREFIX):].lower()


def has_extensions(type_ref: Json) -> bool:
    """Whether the JSON form allows a ``_name`` sibling: FHIR primitives do, System.* types and xhtml don't."""
    code: str = type_ref.get("code", "")
    return code[:1].islower() and code != "xhtml" and not code.startswith(SYSTEM_PREFIX)


def fixed_or_pattern(element: Json) -> tuple[str, Any] | None:
    for key, value in element.items():
        for kind in ("fixed", "pattern"):
            if key.startswith(kind) and key[len(kind):][:1].isupper():
                return kind, value
    return None


def pattern_schema(value: Any) -> Schema:
    """FHIR pattern[x] semantics: objects match partially, every pattern array item must occur in the array."""
    if isinstance(value, dict):
        return {"type": "object", "properties": {k: pattern_schema(v) for k, v in value.items()},
                "required": sorted(value)}
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
        {"if": {"type": "object", "properties": {"system": {"const": s}}, "required": ["system"]},
         "then": {"type": "object", "properties": {"code": {"enum": c}}}}
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
        return str(self.sd["id"]) + element_id[len(self.root):]


@dataclass
class SchemaFile:
    """One output file: its local ``$defs`` and the prefix under which it reaches datatype definitions."""

    datatype_prefix: str
    defs: dict[str, Schema] = field(default_factory=dict)


class Generator:
    """Builds the schemas; collects the datatypes they reach, for ``fhir-datatypes.schema.json`` at the end."""

    def __init__(self, package: list[Json], core: Path) -> None:
        self.core = core
        self.terminology = Terminology(package)
        self.extensions = {
            r["url"]: r for r in package
            if r["resourceType"] == "StructureDefinition" and r["type"] == "Extension" and "snapshot" in r
        }
        self.needed: set[str] = set()
        self.warnings: list[str] = []
        self._core_cache: dict[str, Json | None] = {}

    def core_structure(self, name: str) -> Json | None:
        if name not in self._core_cache:
            path = self.core / f"StructureDefinition-{name}.json"
            self._core_cache[name] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
        return self._core_cache[name]

    def datatype_ref(self, file: SchemaFile, name: str) -> Schema:
        self.needed.add(name)
        return {"$ref": file.datatype_prefix + name}

    def extension_sibling(self, file: SchemaFile, array: bool) -> Schema:
        """The ``_name`` property carrying a primitive's id and extensions (null where an array item has none)."""
        element = self.datatype_ref(file, "Element")
        if not array:
            return element
        return {"type": "array", "minItems": 1, "items": {"anyOf": [element, {"type": "null"}]}}

    # --- objects and elements -------------------------------------------------------------------------------

    def object_schema(self, st: Structure, file: SchemaFile, parent: str, resource_type: str | None = None) -> Schema:
        """An object from the children of ``parent`` in the snapshot; unknown properties are forbidden."""
        props: Schema = {}
        required: list[str] = []
        rules: list[Schema] = []
        if resource_type:
            props["resourceType"] = {"const": resource_type}
            required.append("resourceType")
        for child in st.children.get(parent, []):
            if child["max"] == "0":
                continue
            name = child["id"].rpartition(".")[2]
            if name.endswith("[x]"):
                rules.extend(self.add_choice(st, file, child, name[:-3], props))
                continue
            type_ref = child.get("type", [{"code": "BackboneElement"}])[0]
            primitive = "contentReference" not in child and has_extensions(type_ref)
            id_type = "id" if resource_type and name == "id" else None  # Resource.id has the id format
            props[name] = self.element_schema(st, file, child, type_ref, id_type)
            if primitive:
                props["_" + name] = self.extension_sibling(file, is_array(child))
            if int(child["min"]) > 0:
                if primitive:
                    rules.append(present(name, True))
                else:
                    required.append(name)
        schema: Schema = {"type": "object", "properties": props, "additionalProperties": False}
        if not resource_type:
            schema["minProperties"] = 1  # FHIR has no empty objects
        if required:
            schema["required"] = required
        if rules:
            schema["allOf"] = rules
        return schema

    def add_choice(self, st: Structure, file: SchemaFile, element: Json, stem: str, props: Schema) -> list[Schema]:
        """One property per allowed type of ``stem[x]``; returns the rules for 'exactly/at most one of them'."""
        type_slices = {s.get("sliceName"): s for s in st.slices.get(element["id"], [])}
        options = []
        for type_ref in element.get("type", []):
            name = type_name(type_ref)
            prop = stem + name[0].upper() + name[1:]
            source = type_slices.get(prop, element)
            props[prop] = self.element_schema(st, file, source, type_ref)
            if has_extensions(type_ref):
                props["_" + prop] = self.extension_sibling(file, False)
            options.append(present(prop, has_extensions(type_ref)))
        if int(element["min"]) > 0:
            return [options[0] if len(options) == 1 else {"oneOf": options}]
        if len(options) > 1:
            return [{"oneOf": [*options, {"not": {"anyOf": options}}]}]
        return []

    def element_schema(
        self, st: Structure, file: SchemaFile, element: Json, type_ref: Json, id_type: str | None = None
    ) -> Schema:
        """An element's property: a single value, or an array with cardinality and slice counts."""
        item = self.item_schema(st, file, element, type_ref, id_type)
        item_rules, array_rules = self.slice_rules(st, file, element) if is_array(element) else ([], [])
        item = merge(item, item_rules)
        if not is_array(element):
            return item
        if "contentReference" not in element and has_extensions(type_ref):
            item = {"anyOf": [item, {"type": "null"}]}  # null where only the _name array has an entry
        schema: Schema = {"type": "array", "items": item, "minItems": max(1, int(element["min"]))}
        if element["max"] != "*":
            schema["maxItems"] = int(element["max"])
        return merge(schema, array_rules)

    def item_schema(
        self, st: Structure, file: SchemaFile, element: Json, type_ref: Json, id_type: str | None = None
    ) -> Schema:
        """One value of an element: its type plus fixed value, pattern and required binding."""
        if "contentReference" in element:
            return self.content_reference(st, file, element["contentReference"].partition("#")[2])
        name = id_type or type_name(type_ref)
        extras: list[Schema] = []
        given = fixed_or_pattern(element)
        if given:
            extras.append({"const": given[1]} if given[0] == "fixed" else pattern_schema(given[1]))
        binding = element.get("binding", {})
        codes = self.terminology.codes(binding["valueSet"]) if binding.get("strength") == "required" else None
        bound = binding_schema(name, codes) if codes else None
        if bound:
            extras.append(bound)
        return merge(self.type_schema(st, file, element, type_ref, name), extras)

    def type_schema(self, st: Structure, file: SchemaFile, element: Json, type_ref: Json, name: str) -> Schema:
        if st.children.get(element["id"]) and not has_extensions(type_ref):
            return self.object_schema(st, file, element["id"])  # backbone element or unrolled datatype
        for profile in type_ref.get("profile", []):
            if profile in self.extensions:
                return self.local_structure(file, self.extensions[profile])
            constrained = self.core_structure(profile.rpartition("/")[2])  # e.g. SimpleQuantity
            if profile.startswith("http://hl7.org/fhir/") and constrained and constrained["type"] == name:
                return self.datatype_ref(file, constrained["id"])
        return self.datatype_ref(file, name)

    def content_reference(self, st: Structure, file: SchemaFile, target: str) -> Schema:
        """A local ``$defs`` entry for an element defined elsewhere in the structure (may recurse)."""
        name = st.def_name(target)
        if name not in file.defs:
            file.defs[name] = {}  # placeholder while a recursive definition is built
            file.defs[name] = self.object_schema(st, file, target)
        return {"$ref": "#/$defs/" + name}

    def local_structure(self, file: SchemaFile, sd: Json) -> Schema:
        """A profile of a datatype from the package (our extensions), as a local ``$defs`` entry."""
        name = sd["id"]
        if name not in file.defs:
            file.defs[name] = {}
            st = Structure(sd)
            file.defs[name] = self.object_schema(st, file, st.root)
        return {"$ref": "#/$defs/" + name}

    # --- slicing ---------------------------------------------------------------------------------------------

    def slice_rules(self, st: Structure, file: SchemaFile, element: Json) -> tuple[list[Schema], list[Schema]]:
        """Items matching a slice's discriminator must conform to the slice (``if``/``then``); the array holds
        between min and max of them (``contains`` with ``minContains``/``maxContains``)."""
        slicing, slices = element.get("slicing"), st.slices.get(element["id"], [])
        if not slicing or not slices:
            return [], []
        item_rules: list[Schema] = []
        array_rules: list[Schema] = []
        matches: list[Schema] = []
        for sl in slices:
            match = self.slice_match(st, sl, slicing.get("discriminator", []))
            if match is None:
                self.warnings.append(f"{st.sd['id']}: slice {sl['id']} not expressed (discriminator)")
                continue
            matches.append(match)
            item_rules.append({"if": match, "then": self.item_schema(st, file, sl, sl.get("type", [{}])[0])})
            if int(sl["min"]) > 0 or sl["max"] != "*":
                count: Schema = {"type": "array", "contains": match, "minContains": int(sl["min"])}
                if sl["max"] != "*":
                    count["maxContains"] = int(sl["max"])
                array_rules.append(count)
        if slicing.get("rules") == "closed" and len(matches) == len(slices):
            item_rules.append({"anyOf": matches})
        return item_rules, array_rules

    def slice_match(self, st: Structure, sl: Json, discriminators: list[Json]) -> Schema | None:
        """Whether an item belongs to a slice, for value and pattern discriminators on plain paths."""
        parts = []
        for disc in discriminators:
            path = disc["path"]
            segments = [] if path == "$this" else path.split(".")
            if disc["type"] not in ("value", "pattern") or not all(re.fullmatch(r"\w+", s) for s in segments):
                return None
            value = self.discriminator_value(st, sl, segments)
            if value is None:
                return None
            schema = {"const": value[1]} if value[0] == "fixed" else pattern_schema(value[1])
            for depth in range(len(segments), 0, -1):
                step = st.by_id.get(".".join([sl["id"], *segments[:depth]]))
                inner = {"type": "array", "contains": schema} if step is not None and is_array(step) else schema
                schema = {"type": "object", "properties": {segments[depth - 1]: inner},
                          "required": [segments[depth - 1]]}
            parts.append(schema)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else {"allOf": parts}

    def discriminator_value(self, st: Structure, sl: Json, segments: list[str]) -> tuple[str, Any] | None:
        target = st.by_id.get(".".join([sl["id"], *segments]))
        if target is not None and fixed_or_pattern(target):
            return fixed_or_pattern(target)
        if segments == ["url"]:  # extension slices name their extension by profile, not by a fixed url
            profiles = [p for t in sl.get("type", []) if t["code"] == "Extension" for p in t.get("profile", [])]
            return ("fixed", profiles[0]) if len(profiles) == 1 else None
        given = fixed_or_pattern(sl)  # the value may sit inside the slice's own fixed value or pattern
        value = given[1] if given else None
        for segment in segments:
            value = value.get(segment) if isinstance(value, dict) else None
        return (given[0], value) if given and value is not None and not isinstance(value, list) else None

    # --- files -----------------------------------------------------------------------------------------------

    def profile_schema(self, sd: Json) -> Json:
        file = SchemaFile(datatype_prefix=DATATYPES + "#/$defs/")
        st = Structure(sd)
        body = self.object_schema(st, file, st.root, resource_type=sd["type"])
        doc: Json = {
            "$schema": DIALECT,
            "$id": BASE_URL + f"{sd['id']}.schema.json",
            "title": sd.get("title", sd["name"]),
            "description": f"Structure of a FHIR R4 {sd['type']} conforming to {sd['url']}, generated from the "
            "profile's snapshot. Necessary, not sufficient: also validate with a FHIR validator (see README.md).",
            **body,
        }
        if file.defs:
            doc["$defs"] = file.defs
        return doc

    def datatypes_schema(self) -> Json:
        """``$defs`` for every datatype the profiles reach, following references until none is new."""
        file = SchemaFile(datatype_prefix="#/$defs/")
        done: set[str] = set()
        while pending := sorted(self.needed - done):
            for name in pending:
                done.add(name)
                file.defs[name] = self.datatype_def(file, name)
        return {
            "$schema": DIALECT,
            "$id": BASE_URL + DATATYPES,
            "title": "FHIR R4 datatypes used by the SRH profiles",
            "description": "Generated from the snapshots of the hl7.fhir.r4.core#4.0.1 datatype definitions.",
            "$defs": file.defs,
        }

    def datatype_def(self, file: SchemaFile, name: str) -> Schema:
        if name == "Resource":
            return RESOURCE_DEF
        sd = self.core_structure(name)
        if sd is None:
            raise SystemExit(f"make_schemas: no StructureDefinition-{name}.json in {self.core}")
        if sd["kind"] != "primitive-type":
            st = Structure(sd)
            return self.object_schema(st, file, st.root)
        if name in JSON_PRIMITIVES:
            return JSON_PRIMITIVES[name]
        value = next(e for e in sd["snapshot"]["element"] if e["path"] == f"{name}.value")
        schema: Schema = {"type": "string"}
        for ext in value["type"][0].get("extension", []):
            if ext["url"] == REGEX_EXT:  # FHIR regexes match the whole value
                schema["pattern"] = f"^(?:{ext['valueString']})$"
        if "maxLength" in value:
            schema["maxLength"] = value["maxLength"]
        return schema


README = """# JSON Schemas for the SRH profiles

Generated by `tools/make_schemas.py` from the profiles' snapshots (`make profiles`); do not edit by hand.
Dialect: JSON Schema draft 2020-12. Every file's `$id` is `{base}<file>`.
The profile schemas refer to `{datatypes}` by relative `$ref`, so load all files into one registry.

| schema | profile |
|---|---|
{table}

## Usage

Python (`pip install jsonschema referencing`):

```python
import json
from pathlib import Path
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

schemas = [json.loads(p.read_text()) for p in Path("profiles/schemas").glob("*.schema.json")]
registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
schema = registry.contents("{base}srh-network-member.schema.json")
for error in Draft202012Validator(schema, registry=registry).iter_errors(instance):
    print(error.json_path, error.message)
```

JavaScript (ajv 8):

```js
const Ajv2020 = require("ajv/dist/2020");
const ajv = new Ajv2020({{ allErrors: true }});
for (const schema of allSchemaFiles) ajv.addSchema(schema);
const validate = ajv.getSchema("{base}srh-network-member.schema.json");
if (!validate(instance)) console.log(validate.errors);
```

## What the schemas check

- `resourceType`, and no properties other than those the resource (or datatype) defines;
- cardinality: min ≥ 1 is required (a primitive may be present as `_name` only), repeating elements are
  non-empty arrays with the profile's min and max, elements with max 0 are forbidden;
- choice types: only the `value[x]` types the profile allows, at most one (exactly one when required);
- primitive types: JSON type and the FHIR regular expression (strings), integer ranges;
- `_name` siblings of primitives (id and extensions only);
- complex datatypes and backbone elements, recursively (`{datatypes}`);
- fixed values (`const`) and patterns (partial match: a CodeableConcept pattern needs a matching coding);
- required bindings to the SRH value sets, whose codes are enumerated from the SRH code systems;
- slices discriminated by value or pattern on a plain path (including extensions by url): items matching a
  slice conform to it, and the array holds the slice's min to max of them;
- the SRH extensions where a profile slices `extension`.

## What they can NOT check (use a FHIR validator too)

- FHIRPath invariants: the SRH rules (`srh-nm-1`, `srh-tie-1`, `srh-plan-1`, …) and the base ones (`ele-1`,
  `ext-1`, `dom-*`, …);
- bindings other than required bindings to SRH value sets: required bindings to HL7 value sets (status codes,
  v3 role codes, …), extensible, preferred and example bindings; codes are not checked against external code
  systems (SNOMED CT, LOINC, UCUM);
- reference targets (`Reference(Patient)`) and whether references resolve;
- slicing beyond value/pattern discriminators on plain paths (type, profile, exists, resolve()), slice order
  and re-slicing;
- details of primitive extensions: which extensions a `_name` may carry and that `_name` arrays line up with
  their value arrays (`null` is accepted in primitive arrays);
- contained resources beyond their `resourceType`; the narrative's XHTML rules;
- that `meta.profile` names the profile; must-support; modifier extensions being understood;
- decimal precision and the lexical form of numbers; the FHIR regexes apply to JSON strings only.
"""


def write_json(path: Path, doc: Json) -> None:
    path.write_text(json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", type=Path, required=True, help="folder with the profiles' JSON resources")
    parser.add_argument("--core", type=Path, required=True, help="the hl7.fhir.r4.core#4.0.1 package folder")
    parser.add_argument("--out", type=Path, required=True, help="folder for the schemas")
    args = parser.parse_args(argv)
    package = load_resources(args.package)
    profiles = sorted(
        (r for r in package if r["resourceType"] == "StructureDefinition" and r.get("derivation") == "constraint"
         and "snapshot" in r and r["type"] != "Extension"),
        key=lambda r: r["id"],
    )
    if not profiles:
        raise SystemExit(f"make_schemas: no profiles with snapshots in {args.package}")
    generator = Generator(package, args.core)
    documents = {f"{sd['id']}.schema.json": generator.profile_schema(sd) for sd in profiles}
    documents[DATATYPES] = generator.datatypes_schema()
    args.out.mkdir(parents=True, exist_ok=True)
    for stale in args.out.glob("*.schema.json"):
        if stale.name not in documents:
            stale.unlink()
    for name, doc in documents.items():
        write_json(args.out / name, doc)
    table = "\n".join(f"| `{sd['id']}.schema.json` | {sd['url']} |" for sd in profiles)
    table += f"\n| `{DATATYPES}` | R4 datatypes (`$defs`) |"
    readme = README.format(base=BASE_URL, datatypes=DATATYPES, table=table)
    (args.out / "README.md").write_text(readme, encoding="utf-8")
    for warning in generator.warnings:
        print(f"make_schemas: {warning}", file=sys.stderr)
    print(f"make_schemas: wrote {len(documents)} schemas to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
