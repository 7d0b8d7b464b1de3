"""OpenID Connect ``id_token`` validation (SMART App Launch 2.2, "Scopes for requesting identity data").

The signature is checked against the issuer's ``jwks_uri`` (RS256, RS384 or ES384; read again once when the token
names a key the cached set lacks, as after a key rotation), then ``iss`` (the SMART configuration's ``issuer``),
``aud`` (our client_id; with several audiences ``azp`` must be ours), ``exp`` and ``iat``. ``fhirUser`` may be
relative (``Practitioner/123``) or absolute; ``fhir_user_reference`` makes it relative when it lives on the launch's
FHIR server.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import requests
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from smart_app.errors import InvalidIdToken

ID_TOKEN_ALGORITHMS = ["RS256", "RS384", "ES384"]
CLOCK_LEEWAY = 60  # seconds
JWKS_CACHE_SECONDS = 300


class JwksCache:
    """The issuers' key sets, per ``jwks_uri``, kept a few minutes."""

    def __init__(self, http: requests.Session) -> None:
        self.http = http
        self._sets: dict[str, tuple[float, KeySet]] = {}
        self._lock = threading.Lock()

    def get(self, jwks_uri: str, *, fresh: bool = False) -> KeySet:
        with self._lock:
            cached = self._sets.get(jwks_uri)
        if cached and not fresh and time.monotonic() - cached[0] < JWKS_CACHE_SECONDS:
            return cached[1]
        try:
            response = self.http.get(jwks_uri, headers={"Accept": "application/json"})
            response.raise_for_status()
            key_set = KeySet.import_key_set(response.json())
        except requests.RequestException as error:
            raise InvalidIdToken(f"cannot read the issuer's keys ({type(error).__name__})") from error
        except (ValueError, TypeError, KeyError, JoseError) as error:
            raise InvalidIdToken("the issuer's jwks_uri does not hold a usable key set") from error
        with self._lock:
            self._sets[jwks_uri] = (time.monotonic(), key_set)
        return key_set


def validate_id_token(
    id_token: str, *, jwks: JwksCache, jwks_uri: str | None, issuer: str | None, client_id: str
) -> dict[str, Any]:
    """The claims of a valid id_token; raises InvalidIdToken otherwise."""
    if not jwks_uri or not issuer:
        raise InvalidIdToken("the server issues id_tokens but names no jwks_uri or issuer to check them with")
    token = _decode(id_token, jwks.get(jwks_uri))
    if token is None:  # a key the cached set lacks: read the set again once (the issuer may have rotated its keys)
        token = _decode(id_token, jwks.get(jwks_uri, fresh=True))
    if token is None:
        raise InvalidIdToken("the id_token is signed with a key the issuer does not publish")
    claims = dict(token.claims)
    registry = jwt.JWTClaimsRegistry(
        leeway=CLOCK_LEEWAY,
        iss={"essential": True, "value": issuer},
        aud={"essential": True, "value": client_id},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
    )
    try:
        registry.validate(claims)
    except JoseError as error:
        raise InvalidIdToken(f"the id_token is not valid for this app: {error.description or error.error}") from error
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise InvalidIdToken("the id_token has several audiences and another authorized party")
    return claims


def _decode(id_token: str, key_set: KeySet) -> jwt.Token | None:
    """The verified token; None when no key of the set has the token's kid (the set may be stale)."""
    try:
        return jwt.decode(id_token, key_set, algorithms=ID_TOKEN_ALGORITHMS)
    except InvalidKeyIdError:
        return None
    except ValueError as error:
        raise InvalidIdToken("the id_token cannot be read") from error
    except JoseError as error:
        raise InvalidIdToken(f"the id_token signature does not verify: {error.error}") from error


def fhir_user_reference(fhir_user: object, fhir_base: str) -> str | None:
    """``fhirUser`` as ``Type/id`` when it is on ``fhir_base`` (relative or absolute), else the absolute URL."""
    if not isinstance(fhir_user, str) or not fhir_user:
        return None
    base = fhir_base.rstrip("/") + "/"
    if fhir_user.startswith(base):
        return fhir_user[len(base) :]
    return fhir_user
