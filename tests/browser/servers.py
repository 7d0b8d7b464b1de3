"""Real HTTP servers for the browser tests: the sandbox EHR and the app (swappable per test).

Each server is a threaded Werkzeug server on a free port, in this process, so a test can look at the sandbox's
token endpoint (``TokenLog``) and swap the app's configuration (``AppSlot``) while the browser only sees HTTP.
"""

from __future__ import annotations

import base64
import io
import json
import socket
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import requests
from werkzeug.serving import BaseWSGIServer, make_server

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServedApp:
    """A WSGI app served on ``host:port`` by a threaded Werkzeug server in a background thread."""

    def __init__(self, app: WSGIApp, host: str, port: int) -> None:
        self.server: BaseWSGIServer = make_server(host, port, app, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> ServedApp:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


class AppSlot:
    """The app's address serves whichever app instance (or load balancer of instances) a test puts in."""

    def __init__(self) -> None:
        self.current: WSGIApp | None = None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        assert self.current is not None, "no app instance in the slot"
        return self.current(environ, start_response)


@dataclass
class TokenLog:
    """Wraps the sandbox: records each token request's grant type and every token it issued; may rewrite answers."""

    app: WSGIApp
    grants: list[str] = field(default_factory=list)
    assertion_algorithms: list[str] = field(default_factory=list)  # of private_key_jwt client assertions
    issued: list[str] = field(default_factory=list)
    rewrite: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refreshes(self) -> int:
        with self._lock:
            return self.grants.count("refresh_token")

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") != "/auth/token" or environ.get("REQUEST_METHOD") != "POST":
            return self.app(environ, start_response)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        environ["wsgi.input"] = io.BytesIO(body)
        form = parse_qs(body.decode())
        grant = form.get("grant_type", [""])[0]
        if "client_assertion" in form:
            header = form["client_assertion"][0].split(".")[0]
            self.assertion_algorithms.append(json.loads(base64.urlsafe_b64decode(header + "==="))["alg"])
        captured: dict[str, Any] = {}

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            captured.update(status=status, headers=headers)
            return lambda _: None

        answer = b"".join(self.app(environ, capture))
        if captured["status"].startswith("200"):
            token = json.loads(answer)
            if self.rewrite is not None:
                token = self.rewrite(token)
                answer = json.dumps(token).encode()
            with self._lock:
                self.issued += [str(token[k]) for k in ("access_token", "refresh_token", "id_token") if token.get(k)]
        with self._lock:
            self.grants.append(grant)
        headers = [(k, v) for k, v in captured["headers"] if k.lower() != "content-length"]
        start_response(captured["status"], [*headers, ("Content-Length", str(len(answer)))])
        return [answer]


class HitCounter:
    """A server that only counts requests: stands for a FHIR server the app must never contact."""

    def __init__(self) -> None:
        self.hits = 0

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        self.hits += 1
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"no"]


class HttpBalancer:
    """A load balancer over HTTP: each request goes to the next backend (app processes), answers passed back as is."""

    HOP_BY_HOP = ("connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding")

    def __init__(self, backends: list[str]) -> None:
        self.backends = backends
        self.served: list[int] = []
        self._lock = threading.Lock()
        self._http = requests.Session()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        with self._lock:
            index = len(self.served) % len(self.backends)
            self.served.append(index)
        query = environ.get("QUERY_STRING")
        url = self.backends[index] + environ.get("PATH_INFO", "/") + (f"?{query}" if query else "")
        headers = {k[5:].replace("_", "-"): v for k, v in environ.items() if k.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["CONTENT-TYPE"] = environ["CONTENT_TYPE"]
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        answer = self._http.request(
            environ["REQUEST_METHOD"], url, headers=headers, data=body, allow_redirects=False, timeout=120
        )
        passed = [(k, v) for k, v in answer.raw.headers.items() if k.lower() not in self.HOP_BY_HOP]
        start_response(f"{answer.status_code} {answer.reason}", [*passed, ("Content-Length", str(len(answer.content)))])
        return [answer.content]
