"""Client authentication at the token and introspection endpoints, per the client's registered type.

public: ``client_id`` only. confidential-symmetric: HTTP Basic (``client_secret_basic``). confidential-asymmetric:
``private_key_jwt`` as SMART App Launch 2 defines it: RS384 or ES384, a ``kid``, the key taken from the client's
registered JWKS URL, ``iss`` = ``sub`` = client_id, ``aud`` = the token endpoint, ``exp`` at most five minutes
ahead, and a ``jti`` never seen before from that client.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote_plus

import requests
from joserfc import jws, jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from devstack.sandbox_ehr.config import ASYMMETRIC, PUBLIC, SYMMETRIC, ClientRegistration
from devstack.sandbox_ehr.errors import ClientAuthError
from devstack.sandbox_ehr.runtime import Sandbox

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_ALGORITHMS = ("RS384", "ES384")
MAX_ASSERTION_LIFETIME = 300  # seconds
CLOCK_SKEW = 5  # seconds of tolerance for the clocks of sandbox and app
JWKS_TIMEOUT = 10.0


def authenticate_client(sandbox: Sandbox, form: Mapping[str, str], authorization: str | None) -> ClientRegistration:
    """The registration of the client that made this request, authenticated as its type requires."""
    basic = _basic_credentials(authorization)
    assertion = form.get("client_assertion")
    if basic is not None:
        client_id = basic[0]
    elif assertion:
        client_id = str(_unverified_claims(assertion).get("iss", ""))
    else:
        client_id = form.get("client_id", "")
    if form.get("client_id") and form["client_id"] != client_id:
        raise ClientAuthError("client_id does not match the client's credentials")
    registration = sandbox.config.client(client_id) if client_id else None
    if registration is None:
        raise ClientAuthError("unknown client")
    if registration.client_type == PUBLIC:
        if basic is not None or assertion:
            raise ClientAuthError("a public client sends no credentials")
    elif registration.client_type == SYMMETRIC:
        if basic is None:
            raise ClientAuthError("this client authenticates with HTTP Basic (client_secret_basic)")
        expected = (registration.client_secret or "").encode()
        if not hmac.compare_digest(basic[1].encode(), expected):
            raise ClientAuthError("wrong client secret")
    elif registration.client_type == ASYMMETRIC:
        if not assertion or form.get("client_assertion_type") != ASSERTION_TYPE:
            raise ClientAuthError("this client authenticates with a private_key_jwt client assertion")
        _verify_assertion(sandbox, registration, assertion)
    return registration


def _basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    if not authorization or not authorization.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(authorization[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as error:
        raise ClientAuthError("malformed HTTP Basic credentials") from error
    client_id, separator, secret = decoded.partition(":")
    if not separator:
        raise ClientAuthError("malformed HTTP Basic credentials")
    # RFC 6749 2.3.1: both parts are form-urlencoded before they are joined.
    return unquote_plus(client_id), unquote_plus(secret)


def _unverified_claims(assertion: str) -> dict[str, Any]:
    try:
        payload = jws.extract_compact(assertion.encode()).payload
        claims = json.loads(payload)
    except (JoseError, ValueError) as error:
        raise ClientAuthError("the client assertion is not a JWT") from error
    if not isinstance(claims, dict):
        raise ClientAuthError("the client assertion is not a JWT")
    return claims


def _verify_assertion(sandbox: Sandbox, registration: ClientRegistration, assertion: str) -> None:
    try:
        header = jws.extract_compact(assertion.encode()).protected
    except JoseError as error:
        raise ClientAuthError("the client assertion is not a JWT") from error
    algorithm, kid = header.get("alg"), header.get("kid")
    if algorithm not in ASSERTION_ALGORITHMS:
        raise ClientAuthError(f"the client assertion must be signed with {' or '.join(ASSERTION_ALGORITHMS)}")
    if not kid:
        raise ClientAuthError("the client assertion has no kid")
    key_set = _client_keys(sandbox, registration)
    try:
        key = key_set.get_by_kid(kid)
        token = jwt.decode(assertion, key, algorithms=[algorithm])
    except (JoseError, ValueError) as error:
        raise ClientAuthError(f"the client assertion's signature does not verify ({type(error).__name__})") from error
    _check_claims(sandbox, registration.client_id, token.claims)


def _client_keys(sandbox: Sandbox, registration: ClientRegistration) -> KeySet:
    assert registration.jwks_url is not None
    try:
        response = sandbox.http.get(registration.jwks_url, timeout=JWKS_TIMEOUT, headers={"Accept": "application/json"})
        response.raise_for_status()
        return KeySet.import_key_set(response.json())
    except (requests.RequestException, ValueError, JoseError) as error:
        raise ClientAuthError(f"cannot read the client's JWKS ({type(error).__name__})") from error


def _check_claims(sandbox: Sandbox, client_id: str, claims: Mapping[str, Any]) -> None:
    now = sandbox.state.clock()
    if claims.get("iss") != client_id or claims.get("sub") != client_id:
        raise ClientAuthError("the client assertion's iss and sub must both be the client_id")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if sandbox.config.token_endpoint not in audiences:
        raise ClientAuthError("the client assertion's aud must be the token endpoint")
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or isinstance(expires, bool):
        raise ClientAuthError("the client assertion has no exp")
    if expires <= now - CLOCK_SKEW:
        raise ClientAuthError("the client assertion has expired")
    if expires > now + MAX_ASSERTION_LIFETIME + CLOCK_SKEW:
        raise ClientAuthError("the client assertion's exp is more than five minutes ahead")
    jti = claims.get("jti")
    if not isinstance(jti, str) or not jti:
        raise ClientAuthError("the client assertion has no jti")
    if not sandbox.state.use_jti(client_id, jti, float(expires) + CLOCK_SKEW):
        raise ClientAuthError("the client assertion's jti was used before")
