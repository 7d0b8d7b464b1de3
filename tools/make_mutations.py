"""Write the agreement corpus: deterministic mutations of our valid examples, for HAPI and srh_fhir to judge.

Each mutation changes one thing in one example (fixed seed, so the corpus is the same on every machine):

    drop-required     remove an element the profile (snapshot) requires
    wrong-code-ours   a code that is not in one of our code systems
    wrong-code-core   a code not in a core code system or required core value set (status, category, RoleCode)
    wrong-type        a primitive of the wrong JSON type, or a choice element as another type
    bad-format        a primitive in the right JSON type but the wrong format (dates, ids, codes)
    extra-slice       a second copy of an item of a sliced element
    broken-invariant  remove what one of our invariants (read from the snapshot) asks for
    bad-reference     a reference to the wrong resource type, or a malformed one
    wrong-cardinality an array where one value belongs, one value where an array belongs, empty arrays/objects,
                      a second value where the profile allows one
    unknown-element   a property R4 does not define
    narrative         a text.div with what FHIR's narrative forbids (script, event attributes, forms, foreign
                      elements, no XHTML namespace, malformed XML, no content, javascript: links)
    contained         a contained resource nothing refers to (dom-3), or one with what dom-4/5 forbid
    bundle            the example as the entry of a Bundle with one fault of the Bundle (bdl-*, fullUrl)
    valid             changes that keep the resource valid (ids, texts, dates, identifiers, foreign extensions,
                      allowed XHTML, a referenced contained resource, a sound Bundle)

The last three kinds and their valid variants draw from a random generator of their own per example, so adding
them left the mutations of the other kinds as they were.

Output: ``<out>/<kind>/<example>--<n>.json`` and ``--manifest`` (a JSON object: file -> kind, example, what changed).
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from package_files import load_resources, resource_paths

SEED = 20261128
OUR_CANONICAL = "https://srh-fhir.github.io/fhir/"
OTHER_TYPES = ["Device", "Location", "Group", "Practitioner", "Patient", "RelatedPerson", "Organization"]

Json = Any
Located = tuple[list[str | int], Json]  # JSON path (keys and indexes) and the value there
Mutation = tuple[str, Json]  # what changed, the mutated resource


def walk(value: Json, path: list[str | int] | None = None) -> Iterator[Located]:
    """Every value in a JSON document with its path, depth first, in document order."""
    path = path or []
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, [*path, key])
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, [*path, i])


def element_path(resource_type: str, path: list[str | int]) -> str:
    """The element path of a JSON path: ['component', 0, 'code'] -> 'Observation.component.code'."""
    return ".".join([resource_type, *(p for p in path if isinstance(p, str))])


def show(path: list[str | int]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


def parent_of(doc: Json, path: list[str | int]) -> Json:
    for part in path[:-1]:
        doc = doc[part]
    return doc


def set_at(doc: Json, path: list[str | int], value: Json) -> Json:
    result = copy.deepcopy(doc)
    parent_of(result, path)[path[-1]] = value
    return result


def delete_at(doc: Json, path: list[str | int]) -> Json:
    result = copy.deepcopy(doc)
    parent = parent_of(result, path)
    del parent[path[-1]]
    return result


class Profiles:
    """What the generator reads from our snapshots: required elements, sliced elements, invariants."""

    def __init__(self, package: list[dict[str, Any]]) -> None:
        sds = {r["url"]: r for r in package if r["resourceType"] == "StructureDefinition"}
        self.required: dict[str, set[str]] = {}
        self.sliced: dict[str, set[str]] = {}
        self.invariants: dict[str, list[str]] = {}
        for url, sd in sds.items():
            elements = sd["snapshot"]["element"]
            self.required[url] = {e["path"].replace("[x]", "") for e in elements
                                  if e.get("min", 0) > 0 and "sliceName" not in e and ":" not in e["id"]}
            self.sliced[url] = {e["path"] for e in elements if "slicing" in e and not e["path"].endswith("xtension")}
            self.invariants[url] = [c["expression"] for e in elements for c in e.get("constraint", [])
                                    if c["key"].startswith("srh-")]

    def of(self, resource: Json) -> str | None:
        profiles = resource.get("meta", {}).get("profile", [])
        return profiles[0] if profiles and profiles[0] in self.required else None


def _leaf_primitives(resource: Json) -> list[Located]:
    return [(p, v) for p, v in walk(resource) if p and not isinstance(v, (dict, list))
            and p[0] not in ("resourceType", "meta", "text")]


def drop_required(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    url = profiles.of(resource)
    required = profiles.required.get(url or "", set())
    rtype = resource["resourceType"]
    found = [(p, v) for p, v in walk(resource) if p and isinstance(p[-1], str)
             and re.sub(r"(value|effective|start|due)[A-Z]\w*$", r"\1", element_path(rtype, p)) in required]
    if not found:
        return None
    path, _ = rng.choice(found)
    return f"removed {show(path)}", delete_at(resource, path)


def _codings(resource: Json, ours: bool) -> list[Located]:
    return [(p, v) for p, v in walk(resource) if isinstance(v, dict) and isinstance(v.get("code"), str)
            and isinstance(v.get("system"), str) and v["system"].startswith(OUR_CANONICAL) == ours
            and "loinc" not in v["system"] and "snomed" not in v["system"] and p and p[0] != "meta"]


def wrong_code_ours(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    found = _codings(resource, ours=True)
    if not found:
        return None
    path, coding = rng.choice(found)
    code = rng.choice(["unknown", coding["code"] + "-x", coding["code"].upper(), "verbinden"])
    return f"code of {show(path)} -> {code}", set_at(resource, [*path, "code"], code)


CORE_CODE_ELEMENTS = ("status", "intent", "lifecycleStatus", "achievementStatus", "gender")


def wrong_code_core(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    found: list[Located] = [([key], value) for key, value in resource.items() if key in CORE_CODE_ELEMENTS]
    found += [([*p, "code"], v["code"]) for p, v in _codings(resource, ours=False)]
    found += [(p, v) for p, v in walk(resource) if len(p) >= 2 and p[-1] == "status" and isinstance(v, str)]
    if not found:
        return None
    path, value = rng.choice(found)
    code = rng.choice(["bogus", str(value).upper(), str(value) + "-x", "Active"])
    return f"{show(path)} -> {code}", set_at(resource, path, code)


def wrong_type(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    choice_keys = [(p, v) for p, v in walk(resource) if p and isinstance(p[-1], str)
                   and re.fullmatch(r"(value|effective|start|due|scheduled|occurrence)[A-Z]\w*", p[-1])]
    if choice_keys and rng.random() < 0.3:
        path, value = rng.choice(choice_keys)
        name = re.match(r"[a-z]+", str(path[-1])).group(0)  # type: ignore[union-attr]
        new_key, new_value = rng.choice([(name + "String", "text"), (name + "Period", {"start": "2026-01-01"}),
                                         (name + "CodeableConcept", {"text": "x"}), (name + "Boolean", True),
                                         (name + "Integer", 3), (name + "DateTime", "2026-03-02")])
        if new_key == path[-1]:
            return None
        mutated = delete_at(resource, path)
        parent_of(mutated, path)[new_key] = new_value
        return f"{show(path)} as {new_key}", mutated
    leaves = _leaf_primitives(resource)
    path, value = rng.choice(leaves)
    if isinstance(value, bool):
        new: Json = rng.choice(["true", 1])
    elif isinstance(value, int):
        new = rng.choice([str(value), value + 0.5, True])
    else:
        new = rng.choice([12345, True, {"value": value}, [value]])
    return f"{show(path)} -> {json.dumps(new)}", set_at(resource, path, new)


FORMATS = {
    "effectiveDateTime": ["2026-13-01", "2026-02-30", "26-03-02", "2026-03-02T10:00"],
    "dateTime": ["2026-02-30T10:00:00Z", "yesterday"],
    "start": ["2026-1-5", "2026/01/05"],
    "end": ["2026-00-10", "next year"],
    "id": ["has spaces", "x" * 70, "under_score"],
    "system": ["not a uri", "with space"],
    "code": [" padded", "two  spaces"],
    "date": ["2026-02-29", "2026-4-1"],
}


def bad_format(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    found = [(p, v) for p, v in _leaf_primitives(resource) if isinstance(p[-1], str) and p[-1] in FORMATS]
    if resource.get("id"):
        found.append((["id"], resource["id"]))
    if not found:
        return None
    path, _ = rng.choice(found)
    new = rng.choice(FORMATS[str(path[-1])])
    return f"{show(path)} -> {new!r}", set_at(resource, path, new)


def extra_slice(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    url = profiles.of(resource)
    sliced = profiles.sliced.get(url or "", set())
    rtype = resource["resourceType"]
    found = [(p, v) for p, v in walk(resource) if isinstance(v, list) and v and element_path(rtype, p) in sliced]
    if not found:
        return None
    path, items = rng.choice(found)
    item = copy.deepcopy(rng.choice(items))
    return f"another {show(path)} item like {json.dumps(item)[:80]}", set_at(resource, path, [*items, item])


FHIRPATH_FUNCTIONS = {"exists", "all", "where", "empty", "ofType", "not", "count", "first", "implies", "and", "or"}


def _chains(expression: str) -> list[str]:
    """The element name chains an expression navigates ('component.all(value.exists())' -> component, value)."""
    chains = []
    for found in re.findall(r"(?<!['\w])[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)*", expression):
        names = []
        for name in found.split("."):
            if name in FHIRPATH_FUNCTIONS:
                break
            names.append(name)
        if names and names[0] not in ("system", "code", "integer"):
            chains.append(".".join(names))
    return chains


def broken_invariant(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    """Removes an element that one of our invariants names (the chain of names is read from its expression)."""
    expressions = profiles.invariants.get(profiles.of(resource) or "", [])
    if not expressions:
        return None
    chains = sorted({chain for e in expressions for chain in _chains(e)})
    found: list[list[str | int]] = []
    for path, _ in walk(resource):
        names = ".".join(p for p in path if isinstance(p, str))
        if not path or not isinstance(path[-1], str):
            continue
        names_plain = re.sub(r"(value|effective)[A-Z]\w*$", r"\1", names)
        if any(names_plain == chain or names_plain.endswith("." + chain) for chain in chains):
            found.append(path)
    if not found:
        return None
    path = rng.choice(found)
    if path[-1] == "active":
        return "active -> false", set_at(resource, path, False)
    if path[-1] == "valueInteger":
        score = rng.choice([0, 6, 11, -1])
        return f"{show(path)} -> {score}", set_at(resource, path, score)
    return f"removed {show(path)}", delete_at(resource, path)


def bad_reference(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    found = [(p, v) for p, v in walk(resource) if p and p[-1] == "reference" and isinstance(v, str) and "/" in v]
    if not found:
        return None
    path, reference = rng.choice(found)
    rtype, _, rid = reference.partition("/")
    if rng.random() < 0.6:
        new = f"{rng.choice([t for t in OTHER_TYPES if t != rtype])}/{rid}"
    else:
        new = rng.choice([f"{rtype}/", f"{rtype}/has space", f"{rtype.lower()}/{rid}", f"{rtype}/{rid}/extra/x",
                          f"http://example.org/fhir/{rtype}/{rid}"])
    return f"{show(path)} -> {new}", set_at(resource, path, new)


def wrong_cardinality(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    objects = [(p, v) for p, v in walk(resource) if p and isinstance(p[-1], str) and p[0] not in ("meta", "text")
               and isinstance(v, dict)]
    arrays = [(p, v) for p, v in walk(resource) if p and isinstance(v, list) and v and p[0] not in ("meta", "text")]
    how = rng.choice(["wrap", "unwrap", "empty-array", "empty-object", "twice"])
    if how == "wrap" and objects:
        path, value = rng.choice(objects)
        return f"{show(path)} as an array", set_at(resource, path, [value])
    if how == "unwrap" and arrays:
        path, value = rng.choice(arrays)
        return f"{show(path)} as one value", set_at(resource, path, value[0])
    if how == "empty-array" and arrays:
        path, _ = rng.choice(arrays)
        return f"{show(path)} -> []", set_at(resource, path, [])
    if how == "empty-object" and objects:
        path, _ = rng.choice(objects)
        return f"{show(path)} -> {{}}", set_at(resource, path, {})
    if arrays:
        path, value = rng.choice(arrays)
        return f"{show(path)} twice", set_at(resource, path, [*value, copy.deepcopy(value[-1])])
    return None


def unknown_element(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    objects = [p for p, v in walk(resource) if isinstance(v, dict) and (not p or p[0] not in ("text",))]
    path = rng.choice(objects)
    name = rng.choice(["madeUp", "comment", "notes", "valueFoo"])
    mutated = copy.deepcopy(resource)
    target = mutated
    for part in path:
        target = target[part]
    target[name] = "x"
    return f"{show([*path, name])} added", mutated


def valid(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    mutated = copy.deepcopy(resource)
    how = rng.choice(["id", "identifier", "extension", "text-string", "date", "narrative", "key-order"])
    if how == "id":
        mutated["id"] = f"{resource.get('id', 'x')[:50]}-v{rng.randrange(1000)}"
    elif how == "identifier" and "identifier" in mutated:
        mutated["identifier"].append({"system": "urn:oid:2.16.528.1.1007.3.3", "value": str(rng.randrange(10**6))})
    elif how == "extension":
        mutated.setdefault("extension", []).append(
            {"url": "http://example.org/fhir/StructureDefinition/local-note", "valueString": "local"})
    elif how == "text-string":
        strings = [p for p, v in _leaf_primitives(resource) if isinstance(v, str) and p[-1] in ("text", "display")]
        if not strings:
            return None
        path = rng.choice(strings)
        return f"{show(path)} reworded", set_at(resource, path, "Anders verwoord")
    elif how == "date":
        dates = [p for p, v in _leaf_primitives(resource) if isinstance(v, str) and re.fullmatch(r"\d{4}-\d\d-\d\d", v)]
        if not dates:
            return None
        path = rng.choice(dates)
        return f"{show(path)} -> 2025-12-31", set_at(resource, path, "2025-12-31")
    elif how == "narrative":
        mutated["text"] = {"status": "generated",
                           "div": '<div xmlns="http://www.w3.org/1999/xhtml"><p>Samenvatting</p></div>'}
    elif how == "key-order":
        mutated = dict(reversed(list(mutated.items())))
    else:
        return None
    return how, mutated


XHTML = 'xmlns="http://www.w3.org/1999/xhtml"'
BAD_DIVS = {
    "script": f'<div {XHTML}><p>x</p><script>alert(1)</script></div>',
    "event attribute": f'<div {XHTML}><p onclick="alert(1)">x</p></div>',
    "iframe": f'<div {XHTML}><p>x</p><iframe src="https://example.org"></iframe></div>',
    "form": f'<div {XHTML}><form action="https://example.org"><input name="a"/></form></div>',
    "foreign element": f'<div {XHTML}><foo>x</foo></div>',
    "svg": f'<div {XHTML}><p>x</p><svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg></div>',
    "no namespace": '<div><p>x</p></div>',
    "malformed": f'<div {XHTML}><p>x</div>',
    "not a div": f'<p {XHTML}>x</p>',
    "no content": f'<div {XHTML}> <p/> </div>',
    "javascript link": f'<div {XHTML}><a href="javascript:alert(1)">x</a></div>',
    "html entity": f'<div {XHTML}><p>a&nbsp;b</p></div>',
}
GOOD_DIVS = [
    f'<div {XHTML}><p>Samenvatting <b>kort</b></p><table><tr><td class="c" style="color:red">1</td></tr></table></div>',
    f'<div {XHTML} xml:lang="nl"><a href="https://example.org">link</a>'
    '<img src="https://example.org/x.png" alt="x"/></div>',
    '<xhtml:div xmlns:xhtml="http://www.w3.org/1999/xhtml"><xhtml:p>voorvoegsel</xhtml:p></xhtml:div>',
]
PRACTITIONER: Json = {"resourceType": "Practitioner", "id": "contained-1", "name": [{"family": "Jansen"}]}
UUID = "urn:uuid:8a1e3a64-1c4b-4c1e-9a0d-1c2b3c4d5e6f"


def narrative(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    what = rng.choice(sorted(BAD_DIVS))
    return f"text.div: {what}", {**resource, "text": {"status": "generated", "div": BAD_DIVS[what]}}


def contained(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    how = rng.choice(["unreferenced", "two, one unreferenced", "versionId", "security"])
    practitioner: Json = copy.deepcopy(PRACTITIONER)
    if how == "unreferenced":
        return "an unreferenced contained resource", {**resource, "contained": [practitioner]}
    if how == "two, one unreferenced":
        second = {**practitioner, "id": "contained-2"}
        return how, _referring({**resource, "contained": [practitioner, second]})
    if how == "versionId":
        practitioner["meta"] = {"versionId": "1"}
    else:
        practitioner["meta"] = {"security": [{"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality",
                                              "code": "R"}]}
    return f"contained resource: {how}", _referring({**resource, "contained": [practitioner]})


def _referring(resource: Json) -> Json:
    """The resource with an extension that refers to its first contained resource."""
    extension = {"url": "http://example.org/fhir/StructureDefinition/local-source",
                 "valueReference": {"reference": f"#{resource['contained'][0]['id']}"}}
    return {**resource, "extension": [*resource.get("extension", []), extension]}


def _entry(resource: Json, full_url: str | None = None, **more: Json) -> Json:
    entry = {"fullUrl": full_url or f"http://example.org/fhir/{resource['resourceType']}/{resource['id']}"}
    return {**entry, "resource": resource, **more}


def bundle(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    how = rng.choice(["duplicate fullUrl", "transaction without request", "request in a collection",
                      "total in a collection", "search in a collection", "fullUrl of another id", "relative fullUrl",
                      "no fullUrl", "bad uuid", "versioned fullUrl", "message without header",
                      "unknown property", "unknown entry property", "no type", "unknown type"])
    entry = _entry(resource)
    result: Json = {"resourceType": "Bundle", "type": "collection", "entry": [entry]}
    if how == "duplicate fullUrl":
        result["entry"] = [entry, entry]
    elif how == "transaction without request":
        result["type"] = "transaction"
    elif how == "request in a collection":
        entry["request"] = {"method": "PUT", "url": f"{resource['resourceType']}/{resource['id']}"}
    elif how == "total in a collection":
        result["total"] = 1
    elif how == "search in a collection":
        entry["search"] = {"mode": "match"}
    elif how == "fullUrl of another id":
        entry["fullUrl"] = f"http://example.org/fhir/{resource['resourceType']}/another"
    elif how == "relative fullUrl":
        entry["fullUrl"] = f"{resource['resourceType']}/{resource['id']}"
    elif how == "no fullUrl":
        del entry["fullUrl"]
    elif how == "bad uuid":
        entry["fullUrl"] = UUID.upper()
    elif how == "versioned fullUrl":
        entry["fullUrl"] += "/_history/1"
    elif how == "message without header":
        result["type"] = "message"
    elif how == "unknown property":
        result["madeUp"] = "x"
    elif how == "unknown entry property":
        entry["madeUp"] = "x"
    elif how == "no type":
        del result["type"]
    else:
        result["type"] = "registry"
    return f"Bundle: {how}", result


def valid_new(resource: Json, rng: random.Random, profiles: Profiles) -> Mutation | None:
    """Valid variants of what the narrative, contained and bundle kinds break."""
    how = rng.choice(["xhtml", "contained", "collection", "transaction", "searchset"])
    if how == "xhtml":
        return how, {**resource, "text": {"status": "generated", "div": rng.choice(GOOD_DIVS)}}
    if how == "contained":
        return how, _referring({**resource, "contained": [copy.deepcopy(PRACTITIONER)]})
    entry = _entry(resource)
    if how == "transaction":
        entry = _entry(resource, UUID, request={"method": "POST", "url": resource["resourceType"]})
    elif how == "searchset":
        entry["search"] = {"mode": "match"}
    result = {"resourceType": "Bundle", "type": how, "entry": [entry]}
    return f"Bundle: {how}", {**result, "total": 1} if how == "searchset" else result


# Kinds added later, each with a random generator of its own per example (see the docstring).
LATER_MUTATORS: dict[str, Callable[[Json, random.Random, Profiles], Mutation | None]] = {
    "narrative": narrative,
    "contained": contained,
    "bundle": bundle,
    "valid": valid_new,
}


MUTATORS: dict[str, Callable[[Json, random.Random, Profiles], Mutation | None]] = {
    "drop-required": drop_required,
    "wrong-code-ours": wrong_code_ours,
    "wrong-code-core": wrong_code_core,
    "wrong-type": wrong_type,
    "bad-format": bad_format,
    "extra-slice": extra_slice,
    "broken-invariant": broken_invariant,
    "bad-reference": bad_reference,
    "wrong-cardinality": wrong_cardinality,
    "unknown-element": unknown_element,
    "valid": valid,
}


def mutations(examples: list[tuple[str, Json]], profiles: Profiles, per_example: int,
              seed: int = SEED) -> Iterator[tuple[str, str, str, Json]]:
    """(kind, example name, what changed, mutated resource), in a fixed order for a given seed."""
    rng = random.Random(seed)
    for name, example in examples:
        for kind, mutate in MUTATORS.items():
            seen: set[str] = set()
            for _ in range(per_example):
                result = mutate(example, rng, profiles)
                if result is None:
                    continue
                what, mutated = result
                key = json.dumps(mutated, sort_keys=True)
                if key in seen or (mutated == example and kind != "valid"):
                    continue
                seen.add(key)
                yield kind, name, what, mutated
        for kind, mutate in LATER_MUTATORS.items():
            later_rng = random.Random(f"{seed}/{name}/{kind}")
            seen = set()
            for _ in range(per_example):
                result = mutate(example, later_rng, profiles)
                if result is not None and json.dumps(result[1], sort_keys=True) not in seen:
                    seen.add(json.dumps(result[1], sort_keys=True))
                    yield kind, name, *result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--package", type=Path, required=True, help="our package folder (profiles/package)")
    parser.add_argument("--out", type=Path, required=True, help="the corpus folder (replaced)")
    parser.add_argument("--manifest", type=Path, required=True, help="where to write the manifest")
    parser.add_argument("--per-example", type=int, default=2, help="attempts per kind and example")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    profiles = Profiles(load_resources(args.package))
    examples = [(p.stem, json.loads(p.read_text(encoding="utf-8"))) for p in resource_paths(args.package / "example")]
    if args.out.exists():
        shutil.rmtree(args.out)
    manifest: dict[str, dict[str, str]] = {}
    counts: dict[str, int] = {}
    for kind, name, what, mutated in mutations(examples, profiles, args.per_example, args.seed):
        counts[kind] = counts.get(kind, 0) + 1
        file = args.out / kind / f"{name}--{counts[kind]}.json"
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(json.dumps(mutated, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        manifest[f"{kind}/{file.name}"] = {"kind": kind, "example": name, "change": what}
    args.out.mkdir(parents=True, exist_ok=True)
    args.manifest.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    print(f"{len(manifest)} mutations: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
