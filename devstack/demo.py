"""`make demo`: HAPI FHIR seeded with the example clients, the sandbox EHR in front of it, and the SRH app.

    HAPI FHIR   http://127.0.0.1:<DEMO_FHIR_PORT, 8080>/fhir   (devstack/hapi_server.py)
    sandbox     http://localhost:8081                          (python -m devstack.sandbox_ehr)
    SRH app     http://127.0.0.1:5000                          (flask --app smart_app run)

The sandbox and the app are on different sites (localhost vs 127.0.0.1), as an EHR and an app are. DEMO_CLIENT_TYPE
(public | confidential-symmetric | confidential-asymmetric) chooses the app's registration. Ctrl-C stops everything.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import requests
from joserfc.jwk import ECKey, RSAKey

from devstack.hapi_server import HapiServer
from devstack.sandbox_ehr.seed import seed

ROOT = Path(__file__).resolve().parents[1]

SANDBOX_BASE = "http://localhost:8081"
APP_BASE = "http://127.0.0.1:5000"
ISSUER = f"{SANDBOX_BASE}/fhir"
CLIENT_IDS = {"public": "srh-public", "confidential-symmetric": "srh-confidential",
              "confidential-asymmetric": "srh-asymmetric"}
DEMO_DIR = ROOT / "build" / "demo"


def app_environment(client_type: str, client_secret: str) -> dict[str, str]:
    """The SRH app's settings for the demo: registered with the sandbox as ``client_type``."""
    env = {
        "SRH_APP_SECRET_KEY": secrets.token_urlsafe(48),
        "SRH_APP_CLIENT_ID": CLIENT_IDS[client_type],
        "SRH_APP_CLIENT_TYPE": client_type,
        "SRH_APP_ALLOWED_ISSUERS": ISSUER,
        "SRH_APP_DEFAULT_ISSUER": ISSUER,
        "SRH_APP_PUBLIC_URL": APP_BASE,
        "SRH_APP_ACCESS": "offline",
        "SRH_APP_SESSION_DIR": str(DEMO_DIR / "sessions"),
    }
    if client_type == "confidential-symmetric":
        env["SRH_APP_CLIENT_SECRET"] = client_secret
    if client_type == "confidential-asymmetric":
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


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as output:
        return subprocess.Popen(command, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT,
                                cwd=ROOT, start_new_session=True)


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url} did not start; see {log.relative_to(ROOT)}:\n{log.read_text()[-2000:]}")
        try:
            requests.get(url, timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {timeout:.0f} s; see {log.relative_to(ROOT)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    # Ctrl-C, and a plain `kill`, stop everything (a shell's background job would otherwise ignore SIGINT).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    client_type = os.environ.get("DEMO_CLIENT_TYPE", "public")
    if client_type not in CLIENT_IDS:
        raise SystemExit(f"DEMO_CLIENT_TYPE must be one of {', '.join(CLIENT_IDS)}")
    DEMO_DIR.mkdir(parents=True, exist_ok=True)
    port = int(os.environ.get("DEMO_FHIR_PORT", "8080"))
    print(f"Starting HAPI FHIR on port {port} (about a minute)...", flush=True)
    hapi = HapiServer(port=port)
    processes: list[subprocess.Popen[bytes]] = []
    client_secret = secrets.token_urlsafe(32)  # srh-confidential's, new at every run
    try:
        fhir_base = hapi.start()
        print(f"Seeded {seed(fhir_base)} example resources into {fhir_base}", flush=True)
        sandbox_log, app_log = DEMO_DIR / "sandbox.log", DEMO_DIR / "app.log"
        sandbox = start(
            [sys.executable, "-m", "devstack.sandbox_ehr", "run", "--upstream", fhir_base,
             "--public-base", SANDBOX_BASE, "--app-base", APP_BASE],
            {"SRH_SANDBOX_CLIENT_SECRET": client_secret}, sandbox_log,
        )
        processes.append(sandbox)
        app = start(
            [sys.executable, "-m", "flask", "--app", "smart_app", "run", "--host", "127.0.0.1", "--port", "5000"],
            app_environment(client_type, client_secret), app_log,
        )
        processes.append(app)
        wait_until_up(f"{SANDBOX_BASE}/fhir/.well-known/smart-configuration", sandbox, sandbox_log)
        wait_until_up(f"{APP_BASE}/", app, app_log)
        print(
            f"\nReady.\n"
            f"  Open the sandbox EHR:  {SANDBOX_BASE}/   (pick a client and a practitioner, then Launch)\n"
            f"  Standalone launch:     {APP_BASE}/launch?iss={ISSUER}\n"
            f"  FHIR base (proxy):     {ISSUER}   upstream HAPI: {fhir_base}\n"
            f"  App registration:      {CLIENT_IDS[client_type]} ({client_type}; DEMO_CLIENT_TYPE changes it)\n"
            f"  Logs:                  build/demo/*.log, {hapi.log_file.relative_to(ROOT)}\n"
            f"Ctrl-C stops everything.",
            flush=True,
        )
        while all(p.poll() is None for p in processes):
            time.sleep(1)
        print("A demo process stopped; see build/demo/*.log", file=sys.stderr)
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
    finally:
        for process in processes:
            stop(process)
        hapi.stop()


if __name__ == "__main__":
    main()
