"""The examples exercise every profile and every must-support element, slices included."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from paths import CANONICAL, declared_profiles


def matches(value: Any, pattern: Any) -> bool:
    """FHIR pattern semantics: every property of the pattern is in the value; arrays match element-wise."""
    if isinstance(pattern, dict):
        return isinstance(value, dict) and all(k in value and matches(value[k], v) for k, v in pattern.items())
    if isinstance(pattern, list):
        return isinstance(value, list) and all(any(matches(v, p) for v in value) for p in pattern)
    return bool(value == pattern)


def nodes(resource: dict[str, Any], path: str) -> Iterator[Any]:
    """Values at a dotted element path (no slice names), with choice types `value[x]` matched by prefix."""
    current: list[Any] = [resource]
    for step in path.split(".")[1:]:
        found: list[Any] = []
        for node in current:
            if not isinstance(node, dict):
                continue
            keys = [k for k in node if step.endswith("[x]") and k.startswith(step[:-3]) and k[len(step) - 3].isupper()]
            for key in keys or ([step] if step in node else []):
                value = node[key]
                found.extend(value if isinstance(value, list) else [value])
        current = found
    yield from current


def slice_pattern(profile: dict[str, Any], slice_element: dict[str, Any]) -> tuple[str, Any]:
    """(discriminator path, value) that an instance element must match to be in this slice."""
    elements = {e["id"]: e for e in profile["snapshot"]["element"]}
    sliced = next(e for e in profile["snapshot"]["element"] if e["path"] == slice_element["path"] and "slicing" in e)
    discriminator = sliced["slicing"]["discriminator"][0]
    if discriminator["path"] == "url":
        return "url", slice_element["type"][0]["profile"][0]
    target = (
        slice_element
        if discriminator["path"] == "$this"
        else elements[f"{slice_element['id']}.{discriminator['path']}"]
    )
    value = next(v for k, v in target.items() if k.startswith(("fixed", "pattern")))
    return discriminator["path"], value


def element_is_used(profile: dict[str, Any], element: dict[str, Any], examples: list[dict[str, Any]]) -> bool:
    instances = [r for r in examples if profile["url"] in declared_profiles(r)]
    candidates = [node for instance in instances for node in nodes(instance, element["path"])]
    if ":" not in element["id"].split(".")[-1]:
        return bool(candidates)
    how, value = slice_pattern(profile, element)
    if how == "$this":
        return any(matches(c, value) for c in candidates)
    return any(isinstance(c, dict) and matches(c.get(how), value) for c in candidates)


def test_every_profile_has_examples_from_at_least_two_clients(
    profiles: dict[str, dict[str, Any]], examples: list[dict[str, Any]]
) -> None:
    for url in profiles:
        subjects = set()
        for resource in examples:
            if url in declared_profiles(resource):
                # A Provenance names the client among its targets, an Appointment among its participants.
                actors = [*resource.get("target", []), *(p.get("actor", {}) for p in resource.get("participant", []))]
                clients = [a for a in actors if a.get("reference", "").startswith("Patient/")]
                subject = resource.get("patient") or resource.get("subject") or next(iter(clients), {})
                subjects.add(subject.get("reference"))
        assert len(subjects) >= 2, f"{url} has examples for {len(subjects)} client(s)"


def test_every_must_support_element_appears_in_an_example(
    profiles: dict[str, dict[str, Any]], examples: list[dict[str, Any]]
) -> None:
    missing = [
        f"{profile['id']}: {element['id']}"
        for profile in profiles.values()
        for element in profile["snapshot"]["element"]
        if element.get("mustSupport") and not element_is_used(profile, element, examples)
    ]
    assert not missing, "must-support elements no example uses:\n" + "\n".join(missing)


def test_examples_of_profiled_types_declare_our_profiles(
    profiles: dict[str, dict[str, Any]], examples: list[dict[str, Any]]
) -> None:
    # Only a network meeting is an Encounter of ours: the examples' home visits are the EHR's plain Encounters.
    profiled_types = {sd["type"] for sd in profiles.values()} - {"Encounter"}
    for resource in (r for r in examples if r["resourceType"] in profiled_types):
        assert any(p.startswith(CANONICAL) for p in declared_profiles(resource)), resource["id"]
