"""The app as a separate process (``flask --app smart_app run``), configured only by ``SRH_APP_*`` variables."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import requests
from servers import free_port

START_TIMEOUT = 60.0


class AppProcess:
    """One app instance in its own process; ``url`` is where it listens."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.environment = environment
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> AppProcess:
        command = [sys.executable, "-m", "flask", "--app", "smart_app", "run", "--host", "127.0.0.1"]
        self.process = subprocess.Popen(
            [*command, "--port", str(self.port)],
            env={**os.environ, **self.environment},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app process stopped at start-up (exit {self.process.returncode})")
            try:
                if requests.get(f"{self.url}/", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("the app process did not answer in time")

    def __exit__(self, *exc: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
