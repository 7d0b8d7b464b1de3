"""Fixtures shared by the test suites; the paths and loaders they use live in ``paths``."""

from __future__ import annotations

from typing import Any

import pytest
from paths import EXAMPLE_DIR, PACKAGE_DIR, read_json, resource_files

pytest_plugins = ["fhir_server"]  # the HAPI FHIR server fixture `fhir_base`


@pytest.fixture(scope="session")
def conformance() -> list[dict[str, Any]]:
    return [read_json(p) for p in resource_files(PACKAGE_DIR)]


@pytest.fixture(scope="session")
def examples() -> list[dict[str, Any]]:
    return [read_json(p) for p in resource_files(EXAMPLE_DIR)]


@pytest.fixture(scope="session")
def profiles(conformance: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["url"]: r for r in conformance if r["resourceType"] == "StructureDefinition" and r["type"] != "Extension"}
