"""Discovery: ``/fhir/.well-known/smart-configuration``, the JWKS, the style document, and the SMART security
section the proxy adds to the upstream CapabilityStatement."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

from devstack.sandbox_ehr.client_auth import ASSERTION_ALGORITHMS
from devstack.sandbox_ehr.config import SandboxConfig
from devstack.sandbox_ehr.runtime import current_sandbox

blueprint = Blueprint("discovery", __name__)

CAPABILITIES = [
    "launch-ehr",
    "launch-standalone",
    "authorize-post",
    "client-public",
    "client-confidential-symmetric",
    "client-confidential-asymmetric",
    "context-banner",
    "context-style",
    "context-ehr-patient",
    "context-ehr-encounter",
    "context-standalone-patient",
    "sso-openid-connect",
    "permission-offline",
    "permission-online",
    "permission-patient",
    "permission-user",
    "permission-v1",
    "permission-v2",
]
SCOPES_SUPPORTED = [
    "openid",
    "fhirUser",
    "profile",
    "launch",
    "launch/patient",
    "launch/encounter",
    "offline_access",
    "online_access",
    "patient/*.cruds",
    "user/*.cruds",
    "patient/*.read",
    "patient/*.write",
    "user/*.read",
    "user/*.write",
]
OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"


def smart_configuration(config: SandboxConfig) -> dict[str, Any]:
    auth = f"{config.public_base}/auth"
    return {
        "issuer": config.fhir_base,
        "jwks_uri": f"{auth}/jwks.json",
        "authorization_endpoint": f"{auth}/authorize",
        "token_endpoint": config.token_endpoint,
        "introspection_endpoint": f"{auth}/introspect",
        "grant_types_supported": ["authorization_code", "refresh_token"],
        "token_endpoint_auth_methods_supported": ["none", "client_secret_basic", "private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": list(ASSERTION_ALGORITHMS),
        "scopes_supported": SCOPES_SUPPORTED,
        "response_types_supported": ["code"],
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": True,
        "capabilities": CAPABILITIES,
    }


def add_security(capability_statement: dict[str, Any], config: SandboxConfig) -> dict[str, Any]:
    """The CapabilityStatement with a SMART-on-FHIR security service and the (deprecated) oauth-uris extension."""
    auth = f"{config.public_base}/auth"
    security = {
        "service": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                        "code": "SMART-on-FHIR",
                    }
                ]
            }
        ],
        "extension": [
            {
                "url": OAUTH_URIS,
                "extension": [
                    {"url": "authorize", "valueUri": f"{auth}/authorize"},
                    {"url": "token", "valueUri": config.token_endpoint},
                    {"url": "introspect", "valueUri": f"{auth}/introspect"},
                ],
            }
        ],
    }
    for rest in capability_statement.get("rest", []):
        if rest.get("mode") == "server":
            rest["security"] = security
    return capability_statement


@blueprint.route("/fhir/.well-known/smart-configuration")
def well_known() -> Response:
    response = jsonify(smart_configuration(current_sandbox().config))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@blueprint.route("/auth/jwks.json")
def jwks() -> Response:
    response = jsonify(current_sandbox().signing_key.jwks())
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@blueprint.route("/auth/smart-style.json")
def smart_style() -> Response:
    """A SMART style document (context-style): colours and fonts of the sandbox EHR."""
    return jsonify(
        {
            "color_background": "#f6f7f9",
            "color_error": "#b00020",
            "color_highlight": "#005ea5",
            "color_modal_backdrop": "",
            "color_success": "#00703c",
            "color_text": "#1b1b1b",
            "dim_border_radius": "4px",
            "dim_font_size": "16px",
            "dim_spacing_size": "16px",
            "font_family_body": "system-ui, sans-serif",
            "font_family_heading": "system-ui, sans-serif",
        }
    )
