"""The sandbox's memory: launches, authorization codes, access and refresh tokens, and seen JWT ids.

One process, no persistence (a development tool). Every lookup checks expiry against ``clock``, which tests may
replace to move time forward without waiting.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

# Errors the launcher page can ask the authorization server to simulate.
UNKNOWN_CLIENT = "unknown-client"
WRONG_REDIRECT_URI = "wrong-redirect-uri"
SCOPE_DENIED = "scope-denied"
PARTIAL_SCOPES = "partial-scopes"
EXPIRED_ACCESS_TOKEN = "expired-access-token"
EXPIRED_REFRESH_TOKEN = "expired-refresh-token"
NO_PATIENT = "no-patient"
DEFAULT_LAUNCH_LIFETIME = 600  # seconds a launch id can start an authorization (the EHR page may be reloaded)
SIMULATED_ERRORS = {
    UNKNOWN_CLIENT: "unknown client (the authorization server does not know the app)",
    WRONG_REDIRECT_URI: "wrong redirect URI (does not match the registration)",
    SCOPE_DENIED: "the user denies access (access_denied)",
    PARTIAL_SCOPES: "only some scopes granted (no write scopes: the app is read-only)",
    EXPIRED_ACCESS_TOKEN: "expired access token (the first FHIR call gets 401; refresh works)",
    EXPIRED_REFRESH_TOKEN: "expired access and refresh token (refresh fails: launch again)",
    NO_PATIENT: "token without patient",
}


def new_secret() -> str:
    """An unguessable opaque value (256 bits) for launch ids, codes and tokens."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True)
class LaunchContext:
    """What the EHR knows when it launches an app (or what the user picked during a standalone launch)."""

    practitioner: str | None = None  # an id of a Practitioner
    patient: str | None = None  # an id of a Patient
    encounter: str | None = None
    fhir_context: tuple[str, ...] = ()  # references such as "CarePlan/x"
    intent: str | None = None
    need_patient_banner: bool = True
    client_id: str | None = None  # the registration the launch is for; None = any
    simulated_error: str | None = None
    standalone: bool = False
    portal: bool = False  # the patient portal: the signed-in user is the patient (fhirUser = the Patient)

    @property
    def user(self) -> str | None:
        """The signed-in user as ``Type/id``: the patient in the portal, else the practitioner."""
        if self.portal:
            return f"Patient/{self.patient}" if self.patient else None
        return f"Practitioner/{self.practitioner}" if self.practitioner else None


@dataclass(frozen=True)
class Grant:
    """What the user allowed one client: scopes and launch context. Codes and tokens point to a grant."""

    client_id: str
    scopes: tuple[str, ...]
    context: LaunchContext
    nonce: str | None = None

    def with_scopes(self, scopes: tuple[str, ...]) -> Grant:
        return replace(self, scopes=scopes)


@dataclass
class AuthorizationCode:
    grant: Grant
    redirect_uri: str
    code_challenge: str
    expires_at: float
    used: bool = False
    issued_tokens: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IssuedToken:
    """An access or refresh token: opaque to the app, looked up here."""

    value: str
    grant: Grant
    issued_at: float
    expires_at: float


class SandboxState:
    """Thread-safe in-memory stores; ``clock`` gives the current time in seconds."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._launches: dict[str, tuple[LaunchContext, float]] = {}  # context and the end of its lifetime
        self._standalone: dict[str, LaunchContext] = {}
        self._codes: dict[str, AuthorizationCode] = {}
        self._access: dict[str, IssuedToken] = {}
        self._refresh: dict[str, IssuedToken] = {}
        self._jtis: dict[str, float] = {}
        self._pending: dict[str, dict[str, Any]] = {}
        self._views: dict[str, dict[str, Any]] = {}

    # -- launches ---------------------------------------------------------------------------------------------

    def add_launch(self, context: LaunchContext, lifetime: float = DEFAULT_LAUNCH_LIFETIME) -> str:
        """A new launch id for ``context``, usable for ``lifetime`` seconds."""
        launch_id = new_secret()
        now = self.clock()
        with self._lock:
            for old in [k for k, (_, until) in self._launches.items() if until <= now]:
                del self._launches[old]
            self._launches[launch_id] = (context, now + lifetime)
        return launch_id

    def launch(self, launch_id: str) -> LaunchContext | None:
        """The launch's context; None when the id is unknown or its lifetime is over."""
        with self._lock:
            found = self._launches.get(launch_id)
        if found is None or found[1] <= self.clock():
            return None
        return found[0]

    def bind_launch(self, launch_id: str, client_id: str) -> bool:
        """Bind a launch made for any app to the first registered client that uses it; whether ``client_id`` may use
        it (a launch id seen by another app, e.g. in a log or a shared URL, is of no use there)."""
        with self._lock:
            found = self._launches.get(launch_id)
            if found is None:
                return False
            context, until = found
            if context.client_id is None:
                context = replace(context, client_id=client_id)
                self._launches[launch_id] = (context, until)
            return context.client_id == client_id

    def set_standalone(self, client_id: str, context: LaunchContext) -> None:
        """Settings the launcher chose for the next standalone launch of ``client_id`` (which has no launch id)."""
        with self._lock:
            self._standalone[client_id] = context

    def take_standalone(self, client_id: str) -> LaunchContext | None:
        with self._lock:
            return self._standalone.pop(client_id, None)

    def add_view(self, view: dict[str, Any]) -> str:
        """An EHR page the launcher made (patient banner and the app's frame), under an unguessable id."""
        view_id = new_secret()
        with self._lock:
            self._views[view_id] = view
        return view_id

    def view(self, view_id: str) -> dict[str, Any] | None:
        with self._lock:
            return self._views.get(view_id)

    # -- the consent page's pending requests ------------------------------------------------------------------

    def add_pending(self, request: dict[str, Any]) -> str:
        request_id = new_secret()
        with self._lock:
            self._pending[request_id] = request
        return request_id

    def take_pending(self, request_id: str) -> dict[str, Any] | None:
        with self._lock:
            return self._pending.pop(request_id, None)

    # -- codes ------------------------------------------------------------------------------------------------

    def add_code(self, grant: Grant, redirect_uri: str, code_challenge: str, lifetime: int) -> str:
        code = new_secret()
        with self._lock:
            self._codes[code] = AuthorizationCode(grant, redirect_uri, code_challenge, self.clock() + lifetime)
        return code

    def redeem_code(self, code: str) -> AuthorizationCode | None:
        """The code's record, marked used. A second redemption revokes what the first one issued (RFC 6749 4.1.2)."""
        with self._lock:
            record = self._codes.get(code)
            if record is None or record.expires_at <= self.clock():
                return None
            if record.used:
                for token in record.issued_tokens:
                    self._access.pop(token, None)
                    self._refresh.pop(token, None)
                return None
            record.used = True
            return record

    # -- tokens -----------------------------------------------------------------------------------------------

    def issue_access(self, grant: Grant, lifetime: int, code: AuthorizationCode | None = None) -> IssuedToken:
        return self._issue(self._access, grant, lifetime, code)

    def issue_refresh(self, grant: Grant, lifetime: int, code: AuthorizationCode | None = None) -> IssuedToken:
        return self._issue(self._refresh, grant, lifetime, code)

    def access_token(self, value: str) -> IssuedToken | None:
        return self._live(self._access, value)

    def known_access_token(self, value: str) -> IssuedToken | None:
        """The token even when expired (introspection answers ``active: false`` for it)."""
        with self._lock:
            return self._access.get(value)

    def take_refresh(self, value: str) -> IssuedToken | None:
        """A live refresh token, removed: a new one replaces it on every refresh."""
        with self._lock:
            token = self._refresh.get(value)
            if token is None or token.expires_at <= self.clock():
                return None
            del self._refresh[value]
            return token

    def use_jti(self, client_id: str, jti: str, expires_at: float) -> bool:
        """Record a client assertion's ``jti``; False when the client used it before (a replay)."""
        key = f"{client_id}\n{jti}"
        now = self.clock()
        with self._lock:
            for old in [k for k, until in self._jtis.items() if until < now]:
                del self._jtis[old]
            if key in self._jtis:
                return False
            self._jtis[key] = expires_at
            return True

    def _issue(
        self, store: dict[str, IssuedToken], grant: Grant, lifetime: int, code: AuthorizationCode | None
    ) -> IssuedToken:
        now = self.clock()
        token = IssuedToken(new_secret(), grant, now, now + lifetime)
        with self._lock:
            store[token.value] = token
            if code is not None:
                code.issued_tokens.append(token.value)
        return token

    def _live(self, store: dict[str, IssuedToken], value: str) -> IssuedToken | None:
        with self._lock:
            token = store.get(value)
        if token is None or token.expires_at <= self.clock():
            return None
        return token
