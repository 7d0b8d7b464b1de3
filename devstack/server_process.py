"""What every FHIR server of the dev stack shares (``ServerProcess``): start a process in a session of its own on a
free port, wait until it answers ``GET /metadata``, record its start-up time and peak memory, stop it and its children.

``devstack.hapi_server.HapiServer`` and ``devstack.helios_server.HeliosServer`` are its two servers.
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import requests

from devstack.processes import stop_session

ROOT = Path(__file__).resolve().parents[1]
BUILD_DIR = ROOT / "build"


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


class ServerProcess:
    """One server process in the background; a context manager yielding its base URL. Subclasses implement
    ``start`` with ``_launch`` and ``_ready``, and name themselves in ``name``."""

    name = "server"

    def __init__(self, port: int | None, log_file: Path) -> None:
        self.port = port or free_port()
        self.log_file = log_file
        self.base_url = ""
        self.startup_seconds = 0.0
        self.peak_rss_mb = 0.0
        self._process: subprocess.Popen[bytes] | None = None
        self._started = 0.0

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def start(self) -> str:
        raise NotImplementedError

    def stop(self, grace: float = 30.0) -> None:
        """SIGTERM to the server and its children, SIGKILL after ``grace`` seconds; records its peak memory."""
        process, self._process = self._process, None
        if process is None:
            return
        self.peak_rss_mb = max(self.peak_rss_mb, peak_rss_mb(process.pid))
        stop_session(process, grace=grace)

    def stats(self) -> dict[str, Any]:
        return {"startup_seconds": round(self.startup_seconds, 1), "peak_rss_mb": round(self.peak_rss_mb)}

    def summary(self) -> str:
        """The line for the test run's terminal summary."""
        return (
            f"{self.name}: ready in {self.startup_seconds:.1f} s, peak RSS {self.peak_rss_mb:.0f} MB "
            f"(log: {self.log_file.relative_to(ROOT) if self.log_file.is_relative_to(ROOT) else self.log_file})"
        )

    def _launch(self, command: Sequence[str], env: Mapping[str, str], cwd: Path | None = None) -> None:
        """Starts ``command`` with its output appended to the log, in a session of its own so ``stop`` ends it and
        anything it started, and nothing else."""
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self._started = time.monotonic()
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                list(command), stdout=log, stderr=subprocess.STDOUT, env=dict(env), cwd=cwd, start_new_session=True
            )

    def _ready(self, base_url: str, timeout: float) -> str:
        """Waits for ``/metadata`` at ``base_url`` while the process lives; records the start-up time."""
        deadline = time.monotonic() + timeout
        while True:
            self._check_alive()
            try:
                wait_for_metadata(base_url, timeout=min(2.0, max(deadline - time.monotonic(), 0.1)))
                break
            except ServerFailed:
                if time.monotonic() >= deadline:
                    raise ServerFailed(
                        f"the {self.name} was not ready within {timeout:.0f} s:\n{self.log_tail()}"
                    ) from None
        self.base_url = base_url
        self.startup_seconds = time.monotonic() - self._started
        return base_url

    def _check_alive(self) -> None:
        if self._process is not None and self._process.poll() is not None:
            raise ServerFailed(f"the {self.name} exited with {self._process.returncode}:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        return file_tail(self.log_file, lines)


def file_tail(path: Path, lines: int = 30) -> str:
    """The last ``lines`` lines of a log ("" when there is none yet)."""
    if not path.is_file():
        return ""
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident set size (VmHWM), in MB (the servers exec their program, so the pid is its)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else 0.0
