"""The app under test with its test settings, and the launch it starts at a fake EHR (``app_fake_ehr``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app_fake_ehr import CLIENT_ID, ISSUER, FakeEhr
from flask import Flask
from flask.testing import FlaskClient

from smart_app import create_app
from smart_app.config import AppSettings

APP = "http://app.test"


def make_settings(tmp_path: Path, **changes: Any) -> AppSettings:
    values: dict[str, Any] = {
        "secret_key": "s" * 40,
        "client_id": CLIENT_ID,
        "allowed_issuers": (ISSUER,),
        "session_dir": str(tmp_path / "sessions"),
        "public_url": APP,
    }
    values.update(changes)
    return AppSettings(**values)


def make_app(tmp_path: Path, **changes: Any) -> Flask:
    return app_with(make_settings(tmp_path, **changes))


def app_with(settings: AppSettings) -> Flask:
    """The app in testing mode with these settings."""
    return create_app({"SRH_SETTINGS": settings, "TESTING": True})


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def start(client: FlaskClient, launch: str | None = "launch-123", iss: str = ISSUER) -> str:
    params = {"iss": iss} | ({"launch": launch} if launch is not None else {})
    response = client.get("/launch", query_string=params)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


def full_launch(client: FlaskClient, ehr: FakeEhr, **callback_extra: str) -> Any:
    callback = ehr.authorize(start(client))
    return client.get("/callback", query_string={**callback, **callback_extra})
