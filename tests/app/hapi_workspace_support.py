"""Helpers of the workspace tests against the HAPI server: a copy of the example client stored there, a launch put
straight into the app's session store for the test browser, and the CSRF token of a page's form."""

from __future__ import annotations

import re
import uuid
from typing import Any

from app_fake_ehr import stored_launch
from flask import Flask
from flask.testing import FlaskClient
from synthetic_clients import example_client, put_transaction

from smart_app.records import Launch
from smart_app.sessions import ServerSession, fingerprint
from srh_fhir.client import FHIRClient

READ_ONLY_SCOPE = "launch openid fhirUser patient/Patient.rs patient/RelatedPerson.rs patient/Observation.rs"


def put_example_client(fhir_base: str) -> str:
    suffix = uuid.uuid4().hex[:8]
    with FHIRClient(fhir_base) as fhir:
        fhir.transaction(put_transaction(example_client(suffix)))
    return f"ingrid-de-vries-{suffix}"


def bind(client: FlaskClient) -> str:
    """Give the test browser a session; its id."""
    with client.session_transaction() as session:
        assert isinstance(session, ServerSession)
        session["started"] = 1
        return session.sid


def open_launch(app: Flask, client: FlaskClient, fhir_base: str, patient: str, **changes: Any) -> Launch:
    sid = bind(client)
    return stored_launch(app.extensions["srh_store"], fhir_base, patient, session_hash=fingerprint(sid), **changes)


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"', page)
    assert match, "the page has no CSRF token"
    return match.group(1) or match.group(2)
