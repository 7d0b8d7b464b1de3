"""The sandbox EHR's authorization server: discovery, authorize, token (PKCE, each client type), refresh,
introspection, id_token, and the simulated errors. No FHIR server is needed: these never reach upstream."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator
from typing import Any

import pytest
import responses
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import ECKey, KeySet, RSAKey
from sandbox_support import (
    APP_SCOPES,
    CLIENT_SECRET,
    FHIR_BASE,
    INGRID,
    JWKS_URL,
    LOTTE,
    REDIRECT_URI,
    TOKEN_URL,
    SandboxHarness,
    add_launch,
    authorize,
    authorize_params,
    make_harness,
    pkce_pair,
    query_of,
)

from devstack.sandbox_ehr.client_auth import ASSERTION_TYPE
from devstack.sandbox_ehr.config import SandboxConfig
from devstack.sandbox_ehr.state import (
    EXPIRED_ACCESS_TOKEN,
    EXPIRED_REFRESH_TOKEN,
    NO_PATIENT,
    PARTIAL_SCOPES,
    SCOPE_DENIED,
    UNKNOWN_CLIENT,
    WRONG_REDIRECT_URI,
)


@pytest.fixture
def harness() -> SandboxHarness:
    """A sandbox with no FHIR server behind it (instead of the tier's, which needs HAPI)."""
    return make_harness("http://127.0.0.1:9/fhir")  # never reached here


def _basic(client_id: str, secret: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()}


def _code(harness: SandboxHarness, challenge: str, **overrides: str) -> str:
    launch = add_launch(harness, client_id=None)
    return authorize(harness, authorize_params(launch, challenge, **overrides))["code"]


def _exchange(harness: SandboxHarness, code: str, verifier: str, client_id: str = "srh-public",
              headers: dict[str, str] | None = None, **extra: str) -> Any:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier}
    if client_id:
        form["client_id"] = client_id
    return harness.client.post("/auth/token", data={**form, **extra}, headers=headers or {})


def _tokens(harness: SandboxHarness, **overrides: str) -> dict[str, Any]:
    verifier, challenge = pkce_pair()
    response = _exchange(harness, _code(harness, challenge, **overrides), verifier)
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def _introspect(harness: SandboxHarness, token: str) -> dict[str, Any]:
    response = harness.client.post(
        "/auth/introspect", data={"token": token}, headers=_basic("srh-confidential", CLIENT_SECRET)
    )
    assert response.status_code == 200
    body: dict[str, Any] = response.get_json()
    return body


# -- discovery ------------------------------------------------------------------------------------------------


def test_smart_configuration_offers_what_the_contract_lists(harness: SandboxHarness) -> None:
    response = harness.client.get("/fhir/.well-known/smart-configuration")
    assert response.status_code == 200 and response.mimetype == "application/json"
    config = response.get_json()
    assert config["issuer"] == FHIR_BASE
    assert config["token_endpoint"] == TOKEN_URL
    assert config["authorization_endpoint"] == "http://localhost:8081/auth/authorize"
    assert config["introspection_endpoint"] == "http://localhost:8081/auth/introspect"
    assert config["jwks_uri"] == "http://localhost:8081/auth/jwks.json"
    assert config["code_challenge_methods_supported"] == ["S256"]
    assert config["response_types_supported"] == ["code"]
    assert set(config["grant_types_supported"]) == {"authorization_code", "refresh_token"}
    assert set(config["token_endpoint_auth_methods_supported"]) >= {"client_secret_basic", "private_key_jwt"}
    assert config["token_endpoint_auth_signing_alg_values_supported"] == ["RS384", "ES384"]
    assert set(config["capabilities"]) >= {
        "launch-ehr", "launch-standalone", "client-public", "client-confidential-symmetric",
        "client-confidential-asymmetric", "context-ehr-patient", "context-standalone-patient", "context-banner",
        "context-style", "sso-openid-connect", "permission-v2", "permission-v1", "permission-patient",
        "permission-offline", "permission-online", "authorize-post",
    }


def test_jwks_publishes_an_rs256_key_with_a_kid(harness: SandboxHarness) -> None:
    keys = harness.client.get("/auth/jwks.json").get_json()["keys"]
    assert len(keys) == 1
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and keys[0]["kid"]
    assert "d" not in keys[0]


# -- authorize and token, public client -----------------------------------------------------------------------


def test_ehr_launch_gives_a_code_then_a_token_with_the_launch_context(harness: SandboxHarness) -> None:
    verifier, challenge = pkce_pair()
    launch = add_launch(
        harness, encounter="ingrid-encounter-2026-03-24", fhir_context=("CarePlan/ingrid-support-plan",),
        intent="reconcile",
    )
    params = authorize_params(launch, challenge)
    redirect = authorize(harness, params)
    assert redirect["state"] == params["state"] and redirect["iss"] == FHIR_BASE
    response = _exchange(harness, redirect["code"], verifier)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["token_type"] == "Bearer" and body["access_token"] and body["expires_in"] > 0
    assert body["scope"].split() == APP_SCOPES.split()
    assert body["patient"] == INGRID
    assert body["encounter"] == "ingrid-encounter-2026-03-24"
    assert body["fhirContext"] == [{"reference": "CarePlan/ingrid-support-plan"}]
    assert body["intent"] == "reconcile"
    assert body["need_patient_banner"] is False
    assert body["smart_style_url"] == "http://localhost:8081/auth/smart-style.json"
    assert body["refresh_token"]


def test_the_authorize_endpoint_takes_post_too(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    response = harness.client.post("/auth/authorize", data=authorize_params(add_launch(harness), challenge))
    assert response.status_code == 302 and "code" in query_of(response.headers["Location"])


def test_id_token_verifies_with_the_published_jwks(harness: SandboxHarness) -> None:
    body = _tokens(harness)
    key_set = KeySet.import_key_set(harness.client.get("/auth/jwks.json").get_json())
    token = jwt.decode(body["id_token"], key_set, algorithms=["RS256"])
    assert token.header["kid"] == key_set.keys[0].kid
    claims = token.claims
    assert claims["iss"] == FHIR_BASE and claims["aud"] == "srh-public" and claims["sub"] == LOTTE
    assert claims["fhirUser"] == f"Practitioner/{LOTTE}"
    assert claims["nonce"] == "n-123"
    assert claims["exp"] > claims["iat"]
    impostor = RSAKey.generate_key(2048, parameters={"kid": token.header["kid"]})
    other = KeySet.import_key_set({"keys": [impostor.as_dict(private=False)]})
    with pytest.raises(JoseError, match="bad_signature"):
        jwt.decode(body["id_token"], other, algorithms=["RS256"])


def test_no_id_token_without_openid(harness: SandboxHarness) -> None:
    body = _tokens(harness, scope="launch patient/RelatedPerson.rs")
    assert "id_token" not in body and "refresh_token" not in body


def test_wrong_pkce_verifier_is_refused(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    other_verifier, _ = pkce_pair()
    response = _exchange(harness, _code(harness, challenge), other_verifier)
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"code_challenge": ""}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"aud": "http://elsewhere.example/fhir"}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"scope": "openid patient/RelatedPerson.rs"}, "invalid_scope"),  # an EHR launch without the launch scope
        ({"launch_id": "no-such-launch"}, "invalid_request"),
    ],
)
def test_bad_authorization_requests_go_back_with_an_error(
    harness: SandboxHarness, overrides: dict[str, str], error: str
) -> None:
    _, challenge = pkce_pair()
    overrides = dict(overrides)
    launch = overrides.pop("launch_id", None) or add_launch(harness)
    params = authorize_params(launch, challenge, **overrides)
    redirect = authorize(harness, params)
    assert redirect["error"] == error and redirect["state"] == params["state"] and "code" not in redirect


def test_a_launch_made_for_another_app_is_refused(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    redirect = authorize(harness, authorize_params(add_launch(harness, client_id="srh-confidential"), challenge))
    assert redirect["error"] == "invalid_request"


def test_a_launch_for_any_app_is_bound_to_the_first_registered_app_that_uses_it(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    launch = add_launch(harness, client_id=None)
    stranger = harness.client.get("/auth/authorize", query_string=authorize_params(launch, challenge, client_id="evil"))
    assert stranger.status_code == 400  # an unknown client claims nothing
    assert "code" in authorize(harness, authorize_params(launch, challenge))
    assert "code" in authorize(harness, authorize_params(launch, challenge))  # the same app again (a reload)
    other = authorize(harness, authorize_params(launch, challenge, client_id="srh-confidential"))
    assert other["error"] == "invalid_request" and "another app" in other["error_description"]


def test_a_launch_expires(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    launch = add_launch(harness)
    harness.clock.now += harness.sandbox.config.launch_lifetime + 1
    redirect = authorize(harness, authorize_params(launch, challenge))
    assert redirect["error"] == "invalid_request" and "expired" in redirect["error_description"]


def test_the_launch_lifetime_is_configurable() -> None:
    config = SandboxConfig.from_mapping({"FHIR_UPSTREAM": "http://127.0.0.1:9/fhir", "LAUNCH_LIFETIME": "120"})
    assert config.launch_lifetime == 120
    assert SandboxConfig.from_mapping({"FHIR_UPSTREAM": "http://127.0.0.1:9/fhir"}).launch_lifetime == 600


def test_a_code_works_once_and_its_reuse_revokes_the_token(harness: SandboxHarness) -> None:
    verifier, challenge = pkce_pair()
    code = _code(harness, challenge)
    first = _exchange(harness, code, verifier)
    assert first.status_code == 200
    assert _introspect(harness, first.get_json()["access_token"])["active"] is True
    second = _exchange(harness, code, verifier)
    assert second.status_code == 400 and second.get_json()["error"] == "invalid_grant"
    assert _introspect(harness, first.get_json()["access_token"]) == {"active": False}


def test_an_expired_code_is_refused(harness: SandboxHarness) -> None:
    verifier, challenge = pkce_pair()
    code = _code(harness, challenge)
    harness.clock.now += 61
    assert _exchange(harness, code, verifier).get_json()["error"] == "invalid_grant"


def test_redirect_uri_must_match_at_the_token_endpoint(harness: SandboxHarness) -> None:
    verifier, challenge = pkce_pair()
    response = _exchange(harness, _code(harness, challenge), verifier, redirect_uri="http://127.0.0.1:5000/other")
    assert response.get_json()["error"] == "invalid_grant"


# -- confidential clients ----------------------------------------------------------------------------------------


def test_symmetric_client_authenticates_with_http_basic(harness: SandboxHarness) -> None:
    verifier, challenge = pkce_pair()
    code = _code(harness, challenge, client_id="srh-confidential")
    response = _exchange(harness, code, verifier, client_id="", headers=_basic("srh-confidential", CLIENT_SECRET))
    assert response.status_code == 200 and response.get_json()["patient"] == INGRID


def test_without_a_configured_secret_each_sandbox_makes_its_own() -> None:
    made = [SandboxConfig.from_mapping({"FHIR_UPSTREAM": "http://127.0.0.1:9/fhir"}) for _ in range(2)]
    first, second = (config.client_secret for config in made)
    assert first != second and "sandbox-secret" not in (first, second)
    assert min(len(first), len(second)) >= 32
    for config in made:
        registration = config.client("srh-confidential")
        assert registration is not None and registration.client_secret == config.client_secret


def test_the_configuration_does_not_show_the_secret() -> None:
    config = SandboxConfig.from_mapping({"FHIR_UPSTREAM": "http://127.0.0.1:9/fhir", "CLIENT_SECRET": CLIENT_SECRET})
    assert config.client_secret == CLIENT_SECRET
    assert CLIENT_SECRET not in repr(config)


@pytest.mark.parametrize(
    "headers", [{}, _basic("srh-confidential", "wrong"), _basic("srh-public", "x")], ids=["none", "wrong", "other"]
)
def test_symmetric_client_without_its_secret_is_refused(harness: SandboxHarness, headers: dict[str, str]) -> None:
    verifier, challenge = pkce_pair()
    code = _code(harness, challenge, client_id="srh-confidential")
    response = _exchange(harness, code, verifier, client_id="srh-confidential" if not headers else "", headers=headers)
    assert response.status_code == 401 and response.get_json()["error"] == "invalid_client"


class AppKeys:
    """The asymmetric client's keys, its JWKS served at its registered JWKS URL with ``responses``."""

    def __init__(self) -> None:
        self.rsa = RSAKey.generate_key(2048, private=True)
        self.rsa.ensure_kid()
        self.ec = ECKey.generate_key("P-384", private=True)
        self.ec.ensure_kid()

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.rsa.as_dict(private=False), self.ec.as_dict(private=False)]}

    def assertion(self, algorithm: str = "RS384", now: float | None = None, **claims: Any) -> str:
        key = self.rsa if algorithm.startswith("RS") else self.ec
        issued = int(now or 0)
        body = {"iss": "srh-asymmetric", "sub": "srh-asymmetric", "aud": TOKEN_URL, "exp": issued + 240,
                "jti": secrets.token_urlsafe(16), **claims}
        return jwt.encode({"alg": algorithm, "kid": key.kid, "typ": "JWT"}, body, key, algorithms=[algorithm])


@pytest.fixture
def app_keys() -> Iterator[AppKeys]:
    keys = AppKeys()
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(JWKS_URL, json=keys.jwks())
        yield keys


def _asymmetric_exchange(harness: SandboxHarness, assertion: str) -> Any:
    verifier, challenge = pkce_pair()
    code = _code(harness, challenge, client_id="srh-asymmetric")
    return _exchange(
        harness, code, verifier, client_id="", client_assertion_type=ASSERTION_TYPE, client_assertion=assertion
    )


@pytest.mark.parametrize("algorithm", ["RS384", "ES384"])
def test_asymmetric_client_authenticates_with_private_key_jwt(
    harness: SandboxHarness, app_keys: AppKeys, algorithm: str
) -> None:
    response = _asymmetric_exchange(harness, app_keys.assertion(algorithm, now=harness.clock.now))
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["patient"] == INGRID


def test_a_client_assertion_cannot_be_replayed(harness: SandboxHarness, app_keys: AppKeys) -> None:
    assertion = app_keys.assertion(now=harness.clock.now)
    assert _asymmetric_exchange(harness, assertion).status_code == 200
    replay = _asymmetric_exchange(harness, assertion)
    assert replay.status_code == 401 and "jti" in replay.get_json()["error_description"]


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"aud": "http://localhost:8081/fhir"}, "aud"),
        ({"sub": "someone-else"}, "iss and sub"),
        ({"exp_offset": 400}, "five minutes"),
        ({"exp_offset": -30}, "expired"),
        ({"jti": ""}, "jti"),
    ],
)
def test_bad_client_assertions_are_refused(
    harness: SandboxHarness, app_keys: AppKeys, claims: dict[str, Any], reason: str
) -> None:
    if "exp_offset" in claims:
        claims = {"exp": int(harness.clock.now) + claims.pop("exp_offset")}
    response = _asymmetric_exchange(harness, app_keys.assertion(now=harness.clock.now, **claims))
    assert response.status_code == 401 and response.get_json()["error"] == "invalid_client"
    assert reason in response.get_json()["error_description"]


def test_a_client_assertion_signed_by_another_key_or_algorithm_is_refused(
    harness: SandboxHarness, app_keys: AppKeys
) -> None:
    stranger = RSAKey.generate_key(2048, private=True, parameters={"kid": app_keys.rsa.kid})
    claims = {"iss": "srh-asymmetric", "sub": "srh-asymmetric", "aud": TOKEN_URL,
              "exp": int(harness.clock.now) + 200, "jti": "a"}
    forged = jwt.encode({"alg": "RS384", "kid": app_keys.rsa.kid}, claims, stranger, algorithms=["RS384"])
    assert _asymmetric_exchange(harness, forged).status_code == 401
    rs256 = jwt.encode({"alg": "RS256", "kid": app_keys.rsa.kid}, {**claims, "jti": "b"}, app_keys.rsa,
                       algorithms=["RS256"])
    response = _asymmetric_exchange(harness, rs256)
    assert response.status_code == 401 and "RS384 or ES384" in response.get_json()["error_description"]


# -- refresh and introspection ----------------------------------------------------------------------------------


def _refresh(harness: SandboxHarness, refresh_token: str, **extra: str) -> Any:
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": "srh-public", **extra}
    return harness.client.post("/auth/token", data=form)


def test_refresh_replaces_both_tokens(harness: SandboxHarness) -> None:
    first = _tokens(harness)
    response = _refresh(harness, first["refresh_token"])
    assert response.status_code == 200
    second = response.get_json()
    assert second["access_token"] != first["access_token"] and second["refresh_token"] != first["refresh_token"]
    assert second["patient"] == INGRID and second["scope"] == first["scope"]
    assert _refresh(harness, first["refresh_token"]).get_json()["error"] == "invalid_grant"
    assert _introspect(harness, second["access_token"])["active"] is True


def test_refresh_may_narrow_but_not_widen_the_scopes(harness: SandboxHarness) -> None:
    first = _tokens(harness)
    narrowed = _refresh(harness, first["refresh_token"], scope="offline_access patient/RelatedPerson.cruds").get_json()
    assert narrowed["scope"] == "offline_access patient/RelatedPerson.cruds"
    widened = _refresh(harness, narrowed["refresh_token"], scope="offline_access patient/Goal.cruds")
    assert widened.status_code == 400 and widened.get_json()["error"] == "invalid_scope"


def test_refresh_by_another_client_is_refused(harness: SandboxHarness) -> None:
    first = _tokens(harness)
    response = harness.client.post(
        "/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
        headers=_basic("srh-confidential", CLIENT_SECRET),
    )
    assert response.get_json()["error"] == "invalid_grant"


def test_introspection_tells_scope_context_and_expiry(harness: SandboxHarness) -> None:
    body = _tokens(harness)
    info = _introspect(harness, body["access_token"])
    assert info["active"] is True and info["client_id"] == "srh-public"
    assert info["scope"] == body["scope"] and info["patient"] == INGRID
    assert info["fhirUser"] == f"Practitioner/{LOTTE}" and info["iss"] == FHIR_BASE
    assert info["exp"] > info["iat"]
    harness.clock.now += 3601
    assert _introspect(harness, body["access_token"]) == {"active": False}
    assert _introspect(harness, "not-a-token") == {"active": False}


def test_introspection_needs_an_authenticated_caller(harness: SandboxHarness) -> None:
    body = _tokens(harness)
    assert harness.client.post("/auth/introspect", data={"token": body["access_token"]}).status_code == 401
    public = harness.client.post("/auth/introspect", data={"token": body["access_token"], "client_id": "srh-public"})
    assert public.status_code == 401
    bearer = harness.client.post(
        "/auth/introspect", data={"token": body["access_token"]},
        headers={"Authorization": f"Bearer {body['access_token']}"},
    )
    assert bearer.status_code == 401 and "active" not in bearer.get_json()  # a token is no client's credentials
    wrong_secret = harness.client.post(
        "/auth/introspect", data={"token": body["access_token"]}, headers=_basic("srh-confidential", "guess")
    )
    assert wrong_secret.status_code == 401 and "active" not in wrong_secret.get_json()


# -- simulated errors -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("error", [UNKNOWN_CLIENT, WRONG_REDIRECT_URI])
def test_client_errors_show_a_page_and_never_redirect(harness: SandboxHarness, error: str) -> None:
    _, challenge = pkce_pair()
    launch = add_launch(harness, simulated_error=error)
    response = harness.client.get("/auth/authorize", query_string=authorize_params(launch, challenge))
    assert response.status_code == 400 and "Location" not in response.headers
    assert ("Unknown app" if error == UNKNOWN_CLIENT else "Wrong redirect URI") in response.get_data(as_text=True)


def test_real_client_errors_show_a_page_too(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    for overrides in ({"client_id": "nobody"}, {"redirect_uri": "https://evil.example/callback"}):
        params = authorize_params(add_launch(harness), challenge, **overrides)
        response = harness.client.get("/auth/authorize", query_string=params)
        assert response.status_code == 400 and "Location" not in response.headers


def test_scope_denied_redirects_with_access_denied(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    params = authorize_params(add_launch(harness, simulated_error=SCOPE_DENIED), challenge)
    redirect = authorize(harness, params)
    assert redirect["error"] == "access_denied" and redirect["state"] == params["state"]


def test_partial_grant_drops_the_write_scopes(harness: SandboxHarness) -> None:
    launch = add_launch(harness, simulated_error=PARTIAL_SCOPES)
    verifier, challenge = pkce_pair()
    code = authorize(harness, authorize_params(launch, challenge))["code"]
    body = _exchange(harness, code, verifier).get_json()
    assert body["scope"].split() == [
        "launch", "openid", "fhirUser", "offline_access",
        "patient/RelatedPerson.rs", "patient/Observation.rs", "patient/CarePlan.rs",
    ]


def _tokens_for_launch(harness: SandboxHarness, **context: Any) -> dict[str, Any]:
    verifier, challenge = pkce_pair()
    code = authorize(harness, authorize_params(add_launch(harness, **context), challenge))["code"]
    body: dict[str, Any] = _exchange(harness, code, verifier).get_json()
    return body


def test_expired_access_token_gets_401_and_refresh_works(harness: SandboxHarness) -> None:
    body = _tokens_for_launch(harness, simulated_error=EXPIRED_ACCESS_TOKEN)
    assert body["expires_in"] > 0  # the app is not told
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    response = harness.client.get(f"/fhir/Patient/{INGRID}", headers=headers)
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    refreshed = _refresh(harness, body["refresh_token"]).get_json()
    assert _introspect(harness, refreshed["access_token"])["active"] is True


def test_expired_refresh_token_makes_refresh_fail(harness: SandboxHarness) -> None:
    body = _tokens_for_launch(harness, simulated_error=EXPIRED_REFRESH_TOKEN)
    assert _introspect(harness, body["access_token"]) == {"active": False}
    response = _refresh(harness, body["refresh_token"])
    assert response.status_code == 400 and response.get_json()["error"] == "invalid_grant"


def test_token_without_patient(harness: SandboxHarness) -> None:
    body = _tokens_for_launch(harness, simulated_error=NO_PATIENT)
    assert "patient" not in body and body["access_token"]


# -- the proxy's token check (no upstream needed: it refuses before forwarding) ----------------------------------


@pytest.mark.parametrize("authorization", [None, "Bearer unknown-token", "Basic abc"])
def test_proxy_refuses_missing_or_unknown_tokens(harness: SandboxHarness, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    response = harness.client.get(f"/fhir/Patient/{INGRID}", headers=headers)
    assert response.status_code == 401
    assert 'error="invalid_token"' in response.headers["WWW-Authenticate"]
    assert response.get_json()["resourceType"] == "OperationOutcome"


def test_proxy_refuses_a_token_once_it_expires(harness: SandboxHarness) -> None:
    token = harness.token_for("patient/*.rs")
    harness.clock.now += 3601
    response = harness.client.get(f"/fhir/Patient/{INGRID}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


# -- the sandbox's own pages -------------------------------------------------------------------------------------


def test_the_sandboxs_pages_have_a_content_security_policy(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    consent = harness.client.get("/auth/authorize", query_string=authorize_params(None, challenge))
    error = harness.client.get("/auth/authorize", query_string=authorize_params(None, challenge, client_id="evil"))
    for page in (consent, error):
        assert page.mimetype == "text/html"
        policy = dict(part.strip().split(" ", 1) for part in page.headers["Content-Security-Policy"].split(";"))
        assert policy["default-src"] == "'none'" and policy["frame-ancestors"] == "'self'"  # the EHR page's frame
        assert policy["form-action"] == "'self' http://127.0.0.1:5000"  # the consent answer redirects to the app
        assert policy["frame-src"] == "'self' http://127.0.0.1:5000"  # the apps, and the login page they send to
        assert "script-src" not in policy and "'unsafe-inline'" not in page.headers["Content-Security-Policy"]
    token = harness.client.post("/auth/token", data={"grant_type": "authorization_code", "code": "x"})
    assert "Content-Security-Policy" not in token.headers  # JSON answers are no documents
