"""The workspace of a launch against a real HAPI FHIR server: reading, writing, read-only mode, conflicts, binding.

The launch is put straight into the session store (the launch itself is tested elsewhere), bound to the test
browser's session; HAPI does not check tokens, so what is tested here is the app's own confinement.
"""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from hapi_workspace_support import READ_ONLY_SCOPE, bind, csrf_token, open_launch, put_example_client
from launch_support import make_settings

from smart_app.config import AppSettings


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    """The app takes launches from the HAPI server."""
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def members_on_server(fhir_base: str, patient: str) -> list[dict[str, Any]]:
    bundle = requests.get(f"{fhir_base}/RelatedPerson", params={"patient": patient, "_count": 200}, timeout=30).json()
    return [e["resource"] for e in bundle.get("entry", [])]


def new_member_form(page: str, patient: str, given: str) -> dict[str, str]:
    return {
        "csrf_token": csrf_token(page),
        "patient": patient,
        "given": given,
        "family": "Test",
        "relationship": "neef",
        "sector": "family",
    }


def test_the_workspace_shows_banner_and_network(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    response = client.get(f"/l/{launch.key}/", headers={"Accept-Language": "nl"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'class="patient-banner"' in page and "Ingrid" in page
    assert "Anja Hoekstra-de Vries" in page and "Familie" in page
    assert "Iemand toevoegen aan het netwerk" in page  # Dutch by default
    assert launch.access_token not in page


def test_no_banner_when_the_ehr_shows_its_own(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid, need_patient_banner=False)
    page = client.get(f"/l/{launch.key}/").get_data(as_text=True)
    assert 'class="patient-banner"' not in page and "Anja" in page


def test_adding_a_member_writes_it_for_the_launch_patient(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    page = client.get(f"/l/{launch.key}/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    name = f"Ruben-{uuid.uuid4().hex[:6]}"
    response = client.post(f"/l/{launch.key}/members", data=new_member_form(page, ingrid, name))
    assert response.status_code == 303
    (created,) = [m for m in members_on_server(fhir_base, ingrid) if m["name"][0]["given"] == [name]]
    assert created["patient"]["reference"] == f"Patient/{ingrid}"
    assert created["relationship"][0]["text"] == "neef"
    assert name in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_write_without_csrf_token_is_refused(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    page = client.get(f"/l/{launch.key}/").get_data(as_text=True)
    form = new_member_form(page, ingrid, "NoCsrf")
    del form["csrf_token"]
    response = client.post(f"/l/{launch.key}/members", data=form)
    assert response.status_code == 400 and 'data-reason="csrf"' in response.get_data(as_text=True)
    assert not [m for m in members_on_server(fhir_base, ingrid) if m["name"][0]["given"] == ["NoCsrf"]]


def test_a_form_for_another_patient_is_refused(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    page = client.get(f"/l/{launch.key}/").get_data(as_text=True)
    other = "mohamed-el-amrani"
    response = client.post(f"/l/{launch.key}/members", data=new_member_form(page, other, "Tampered"))
    assert response.status_code == 400 and 'data-reason="patient_mismatch"' in response.get_data(as_text=True)
    assert not [m for m in members_on_server(fhir_base, ingrid) if m["name"][0]["given"] == ["Tampered"]]


def test_read_only_scopes_show_no_forms_and_send_no_writes(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    writable = open_launch(app, client, fhir_base, ingrid)
    token = csrf_token(client.get(f"/l/{writable.key}/").get_data(as_text=True))
    launch = open_launch(app, client, fhir_base, ingrid, scope=READ_ONLY_SCOPE)
    page = client.get(f"/l/{launch.key}/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Read only" in page and "member-form" not in page and "Mark as ended" not in page
    form = new_member_form(f'name="csrf_token" value="{token}"', ingrid, "ReadOnly")
    response = client.post(f"/l/{launch.key}/members", data=form)
    assert response.status_code == 403 and 'data-reason="read_only"' in response.get_data(as_text=True)
    assert not [m for m in members_on_server(fhir_base, ingrid) if m["name"][0]["given"] == ["ReadOnly"]]


def test_ending_a_tie_someone_changed_meanwhile_is_a_conflict(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    page = client.get(f"/l/{launch.key}/").get_data(as_text=True)
    member = next(m for m in members_on_server(fhir_base, ingrid) if m.get("active", True))
    shown_version = member["meta"]["versionId"]
    changed = {**member, "telecom": [{"system": "phone", "value": "06-99999999"}]}
    requests.put(f"{fhir_base}/RelatedPerson/{member['id']}", json=changed, timeout=30).raise_for_status()
    form = {"csrf_token": csrf_token(page), "patient": ingrid, "version": shown_version}
    response = client.post(f"/l/{launch.key}/members/{member['id']}/end", data=form)
    assert response.status_code == 409 and 'data-reason="conflict"' in response.get_data(as_text=True)
    current = requests.get(f"{fhir_base}/RelatedPerson/{member['id']}", timeout=30).json()
    assert current.get("active", True) is True  # nothing was overwritten
    form["version"] = current["meta"]["versionId"]
    assert client.post(f"/l/{launch.key}/members/{member['id']}/end", data=form).status_code == 303
    assert requests.get(f"{fhir_base}/RelatedPerson/{member['id']}", timeout=30).json()["active"] is False


def test_ending_a_tie_of_another_patient_is_refused(app: Flask, fhir_base: str, ingrid: str) -> None:
    stranger = members_on_server(fhir_base, put_example_client(fhir_base))[0]
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    page = client.get(f"/l/{launch.key}/").get_data(as_text=True)
    form = {"csrf_token": csrf_token(page), "patient": ingrid, "version": stranger["meta"]["versionId"]}
    response = client.post(f"/l/{launch.key}/members/{stranger['id']}/end", data=form)
    assert response.status_code == 400 and 'data-reason="patient_mismatch"' in response.get_data(as_text=True)
    assert requests.get(f"{fhir_base}/RelatedPerson/{stranger['id']}", timeout=30).json().get("active", True)


def test_a_launch_belongs_to_the_browser_that_made_it(app: Flask, fhir_base: str, ingrid: str) -> None:
    owner, other = app.test_client(), app.test_client()
    launch = open_launch(app, owner, fhir_base, ingrid)
    bind(other)
    response = other.get(f"/l/{launch.key}/")
    assert response.status_code == 403 and 'data-reason="launch_other_session"' in response.get_data(as_text=True)
    assert app.test_client().get(f"/l/{launch.key}/").status_code == 403  # no session at all
    assert owner.get("/l/not-a-launch/").status_code == 404


def test_a_lost_session_keeps_the_unsaved_input_for_the_next_launch(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid, expires_at=time.time() - 60, refresh_token=None)
    fresh = open_launch(app, client, fhir_base, ingrid)
    page = client.get(f"/l/{fresh.key}/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    form = new_member_form(page, ingrid, "Unsaved")
    response = client.post(f"/l/{launch.key}/members", data=form, headers={"Accept-Language": "en"})
    text = response.get_data(as_text=True)
    assert response.status_code == 401 and 'data-reason="relaunch"' in text
    assert "Unsaved" in text and "neef" in text
    again = open_launch(app, client, fhir_base, ingrid)
    assert 'value="Unsaved"' in client.get(f"/l/{again.key}/").get_data(as_text=True)
