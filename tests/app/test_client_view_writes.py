"""The client's own view against HAPI: the client sees their network, needs and plan by name in plain words and
nothing of the professionals' own records, and writes only what is theirs: a goal in their own words, a consent
per member (a withdrawal is a new Consent, the history kept), a rating of the work with their professional; each
with the Patient as author of its change record, each form shown again with its errors and the input kept."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import csrf_token, open_launch, put_example_client, search, visible_text
from launch_support import make_settings

from smart_app.config import AppSettings
from smart_app.records import Launch
from smart_app.scopes import requested_scopes
from srh_fhir.validation import Validator, has_errors

CLIENT_SCOPE = requested_scopes(v2=True, ehr_launch=True, access="online", client=True)


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


@pytest.fixture
def patient(fhir_base: str) -> str:
    return put_example_client(fhir_base)


def client_launch(app: Flask, client: FlaskClient, fhir_base: str, patient: str) -> Launch:
    return open_launch(
        app, client, fhir_base, patient, audience="client", scope=CLIENT_SCOPE, fhir_user=f"Patient/{patient}"
    )


def page(client: FlaskClient, launch: Launch, path: str, language: str = "nl") -> str:
    response = client.get(f"/c/{launch.key}/{path}", headers={"Accept-Language": language})
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def post(client: FlaskClient, launch: Launch, path: str, shown: str, data: dict[str, Any]) -> Any:
    return client.post(
        f"/c/{launch.key}/{path}", data={"csrf_token": csrf_token(shown), **data}, headers={"Accept-Language": "nl"}
    )


def provenance_by(fhir_base: str, target: str) -> list[str]:
    """Who is the author of the change records of ``target``."""
    return [
        agent["who"]["reference"]
        for record in search(fhir_base, "Provenance", target=target)
        for agent in record.get("agent", [])
        if agent.get("type", {}).get("coding", [{}])[0].get("code") == "author"
    ]


@pytest.mark.hapi
def test_the_client_sees_their_picture_by_name_in_plain_words(
    app: Flask, fhir_base: str, patient: str
) -> None:
    client = app.test_client()
    launch = client_launch(app, client, fhir_base, patient)
    home, needs, plan = (visible_text(page(client, launch, p)) for p in ("", "needs", "plan"))
    assert "Jouw netwerk" in home and "Anja" in home and "Wie mag meedoen aan jouw plan" in home
    assert "Wat jouw netwerk geeft" in needs and "Wat hulpverleners geven" in needs
    assert "Wat jij wilt bereiken" in plan and "Wie helpt je" in plan
    for text in (home, needs, plan):
        assert "RelatedPerson/" not in text and "Practitioner/" not in text and f"Patient/{patient}" not in text
    english = visible_text(page(client, launch, "plan", "en"))
    assert "What you want to achieve" in english and "Who helps you" in english
    notes = [
        n["text"]
        for o in search(fhir_base, "Observation", subject=f"Patient/{patient}")
        for n in o.get("note", [])
        if "Practitioner" in str(o.get("performer", ""))
    ]
    assert notes, "the example has professionals' notes"
    assert not any(note in text for note in notes for text in (home, needs, plan))


@pytest.mark.hapi
def test_a_goal_in_the_clients_own_words_with_the_client_as_author(
    app: Flask, fhir_base: str, patient: str, validator: Validator
) -> None:
    client = app.test_client()
    launch = client_launch(app, client, fhir_base, patient)
    shown = page(client, launch, "plan")
    empty = post(client, launch, "plan/goals", shown, {"goal-patient": patient, "goal-description": " "})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 422 and 'id="error-summary"' in html and 'id="goal-description-error"' in html
    saved = post(client, launch, "plan/goals", shown, {"goal-patient": patient, "goal-description": "Vaker naar Anja"})
    assert saved.status_code == 303
    (goal,) = [g for g in search(fhir_base, "Goal", subject=f"Patient/{patient}") if "Anja" in g["description"]["text"]]
    assert goal["expressedBy"] == {"reference": f"Patient/{patient}"} and goal["lifecycleStatus"] == "proposed"
    assert not has_errors(validator.validate(goal))
    assert f"Patient/{patient}" in provenance_by(fhir_base, f"Goal/{goal['id']}")
    assert "Vaker naar Anja" in visible_text(page(client, launch, "plan"))


@pytest.mark.hapi
def test_withdrawing_a_consent_is_a_new_deny_by_the_client_and_the_history_stays(
    app: Flask, fhir_base: str, patient: str, validator: Validator
) -> None:
    client = app.test_client()
    launch = client_launch(app, client, fhir_base, patient)
    anja = f"ingrid-sister-anja-{patient.rsplit('-', 1)[1]}"
    before = search(fhir_base, "Consent", patient=f"Patient/{patient}")
    shown = page(client, launch, "")
    prefix = f"consent-{anja}"
    missing = post(client, launch, f"people/{anja}/consent", shown, {f"{prefix}-patient": patient})
    assert missing.status_code == 422 and f'id="{prefix}-decision-error"' in missing.get_data(as_text=True)
    data = {f"{prefix}-patient": patient, f"{prefix}-decision": "deny"}
    assert post(client, launch, f"people/{anja}/consent", shown, data).status_code == 303
    after = search(fhir_base, "Consent", patient=f"Patient/{patient}")
    (new,) = [c for c in after if c["id"] not in {b["id"] for b in before}]
    assert new["provision"]["type"] == "deny" and new["performer"] == [{"reference": f"Patient/{patient}"}]
    assert {b["id"] for b in before} <= {c["id"] for c in after}
    assert not has_errors(validator.validate(new))
    assert f"Patient/{patient}" in provenance_by(fhir_base, f"Consent/{new['id']}")
    assert "niet meer mag meedoen" in visible_text(page(client, launch, ""))


@pytest.mark.hapi
def test_the_clients_rating_keeps_the_words_when_a_score_is_missing_and_is_the_clients(
    app: Flask, fhir_base: str, patient: str, validator: Validator
) -> None:
    client = app.test_client()
    launch = client_launch(app, client, fhir_base, patient)
    shown = page(client, launch, "working-relationship")
    missing = post(client, launch, "working-relationship", shown, {"patient": patient, "note": "Ze luistert goed"})
    html = missing.get_data(as_text=True)
    assert missing.status_code == 422 and 'id="error-summary"' in html and "Ze luistert goed" in html
    data = {"patient": patient, "understood": "5", "overall_grade": "8", "note": "Ze luistert goed"}
    assert post(client, launch, "working-relationship", shown, data).status_code == 303
    (rating,) = [o for o in search(fhir_base, "Observation", subject=f"Patient/{patient}")
                 if any(n.get("text") == "Ze luistert goed" for n in o.get("note", []))]
    assert rating["performer"] == [{"reference": f"Patient/{patient}"}]
    assert not has_errors(validator.validate(rating))
    assert "Ze luistert goed" in visible_text(page(client, launch, "working-relationship"))


@pytest.mark.hapi
def test_a_comment_on_the_plan_by_the_client_which_the_clinician_reads(
    app: Flask, fhir_base: str, patient: str, validator: Validator
) -> None:
    client = app.test_client()
    launch = client_launch(app, client, fhir_base, patient)
    shown = page(client, launch, "plan")
    empty = post(client, launch, "plan/comments", shown, {"comment-patient": patient, "comment-text": ""})
    assert empty.status_code == 422 and 'id="comment-text-error"' in empty.get_data(as_text=True)
    data = {"comment-patient": patient, "comment-text": "Eerst wil ik Anja bellen"}
    assert post(client, launch, "plan/comments", shown, data).status_code == 303
    (plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    (comment,) = [n for n in plan["note"] if "authorReference" in n]
    assert comment["authorReference"] == {"reference": f"Patient/{patient}"} and comment["time"]
    assert comment["text"] == "Eerst wil ik Anja bellen" and not has_errors(validator.validate(plan))
    assert f"Patient/{patient}" in provenance_by(fhir_base, f"CarePlan/{plan['id']}")
    assert "Eerst wil ik Anja bellen" in visible_text(page(client, launch, "plan"))
    clinician = app.test_client()
    workspace = open_launch(app, clinician, fhir_base, patient)
    seen = visible_text(clinician.get(f"/l/{workspace.key}/plan", headers={"Accept-Language": "nl"}).get_data(True))
    assert "Eerst wil ik Anja bellen" in seen and "Ingrid de Vries" in seen


@pytest.mark.hapi
def test_a_consent_answered_as_the_launch_ended_is_there_again_in_the_next_launch(
    app: Flask, fhir_base: str, patient: str
) -> None:
    """Found in the notes of issue 14: the goal, comment and rating forms kept their drafts, the consent form not."""
    client = app.test_client()
    shown = page(client, client_launch(app, client, fhir_base, patient), "")
    anja = f"ingrid-sister-anja-{patient.rsplit('-', 1)[1]}"
    prefix = f"consent-{anja}"
    ended = open_launch(app, client, fhir_base, patient, audience="client", scope=CLIENT_SCOPE,
                        fhir_user=f"Patient/{patient}", expires_at=time.time() - 60, refresh_token=None)
    answer = post(client, ended, f"people/{anja}/consent", shown, {f"{prefix}-patient": patient,
                                                                    f"{prefix}-decision": "deny"})
    assert answer.status_code == 401 and 'data-reason="not-saved"' in answer.get_data(as_text=True)

    again = page(client, client_launch(app, client, fhir_base, patient), "")

    checked = [tag for tag in re.findall(r"<input\b[^>]*>", again) if re.search(r"\schecked\b", tag)]
    chosen = [re.findall(r'(?:name|value)="([^"]+)"', tag) for tag in checked]
    assert chosen == [[f"{prefix}-decision", "deny"]]  # that person's form, that answer; nobody else's
