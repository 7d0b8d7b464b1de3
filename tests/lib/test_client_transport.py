"""Retries and timeouts over a real socket: a tiny local HTTP server plays scripted answers.

``responses`` bypasses urllib3's sleeping between retries, so Retry-After and read timeouts need a real connection.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import urllib3.util.retry

from srh_fhir.client import FHIRClient
from srh_fhir.errors import FHIRConnectionError, ServerError
from srh_fhir.http import retry_policy


@dataclass
class Answer:
    status: int
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


class ScriptedServer:
    """Answers requests in order from a script; records each request's method and path."""

    def __init__(self) -> None:
        self.script: list[Answer] = []
        self.requests: list[tuple[str, str]] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                scripted.requests.append((self.command, self.path))
                answer = scripted.script.pop(0) if scripted.script else Answer(500)
                if answer.delay:
                    threading.Event().wait(answer.delay)  # not time.sleep: the tests record that
                payload = json.dumps(answer.body).encode() if answer.body is not None else b""
                self.send_response(answer.status)
                for name, value in {"Content-Type": "application/fhir+json", **answer.headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = _answer

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that gave up (a timeout test) leaves a broken pipe behind; that is expected

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/fhir"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    yield scripted
    scripted.close()


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The pauses urllib3 takes between retries, recorded instead of slept."""
    recorded: list[float] = []
    monkeypatch.setattr(urllib3.util.retry.time, "sleep", recorded.append)
    return recorded


PATIENT = {"resourceType": "Patient", "id": "p1"}


def test_retry_after_is_honoured_on_503_for_reads(server: ScriptedServer, sleeps: list[float]) -> None:
    server.script = [Answer(503, headers={"Retry-After": "7"}), Answer(200, PATIENT)]
    with FHIRClient(server.base_url) as client:
        assert client.read("Patient", "p1") == PATIENT
    assert sleeps == [7.0]
    assert len(server.requests) == 2


def test_429_is_retried_with_back_off(server: ScriptedServer, sleeps: list[float]) -> None:
    server.script = [Answer(429), Answer(429), Answer(429), Answer(200, PATIENT)]
    with FHIRClient(server.base_url, retries=retry_policy(total=3, backoff_factor=0.5)) as client:
        assert client.read("Patient", "p1") == PATIENT
    assert sleeps == [1.0, 2.0]  # urllib3 does not wait before the first retry, then doubles
    assert len(server.requests) == 4


def test_a_transaction_is_sent_once_even_on_503(server: ScriptedServer, sleeps: list[float]) -> None:
    server.script = [Answer(503, headers={"Retry-After": "1"}), Answer(200, {"resourceType": "Bundle"})]
    with FHIRClient(server.base_url) as client, pytest.raises(ServerError, match=r"HTTP 503: .*\(POST /fhir\)"):
        client.transaction([])
    assert server.requests == [("POST", "/fhir")]
    assert sleeps == []


def test_a_server_that_does_not_answer_in_time_is_a_connection_error(server: ScriptedServer) -> None:
    server.script = [Answer(200, PATIENT, delay=1.0), Answer(200, PATIENT, delay=1.0)]
    client = FHIRClient(server.base_url, timeout=(2.0, 0.2), retries=retry_policy(total=1, backoff_factor=0))
    with client, pytest.raises(FHIRConnectionError, match="did not answer GET /fhir/Patient/p1"):
        client.read("Patient", "p1")
    assert len(server.requests) == 2  # a GET is retried once after the read timeout
