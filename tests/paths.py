"""Paths and loaders shared by the test suites (a module of its own: several folders have a conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = ROOT / "profiles" / "package"
EXAMPLE_DIR = PACKAGE_DIR / "example"
INVALID_DIR = ROOT / "tests" / "fixtures" / "invalid"
CANONICAL = "https://srh-fhir.github.io/fhir"
MAPPED_TYPES = frozenset({"RelatedPerson", "Observation", "CarePlan", "Goal", "CareTeam", "Consent"})


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def resource_files(folder: Path) -> list[Path]:
    """The FHIR resources in a package folder (not its manifest or index)."""
    return sorted(p for p in folder.glob("*.json") if p.name not in ("package.json", ".index.json"))


def declared_profiles(resource: dict[str, Any]) -> list[str]:
    """The canonical URLs in the resource's meta.profile."""
    profiles: list[str] = resource.get("meta", {}).get("profile", [])
    return profiles


def mapped_examples() -> list[dict[str, Any]]:
    """The example resources of the types srh_fhir.mapping handles."""
    return [r for r in map(read_json, resource_files(EXAMPLE_DIR)) if r["resourceType"] in MAPPED_TYPES]
