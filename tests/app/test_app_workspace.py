"""The launch's workspace against a real HAPI FHIR server: the overview it lands on, the launch's binding to the
browser that made it, ending a tie (conflict, another patient's member) and unsaved input kept for the next launch.

The launch is put straight into the session store (the launch itself is tested elsewhere), bound to the test
browser's session; HAPI does not check tokens, so what is tested here is the app's own confinement. The pages'
content and every other write are in test_workspace.py.
"""

from __future__ import annotations

import re
import time
import uuid
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask, g
from hapi_workspace_support import READ_ONLY_SCOPE, bind, csrf_token, open_launch, put_example_client
from launch_support import make_settings
from synthetic_clients import put_transaction, synthetic_client

from smart_app.config import AppSettings
from srh_fhir.client import FHIRClient
from srh_fhir.terminology import BasicNeed


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    """The app takes launches from the HAPI server."""
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def members_on_server(fhir_base: str, patient: str) -> list[dict[str, Any]]:
    bundle = requests.get(f"{fhir_base}/RelatedPerson", params={"patient": patient, "_count": 200}, timeout=30).json()
    return [e["resource"] for e in bundle.get("entry", [])]


def version_on(page: str) -> str:
    match = re.search(r'name="version" value="([^"]*)"', page)
    assert match, "no version on the page"
    return unescape(match.group(1))


def test_the_overview_is_the_landing_page_with_one_fhir_round_trip(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(
        app, client, fhir_base, ingrid, fhir_user="Practitioner/practitioner-sanne-bakker", user_name="Sanne Bakker"
    )
    with client:
        response = client.get(f"/l/{launch.key}/", headers={"Accept-Language": "nl"})
        assert g.fhir_round_trips == 1
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and launch.access_token not in page
    assert 'class="patient-banner"' in page and "<h1>Ingrid de Vries</h1>" in page
    assert "6 personen in het netwerk" in page and "1 relatie beëindigd" in page
    assert "<dt>Familie</dt><dd>1</dd>" in page and "<dt>Dichtbij</dt><dd>3</dd>" in page
    assert "Belastende relaties: Marloes" in page
    assert "Ik wil weer eens per week met mijn zus koffie drinken." in page
    assert "Ingelogd als Sanne Bakker" in page  # a name, not the fhirUser reference
    nav = page[page.index('<nav class="workspace-nav"') :]
    assert re.search(r'<a href="/l/[^"]+/" aria-current="page">Overzicht</a>', nav)
    for path in ("network", "needs", "plan", "social-system", "working-relationship", "network/changes", "print"):
        assert f'href="/l/{launch.key}/{path}"' in page, path


def test_the_overview_shows_needs_nobody_meets_in_english(app: Flask, fhir_base: str) -> None:
    patient = f"alone-{uuid.uuid4().hex[:8]}"  # no network at all: every need unmet
    with FHIRClient(fhir_base) as fhir:
        fhir.transaction(put_transaction(synthetic_client(patient, 0)))
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient, scope=READ_ONLY_SCOPE)
    page = client.get(f"/l/{launch.key}/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "No one in the network yet." in page and "Read only" in page
    assert page.count('<li data-need="') == len(BasicNeed) and "basic needs are met by nobody" in page


def test_a_launch_belongs_to_the_browser_that_made_it(app: Flask, fhir_base: str, ingrid: str) -> None:
    owner, other = app.test_client(), app.test_client()
    launch = open_launch(app, owner, fhir_base, ingrid)
    bind(other)
    response = other.get(f"/l/{launch.key}/")
    assert response.status_code == 403 and 'data-reason="launch_other_session"' in response.get_data(as_text=True)
    assert app.test_client().get(f"/l/{launch.key}/").status_code == 403  # no session at all
    assert owner.get("/l/not-a-launch/").status_code == 404
    assert owner.get(f"/l/{launch.key}/").status_code == 200


def test_ending_a_tie_someone_changed_meanwhile_is_a_conflict(app: Flask, fhir_base: str) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    member = next(m for m in members_on_server(fhir_base, patient) if m.get("active", True))
    page = client.get(f"/l/{launch.key}/network/members/{member['id']}").get_data(as_text=True)
    changed = {**member, "telecom": [{"system": "phone", "value": "06-99999999"}]}
    requests.put(f"{fhir_base}/RelatedPerson/{member['id']}", json=changed, timeout=30).raise_for_status()
    form = {"csrf_token": csrf_token(page), "patient": patient, "version": version_on(page), "ended_on": "2026-11-01"}
    form["confirmed"] = "yes"
    response = client.post(f"/l/{launch.key}/network/members/{member['id']}/end", data=form)
    assert response.status_code == 409 and 'data-reason="conflict"' in response.get_data(as_text=True)
    current = requests.get(f"{fhir_base}/RelatedPerson/{member['id']}", timeout=30).json()
    assert current.get("active", True) is True  # nothing was overwritten
    form["version"] = current["meta"]["versionId"]
    response = client.post(f"/l/{launch.key}/network/members/{member['id']}/end", data=form)
    assert response.status_code == 303
    assert requests.get(f"{fhir_base}/RelatedPerson/{member['id']}", timeout=30).json()["active"] is False


def test_ending_a_tie_of_another_patient_is_refused(app: Flask, fhir_base: str, ingrid: str) -> None:
    stranger = members_on_server(fhir_base, put_example_client(fhir_base))[0]
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    page = client.get(f"/l/{launch.key}/network").get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "patient": ingrid, "version": stranger["meta"]["versionId"]}
    response = client.post(f"/l/{launch.key}/network/members/{stranger['id']}/end", data=form)
    assert response.status_code == 400 and 'data-reason="patient_mismatch"' in response.get_data(as_text=True)
    assert requests.get(f"{fhir_base}/RelatedPerson/{stranger['id']}", timeout=30).json().get("active", True)


def test_a_lost_session_keeps_the_unsaved_member_for_the_next_launch(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid, expires_at=time.time() - 60, refresh_token=None)
    fresh = open_launch(app, client, fhir_base, ingrid)
    page = client.get(f"/l/{fresh.key}/network", headers={"Accept-Language": "en"}).get_data(as_text=True)
    name = f"Unsaved-{uuid.uuid4().hex[:6]}"
    form = {
        "csrf_token": csrf_token(page),
        "patient": ingrid,
        "given": name,
        "relationship": "neef",
        "sector": "family",
    }
    response = client.post(f"/l/{launch.key}/network/members", data=form, headers={"Accept-Language": "en"})
    text = response.get_data(as_text=True)
    assert response.status_code == 401 and 'data-reason="not-saved"' in text
    assert "Your session with the EHR has ended" in text
    assert name in text and "neef" in text
    again = open_launch(app, client, fhir_base, ingrid)
    assert f'value="{name}"' in client.get(f"/l/{again.key}/network").get_data(as_text=True)
    assert not [m for m in members_on_server(fhir_base, ingrid) if m["name"][0]["given"] == [name]]
