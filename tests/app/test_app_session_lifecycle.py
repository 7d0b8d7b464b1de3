"""The browser session's life: none for anonymous requests, a ``__Host-`` session cookie, a new id at sign-in
(against session fixation) and a logout that forgets the launch's tokens."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import responses
from app_fake_ehr import ISSUER, FakeEhr
from flask import Flask, render_template, session
from flask.testing import FlaskClient
from flask_wtf.csrf import generate_csrf
from launch_support import full_launch, make_app, start

from smart_app.sessions import store_for


def session_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "sessions" / "data").iterdir())


def set_cookies(response: object) -> list[str]:
    return response.headers.getlist("Set-Cookie")  # type: ignore[attr-defined, no-any-return]


def cookie_value(cookie: str) -> str:
    return cookie.split(";")[0].split("=", 1)[1]


def launched(client: FlaskClient, ehr: FakeEhr) -> str:
    """A completed launch in ``client``; its key."""
    response = full_launch(client, ehr)
    assert response.status_code == 303
    return str(response.headers["Location"].strip("/").split("/")[1])


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/", 200),
        ("GET", "/?lang=en", 200),
        ("GET", "/static/app.css", 200),
        ("GET", "/no-such-page", 404),
        ("GET", "/l/unknown/", 404),
        ("GET", "/callback?state=made-up&code=c", 400),
        ("POST", "/logout", 400),  # no CSRF token
        ("GET", "/signed-out", 200),
    ],
)
def test_an_anonymous_request_creates_no_session(
    client: FlaskClient, tmp_path: Path, method: str, path: str, status: int
) -> None:
    with client.open(path, method=method) as response:
        assert response.status_code == status
        assert set_cookies(response) == []
    assert session_files(tmp_path) == []


def test_the_cookie_is_a_host_only_secure_session_cookie_that_survives_the_iframe(
    client: FlaskClient, ehr: FakeEhr
) -> None:
    (cookie,) = set_cookies(client.get("/launch", query_string={"iss": ISSUER, "launch": "x"}))
    assert cookie.startswith("__Host-srh_session=")
    attributes = {part.strip().split("=")[0].lower(): part.strip() for part in cookie.split(";")[1:]}
    assert {"secure", "httponly", "partitioned", "path", "samesite"} <= set(attributes)
    assert attributes["path"] == "Path=/" and attributes["samesite"] == "SameSite=None"
    assert "domain" not in attributes
    assert "expires" not in attributes and "max-age" not in attributes  # gone when the browser closes


def test_without_secure_cookies_the_cookie_has_no_host_prefix(tmp_path: Path) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        FakeEhr(mock).install()
        client = make_app(tmp_path, secure_cookies=False).test_client()
        (cookie,) = set_cookies(client.get("/launch", query_string={"iss": ISSUER, "launch": "x"}))
    assert cookie.startswith("srh_session=") and "secure" not in cookie.lower()


def test_the_session_id_changes_at_sign_in_and_the_old_one_is_worthless(
    app: Flask, client: FlaskClient, ehr: FakeEhr, tmp_path: Path
) -> None:
    authorize_url = start(client)
    cookie_before = client.get_cookie("__Host-srh_session")
    assert cookie_before is not None
    before = cookie_before.value
    callback = client.get("/callback", query_string=ehr.authorize(authorize_url))
    (cookie,) = set_cookies(callback)
    after = cookie_value(cookie)
    assert after != before
    assert len(session_files(tmp_path)) == 2  # the new session and the launch; the old session is gone
    key = callback.headers["Location"].strip("/").split("/")[1]
    fixed = app.test_client()  # whoever knew (or planted) the id from before the sign-in
    fixed.set_cookie("__Host-srh_session", before)
    page = fixed.get(f"/l/{key}/")
    assert page.status_code == 403 and 'data-reason="launch_other_session"' in page.get_data(as_text=True)


def test_a_second_launch_keeps_the_first_one_open_in_the_same_browser(client: FlaskClient, ehr: FakeEhr) -> None:
    first = launched(client, ehr)
    second = launched(client, ehr)
    with client.session_transaction() as session:
        assert session["launches"] == [first, second]


def csrf_token_of(client: FlaskClient) -> str:
    """A CSRF token of the browser's session, as its pages carry (the workspace's pages need a FHIR server)."""
    with client.session_transaction() as stored, client.application.test_request_context():
        token = generate_csrf()  # a fresh secret in the request's session, copied into the browser's
        stored["csrf_token"] = session["csrf_token"]
    return token


def test_every_page_of_a_launch_has_the_sign_out_button(app: Flask) -> None:
    for frame in ("workspace/_frame.html", "client/_frame.html"):
        source, _, _ = app.jinja_env.loader.get_source(app.jinja_env, frame)  # type: ignore[union-attr]
        assert '{% include "_sign_out.html" %}' in source
    with app.test_request_context("/l/some-launch/", headers={"Accept-Language": "nl"}):
        button = render_template("_sign_out.html")
    assert re.search(
        r'<form class="sign-out" method="post" action="/logout">\s*<input type="hidden" '
        r'name="csrf_token" value="[^"]+">\s*<button type="submit" class="secondary">Afmelden</button>',
        button,
    )


def test_sign_out_ends_the_session_and_forgets_the_tokens(
    app: Flask, client: FlaskClient, ehr: FakeEhr, tmp_path: Path
) -> None:
    first = launched(client, ehr)
    second = launched(client, ehr)
    response = client.post("/logout", data={"csrf_token": csrf_token_of(client)})
    assert response.status_code == 303 and response.headers["Location"] == "/signed-out"
    (deleted,) = set_cookies(response)
    assert deleted.startswith("__Host-srh_session=;") and "Max-Age=0" in deleted
    assert "Partitioned" in deleted and "Secure" in deleted  # else the browser would not delete the partitioned one
    assert store_for(app).get("launch", first) is None and store_for(app).get("launch", second) is None
    assert session_files(tmp_path) == []
    signed_out = client.get("/signed-out").get_data(as_text=True)
    assert 'data-reason="signed_out"' in signed_out and 'class="relaunch"' in signed_out
    for key in (first, second):
        page = client.get(f"/l/{key}/")
        assert page.status_code == 404 and 'class="relaunch"' in page.get_data(as_text=True)


def test_sign_out_needs_the_csrf_token(app: Flask, client: FlaskClient, ehr: FakeEhr) -> None:
    key = launched(client, ehr)
    response = client.post("/logout")
    assert response.status_code == 400 and 'data-reason="csrf"' in response.get_data(as_text=True)
    assert store_for(app).get("launch", key) is not None
