"""Runs the Helios FHIR Server (crate ``helios-hfs``, R4 with SQLite) in the background (``HeliosServer``): the second,
independent FHIR server of the test matrix beside HAPI.

make installs the binary into a cache outside the clone keyed on its version (``devstack/helios/install.sh``; a cold
build takes 20-50 minutes, so ``make test`` starts it in the background first). ``HeliosServer`` waits for that
binary when a build is under way, then starts it on a free port in memory, with versioning (ETags, ``If-Match``) on,
in ``build/helios/`` whose ``data/`` holds the specification's SearchParameters and CompartmentDefinitions
(``devstack/helios_data.py``). Its output goes to ``build/helios-server-<port>.log``.
"""

from __future__ import annotations

import fcntl
import os
import re
import time
from pathlib import Path

from devstack.server_process import BUILD_DIR, ROOT, ServerFailed, ServerProcess, file_tail, free_port

WORK_DIR = BUILD_DIR / "helios"
DATA_FILES = ("search-parameters-r4.json", "compartment-definitions-r4.json")
BUILD_LOG = BUILD_DIR / "helios-build.log"
BUILD_WAIT = 70 * 60.0  # a cold build took up to 50 minutes beside other work on two cores
START_TIMEOUT = 120.0
STOP_TIMEOUT = 10.0


def helios_version() -> str:
    """The pinned version: HELIOS_VERSION in the environment (make passes it), else the Makefile's."""
    given = os.environ.get("HELIOS_VERSION")
    if given:
        return given
    match = re.search(r"^HELIOS_VERSION\s*:?=\s*(\S+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    if match is None:
        raise ServerFailed("the Makefile sets no HELIOS_VERSION")
    return match.group(1)


def install_root(version: str) -> Path:
    """Where devstack/helios/install.sh installs ``version``: outside the clone, so a new clone builds nothing."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "srh-fhir" / f"helios-hfs-{version}"


def build_under_way(root: Path) -> bool:
    """Whether an install.sh holds the build lock of ``root`` (it does while cargo runs)."""
    lock = root.with_name(root.name + ".lock")
    if not lock.exists():
        return False
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def wait_for_binary(root: Path, timeout: float = BUILD_WAIT, build_log: Path = BUILD_LOG, poll: float = 5.0) -> Path:
    """The ``hfs`` binary under ``root``; while a build is under way, waits up to ``timeout`` seconds for it. Fails at
    once, with the end of the build log, when there is no binary and no build."""
    binary = root / "bin" / "hfs"
    deadline = time.monotonic() + timeout
    while not binary.is_file():
        building = build_under_way(root)
        if not building or time.monotonic() >= deadline:
            why = f"still building after {timeout / 60:.0f} min" if building else "not built"
            raise ServerFailed(
                f"the Helios FHIR Server is {why}: {binary} is missing (`make helios` builds it; log: {build_log})"
                f"\n{file_tail(build_log)}"
            )
        time.sleep(poll)
    return binary


class HeliosServer(ServerProcess):
    """The Helios FHIR Server on a free port, in memory, with versioning; a context manager yielding the base URL."""

    name = "Helios FHIR server"

    def __init__(self, port: int | None = None, log_file: Path | None = None, work_dir: Path = WORK_DIR) -> None:
        port = port or free_port()
        super().__init__(port, log_file or BUILD_DIR / f"helios-server-{port}.log")
        self.work_dir = work_dir

    def start(self) -> str:
        missing = [name for name in DATA_FILES if not (self.work_dir / "data" / name).is_file()]
        if missing:
            raise ServerFailed(f"{', '.join(missing)} missing in {self.work_dir / 'data'}: run `make helios-data`")
        binary = wait_for_binary(install_root(helios_version()))
        base_url = f"http://127.0.0.1:{self.port}"
        command = [str(binary), "--host", "127.0.0.1", "--port", str(self.port), "--base-url", base_url]
        command += ["--database-url", ":memory:", "--enable-versioning", "--log-level", "warn"]
        self._launch(command, os.environ, cwd=self.work_dir)
        try:
            return self._ready(base_url, timeout=START_TIMEOUT)
        except BaseException:
            self.stop()
            raise

    def stop(self, grace: float = STOP_TIMEOUT) -> None:
        super().stop(grace)

