"""Token requests with the app's client authentication (SMART App Launch 2.2, "Client Authentication").

- public: ``client_id`` in the form body, nothing else (PKCE protects the code);
- confidential-symmetric: HTTP Basic with the client secret;
- confidential-asymmetric: ``private_key_jwt``: a JWT signed RS384 or ES384 with ``iss`` = ``sub`` = client_id,
  ``aud`` = the token endpoint, ``exp`` five minutes ahead, a fresh ``jti`` and the key's ``kid`` in the header.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests
from authlib.integrations.base_client.errors import OAuthError  # type: ignore[import-untyped]

from smart_app.config import AppSettings
from smart_app.errors import TokenRequestRefused
from srh_fhir.errors import AuthError, FHIRConnectionError
from srh_fhir.smart import SmartPrivateKeyJWT, TokenClient

DEFAULT_TOKEN_LIFETIME = 300  # seconds, when the server sends no expires_in
AUTH_METHODS = {
    "public": "none",
    "confidential-symmetric": "client_secret_basic",
    "confidential-asymmetric": "private_key_jwt",
}


def token_client(
    settings: AppSettings,
    http: requests.Session,
    token_endpoint: str,
    signing_algorithms: tuple[str, ...] = (),
    redirect_uri: str | None = None,
) -> TokenClient:
    """An Authlib client that authenticates as the app's client type at ``token_endpoint``, sending through ``http``."""
    method = AUTH_METHODS[settings.client_type]
    if settings.client_type == "confidential-asymmetric":
        signing_key = settings.signing_key_for(signing_algorithms)
        client = TokenClient(
            http, settings.client_id, signing_key.key, token_endpoint_auth_method=method, redirect_uri=redirect_uri
        )
        client.register_client_auth_method(SmartPrivateKeyJWT(token_endpoint, signing_key.key, signing_key.kid))
        return client
    secret = settings.client_secret if settings.client_type == "confidential-symmetric" else None
    return TokenClient(http, settings.client_id, secret, token_endpoint_auth_method=method, redirect_uri=redirect_uri)


def request_token(client: TokenClient, token_endpoint: str, **params: Any) -> dict[str, Any]:
    """POST to the token endpoint (``grant_type`` and its parameters in ``params``); the JSON answer as a dict."""
    try:
        if params.get("grant_type") == "refresh_token":
            token = client.refresh_token(token_endpoint, refresh_token=params["refresh_token"])
        else:
            token = client.fetch_token(token_endpoint, **params)
    except OAuthError as error:
        raise TokenRequestRefused(str(error.error or "error"), error.description) from error
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else "?"
        raise AuthError(f"the token endpoint failed (HTTP {status})") from error
    except requests.RequestException as error:
        raise FHIRConnectionError(f"cannot reach the token endpoint: {type(error).__name__}") from error
    except ValueError as error:  # not JSON
        raise AuthError("the token endpoint did not answer with JSON") from error
    return dict(token)


def check_token_response(token: Mapping[str, Any]) -> None:
    """The required parts of a SMART token response: access_token, token_type Bearer and scope."""
    if not isinstance(token.get("access_token"), str) or not token["access_token"]:
        raise AuthError("the token response has no access_token")
    if str(token.get("token_type", "")).lower() != "bearer":
        raise AuthError("the token response is not for a Bearer token")
    if not isinstance(token.get("scope"), str):
        raise AuthError("the token response does not say which scopes were granted")


def token_lifetime(expires_in: object) -> float:
    """Seconds an access token lives (``expires_in``; a default when the server does not say)."""
    if isinstance(expires_in, int | float | str):
        try:
            return float(expires_in)
        except ValueError:
            pass
    return DEFAULT_TOKEN_LIFETIME
