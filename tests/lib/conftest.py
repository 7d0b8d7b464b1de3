"""Fixtures of the library tier (``srh_fhir`` and its CLI): a ``responses`` mock for played servers and a
client of the real HAPI server."""

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
def fhir(fhir_base: str) -> Iterator[FHIRClient]:
    """A client of the HAPI FHIR server (so the test is marked ``hapi``)."""
    with FHIRClient(fhir_base) as client:
        yield client
