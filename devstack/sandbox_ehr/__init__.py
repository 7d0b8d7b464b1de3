"""The sandbox EHR: a development tool that plays a SMART on FHIR EHR in front of a real FHIR server.

``create_sandbox(config)`` builds the Flask app: a launcher page (``/``), a SMART authorization server
(``/fhir/.well-known/smart-configuration``, ``/auth/authorize``, ``/auth/token``, ``/auth/introspect``,
``/auth/jwks.json``) and a FHIR proxy (``/fhir``) that checks tokens, scopes and the patient compartment before
forwarding to the upstream server. Run it with ``python -m devstack.sandbox_ehr``. The SRH app never imports it.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import requests
from flask import Flask

from devstack.sandbox_ehr import authorize, discovery, introspection, launcher, proxy, security, token_endpoint
from devstack.sandbox_ehr.config import ENV_PREFIX, ClientRegistration, SandboxConfig
from devstack.sandbox_ehr.errors import SandboxConfigError
from devstack.sandbox_ehr.keys import SigningKey
from devstack.sandbox_ehr.runtime import EXTENSION_KEY, Sandbox
from devstack.sandbox_ehr.state import SIMULATED_ERRORS, SandboxState

__all__ = [
    "SIMULATED_ERRORS",
    "ClientRegistration",
    "Sandbox",
    "SandboxConfig",
    "SandboxConfigError",
    "config_from_env",
    "create_sandbox",
]


def config_from_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The ``SRH_SANDBOX_*`` environment variables as config keys (``SRH_SANDBOX_APP_BASE`` -> ``APP_BASE``)."""
    environ = os.environ if environ is None else environ
    return {key[len(ENV_PREFIX) :]: value for key, value in environ.items() if key.startswith(ENV_PREFIX)}


def create_sandbox(config: Mapping[str, Any] | SandboxConfig | None = None, state: SandboxState | None = None) -> Flask:
    """The sandbox EHR as a Flask app; ``config`` keys are described in the README (default: the environment)."""
    settings = config if isinstance(config, SandboxConfig) else SandboxConfig.from_mapping(
        config if config is not None else config_from_env()
    )
    app = Flask(__name__)
    app.config["SERVER_NAME"] = None
    app.config["PREFERRED_URL_SCHEME"] = settings.public_base.split(":")[0]
    http = requests.Session()
    app.extensions[EXTENSION_KEY] = Sandbox(
        config=settings,
        state=state or SandboxState(),
        signing_key=SigningKey(settings.signing_key_pem),
        http=http,
    )
    for module in (discovery, authorize, token_endpoint, introspection, proxy, launcher):
        app.register_blueprint(module.blueprint)
    security.register(app)
    return app
