"""The HAPI FHIR JPA server for the test session, as a pytest plugin.

The ``fhir_base`` fixture starts ``devstack.hapi_server.HapiServer`` once on a free port with our profile package
installed and write validation on, and stops it at the end of the session. ``FHIR_BASE=http://host:port/fhir``
points the tests at a server that is already running. Its start-up time and peak memory go to
``build/hapi-server.json`` and the terminal summary.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest

from devstack.hapi_server import BUILD_DIR, ROOT, HapiServer, wait_for_metadata

STATS_FILE = BUILD_DIR / "hapi-server.json"
_session_server: HapiServer | None = None


@pytest.fixture(scope="session")
def fhir_base() -> Iterator[str]:
    """The base URL of a running HAPI FHIR server with our profiles installed (FHIR_BASE, or one started here)."""
    global _session_server
    given = os.environ.get("FHIR_BASE")
    if given:
        wait_for_metadata(given.rstrip("/"), timeout=120)
        yield given.rstrip("/")
        return
    server = HapiServer()
    _session_server = server
    try:
        yield server.start()
    finally:
        server.stop()
        if server.startup_seconds:
            STATS_FILE.write_text(json.dumps(server.stats(), indent=2) + "\n")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    server = _session_server
    if server is not None and server.startup_seconds:
        terminalreporter.write_line(
            f"HAPI FHIR server: ready in {server.startup_seconds:.1f} s, peak RSS {server.peak_rss_mb:.0f} MB "
            f"(log: {server.log_file.relative_to(ROOT)})"
        )
