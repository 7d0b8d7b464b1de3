"""Client authentication of each client type, and id_token validation, at the token exchange."""

from __future__ import annotations

import base64
import time
from pathlib import Path
from typing import Any

import pytest
import requests
import responses
from app_fake_ehr import CLIENT_ID, CLIENT_SECRET, ISSUER, JWKS, TOKEN, FakeEhr, smart_configuration
from flask.testing import FlaskClient
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet, RSAKey
from launch_support import full_launch, make_app

from smart_app.config import load_signing_key, settings_from_env
from smart_app.errors import InvalidIdToken
from smart_app.id_token import JwksCache, validate_id_token

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"


def asymmetric_client(tmp_path: Path) -> FlaskClient:
    rsa = RSAKey.generate_key(2048)
    ec = ECKey.generate_key("P-384")
    keys = (load_signing_key(rsa.as_pem(private=True).decode(), "rsa-1"), load_signing_key(ec.as_dict(private=True)))
    return make_app(tmp_path, client_type="confidential-asymmetric", signing_keys=keys).test_client()


def verify_assertion(client: FlaskClient, form: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The assertion's header and claims, checked against the app's published JWKS."""
    published = client.get("/.well-known/jwks.json").get_json()
    assert all("d" not in key for key in published["keys"])  # public parts only
    assert form["client_assertion_type"] == ASSERTION_TYPE
    token = jwt.decode(form["client_assertion"], KeySet.import_key_set(published), algorithms=["RS384", "ES384"])
    return dict(token.header), dict(token.claims)


def test_symmetric_client_authenticates_with_http_basic(tmp_path: Path, mock: responses.RequestsMock) -> None:
    ehr = FakeEhr(mock).install()
    client = make_app(tmp_path, client_type="confidential-symmetric", client_secret=CLIENT_SECRET).test_client()
    assert full_launch(client, ehr).status_code == 303
    (request,) = ehr.token_requests
    expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert request["headers"]["Authorization"] == f"Basic {expected}"
    assert "client_secret" not in request["form"]


@pytest.mark.parametrize(("algorithms", "expected"), [(["RS384", "ES384"], "RS384"), (["ES384"], "ES384")])
def test_asymmetric_client_signs_a_smart_client_assertion(
    tmp_path: Path, mock: responses.RequestsMock, algorithms: list[str], expected: str
) -> None:
    configuration = smart_configuration(token_endpoint_auth_signing_alg_values_supported=algorithms)
    ehr = FakeEhr(mock, configuration=configuration).install()
    client = asymmetric_client(tmp_path)
    assert full_launch(client, ehr).status_code == 303
    assert full_launch(client, ehr).status_code == 303
    seen = []
    for request in ehr.token_requests:
        header, claims = verify_assertion(client, request["form"])
        assert header["alg"] == expected and header["kid"]
        assert claims["iss"] == claims["sub"] == CLIENT_ID
        assert claims["aud"] == TOKEN
        assert 0 < claims["exp"] - time.time() <= 300
        seen.append(claims["jti"])
        assert "Authorization" not in request["headers"]
    assert len(set(seen)) == 2  # a fresh jti every time


def test_an_ec_pem_key_from_the_environment_signs_an_es384_assertion(
    tmp_path: Path, mock: responses.RequestsMock
) -> None:
    key_file = tmp_path / "ec-p384.pem"
    key_file.write_bytes(ECKey.generate_key("P-384").as_pem(private=True))
    environ = {
        "SRH_APP_SECRET_KEY": "s" * 40,
        "SRH_APP_CLIENT_ID": CLIENT_ID,
        "SRH_APP_ALLOWED_ISSUERS": ISSUER,
        "SRH_APP_CLIENT_TYPE": "confidential-asymmetric",
        "SRH_APP_PRIVATE_KEYS": str(key_file),
    }
    keys = settings_from_env(environ).signing_keys
    assert [key.algorithm for key in keys] == ["ES384"]
    configuration = smart_configuration(token_endpoint_auth_signing_alg_values_supported=["ES384"])
    ehr = FakeEhr(mock, configuration=configuration).install()
    client = make_app(tmp_path, client_type="confidential-asymmetric", signing_keys=keys).test_client()
    assert full_launch(client, ehr).status_code == 303
    header, claims = verify_assertion(client, ehr.token_requests[0]["form"])
    assert header["alg"] == "ES384" and header["kid"] == keys[0].kid
    assert claims["iss"] == claims["sub"] == CLIENT_ID and claims["aud"] == TOKEN


def test_the_jwks_url_names_each_key_with_kid_and_algorithm(tmp_path: Path) -> None:
    keys = asymmetric_client(tmp_path).get("/.well-known/jwks.json").get_json()["keys"]
    assert {(k["kty"], k["alg"]) for k in keys} == {("RSA", "RS384"), ("EC", "ES384")}
    assert keys[0]["kid"] == "rsa-1" and keys[1]["kid"]


# -- id_token ----------------------------------------------------------------------------------------------------


def launch_with_id_token(tmp_path: Path, mock: responses.RequestsMock, id_token: Any) -> tuple[int, str]:
    ehr = FakeEhr(mock).install()
    ehr.extra_token_fields["id_token"] = id_token(ehr) if callable(id_token) else id_token
    response = full_launch(make_app(tmp_path).test_client(), ehr)
    return response.status_code, response.get_data(as_text=True)


def tampered(ehr: FakeEhr) -> str:
    header, _, signature = ehr.id_token().split(".")
    forged = jwt.encode({"alg": "RS256", "kid": ehr.key.kid}, {"sub": "mallory"}, RSAKey.generate_key(2048))
    return ".".join([header, forged.split(".")[1], signature])


@pytest.mark.parametrize(
    "id_token",
    [
        pytest.param(tampered, id="tampered payload"),
        pytest.param(lambda ehr: ehr.id_token(aud="another-app"), id="wrong aud"),
        pytest.param(lambda ehr: ehr.id_token(iss="https://evil.example.org/fhir"), id="wrong iss"),
        pytest.param(lambda ehr: ehr.id_token(exp=int(time.time()) - 3600), id="expired"),
        pytest.param(lambda ehr: ehr.id_token(aud=[CLIENT_ID, "other"], azp="other"), id="other azp"),
        pytest.param(
            lambda ehr: jwt.encode(
                {"alg": "RS256", "kid": ehr.key.kid},
                {"iss": ISSUER, "aud": CLIENT_ID, "sub": "x", "exp": int(time.time()) + 60, "iat": int(time.time())},
                RSAKey.generate_key(2048),
            ),
            id="signed by another key",
        ),
        pytest.param(
            lambda ehr: jwt.encode(
                {"alg": "RS256", "kid": "unknown-kid"},
                {"iss": ISSUER, "aud": CLIENT_ID, "sub": "x", "exp": int(time.time()) + 60, "iat": int(time.time())},
                RSAKey.generate_key(2048),
            ),
            id="unknown kid",
        ),
        pytest.param(
            lambda ehr: jwt.encode(
                {"alg": "RS256", "kid": ehr.key.kid},
                {"aud": CLIENT_ID, "sub": "x", "exp": int(time.time()) + 60, "iat": int(time.time())},
                ehr.key,
            ),
            id="no iss",
        ),
        pytest.param(lambda ehr: ehr.id_token(iss=None), id="null iss"),
        pytest.param("not-a-jwt", id="garbage"),
    ],
)
def test_an_invalid_id_token_stops_the_launch(tmp_path: Path, mock: responses.RequestsMock, id_token: Any) -> None:
    status, page = launch_with_id_token(tmp_path, mock, id_token)
    assert status == 502
    assert 'data-reason="id_token_invalid"' in page


def test_an_id_token_without_iss_is_refused_naming_the_claim(mock: responses.RequestsMock) -> None:
    ehr = FakeEhr(mock).install()
    now = int(time.time())
    token = jwt.encode(
        {"alg": "RS256", "kid": ehr.key.kid}, {"aud": CLIENT_ID, "sub": "x", "exp": now + 60, "iat": now}, ehr.key
    )
    with pytest.raises(InvalidIdToken, match="Missing claim: 'iss'"):
        validate_id_token(token, jwks=JwksCache(requests.Session()), jwks_uri=JWKS, issuer=ISSUER, client_id=CLIENT_ID)


def test_an_absolute_fhir_user_becomes_a_reference_on_the_server(tmp_path: Path, mock: responses.RequestsMock) -> None:
    ehr = FakeEhr(mock, id_token_claims={"fhirUser": f"{ISSUER}/Practitioner/p-1"}).install()
    app = make_app(tmp_path)
    location = full_launch(app.test_client(), ehr).headers["Location"]
    stored = app.extensions["srh_store"].get("launch", location.strip("/").split("/")[1])
    assert stored["fhir_user"] == "Practitioner/p-1"


def test_rotated_issuer_keys_are_fetched_again(tmp_path: Path, mock: responses.RequestsMock) -> None:
    ehr = FakeEhr(mock).install()
    app = make_app(tmp_path)
    assert full_launch(app.test_client(), ehr).status_code == 303
    ehr.key = RSAKey.generate_key(2048, parameters={"kid": "ehr-key-2"})  # the issuer rotates its key
    assert full_launch(app.test_client(), ehr).status_code == 303
    assert sum(1 for call in mock.calls if call.request.url == JWKS) == 2
