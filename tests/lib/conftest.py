"""Fixtures of the library tier (``srh_fhir`` and its CLI): a ``responses`` mock for played servers and a
client of each real FHIR server in turn (HAPI and Helios)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import responses

from srh_fhir.client import FHIRClient


@pytest.fixture
def mocked() -> Iterator[responses.RequestsMock]:
    """Servers played with ``responses``; requests nobody registered fail, unused registrations do not."""
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def fhir(any_fhir_base: str) -> Iterator[FHIRClient]:
    """A client of each FHIR server in turn (so the test runs twice, marked ``hapi`` and ``helios``)."""
    with FHIRClient(any_fhir_base) as client:
        yield client
