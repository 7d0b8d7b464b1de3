"""Access tokens for the FHIR client: a bearer token with an optional refresh hook.

The client asks a ``TokenProvider`` for the current token before each request. When the server answers 401, the
client calls ``refresh()`` once and repeats the request; if that fails too, it raises ``TokenExpired``. SMART Backend
Services (``srh_fhir.smart.BackendServicesAuth``) is another provider.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from srh_fhir.errors import AuthError, TokenExpired


class TokenProvider(Protocol):
    """Where the client gets its bearer token."""

    def access_token(self) -> str:
        """The token to send now (fetching one first if needed)."""
        ...

    def refresh(self) -> None:
        """Get a new token after the server refused the current one; raise AuthError when that is impossible."""
        ...


class BearerToken:
    """A fixed bearer token, optionally renewed by ``refresh_hook`` (a callable returning the new token)."""

    def __init__(self, token: str, refresh_hook: Callable[[], str] | None = None) -> None:
        if not token:
            raise ValueError("an empty bearer token")
        self._token = token
        self._refresh_hook = refresh_hook

    def access_token(self) -> str:
        return self._token

    def refresh(self) -> None:
        if self._refresh_hook is None:
            raise TokenExpired("the server refused the access token and no refresh hook was given")
        try:
            token = self._refresh_hook()
        except AuthError:
            raise
        except Exception as error:  # the hook is the caller's code: whatever it raised, the token is gone
            raise TokenExpired(f"the refresh hook failed: {error}") from error
        if not token:
            raise TokenExpired("the refresh hook returned no token")
        self._token = token

    def __repr__(self) -> str:  # never show the token itself
        return f"BearerToken(refreshable={self._refresh_hook is not None})"
