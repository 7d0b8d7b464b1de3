"""The launch of the current request, under ``/l/<launch-key>/``: loaded from the URL, its patient's repository,
the app's settings and language, and the pages for FHIR failures.

Every request loads the launch named in the URL and checks it belongs to this browser session; every FHIR call
goes through ``client_repository()``: the library's repository of the launch's patient, which speaks domain objects
and is confined to that patient. Without a write scope the app is read-only (``g.permissions``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app, g, session
from flask_babel import get_locale
from werkzeug.wrappers import Response

from smart_app.config import AppSettings
from smart_app.errors import LaunchError
from smart_app.records import Launch
from smart_app.scopes import Permissions
from smart_app.sessions import bound_to, fingerprint, store_for
from smart_app.tokens import LaunchTokens
from smart_app.views.errors import problem_page
from srh_fhir.client import FHIRClient
from srh_fhir.client_repository import ClientRepository
from srh_fhir.errors import (
    AuthError,
    FHIRConnectionError,
    FHIRHTTPError,
    InvalidResource,
    ResourceNotFound,
    ServerError,
)

log = logging.getLogger(__name__)
Page = str | tuple[str, int] | Response


def load_launch(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """The workspace's ``url_value_preprocessor``: the launch of ``<launch_key>`` in ``g``, if it is this session's
    and a clinician's (a client's launch never reaches the workspace)."""
    _load(values)
    if g.launch.for_client:
        log.warning("refused a client's launch on a page of the workspace")
        raise LaunchError("wrong_view", 403)


def load_client_launch(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """The client view's ``url_value_preprocessor``: as ``load_launch``, for a launch by the client only."""
    _load(values)
    if not g.launch.for_client:
        log.warning("refused a clinician's launch on a page of the client view")
        raise LaunchError("wrong_view", 403)


def _load(values: dict[str, Any] | None) -> None:
    key = (values or {}).pop("launch_key", "")
    record = store_for(current_app).get("launch", key) if key else None
    if record is None:
        raise LaunchError("launch_unknown", 404)
    launch = Launch.from_dict(record)
    binding = bound_to(session)
    if not binding or fingerprint(binding) != launch.session_hash:
        raise LaunchError("launch_other_session", 403)
    g.launch = launch
    g.permissions = Permissions(launch.scope)


def add_launch_key(endpoint: str, values: dict[str, Any]) -> None:
    """A blueprint's ``url_defaults``: links within a launch stay in it."""
    if "launch_key" not in values and "launch" in g:
        values["launch_key"] = g.launch.key


def settings() -> AppSettings:
    configured: AppSettings = current_app.extensions["srh_settings"]
    return configured


@contextmanager
def client_repository() -> Iterator[ClientRepository]:
    """The repository of the launch's patient on the launch's server, with the launch's (refreshing) token."""
    tokens = LaunchTokens(settings(), store_for(current_app), g.launch)
    with FHIRClient(g.launch.server.issuer, auth=tokens, timeout=settings().http_timeout) as client:
        author = g.launch.fhir_user if g.permissions.can_create("Provenance") else None
        yield ClientRepository(client, g.launch.patient, author=author)


def language() -> str:
    return str(get_locale() or "nl")


def fhir_problem(error: FHIRHTTPError) -> tuple[str, int]:
    """The page for an HTTP error the FHIR server answered."""
    log.warning("the FHIR server answered HTTP %s", error.status)
    if isinstance(error, ResourceNotFound):
        return problem_page("not_found", 404)
    if isinstance(error, InvalidResource):
        return problem_page("fhir_refused", 422)
    if isinstance(error, ServerError):
        return problem_page("fhir_unavailable", 502)
    return problem_page("forbidden" if error.status == 403 else "fhir_refused", 403 if error.status == 403 else 502)


def auth_problem(error: AuthError | FHIRConnectionError) -> tuple[str, int]:
    """The page for a refused authorization or an unreachable FHIR server."""
    if isinstance(error, AuthError) and error.status == 403:
        return problem_page("forbidden", 403)
    log.warning("FHIR request failed: %s", type(error).__name__)
    return problem_page("fhir_unavailable", 502)
