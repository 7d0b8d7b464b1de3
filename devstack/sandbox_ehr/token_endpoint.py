"""The token endpoint: ``authorization_code`` (with PKCE S256) and ``refresh_token`` grants, and the token response
with the SMART launch context and an OpenID Connect id_token."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

from flask import Blueprint, Response, jsonify, request

from devstack.sandbox_ehr.client_auth import authenticate_client
from devstack.sandbox_ehr.errors import ClientAuthError, TokenError
from devstack.sandbox_ehr.runtime import Sandbox, current_sandbox
from devstack.sandbox_ehr.state import EXPIRED_ACCESS_TOKEN, EXPIRED_REFRESH_TOKEN, AuthorizationCode, Grant

blueprint = Blueprint("token", __name__, url_prefix="/auth")

REFRESH_SCOPES = ("offline_access", "online_access")


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    return response


@blueprint.route("/token", methods=["POST"])
def token() -> Response:
    sandbox = current_sandbox()
    try:
        try:
            client = authenticate_client(sandbox, request.form, request.headers.get("Authorization"))
        except ClientAuthError as error:
            raise TokenError("invalid_client", str(error), 401) from error
        grant_type = request.form.get("grant_type")
        if grant_type == "authorization_code":
            body = _authorization_code(sandbox, client.client_id)
        elif grant_type == "refresh_token":
            body = _refresh(sandbox, client.client_id)
        else:
            raise TokenError("unsupported_grant_type", "grant_type must be authorization_code or refresh_token")
    except TokenError as error:
        response = jsonify(error=error.error, error_description=error.description)
        response.status_code = error.status
        if error.status == 401 and request.headers.get("Authorization", "").lower().startswith("basic"):
            response.headers["WWW-Authenticate"] = 'Basic realm="sandbox"'
        return _no_store(response)
    return _no_store(jsonify(body))


def pkce_matches(verifier: str, challenge: str) -> bool:
    """RFC 7636 S256: BASE64URL(SHA256(verifier)) without padding equals the challenge."""
    digest = hashlib.sha256(verifier.encode("ascii", errors="replace")).digest()
    computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
    return 43 <= len(verifier) <= 128 and hmac.compare_digest(computed, challenge)


def _authorization_code(sandbox: Sandbox, client_id: str) -> dict[str, Any]:
    record = sandbox.state.redeem_code(request.form.get("code", ""))
    if record is None:
        raise TokenError("invalid_grant", "the code is unknown, expired or already used")
    if record.grant.client_id != client_id:
        raise TokenError("invalid_grant", "the code was issued to another client")
    if request.form.get("redirect_uri") != record.redirect_uri:
        raise TokenError("invalid_grant", "redirect_uri differs from the one in the authorization request")
    if not pkce_matches(request.form.get("code_verifier", ""), record.code_challenge):
        raise TokenError("invalid_grant", "the code_verifier does not match the code_challenge (PKCE S256)")
    return _token_response(sandbox, record.grant, code=record)


def _refresh(sandbox: Sandbox, client_id: str) -> dict[str, Any]:
    old = sandbox.state.take_refresh(request.form.get("refresh_token", ""))
    if old is None:
        raise TokenError("invalid_grant", "the refresh token is unknown, expired or already used")
    if old.grant.client_id != client_id:
        raise TokenError("invalid_grant", "the refresh token was issued to another client")
    grant = old.grant
    if request.form.get("scope"):
        asked = tuple(request.form["scope"].split())
        if not set(asked) <= set(grant.scopes):
            raise TokenError("invalid_scope", "a refresh may only narrow the granted scopes")
        grant = grant.with_scopes(asked)
    return _token_response(sandbox, grant)


def _token_response(sandbox: Sandbox, grant: Grant, code: AuthorizationCode | None = None) -> dict[str, Any]:
    config = sandbox.config
    simulated = grant.context.simulated_error if code is not None else None
    # Simulated expiry: the app is told the usual lifetime, but the sandbox already treats the token as expired.
    access_lifetime = 0 if simulated in (EXPIRED_ACCESS_TOKEN, EXPIRED_REFRESH_TOKEN) else config.access_token_lifetime
    access = sandbox.state.issue_access(grant, access_lifetime, code)
    body: dict[str, Any] = {
        "access_token": access.value,
        "token_type": "Bearer",
        "expires_in": config.access_token_lifetime,
        "scope": " ".join(grant.scopes),
    }
    if any(s in grant.scopes for s in REFRESH_SCOPES):
        refresh_lifetime = 0 if simulated == EXPIRED_REFRESH_TOKEN else config.refresh_token_lifetime
        body["refresh_token"] = sandbox.state.issue_refresh(grant, refresh_lifetime, code).value
    body.update(launch_context(sandbox, grant))
    id_token = make_id_token(sandbox, grant)
    if id_token:
        body["id_token"] = id_token
    return body


def launch_context(sandbox: Sandbox, grant: Grant) -> dict[str, Any]:
    """The SMART context parameters of a token response (also part of introspection)."""
    context = grant.context
    scopes = set(grant.scopes)
    body: dict[str, Any] = {}
    if context.patient and scopes & {"launch", "launch/patient"}:
        body["patient"] = context.patient
    if context.encounter and scopes & {"launch", "launch/encounter"}:
        body["encounter"] = context.encounter
    if context.fhir_context and "launch" in scopes:
        body["fhirContext"] = [{"reference": reference} for reference in context.fhir_context]
    if context.intent and "launch" in scopes:
        body["intent"] = context.intent
    body["need_patient_banner"] = context.need_patient_banner
    body["smart_style_url"] = f"{sandbox.config.public_base}/auth/smart-style.json"
    return body


def fhir_user(sandbox: Sandbox, grant: Grant) -> str | None:
    """The signed-in user: the patient in the portal, else the practitioner."""
    relative = grant.context.user
    if relative is None:
        return None
    return f"{sandbox.config.fhir_base}/{relative}" if sandbox.config.fhir_user_absolute else relative


def relative_id(user: str) -> str:
    """The id of the user's resource (the ``sub`` of the id_token)."""
    return user.rstrip("/").split("/")[-1]


def make_id_token(sandbox: Sandbox, grant: Grant) -> str | None:
    """An OpenID Connect id_token (RS256) when ``openid`` and ``fhirUser`` or ``profile`` were granted."""
    user = fhir_user(sandbox, grant)
    if "openid" not in grant.scopes or not {"fhirUser", "profile"} & set(grant.scopes) or user is None:
        return None
    now = int(sandbox.state.clock())
    claims: dict[str, Any] = {
        "iss": sandbox.config.fhir_base,
        "sub": relative_id(user),
        "aud": grant.client_id,
        "iat": now,
        "exp": now + sandbox.config.access_token_lifetime,
        "fhirUser": user,
    }
    if grant.nonce:
        claims["nonce"] = grant.nonce
    return sandbox.signing_key.sign(claims)
