"""What the browser tests share: the stack of servers (HAPI, the sandbox EHR, the app) and helpers to drive it.

The sandbox runs on ``localhost`` and the app on ``127.0.0.1``: two different sites, so the app lives in a
cross-site iframe exactly as in an EHR. Playwright drives ``/usr/bin/chromium`` (no browser download).
"""

from __future__ import annotations

import copy
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Flask
from joserfc.jwk import ECKey, RSAKey
from playwright.sync_api import Frame, FrameLocator, Locator, Page
from servers import AppSlot, ServedApp, TokenLog, free_port
from synthetic_clients import example_client, put_transaction

from devstack.sandbox_ehr import create_sandbox
from devstack.sandbox_ehr.runtime import EXTENSION_KEY, Sandbox
from devstack.sandbox_ehr.seed import seed
from smart_app import create_app
from smart_app.config import AppSettings, SigningKey, load_signing_key
from srh_fhir.client import FHIRClient

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
INGRID = "ingrid-de-vries"
MOHAMED = "mohamed-el-amrani"
LOTTE = "practitioner-lotte-hendriks"
SANDBOX_SECRET = "browser-test-secret-0123456789"
CLIENT_IDS = {
    "public": "srh-public",
    "confidential-symmetric": "srh-confidential",
    "confidential-asymmetric": "srh-asymmetric",
}
TIMEOUT_MS = 30_000


@dataclass
class Stack:
    fhir_base: str  # the FHIR server behind the sandbox (HAPI, or Helios for ``helios_stack``)
    sandbox_url: str  # http://localhost:<port>
    app_url: str  # http://127.0.0.1:<port>
    token_log: TokenLog
    slot: AppSlot
    sandbox_app: Flask
    sessions_root: Path  # the app instances' session folders go below it

    @property
    def iss(self) -> str:
        return f"{self.sandbox_url}/fhir"

    @property
    def sandbox(self) -> Sandbox:
        sandbox: Sandbox = self.sandbox_app.extensions[EXTENSION_KEY]
        return sandbox


@contextmanager
def running_stack(fhir_base: str, sessions_root: Path) -> Iterator[Stack]:
    """The sandbox EHR in front of ``fhir_base`` (seeded with the example clients) and a slot for the app, served
    on free ports until the block ends."""
    seed(fhir_base)
    sandbox_port, app_port = free_port(), free_port()
    sandbox_url, app_url = f"http://localhost:{sandbox_port}", f"http://127.0.0.1:{app_port}"
    sandbox_app = create_sandbox(
        {"FHIR_UPSTREAM": fhir_base, "PUBLIC_BASE": sandbox_url, "APP_BASE": app_url, "CLIENT_SECRET": SANDBOX_SECRET}
    )
    token_log = TokenLog(sandbox_app)
    slot = AppSlot()
    with ServedApp(token_log, "localhost", sandbox_port), ServedApp(slot, "127.0.0.1", app_port):
        yield Stack(fhir_base, sandbox_url, app_url, token_log, slot, sandbox_app, sessions_root)


def app_settings(stack: Stack, client_type: str = "public", **changes: Any) -> AppSettings:
    values: dict[str, Any] = {
        "secret_key": "browser-tests-secret-key-0123456789abcdef",
        "client_id": CLIENT_IDS[client_type],
        "client_type": client_type,
        "allowed_issuers": (stack.iss,),
        "session_dir": tempfile.mkdtemp(dir=stack.sessions_root),
        "http_timeout": 30.0,
    }
    if client_type == "confidential-symmetric":
        values["client_secret"] = SANDBOX_SECRET
    if client_type == "confidential-asymmetric":
        values["signing_keys"] = signing_keys()
    values.update(changes)
    return AppSettings(**values)


def signing_keys() -> tuple[SigningKey, ...]:
    rsa = load_signing_key(RSAKey.generate_key(2048).as_pem(private=True).decode())
    ec = load_signing_key(ECKey.generate_key("P-384").as_dict(private=True))
    return (rsa, ec)


def start_app(stack: Stack, client_type: str = "public", **changes: Any) -> Flask:
    """A new app instance with these settings, served at the app's address from now on."""
    app = create_app({"SRH_SETTINGS": app_settings(stack, client_type, **changes)})
    stack.slot.current = app
    stack.token_log.rewrite = None
    return app


# -- helpers for the tests ---------------------------------------------------------------------------------------


def open_ehr(page: Page, stack: Stack, **choices: str) -> None:
    """The sandbox's EHR page with the app in its iframe (``choices``: the launcher's form fields)."""
    values = {"practitioner": LOTTE, "client_id": "srh-public", **choices}
    page.goto(f"{stack.sandbox_url}/launch?{urlencode(values)}")


def app_frame(page: Page) -> FrameLocator:
    return page.frame_locator("iframe[name=app]")


def frame_of(page: Page) -> Frame:
    frame = page.frame(name="app")
    assert frame is not None, "the EHR page has no app iframe"
    return frame


def go(page: Page, path: str) -> FrameLocator:
    """Open a workspace page of the current launch in the app's iframe (``""``: the overview it landed on)."""
    frame = frame_of(page)
    base = frame.url.split("/l/", 1)[0]
    key = frame.url.split("/l/", 1)[1].split("/", 1)[0]
    frame.goto(f"{base}/l/{key}/{path}")
    return app_frame(page)


def member_names(frame: FrameLocator) -> Locator:
    """The names in the network page's table of current members."""
    return frame.locator("table.members-table tbody th a")


def allow(page: Page, patient: str | None = None) -> None:
    """Log in and allow access at the sandbox's authorization page inside the iframe."""
    frame = app_frame(page)
    if patient is not None:
        frame.locator("select#patient").select_option(patient)
    frame.get_by_role("button", name="Allow").click()


def launch(page: Page, stack: Stack, patient: str = INGRID, **choices: str) -> FrameLocator:
    """A full EHR launch; the app frame once the app answered (workspace or problem page).

    The sandbox asks the user to log in and allow access only when it has to (standalone launch); an EHR launch
    goes straight back to the app.
    """
    open_ehr(page, stack, patient=patient, **choices)
    return app_answer(page)


def app_answer(page: Page) -> FrameLocator:
    """Wait until the app (not the authorization server) shows a page in the iframe; click Allow if asked."""
    frame = app_frame(page)
    frame.locator(".app-header, button[value=allow]").first.wait_for()
    if frame.locator(".app-header").count() == 0:
        frame.locator("button[value=allow]").click()
        frame.locator(".app-header").wait_for()
    return frame


def big_ingrid(stack: Stack, extra: int = 22) -> tuple[str, str]:
    """A copy of Ingrid under fresh ids with ``extra`` more network members (none with consent; with her seven, one
    of whom has ended, a network of 29 by default); her id and the ids' suffix."""
    suffix = uuid.uuid4().hex[:8]
    resources = example_client(suffix)
    patient = f"ingrid-de-vries-{suffix}"
    template: dict[str, Any] = next(r for r in resources if r["id"] == f"ingrid-church-els-{suffix}")
    for number in range(extra):
        member = copy.deepcopy(template)
        member["id"] = f"{patient}-extra{number}"
        member["name"] = [{"given": ["Buur"], "family": f"Nummer {number + 1}"}]
        resources.append(member)
    with FHIRClient(stack.fhir_base) as fhir:
        fhir.transaction(put_transaction(resources))
    return patient, suffix


def fresh_client(stack: Stack) -> str:
    """A copy of the example client Ingrid with her network under fresh ids (tests that write use their own)."""
    suffix = uuid.uuid4().hex[:8]
    with FHIRClient(stack.fhir_base) as fhir:
        fhir.transaction(put_transaction(example_client(suffix)))
    return f"ingrid-de-vries-{suffix}"
