"""The app's one HTTP session to the EHR: every call outside the FHIR client goes through it, with its timeout and
retry policy; it keeps no cookies between users."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import responses
from app_fake_ehr import ISSUER, JWKS, TOKEN, FakeEhr, smart_configuration
from flask import Flask
from launch_support import full_launch, make_app, make_settings
from silent_server import silent_server

from smart_app import ehr_http
from smart_app.client_auth import request_token, token_client
from smart_app.workspace.ehr_style import fetch_css
from srh_fhir.errors import FHIRConnectionError
from srh_fhir.http import build_session

DISCOVERY = f"{ISSUER}/.well-known/smart-configuration"
STYLE = "https://ehr.example.org/style.json"


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return make_app(tmp_path, http_timeout=7.5)


def sent_through(session: requests.Session, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The URLs of the requests ``session`` sends from now on."""
    urls: list[str] = []
    send = session.send

    def recording_send(request: requests.PreparedRequest, **kwargs: object) -> requests.Response:
        urls.append(str(request.url))
        return send(request, **kwargs)

    monkeypatch.setattr(session, "send", recording_send)
    return urls


def test_discovery_token_jwks_and_style_go_through_the_apps_session_with_its_timeout(
    app: Flask, mock: responses.RequestsMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    ehr = FakeEhr(mock).install()
    mock.add(responses.GET, STYLE, json={"color_text": "#111111"})
    urls = sent_through(app.extensions[ehr_http.EXTENSION_KEY], monkeypatch)

    assert full_launch(app.test_client(), ehr).status_code == 303
    with app.app_context():
        fetch_css(STYLE, ISSUER, timeout=2.0)

    assert urls == [DISCOVERY, TOKEN, JWKS, STYLE]
    timeouts = {call.request.url: call.request.req_kwargs["timeout"] for call in mock.calls}
    assert timeouts == {DISCOVERY: 7.5, TOKEN: 7.5, JWKS: 7.5, STYLE: 2.0}  # the caller may choose its own


def test_a_discovery_answered_503_is_asked_again(app: Flask, mock: responses.RequestsMock) -> None:
    FakeEhr(mock).install()
    mock.replace(responses.GET, DISCOVERY, status=503)
    mock.add(responses.GET, DISCOVERY, json=smart_configuration())

    response = app.test_client().get("/launch", query_string={"iss": ISSUER, "launch": "x"})

    assert response.status_code == 302
    assert [call.request.url for call in mock.calls] == [DISCOVERY, DISCOVERY]


def test_a_token_request_answered_503_is_not_sent_again(app: Flask, mock: responses.RequestsMock) -> None:
    ehr = FakeEhr(mock).install()
    mock.replace(responses.POST, TOKEN, status=503)

    response = full_launch(app.test_client(), ehr)

    assert response.status_code == 502
    assert [call.request.url for call in mock.calls].count(TOKEN) == 1  # a POST could have been acted on


def test_a_token_endpoint_that_never_answers_fails_after_the_configured_timeout(tmp_path: Path) -> None:
    with silent_server() as (base, connections):
        url = f"{base}/token"
        client = token_client(make_settings(tmp_path), ehr_http.ehr_session(timeout=0.3), url)
        started = time.monotonic()
        with pytest.raises(FHIRConnectionError, match="cannot reach the token endpoint: ReadTimeout"):
            request_token(client, url, grant_type="authorization_code", code="c", code_verifier="v", redirect_uri=url)
        elapsed = time.monotonic() - started

    assert 0.3 <= elapsed < 2.0
    assert len(connections) == 1  # a POST is not sent again


def test_the_shared_session_keeps_no_cookie_from_one_users_request_for_the_next(mock: responses.RequestsMock) -> None:
    mock.add(responses.GET, JWKS, json={"keys": []}, headers={"Set-Cookie": "lb=node-1; Path=/"})
    plain, shared = build_session(), ehr_http.ehr_session(timeout=5.0)

    plain.get(JWKS)
    shared.get(JWKS)
    shared.get(JWKS)

    assert plain.cookies.get("lb") == "node-1"  # what a session does by default
    assert len(shared.cookies) == 0
    assert "Cookie" not in mock.calls[-1].request.headers


def test_a_style_redirected_to_another_origin_is_not_fetched(app: Flask, mock: responses.RequestsMock) -> None:
    moved, elsewhere = "https://ehr.example.org/style-moved.json", "https://elsewhere.example/style.json"
    mock.add(responses.GET, moved, status=302, headers={"Location": elsewhere})
    mock.add(responses.GET, elsewhere, json={"color_text": "#111111"})
    with app.app_context():
        assert fetch_css(moved, ISSUER, timeout=2.0) == ""
    assert [call.request.url for call in mock.calls] == [moved]


def test_a_style_document_larger_than_its_cap_is_left_out(app: Flask, mock: responses.RequestsMock) -> None:
    huge = "https://ehr.example.org/style-huge.json"
    mock.add(responses.GET, huge, json={"color_text": "#111111", "padding": "x" * 100_000})
    with app.app_context():
        assert fetch_css(huge, ISSUER, timeout=2.0) == ""
