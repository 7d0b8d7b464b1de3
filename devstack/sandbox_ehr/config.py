"""The sandbox's configuration: addresses, client registrations, token lifetimes and the signing key.

Everything comes from a mapping (``create_sandbox(config)``) or from ``SRH_SANDBOX_*`` environment variables
(``python -m devstack.sandbox_ehr``); only the upstream FHIR base is required. There is no default client secret:
without ``CLIENT_SECRET`` each sandbox makes a random one, which it never shows (``make demo`` makes one per run and
gives it to the app).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from devstack.sandbox_ehr.errors import SandboxConfigError
from devstack.sandbox_ehr.state import DEFAULT_LAUNCH_LIFETIME

PUBLIC = "public"
SYMMETRIC = "confidential-symmetric"
ASYMMETRIC = "confidential-asymmetric"
CLIENT_TYPES = (PUBLIC, SYMMETRIC, ASYMMETRIC)

ENV_PREFIX = "SRH_SANDBOX_"
DEFAULT_PUBLIC_BASE = "http://localhost:8081"
DEFAULT_APP_BASE = "http://127.0.0.1:5000"


def random_client_secret() -> str:
    """The secret of ``srh-confidential`` when none is configured: unguessable and new at every start."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class ClientRegistration:
    """One app registered with the sandbox EHR (fixed redirect URI and launch URL, as SMART requires)."""

    client_id: str
    client_type: str
    redirect_uris: tuple[str, ...]
    launch_url: str
    client_secret: str | None = field(default=None, repr=False)
    jwks_url: str | None = None
    portal_launch_url: str = ""  # where the patient portal launches the app (its client view); "" = not offered

    def __post_init__(self) -> None:
        if self.client_type not in CLIENT_TYPES:
            raise SandboxConfigError(f"client {self.client_id!r}: type must be one of {', '.join(CLIENT_TYPES)}")
        if self.client_type == SYMMETRIC and not self.client_secret:
            raise SandboxConfigError(f"client {self.client_id!r} is confidential-symmetric but has no client_secret")
        if self.client_type == ASYMMETRIC and not self.jwks_url:
            raise SandboxConfigError(f"client {self.client_id!r} is confidential-asymmetric but has no jwks_url")


@dataclass(frozen=True)
class SandboxConfig:
    """Settings of one sandbox instance; see the README for the environment variables."""

    fhir_upstream: str
    public_base: str = DEFAULT_PUBLIC_BASE
    app_base: str = DEFAULT_APP_BASE
    client_secret: str = field(default_factory=random_client_secret, repr=False)
    access_token_lifetime: int = 3600
    refresh_token_lifetime: int = 86400
    code_lifetime: int = 60
    launch_lifetime: int = DEFAULT_LAUNCH_LIFETIME
    fhir_user_absolute: bool = False
    signing_key_pem: str | None = None
    upstream_timeout: float = 30.0
    clients: tuple[ClientRegistration, ...] = field(default_factory=tuple)

    @property
    def fhir_base(self) -> str:
        """The FHIR base the apps see: the ``iss`` of every launch and the issuer of the id_tokens."""
        return f"{self.public_base}/fhir"

    @property
    def token_endpoint(self) -> str:
        return f"{self.public_base}/auth/token"

    def client(self, client_id: str) -> ClientRegistration | None:
        return next((c for c in self.clients if c.client_id == client_id), None)

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> SandboxConfig:
        """Build from keys like ``FHIR_UPSTREAM``, ``PUBLIC_BASE``, ``APP_BASE`` (see the README)."""
        upstream = str(values.get("FHIR_UPSTREAM") or "").rstrip("/")
        if not upstream.startswith(("http://", "https://")):
            raise SandboxConfigError("FHIR_UPSTREAM is required: the FHIR server behind the sandbox, e.g. http://127.0.0.1:8080/fhir")
        public_base = str(values.get("PUBLIC_BASE") or DEFAULT_PUBLIC_BASE).rstrip("/")
        app_base = str(values.get("APP_BASE") or DEFAULT_APP_BASE).rstrip("/")
        secret = str(values.get("CLIENT_SECRET") or "") or random_client_secret()
        clients = values.get("CLIENTS")
        registrations = tuple(_registration(c) for c in clients) if clients else default_clients(app_base, secret)
        try:
            return cls(
                fhir_upstream=upstream,
                public_base=public_base,
                app_base=app_base,
                client_secret=secret,
                access_token_lifetime=int(values.get("ACCESS_TOKEN_LIFETIME", 3600)),
                refresh_token_lifetime=int(values.get("REFRESH_TOKEN_LIFETIME", 86400)),
                code_lifetime=int(values.get("CODE_LIFETIME", 60)),
                launch_lifetime=int(values.get("LAUNCH_LIFETIME", DEFAULT_LAUNCH_LIFETIME)),
                fhir_user_absolute=_flag(values.get("FHIR_USER_ABSOLUTE", False)),
                signing_key_pem=values.get("SIGNING_KEY_PEM") or None,
                upstream_timeout=float(values.get("UPSTREAM_TIMEOUT", 30.0)),
                clients=registrations,
            )
        except (TypeError, ValueError) as error:
            if isinstance(error, SandboxConfigError):
                raise
            raise SandboxConfigError(f"a sandbox setting has a bad value: {error}") from error


def default_clients(app_base: str, client_secret: str) -> tuple[ClientRegistration, ...]:
    """The three registrations of the contract with the SRH app: one per SMART client type."""
    common: dict[str, Any] = {
        "redirect_uris": (f"{app_base}/callback",),
        "launch_url": f"{app_base}/launch",
        "portal_launch_url": f"{app_base}/portal/launch",
    }
    return (
        ClientRegistration("srh-public", PUBLIC, **common),
        ClientRegistration("srh-confidential", SYMMETRIC, client_secret=client_secret, **common),
        ClientRegistration("srh-asymmetric", ASYMMETRIC, jwks_url=f"{app_base}/.well-known/jwks.json", **common),
    )


def _registration(value: Any) -> ClientRegistration:
    if isinstance(value, ClientRegistration):
        return value
    if not isinstance(value, Mapping) or "client_id" not in value:
        raise SandboxConfigError("each entry of CLIENTS must be a mapping with at least client_id and client_type")
    return ClientRegistration(
        client_id=str(value["client_id"]),
        client_type=str(value.get("client_type", PUBLIC)),
        redirect_uris=tuple(value.get("redirect_uris", ())),
        launch_url=str(value.get("launch_url", "")),
        portal_launch_url=str(value.get("portal_launch_url", "")),
        client_secret=value.get("client_secret"),
        jwks_url=value.get("jwks_url"),
    )


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)
