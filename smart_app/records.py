"""What the app keeps server-side between requests: a pending authorization (keyed by ``state``) and a launch.

Both are plain dataclasses stored as dicts. A launch holds the tokens and the launch context of one SMART launch;
it is bound to the browser session that made it (``session_hash``) and reached through its own key in the URL.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T", bound="_Record")


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)  # type: ignore[call-overload, no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        names = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class ServerEndpoints(_Record):
    """The parts of a server's SMART configuration a launch needs after the authorize redirect."""

    issuer: str  # the FHIR base (``iss``)
    authorization_endpoint: str
    token_endpoint: str
    oidc_issuer: str | None = None
    jwks_uri: str | None = None
    signing_algorithms: tuple[str, ...] = ()


@dataclass
class PendingAuthorization(_Record):
    """An authorize request in flight, keyed by its ``state``; claimed (and so removed) by the callback."""

    session_hash: str
    endpoints: dict[str, Any]
    code_verifier: str
    redirect_uri: str
    requested_scope: str
    ehr_launch: bool
    for_client: bool = False  # started at the client view's launch URL (the portal's): asked the client's scopes
    created_at: float = field(default_factory=time.time)


@dataclass
class Launch(_Record):
    """One completed launch: tokens, granted scope and launch context."""

    key: str
    session_hash: str
    endpoints: dict[str, Any]
    access_token: str
    expires_at: float
    scope: str
    patient: str
    refresh_token: str | None = None
    encounter: str | None = None
    fhir_context: list[dict[str, Any]] = field(default_factory=list)
    need_patient_banner: bool = True
    smart_style_url: str | None = None
    intent: str | None = None
    tenant: str | None = None
    fhir_user: str | None = None
    user_name: str | None = None
    ehr_launch: bool = True
    audience: str = "clinician"  # an ``audience.Audience``: the workspace or the client's own view
    refreshes: int = 0
    created_at: float = field(default_factory=time.time)

    @property
    def for_client(self) -> bool:
        """Whether this launch opens the client's own view (the signed-in user is the patient)."""
        return self.audience == "client"

    @property
    def server(self) -> ServerEndpoints:
        return ServerEndpoints.from_dict(self.endpoints)

    def __repr__(self) -> str:  # never show tokens
        return f"Launch(scope={self.scope!r})"
