"""The authorization endpoint (``/auth/authorize``, GET or POST) and, for standalone launches, the login, patient
picker and consent page.

Errors about the client or its redirect URI are shown on a page of the sandbox (redirecting there would be an open
redirector); every later error goes back to the app's redirect URI with ``error`` and ``state``. PKCE S256 is
required of every client. Simulated errors chosen on the launcher page travel in the launch context.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request

from devstack.sandbox_ehr import directory
from devstack.sandbox_ehr.config import ClientRegistration
from devstack.sandbox_ehr.errors import RedirectError
from devstack.sandbox_ehr.runtime import Sandbox, current_sandbox
from devstack.sandbox_ehr.scopes import for_patient_user, grantable, parse_resource_scope
from devstack.sandbox_ehr.state import (
    NO_PATIENT,
    PARTIAL_SCOPES,
    SCOPE_DENIED,
    UNKNOWN_CLIENT,
    WRONG_REDIRECT_URI,
    Grant,
    LaunchContext,
)

blueprint = Blueprint("authorize", __name__, url_prefix="/auth")


def _error_page(title: str, message: str) -> tuple[str, int]:
    return render_template("sandbox/error.html", title=title, message=message), 400


def _redirect(redirect_uri: str, params: dict[str, str]) -> Response:
    separator = "&" if "?" in redirect_uri else "?"
    response = Response(status=302, headers={"Location": redirect_uri + separator + urlencode(params)})
    response.headers["Cache-Control"] = "no-store"
    return response


@blueprint.route("/authorize", methods=["GET", "POST"])
def authorize() -> Any:
    sandbox = current_sandbox()
    values = request.values
    context = _launch_context(sandbox, values.get("launch"), values.get("client_id", ""))
    simulated = context.simulated_error if context else None
    registration = sandbox.config.client(values.get("client_id", ""))
    if registration is None or simulated == UNKNOWN_CLIENT:
        return _error_page("Unknown app", "The authorization server does not know this client_id.")
    redirect_uri = values.get("redirect_uri", "")
    if redirect_uri not in registration.redirect_uris or simulated == WRONG_REDIRECT_URI:
        return _error_page("Wrong redirect URI", "The redirect_uri is not the one registered for this app.")
    state = values.get("state", "")
    try:
        request_params = _validated_request(sandbox, registration, values, context)
    except RedirectError as error:
        return _redirect(redirect_uri, _error_params(sandbox, error, state))
    if request_params["context"].standalone:
        return _consent_page(sandbox, request_params)
    return _issue_code(sandbox, request_params)


@blueprint.route("/authorize/decision", methods=["POST"])
def decision() -> Any:
    sandbox = current_sandbox()
    pending = sandbox.state.take_pending(request.form.get("request_id", ""))
    if pending is None:
        return _error_page("Request expired", "This authorization request was already answered or is unknown.")
    if request.form.get("decision") != "allow":
        error = RedirectError("access_denied", "the user denied access")
        return _redirect(pending["redirect_uri"], _error_params(sandbox, error, pending["state"]))
    context: LaunchContext = pending["context"]
    practitioner = request.form.get("practitioner") or context.practitioner
    patient = request.form.get("patient") or context.patient
    if not practitioner or directory.exists(sandbox, "Practitioner", practitioner) is None:
        return _error_page("Unknown user", "Pick a practitioner to log in as.")
    wants_patient = "launch/patient" in pending["scopes"]
    if wants_patient and (not patient or directory.exists(sandbox, "Patient", patient) is None):
        return _error_page("No patient", "The app asked for a patient (launch/patient): pick one.")
    pending["context"] = LaunchContext(
        practitioner=practitioner,
        patient=patient if wants_patient else None,
        need_patient_banner=True,
        simulated_error=context.simulated_error,
        standalone=True,
        intent=context.intent,
    )
    return _issue_code(sandbox, pending)


def _launch_context(sandbox: Sandbox, launch: str | None, client_id: str) -> LaunchContext | None:
    if launch:
        return sandbox.state.launch(launch)
    return sandbox.state.take_standalone(client_id) or LaunchContext(standalone=True)


def _validated_request(
    sandbox: Sandbox, registration: ClientRegistration, values: Any, context: LaunchContext | None
) -> dict[str, Any]:
    if values.get("response_type") != "code":
        raise RedirectError("unsupported_response_type", "response_type must be code")
    if not values.get("state"):
        raise RedirectError("invalid_request", "state is required")
    if not values.get("code_challenge") or values.get("code_challenge_method") != "S256":
        raise RedirectError("invalid_request", "PKCE is required: code_challenge with code_challenge_method=S256")
    if (values.get("aud") or "").rstrip("/") != sandbox.config.fhir_base:
        raise RedirectError("invalid_request", f"aud must be the FHIR base {sandbox.config.fhir_base}")
    requested = values.get("scope", "").split()
    if values.get("launch"):
        if context is None:
            raise RedirectError("invalid_request", "unknown or expired launch")
        if "launch" not in requested:
            raise RedirectError("invalid_scope", "an EHR launch requires the launch scope")
        if not sandbox.state.bind_launch(values["launch"], registration.client_id):
            raise RedirectError("invalid_request", "this launch was made for another app")
    assert context is not None
    if context.simulated_error == SCOPE_DENIED:
        raise RedirectError("access_denied", "the user denied access")
    scopes = grantable(requested, read_only=context.simulated_error == PARTIAL_SCOPES)
    if context.portal:
        scopes = for_patient_user(scopes)
    if not values.get("launch"):
        scopes = tuple(s for s in scopes if s != "launch")
    if not any(parse_resource_scope(s) for s in scopes) and not {"openid", "launch", "launch/patient"} & set(scopes):
        raise RedirectError("invalid_scope", "none of the requested scopes can be granted")
    return {
        "client_id": registration.client_id,
        "redirect_uri": values["redirect_uri"],
        "state": values["state"],
        "code_challenge": values["code_challenge"],
        "nonce": values.get("nonce") or None,
        "scopes": scopes,
        "context": context,
    }


def _consent_page(sandbox: Sandbox, pending: dict[str, Any]) -> str:
    request_id = sandbox.state.add_pending(pending)
    return render_template(
        "sandbox/authorize.html",
        request_id=request_id,
        client_id=pending["client_id"],
        scopes=pending["scopes"],
        wants_patient="launch/patient" in pending["scopes"],
        context=pending["context"],
        practitioners=directory.practitioners(sandbox),
        patients=directory.patients(sandbox),
    )


def _issue_code(sandbox: Sandbox, pending: dict[str, Any]) -> Response:
    context: LaunchContext = pending["context"]
    if context.simulated_error == NO_PATIENT:
        context = replace(context, patient=None)
    grant = Grant(pending["client_id"], pending["scopes"], context, pending["nonce"])
    redirect_uri = pending["redirect_uri"]
    code = sandbox.state.add_code(grant, redirect_uri, pending["code_challenge"], sandbox.config.code_lifetime)
    return _redirect(redirect_uri, {"code": code, "state": pending["state"], "iss": sandbox.config.fhir_base})


def _error_params(sandbox: Sandbox, error: RedirectError, state: str) -> dict[str, str]:
    params = {"error": error.error, "error_description": error.description, "iss": sandbox.config.fhir_base}
    if state:
        params["state"] = state
    return params
