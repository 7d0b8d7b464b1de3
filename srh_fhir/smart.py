"""SMART on FHIR for integrators: discovery and SMART Backend Services (a batch job's own access token).

``discover(base)`` reads ``<base>/.well-known/smart-configuration``. ``BackendServicesAuth`` gets tokens with the
OAuth2 ``client_credentials`` grant, authenticating with ``private_key_jwt``: a JWT signed with the client's private
key (RS384 or ES384, as SMART requires) with ``iss`` = ``sub`` = client id, ``aud`` = the token endpoint, an ``exp``
at most five minutes ahead, a fresh ``jti`` and the key's ``kid`` in the header. It is a ``TokenProvider``::

    auth = BackendServicesAuth.from_discovery(base, client_id="my-job", private_key=pem, scope="system/*.rs")
    with FHIRClient(base, auth=auth) as fhir:
        ...
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import requests
from authlib.integrations.base_client.errors import OAuthError  # type: ignore[import-untyped]
from authlib.integrations.requests_client.oauth2_session import (  # type: ignore[import-untyped]
    OAuth2Auth,
    OAuth2ClientAuth,
)
from authlib.oauth2.client import OAuth2Client  # type: ignore[import-untyped]
from authlib.oauth2.rfc7523 import PrivateKeyJWT, private_key_jwt_sign  # type: ignore[import-untyped]
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, RSAKey

from srh_fhir.deadline import DEFAULT_DEADLINE, within
from srh_fhir.errors import AuthError, FHIRConnectionError
from srh_fhir.http import DEFAULT_TIMEOUT, Timeout, build_session, read_body

ASSERTION_LIFETIME = 300  # seconds; SMART: "no more than five minutes in the future"
EXPIRY_MARGIN = 30  # seconds before a token's end at which a new one is fetched
SIGNING_ALGORITHMS = {"RSA": "RS384", "EC": "ES384"}
MAX_CONFIGURATION_BYTES = 1024 * 1024  # a SMART configuration is a few KB

PrivateKey = RSAKey | ECKey


@dataclass(frozen=True)
class SmartConfiguration:
    """The parts of a server's SMART configuration an integrator needs; ``raw`` holds all of it."""

    token_endpoint: str
    grant_types_supported: tuple[str, ...] = ()
    token_endpoint_auth_methods_supported: tuple[str, ...] = ()
    token_endpoint_auth_signing_alg_values_supported: tuple[str, ...] = ()
    scopes_supported: tuple[str, ...] = ()
    capabilities: tuple[str, ...] = ()
    authorization_endpoint: str | None = None
    issuer: str | None = None
    jwks_uri: str | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False)

    def supports_backend_services(self) -> bool:
        """Whether the server says it takes client_credentials with private_key_jwt (a silent server may still)."""
        grants_ok = "client_credentials" in self.grant_types_supported
        methods = self.token_endpoint_auth_methods_supported
        return grants_ok and (not methods or "private_key_jwt" in methods)


def discover(
    fhir_base: str,
    session: requests.Session | None = None,
    timeout: Timeout | None = None,
    deadline: float = DEFAULT_DEADLINE,
) -> SmartConfiguration:
    """Read ``<fhir_base>/.well-known/smart-configuration``; relative endpoint URLs are resolved against the base.

    ``session`` is one from ``srh_fhir.http.build_session`` (default: a new one, closed after); ``timeout`` overrides
    its timeout. The whole exchange ends within ``deadline`` seconds (DeadlineExceeded) and reads at most
    ``MAX_CONFIGURATION_BYTES`` (FHIRProtocolError).
    """
    base = fhir_base.rstrip("/") + "/"
    url = urljoin(base, ".well-known/smart-configuration")
    http = session or build_session()
    try:
        with within(deadline):
            response = http.get(url, headers={"Accept": "application/json"}, timeout=timeout, stream=True)
            read_body(response, MAX_CONFIGURATION_BYTES)
    except requests.RequestException as error:
        raise FHIRConnectionError(
            f"cannot read the SMART configuration of {fhir_base}: {type(error).__name__}"
        ) from error
    finally:
        if session is None:
            http.close()
    if response.status_code != 200:
        raise AuthError(f"{fhir_base} has no SMART configuration (HTTP {response.status_code} from {url})")
    try:
        document = response.json()
    except ValueError as error:
        raise AuthError(f"the SMART configuration of {fhir_base} is not JSON") from error
    if not isinstance(document, dict) or not isinstance(document.get("token_endpoint"), str):
        raise AuthError(f"the SMART configuration of {fhir_base} names no token_endpoint")

    def endpoint(name: str) -> str | None:
        value = document.get(name)
        return urljoin(base, value) if isinstance(value, str) and value else None

    def strings(name: str) -> tuple[str, ...]:
        value = document.get(name)
        return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()

    return SmartConfiguration(
        token_endpoint=urljoin(base, document["token_endpoint"]),
        grant_types_supported=strings("grant_types_supported"),
        token_endpoint_auth_methods_supported=strings("token_endpoint_auth_methods_supported"),
        token_endpoint_auth_signing_alg_values_supported=strings("token_endpoint_auth_signing_alg_values_supported"),
        scopes_supported=strings("scopes_supported"),
        capabilities=strings("capabilities"),
        authorization_endpoint=endpoint("authorization_endpoint"),
        issuer=document.get("issuer") if isinstance(document.get("issuer"), str) else None,
        jwks_uri=endpoint("jwks_uri"),
        raw=document,
    )


def load_private_key(key: PrivateKey | Mapping[str, Any] | str | bytes) -> PrivateKey:
    """A joserfc RSA or EC private key from a key object, a private JWK (dict) or PEM text."""
    if isinstance(key, RSAKey | ECKey):
        loaded: PrivateKey = key
    elif isinstance(key, Mapping):
        kty = key.get("kty")
        if kty not in SIGNING_ALGORITHMS:
            raise AuthError(f"a {kty!r} key cannot sign for SMART Backend Services (RSA or EC P-384 needed)")
        try:
            loaded = RSAKey.import_key(dict(key)) if kty == "RSA" else ECKey.import_key(dict(key))
        except (ValueError, TypeError, KeyError, JoseError) as error:
            raise AuthError(f"the private key is not a usable {kty} JWK") from error
    else:
        loaded = _key_from_pem(key.encode() if isinstance(key, str) else key)
    if not loaded.is_private:
        raise AuthError("a public key was given where the client's private key is needed")
    if isinstance(loaded, ECKey) and loaded.curve_name != "P-384":
        raise AuthError(f"ES384 needs an EC key on P-384, not {loaded.curve_name}")
    return loaded


def _key_from_pem(pem: bytes) -> PrivateKey:
    """An RSA or EC key from PEM (joserfc needs to be told the key type; a wrong guess is a JoseError)."""
    for key_class in (RSAKey, ECKey):
        try:
            return key_class.import_key(pem)
        except (ValueError, TypeError, JoseError):
            continue
    raise AuthError("the private key is neither an RSA nor an EC key in PEM form")


class SmartPrivateKeyJWT(PrivateKeyJWT):  # type: ignore[misc]
    """Authlib's private_key_jwt with SMART's limits: a 5-minute assertion, a kid header and a fresh jti each time."""

    def __init__(self, token_endpoint: str, key: PrivateKey, kid: str) -> None:
        super().__init__(token_endpoint, headers={"kid": kid, "typ": "JWT"}, alg=SIGNING_ALGORITHMS[key.key_type])
        self.key = key

    def sign(self, auth: Any, token_endpoint: str) -> str:
        signed: str = private_key_jwt_sign(
            self.key,
            client_id=auth.client_id,
            token_endpoint=token_endpoint,
            alg=self.alg,
            claims={},  # a new dict each time: Authlib stores the generated jti in it
            header=dict(self.headers),
            expires_in=ASSERTION_LIFETIME,
        )
        return signed


class TokenClient(OAuth2Client):  # type: ignore[misc]
    """Authlib's OAuth 2 client sending its token requests through a session of ours (``build_session``).

    The requests share that session's pool, timeout and retry policy (a token request is a POST: sent once, unless
    the connection could not even be made). Authlib's own ``OAuth2Session`` would be a new, unconfigured session.
    """

    client_auth_class = OAuth2ClientAuth
    token_auth_class = OAuth2Auth
    oauth_error_class = OAuthError


class BackendServicesAuth:
    """Access tokens from SMART Backend Services (client_credentials + private_key_jwt); a ``TokenProvider``.

    Token requests go through ``session`` (default: a new ``build_session`` with ``timeout``); each ends within
    ``deadline`` seconds (or the deadline of the FHIR call that needed the token, if that ends sooner).
    """

    def __init__(
        self,
        client_id: str,
        private_key: PrivateKey | Mapping[str, Any] | str | bytes,
        token_endpoint: str,
        *,
        scope: str = "system/*.rs",
        kid: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        clock: Callable[[], float] = time.time,
        session: requests.Session | None = None,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        if not client_id:
            raise ValueError("a client id is needed")
        self.client_id = client_id
        self.token_endpoint = token_endpoint
        self.scope = scope
        self.timeout = timeout
        self.deadline = deadline
        self.session = session or build_session(timeout=timeout)
        self.granted_scope: str | None = None
        self._key = load_private_key(private_key)
        self._kid = kid or self._key.kid or self._key.thumbprint()
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0

    @classmethod
    def from_discovery(
        cls,
        fhir_base: str,
        client_id: str,
        private_key: PrivateKey | Mapping[str, Any] | str | bytes,
        *,
        scope: str = "system/*.rs",
        kid: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
    ) -> BackendServicesAuth:
        """Find the token endpoint in the server's SMART configuration."""
        configuration = discover(fhir_base, timeout=timeout)
        if not configuration.supports_backend_services():
            raise AuthError(f"{fhir_base} does not offer SMART Backend Services (client_credentials, private_key_jwt)")
        return cls(client_id, private_key, configuration.token_endpoint, scope=scope, kid=kid, timeout=timeout)

    @property
    def algorithm(self) -> str:
        return SIGNING_ALGORITHMS[self._key.key_type]

    def access_token(self) -> str:
        if self._token is None or self._clock() >= self._expires_at - EXPIRY_MARGIN:
            self.refresh()
        assert self._token is not None
        return self._token

    def refresh(self) -> None:
        """Fetch a new access token (Backend Services has no refresh tokens: each token is a new grant)."""
        client = TokenClient(
            self.session, self.client_id, self._key, token_endpoint_auth_method="private_key_jwt", scope=self.scope
        )
        client.register_client_auth_method(SmartPrivateKeyJWT(self.token_endpoint, self._key, self._kid))
        try:
            with within(self.deadline):
                token = client.fetch_token(self.token_endpoint, grant_type="client_credentials", scope=self.scope)
        except OAuthError as error:
            raise AuthError(f"the token endpoint refused the client {self.client_id!r}: {error}") from error
        except requests.HTTPError as error:
            status = error.response.status_code if error.response is not None else "?"
            raise AuthError(f"the token endpoint failed (HTTP {status})") from error
        except requests.RequestException as error:
            raise FHIRConnectionError(f"cannot reach the token endpoint: {type(error).__name__}") from error
        self._accept(token)

    def _accept(self, token: Mapping[str, Any]) -> None:
        access_token = token.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise AuthError("the token endpoint answered without an access_token")
        token_type = str(token.get("token_type", ""))
        if token_type.lower() != "bearer":
            raise AuthError(f"the token endpoint issued a {token_type or 'typeless'} token, not a bearer token")
        expires_in = token.get("expires_in")
        lifetime = float(expires_in) if isinstance(expires_in, int | float | str) and str(expires_in) else 300.0
        self._token = access_token
        self._expires_at = self._clock() + lifetime
        self.granted_scope = str(token["scope"]) if token.get("scope") else None

    def __repr__(self) -> str:  # no token, no key
        return f"BackendServicesAuth(client_id={self.client_id!r}, token_endpoint={self.token_endpoint!r})"
