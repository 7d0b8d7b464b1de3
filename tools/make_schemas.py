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

from package_files import load_resources
from schema_parts import (
    BASE_URL,
    DATATYPES,
    DIALECT,
    JSON_PRIMITIVES,
    REGEX_EXT,
    RESOURCE_DEF,
    Json,
    Schema,
    Structure,
    Terminology,
    binding_schema,
    fixed_or_pattern,
    has_extensions,
    is_array,
    merge,
    pattern_schema,
    present,
    type_name,
)

TEMPLATE = Path(__file__).with_name("schemas-README.template.md")


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
            r["url"]: r
            for r in package
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
                schema = {
                    "type": "object",
                    "properties": {segments[depth - 1]: inner},
                    "required": [segments[depth - 1]],
                }
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
        (
            r
            for r in package
            if r["resourceType"] == "StructureDefinition"
            and r.get("derivation") == "constraint"
            and "snapshot" in r
            and r["type"] != "Extension"
        ),
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
    readme = TEMPLATE.read_text(encoding="utf-8").format(base=BASE_URL, datatypes=DATATYPES, table=table)
    (args.out / "README.md").write_text(readme, encoding="utf-8")
    for warning in generator.warnings:
        print(f"make_schemas: {warning}", file=sys.stderr)
    print(f"make_schemas: wrote {len(documents)} schemas to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
