"""Fixtures shared by every tier of the test suite, and the tiers' markers.

Tiers are folders: ``lib/`` (the library and CLI), ``profiles/`` (the profile package), ``app/`` (the SMART app),
``sandbox/`` (the sandbox EHR) and ``browser/`` (the app in Chromium). Markers say what a test needs beyond Python:
``hapi`` (a HAPI FHIR server: any test using ``fhir_base``), ``helios`` (the Helios FHIR Server: ``helios_base``;
``any_fhir_base`` runs a test on both, see ``fhir_server``), ``browser`` (Chromium) and ``reference`` (results of
HAPI's reference validator made by ``make test``); ``packaging`` tests build wheels and virtual environments.
``make check`` runs the tests that need none of them.
The paths and loaders the fixtures use live in ``paths``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from paths import EXAMPLE_DIR, PACKAGE_DIR, read_json, resource_files

from srh_fhir import server_facts
from srh_fhir.validation import Validator

pytest_plugins = ["fhir_server"]  # the FHIR server fixtures `fhir_base`, `helios_base` and `any_fhir_base`

BROWSER_TIER = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(BROWSER_TIER):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def conformance() -> list[dict[str, Any]]:
    return [read_json(p) for p in resource_files(PACKAGE_DIR)]


@pytest.fixture(scope="session")
def examples() -> list[dict[str, Any]]:
    return [read_json(p) for p in resource_files(EXAMPLE_DIR)]


@pytest.fixture(scope="session")
def profiles(conformance: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["url"]: r for r in conformance if r["resourceType"] == "StructureDefinition" and r["type"] != "Extension"}


@pytest.fixture(scope="session")
def validator() -> Validator:
    """The Python validator over our package, built once: building it reads the whole package."""
    return Validator()


@pytest.fixture(autouse=True)
def _servers_unknown() -> None:
    """Every test starts knowing nothing of any server: played servers share a base URL but not their habits."""
    server_facts.forget()
