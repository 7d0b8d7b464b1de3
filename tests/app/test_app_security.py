"""Security headers, secrets kept out of logs, and complete translation catalogues."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import responses
from app_fake_ehr import FakeEhr
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from flask import Flask
from launch_support import full_launch, make_app, make_settings

from smart_app.config import AppSettings
from smart_app.security import content_security_policy, install_log_redaction, redact

APP_DIR = Path(__file__).resolve().parents[2] / "smart_app"


@pytest.fixture
def app_settings(tmp_path: Path) -> AppSettings:
    """The app may be framed by two EHR origins."""
    return make_settings(tmp_path, frame_ancestors=("https://ehr.example.org", "https://portal.example.org"))


def test_every_page_has_the_security_headers(app: Flask) -> None:
    client = app.test_client()
    for path in ("/", "/launch", "/callback", "/l/unknown/", "/static/app.css"):
        with client.get(path) as response:
            headers = response.headers
        assert headers["Content-Security-Policy"].endswith(
            "frame-ancestors 'self' https://ehr.example.org https://portal.example.org"
        )
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Referrer-Policy"] == "no-referrer"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cache-Control"] == "no-store"
        assert "X-Frame-Options" not in headers  # it would forbid the EHR's frame; CSP frame-ancestors decides


def test_the_policy_allows_no_inline_script() -> None:
    policy = content_security_policy(["https://ehr.example.org"])
    assert "unsafe-inline" not in policy and "default-src 'none'" in policy


@pytest.mark.parametrize(
    "secret_text",
    [
        "GET /callback?code=SECRET1&state=SECRET2 HTTP/1.1",
        "POST /auth/token grant_type=refresh_token&refresh_token=SECRET1&client_secret=SECRET2",
        '{"access_token": "SECRET1", "id_token": "SECRET2"}',
        "Authorization: Bearer SECRET1abc and Basic SECRET2xyz==",
        "id_token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJTRUNSRVQxIn0.SECRET2sig",
        "GET /l/SECRET1/members and launch=SECRET2",
    ],
)
def test_redaction_removes_secrets(secret_text: str) -> None:
    cleaned = redact(secret_text)
    assert "SECRET1" not in cleaned and "SECRET2" not in cleaned
    assert "[redacted]" in cleaned


def test_redaction_keeps_harmless_text() -> None:
    for harmless in ("GET /static/app.css HTTP/1.1 200", "Basic needs met: 4", "encounter=enc-1"):
        assert redact(harmless) == harmless


def test_a_launch_leaves_no_secret_in_the_logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        ehr = FakeEhr(mock).install()
        app = make_app(tmp_path)
        with caplog.at_level(logging.DEBUG):
            client = app.test_client()
            location = full_launch(client, ehr).headers["Location"]
            logging.getLogger("werkzeug").info("GET %s?code=%s HTTP/1.1", location, ehr.issued_codes or "c-1")
            logging.getLogger("smart_app").warning("token answer %s", ehr.token_requests[0]["form"])
    text = caplog.text
    launch_key = location.strip("/").split("/")[1]
    for secret in (launch_key, ehr.token_requests[0]["form"]["code"], ehr.token_requests[0]["form"]["code_verifier"]):
        assert secret not in text


def test_a_logged_exception_leaves_no_secret_in_its_text_or_traceback(caplog: pytest.LogCaptureFixture) -> None:
    install_log_redaction()

    secrets = {"refresh": "SECRET1", "code": "SECRET2", "bearer": "SECRET3abcdef", "state": "SECRET4"}

    def refresh() -> None:
        raise RuntimeError(f"token refresh refused: refresh_token={secrets['refresh']} Bearer {secrets['bearer']}")

    with caplog.at_level(logging.INFO):
        try:
            try:
                refresh()
            except RuntimeError as error:
                raise ValueError(f"callback?code={secrets['code']}&state={secrets['state']} failed") from error
        except ValueError:
            logging.getLogger("smart_app.test").exception("the launch failed")
    text = caplog.text + "".join(logging.Formatter().format(record) for record in caplog.records)
    assert "RuntimeError: token refresh refused" in text and "[redacted]" in text  # the traceback is still there
    for secret in ("SECRET1", "SECRET2", "SECRET3", "SECRET4"):
        assert secret not in text


# -- translations ------------------------------------------------------------------------------------------------


def source_messages() -> set[str]:
    method_map = [("sandbox/**", "ignore"), ("**.py", "python"), ("templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "_l": None, "lazy_gettext": None}
    found = extract_from_dir(str(APP_DIR), method_map=method_map, keywords=keywords)
    return {message for _, _, message, _, _ in found if isinstance(message, str)}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_catalogues_translate_every_message(language: str) -> None:
    path = APP_DIR / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = {m.id: m for m in read_po(handle) if m.id}
    missing = sorted(source_messages() - set(catalogue))
    assert missing == [], f"not in {language}/messages.po: {missing}"
    untranslated = sorted(str(k) for k, m in catalogue.items() if not m.string or m.fuzzy)
    assert untranslated == []


def test_dutch_is_the_default_and_english_is_available(app: Flask) -> None:
    client = app.test_client()
    assert "Steunend netwerk" in client.get("/").get_data(as_text=True)
    assert "Supportive network" in client.get("/", headers={"Accept-Language": "en-GB"}).get_data(as_text=True)
    assert "Steunend netwerk" in client.get("/?lang=nl", headers={"Accept-Language": "en"}).get_data(as_text=True)
