"""`make soak` (``python -m devstack.soak --clinicians 20 --seconds 300``): a bounded load test on loopback.

It starts its own HAPI FHIR (a file database under build/soak/, so the data outlives a restart), seeds the example
clients and one synthetic client per simulated clinician, starts the sandbox EHR and the app as ``make demo`` does,
and lets each clinician (``devstack.soak_clinician``) launch the app from the sandbox and work on their client. Half
way HAPI is stopped and started again. At the end every save the app confirmed is looked up on HAPI.

Every save is confirmed (and found on HAPI), reported (the app showed why nothing was saved, the input kept) or
lost. The figures (requests, error rate, p50/p95/max latency per kind of request, the saves) go to build/soak.json
and the screen; the exit status is 1 when a save was lost.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from devstack.demo_stack import DemoSettings, app_environment
from devstack.hapi_server import HapiServer, free_port
from devstack.processes import stop_session
from devstack.sandbox_ehr.seed import seed
from devstack.soak_clinician import CONFIRMED, LOST, REPORTED, Clinician, Launch, Record, Save
from devstack.soak_gate import Gate
from srh_fhir.client import FHIRClient
from srh_fhir.errors import SrhFhirError
from tests.synthetic_clients import put_transaction, synthetic_client

ROOT = Path(__file__).resolve().parents[1]
SOAK_DIR = ROOT / "build" / "soak"
PRACTITIONER = "practitioner-lotte-hendriks"
CLIENT_ID = "srh-public"
HAPI_HEAP = "3g"  # a server for 20 clinicians at once: more than the tests' 1 GB
HAPI_DB_CONNECTIONS = 50
# Where a clinician's markers can be: the members, the tie assessments, the goals and the plan's activities.
MARKED = (("RelatedPerson", "patient"), ("Observation", "subject"), ("Goal", "subject"), ("CarePlan", "subject"))


@dataclass(frozen=True)
class SoakSettings:
    clinicians: int = 20
    seconds: float = 300.0
    members: int = 25  # network members of each synthetic client
    think: float = 1.0  # seconds a clinician pauses between steps (0.5 to 1.5 times this)
    restart: bool = True  # stop HAPI half way and start it again
    fhir_port: int = 0  # 0: a free port
    sandbox_port: int = 0
    app_port: int = 0
    out: Path = ROOT / "build" / "soak.json"


class Servers:
    """HAPI (file database), the sandbox and the app, with their logs under build/soak/."""

    def __init__(self, settings: SoakSettings) -> None:
        ports = [port or free_port() for port in (settings.fhir_port, settings.sandbox_port, settings.app_port)]
        self.demo = DemoSettings("public", "", *ports)
        self.hapi = HapiServer(
            log_file=SOAK_DIR / "hapi.log",
            db_url=f"jdbc:h2:file:{SOAK_DIR / 'hapi-db'}",
            # With HAPI's default pool of 10 database connections, the requests of 20 clinicians took them all; with
            # the tests' heap of 1 GB, the restarted HAPI ran out of memory under them (OutOfMemoryError).
            environment={
                "SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE": str(HAPI_DB_CONNECTIONS),
                "JAVA_OPTS": f"-Xmx{HAPI_HEAP}",
            },
        )
        self.gate = Gate(self.demo.fhir_port, self.hapi.port)  # the sandbox reaches HAPI through the gate
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self) -> str:
        """Starts everything; returns HAPI's own base URL."""
        base = self.hapi.start()
        self.gate.open.set()
        upstream = f"http://127.0.0.1:{self.demo.fhir_port}/fhir"
        sandbox = self._start("sandbox", [sys.executable, "-m", "devstack.sandbox_ehr", "run", "--upstream", upstream,
                                "--public-base", self.demo.sandbox_base, "--app-base", self.demo.app_base], {})
        app_env = {**app_environment(self.demo, ""), "SRH_APP_SESSION_DIR": str(SOAK_DIR / "sessions"),
                   "SRH_APP_SECURE_COOKIES": "0"}  # the driver is no browser: it keeps cookies as sent over http
        app = self._start("app", [sys.executable, "-m", "flask", "--app", "smart_app", "run", "--host", "127.0.0.1",
                            "--port", str(self.demo.app_port)], app_env)
        _wait_until_up(f"{self.demo.issuer}/.well-known/smart-configuration", sandbox)
        _wait_until_up(f"{self.demo.app_base}/", app)
        return base

    def _start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        with (SOAK_DIR / f"{name}.log").open("ab") as log:
            process = subprocess.Popen(command, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT,
                                       cwd=ROOT, start_new_session=True)
        self.processes.append(process)
        return process

    def restart_hapi(self) -> None:
        """HAPI stopped and started again; no request reaches it until it is ready."""
        self.gate.open.clear()
        self.hapi.stop()
        self.hapi.start()
        self.gate.open.set()

    def stop(self) -> None:
        for process in self.processes:
            stop_session(process, 10.0)
        self.hapi.stop()
        self.gate.close()


def _wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url} did not start; see build/soak/*.log")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s; see build/soak/*.log")


def seed_clients(base: str, clinicians: int, members: int) -> list[str]:
    """The example clients (and their practitioners) and one synthetic client per clinician."""
    seed(base)
    patients = [f"soak-client-{n:02d}" for n in range(clinicians)]
    with FHIRClient(base, timeout=(5.0, 120.0)) as client:
        for patient in patients:
            client.transaction(put_transaction(synthetic_client(patient, members)))
    return patients


def markers_on_server(base: str, patients: list[str]) -> str:
    """Everything the server holds now where a clinician's marker can be, as one text."""
    texts = []
    with FHIRClient(base, timeout=(5.0, 120.0)) as client:
        for patient in patients:
            for kind, parameter in MARKED:
                texts += _searched(client, kind, {parameter: f"Patient/{patient}"})
    return "\n".join(texts)


def _searched(client: FHIRClient, kind: str, params: dict[str, str], attempts: int = 5) -> list[str]:
    """The search's resources as JSON; tried again when HAPI, just restarted and busy, cuts an answer short."""
    for attempt in range(attempts):
        try:
            return [json.dumps(r) for r in client.search(kind, params)]
        except SrhFhirError:
            if attempt == attempts - 1:
                raise
            time.sleep(5)
    return []


def run(settings: SoakSettings) -> dict[str, Any]:
    shutil.rmtree(SOAK_DIR, ignore_errors=True)
    SOAK_DIR.mkdir(parents=True)
    servers = Servers(settings)
    try:
        print(f"Starting HAPI FHIR (file database), the sandbox and the app under {SOAK_DIR.relative_to(ROOT)}/ ...",
              flush=True)
        base = servers.start()
        patients = seed_clients(base, settings.clinicians, settings.members)
        launch = Launch(servers.demo.sandbox_base, PRACTITIONER, CLIENT_ID)
        record = Record()
        deadline = record.started + settings.seconds
        clinicians = [Clinician(n, p, launch, record, settings.think, seed=n) for n, p in enumerate(patients)]
        threads = [threading.Thread(target=c.run, args=(deadline,), daemon=True) for c in clinicians]
        print(f"{settings.clinicians} clinicians at work for {settings.seconds:.0f} s ...", flush=True)
        for thread in threads:
            thread.start()
        restart = restart_halfway(servers, record.started, settings) if settings.restart else {}
        for thread in threads:
            thread.join()
        saves = checked_saves(record.saves, markers_on_server(base, patients))
        return summary(settings, record, saves, restart)
    finally:
        servers.stop()


def restart_halfway(servers: Servers, started: float, settings: SoakSettings) -> dict[str, float]:
    time.sleep(max(0.0, started + settings.seconds / 2 - time.monotonic()))
    stopped = time.monotonic() - started
    print(f"  {stopped:.0f} s: stopping HAPI ...", flush=True)
    servers.restart_hapi()
    up = time.monotonic() - started
    print(f"  {up:.0f} s: HAPI is up again", flush=True)
    return {"stopped_at": round(stopped, 1), "up_again_at": round(up, 1), "down_seconds": round(up - stopped, 1)}


def checked_saves(saves: list[Save], on_server: str) -> list[Save]:
    """The saves with each confirmed one looked up on the server: confirmed but not there is lost."""
    return [
        Save(s.kind, s.marker, LOST, s.status, s.at) if s.outcome == CONFIRMED and s.marker not in on_server else s
        for s in saves
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def latency(seconds: list[float], errors: int) -> dict[str, Any]:
    return {
        "requests": len(seconds),
        "errors": errors,
        "p50_ms": round(percentile(seconds, 0.50) * 1000),
        "p95_ms": round(percentile(seconds, 0.95) * 1000),
        "max_ms": round(max(seconds, default=0.0) * 1000),
    }


def summary(
    settings: SoakSettings, record: Record, saves: list[Save], restart: dict[str, float]
) -> dict[str, Any]:
    kinds = sorted({r.kind for r in record.requests})
    failed = [r for r in record.requests if r.status == 0 or r.status >= 400]
    # While HAPI is up: sent before it was stopped, or after it answered again.
    up = [r for r in record.requests if not restart or not restart["stopped_at"] <= r.at < restart["up_again_at"]]
    counts = {o: sum(1 for s in saves if s.outcome == o) for o in (CONFIRMED, REPORTED, LOST)}
    return {
        "clinicians": settings.clinicians,
        "seconds": settings.seconds,
        "members_per_client": settings.members,
        "hapi_restart": restart,
        "requests": len(record.requests),
        "errors": len(failed),
        "error_rate": round(len(failed) / max(1, len(record.requests)), 4),
        "error_rate_while_hapi_up": round(sum(1 for r in up if r.status == 0 or r.status >= 400) / max(1, len(up)), 4),
        "latency": {
            "all": latency([r.seconds for r in record.requests], len(failed)),
            **{
                kind: latency([r.seconds for r in record.requests if r.kind == kind],
                              sum(1 for r in failed if r.kind == kind))
                for kind in kinds
            },
        },
        "saves": {
            **counts,
            "by_kind": {
                kind: {o: sum(1 for s in saves if s.kind == kind and s.outcome == o) for o in counts}
                for kind in sorted({s.kind for s in saves})
            },
        },
        "lost": [vars(s) for s in saves if s.outcome == LOST],
    }


def printed(report: dict[str, Any]) -> str:
    restart = report["hapi_restart"]
    lines = [
        f"Soak: {report['clinicians']} clinicians, {report['seconds']:.0f} s"
        + (f", HAPI down from {restart['stopped_at']:.0f} s to {restart['up_again_at']:.0f} s" if restart else ""),
        f"Requests {report['requests']}, errors {report['errors']} (error rate {report['error_rate']:.2%}; while HAPI "
        f"was up {report['error_rate_while_hapi_up']:.2%})",
        f"{'request':32} {'count':>6} {'errors':>6} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7}",
    ]
    for kind, figures in report["latency"].items():
        lines.append(f"{kind:32} {figures['requests']:6} {figures['errors']:6} {figures['p50_ms']:7} "
                     f"{figures['p95_ms']:7} {figures['max_ms']:7}")
    saves = report["saves"]
    lines.append(f"Saves: {saves[CONFIRMED]} confirmed (found on HAPI), {saves[REPORTED]} reported with the input "
                 f"kept, {saves[LOST]} lost")
    lines += [f"  LOST: {s['kind']} {s['marker']} (HTTP {s['status']}, at {s['at']} s)" for s in report["lost"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack.soak", description=__doc__.split("\n\n")[0])
    defaults = SoakSettings()
    parser.add_argument("--clinicians", type=int, default=defaults.clinicians)
    parser.add_argument("--seconds", type=float, default=defaults.seconds)
    parser.add_argument("--members", type=int, default=defaults.members)
    parser.add_argument("--think", type=float, default=defaults.think)
    parser.add_argument("--no-restart", dest="restart", action="store_false")
    parser.add_argument("--fhir-port", type=int, default=defaults.fhir_port)
    parser.add_argument("--sandbox-port", type=int, default=defaults.sandbox_port)
    parser.add_argument("--app-port", type=int, default=defaults.app_port)
    parser.add_argument("--out", type=Path, default=defaults.out)
    settings = SoakSettings(**vars(parser.parse_args(argv)))
    report = run(settings)
    settings.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(printed(report))
    return 1 if report["saves"][LOST] else 0


if __name__ == "__main__":
    sys.exit(main())
