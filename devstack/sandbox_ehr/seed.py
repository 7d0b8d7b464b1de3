"""Load the example clients of the profile package (patients, practitioners, networks, plans) into a FHIR server:
one transaction of PUTs with the examples' own ids, so seeding again changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from srh_fhir.profiles import EXAMPLE_DIR  # type: ignore[import-not-found]

from srh_fhir import bundle as bundles
from srh_fhir.client import FHIRClient

SKIPPED_FILES = ("package.json", ".index.json")


def example_resources(folder: Path = EXAMPLE_DIR) -> list[dict[str, Any]]:
    resources = []
    for path in sorted(folder.glob("*.json")):
        if path.name in SKIPPED_FILES:
            continue
        resource = json.loads(path.read_text(encoding="utf-8"))
        meta = {k: v for k, v in resource.get("meta", {}).items() if k not in ("versionId", "lastUpdated")}
        resource = {**resource, "meta": meta} if meta else {k: v for k, v in resource.items() if k != "meta"}
        resources.append(resource)
    return resources


def seed(fhir_base: str, folder: Path = EXAMPLE_DIR) -> int:
    """PUT every example into ``fhir_base`` in one transaction; returns how many resources were sent."""
    resources = example_resources(folder)
    entries = [bundles.entry_for_update(resource) for resource in resources]
    with FHIRClient(fhir_base) as client:
        client.transaction(entries)
    return len(resources)
