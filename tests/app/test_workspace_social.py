"""The social system page against a real HAPI FHIR server: adding a network member or a professional with a role,
changing a role, removing someone (confirmed, their period ended, undoable), the first person added starting the
client's social system, a missing role, a version conflict, and every CareTeam saved valid against our profiles."""

from __future__ import annotations

import re
import uuid
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import get, hidden_value, open_launch, post, prefixed, put_example_client, search
from launch_support import make_settings
from synthetic_clients import put_transaction, synthetic_client

from smart_app.config import AppSettings
from smart_app.records import Launch
from srh_fhir.client import FHIRClient
from srh_fhir.client_repository import ClientRepository
from srh_fhir.errors import FHIRConnectionError
from srh_fhir.validation import Validator, has_errors

COACH = "Practitioner/practitioner-coach-ilse-smit"


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def the_team(fhir_base: str, patient: str) -> dict[str, Any]:
    (team,) = search(fhir_base, "CareTeam", subject=f"Patient/{patient}")
    return team


def participant(team: dict[str, Any], reference: str) -> list[dict[str, Any]]:
    return [p for p in team.get("participant", []) if p["member"]["reference"] == reference]


def roles(entry: dict[str, Any]) -> list[str]:
    return [c["code"] for r in entry.get("role", []) for c in r.get("coding", [])]


def assert_valid(validator: Validator, resource: dict[str, Any]) -> None:
    outcome = validator.validate(resource)
    assert not has_errors(outcome), outcome


def index_of(page: str, name: str) -> int:
    """The participant's place in the team, from the link to remove them."""
    match = re.search(rf'social-system/participants/(\d+)/remove" class="remove-link">Remove {name}<', page)
    assert match, name
    return int(match.group(1))


def launched_on(app: Flask, fhir_base: str, patient: str, **changes: Any) -> tuple[FlaskClient, Launch]:
    client = app.test_client()
    return client, open_launch(app, client, fhir_base, patient, **changes)


def test_a_professional_known_here_is_added_with_a_role_and_a_date(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    patient = put_example_client(fhir_base)
    client, launch = launched_on(app, fhir_base, patient, fhir_user=COACH, user_name="Coach Ilse Smit")
    _, page, _ = get(client, launch, "social-system")
    assert f'<option value="{COACH}">Coach Ilse Smit</option>' in page  # the signed-in professional, by name
    assert re.search(r'<option selected value="network-member">', page)  # the preselected role
    form = {"patient": patient, "team_version": hidden_value(page, "add-team_version"), "member": COACH}
    response = post(
        client, launch, "social-system/participants", page, prefixed("add", {**form, "role": "professional"})
    )
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    team = the_team(fhir_base, patient)
    (coach,) = participant(team, COACH)
    assert roles(coach) == ["professional"] and coach["period"]["start"]  # today, by default
    assert_valid(validator, team)
    _, page, _ = get(client, launch, "social-system")
    assert "Coach Ilse Smit was added to the social system." in page and "Remove Coach Ilse Smit" in page
    assert re.search(r'class="meta last-change">Changed by Coach Ilse Smit on \d{1,2} \w+ 20\d\d', page)


def test_a_role_is_changed_and_a_participant_removed_and_put_back(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    patient = put_example_client(fhir_base)
    gerrit = f"RelatedPerson/ingrid-neighbour-gerrit-{patient.rsplit('-', 1)[1]}"
    client, launch = launched_on(app, fhir_base, patient)
    _, page, _ = get(client, launch, "social-system")
    index = index_of(page, "Gerrit Jansen")
    prefix = f"role-{index}"
    form = {"patient": patient, "team_version": hidden_value(page, f"{prefix}-team_version"), "member": gerrit}
    response = post(
        client,
        launch,
        f"social-system/participants/{index}/role",
        page,
        prefixed(prefix, {**form, "role": "key-figure"}),
    )
    assert response.status_code == 303
    team = the_team(fhir_base, patient)
    assert [roles(p) for p in participant(team, gerrit)] == [["key-figure"]]
    assert_valid(validator, team)

    _, page, _ = get(client, launch, "social-system")
    status, confirm, _ = get(client, launch, f"social-system/participants/{index}/remove")
    assert status == 200 and "Remove Gerrit Jansen from the social system?" in confirm
    assert the_team(fhir_base, patient)["meta"]["versionId"] == team["meta"]["versionId"]  # asking changes nothing
    form = {"patient": patient, "team_version": hidden_value(confirm, "team_version"), "member": gerrit}
    response = post(client, launch, f"social-system/participants/{index}/remove", confirm, form)
    assert response.status_code == 303
    team = the_team(fhir_base, patient)
    (ended,) = participant(team, gerrit)
    assert ended["period"]["end"] and roles(ended) == ["key-figure"]  # ended, not deleted
    assert_valid(validator, team)
    _, page, _ = get(client, launch, "social-system")
    assert "Gerrit Jansen left the social system today" in page and "Remove Gerrit Jansen" not in page
    assert "Gerrit Jansen left the social system." in page and "Undo</button>" in page

    response = post(client, launch, f"social-system/participants/{index}/undo", page, {"patient": patient})
    assert response.status_code == 303
    team = the_team(fhir_base, patient)
    (back,) = participant(team, gerrit)
    assert "end" not in back.get("period", {})
    assert_valid(validator, team)
    _, page, _ = get(client, launch, "social-system")
    assert "Gerrit Jansen is back in the social system." in page and "Undo</button>" not in page


def test_the_first_person_added_starts_the_social_system(app: Flask, fhir_base: str, validator: Validator) -> None:
    patient = f"alone-{uuid.uuid4().hex[:8]}"
    with FHIRClient(fhir_base) as fhir:
        fhir.transaction(put_transaction(synthetic_client(patient, 2)))
    member = f"RelatedPerson/{patient}-m1"
    client, launch = launched_on(app, fhir_base, patient)
    _, page, _ = get(client, launch, "social-system", language="nl")
    assert "Met de eerste persoon die u toevoegt, begint het sociaal systeem" in page
    form = {"patient": patient, "team_version": "", "member": member, "role": "network-member", "since": "2026-10-01"}
    response = post(client, launch, "social-system/participants", page, prefixed("add", form))
    assert response.status_code == 303
    team = the_team(fhir_base, patient)
    assert team["status"] == "active" and team["subject"]["reference"] == f"Patient/{patient}"
    assert [(p["member"]["reference"], roles(p)) for p in team["participant"]] == [
        (f"Patient/{patient}", ["client"]),
        (member, ["network-member"]),
    ]
    assert participant(team, member)[0]["period"] == {"start": "2026-10-01"}
    assert_valid(validator, team)


def test_a_missing_role_comes_back_with_the_summary_and_the_choice_kept(app: Flask, fhir_base: str) -> None:
    patient = put_example_client(fhir_base)
    client, launch = launched_on(app, fhir_base, patient, fhir_user=COACH, user_name="Coach Ilse Smit")
    _, page, _ = get(client, launch, "social-system")
    version = hidden_value(page, "add-team_version")
    form = {"patient": patient, "team_version": version, "member": COACH, "role": "", "since": "2026-11-02"}
    response = post(client, launch, "social-system/participants", page, prefixed("add", form))
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert '<a href="#add-role">Choose the role.</a>' in html and 'role="alert"' in html
    assert f'<option selected value="{COACH}">' in html and 'value="2026-11-02"' in html
    assert not participant(the_team(fhir_base, patient), COACH)


def test_a_role_that_does_not_fit_the_person_is_refused_at_the_field(app: Flask, fhir_base: str) -> None:
    patient = put_example_client(fhir_base)
    client, launch = launched_on(app, fhir_base, patient, fhir_user=COACH, user_name="Coach Ilse Smit")
    _, page, _ = get(client, launch, "social-system")
    form = {"patient": patient, "team_version": hidden_value(page, "add-team_version"), "member": COACH}
    response = post(client, launch, "social-system/participants", page, prefixed("add", {**form, "role": "key-figure"}))
    assert response.status_code == 422
    assert "This role does not fit this person; choose another role." in unescape(response.get_data(as_text=True))


def test_a_change_to_a_social_system_changed_meanwhile_shows_both_versions(app: Flask, fhir_base: str) -> None:
    patient = put_example_client(fhir_base)
    client, launch = launched_on(app, fhir_base, patient, fhir_user=COACH, user_name="Coach Ilse Smit")
    _, page, _ = get(client, launch, "social-system")
    shown = hidden_value(page, "add-team_version")
    team = the_team(fhir_base, patient)
    team["name"] = "Door een collega gewijzigd"
    team["participant"][1]["role"][0]["coding"][0]["code"] = "volunteer"
    requests.put(f"{fhir_base}/CareTeam/{team['id']}", json=team, timeout=30).raise_for_status()
    form = {"patient": patient, "team_version": shown, "member": COACH, "role": "primary-professional"}
    response = post(client, launch, "social-system/participants", page, prefixed("add", form))
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 409
    assert "Coach Ilse Smit" in html and "Lead professional" in html  # ours, by name and label
    assert "Volunteer" in html  # theirs
    assert not participant(the_team(fhir_base, patient), COACH)
    again = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    assert again["add-team_version"] != shown
    assert (
        client.post(
            f"/l/{launch.key}/social-system/participants", data={k: unescape(v) for k, v in again.items()}
        ).status_code
        == 303
    )
    team = the_team(fhir_base, patient)
    assert team["name"] == "Door een collega gewijzigd" and roles(participant(team, COACH)[0]) == [
        "primary-professional"
    ]


def test_adding_when_the_server_fails_keeps_the_choice_and_says_why(
    app: Flask, fhir_base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = put_example_client(fhir_base)
    client, launch = launched_on(app, fhir_base, patient, fhir_user=COACH, user_name="Coach Ilse Smit")
    _, page, _ = get(client, launch, "social-system")

    def unreachable(*args: Any, **kwargs: Any) -> Any:
        raise FHIRConnectionError("timed out")

    monkeypatch.setattr(ClientRepository, "save", unreachable)
    form = {"patient": patient, "team_version": hidden_value(page, "add-team_version"), "member": COACH}
    response = post(client, launch, "social-system/participants", page, prefixed("add", {**form, "role": "volunteer"}))
    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 503 and "could not be reached" in html and 'role="alert"' in html
    assert f'<option selected value="{COACH}">' in html and '<option selected value="volunteer">' in html
