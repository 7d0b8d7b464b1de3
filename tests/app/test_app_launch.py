"""The app's SMART launch against a faked authorization server: authorize request, state, PKCE, callback, tokens."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
import responses
from app_fake_ehr import AUTHORIZE, CLIENT_ID, ISSUER, FakeEhr, smart_configuration
from flask import Flask
from flask.testing import FlaskClient
from launch_support import APP, full_launch, make_app, query, start

# -- authorize request -------------------------------------------------------------------------------------------


def test_ehr_launch_sends_a_complete_authorize_request(client: FlaskClient, ehr: FakeEhr) -> None:
    url = start(client)
    assert url.startswith(AUTHORIZE + "?")
    params = query(url)
    assert params["response_type"] == "code"
    assert params["client_id"] == CLIENT_ID
    assert params["redirect_uri"] == f"{APP}/callback"
    assert params["aud"] == ISSUER
    assert params["launch"] == "launch-123"
    assert params["code_challenge_method"] == "S256"
    assert len(params["code_challenge"]) == 43  # base64url of a SHA-256 digest
    assert len(base64.urlsafe_b64decode(params["state"] + "==")) >= 16  # at least 128 bits
    scopes = params["scope"].split()
    assert "launch" in scopes and "launch/patient" not in scopes
    assert {"openid", "fhirUser", "online_access", "patient/RelatedPerson.cruds"} <= set(scopes)
    assert not any(s.endswith((".read", ".write")) for s in scopes)  # v2 only: never mixed


def test_each_launch_gets_its_own_state_and_challenge(client: FlaskClient, ehr: FakeEhr) -> None:
    first, second = query(start(client)), query(start(client))
    assert first["state"] != second["state"]
    assert first["code_challenge"] != second["code_challenge"]


def test_v1_scopes_for_a_server_without_permission_v2(tmp_path: Path, mock: responses.RequestsMock) -> None:
    capabilities = [c for c in smart_configuration()["capabilities"] if c != "permission-v2"]
    FakeEhr(mock, configuration=smart_configuration(capabilities=capabilities)).install()
    scopes = query(start(make_app(tmp_path).test_client()))["scope"].split()
    assert "patient/RelatedPerson.read" in scopes and "patient/RelatedPerson.write" in scopes
    assert not any(s.endswith((".cruds", ".crus", ".rs")) for s in scopes)


def test_standalone_launch_asks_for_a_patient(client: FlaskClient, ehr: FakeEhr) -> None:
    params = query(start(client, launch=None))
    assert "launch" not in params
    assert "launch/patient" in params["scope"].split() and "launch" not in params["scope"].split()


def test_standalone_launch_without_iss_uses_the_default_issuer(tmp_path: Path, ehr: FakeEhr) -> None:
    client = make_app(tmp_path, default_issuer=ISSUER).test_client()
    response = client.get("/launch")
    assert response.status_code == 302 and query(response.headers["Location"])["aud"] == ISSUER


def test_offline_access_by_configuration(tmp_path: Path, ehr: FakeEhr) -> None:
    scopes = query(start(make_app(tmp_path, access="offline").test_client()))["scope"].split()
    assert "offline_access" in scopes and "online_access" not in scopes


@pytest.mark.parametrize("iss", ["https://evil.example.org/fhir", "https://ehr.example.org/fhir/other"])
def test_an_issuer_not_on_the_allow_list_gets_an_error_page_and_no_request(
    client: FlaskClient, mock: responses.RequestsMock, iss: str
) -> None:
    response = client.get("/launch", query_string={"iss": iss, "launch": "x"})
    assert response.status_code == 400
    assert 'data-reason="issuer_not_allowed"' in response.get_data(as_text=True)
    assert len(mock.calls) == 0


def test_launch_without_iss_and_no_default_is_refused(client: FlaskClient, mock: responses.RequestsMock) -> None:
    response = client.get("/launch", query_string={"launch": "x"})
    assert response.status_code == 400 and len(mock.calls) == 0


def test_a_server_without_pkce_s256_is_refused(tmp_path: Path, mock: responses.RequestsMock) -> None:
    FakeEhr(mock, configuration=smart_configuration(code_challenge_methods_supported=["plain"])).install()
    response = make_app(tmp_path).test_client().get("/launch", query_string={"iss": ISSUER, "launch": "x"})
    assert response.status_code == 502
    assert 'data-reason="no_pkce"' in response.get_data(as_text=True)


def test_relative_endpoints_are_resolved_against_the_base(tmp_path: Path, mock: responses.RequestsMock) -> None:
    FakeEhr(mock, configuration=smart_configuration(authorization_endpoint="../auth/authorize")).install()
    url = start(make_app(tmp_path).test_client())
    assert url.startswith("https://ehr.example.org/auth/authorize?")


# -- callback ----------------------------------------------------------------------------------------------------


def test_callback_exchanges_the_code_with_the_pkce_verifier(client: FlaskClient, ehr: FakeEhr) -> None:
    url = start(client)
    response = client.get("/callback", query_string=ehr.authorize(url))
    assert response.status_code == 303
    assert re.fullmatch(r"/l/[\w-]+/", response.headers["Location"])  # the launch's overview
    (request,) = ehr.token_requests
    form = request["form"]
    assert form["grant_type"] == "authorization_code"
    assert form["redirect_uri"] == f"{APP}/callback"
    digest = hashlib.sha256(form["code_verifier"].encode()).digest()
    assert base64.urlsafe_b64encode(digest).rstrip(b"=").decode() == query(url)["code_challenge"]
    assert form["client_id"] == CLIENT_ID  # a public client names itself in the body
    assert "Authorization" not in request["headers"]


def test_session_cookie_is_an_opaque_partitioned_cross_site_cookie(client: FlaskClient, ehr: FakeEhr) -> None:
    response = client.get("/launch", query_string={"iss": ISSUER, "launch": "x"})
    (cookie,) = response.headers.getlist("Set-Cookie")
    attributes = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"secure", "httponly", "partitioned"} <= attributes
    assert "SameSite=None" in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    assert "access" not in value and "launch" not in value and len(value) < 120


@pytest.mark.parametrize("state", [None, "", "not-the-state"])
def test_a_missing_or_wrong_state_gets_400_and_no_token_request(
    client: FlaskClient, ehr: FakeEhr, state: str | None
) -> None:
    callback = ehr.authorize(start(client))
    params = {"code": callback["code"]} | ({"state": state} if state is not None else {})
    response = client.get("/callback", query_string=params)
    assert response.status_code == 400
    assert 'data-reason="state_invalid"' in response.get_data(as_text=True)
    assert ehr.token_requests == []


def test_a_replayed_state_gets_400_and_no_second_token_request(client: FlaskClient, ehr: FakeEhr) -> None:
    callback = ehr.authorize(start(client))
    assert client.get("/callback", query_string=callback).status_code == 303
    replay = client.get("/callback", query_string=callback)
    assert replay.status_code == 400
    assert len(ehr.token_requests) == 1


def test_a_state_from_another_browser_is_refused(app: Flask, ehr: FakeEhr) -> None:
    victim, attacker = app.test_client(), app.test_client()
    callback = ehr.authorize(start(attacker))
    response = victim.get("/callback", query_string=callback)
    assert response.status_code == 400 and ehr.token_requests == []


def test_rfc9207_iss_on_the_callback_must_be_the_issuer(client: FlaskClient, ehr: FakeEhr) -> None:
    response = full_launch(client, ehr, iss="https://evil.example.org/fhir")
    assert response.status_code == 400
    assert 'data-reason="issuer_mismatch"' in response.get_data(as_text=True)
    assert ehr.token_requests == []


def test_rfc9207_iss_matching_the_issuer_is_accepted(client: FlaskClient, ehr: FakeEhr) -> None:
    assert full_launch(client, ehr, iss=ISSUER).status_code == 303


def test_access_denied_shows_a_page_with_the_servers_words_escaped(client: FlaskClient, ehr: FakeEhr) -> None:
    state = query(start(client))["state"]
    response = client.get(
        "/callback",
        query_string={"state": state, "error": "access_denied", "error_description": "<script>alert(1)</script>"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert 'data-reason="authorization_denied"' in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert ehr.token_requests == []


@pytest.mark.parametrize(
    ("language", "title"), [("nl", "Er is geen toegang gegeven"), ("en", "Access was not granted")]
)
def test_deny_at_the_authorization_server_is_a_translated_page(
    client: FlaskClient, ehr: FakeEhr, language: str, title: str
) -> None:
    state = query(start(client))["state"]
    response = client.get(
        "/callback",
        query_string={"state": state, "error": "access_denied", "iss": ISSUER},
        headers={"Accept-Language": language},
    )
    assert response.status_code == 403 and response.mimetype == "text/html"
    assert f"<h1>{title}</h1>" in response.get_data(as_text=True)


def test_a_refused_code_shows_the_token_refused_page(client: FlaskClient, ehr: FakeEhr) -> None:
    state = query(start(client))["state"]
    response = client.get("/callback", query_string={"state": state, "code": "forged"})
    assert response.status_code == 502
    assert 'data-reason="token_refused"' in response.get_data(as_text=True)


def test_a_token_without_patient_shows_the_no_patient_page(client: FlaskClient, ehr: FakeEhr) -> None:
    ehr.extra_token_fields["patient"] = None
    response = full_launch(client, ehr)
    assert response.status_code == 502
    assert 'data-reason="no_patient"' in response.get_data(as_text=True)


def test_the_launch_context_is_kept_server_side(app: Flask, client: FlaskClient, ehr: FakeEhr) -> None:
    ehr.extra_token_fields.update(
        encounter="enc-1",
        fhirContext=[{"reference": "CarePlan/plan-1"}],
        need_patient_banner=False,
        smart_style_url="https://ehr.example.org/style.json",
        intent="reconcile",
    )
    location = full_launch(client, ehr).headers["Location"]
    key = location.strip("/").split("/")[1]
    stored = app.extensions["srh_store"].get("launch", key)
    assert stored["patient"] == "ingrid-de-vries"
    assert stored["encounter"] == "enc-1"
    assert stored["fhir_context"] == [{"reference": "CarePlan/plan-1"}]
    assert stored["need_patient_banner"] is False
    assert stored["intent"] == "reconcile"
    assert stored["fhir_user"] == "Practitioner/practitioner-lotte-hendriks"
    assert stored["refresh_token"] == "refresh-1"
