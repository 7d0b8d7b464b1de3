"""The FHIR servers of the test session, as a pytest plugin: HAPI and Helios.

``fhir_base`` starts ``devstack.hapi_server.HapiServer`` once on a free port with our profile package installed and
write validation on; ``helios_base`` starts ``devstack.helios_server.HeliosServer`` (the Helios FHIR Server, in
memory, no profiles). ``any_fhir_base`` is either, so a test written against it runs on both servers
(ids ``hapi`` and ``helios``). ``FHIR_BASE`` / ``HELIOS_BASE`` point the tests at servers already running.

Tests are marked by the server they need (``hapi``, ``helios``), and the Helios tests run last: on a new machine
``make test`` builds Helios in the background meanwhile, and its fixture waits for the binary. Each server's
start-up time and peak memory go to ``build/<server>-server.json`` and the terminal summary.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest

from devstack.hapi_server import HapiServer
from devstack.helios_server import HeliosServer
from devstack.server_process import BUILD_DIR, ServerProcess, wait_for_metadata

SERVERS = {"hapi": HapiServer, "helios": HeliosServer}
BASE_VARIABLES = {"hapi": "FHIR_BASE", "helios": "HELIOS_BASE"}
# Fixtures that need the named server.
SERVER_FIXTURES = {"fhir_base": "hapi", "helios_base": "helios"}
_started: dict[str, ServerProcess] = {}


def _session_server(name: str) -> Iterator[str]:
    """The base URL of server ``name``: the one its variable gives, or one started here for the session."""
    given = os.environ.get(BASE_VARIABLES[name])
    if given:
        wait_for_metadata(given.rstrip("/"), timeout=120)
        yield given.rstrip("/")
        return
    server = SERVERS[name]()
    _started[name] = server
    try:
        yield server.start()
    finally:
        server.stop()
        if server.startup_seconds:
            (BUILD_DIR / f"{name}-server.json").write_text(json.dumps(server.stats(), indent=2) + "\n")


@pytest.fixture(scope="session")
def fhir_base() -> Iterator[str]:
    """The base URL of a running HAPI FHIR server with our profiles installed (FHIR_BASE, or one started here)."""
    yield from _session_server("hapi")


@pytest.fixture(scope="session")
def helios_base() -> Iterator[str]:
    """The base URL of a running Helios FHIR Server (HELIOS_BASE, or one started here)."""
    yield from _session_server("helios")


@pytest.fixture(params=["hapi", "helios"])
def any_fhir_base(request: pytest.FixtureRequest) -> str:
    """The base URL of each server in turn: a test using it runs once on HAPI and once on Helios."""
    fixture = next(f for f, server in SERVER_FIXTURES.items() if server == request.param)
    return str(request.getfixturevalue(fixture))


def server_of(item: pytest.Item) -> str | None:
    """The server a collected test needs: by the fixture it uses, or by its ``any_fhir_base`` parameter."""
    callspec = getattr(item, "callspec", None)
    if callspec is not None and "any_fhir_base" in callspec.params:
        return str(callspec.params["any_fhir_base"])
    names = getattr(item, "fixturenames", ())
    return next((server for fixture, server in SERVER_FIXTURES.items() if fixture in names), None)


def pytest_itemcollected(item: pytest.Item) -> None:
    """Marks each test by its server as it is collected, before ``-m`` selects."""
    server = server_of(item)
    if server is not None:
        item.add_marker(server)


@pytest.hookimpl(trylast=True)  # after pytest's own reordering by fixture, which would undo ours
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: server_of(item) == "helios")  # stable: the Helios tests last, in their order


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for server in _started.values():
        if server.startup_seconds:
            terminalreporter.write_line(server.summary())
