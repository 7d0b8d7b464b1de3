"""The FHIR proxy at ``/fhir``: checks the bearer token, its scopes and the launch patient's compartment, forwards
to the upstream FHIR server, checks what comes back and points its URLs at the proxy.

``GET /fhir/metadata`` needs no token (SMART apps read it before they have one); the proxy adds the SMART security
section. Only JSON passes: the upstream is always asked for ``application/fhir+json``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import requests
from flask import Blueprint, Response, request

from devstack.sandbox_ehr.discovery import add_security
from devstack.sandbox_ehr.errors import Forbidden, UpstreamError
from devstack.sandbox_ehr.policy import RequestPolicy, interaction
from devstack.sandbox_ehr.rewrite import BaseRewriter
from devstack.sandbox_ehr.runtime import Sandbox, current_sandbox
from devstack.sandbox_ehr.state import IssuedToken

blueprint = Blueprint("proxy", __name__, url_prefix="/fhir")

FHIR_JSON = "application/fhir+json"
FORWARDED_REQUEST_HEADERS = (
    "Content-Type", "Prefer", "If-Match", "If-None-Match", "If-None-Exist", "If-Modified-Since"
)
FORWARDED_RESPONSE_HEADERS = ("ETag", "Last-Modified", "Location", "Content-Location")
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]


def operation_outcome(status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> Response:
    body = {"resourceType": "OperationOutcome", "issue": [{"severity": "error", "code": code, "diagnostics": message}]}
    return Response(json.dumps(body), status=status, headers=dict(headers or {}), content_type=FHIR_JSON)


def _unauthorized(description: str) -> Response:
    challenge = f'Bearer realm="sandbox", error="invalid_token", error_description="{description}"'
    return operation_outcome(401, "login", description, {"WWW-Authenticate": challenge})


def _forbidden(message: str) -> Response:
    return operation_outcome(403, "forbidden", message, {"WWW-Authenticate": 'Bearer error="insufficient_scope"'})


def _rewriter(sandbox: Sandbox) -> BaseRewriter:
    return BaseRewriter(sandbox.config.fhir_base, sandbox.config.fhir_upstream)


def _upstream(sandbox: Sandbox, method: str, path: str, query: bytes = b"", body: bytes | None = None,
              headers: Mapping[str, str] | None = None) -> requests.Response:
    url = f"{sandbox.config.fhir_upstream}/{path}" if path else sandbox.config.fhir_upstream
    if query:
        url += "?" + query.decode("latin-1")
    try:
        return sandbox.http.request(
            method, url, data=body, headers={"Accept": FHIR_JSON, **(headers or {})},
            timeout=sandbox.config.upstream_timeout, allow_redirects=False,
        )
    except requests.RequestException as error:
        raise UpstreamError(f"the FHIR server behind the sandbox is unreachable ({type(error).__name__})") from error


def _json_body(response: requests.Response) -> Any:
    if not response.content:
        return None
    if "json" not in response.headers.get("Content-Type", ""):
        raise UpstreamError(f"the FHIR server answered {response.headers.get('Content-Type')!r}, not FHIR JSON")
    try:
        return response.json()
    except ValueError as error:
        raise UpstreamError("the FHIR server answered malformed JSON") from error


def _reply(sandbox: Sandbox, upstream: requests.Response, document: Any) -> Response:
    rewriter = _rewriter(sandbox)
    headers = {
        name: rewriter.to_proxy_url(upstream.headers[name]) for name in FORWARDED_RESPONSE_HEADERS
        if name in upstream.headers
    }
    if document is None:
        return Response(status=upstream.status_code, headers=headers)
    body = json.dumps(rewriter.response_document(document))
    return Response(body, status=upstream.status_code, headers=headers, content_type=FHIR_JSON)


@blueprint.route("/metadata", methods=["GET"])
def metadata() -> Response:
    sandbox = current_sandbox()
    try:
        upstream = _upstream(sandbox, "GET", "metadata")
        document = _json_body(upstream)
    except UpstreamError as error:
        return operation_outcome(502, "transient", str(error))
    if upstream.ok and isinstance(document, dict) and document.get("resourceType") == "CapabilityStatement":
        document = add_security(document, sandbox.config)
    return _reply(sandbox, upstream, document)


@blueprint.route("/", defaults={"path": ""}, methods=METHODS, strict_slashes=False)
@blueprint.route("/<path:path>", methods=METHODS)
def fhir(path: str) -> Response:
    sandbox = current_sandbox()
    token = _bearer_token(sandbox)
    if token is None:
        return _unauthorized("a valid, unexpired access token is required")
    try:
        return _forward(sandbox, token, path)
    except Forbidden as error:
        return _forbidden(str(error))
    except UpstreamError as error:
        return operation_outcome(502, "transient", str(error))


def _bearer_token(sandbox: Sandbox) -> IssuedToken | None:
    authorization = request.headers.get("Authorization", "")
    if not authorization.lower().startswith("bearer "):
        return None
    return sandbox.state.access_token(authorization[7:].strip())


def _forward(sandbox: Sandbox, token: IssuedToken, path: str) -> Response:
    if request.method == "PATCH":
        return operation_outcome(405, "not-supported", "the sandbox does not forward PATCH")
    if any(name == "_format" and "json" not in value for name, value in request.args.items(multi=True)):
        return operation_outcome(406, "not-supported", "the sandbox serves FHIR JSON only")
    rewriter = _rewriter(sandbox)
    params = list(request.args.items(multi=True))
    body: Any = None
    raw = request.get_data()
    if raw and request.mimetype == "application/x-www-form-urlencoded":
        params += list(request.form.items(multi=True))
    elif raw:
        try:
            body = rewriter.request_document(json.loads(raw))
        except ValueError:
            return operation_outcome(400, "structure", "the request body is not JSON")
        raw = json.dumps(body).encode()
    policy = RequestPolicy(
        token.grant, (sandbox.config.fhir_base, sandbox.config.fhir_upstream), lambda t, i: _existing(sandbox, t, i)
    )
    action = interaction(request.method, path, params, body, request.headers.get("If-None-Exist"))
    policy.check_request(action)
    headers = {name: request.headers[name] for name in FORWARDED_REQUEST_HEADERS if name in request.headers}
    upstream = _upstream(sandbox, request.method, path, request.query_string, raw or None, headers)
    document = _json_body(upstream)
    policy.check_response(document, action.params)
    return _reply(sandbox, upstream, document)


def _existing(sandbox: Sandbox, resource_type: str, resource_id: str) -> dict[str, Any] | None:
    """The current version of a resource an update or delete would touch; None when there is none."""
    response = _upstream(sandbox, "GET", f"{resource_type}/{resource_id}")
    if response.status_code in (404, 410):
        return None
    if not response.ok:
        raise UpstreamError(f"reading {resource_type}/{resource_id} failed with HTTP {response.status_code}")
    document = _json_body(response)
    return document if isinstance(document, dict) else None
