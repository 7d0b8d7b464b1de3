"""The sandbox's patient portal: a launch as the client (fhirUser = the Patient) at the app's portal launch URL,
granted what a patient may do: reads as asked, writes narrowed to goals, the plan, consents, ratings and their
change records."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from sandbox_support import (
    INGRID,
    REDIRECT_URI,
    SandboxHarness,
    authorize,
    authorize_params,
    pkce_pair,
    query_of,
)

from devstack.sandbox_ehr.scopes import for_patient_user

CLIENT_VIEW_SCOPES = (
    "launch openid fhirUser patient/Patient.rs patient/RelatedPerson.rs patient/Goal.crs patient/CarePlan.crus "
    "patient/Consent.crs user/Practitioner.rs"
)


@pytest.mark.parametrize(
    ("asked", "granted"),
    [
        ("patient/RelatedPerson.cruds", "patient/RelatedPerson.rs"),
        ("patient/Goal.crus", "patient/Goal.crs"),
        ("patient/CarePlan.cruds", "patient/CarePlan.crus"),
        ("patient/Consent.write", "patient/Consent.c"),
        ("patient/Consent.read", "patient/Consent.read"),
        ("patient/CareTeam.cud", ""),
        ("openid", "openid"),
    ],
)
def test_a_patient_user_gets_reads_as_asked_and_only_the_patients_writes(asked: str, granted: str) -> None:
    assert for_patient_user([asked]) == ((granted,) if granted else ())


def _claims(id_token: str) -> dict[str, Any]:
    payload = id_token.split(".")[1]
    claims: dict[str, Any] = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return claims


@pytest.mark.hapi
def test_the_portal_launch_opens_the_apps_portal_url_and_signs_in_the_client(harness: SandboxHarness) -> None:
    made = harness.client.post("/api/launches", json={"patient": INGRID, "launch_type": "portal"})
    assert made.status_code == 200, made.get_json()
    app_url = made.get_json()["app_url"]
    assert app_url.startswith("http://127.0.0.1:5000/portal/launch?")
    verifier, challenge = pkce_pair()
    params = authorize_params(query_of(app_url)["launch"], challenge, scope=CLIENT_VIEW_SCOPES + " patient/*.cruds")
    code = authorize(harness, params)["code"]
    response = harness.client.post("/auth/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
        "code_verifier": verifier, "client_id": "srh-public",
    })
    tokens = response.get_json()
    assert tokens["patient"] == INGRID and tokens["need_patient_banner"] is True
    claims = _claims(tokens["id_token"])
    assert claims["fhirUser"].endswith(f"Patient/{INGRID}") and claims["sub"] == INGRID
    scopes = tokens["scope"].split()
    assert "patient/RelatedPerson.rs" in scopes and "patient/*.rs" in scopes and "patient/*.cruds" not in scopes
    page = harness.client.get(harness.client.post("/launch", data={
        "patient": INGRID, "launch_type": "portal",
    }).headers["Location"]).get_data(as_text=True)
    assert "patient portal" in page
