"""HTTP goes through sessions from ``srh_fhir.http.build_session``: a timeout on every request, and no module-level
``requests.get``/``post``/... anywhere in the library or the app."""

from __future__ import annotations

import ast
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import responses
from paths import ROOT
from silent_server import silent_server
from urllib3.util.retry import Retry

from srh_fhir.http import build_session

VERBS = frozenset({"get", "options", "head", "post", "put", "patch", "delete", "request"})
SESSION_FACTORY = Path("srh_fhir/http.py")  # the one place a bare requests.Session is made


def test_a_request_without_a_timeout_gets_the_sessions() -> None:
    with silent_server() as (base, connections):
        session = build_session(Retry(0), timeout=0.2)
        started = time.monotonic()
        with pytest.raises(requests.ConnectionError, match=r"Read timed out\. \(read timeout=0\.2\)"):
            session.get(f"{base}/metadata")
        assert 0.2 <= time.monotonic() - started < 2.0
        assert len(connections) == 1


def test_a_callers_timeout_wins_over_the_sessions() -> None:
    with responses.RequestsMock() as mock:
        mock.add(responses.GET, "https://fhir.example/metadata", json={})
        session = build_session(timeout=9.0)
        session.get("https://fhir.example/metadata")
        session.get("https://fhir.example/metadata", timeout=1.5)
        assert [call.request.req_kwargs["timeout"] for call in mock.calls] == [9.0, 1.5]


def python_files() -> Iterator[Path]:
    for package in ("srh_fhir", "smart_app"):
        yield from sorted((ROOT / package).rglob("*.py"))


def requests_without_session(source: str, may_make_sessions: bool = False) -> list[str]:
    """``line: call`` for each call of requests' module-level functions (``requests.get``, ``from requests import
    post``, ``requests.api.request``, ...), and of ``requests.Session()`` unless ``may_make_sessions``."""
    tree = ast.parse(source)
    modules: set[str] = set()  # names bound to requests or requests.api
    functions: dict[str, str] = {}  # local name -> the requests function it is
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            named = [alias for alias in node.names if alias.name in ("requests", "requests.api")]
            modules |= {alias.asname or alias.name for alias in named}
        elif isinstance(node, ast.ImportFrom) and node.module in ("requests", "requests.api"):
            for alias in node.names:
                if alias.name == "api":
                    modules.add(alias.asname or alias.name)
                elif alias.name in VERBS or alias.name == "Session":
                    functions[alias.asname or alias.name] = alias.name
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        called = ast.unparse(node.func)
        owner, _, name = called.rpartition(".")
        if owner in modules | {f"{m}.api" for m in modules}:
            function = name
        elif not owner and called in functions:
            function = functions[called]
        else:
            continue
        if function in VERBS or (function == "Session" and not may_make_sessions):
            found.append(f"{node.lineno}: {called}()")
    return found


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("import requests\nrequests.get(url, timeout=5)", ["2: requests.get()"]),
        ("import requests as r\nr.request('GET', url)", ["2: r.request()"]),
        ("from requests import post as send\nsend(url)", ["2: send()"]),
        ("import requests.api\nrequests.api.put(url)", ["2: requests.api.put()"]),
        ("from requests import Session\nSession().get(url)", ["2: Session()"]),
        ("import requests\nhttp = build_session()\nhttp.get(url)\nrequests.RequestException", []),
    ],
)
def test_the_scan_finds_module_level_requests_in_every_spelling(source: str, found: list[str]) -> None:
    assert requests_without_session(source) == found


def test_the_library_and_the_app_send_requests_only_through_sessions() -> None:
    found = []
    for path in python_files():
        name = path.relative_to(ROOT)
        calls = requests_without_session(path.read_text(encoding="utf-8"), may_make_sessions=name == SESSION_FACTORY)
        found += [f"{name}:{call}" for call in calls]
    assert found == []
