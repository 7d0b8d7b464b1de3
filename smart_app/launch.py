"""The SMART App Launch 2.2 flow: discovery, the authorize redirect, and the callback that exchanges the code.

``begin`` checks ``iss`` against the allow-list before any request leaves the app, reads the server's SMART
configuration, and builds the authorize URL with PKCE S256, a 256-bit single-use ``state`` bound to the browser
session, ``aud`` = ``iss`` and (EHR launch) the ``launch`` parameter. ``complete`` claims the ``state`` (a wrong,
missing or reused one ends the launch before any token request), exchanges the code, validates the id_token and
turns the token response into a ``Launch``. Failures raise ``LaunchError`` whose ``reason`` picks the page the
user sees.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Mapping
from typing import Any

import requests
from authlib.common.security import generate_token  # type: ignore[import-untyped]
from authlib.integrations.requests_client import OAuth2Session  # type: ignore[import-untyped]

from smart_app import ehr_http
from smart_app.audience import audience_of
from smart_app.client_auth import (
    check_token_response,
    request_token,
    token_client,
    token_lifetime,
)
from smart_app.config import AppSettings, normalise_issuer
from smart_app.errors import InvalidIdToken, LaunchError, TokenRequestRefused
from smart_app.id_token import JwksCache, fhir_user_reference, validate_id_token
from smart_app.records import Launch, PendingAuthorization, ServerEndpoints
from smart_app.scopes import Permissions, requested_scopes
from smart_app.sessions import Store, fingerprint, new_id
from srh_fhir.client import FHIRClient
from srh_fhir.client_repository import user_name as read_user_name
from srh_fhir.errors import AuthError, FHIRConnectionError, SrhFhirError
from srh_fhir.smart import SmartConfiguration, discover

log = logging.getLogger(__name__)
PENDING_SECONDS = 600  # an authorize round trip must finish within ten minutes
DISCOVERY_CACHE_SECONDS = 300
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


class Discovery:
    """SMART configurations per issuer, kept a few minutes (a launch needs it twice: authorize and token)."""

    def __init__(self, http: requests.Session) -> None:
        self.http = http
        self._known: dict[str, tuple[float, ServerEndpoints, tuple[str, ...]]] = {}
        self._lock = threading.Lock()

    def lookup(self, issuer: str) -> tuple[ServerEndpoints, tuple[str, ...]]:
        """The server's endpoints and its capabilities."""
        with self._lock:
            cached = self._known.get(issuer)
        if cached and time.monotonic() - cached[0] < DISCOVERY_CACHE_SECONDS:
            return cached[1], cached[2]
        try:
            configuration = discover(issuer, session=self.http)
        except (AuthError, FHIRConnectionError) as error:
            raise LaunchError("discovery_failed", 502, str(error)) from error
        endpoints = endpoints_from(issuer, configuration)
        with self._lock:
            self._known[issuer] = (time.monotonic(), endpoints, configuration.capabilities)
        return endpoints, configuration.capabilities


def endpoints_from(issuer: str, configuration: SmartConfiguration) -> ServerEndpoints:
    """What the launch needs from a SMART configuration; refuses servers without PKCE S256 or an authorize URL."""
    methods = configuration.raw.get("code_challenge_methods_supported")
    if not isinstance(methods, list) or "S256" not in methods:
        raise LaunchError("no_pkce", 502, "the server does not offer PKCE with S256")
    if not configuration.authorization_endpoint:
        raise LaunchError("discovery_failed", 502, "the server names no authorization_endpoint")
    return ServerEndpoints(
        issuer=issuer,
        authorization_endpoint=configuration.authorization_endpoint,
        token_endpoint=configuration.token_endpoint,
        oidc_issuer=configuration.issuer,
        jwks_uri=configuration.jwks_uri,
        signing_algorithms=configuration.token_endpoint_auth_signing_alg_values_supported,
    )


def begin(
    settings: AppSettings,
    store: Store,
    discovery: Discovery,
    session_id: str,
    *,
    iss: str | None,
    launch: str | None,
    redirect_uri: str,
    for_client: bool = False,
) -> str:
    """Start a launch: the URL of the authorize request to send the browser to; ``for_client`` asks the scopes of
    the client's own view (the launch URL a patient portal uses)."""
    if not iss:
        if launch is not None or settings.default_issuer is None:
            raise LaunchError("issuer_missing", 400)
        iss = settings.default_issuer
    if not settings.is_allowed_issuer(iss):
        raise LaunchError("issuer_not_allowed", 400)
    if launch is not None and not launch:
        raise LaunchError("launch_missing", 400)
    issuer = normalise_issuer(iss)
    endpoints, capabilities = discovery.lookup(issuer)
    ehr_launch = launch is not None
    v2 = "permission-v2" in capabilities
    scope = requested_scopes(v2=v2, ehr_launch=ehr_launch, access=settings.access, client=for_client)
    state = new_id(32)  # 256 bits
    code_verifier = generate_token(64)
    pending = PendingAuthorization(
        session_hash=fingerprint(session_id),
        endpoints=endpoints.to_dict(),
        code_verifier=code_verifier,
        redirect_uri=redirect_uri,
        requested_scope=scope,
        ehr_launch=ehr_launch,
        for_client=for_client,
    )
    store.put("pending", state, pending.to_dict(), timeout=PENDING_SECONDS)
    client = OAuth2Session(settings.client_id, scope=scope, redirect_uri=redirect_uri, code_challenge_method="S256")
    extra = {"aud": iss}
    if ehr_launch:
        extra["launch"] = str(launch)
    url, _ = client.create_authorization_url(
        endpoints.authorization_endpoint, state=state, code_verifier=code_verifier, **extra
    )
    client.close()
    return str(url)


def complete(
    settings: AppSettings,
    store: Store,
    jwks: JwksCache,
    session_id: str,
    params: Mapping[str, str],
    http: requests.Session | None = None,
) -> Launch:
    """Finish a launch from the callback's query parameters; the new Launch is stored under a fresh key.

    The token request goes through ``http`` (default: the current app's session for the EHR).
    """
    state = params.get("state")
    if not state:
        raise LaunchError("state_invalid", 400, "no state")
    raw = store.claim("pending", state)
    if raw is None:
        raise LaunchError("state_invalid", 400, "unknown or already used state")
    pending = PendingAuthorization.from_dict(raw)
    if pending.session_hash != fingerprint(session_id):
        raise LaunchError("state_invalid", 400, "the state belongs to another browser session")
    endpoints = ServerEndpoints.from_dict(pending.endpoints)
    returned_issuer = params.get("iss")  # RFC 9207: the authorization server says who it is
    expected_issuer = endpoints.oidc_issuer or endpoints.issuer
    if returned_issuer is not None and normalise_issuer(returned_issuer) != normalise_issuer(expected_issuer):
        raise LaunchError("issuer_mismatch", 400)
    if params.get("error"):
        reason = "authorization_denied" if params["error"] == "access_denied" else "authorization_error"
        raise LaunchError(reason, 403 if reason == "authorization_denied" else 400, params.get("error_description"))
    code = params.get("code")
    if not code:
        raise LaunchError("authorization_error", 400, "no code")
    algorithms = tuple(endpoints.signing_algorithms)
    http = http or ehr_http.current()
    client = token_client(settings, http, endpoints.token_endpoint, algorithms, pending.redirect_uri)
    try:
        token = request_token(
            client,
            endpoints.token_endpoint,
            grant_type="authorization_code",
            code=code,
            code_verifier=pending.code_verifier,
            redirect_uri=pending.redirect_uri,
        )
        check_token_response(token)
    except TokenRequestRefused as error:
        raise LaunchError("token_refused", 502, error.error) from error
    except (AuthError, FHIRConnectionError) as error:
        raise LaunchError("token_refused", 502, str(error)) from error
    return _launch_from_token(settings, store, jwks, session_id, endpoints, pending, token)


def _name_of_user(
    settings: AppSettings, endpoints: ServerEndpoints, token: Mapping[str, Any], fhir_user: str
) -> str | None:
    """The signed-in user's name when the id_token has none: one read of ``fhirUser`` at the launch (not on every
    page), if it is on the launch's server and the token may read it; None when that fails (pages then say so)."""
    kind = fhir_user.split("/")[0]
    if "://" in fhir_user or not Permissions(str(token.get("scope", ""))).can_read(kind):
        return None
    try:
        with FHIRClient(endpoints.issuer, token=str(token["access_token"]), timeout=settings.http_timeout) as client:
            return read_user_name(client, fhir_user)
    except (SrhFhirError, ValueError) as error:
        log.info("the signed-in user's name could not be read: %s", error)
        return None


def _launch_from_token(
    settings: AppSettings,
    store: Store,
    jwks: JwksCache,
    session_id: str,
    endpoints: ServerEndpoints,
    pending: PendingAuthorization,
    token: Mapping[str, Any],
) -> Launch:
    patient = token.get("patient")
    if not isinstance(patient, str) or not FHIR_ID.fullmatch(patient):
        raise LaunchError("no_patient", 502)
    fhir_user = None
    user_name = None
    if token.get("id_token"):
        try:
            claims = validate_id_token(
                str(token["id_token"]),
                jwks=jwks,
                jwks_uri=endpoints.jwks_uri,
                issuer=endpoints.oidc_issuer,
                client_id=settings.client_id,
            )
        except InvalidIdToken as error:
            raise LaunchError("id_token_invalid", 502, str(error)) from error
        fhir_user = fhir_user_reference(claims.get("fhirUser"), endpoints.issuer)
        user_name = claims.get("name") if isinstance(claims.get("name"), str) else None
    audience = audience_of(fhir_user, patient, str(token["scope"]), asked_for_client=pending.for_client)
    if fhir_user and not user_name:
        user_name = _name_of_user(settings, endpoints, token, fhir_user)
    launch = Launch(
        key=new_id(16),
        session_hash=fingerprint(session_id),
        endpoints=endpoints.to_dict(),
        access_token=str(token["access_token"]),
        expires_at=time.time() + token_lifetime(token.get("expires_in")),
        scope=str(token["scope"]),
        patient=patient,
        refresh_token=token.get("refresh_token") if isinstance(token.get("refresh_token"), str) else None,
        encounter=token.get("encounter") if isinstance(token.get("encounter"), str) else None,
        fhir_context=[c for c in token.get("fhirContext", []) if isinstance(c, dict)]
        if isinstance(token.get("fhirContext"), list)
        else [],
        # absent counts as true: without the EHR's word that it shows the patient, the app shows who it is about
        need_patient_banner=token.get("need_patient_banner") is not False,
        smart_style_url=token.get("smart_style_url") if isinstance(token.get("smart_style_url"), str) else None,
        intent=token.get("intent") if isinstance(token.get("intent"), str) else None,
        tenant=token.get("tenant") if isinstance(token.get("tenant"), str) else None,
        fhir_user=fhir_user,
        user_name=user_name,
        ehr_launch=pending.ehr_launch,
        audience=audience.value,
    )
    store.put("launch", launch.key, launch.to_dict(), timeout=settings.session_seconds)
    return launch
