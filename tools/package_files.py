"""Read the FHIR resources of a package folder: every ``*.json`` file but the manifest and the index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

NOT_RESOURCES = ("package.json", ".index.json")


def resource_paths(folder: Path) -> list[Path]:
    """The resource files directly in ``folder``, sorted by name."""
    return sorted(p for p in folder.glob("*.json") if p.name not in NOT_RESOURCES)


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def load_resources(folder: Path) -> list[dict[str, Any]]:
    """The resources directly in ``folder``, in file-name order."""
    return [read_json(p) for p in resource_paths(folder)]
