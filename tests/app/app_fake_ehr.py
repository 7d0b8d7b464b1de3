"""A SMART authorization server faked with ``responses``, for unit tests of the app's launch logic.

It plays the EHR side at the HTTP level: discovery, the token endpoint (checking PKCE and client authentication
like a real server would) and the JWKS of its id_token key. ``authorize(url)`` stands in for the user at the
authorization server: it reads the app's authorize URL and returns the callback query an EHR would send.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import responses
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

from smart_app.records import Launch, ServerEndpoints
from smart_app.sessions import Store, fingerprint, new_id

ISSUER = "https://ehr.example.org/fhir"
AUTHORIZE = "https://ehr.example.org/auth/authorize"
TOKEN = "https://ehr.example.org/auth/token"
JWKS = "https://ehr.example.org/auth/jwks.json"
CLIENT_ID = "srh-test"
CLIENT_SECRET = "test-secret-that-is-long-enough"

FULL_SCOPE = (
    "launch openid fhirUser online_access patient/Patient.rs patient/RelatedPerson.cruds patient/Observation.crus "
    "patient/CarePlan.crus patient/Goal.crus patient/CareTeam.crus patient/Consent.crus patient/Appointment.crus "
    "patient/Encounter.crus patient/Provenance.crs "
    "user/Practitioner.rs user/PractitionerRole.rs user/Organization.rs"
)


def smart_configuration(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "issuer": ISSUER,
        "authorization_endpoint": AUTHORIZE,
        "token_endpoint": TOKEN,
        "jwks_uri": JWKS,
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS384", "ES384"],
        "scopes_supported": ["openid", "fhirUser", "launch", "launch/patient", "online_access", "offline_access"],
        "capabilities": [
            "launch-ehr",
            "launch-standalone",
            "client-public",
            "client-confidential-symmetric",
            "client-confidential-asymmetric",
            "sso-openid-connect",
            "context-ehr-patient",
            "context-standalone-patient",
            "permission-v2",
            "permission-v1",
            "permission-online",
            "permission-patient",
        ],
    }
    document.update(changes)
    return {k: v for k, v in document.items() if v is not None}


@dataclass
class FakeEhr:
    """The EHR's authorization server; ``token_requests`` holds every form the app posted to the token endpoint."""

    mock: responses.RequestsMock
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "ehr-key-1"}))
    configuration: dict[str, Any] = field(default_factory=smart_configuration)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    issued_codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    extra_token_fields: dict[str, Any] = field(default_factory=dict)
    id_token_claims: dict[str, Any] = field(default_factory=dict)
    granted_scope: str = FULL_SCOPE
    expires_in: int = 3600
    check_client: Callable[[Any], str | None] | None = None  # returns an OAuth error code to refuse the client
    refuse_refresh: bool = False
    refresh_count: int = 0

    def install(self) -> FakeEhr:
        self.mock.add(responses.GET, f"{ISSUER}/.well-known/smart-configuration", json=self.configuration)
        self.mock.add_callback(responses.GET, JWKS, callback=self._jwks)
        self.mock.add_callback(responses.POST, TOKEN, callback=self._token)
        return self

    def _jwks(self, request: Any) -> tuple[int, dict[str, str], str]:
        key_set = KeySet([self.key])
        return 200, {"Content-Type": "application/json"}, json.dumps(key_set.as_dict(private=False))

    def authorize(self, authorize_url: str, patient: str = "ingrid-de-vries") -> dict[str, str]:
        """The callback parameters after the user approved: a code bound to the PKCE challenge."""
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        code = f"code-{len(self.issued_codes) + 1}"
        self.issued_codes[code] = {**query, "patient": patient}
        return {"code": code, "state": query["state"]}

    def id_token(self, **claims: Any) -> str:
        now = int(time.time())
        payload = {
            "iss": ISSUER,
            "sub": "lotte",
            "aud": CLIENT_ID,
            "exp": now + 300,
            "iat": now,
            "fhirUser": "Practitioner/practitioner-lotte-hendriks",
            "name": "Lotte Hendriks",
            **self.id_token_claims,
            **claims,
        }
        return jwt.encode({"alg": "RS256", "kid": self.key.kid}, payload, self.key)

    def _token(self, request: Any) -> tuple[int, dict[str, str], str]:
        body = request.body if isinstance(request.body, str) else request.body.decode()
        form = {k: v[0] for k, v in parse_qs(body).items()}
        self.token_requests.append({"form": form, "headers": dict(request.headers)})
        if self.check_client is not None:
            refused = self.check_client(request)
            if refused:
                return _error(401, refused)
        if form.get("grant_type") == "refresh_token":
            self.refresh_count += 1
            if self.refuse_refresh or not form.get("refresh_token", "").startswith("refresh-"):
                return _error(400, "invalid_grant")
            return self._answer({"refresh_token": f"refresh-{self.refresh_count + 1}"})
        grant = self.issued_codes.pop(form.get("code", ""), None)
        if grant is None:
            return _error(400, "invalid_grant")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(form["code_verifier"].encode()).digest()).rstrip(b"=")
        if challenge.decode() != grant["code_challenge"] or form.get("redirect_uri") != grant["redirect_uri"]:
            return _error(400, "invalid_grant")
        body: dict[str, Any] = {
            "refresh_token": "refresh-1",
            "patient": grant["patient"],
            "need_patient_banner": True,
            "id_token": self.id_token(),
        }
        return self._answer(body)

    def _answer(self, body: dict[str, Any]) -> tuple[int, dict[str, str], str]:
        answer = {
            "access_token": f"access-{len(self.token_requests)}",
            "token_type": "Bearer",
            "expires_in": self.expires_in,
            "scope": self.granted_scope,
            **body,
            **self.extra_token_fields,
        }
        answer = {k: v for k, v in answer.items() if v is not None}
        return 200, {"Content-Type": "application/json", "Cache-Control": "no-store"}, json.dumps(answer)


def stored_launch(store: Store, issuer: str = ISSUER, patient: str = "ingrid-de-vries", **changes: Any) -> Launch:
    """A launch as the callback leaves it, put straight into ``store`` (its session_hash matches no browser)."""
    endpoints = ServerEndpoints(
        issuer=issuer, authorization_endpoint=AUTHORIZE, token_endpoint=TOKEN, oidc_issuer=ISSUER, jwks_uri=JWKS
    )
    values: dict[str, Any] = {
        "key": new_id(16),
        "session_hash": fingerprint("no-browser"),
        "endpoints": endpoints.to_dict(),
        "access_token": "access-0",
        "expires_at": time.time() + 3600,
        "scope": FULL_SCOPE,
        "patient": patient,
        "refresh_token": "refresh-1",
    }
    values.update(changes)
    launch = Launch(**values)
    store.put("launch", launch.key, launch.to_dict())
    return launch


def _error(status: int, error: str) -> tuple[int, dict[str, str], str]:
    return status, {"Content-Type": "application/json"}, json.dumps({"error": error})
