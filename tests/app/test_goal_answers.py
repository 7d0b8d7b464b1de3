"""The plan's goals say what they answer in Verstaan (``Goal.addresses``): the goal forms offer the client's current
understanding entries, each goal card names what it answers in words, and changing a goal keeps what it answered
that the form did not offer."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest
from flask import Flask
from hapi_workspace_support import get, hidden_value, open_launch, post, prefixed, put_example_client, search
from launch_support import make_settings

from smart_app.config import AppSettings
from smart_app.workspace import builders
from smart_app.workspace.understanding import answer_choices, answer_labels
from srh_fhir.model import FhirDate, FhirDateTime, Goal, Understanding
from srh_fhir.terminology import CoreAction, GoalLifecycleStatus, ObservationStatus, UnderstandingKind
from srh_fhir.validation import Validator, has_errors


def entry(entry_id: str, kind: UnderstandingKind, words: str, **changes: object) -> Understanding:
    made = Understanding(
        id=entry_id,
        patient="Patient/p1",
        kind=kind,
        words=words,
        own_words=True,
        date=FhirDateTime("2026-03-02"),
        recorded=FhirDateTime("2026-03-02T11:30:00+01:00"),
    )
    return dataclasses.replace(made, **changes)  # type: ignore[arg-type]


ENTRIES = (
    entry("e1", UnderstandingKind.STRENGTH, "Als ik zing, ben ik even niet somber."),
    entry("e2", UnderstandingKind.WHAT_MATTERS, "Dat ik mijn zus weer zie."),
    entry("e3", UnderstandingKind.BARRIER, "De avonden", no_longer_current=FhirDate("2026-09-14")),
    entry("e4", UnderstandingKind.BARRIER, "Per ongeluk", status=ObservationStatus.ENTERED_IN_ERROR),
    entry("e5", UnderstandingKind.LIFE_EVENT, "x" * 200),
)


def test_a_goal_can_answer_the_current_entries_in_the_methods_order_and_keeps_a_former_answer() -> None:
    choices = answer_choices(ENTRIES, "nl")
    assert [reference for reference, _ in choices] == ["Observation/e2", "Observation/e1", "Observation/e5"]
    assert choices[0][1] == "Wat belangrijk is: “Dat ik mijn zus weer zie.”"
    assert choices[2][1].endswith("x…”") and len(choices[2][1]) < 120  # long words are shortened
    kept = answer_choices(ENTRIES, "en", chosen=("Observation/e3", "Observation/e4"))
    assert "Observation/e3" in [r for r, _ in kept]  # no longer current, but the goal answered it: still offered
    assert "Observation/e4" not in [r for r, _ in kept]  # entered in error: never offered
    labels = answer_labels(ENTRIES, "en")
    assert "Observation/e4" not in labels and "Observation/e3" in labels


def test_changing_a_goal_keeps_what_it_answered_that_the_form_did_not_offer() -> None:
    goal = Goal(
        id="g1",
        lifecycle_status=GoalLifecycleStatus.ACTIVE,
        description="Mijn zus weer zien",
        patient="Patient/p1",
        core_action=CoreAction.CONNECT,
        addresses=("Condition/c1", "Observation/e2", "Observation/e1"),
    )
    entered = builders.GoalInput(
        description="Mijn zus weer zien",
        core_action=CoreAction.CONNECT,
        answers=("Observation/e5",),
        offered=("Observation/e2", "Observation/e1", "Observation/e5"),
    )
    assert builders.edited_goal(goal, entered).addresses == ("Condition/c1", "Observation/e5")
    unoffered = dataclasses.replace(entered, answers=(), offered=())
    assert builders.edited_goal(goal, unoffered).addresses == goal.addresses
    assert builders.new_goal("Patient/p1", entered, date(2026, 12, 7)).addresses == ("Observation/e5",)


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def card_of(html: str, goal_id: str) -> str:
    card = html[html.index(f'data-goal-id="{goal_id}"') :]
    return card[: card.index("</li>\n")]


@pytest.mark.hapi
def test_a_goal_is_added_answering_an_entry_of_verstaan_and_its_card_says_so(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    patient = put_example_client(fhir_base)
    suffix = patient.rsplit("-", 1)[1]
    choir = f"Observation/ingrid-understanding-strength-choir-{suffix}"
    sister = f"Observation/ingrid-understanding-matters-sister-{suffix}"
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, "plan", "nl")
    offered = re.findall(r'name="new-goal-answers" [^>]*value="([^"]+)"', page)
    assert choir in offered and sister in offered
    assert "Kracht: “Als ik zing, ben ik even niet somber.”" in page
    form = {
        "patient": patient,
        "plan_version": hidden_value(page, "new-goal-plan_version"),
        "description": "Weer zingen bij de cantorij",
        "core_action": "strengthen",
        "status": "active",
        "expressed_by": f"Patient/{patient}",
        "answers": [choir],
    }
    assert post(client, launch, "plan/goals", page, prefixed("new-goal", form)).status_code == 303
    (goal,) = [
        g for g in search(fhir_base, "Goal", subject=f"Patient/{patient}") if "cantorij" in g["description"]["text"]
    ]
    assert goal["addresses"] == [{"reference": choir}]
    assert not has_errors(validator.validate(goal))
    _, html, _ = get(client, launch, "plan", "nl")
    card = card_of(html, goal["id"])
    assert "Beantwoordt in Verstaan:" in card and "Kracht: “Als ik zing, ben ik even niet somber.”" in card

    _, change, _ = get(client, launch, f"plan/goals/{goal['id']}/change", "nl")
    assert re.search(rf'<input checked id="goal-{goal["id"]}-answers-\d" [^>]*value="{choir}"', change)
    edit = {
        "patient": patient,
        "plan_version": hidden_value(change, f"goal-{goal['id']}-plan_version"),
        "goal_version": hidden_value(change, f"goal-{goal['id']}-goal_version"),
        "description": "Weer zingen bij de cantorij",
        "core_action": "strengthen",
        "status": "active",
        "expressed_by": f"Patient/{patient}",
        "answers": [sister],
    }
    path = f"plan/goals/{goal['id']}"
    assert post(client, launch, path, change, prefixed(f"goal-{goal['id']}", edit)).status_code == 303
    (changed,) = [g for g in search(fhir_base, "Goal", subject=f"Patient/{patient}") if g["id"] == goal["id"]]
    assert changed["addresses"] == [{"reference": sister}]


@pytest.mark.hapi
def test_a_goal_cannot_answer_an_observation_that_is_not_one_of_the_clients_entries(app: Flask, fhir_base: str) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, "plan", "nl")
    form = {
        "patient": patient,
        "plan_version": hidden_value(page, "new-goal-plan_version"),
        "description": "Een doel met een vreemd antwoord",
        "core_action": "connect",
        "status": "active",
        "expressed_by": f"Patient/{patient}",
        "answers": ["Observation/someone-elses-entry"],
    }
    response = post(client, launch, "plan/goals", page, prefixed("new-goal", form))
    assert response.status_code == 422
    assert "Een doel met een vreemd antwoord" in response.get_data(as_text=True)  # the input is kept
    assert not [
        g for g in search(fhir_base, "Goal", subject=f"Patient/{patient}") if "vreemd" in g["description"]["text"]
    ]
