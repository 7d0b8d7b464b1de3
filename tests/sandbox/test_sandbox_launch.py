"""The sandbox EHR end to end over HTTP (Flask test client) with the real HAPI server: the launcher page, a full
EHR launch and a standalone launch with the login/patient-picker page, then FHIR calls through the proxy."""

from __future__ import annotations

from typing import Any

import pytest
from sandbox_support import (
    FHIR_BASE,
    INGRID,
    LOTTE,
    MOHAMED,
    REDIRECT_URI,
    SandboxHarness,
    authorize,
    authorize_params,
    pkce_pair,
    query_of,
)

from devstack.sandbox_ehr.state import PARTIAL_SCOPES
from srh_fhir import bundle
from srh_fhir.client import FHIRClient


def _exchange(harness: SandboxHarness, code: str, verifier: str) -> dict[str, Any]:
    response = harness.client.post("/auth/token", data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
        "code_verifier": verifier, "client_id": "srh-public",
    })
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def test_launcher_page_lists_the_seeded_clients_and_practitioners(harness: SandboxHarness) -> None:
    page = harness.client.get("/").get_data(as_text=True)
    assert f'value="{INGRID}"' in page and f'value="{MOHAMED}"' in page
    assert f'value="{LOTTE}"' in page
    assert "refresh fails" in page


def test_ehr_launch_from_the_launcher_frames_the_app_and_reaches_the_patient(harness: SandboxHarness) -> None:
    response = harness.client.post("/launch", data={
        "patient": INGRID, "practitioner": LOTTE, "launch_type": "ehr", "client_id": "srh-public",
        "encounter": "ingrid-encounter-2026-03-24",
    })
    assert response.status_code == 302
    page = harness.client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ingrid" in page and "<iframe" in page
    src = page.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert src.startswith("http://127.0.0.1:5000/launch?")
    launch = query_of(src)
    assert launch["iss"] == FHIR_BASE
    verifier, challenge = pkce_pair()
    code = authorize(harness, authorize_params(launch["launch"], challenge))["code"]
    tokens = _exchange(harness, code, verifier)
    assert tokens["patient"] == INGRID and tokens["encounter"] == "ingrid-encounter-2026-03-24"
    assert tokens["need_patient_banner"] is False
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    members = harness.client.get(f"/fhir/RelatedPerson?patient=Patient/{INGRID}", headers=headers)
    assert members.status_code == 200 and members.get_json()["total"] >= 7
    assert harness.client.get(f"/fhir/Patient/{MOHAMED}", headers=headers).status_code == 403


def test_the_launch_api_answers_with_the_app_url(harness: SandboxHarness) -> None:
    response = harness.client.post("/api/launches", json={"patient": MOHAMED, "practitioner": LOTTE,
                                                           "error": PARTIAL_SCOPES})
    assert response.status_code == 200
    body = response.get_json()
    assert body["iss"] == FHIR_BASE and query_of(body["app_url"])["launch"] == body["launch"]
    verifier, challenge = pkce_pair()
    tokens = _exchange(harness, authorize(harness, authorize_params(body["launch"], challenge))["code"], verifier)
    assert tokens["patient"] == MOHAMED
    assert not any(s.endswith(".cruds") for s in tokens["scope"].split())


@pytest.mark.parametrize(
    "values",
    [
        {"patient": "nobody", "practitioner": LOTTE},
        {"patient": INGRID, "practitioner": LOTTE, "encounter": "mohamed-encounter-2026-03-05"},
        {"patient": INGRID, "practitioner": LOTTE, "fhir_context": "CarePlan/mohamed-support-plan"},
        {"patient": INGRID, "practitioner": LOTTE, "error": "no-such-error"},
        {"patient": INGRID},
    ],
)
def test_the_launcher_refuses_inconsistent_choices(harness: SandboxHarness, values: dict[str, str]) -> None:
    response = harness.client.post("/api/launches", json=values)
    assert response.status_code == 400 and response.get_json()["error"]


BAD_IDS = ["../x", "..", "a b", "x" * 65, "?", "Patient/x", "%3F"]


@pytest.mark.parametrize(
    ("field", "bad"),
    [(field, bad) for field in ("patient", "practitioner", "encounter", "fhir_context") for bad in BAD_IDS
     if not (field == "fhir_context" and " " in bad)],  # fhirContext is a list of references split on spaces
)
def test_bad_ids_in_the_launcher_are_a_400_page_not_a_crash(harness: SandboxHarness, field: str, bad: str) -> None:
    values = {"patient": INGRID, "practitioner": LOTTE, field: f"CarePlan/{bad}" if field == "fhir_context" else bad}
    page = harness.client.get("/launch", query_string=values)
    assert page.status_code == 400 and page.mimetype == "text/html"
    assert "Cannot launch" in page.get_data(as_text=True)
    api = harness.client.post("/api/launches", json=values)
    assert api.status_code == 400 and "not a FHIR id" in api.get_json()["error"]


def test_standalone_launch_picks_user_and_patient_on_the_login_page(harness: SandboxHarness) -> None:
    setup = harness.client.post("/api/launches", json={"launch_type": "standalone", "client_id": "srh-public"})
    assert "launch" not in query_of(setup.get_json()["app_url"])
    verifier, challenge = pkce_pair()
    scope = "launch/patient openid fhirUser patient/RelatedPerson.rs"
    page = harness.client.get("/auth/authorize", query_string=authorize_params(None, challenge, scope=scope))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert f'value="{MOHAMED}"' in html and f'value="{LOTTE}"' in html
    request_id = html.split('name="request_id" value="', 1)[1].split('"', 1)[0]
    decision = harness.client.post("/auth/authorize/decision", data={
        "request_id": request_id, "decision": "allow", "practitioner": LOTTE, "patient": MOHAMED,
    })
    assert decision.status_code == 302
    tokens = _exchange(harness, query_of(decision.headers["Location"])["code"], verifier)
    assert tokens["patient"] == MOHAMED and tokens["need_patient_banner"] is True
    again = harness.client.post("/auth/authorize/decision", data={"request_id": request_id, "decision": "allow"})
    assert again.status_code == 400


def test_standalone_deny_redirects_with_access_denied(harness: SandboxHarness) -> None:
    _, challenge = pkce_pair()
    params = authorize_params(None, challenge, scope="launch/patient patient/RelatedPerson.rs")
    html = harness.client.get("/auth/authorize", query_string=params).get_data(as_text=True)
    request_id = html.split('name="request_id" value="', 1)[1].split('"', 1)[0]
    denied = harness.client.post("/auth/authorize/decision", data={"request_id": request_id, "decision": "deny"})
    redirect = query_of(denied.headers["Location"])
    assert redirect["error"] == "access_denied" and redirect["state"] == params["state"]


def test_a_server_crowded_with_other_patients_still_offers_the_example_clients(
    harness: SandboxHarness, seeded: str
) -> None:
    """The pickers list the seeded examples first: 101 patients sorted before them do not push them out."""
    crowd = [
        {"resourceType": "Patient", "id": f"crowd-{n:03d}", "name": [{"family": f"Aaa-{n:03d}", "given": ["Test"]}]}
        for n in range(101)
    ]
    with FHIRClient(seeded) as client:
        client.transaction([bundle.entry_for_update(patient) for patient in crowd])
    page = harness.client.get("/").get_data(as_text=True)
    assert f'value="{INGRID}"' in page and f'value="{MOHAMED}"' in page and f'value="{LOTTE}"' in page
    assert 'value="crowd-000"' in page  # the others are offered too, up to the picker's limit
