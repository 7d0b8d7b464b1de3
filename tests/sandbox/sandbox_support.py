"""Helpers for the sandbox EHR tests: an app per test, PKCE pairs, launches and tokens."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from flask import Flask
from flask.testing import FlaskClient

from devstack.sandbox_ehr import create_sandbox
from devstack.sandbox_ehr.runtime import EXTENSION_KEY, Sandbox
from devstack.sandbox_ehr.state import Grant, LaunchContext, SandboxState

PUBLIC_BASE = "http://localhost:8081"
FHIR_BASE = f"{PUBLIC_BASE}/fhir"
APP_BASE = "http://127.0.0.1:5000"
REDIRECT_URI = f"{APP_BASE}/callback"
CLIENT_SECRET = "sandbox-test-secret-0123456789"  # of srh-confidential (the sandbox has no default secret)
JWKS_URL = f"{APP_BASE}/.well-known/jwks.json"
TOKEN_URL = f"{PUBLIC_BASE}/auth/token"
INGRID = "ingrid-de-vries"
MOHAMED = "mohamed-el-amrani"
LOTTE = "practitioner-lotte-hendriks"
APP_SCOPES = (
    "launch openid fhirUser offline_access patient/RelatedPerson.cruds patient/Observation.cruds patient/CarePlan.rs"
)


@dataclass
class Clock:
    """A clock the tests move forward instead of waiting."""

    now: float = field(default_factory=time.time)

    def __call__(self) -> float:
        return self.now


@dataclass
class SandboxHarness:
    app: Flask
    client: FlaskClient
    clock: Clock

    @property
    def sandbox(self) -> Sandbox:
        sandbox: Sandbox = self.app.extensions[EXTENSION_KEY]
        return sandbox

    def token_for(self, scopes: str, patient: str | None = INGRID, practitioner: str = LOTTE) -> str:
        """An access token issued straight from the store (the authorization flow has its own tests)."""
        context = LaunchContext(practitioner=practitioner, patient=patient, need_patient_banner=False)
        grant = Grant("srh-public", tuple(scopes.split()), context)
        return self.sandbox.state.issue_access(grant, 3600).value


def make_harness(upstream: str) -> SandboxHarness:
    clock = Clock()
    app = create_sandbox(
        {"FHIR_UPSTREAM": upstream, "PUBLIC_BASE": PUBLIC_BASE, "APP_BASE": APP_BASE, "CLIENT_SECRET": CLIENT_SECRET},
        state=SandboxState(clock),
    )
    app.config["TESTING"] = True
    return SandboxHarness(app, app.test_client(), clock)


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def query_of(location: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def authorize_params(launch: str | None, challenge: str, **overrides: str) -> dict[str, str]:
    params = {
        "response_type": "code",
        "client_id": "srh-public",
        "redirect_uri": REDIRECT_URI,
        "scope": APP_SCOPES,
        "state": secrets.token_urlsafe(24),
        "aud": FHIR_BASE,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "nonce": "n-123",
    }
    if launch:
        params["launch"] = launch
    params.update(overrides)
    return params


def add_launch(harness: SandboxHarness, **context: Any) -> str:
    values: dict[str, Any] = {"practitioner": LOTTE, "patient": INGRID, "need_patient_banner": False, **context}
    return harness.sandbox.state.add_launch(LaunchContext(**values))


def authorize(harness: SandboxHarness, params: dict[str, str]) -> dict[str, str]:
    """GET the authorization endpoint; the query of the redirect it answers with."""
    response = harness.client.get("/auth/authorize", query_string=params)
    assert response.status_code == 302, response.get_data(as_text=True)
    location = response.headers["Location"]
    assert location.startswith(REDIRECT_URI + "?")
    return query_of(location)
