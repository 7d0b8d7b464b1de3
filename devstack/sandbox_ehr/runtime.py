"""The parts one sandbox instance shares between its blueprints: configuration, memory, key, HTTP session."""

from __future__ import annotations

from dataclasses import dataclass

import requests
from flask import current_app

from devstack.sandbox_ehr.config import SandboxConfig
from devstack.sandbox_ehr.keys import SigningKey
from devstack.sandbox_ehr.state import SandboxState

EXTENSION_KEY = "srh_sandbox"


@dataclass
class Sandbox:
    config: SandboxConfig
    state: SandboxState
    signing_key: SigningKey
    http: requests.Session  # to the upstream FHIR server and to the apps' JWKS URLs


def current_sandbox() -> Sandbox:
    sandbox: Sandbox = current_app.extensions[EXTENSION_KEY]
    return sandbox
