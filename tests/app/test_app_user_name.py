"""The signed-in user by name: from the id_token's ``name``, else one read of ``fhirUser`` when the launch is made
(never on each page), else nothing (the pages then say "onbekende zorgverlener", never the reference)."""

from __future__ import annotations

import re

import responses
from app_fake_ehr import FULL_SCOPE, ISSUER, FakeEhr
from flask import Flask
from launch_support import start

from smart_app.records import Launch

LOTTE = f"{ISSUER}/Practitioner/practitioner-lotte-hendriks"


def launched(app: Flask, ehr: FakeEhr) -> Launch:
    client = app.test_client()
    response = client.get("/callback", query_string=ehr.authorize(start(client)))
    assert response.status_code == 303
    match = re.fullmatch(r"/l/([\w-]+)/", response.headers["Location"])
    assert match
    return Launch.from_dict(app.extensions["srh_store"].get("launch", match.group(1)))


def test_the_id_tokens_name_needs_no_read(app: Flask, ehr: FakeEhr) -> None:
    launch = launched(app, ehr)
    assert launch.user_name == "Lotte Hendriks" and launch.fhir_user == "Practitioner/practitioner-lotte-hendriks"
    assert not [c for c in ehr.mock.calls if "/Practitioner/" in c.request.url]


def test_without_a_name_in_the_id_token_the_user_is_read_once_at_the_launch(app: Flask, ehr: FakeEhr) -> None:
    ehr.id_token_claims = {"name": None}
    practitioner = {"resourceType": "Practitioner", "id": "x", "name": [{"family": "Hendriks", "given": ["Lotte"]}]}
    ehr.mock.add(responses.GET, LOTTE, json=practitioner)
    assert launched(app, ehr).user_name == "Lotte Hendriks"
    (read,) = [c for c in ehr.mock.calls if "/Practitioner/" in c.request.url]
    assert read.request.headers["Authorization"].startswith("Bearer access-")


def test_no_read_without_a_practitioner_scope_and_no_name_when_the_read_fails(app: Flask, ehr: FakeEhr) -> None:
    ehr.id_token_claims = {"name": None}
    ehr.granted_scope = FULL_SCOPE.replace("user/Practitioner.rs ", "")
    assert launched(app, ehr).user_name is None
    assert not [c for c in ehr.mock.calls if "/Practitioner/" in c.request.url]
    ehr.granted_scope = FULL_SCOPE
    ehr.mock.add(responses.GET, LOTTE, status=404, json={"resourceType": "OperationOutcome", "issue": []})
    assert launched(app, ehr).user_name is None
