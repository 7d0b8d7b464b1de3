"""The data files the Helios FHIR Server reads from ``data/`` in its working directory.

Without the specification's SearchParameters and CompartmentDefinitions Helios supports almost no search. Both are
Bundles (type ``collection``) of those resources from the R4 core package that make builds:

    python -m devstack.helios_data --core <R4 core package folder> --out build/helios/data
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

# The file Helios looks for, per resource type.
DATA_FILES = {
    "SearchParameter": "search-parameters-r4.json",
    "CompartmentDefinition": "compartment-definitions-r4.json",
}


def collection(resources: list[dict[str, Any]]) -> dict[str, Any]:
    """A Bundle of type collection holding ``resources``, each under its canonical URL."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [{"fullUrl": r["url"], "resource": r} for r in resources],
    }


def core_resources(core: Path, resource_type: str) -> list[dict[str, Any]]:
    """The core package's resources of one type, in file-name order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(core.glob(f"{resource_type}-*.json"))]


def write_data(core: Path, out: Path) -> dict[str, int]:
    """Writes both Bundles into ``out``; how many resources each holds, by file name."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for resource_type, name in DATA_FILES.items():
        resources = [r for r in core_resources(core, resource_type) if r.get("resourceType") == resource_type]
        if not resources:
            raise SystemExit(f"no {resource_type} resources in {core}")
        (out / name).write_text(json.dumps(collection(resources)) + "\n", encoding="utf-8")
        counts[name] = len(resources)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--core", type=Path, required=True, help="the R4 core package folder")
    parser.add_argument("--out", type=Path, required=True, help="the data folder to write")
    args = parser.parse_args()
    for name, count in write_data(args.core, args.out).items():
        print(f"{args.out / name}: {count} resources")


if __name__ == "__main__":
    main()
