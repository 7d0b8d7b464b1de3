"""Cost of mapping FHIR JSON -> domain -> FHIR JSON against parsing and dumping with fhir.resources alone.

The corpus is the SRH examples of the profile package repeated (with new ids) to ``BENCH_MAPPING_SIZE``
resources (default 3,000); a second corpus adds content the model does not hold to every resource (identifier,
meta.versionId and lastUpdated, narrative, an unknown extension), which our mapping keeps in ``extras``.
The baseline is ``model_validate`` + ``model_dump(by_alias=True, exclude_none=True)`` of the fhir.resources R4B
class, with or without ``mode="json"``, whichever is faster on a pilot run (the fairest baseline). Each side is timed
with ``time.perf_counter`` in this run, best of ``REPEATS``; a ratio below 1 means our mapping is faster.
"""

from __future__ import annotations

import copy
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from srh_fhir.profiles import EXAMPLE_DIR

from srh_fhir.mapping import from_fhir, to_fhir

SRH_TYPES = {"RelatedPerson", "Observation", "CarePlan", "Goal", "CareTeam", "Consent"}
REPEATS = 3


def corpus(size: int, with_extras: bool) -> list[dict[str, Any]]:
    examples = []
    for path in sorted(EXAMPLE_DIR.glob("*.json")):
        if path.name.startswith("."):
            continue
        resource = json.loads(path.read_text(encoding="utf-8"))
        if resource["resourceType"] in SRH_TYPES:
            examples.append(resource)
    resources = []
    for i in range(size):
        resource = copy.deepcopy(examples[i % len(examples)])
        resource["id"] = f"{resource['id'][:50]}-{i}"
        if with_extras:
            add_extras(resource, i)
        resources.append(resource)
    return resources


def add_extras(resource: dict[str, Any], i: int) -> None:
    resource.setdefault("identifier", []).append({"system": "https://ehr.example/ids", "value": f"X-{i}"})
    resource["meta"].update(versionId=str(i % 7 + 1), lastUpdated="2026-04-01T12:00:00.123+02:00")
    resource["text"] = {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">resource {i}</div>'}
    extension = {"url": "https://ehr.example/fhir/StructureDefinition/source-system", "valueString": "ehr-a"}
    resource.setdefault("extension", []).append(extension)


def ours(resource: dict[str, Any]) -> dict[str, Any]:
    return to_fhir(from_fhir(resource))


def fhir_resources(mode: str | None) -> Callable[[dict[str, Any]], dict[str, Any]]:
    classes = {name: get_fhir_model_class(name) for name in SRH_TYPES}

    def parse_and_dump(resource: dict[str, Any]) -> dict[str, Any]:
        model = classes[resource["resourceType"]].model_validate(resource)
        if mode is None:
            return dict(model.model_dump(by_alias=True, exclude_none=True))
        return dict(model.model_dump(mode=mode, by_alias=True, exclude_none=True))

    return parse_and_dump


def best_time(function: Callable[[dict[str, Any]], dict[str, Any]], resources: list[dict[str, Any]]) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        for resource in resources:
            function(resource)
        best = min(best, time.perf_counter() - started)
    return best


def measure(resources: list[dict[str, Any]], label: str) -> float:
    mismatches = sum(ours(r) != r for r in resources)
    if mismatches:
        raise AssertionError(f"{mismatches} resources did not map back exactly")
    mapping = best_time(ours, resources)
    pilot = resources[:300]
    fastest_mode = min((None, "json"), key=lambda mode: best_time(fhir_resources(mode), pilot))
    baseline = best_time(fhir_resources(fastest_mode), resources)
    count = len(resources)
    print(
        f"  {label}: {count} resources; ours {mapping / count * 1e6:.0f} µs, "
        f"fhir.resources {baseline / count * 1e6:.0f} µs per resource",
        file=sys.stderr,
    )
    return mapping / baseline


def run() -> dict[str, float]:
    size = int(os.environ.get("BENCH_MAPPING_SIZE", "3000"))
    return {
        "mapping_cost_vs_fhir_resources": round(measure(corpus(size, False), "examples"), 3),
        "mapping_cost_vs_fhir_resources_with_extras": round(measure(corpus(size, True), "with extras"), 3),
    }


if __name__ == "__main__":
    print(run())
