"""Write the R4 core definitions the Python validator needs at runtime, as one compact JSON file.

The R4 core package (``hl7.fhir.r4.core#4.0.1``) exists only at build time, so what ``srh_fhir.validation`` needs
from it is extracted here and committed (``srh_fhir/validation/data/r4-core.json``):

- ``types``: per base type (resources, complex and primitive data types) its elements as
  ``[path, min, max, types, binding, constraints, contentReference]``, where a type is ``[code, targetProfiles]``,
  a binding ``[strength, valueSet]`` (HAPI reports unknown codes on the bound element, whatever the strength)
  and a constraint ``[key, severity, expression, human]``;
- ``extensions``: the value types of each simple core extension (complex ones are not checked);
- ``primitives``: the regular expression of each primitive type's value;
- ``valueSets``: the expansion of every value set that a required binding of core names, as ``{system: [codes]}``,
  where it can be computed from the package (``null`` when it cannot, e.g. filters on external code systems);
- ``codeSystems``: the codes of every complete code system in core (HAPI reports an unknown code of a known code
  system as an error wherever the coding appears).

``make check-core-tables`` (and tests/lib/test_validation_core_tables.py) fail when the committed file differs from what
this script writes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from package_files import load_resources

FHIR_TYPE_EXT = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"
REGEX_EXT = "http://hl7.org/fhir/StructureDefinition/regex"
# Constraints checked natively or not at all (best practice warnings are left to HAPI): see validation/invariants.py.
NATIVE_CONSTRAINTS = {"ele-1", "ext-1"}


def element_type(type_: dict[str, Any]) -> list[Any]:
    code = type_["code"]
    for ext in type_.get("extension", []):
        if ext["url"] == FHIR_TYPE_EXT:
            code = ext["valueUrl"] if code.startswith("http://hl7.org/fhirpath/") else code
    return [code, type_.get("targetProfile", [])]


def element_row(element: dict[str, Any]) -> list[Any]:
    binding = element.get("binding", {})
    value_set = binding.get("valueSet", "").split("|")[0]
    required = [binding["strength"], value_set] if value_set else None
    constraints = [
        [c["key"], c["severity"], c.get("expression", ""), c["human"]]
        for c in element.get("constraint", [])
        if c["key"] not in NATIVE_CONSTRAINTS and c.get("expression")
    ]
    return [
        element["path"],
        element["min"],
        element["max"],
        [element_type(t) for t in element.get("type", [])],
        required,
        constraints,
        element.get("contentReference", "").lstrip("#") or None,
    ]


def primitive_regex(sd: dict[str, Any]) -> str | None:
    for element in sd["snapshot"]["element"]:
        if element["path"].endswith(".value"):
            for type_ in element.get("type", []):
                for ext in type_.get("extension", []):
                    if ext["url"] == REGEX_EXT:
                        return str(ext["valueString"])
    return None


def concept_codes(concepts: list[dict[str, Any]]) -> list[str]:
    codes: list[str] = []
    for concept in concepts:
        codes.append(concept["code"])
        codes.extend(concept_codes(concept.get("concept", [])))
    return codes


def descendants(concepts: list[dict[str, Any]], code: str, found: bool = False) -> list[str]:
    """``code`` and every code below it in a hierarchical code system (for an ``is-a`` filter)."""
    codes: list[str] = []
    for concept in concepts:
        inside = found or concept["code"] == code
        if inside:
            codes.append(concept["code"])
        codes.extend(descendants(concept.get("concept", []), code, inside))
    return codes


def expand(url: str, value_sets: dict[str, Any], code_systems: dict[str, Any], depth: int = 0) -> dict[str, list[str]]:
    """The codes of a value set by system; raises LookupError when the package cannot say."""
    vs = value_sets.get(url)
    if vs is None or depth > 10:
        raise LookupError(url)
    result: dict[str, set[str]] = {}
    for include in vs.get("compose", {}).get("include", []):
        for nested in include.get("valueSet", []):
            for system, codes in expand(nested.split("|")[0], value_sets, code_systems, depth + 1).items():
                result.setdefault(system, set()).update(codes)
        system = include.get("system")
        if system is None:
            continue
        if "concept" in include:
            result.setdefault(system, set()).update(c["code"] for c in include["concept"])
            continue
        cs = code_systems.get(system)
        if cs is None or cs.get("content") != "complete":
            raise LookupError(system)
        filters = include.get("filter", [])
        if not filters:
            result.setdefault(system, set()).update(concept_codes(cs.get("concept", [])))
        elif len(filters) == 1 and filters[0]["op"] == "is-a" and filters[0]["property"] == "concept":
            result.setdefault(system, set()).update(descendants(cs.get("concept", []), filters[0]["value"]))
        else:
            raise LookupError(f"{url}: filter")
    for exclude in vs["compose"].get("exclude", []):
        if "concept" not in exclude or "system" not in exclude or set(exclude) - {"system", "concept"}:
            raise LookupError(f"{url}: exclude")
        result.get(exclude["system"], set()).difference_update(c["code"] for c in exclude["concept"])
    return {system: sorted(codes) for system, codes in sorted(result.items())}


def build(core: Path, extra_value_sets: set[str]) -> dict[str, Any]:
    resources = load_resources(core)
    sds = [
        r
        for r in resources
        if r["resourceType"] == "StructureDefinition"
        and (r.get("derivation") == "specialization" or "baseDefinition" not in r)
        and r["kind"] in ("resource", "complex-type", "primitive-type")
    ]
    value_sets = {r["url"]: r for r in resources if r["resourceType"] == "ValueSet"}
    code_systems = {r["url"]: r for r in resources if r["resourceType"] == "CodeSystem"}
    types = {sd["type"]: {"kind": sd["kind"], "abstract": sd["abstract"],
                          "elements": [element_row(e) for e in sd["snapshot"]["element"]]}
             for sd in sorted(sds, key=lambda s: s["type"])}
    primitives = {sd["type"]: primitive_regex(sd) for sd in sds if sd["kind"] == "primitive-type"}
    wanted = set(extra_value_sets)
    for info in types.values():
        for row in info["elements"]:
            if row[4] and row[4][0] == "required":
                wanted.add(row[4][1])
    expansions: dict[str, Any] = {}
    for url in sorted(wanted):
        try:
            expansions[url] = expand(url, value_sets, code_systems)
        except LookupError:
            expansions[url] = None
    complete = {url: sorted(set(concept_codes(cs.get("concept", []))))
                for url, cs in sorted(code_systems.items()) if cs.get("content") == "complete"}
    extensions = {}
    for sd in resources:
        if sd["resourceType"] == "StructureDefinition" and sd["type"] == "Extension" and sd.get("snapshot"):
            value = next((e for e in sd["snapshot"]["element"] if e["id"] == "Extension.value[x]"), None)
            if value is not None and value.get("max") != "0":
                extensions[sd["url"]] = sorted(t["code"] for t in value.get("type", []))
    return {"fhirVersion": "4.0.1", "types": types, "extensions": dict(sorted(extensions.items())),
            "primitives": dict(sorted(primitives.items())), "valueSets": expansions, "codeSystems": complete}


def profile_value_sets(package: Path) -> set[str]:
    """Value sets that our profiles bind (required) but do not define themselves: core has to expand them."""
    resources = load_resources(package)
    own = {r["url"] for r in resources if r["resourceType"] == "ValueSet"}
    bound = {
        e["binding"]["valueSet"].split("|")[0]
        for r in resources
        if r["resourceType"] == "StructureDefinition"
        for e in r["snapshot"]["element"]
        if e.get("binding", {}).get("strength") == "required" and "valueSet" in e["binding"]
    }
    return bound - own


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--core", type=Path, required=True, help="the hl7.fhir.r4.core#4.0.1 package folder")
    parser.add_argument("--package", type=Path, required=True, help="our package folder (profiles/package)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if not (args.core / "StructureDefinition-Observation.json").exists():
        print(f"error: {args.core} is not the R4 core package", file=sys.stderr)
        return 2
    tables = build(args.core, profile_value_sets(args.package))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(tables, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                        encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
