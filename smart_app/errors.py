"""The errors only the SMART app raises; everything about FHIR, servers and tokens comes from ``srh_fhir.errors``.

The app's own errors derive from ``SmartAppError``. The two about the EHR's authorisation answers are
``srh_fhir.errors.AuthError`` s, so code that handles the library's authorisation failures handles them too::

    SmartAppError                   base of the app's own errors (configuration, launch, session store)
    ├── ConfigError                 a SRH_APP_* variable is missing or malformed (also a ValueError)
    ├── LaunchError                 the launch cannot go on; ``reason`` picks the page shown, ``status`` its HTTP status
    └── StoreUnavailable            the session store cannot be reached (Redis down, folder not writable)

    srh_fhir.errors.SrhFhirError    the library's hierarchy (see srh_fhir.errors)
    └── AuthError
        ├── TokenRequestRefused     the EHR's token endpoint answered with an OAuth error (``error`` holds its code)
        └── InvalidIdToken          the id_token is not the issuer's, is meant for someone else, or has expired

A view never shows a traceback: ``smart_app.views.errors`` turns each of these into a page.
"""

from __future__ import annotations

from srh_fhir.errors import AuthError


class SmartAppError(Exception):
    """Base of the errors the app raises itself (not those about FHIR or authorisation: see ``srh_fhir.errors``)."""


class ConfigError(SmartAppError, ValueError):
    """A configuration variable is missing or malformed; the message names it."""


class LaunchError(SmartAppError):
    """The launch cannot go on; ``reason`` names the page to show, ``status`` its HTTP status."""

    def __init__(self, reason: str, status: int = 400, detail: str | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.status = status
        self.detail = detail


class StoreUnavailable(SmartAppError):
    """The session store cannot be reached (Redis down, folder not writable)."""


class TokenRequestRefused(AuthError):
    """The token endpoint answered with an OAuth error (``error`` holds its code, e.g. ``invalid_grant``)."""

    def __init__(self, error: str, description: str | None) -> None:
        super().__init__(f"the token endpoint refused the request: {error}")
        self.error = error
        self.description = description


class InvalidIdToken(AuthError):
    """The id_token is not signed by the issuer, is meant for someone else, or has expired."""
