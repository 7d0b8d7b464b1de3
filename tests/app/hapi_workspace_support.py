"""Helpers of the workspace tests against the HAPI server: a copy of the example client stored there, a launch put
straight into the app's session store for the test browser, page loads and posts, and what a page holds."""

from __future__ import annotations

import re
import uuid
from html import unescape
from typing import Any

import requests
from app_fake_ehr import stored_launch
from flask import Flask, g
from flask.testing import FlaskClient
from synthetic_clients import example_client, example_professionals, put_transaction

from smart_app.records import Launch
from smart_app.sessions import fingerprint, session_binding
from srh_fhir.client import FHIRClient

READ_ONLY_SCOPE = "launch openid fhirUser patient/Patient.rs patient/RelatedPerson.rs patient/Observation.rs"


def put_example_client(fhir_base: str) -> str:
    """A copy of Ingrid under fresh ids, after the example professionals she points at (so the server includes them)."""
    suffix = uuid.uuid4().hex[:8]
    with FHIRClient(fhir_base) as fhir:
        fhir.transaction(put_transaction(example_professionals()))
        fhir.transaction(put_transaction(example_client(suffix)))
    return f"ingrid-de-vries-{suffix}"


def bind(client: FlaskClient) -> str:
    """Give the test browser a session; the binding its launches are bound to."""
    with client.session_transaction() as session:
        return session_binding(session)


def open_launch(app: Flask, client: FlaskClient, fhir_base: str, patient: str, **changes: Any) -> Launch:
    binding = bind(client)
    return stored_launch(app.extensions["srh_store"], fhir_base, patient, session_hash=fingerprint(binding), **changes)


PAGES = ("", "network", "network/changes", "needs", "plan", "social-system", "working-relationship", "print")


def visible_text(html: str) -> str:
    """What a reader sees: the page without scripts, styles and tags (so without attribute values)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def every_page(client: FlaskClient, launch: Launch, language: str) -> list[tuple[str, str]]:
    """(path, html) of every workspace page of the launch, each member's page included; each answered 200."""
    network = client.get(f"/l/{launch.key}/network", headers={"Accept-Language": language}).get_data(as_text=True)
    members = sorted(set(re.findall(r'href="[^"]*/(network/members/[^"/?#]+)"', network)))
    assert members, "the network page links its members"
    pages = []
    for page in (*PAGES, *members):
        response = client.get(f"/l/{launch.key}/{page}", headers={"Accept-Language": language})
        assert response.status_code == 200, page
        pages.append((page, response.get_data(as_text=True)))
    return pages


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no CSRF token"
    return match.group(1) or match.group(2)


def get(client: FlaskClient, launch: Launch, page: str, language: str = "en") -> tuple[int, str, int]:
    """(status, html, FHIR round trips) of one page load."""
    with client:
        response = client.get(f"/l/{launch.key}/{page}", headers={"Accept-Language": language})
        trips = int(getattr(g, "fhir_round_trips", 0))
    return response.status_code, response.get_data(as_text=True), trips


def post(client: FlaskClient, launch: Launch, path: str, page: str, data: dict[str, Any]) -> Any:
    """Post a form of ``page`` (the answer in English)."""
    return client.post(
        f"/l/{launch.key}/{path}", data={"csrf_token": csrf_token(page), **data}, headers={"Accept-Language": "en"}
    )


def prefixed(prefix: str, data: dict[str, Any]) -> dict[str, Any]:
    """A form's fields as posted by a form with this prefix (the plan page's forms have one each)."""
    return {f"{prefix}-{name}": value for name, value in data.items()}


def hidden_value(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no hidden field {name}"
    return unescape(match.group(1))


def search(fhir_base: str, kind: str, **params: str) -> list[dict[str, Any]]:
    bundle = requests.get(f"{fhir_base}/{kind}", params={**params, "_count": "500"}, timeout=30).json()
    return [e["resource"] for e in bundle.get("entry", [])]
