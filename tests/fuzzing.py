"""Hypothesis strategies for the fuzz tests: the package's examples broken the ways vendors' data goes wrong.

``mutated_resources`` applies one to three structure-aware mutations to an example: a value removed, duplicated or
replaced by one of the wrong JSON type, a primitive made wrong (dates, codes, ids, decimals as strings, huge numbers,
unicode, control characters), unknown keys, ``_element`` companions of every shape, nested extensions, references of
odd shapes, contained resources, JSON nested near the depth limit and strings near the string limit.
``bundles`` wraps mutated resources in Bundles with odd entries; ``fuzzed_files`` are the bytes of a file as the
reader gets them (truncated, BOM, NUL, invalid UTF-8, ndjson with bad lines).

How many cases each fuzz test runs: ``SRH_FUZZ_CASES`` (``make test-long`` sets 10,000; the fast tier runs a few).
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from paths import EXAMPLE_DIR, read_json, resource_files

from srh_fhir.validation import Limits

FUZZ_CASES = int(os.environ.get("SRH_FUZZ_CASES", "200"))
"""Cases of the main fuzz test; the others run a share of it."""
FUZZ_LIMITS = Limits(max_depth=128, max_string=2048)
"""The validator's limits in the fuzz: the default depth, and a short string limit so that strings near it are cheap."""


def fuzz_settings(share: float = 1.0) -> settings:
    """``share`` of ``FUZZ_CASES`` (at least 3), without a deadline (the machine is shared) or a database in the
    worktree; a failure prints the blob that reproduces it."""
    return settings(
        max_examples=max(3, int(FUZZ_CASES * share)),
        deadline=None,
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


EXAMPLES: list[dict[str, Any]] = [read_json(p) for p in resource_files(EXAMPLE_DIR)]

# --- values ---------------------------------------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
# Constant objects and arrays are drawn as fresh copies (``.map(copy.deepcopy)``): a later mutation changes them.
hostile_strings = st.sampled_from([
    "", " ", "  padded ", "\x00", "a\x00b", "\x1b[31m", "\r\n", "\t", "\u202eevil", "\ufeff", "\ud800", "😀" * 3,
    "ingrid\u0301", "<script>alert(1)</script>", "null", "true", "1.0", "-0", "1e400", "NaN", "Infinity",
]) | st.text(max_size=20)
wrong_primitives = st.sampled_from([
    # dates and times
    "2026-13-45", "2026-02-30", "2026-02-29", "0000-01-01", "2026-1-1", "2026-04-01T25:61:00Z", "2026-04-01T12:00",
    "2026-04-01T12:00:00", "2026-04-01T12:00:00+25:00", "2026-04-01 12:00:00Z", "20260401", "9999-12-31T23:59:60Z",
    # codes, ids, uris
    "Final", "final ", " final", "a  b", "x" * 65, "id with spaces", "Patient/1", "#", "urn:uuid:NOT-A-UUID",
    "urn:oid:1.2.x", "http://", "http:// space", "//example.org", "../up",
    # decimals, integers and booleans as strings
    "1.0", "1,5", "01", "+1", "0x10", "true", "True", "yes",
]) | hostile_strings | st.sampled_from([
    10**30, -(10**30), 2**31, -(2**31) - 1, 1e308, -1e-308, float("nan"), float("inf"), -0.0, 0.1, True, False,
])
unknown_keys = st.sampled_from([
    "", " ", "unknown", "resourceType", "_", "__proto__", "@context", "a.b", "Extension", "extension ", "_unknown",
    "value", "valueString", "fhir_comments", "😀",
]) | st.text(max_size=8)
odd_references = st.sampled_from([
    "", "#", "#missing", "Patient/", "/Patient/1", "Patient//1", "Patient/1/_history/", "patient/1", "Unknown/1",
    "http://x.example/fhir/Patient/1/_history/2", "urn:uuid:bad", "urn:uuid:", "Patient/1?x=y", "Patient/ 1",
    "../Patient/1", "Patient/" + "9" * 70, "\x00", "RelatedPerson/ingrid-sister-anja",
]) | json_values
element_shapes = st.sampled_from([
    {}, [], [None], None, "x", 5, {"id": 5}, {"id": ""}, {"extension": "x"}, {"extension": []}, {"extension": [5]},
    {"extension": [{"url": "http://example.org/x", "valueString": "y"}]}, {"value": "x"}, {"_extension": []},
    [None, {}], [{}, {}, {}], {"fhir_comments": ["c"]},
]).map(copy.deepcopy) | json_values

# --- where to mutate ------------------------------------------------------------------------------------------------

Path = tuple[str | int, ...]


def value_paths(value: Any) -> list[Path]:
    """Every path inside ``value`` (not the root itself), without recursion: mutated values nest deep."""
    found: list[Path] = []
    stack: list[tuple[Path, Any]] = [((), value)]
    while stack:
        prefix, node = stack.pop()
        if prefix:
            found.append(prefix)
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        stack.extend(((*prefix, key), item) for key, item in items)
    return found


def at(value: Any, path: Path) -> Any:
    for part in path:
        value = value[part]
    return value


def object_paths(value: Any) -> list[Path]:
    return [()] + [p for p in value_paths(value) if isinstance(at(value, p), dict)]


def primitive_paths(value: Any) -> list[Path]:
    primitive = str | int | float | bool
    return [p for p in value_paths(value) if isinstance(at(value, p), primitive) and p[-1] != "resourceType"]


# --- mutations: each changes ``resource`` in place ------------------------------------------------------------------

Mutation = Callable[[st.DrawFn, dict[str, Any]], None]


def remove(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    where = draw(st.sampled_from(value_paths(resource)))
    del at(resource, where[:-1])[where[-1]]


def duplicate(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    """A value repeated: in its array, wrapped in an array where one value belongs, or unwrapped from its array."""
    where = draw(st.sampled_from(value_paths(resource)))
    parent, key, value = at(resource, where[:-1]), where[-1], at(resource, where)
    how = draw(st.sampled_from(["repeat", "wrap", "unwrap"]))
    if how == "repeat" and isinstance(parent, list):
        parent.insert(int(key), copy.deepcopy(value))
    elif how == "unwrap" and isinstance(value, list) and value:
        parent[key] = value[0]
    else:
        parent[key] = [value, copy.deepcopy(value)]


def replace(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    where = draw(st.sampled_from(value_paths(resource)))
    at(resource, where[:-1])[where[-1]] = draw(json_values | hostile_strings)


def wrong_primitive(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    candidates = primitive_paths(resource) or value_paths(resource)
    where = draw(st.sampled_from(candidates))
    at(resource, where[:-1])[where[-1]] = draw(wrong_primitives)


def unknown_key(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    target = at(resource, draw(st.sampled_from(object_paths(resource))))
    key = draw(unknown_keys)
    target[key] = draw(json_values)


def element_companion(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    """A primitive's ``_element`` of any shape (or one without its primitive)."""
    target = at(resource, draw(st.sampled_from(object_paths(resource))))
    names = [k for k, v in target.items() if not k.startswith("_") and not isinstance(v, dict)]
    name = draw(st.sampled_from(names)) if names and draw(st.booleans()) else draw(unknown_keys)
    target[f"_{name}"] = draw(element_shapes)


def nested_extensions(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    """Extensions within extensions, up to past the depth limit, with values of any type."""
    levels = draw(st.integers(1, 8) | st.integers(55, 70))  # an extension adds two levels: 64 reach the limit
    value_key = draw(st.sampled_from(["valueString", "valueCode", "valueInteger", "valueReference", "valueFoo",
                                      "value", "valueCodeableConcept"]))
    extension: dict[str, Any] = {"url": draw(st.sampled_from(["http://example.org/leaf", "", "leaf", 5])),
                                 value_key: draw(json_values | wrong_primitives)}
    for _ in range(levels):
        extension = {"url": "http://example.org/outer", "extension": [extension]}
    target = at(resource, draw(st.sampled_from(object_paths(resource))))
    key = draw(st.sampled_from(["extension", "modifierExtension"]))
    existing = target.get(key)
    target[key] = [*(existing if isinstance(existing, list) else []), extension]


def odd_reference(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    """A Reference whose reference, type or identifier is odd, where one is or anywhere."""
    refs = [p for p in value_paths(resource) if isinstance(at(resource, p), dict) and "reference" in at(resource, p)]
    target = at(resource, draw(st.sampled_from(refs or object_paths(resource))))
    target["reference"] = draw(odd_references)
    if draw(st.booleans()):
        target[draw(st.sampled_from(["type", "identifier", "display"]))] = draw(json_values | wrong_primitives)


def contained(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    """Contained resources: copies of examples (with or without an id, with their own contained), or not resources."""
    odd = st.sampled_from([{}, 5, "Patient", [], {"resourceType": "Bundle"}, {"resourceType": "Nope", "id": "x"},
                           {"resourceType": "Patient", "id": "c", "contained": [{"resourceType": "Patient"}]}]
                          ).map(copy.deepcopy)
    example = st.sampled_from(EXAMPLES).map(copy.deepcopy)
    items = draw(st.lists(example | odd | json_values, min_size=0, max_size=3))
    for item in items:
        if isinstance(item, dict) and draw(st.booleans()):
            item.pop("id", None)
    target = resource if draw(st.booleans()) else at(resource, draw(st.sampled_from(object_paths(resource))))
    target["contained"] = items if draw(st.integers(0, 9)) else draw(json_values)
    if draw(st.booleans()):
        target.setdefault("subject", {})
        if isinstance(target["subject"], dict):
            target["subject"]["reference"] = draw(st.sampled_from(["#", "#c", "#missing", "#" + "x" * 70]))


def deep_nesting(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    """Arrays or objects nested to around the depth limit at some place."""
    depth = FUZZ_LIMITS.max_depth + draw(st.integers(-8, 4))
    nested: Any = draw(json_values)
    as_objects = draw(st.booleans())
    for _ in range(depth):
        nested = {"a": nested} if as_objects else [nested]
    where = draw(st.sampled_from(object_paths(resource)))
    at(resource, where)[draw(unknown_keys | st.sampled_from(["extension", "name", "item"]))] = nested


def long_string(draw: st.DrawFn, resource: dict[str, Any]) -> None:
    length = FUZZ_LIMITS.max_string + draw(st.integers(-3, 3))
    char = draw(st.sampled_from(["x", " ", "é", "😀", "\x00"]))
    candidates = primitive_paths(resource) or value_paths(resource)
    where = draw(st.sampled_from(candidates))
    at(resource, where[:-1])[where[-1]] = char * length


MUTATIONS: list[Mutation] = [remove, duplicate, replace, wrong_primitive, unknown_key, element_companion,
                             nested_extensions, odd_reference, contained, deep_nesting, long_string]


@st.composite
def mutated_resources(draw: st.DrawFn) -> dict[str, Any]:
    """A copy of an example with one to three mutations (a mutation that found nothing to change is skipped)."""
    resource = copy.deepcopy(draw(st.sampled_from(EXAMPLES)))
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), min_size=1, max_size=3)):
        if value_paths(resource):
            mutation(draw, resource)
    return resource


# --- Bundles --------------------------------------------------------------------------------------------------------

odd_entries = st.sampled_from([
    5, "entry", None, [], {}, {"request": "oops"}, {"resource": 5}, {"resource": {}}, {"fullUrl": 5},
    {"fullUrl": "urn:uuid:0b7c6b4e-7a30-4e50-9f37-5b0f1d7cfc6e"}, {"search": {"mode": "x"}},
    {"request": {"method": "BOGUS", "url": 5}}, {"request": {"method": "DELETE", "url": "Patient/1"}},
    {"request": {"method": "GET"}}, {"response": "200"}, {"resource": {"resourceType": "Bundle", "entry": 5}},
]).map(copy.deepcopy) | json_values


@st.composite
def entries(draw: st.DrawFn) -> Any:
    resource = draw(mutated_resources() | st.sampled_from(EXAMPLES).map(copy.deepcopy))
    entry: dict[str, Any] = {"resource": resource}
    if draw(st.booleans()):
        entry["fullUrl"] = draw(st.sampled_from([
            f"urn:uuid:{draw(st.uuids())}", f"https://ehr.example/fhir/{resource.get('resourceType')}/{resource.get('id')}",
            "urn:uuid:0b7c6b4e-7a30-4e50-9f37-5b0f1d7cfc6e", "", "not a url", "urn:uuid:UPPER-CASE",
        ]))
    if draw(st.booleans()):
        entry["request"] = draw(st.fixed_dictionaries(
            {"method": st.sampled_from(["POST", "PUT", "GET", "DELETE", "PATCH", "HEAD", "post", ""])},
            optional={"url": st.sampled_from([str(resource.get("resourceType")), "Patient/1", "", "?x"]),
                      "ifNoneExist": st.text(max_size=10)},
        ))
    if draw(st.booleans()):
        entry["search"] = {"mode": draw(st.sampled_from(["match", "include", "outcome", "x"]))}
    return entry


@st.composite
def bundles(draw: st.DrawFn) -> dict[str, Any]:
    """A Bundle of any type (or none) with mutated resources and odd entries, maybe nested in another Bundle."""
    items = draw(st.lists(entries() | odd_entries, max_size=5))
    odd = draw(st.integers(0, 9)) == 0
    bundle: dict[str, Any] = {"resourceType": "Bundle", "entry": draw(json_values) if odd else items}
    kind = draw(st.sampled_from(["transaction", "collection", "searchset", "batch", "document", "message",
                                 "transaction-response", "history", "", "Collection", None]) | json_values)
    if kind is not None:
        bundle["type"] = kind
    for key in draw(st.lists(st.sampled_from(["id", "total", "link", "timestamp", "identifier", "signature"]),
                             max_size=2)):
        bundle[key] = draw(json_values | wrong_primitives)
    if draw(st.integers(0, 9)) == 0:
        bundle = {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": bundle}]}
    return bundle


# --- bytes for the reader -------------------------------------------------------------------------------------------

def dumped(resource: Any) -> bytes:
    return json.dumps(resource, ensure_ascii=False).encode("utf-8", "surrogatepass")


@st.composite
def fuzzed_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """``data`` truncated, with a BOM, NUL, invalid UTF-8, another encoding, or bytes flipped or inserted."""
    how = draw(st.sampled_from(["truncate", "bom", "insert", "flip", "utf16", "whole"]))
    if how == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if how == "bom":
        return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + data
    if how == "utf16":
        return data.decode("utf-8", "replace").encode(draw(st.sampled_from(["utf-16", "utf-16-le", "utf-32"])))
    if how == "whole":
        return draw(st.binary(max_size=64))
    at_ = draw(st.integers(0, len(data)))
    junk = draw(st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80\x80", b"\n", b"\r", b"{", b"]"])
                | st.binary(min_size=1, max_size=4))
    if how == "flip" and at_ < len(data):
        return data[:at_] + junk + data[at_ + 1 :]
    return data[:at_] + junk + data[at_:]


@st.composite
def json_files(draw: st.DrawFn) -> bytes:
    """A JSON file: an example, a mutated resource or a Bundle, its bytes maybe broken."""
    data = dumped(draw(st.sampled_from(EXAMPLES) | mutated_resources() | bundles()))
    return draw(fuzzed_bytes(data)) if draw(st.booleans()) else data


@st.composite
def ndjson_files(draw: st.DrawFn) -> bytes:
    """Lines of resources, some of them broken, blank, CRLF, or without the last newline."""
    lines = []
    for _ in range(draw(st.integers(0, 5))):
        line = dumped(draw(st.sampled_from(EXAMPLES) | mutated_resources()))
        kind = draw(st.sampled_from(["good", "broken", "blank", "not a resource"]))
        if kind == "broken":
            line = draw(fuzzed_bytes(line)).replace(b"\n", b" ")
        elif kind == "blank":
            line = draw(st.sampled_from([b"", b" ", b"\r", b"\t"]))
        elif kind == "not a resource":
            line = draw(st.sampled_from([b"5", b"[]", b"null", b'"x"', b"{}", b'{"resourceType": 5}']))
        lines.append(line)
    end = draw(st.sampled_from([b"\n", b"\r\n"]))
    return end.join(lines) + (end if draw(st.booleans()) else b"")
