"""The servers of the SMART demo (``python -m devstack.demo``): a FHIR server seeded with the example clients (HAPI,
started here, or one given by DEMO_FHIR_BASE), the sandbox EHR in front of it and the SRH app, each with its log
under build/demo/. ``run`` starts them, waits until one stops and then stops every one it started.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import requests
from joserfc.jwk import ECKey, RSAKey

from devstack.hapi_server import HapiServer, ServerFailed, wait_for_metadata
from devstack.interrupts import Interrupts
from devstack.processes import stop_session
from devstack.sandbox_ehr.seed import seed
from srh_fhir.errors import SrhFhirError

ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "build" / "demo"
CLIENT_IDS = {"public": "srh-public", "confidential-symmetric": "srh-confidential",
              "confidential-asymmetric": "srh-asymmetric"}
DEMO_CLIENT = "ingrid-de-vries"  # the example client the portal launch signs in as
STOP_GRACE = 10.0  # seconds the sandbox and the app get to end after SIGTERM


@dataclass(frozen=True)
class DemoSettings:
    """What the environment chooses (see devstack/demo.py)."""

    client_type: str = "public"
    fhir_base: str = ""  # a running FHIR server to use instead of starting HAPI
    fhir_port: int = 8080
    sandbox_port: int = 8081
    app_port: int = 5000

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> DemoSettings:
        client_type = environ.get("DEMO_CLIENT_TYPE", "public")
        if client_type not in CLIENT_IDS:
            raise SystemExit(f"DEMO_CLIENT_TYPE must be one of {', '.join(CLIENT_IDS)}")
        ports = {}
        for name, default in (("DEMO_FHIR_PORT", 8080), ("DEMO_SANDBOX_PORT", 8081), ("DEMO_APP_PORT", 5000)):
            value = environ.get(name, str(default))
            if not value.isdigit():
                raise SystemExit(f"{name} must be a port number, not {value!r}")
            ports[name] = int(value)
        return cls(client_type, environ.get("DEMO_FHIR_BASE", "").rstrip("/"), ports["DEMO_FHIR_PORT"],
                   ports["DEMO_SANDBOX_PORT"], ports["DEMO_APP_PORT"])

    @property
    def sandbox_base(self) -> str:
        return f"http://localhost:{self.sandbox_port}"  # another site than the app's, as an EHR is

    @property
    def app_base(self) -> str:
        return f"http://127.0.0.1:{self.app_port}"

    @property
    def issuer(self) -> str:
        return f"{self.sandbox_base}/fhir"


def app_environment(settings: DemoSettings, client_secret: str) -> dict[str, str]:
    """The SRH app's settings for the demo: registered with the sandbox as ``settings.client_type``."""
    env = {
        "SRH_APP_SECRET_KEY": secrets.token_urlsafe(48),
        "SRH_APP_CLIENT_ID": CLIENT_IDS[settings.client_type],
        "SRH_APP_CLIENT_TYPE": settings.client_type,
        "SRH_APP_ALLOWED_ISSUERS": settings.issuer,
        "SRH_APP_DEFAULT_ISSUER": settings.issuer,
        "SRH_APP_PUBLIC_URL": settings.app_base,
        "SRH_APP_ACCESS": "offline",
        "SRH_APP_SESSION_DIR": str(DEMO_DIR / "sessions"),
    }
    if settings.client_type == "confidential-symmetric":
        env["SRH_APP_CLIENT_SECRET"] = client_secret
    if settings.client_type == "confidential-asymmetric":
        env["SRH_APP_PRIVATE_KEYS"] = ",".join(str(p) for p in demo_keys())
    return env


def demo_keys() -> list[Path]:
    """An RSA (RS384) and an EC P-384 (ES384) private key for the asymmetric client, made once under build/demo."""
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    paths = [DEMO_DIR / "app-rsa.pem", DEMO_DIR / "app-ec.pem"]
    if not all(p.exists() for p in paths):
        paths[0].write_bytes(RSAKey.generate_key(2048, private=True).as_pem(private=True))
        paths[1].write_bytes(ECKey.generate_key("P-384", private=True).as_pem(private=True))
        for path in paths:
            path.chmod(0o600)
    return paths


class DemoStack:
    """The servers started so far; ``stop`` ends every one of them."""

    def __init__(self, settings: DemoSettings, interrupts: Interrupts) -> None:
        self.settings = settings
        self.interrupts = interrupts
        self.hapi: HapiServer | None = None
        self.processes: list[subprocess.Popen[bytes]] = []

    def start_fhir_server(self) -> str:
        """The FHIR base: DEMO_FHIR_BASE once it answers, or HAPI started on DEMO_FHIR_PORT."""
        if self.settings.fhir_base:
            wait_for_metadata(self.settings.fhir_base, timeout=120)
            return self.settings.fhir_base
        print(f"Starting HAPI FHIR on port {self.settings.fhir_port} (about a minute)...", flush=True)
        self.hapi = HapiServer(port=self.settings.fhir_port)
        return self.hapi.start()

    def start(self, name: str, command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        """Runs ``command`` in a session of its own (Ctrl-C reaches only this command), logging to build/demo/."""
        with self.interrupts.held(), self.log(name).open("ab") as output:
            process = subprocess.Popen(command, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT,
                                       cwd=ROOT, start_new_session=True)
            self.processes.append(process)
        return process

    def wait_until_up(self, name: str, url: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
        log = self.log(name).relative_to(ROOT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise SystemExit(f"{url} did not start; see {log}:\n{self.log(name).read_text()[-2000:]}")
            try:
                requests.get(url, timeout=2)
                return
            except requests.RequestException:
                time.sleep(0.3)
        raise SystemExit(f"{url} did not answer within {timeout:.0f} s; see {log}")

    def wait_while_all_run(self) -> None:
        while all(p.poll() is None for p in self.processes):
            time.sleep(0.5)

    def stop(self) -> None:
        for process in self.processes:
            stop_session(process, STOP_GRACE)
        if self.hapi is not None:
            self.hapi.stop()

    @staticmethod
    def log(name: str) -> Path:
        return DEMO_DIR / f"{name}.log"


def run(settings: DemoSettings, interrupts: Interrupts) -> int:
    """Starts the demo and keeps it up until a server stops (exit code 1); Ctrl-C raises KeyboardInterrupt."""
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    client_secret = secrets.token_urlsafe(32)  # srh-confidential's, new at every run, never shown
    stack = DemoStack(settings, interrupts)
    try:
        fhir_base = stack.start_fhir_server()
        print(f"Seeded {seed(fhir_base)} example resources into {fhir_base}", flush=True)
        sandbox = stack.start(
            "sandbox",
            [sys.executable, "-m", "devstack.sandbox_ehr", "run", "--upstream", fhir_base,
             "--public-base", settings.sandbox_base, "--app-base", settings.app_base],
            {"SRH_SANDBOX_CLIENT_SECRET": client_secret},
        )
        app = stack.start(
            "app",
            [sys.executable, "-m", "flask", "--app", "smart_app", "run", "--host", "127.0.0.1",
             "--port", str(settings.app_port)],
            app_environment(settings, client_secret),
        )
        stack.wait_until_up("sandbox", f"{settings.issuer}/.well-known/smart-configuration", sandbox)
        stack.wait_until_up("app", f"{settings.app_base}/", app)
        print(ready_text(settings, fhir_base, stack.hapi), flush=True)
        stack.wait_while_all_run()
        print("A demo process stopped; see build/demo/*.log", file=sys.stderr)
        return 1
    except (ServerFailed, SrhFhirError) as error:
        raise SystemExit(f"The demo could not start: {error}") from None
    finally:
        interrupts.stopping()
        stack.stop()


def ready_text(settings: DemoSettings, fhir_base: str, hapi: HapiServer | None) -> str:
    logs = "build/demo/*.log" + (f", {hapi.log_file.relative_to(ROOT)}" if hapi else "")
    client = f"{CLIENT_IDS[settings.client_type]} ({settings.client_type}; DEMO_CLIENT_TYPE changes it)"
    return (
        f"\nReady.\n"
        f"  Open the sandbox EHR:  {settings.sandbox_base}/   (pick a client and a practitioner, then Launch)\n"
        f"  Standalone launch:     {settings.app_base}/launch?iss={settings.issuer}\n"
        f"  Client portal launch:  {settings.sandbox_base}/launch?launch_type=portal&patient={DEMO_CLIENT}"
        f"&client_id={CLIENT_IDS[settings.client_type]}   (the client's own view, as Ingrid)\n"
        f"  FHIR base (proxy):     {settings.issuer}   upstream: {fhir_base}\n"
        f"  App registration:      {client}\n"
        f"  Logs:                  {logs}\n"
        f"Ctrl-C stops everything."
    )
