"""Runs the HAPI FHIR JPA server of ``devstack/hapi/server`` in the background (``HapiServer``).

``HapiServer`` builds the server when a source changed, starts it on a free port with our profile package installed
(write validation on unless asked otherwise), waits until it is ready and stops it and its children. The server's
output goes to ``build/hapi-server-<port>.log``. The fixture ``fhir_base``, ``make demo`` and ``make bench`` use it.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from pathlib import Path

from devstack.server_process import (
    BUILD_DIR,
    ROOT,
    ServerFailed,
    ServerProcess,
    free_port,
    wait_for_metadata,
)

__all__ = ["BUILD_DIR", "PACKAGE_TGZ", "ROOT", "HapiServer", "ServerFailed", "free_port", "wait_for_metadata"]

SERVER_DIR = ROOT / "devstack" / "hapi" / "server"
PACKAGE_TGZ = BUILD_DIR / "srh.fhir.r4.tgz"
READY_LINE = re.compile(r"FHIR server ready at (\S+)")
BUILD_TIMEOUT = 1800.0  # the first Maven build downloads about 300 MB
START_TIMEOUT = 300.0
STOP_TIMEOUT = 30.0
STOP_TIMEOUT_STARTING = 2.0


class HapiServer(ServerProcess):
    """Builds (when needed) and runs devstack/hapi/server in the background; a context manager yielding the base URL."""

    name = "HAPI FHIR server"

    def __init__(
        self,
        port: int | None = None,
        log_file: Path | None = None,
        validate_writes: bool = True,
        db_url: str = "",
        environment: dict[str, str] | None = None,
    ) -> None:
        port = port or free_port()
        # One log per port: several test runs in one work tree must not write into each other's log.
        super().__init__(port, log_file or BUILD_DIR / f"hapi-server-{port}.log")
        self.validate_writes = validate_writes
        # In memory unless told otherwise; a file database (jdbc:h2:file:...) keeps the data over a restart.
        self.db_url = db_url or f"jdbc:h2:mem:srhfhir{port};DB_CLOSE_DELAY=-1"
        self.environment = environment or {}  # more settings of the server (Spring Boot reads SPRING_* variables)

    def build(self) -> None:
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        with self.log_file.open("wb") as log:
            result = subprocess.run(
                [str(SERVER_DIR / "build.sh")], stdout=log, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT, check=False
            )
        if result.returncode != 0:
            raise ServerFailed(f"building the HAPI server failed; see {self.log_file}:\n{self.log_tail()}")

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
        self._launch([str(SERVER_DIR / "run.sh")], env)
        try:
            base_url = self._wait_for_ready_line(self._started + START_TIMEOUT)
            return self._ready(base_url, timeout=60)
        except BaseException:
            self.stop()
            raise

    def stop(self, grace: float | None = None) -> None:
        # A JVM still starting Spring honours SIGTERM only once its start-up is over (30 s and more), and holds nothing
        # worth a clean shutdown yet: it gets a short grace.
        super().stop(grace if grace is not None else STOP_TIMEOUT if self.base_url else STOP_TIMEOUT_STARTING)

    def _wait_for_ready_line(self, deadline: float) -> str:
        while time.monotonic() < deadline:
            match = READY_LINE.search(self.log_file.read_text(encoding="utf-8", errors="replace"))
            if match:
                return match.group(1)
            self._check_alive()
            time.sleep(0.25)
        raise ServerFailed(f"the HAPI server was not ready within {START_TIMEOUT:.0f} s:\n{self.log_tail()}")
