"""Fixtures of the sandbox EHR tier; its helpers (harness, PKCE, launches) are in ``sandbox_support``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sandbox_support import SandboxHarness, make_harness

from devstack.sandbox_ehr.seed import seed


@pytest.fixture(scope="module")
def seeded(fhir_base: str) -> str:
    """The HAPI server with the sandbox's example patients and practitioners; its base URL."""
    seed(fhir_base)
    return fhir_base


@pytest.fixture
def harness(seeded: str) -> Iterator[SandboxHarness]:
    """A fresh sandbox whose FHIR proxy forwards to the seeded HAPI server."""
    yield make_harness(seeded)
