"""SMART discovery and Backend Services: the token endpoint is played by ``responses``, but every client assertion
JWT it receives is verified for real (signature with the public key, header and claims)."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import parse_qs

import pytest
import responses
from joserfc import jwt
from joserfc.jwk import ECKey, RSAKey

from srh_fhir.client import FHIRClient
from srh_fhir.errors import AuthError, TokenExpired
from srh_fhir.smart import BackendServicesAuth, discover, load_private_key

BASE = "https://ehr.example/fhir"
TOKEN_URL = "https://auth.example/token"
CLIENT_ID = "srh-nightly-export"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


class TokenEndpoint:
    """Checks each token request like a real authorisation server would, and issues numbered tokens."""

    def __init__(self, public_key: RSAKey | ECKey, algorithm: str, kid: str, expires_in: int = 300) -> None:
        self.public_key = public_key
        self.algorithm = algorithm
        self.kid = kid
        self.expires_in = expires_in
        self.jtis: list[str] = []
        self.scopes: list[str] = []

    def __call__(self, request: Any) -> tuple[int, dict[str, str], str]:
        form = {k: v[0] for k, v in parse_qs(request.body).items()}
        assert form["grant_type"] == "client_credentials"
        assert form["client_assertion_type"] == ASSERTION_TYPE
        self.scopes.append(form["scope"])
        token = jwt.decode(form["client_assertion"], self.public_key, algorithms=[self.algorithm])
        assert token.header["alg"] == self.algorithm
        assert token.header["kid"] == self.kid
        claims = token.claims
        now = time.time()
        assert claims["iss"] == CLIENT_ID and claims["sub"] == CLIENT_ID
        assert claims["aud"] == TOKEN_URL
        assert now < claims["exp"] <= now + 300 + 5  # SMART: at most five minutes ahead
        assert claims["jti"] and claims["jti"] not in self.jtis  # never reused
        self.jtis.append(claims["jti"])
        body = (
            f'{{"access_token": "token-{len(self.jtis)}", "token_type": "Bearer", '
            f'"expires_in": {self.expires_in}, "scope": "{form["scope"]}"}}'
        )
        return 200, {"Content-Type": "application/json"}, body


def rsa_key() -> RSAKey:
    return RSAKey.generate_key(2048, private=True)


def ec_key() -> ECKey:
    return ECKey.generate_key("P-384", private=True)


def public(key: RSAKey | ECKey) -> RSAKey | ECKey:
    data = key.as_dict(private=False)
    return RSAKey.import_key(data) if isinstance(key, RSAKey) else ECKey.import_key(data)


@pytest.mark.parametrize(("make_key", "algorithm"), [(rsa_key, "RS384"), (ec_key, "ES384")])
def test_backend_services_token_is_used_by_the_client(
    mocked: responses.RequestsMock, make_key: Any, algorithm: str
) -> None:
    key = make_key()
    endpoint = TokenEndpoint(public(key), algorithm, kid="key-2026")
    mocked.add_callback(responses.POST, TOKEN_URL, callback=endpoint)
    mocked.get(f"{BASE}/Patient/p1", json={"resourceType": "Patient", "id": "p1"})

    auth = BackendServicesAuth(CLIENT_ID, key, TOKEN_URL, scope="system/Patient.rs", kid="key-2026")
    assert auth.algorithm == algorithm
    with FHIRClient(BASE, auth=auth) as fhir:
        fhir.read("Patient", "p1")
        fhir.read("Patient", "p1")

    assert len(endpoint.jtis) == 1  # the token is reused while it is valid
    fhir_calls = [c for c in mocked.calls if c.request.url.startswith(BASE)]
    assert [c.request.headers["Authorization"] for c in fhir_calls] == ["Bearer token-1", "Bearer token-1"]
    assert auth.granted_scope == "system/Patient.rs"


def test_a_401_from_the_fhir_server_fetches_a_new_token(mocked: responses.RequestsMock) -> None:
    key = rsa_key()
    endpoint = TokenEndpoint(public(key), "RS384", kid=key.thumbprint())
    mocked.add_callback(responses.POST, TOKEN_URL, callback=endpoint)
    mocked.get(f"{BASE}/Patient/p1", status=401)
    mocked.get(f"{BASE}/Patient/p1", json={"resourceType": "Patient", "id": "p1"})

    with FHIRClient(BASE, auth=BackendServicesAuth(CLIENT_ID, key, TOKEN_URL)) as fhir:
        assert fhir.read("Patient", "p1")["id"] == "p1"
    assert len(endpoint.jtis) == 2  # a new assertion (new jti) for the second token
    fhir_calls = [c for c in mocked.calls if c.request.url.startswith(BASE)]
    assert [c.request.headers["Authorization"] for c in fhir_calls] == ["Bearer token-1", "Bearer token-2"]


def test_an_expired_token_is_replaced_before_use(mocked: responses.RequestsMock) -> None:
    key = ec_key()
    endpoint = TokenEndpoint(public(key), "ES384", kid=key.thumbprint(), expires_in=60)
    mocked.add_callback(responses.POST, TOKEN_URL, callback=endpoint)
    now = [1000.0]
    auth = BackendServicesAuth(CLIENT_ID, key, TOKEN_URL, clock=lambda: now[0])
    assert auth.access_token() == "token-1"
    now[0] += 20
    assert auth.access_token() == "token-1"
    now[0] += 20  # within 30 s of the end
    assert auth.access_token() == "token-2"


def test_a_refused_client_is_an_auth_error(mocked: responses.RequestsMock) -> None:
    mocked.post(TOKEN_URL, status=401, json={"error": "invalid_client", "error_description": "unknown key"})
    auth = BackendServicesAuth(CLIENT_ID, rsa_key(), TOKEN_URL)
    with pytest.raises(AuthError, match="invalid_client"):
        auth.access_token()


def test_a_refused_renewal_after_a_401_is_token_expired(mocked: responses.RequestsMock) -> None:
    key = rsa_key()
    mocked.add_callback(responses.POST, TOKEN_URL, callback=TokenEndpoint(public(key), "RS384", kid="k"))
    mocked.post(TOKEN_URL, status=400, json={"error": "invalid_grant"})
    mocked.get(f"{BASE}/Patient/p1", status=401)
    fhir = FHIRClient(BASE, auth=BackendServicesAuth(CLIENT_ID, key, TOKEN_URL, kid="k"))
    with fhir, pytest.raises(TokenExpired, match="invalid_grant"):
        fhir.read("Patient", "p1")


def test_a_token_endpoint_failure_is_an_auth_error(mocked: responses.RequestsMock) -> None:
    mocked.post(TOKEN_URL, status=503, body="<html>down</html>", content_type="text/html")
    with pytest.raises(AuthError, match="HTTP 503"):
        BackendServicesAuth(CLIENT_ID, rsa_key(), TOKEN_URL).access_token()


def test_a_token_that_is_not_bearer_is_refused(mocked: responses.RequestsMock) -> None:
    mocked.post(TOKEN_URL, json={"access_token": "x", "token_type": "DPoP", "expires_in": 300})
    with pytest.raises(AuthError, match="DPoP"):
        BackendServicesAuth(CLIENT_ID, rsa_key(), TOKEN_URL).access_token()


def test_keys_load_from_pem_and_jwk() -> None:
    rsa, ec = rsa_key(), ec_key()
    assert load_private_key(rsa.as_pem(private=True).decode()).as_dict() == rsa.as_dict()
    assert load_private_key(ec.as_dict(private=True)).as_dict() == ec.as_dict()
    assert load_private_key(ec.as_pem(private=True)).as_dict() == ec.as_dict()
    with pytest.raises(AuthError, match="public key"):
        load_private_key(rsa.as_dict(private=False))
    with pytest.raises(AuthError, match="P-384"):
        load_private_key(ECKey.generate_key("P-256", private=True))
    with pytest.raises(AuthError, match="PEM"):
        load_private_key("not a key")


def test_the_key_and_token_do_not_show_in_repr(mocked: responses.RequestsMock) -> None:
    mocked.post(TOKEN_URL, json={"access_token": "secret-token", "token_type": "bearer", "expires_in": 300})
    auth = BackendServicesAuth(CLIENT_ID, rsa_key(), TOKEN_URL)
    auth.access_token()
    assert "secret-token" not in repr(auth) and "PRIVATE" not in repr(auth)


# -- discovery ------------------------------------------------------------------------------------------------


def test_discovery_reads_the_well_known_document_and_resolves_relative_urls(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/.well-known/smart-configuration",
        json={
            "token_endpoint": "../auth/token",
            "authorization_endpoint": "https://ehr.example/auth/authorize",
            "grant_types_supported": ["authorization_code", "client_credentials"],
            "token_endpoint_auth_methods_supported": ["private_key_jwt"],
            "token_endpoint_auth_signing_alg_values_supported": ["RS384", "ES384"],
            "capabilities": ["client-confidential-asymmetric", "permission-v2"],
            "code_challenge_methods_supported": ["S256"],
        },
    )
    configuration = discover(BASE)
    assert configuration.token_endpoint == "https://ehr.example/auth/token"
    assert configuration.supports_backend_services()
    assert "permission-v2" in configuration.capabilities


def test_backend_services_from_discovery(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/.well-known/smart-configuration",
        json={"token_endpoint": TOKEN_URL, "grant_types_supported": ["client_credentials"]},
    )
    key = rsa_key()
    endpoint = TokenEndpoint(public(key), "RS384", kid="k1")
    mocked.add_callback(responses.POST, TOKEN_URL, callback=endpoint)
    auth = BackendServicesAuth.from_discovery(BASE, CLIENT_ID, key, kid="k1", scope="system/*.rs")
    assert auth.access_token() == "token-1"
    assert endpoint.scopes == ["system/*.rs"]


def test_a_server_without_client_credentials_is_refused(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/.well-known/smart-configuration",
        json={"token_endpoint": TOKEN_URL, "grant_types_supported": ["authorization_code"]},
    )
    with pytest.raises(AuthError, match="does not offer SMART Backend Services"):
        BackendServicesAuth.from_discovery(BASE, CLIENT_ID, rsa_key())


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"status": 404, "json": {"resourceType": "OperationOutcome"}}, "no SMART configuration"),
        ({"status": 200, "body": "<html/>"}, "not JSON"),
        ({"status": 200, "json": {"authorization_endpoint": "x"}}, "no token_endpoint"),
    ],
)
def test_discovery_failures_are_auth_errors(
    mocked: responses.RequestsMock, answer: dict[str, Any], message: str
) -> None:
    mocked.get(f"{BASE}/.well-known/smart-configuration", **answer)
    with pytest.raises(AuthError, match=message):
        discover(BASE)
