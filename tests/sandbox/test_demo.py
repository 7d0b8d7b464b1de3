"""`python -m devstack.demo` on the test's FHIR server: the sandbox and the app share a secret made for the run, and
Ctrl-C stops the demo and everything it started, without a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from paths import ROOT

from devstack.hapi_server import free_port

READY = "Ctrl-C stops everything."


@dataclass
class Demo:
    process: subprocess.Popen[bytes]
    output: Path
    sandbox_base: str

    def text(self) -> str:
        return self.output.read_text(encoding="utf-8", errors="replace")

    def children(self) -> dict[str, int]:
        """The demo's child processes by what they run: ``sandbox`` and ``app``."""
        found = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except (OSError, IndexError, ValueError):
                continue  # ended while we looked
            if parent == self.process.pid:
                found["sandbox" if "devstack.sandbox_ehr" in command else "app"] = int(stat.parent.name)
        return found


def start_demo(fhir_base: str, folder: Path) -> Demo:
    sandbox_port, app_port = free_port(), free_port()
    env = {**os.environ, "DEMO_FHIR_BASE": fhir_base, "DEMO_SANDBOX_PORT": str(sandbox_port),
           "DEMO_APP_PORT": str(app_port), "DEMO_CLIENT_TYPE": "confidential-symmetric"}
    output = folder / "demo.out"
    with output.open("wb") as sink:
        # A process group of its own, as a terminal's foreground job, so the test can send it Ctrl-C.
        process = subprocess.Popen([sys.executable, "-m", "devstack.demo"], cwd=ROOT, env=env, stdout=sink,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    return Demo(process, output, f"http://localhost:{sandbox_port}")


@pytest.fixture
def demo(fhir_base: str, tmp_path: Path) -> Iterator[Demo]:
    """The demo, ready."""
    demo = start_demo(fhir_base, tmp_path)
    try:
        deadline = time.monotonic() + 120
        while READY not in demo.text():
            assert demo.process.poll() is None, f"the demo ended before it was ready:\n{demo.text()}"
            assert time.monotonic() < deadline, f"the demo was not ready within 120 s:\n{demo.text()}"
            time.sleep(0.2)
        yield demo
    finally:
        _stop(demo)


def _stop(demo: Demo) -> None:
    """Ctrl-C, and SIGKILL for the demo and its servers if that did not end them (as after a failed assertion)."""
    children = demo.children()
    if demo.process.poll() is None:
        os.killpg(demo.process.pid, signal.SIGINT)
        try:
            demo.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(demo.process.pid, signal.SIGKILL)
            demo.process.wait()
    for pid in children.values():
        if _alive(pid):
            os.killpg(pid, signal.SIGKILL)  # each server leads a session of its own


def _demo_catches_signals(pid: int) -> bool:
    """The demo has installed its own handlers and goes on to import its modules: it catches SIGTERM as well as SIGINT
    (Python catches SIGINT from the start, before ``main`` runs: a Ctrl-C then is the interpreter's, not the demo's,
    and a loaded machine made the test flaky by sending it there)."""
    status = Path(f"/proc/{pid}/status").read_text()
    caught = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), 16)
    return all(caught & (1 << (number - 1)) for number in (signal.SIGINT, signal.SIGTERM))


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _environment(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().decode().split("\0")
    return dict(pair.split("=", 1) for pair in pairs if "=" in pair)


def test_the_sandbox_and_the_app_share_a_secret_made_for_the_run(demo: Demo) -> None:
    children = demo.children()
    secret = _environment(children["sandbox"])["SRH_SANDBOX_CLIENT_SECRET"]
    assert _environment(children["app"])["SRH_APP_CLIENT_SECRET"] == secret
    assert secret != "sandbox-secret" and len(secret) >= 32
    assert secret not in demo.text()
    form = {"grant_type": "authorization_code", "code": "no-such-code", "redirect_uri": "x", "code_verifier": "x"}
    answers = {guess: requests.post(f"{demo.sandbox_base}/auth/token", data=form, timeout=10,
                                    auth=("srh-confidential", guess)).json()["error"]
               for guess in ("sandbox-secret", secret)}
    assert answers == {"sandbox-secret": "invalid_client", secret: "invalid_grant"}  # the secret passes, the code not


def test_ctrl_c_stops_the_demo_and_every_process_it_started(demo: Demo) -> None:
    children = demo.children()
    assert set(children) == {"sandbox", "app"}
    started = time.monotonic()
    os.killpg(demo.process.pid, signal.SIGINT)  # what a terminal's Ctrl-C does to its foreground job
    assert demo.process.wait(timeout=30) == 0
    assert time.monotonic() - started < 15
    assert "Stopping..." in demo.text() and "Traceback" not in demo.text()
    assert not [name for name, pid in children.items() if _alive(pid)]


def test_ctrl_c_pressed_again_and_again_changes_nothing(demo: Demo) -> None:
    children = demo.children()
    deadline = time.monotonic() + 30
    while demo.process.poll() is None and time.monotonic() < deadline:  # also while the demo stops its servers
        os.killpg(demo.process.pid, signal.SIGINT)
        time.sleep(0.002)
    assert demo.process.wait(timeout=1) == 0
    assert "Traceback" not in demo.text()
    assert not [name for name, pid in children.items() if _alive(pid)]


def test_ctrl_c_while_the_demo_loads_its_modules(fhir_base: str, tmp_path: Path) -> None:
    demo = start_demo(fhir_base, tmp_path)
    try:
        deadline = time.monotonic() + 10
        while not _demo_catches_signals(demo.process.pid):
            assert time.monotonic() < deadline, "the demo did not start"
            time.sleep(0.005)
        time.sleep(0.05)  # into loading the sandbox, Flask, requests and srh_fhir, which takes most of a second
        os.killpg(demo.process.pid, signal.SIGINT)
        assert demo.process.wait(timeout=30) == 0
        assert "Traceback" not in demo.text() and READY not in demo.text()
        assert not demo.children()
    finally:
        _stop(demo)
