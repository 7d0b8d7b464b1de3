"""Fixtures of the SMART app tier: the app with its test settings, a fake EHR played with ``responses``, and the
example client on the HAPI server. Helpers are in ``launch_support`` (settings, app, launch), ``app_fake_ehr`` and
``hapi_workspace_support`` (workspace tests against HAPI)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import responses
from app_fake_ehr import FakeEhr
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import put_example_client
from launch_support import app_with, make_settings

from smart_app.config import AppSettings


@pytest.fixture
def app_settings(tmp_path: Path) -> AppSettings:
    """The settings of the ``app``: launches from the fake EHR. A module whose app differs overrides this."""
    return make_settings(tmp_path)


@pytest.fixture
def app(app_settings: AppSettings) -> Flask:
    return app_with(app_settings)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def mock() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


@pytest.fixture
def ehr(mock: responses.RequestsMock) -> FakeEhr:
    return FakeEhr(mock).install()


@pytest.fixture(scope="module")
def ingrid(fhir_base: str) -> str:
    """A copy of the example client Ingrid with her network, under fresh ids, on the HAPI server; her Patient id."""
    return put_example_client(fhir_base)
