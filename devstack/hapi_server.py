"""Runs the HAPI FHIR JPA server of ``devstack/hapi/server`` in the background (``HapiServer``).

``HapiServer`` builds the server when a source changed, starts it on a free port with our profile package installed
(write validation on unless asked otherwise), waits until it is ready and stops it and its children. The server's
output goes to ``build/hapi-server-<port>.log``. The fixture ``fhir_base``, ``make demo`` and ``make bench`` use it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import requests

from devstack.processes import stop_session

ROOT = Path(__file__).resolve().parents[1]
SERVER_DIR = ROOT / "devstack" / "hapi" / "server"
PACKAGE_TGZ = ROOT / "build" / "srh.fhir.r4.tgz"
BUILD_DIR = ROOT / "build"
READY_LINE = re.compile(r"FHIR server ready at (\S+)")
BUILD_TIMEOUT = 1800.0  # the first Maven build downloads about 300 MB
START_TIMEOUT = 300.0
STOP_TIMEOUT = 30.0
STOP_TIMEOUT_STARTING = 2.0


class ServerFailed(RuntimeError):
    """The server could not be built or did not become ready."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_metadata(base_url: str, timeout: float) -> None:
    """Poll ``GET /metadata`` until it answers 200 (a server given by FHIR_BASE may still be starting)."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            response = requests.get(f"{base_url}/metadata", headers={"Accept": "application/fhir+json"}, timeout=10)
            if response.status_code == 200:
                return
            last = f"HTTP {response.status_code}"
        except requests.RequestException as error:
            last = type(error).__name__
        time.sleep(0.5)
    raise ServerFailed(f"{base_url}/metadata did not answer 200 within {timeout:.0f} s ({last})")


class HapiServer:
    """Builds (when needed) and runs devstack/hapi/server in the background; a context manager yielding the base URL."""

    def __init__(
        self,
        port: int | None = None,
        log_file: Path | None = None,
        validate_writes: bool = True,
        db_url: str = "",
        environment: dict[str, str] | None = None,
    ) -> None:
        self.port = port or free_port()
        # In memory unless told otherwise; a file database (jdbc:h2:file:...) keeps the data over a restart.
        self.db_url = db_url or f"jdbc:h2:mem:srhfhir{self.port};DB_CLOSE_DELAY=-1"
        # One log per port: several test runs in one work tree must not write into each other's log.
        self.log_file = log_file or BUILD_DIR / f"hapi-server-{self.port}.log"
        self.validate_writes = validate_writes
        self.environment = environment or {}  # more settings of the server (Spring Boot reads SPRING_* variables)
        self.base_url = ""
        self.startup_seconds = 0.0
        self.peak_rss_mb = 0.0
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def build(self) -> None:
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("wb") as log:
            result = subprocess.run(
                [str(SERVER_DIR / "build.sh")], stdout=log, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT, check=False
            )
        if result.returncode != 0:
            raise ServerFailed(f"building the HAPI server failed; see {self.log_file}:\n{self._log_tail()}")

    def start(self) -> str:
        if not PACKAGE_TGZ.is_file():
            raise ServerFailed(f"{PACKAGE_TGZ.relative_to(ROOT)} is missing: run `make profiles` first")
        self.build()
        env = {
            **os.environ,
            "FHIR_PORT": str(self.port),
            "FHIR_HOST": "127.0.0.1",
            "FHIR_DB_URL": self.db_url,
            "SRH_IG_PACKAGE": str(PACKAGE_TGZ),
            "SRH_VALIDATE_WRITES": "true" if self.validate_writes else "false",
            **self.environment,
        }
        started = time.monotonic()
        with self.log_file.open("ab") as log:
            # A session of its own, so stop() can end the server and anything it started, and nothing else.
            self._process = subprocess.Popen(
                [str(SERVER_DIR / "run.sh")], stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
            )
        try:
            self.base_url = self._wait_for_ready_line(started + START_TIMEOUT)
            wait_for_metadata(self.base_url, timeout=60)
        except BaseException:
            self.stop()
            raise
        self.startup_seconds = time.monotonic() - started
        return self.base_url

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        self.peak_rss_mb = max(self.peak_rss_mb, _peak_rss_mb(process.pid))
        # A JVM still starting Spring honours SIGTERM only once its start-up is over (30 s and more), and holds nothing
        # worth a clean shutdown yet: it gets a short grace.
        stop_session(process, grace=STOP_TIMEOUT if self.base_url else STOP_TIMEOUT_STARTING)

    def stats(self) -> dict[str, Any]:
        return {"startup_seconds": round(self.startup_seconds, 1), "peak_rss_mb": round(self.peak_rss_mb)}

    def _wait_for_ready_line(self, deadline: float) -> str:
        assert self._process is not None
        while time.monotonic() < deadline:
            match = READY_LINE.search(self.log_file.read_text(encoding="utf-8", errors="replace"))
            if match:
                return match.group(1)
            if self._process.poll() is not None:
                raise ServerFailed(f"the HAPI server exited with {self._process.returncode}:\n{self._log_tail()}")
            time.sleep(0.25)
        raise ServerFailed(f"the HAPI server was not ready within {START_TIMEOUT:.0f} s:\n{self._log_tail()}")

    def _log_tail(self, lines: int = 30) -> str:
        if not self.log_file.exists():
            return ""
        return "\n".join(self.log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (VmHWM), in MB; run.sh execs java, so the pid is the JVM's."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0
