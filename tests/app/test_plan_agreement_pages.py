"""The plan discussed and agreed with the client, on the pages against HAPI: recorded from a confirmation page
(error summary when not confirmed), then the plan, the overview and the client's copy say with whom, when and by whom;
a goal changed afterwards makes the plan say it changed since."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import get, hidden_value, open_launch, post, put_example_client, search
from launch_support import make_settings

from smart_app.config import AppSettings
from smart_app.records import Launch
from srh_fhir.validation import Validator, has_errors

pytestmark = pytest.mark.hapi
SANNE = "Practitioner/practitioner-sanne-bakker"


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def agreement_of(page: str, patient: str, **fields: object) -> dict[str, object]:
    return {"patient": patient, "plan_version": hidden_value(page, "plan_version"), **fields}


def agree(client: FlaskClient, launch: Launch, patient: str) -> str:
    """Record the agreement from its confirmation page; the plan page after it."""
    status, page, _ = get(client, launch, "plan/agreement")
    assert status == 200 and "<h1>Plan discussed and agreed with the client</h1>" in page
    response = post(client, launch, "plan/agreement", page, agreement_of(page, patient, agreed=["yes"]))
    assert response.status_code == 303 and response.location.endswith("/plan#agreement")
    return get(client, launch, "plan")[1]


def test_the_plan_agreed_with_the_client_is_recorded_and_shown_until_a_goal_changes(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient, fhir_user=SANNE, user_name="Sanne Bakker")
    _, before, _ = get(client, launch, "plan")
    assert "Not yet discussed and agreed with the client." in before
    assert f'href="/l/{launch.key}/plan/agreement"' in before
    plan = agree(client, launch, patient)
    (stored,) = [p for p in search(fhir_base, "Provenance", target=f"Patient/{patient}") if "plan-agreed" in str(p)]
    (care_plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    assert {"reference": f"CarePlan/{care_plan['id']}/_history/{care_plan['meta']['versionId']}"} in stored["target"]
    assert not has_errors(validator.validate(stored))
    said = re.search(r'<p class="agreement">([^<]*)</p>', plan)
    assert said and re.fullmatch(r"Agreed with Ingrid de Vries on \d+ \w+ \d{4} \(by Sanne Bakker\)", said.group(1))
    assert "Recorded: the plan was discussed and agreed with Ingrid de Vries." in plan
    assert "The plan has changed since." not in plan
    _, overview, _ = get(client, launch, "")
    _, dutch, _ = get(client, launch, "", language="nl")
    _, copy, _ = get(client, launch, "print", language="nl")
    assert said.group(1) in overview and re.search(
        r"Afgesproken met Ingrid de Vries op \d+ \w+ \d{4} \(door Sanne", dutch
    )
    assert re.search(r'<p class="agreement">Afgesproken op \d+ \w+ \d{4}</p>', copy)

    goal = search(fhir_base, "Goal", subject=f"Patient/{patient}")[0]
    _, change, _ = get(client, launch, f"plan/goals/{goal['id']}/change")
    prefix = f"goal-{goal['id']}"
    fields = {
        "patient": patient,
        "plan_version": hidden_value(change, f"{prefix}-plan_version"),
        "goal_version": hidden_value(change, f"{prefix}-goal_version"),
        "description": "Nu in andere woorden",
        "core_action": "connect",
        "status": "active",
        "expressed_by": f"Patient/{patient}",
    }
    response = post(client, launch, f"plan/goals/{goal['id']}", change, {f"{prefix}-{k}": v for k, v in fields.items()})
    assert response.status_code == 303
    _, plan, _ = get(client, launch, "plan")
    assert said.group(1) in plan and "The plan has changed since." in plan
    _, dutch, _ = get(client, launch, "plan", language="nl")
    assert "Het plan is sindsdien gewijzigd." in dutch
    again = agree(client, launch, patient)  # agreed again: additive, the newest counts
    assert "The plan has changed since." not in again


def test_an_agreement_not_confirmed_comes_back_with_the_error_summary(app: Flask, fhir_base: str) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, "plan/agreement")
    response = post(client, launch, "plan/agreement", page, agreement_of(page, patient))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'class="error-summary"' in html
    message = "Confirm that the plan was discussed with the client and that they agree."
    assert f'<a href="#agreed-0">{message}</a>' in html.replace("&#39;", "'")
    assert not [p for p in search(fhir_base, "Provenance", target=f"Patient/{patient}") if "plan-agreed" in str(p)]


def test_a_plan_changed_after_the_confirmation_page_was_shown_is_a_conflict(app: Flask, fhir_base: str) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, "plan/agreement")
    _, plan_page, _ = get(client, launch, "plan")
    form = {"patient": patient, "plan_version": hidden_value(plan_page, "new-goal-plan_version")}
    form |= {"description": "Erbij", "core_action": "connect", "status": "active", "expressed_by": f"Patient/{patient}"}
    assert (
        post(client, launch, "plan/goals", plan_page, {f"new-goal-{k}": v for k, v in form.items()}).status_code == 303
    )
    response = post(client, launch, "plan/agreement", page, agreement_of(page, patient, agreed=["yes"]))
    assert response.status_code == 409
    assert not [p for p in search(fhir_base, "Provenance", target=f"Patient/{patient}") if "plan-agreed" in str(p)]


def test_a_launch_that_may_not_read_the_records_says_nothing_about_an_agreement(app: Flask, fhir_base: str) -> None:
    """Without Provenance read access the picture cannot know of an agreement: the pages must not say there is none."""
    patient = put_example_client(fhir_base)
    client = app.test_client()
    full = open_launch(app, client, fhir_base, patient, fhir_user=SANNE, user_name="Sanne Bakker")
    agree(client, full, patient)
    scope = " ".join(s for s in full.scope.split() if not s.startswith("patient/Provenance"))
    blind = open_launch(app, client, fhir_base, patient, fhir_user=SANNE, user_name="Sanne Bakker", scope=scope)
    for page in ("plan", ""):
        _, html, _ = get(client, blind, page)
        assert "Not yet discussed and agreed with the client." not in html, page
        assert "Agreed with Ingrid de Vries" not in html, page
