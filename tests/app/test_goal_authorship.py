"""Eigen regie: every goal says who formulated it, by name. The goal forms ask "In whose words?" with the client
preselected (the safe default), offering the client, the signed-in professional and the current network members; a
goal suggested on the needs page is the professional's proposal, still to be put in the client's words."""

from __future__ import annotations

import dataclasses
import re
import uuid
from datetime import date
from pathlib import Path

import pytest
from example_workspace import SANNE, example_workspace
from flask import Flask
from hapi_workspace_support import get, hidden_value, open_launch, post, prefixed, put_example_client, search
from launch_support import make_settings
from synthetic_clients import put_transaction, synthetic_client

from smart_app.config import AppSettings
from smart_app.workspace.context import Labels
from smart_app.workspace.people import PersonKind
from srh_fhir.client import FHIRClient
from srh_fhir.terminology import GoalLifecycleStatus
from srh_fhir.validation import Validator, has_errors

DAY = date(2026, 12, 6)


def card_of(html: str, goal_id: str) -> str:
    card = html[html.index(f'data-goal-id="{goal_id}"') :]
    return card[: card.index("</li>")]


def test_each_goal_card_names_who_formulated_it_and_marks_a_professionals_proposal() -> None:
    ws = example_workspace(DAY, Labels(unknown_person="onbekende persoon"))
    goals = ws.picture.goals
    anja = next(m.reference for m in ws.picture.members if m.display_name.startswith("Anja"))
    changed = (
        dataclasses.replace(goals[0], expressed_by=anja),
        dataclasses.replace(goals[1], expressed_by=SANNE, lifecycle_status=GoalLifecycleStatus.PROPOSED),
        dataclasses.replace(goals[2], expressed_by=None),
        *goals[3:],
    )
    ws = dataclasses.replace(ws, picture=dataclasses.replace(ws.picture, goals=changed))
    cards = {c.goal_id: c for column in ws.board.columns for c in column.goals} | {
        c.goal_id: c for c in ws.board.unsorted_goals
    }
    by_anja, by_sanne, unsaid, by_client = (cards[g.id or ""] for g in changed[:4])
    assert by_anja.expressed_by and (by_anja.expressed_by.name, by_anja.expressed_by.kind) == (
        "Anja Hoekstra-de Vries",
        PersonKind.NETWORK,
    )
    assert by_sanne.expressed_by and by_sanne.expressed_by.name == "Sanne Bakker" and by_sanne.proposal
    assert unsaid.expressed_by is None and not unsaid.proposal
    assert by_client.expressed_by and by_client.expressed_by.kind is PersonKind.CLIENT and not by_client.proposal


def test_who_may_have_formulated_a_goal_the_client_first_and_a_former_author_kept() -> None:
    ws = example_workspace(DAY, Labels())
    choices = ws.author_choices()
    assert choices[0].kind is PersonKind.CLIENT and choices[0].reference == ws.patient_reference
    assert [c.reference for c in choices if c.kind is PersonKind.PROFESSIONAL] == [SANNE]
    consenting = {m.reference for m in ws.analysis.members if (c := ws.consents.get(m.reference)) and c.may_take_part}
    assert {c.reference for c in choices if c.kind is PersonKind.NETWORK} == consenting
    assert len(consenting) < len(ws.analysis.members)  # Els has not been asked: not offered
    assert ws.author_choices("Practitioner/someone-else")[-1].reference == "Practitioner/someone-else"


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


@pytest.mark.hapi
def test_a_goal_in_a_network_members_words_names_them_on_its_card(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    patient = put_example_client(fhir_base)
    anja = f"RelatedPerson/ingrid-sister-anja-{patient.rsplit('-', 1)[1]}"
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, "plan")
    assert re.search(
        rf'<input checked id="new-goal-expressed_by-0" name="new-goal-expressed_by" [^>]*value="Patient/{patient}"',
        page,
    )
    assert f'value="{anja}"' in page and f'value="{SANNE}"' in page
    form = {
        "patient": patient,
        "plan_version": hidden_value(page, "new-goal-plan_version"),
        "description": "Ingrid komt elke zondag bij mij eten",
        "core_action": "connect",
        "status": "active",
        "expressed_by": anja,
    }
    assert post(client, launch, "plan/goals", page, prefixed("new-goal", form)).status_code == 303
    (goal,) = [
        g for g in search(fhir_base, "Goal", subject=f"Patient/{patient}") if "zondag" in g["description"]["text"]
    ]
    assert goal["expressedBy"] == {"reference": anja}
    assert not has_errors(validator.validate(goal))
    _, html, _ = get(client, launch, "plan")
    assert "In the words of Anja" in card_of(html, goal["id"]) and "(network member)" in card_of(html, goal["id"])
    _, dutch, _ = get(client, launch, "plan", language="nl")
    assert "In de woorden van Anja" in card_of(dutch, goal["id"])
    ingrids = next(g for g in search(fhir_base, "Goal", subject=f"Patient/{patient}") if g["id"] != goal["id"])
    assert ingrids["expressedBy"] == {"reference": f"Patient/{patient}"}
    assert "In de woorden van Ingrid" in card_of(dutch, ingrids["id"])
    _, change, _ = get(client, launch, f"plan/goals/{goal['id']}/change")
    assert re.search(rf'<input checked id="goal-{goal["id"]}-expressed_by-\d" [^>]*value="{anja}"', change)


@pytest.mark.hapi
def test_a_suggested_goal_is_the_professionals_proposal_still_to_be_put_in_the_clients_words(
    app: Flask, fhir_base: str
) -> None:
    patient = f"lonely-{uuid.uuid4().hex[:8]}"
    with FHIRClient(fhir_base) as fhir:
        fhir.transaction(put_transaction(synthetic_client(patient, 1)))
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient, fhir_user=SANNE, user_name="Sanne Bakker")
    _, page, _ = get(client, launch, "needs")
    form = {"patient": patient, "plan_version": "", "need": "belonging"}
    assert post(client, launch, "plan/suggested-goal", page, form).status_code == 303
    (goal,) = [g for g in search(fhir_base, "Goal", subject=f"Patient/{patient}") if g["lifecycleStatus"] == "proposed"]
    assert goal["expressedBy"] == {"reference": SANNE}
    _, html, _ = get(client, launch, "plan")
    card = card_of(html, goal["id"])
    assert "Formulated by Sanne Bakker (professional)" in card
    assert "A proposal: still to be put in the client's words." in card
    _, dutch, _ = get(client, launch, "plan", language="nl")
    assert "Geformuleerd door Sanne Bakker (zorgverlener)" in card_of(dutch, goal["id"])
