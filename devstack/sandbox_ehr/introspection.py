"""Token introspection (RFC 7662, as SMART App Launch describes it): is an access token active, with which scopes
and launch context. Only a confidential client, authenticated with its credentials, may ask: a bearer token proves
nothing about its holder (any app holding any token could otherwise read the context of every token it found), and a
public client has no credentials."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from devstack.sandbox_ehr.client_auth import authenticate_client
from devstack.sandbox_ehr.config import PUBLIC
from devstack.sandbox_ehr.errors import ClientAuthError
from devstack.sandbox_ehr.runtime import Sandbox, current_sandbox
from devstack.sandbox_ehr.token_endpoint import fhir_user, launch_context, relative_id

blueprint = Blueprint("introspection", __name__, url_prefix="/auth")


def _caller_allowed(sandbox: Sandbox) -> bool:
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        return False
    try:
        client = authenticate_client(sandbox, request.form, authorization or None)
    except ClientAuthError:
        return False
    return client.client_type != PUBLIC


@blueprint.route("/introspect", methods=["POST"])
def introspect() -> Response:
    sandbox = current_sandbox()
    if not _caller_allowed(sandbox):
        response = jsonify(error="invalid_client", error_description="introspection needs a confidential "
                           "client's credentials")
        response.status_code = 401
        response.headers["WWW-Authenticate"] = 'Basic realm="sandbox"'
        return response
    token = sandbox.state.access_token(request.form.get("token", ""))
    body: dict[str, Any] = {"active": False}
    if token is not None:
        grant = token.grant
        body = {
            "active": True,
            "scope": " ".join(grant.scopes),
            "client_id": grant.client_id,
            "token_type": "Bearer",
            "iat": int(token.issued_at),
            "exp": int(token.expires_at),
            "iss": sandbox.config.fhir_base,
            **launch_context(sandbox, grant),
        }
        user = fhir_user(sandbox, grant)
        if user and "openid" in grant.scopes:
            body["sub"] = relative_id(user)
            body["fhirUser"] = user
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response
