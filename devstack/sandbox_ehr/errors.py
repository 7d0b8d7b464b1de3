"""Every error the sandbox EHR raises itself, in one place.

The sandbox plays an independent EHR, so it shares no error classes with the SRH app; its names differ from the
app's (``smart_app.errors``) so a traceback never leaves doubt about which side failed::

    SandboxError                base of the sandbox's errors
    ├── SandboxConfigError      a sandbox setting is missing or unusable (also a ValueError)
    ├── LauncherError           the launcher's choices do not make a launch
    ├── RedirectError           an authorize request fails: an OAuth error sent to the app's redirect URI
    ├── ClientAuthError         the client could not be authenticated (OAuth invalid_client, HTTP 401)
    ├── TokenError              the token endpoint refuses the request (an OAuth error code and HTTP status)
    ├── Forbidden               the token may not make this FHIR request or see this answer (HTTP 403)
    └── UpstreamError           the FHIR server behind the sandbox failed or answered something that is not FHIR JSON
"""

from __future__ import annotations


class SandboxError(Exception):
    """Base of the errors the sandbox EHR raises."""


class SandboxConfigError(SandboxError, ValueError):
    """A required setting is missing or a setting has a value the sandbox cannot use."""


class LauncherError(SandboxError):
    """The launcher's choices do not make a launch."""


class RedirectError(SandboxError):
    """An OAuth error for the app, sent to its redirect URI."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(description)
        self.error = error
        self.description = description


class ClientAuthError(SandboxError):
    """The client could not be authenticated: OAuth ``invalid_client`` (HTTP 401)."""


class TokenError(SandboxError):
    """The token endpoint refuses the request: ``error`` is the OAuth error code, ``status`` the HTTP status."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


class Forbidden(SandboxError):
    """The token may not make this request or see this answer (HTTP 403)."""


class UpstreamError(SandboxError):
    """The upstream FHIR server could not be reached or answered something that is not FHIR JSON."""
