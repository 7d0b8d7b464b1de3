"""The network meeting (netwerkberaad) against a real HAPI FHIR server: the held meeting of the example client with
what was agreed (also on the plan), preparing a meeting (only members with the client's consent; the others named,
with consent recorded first and the preparation kept), the printable invitations, and recording a meeting with its
agreements as plan activities in one transaction; a missing field keeps the input."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import get, hidden_value, open_launch, post, put_example_client, search, visible_text
from launch_support import make_settings

from smart_app.config import AppSettings
from smart_app.records import Launch
from srh_fhir.validation import Validator, has_errors

SANNE = "Practitioner/practitioner-sanne-bakker"
MEETING = "https://srh-fhir.github.io/fhir/CodeSystem/srh-category|network-meeting"


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def launched(app: Flask, fhir_base: str, **changes: Any) -> tuple[FlaskClient, Launch, str, str]:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    return client, open_launch(app, client, fhir_base, patient, **changes), patient, patient.rsplit("-", 1)[1]


def text_of(page: str) -> str:
    return " ".join(visible_text(page).split())


def checked(page: str, name: str) -> list[str]:
    inputs = re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)
    return [re.search(r'value="([^"]+)"', i).group(1) for i in inputs if "checked" in i]  # type: ignore[union-attr]


def plan_meeting_with_anja(client: FlaskClient, launch: Launch, fhir_base: str, patient: str,
                           suffix: str) -> dict[str, Any]:
    _, page, _ = get(client, launch, "meetings")
    form = {"patient": patient, "invited": [f"RelatedPerson/ingrid-sister-anja-{suffix}"], "needs": []}
    form |= {"day": "2026-12-10", "start": "14:00", "end": "15:30"}
    assert post(client, launch, "meetings", page, form).status_code == 303
    (planned,) = [a for a in search(fhir_base, "Appointment", patient=f"Patient/{patient}") if a["status"] == "booked"]
    return planned


def test_the_held_meeting_shows_who_came_and_what_was_agreed_also_on_the_plan(app: Flask, fhir_base: str) -> None:
    client, launch, _, _ = launched(app, fhir_base)
    status, page, trips = get(client, launch, "meetings", "nl")
    assert status == 200 and trips <= 3
    text = text_of(page)
    assert "Netwerkberaad van 14 september 2026 14:00" in text and "Gehouden" in text
    assert "Uitgenodigd: Ingrid de Vries" not in text  # the client is not listed among the invited
    assert "Aanwezig: Anja Hoekstra-de Vries, Henriëtte Hennie Smit, Sanne Bakker" in text
    assert (
        "Hennie haalt Ingrid op donderdagavond" in text
        and "wie doet het: Henriëtte Hennie Smit, Ingrid de Vries" in text
    )
    assert ">Netwerkberaad</a>" in page  # in the navigation
    _, plan, _ = get(client, launch, "plan", "nl")
    assert plan.count("Afgesproken in een netwerkberaad") == 1 and "#held-ingrid-network-meeting" in plan


def test_only_members_with_consent_can_be_invited_the_others_are_named(app: Flask, fhir_base: str) -> None:
    client, launch, _, suffix = launched(app, fhir_base)
    _, page, _ = get(client, launch, "meetings", "nl")
    prepare = page.split('id="prepare"')[1]
    invitable = re.findall(r'name="invited"[^>]*value="RelatedPerson/ingrid-([a-z-]+)-', prepare)
    assert sorted(invitable) == ["buddy-wim", "choir-friend-hennie", "neighbour-gerrit", "sister-anja"]
    lacking = text_of(prepare.split('class="without-consent"')[1].split("</div>")[0])
    assert "Els van Dijk" in lacking and "Marloes Visser (toestemming ingetrokken)" in lacking
    assert f'name="consent_first" value="ingrid-church-els-{suffix}"' in prepare
    assert sorted(checked(prepare, "goals")) == sorted(
        f"Goal/ingrid-goal-{g}-{suffix}"
        for g in ("choir", "coffee-with-anja", "evenings")  # not the one achieved
    )


def test_a_meeting_is_planned_and_its_invitation_printed(app: Flask, fhir_base: str, validator: Validator) -> None:
    client, launch, patient, suffix = launched(app, fhir_base, fhir_user=SANNE)
    _, page, _ = get(client, launch, "meetings")
    anja = f"RelatedPerson/ingrid-sister-anja-{suffix}"
    form = {
        "patient": patient,
        "invited": [anja],
        "goals": [f"Goal/ingrid-goal-choir-{suffix}"],
        "needs": [],
        "other_items": "Wie rijdt er op donderdag?",
        "day": "2026-12-10",
        "start": "14:00",
        "end": "15:30",
        "comment": "Bij Ingrid thuis.",
    }
    response = post(client, launch, "meetings", page, form)
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    (planned,) = [a for a in search(fhir_base, "Appointment", patient=f"Patient/{patient}") if a["status"] == "booked"]
    assert not has_errors(validator.validate(planned))
    actors = [p["actor"]["reference"] for p in planned["participant"]]
    assert actors == [f"Patient/{patient}", anja, SANNE]
    assert planned["start"] == "2026-12-10T14:00:00+01:00" and planned["description"].endswith(
        "Wie rijdt er op donderdag?"
    )
    _, page, _ = get(client, launch, "meetings", "nl")
    assert "Netwerkberaad van 10 december 2026 14:00" in text_of(page) and "Gepland" in text_of(page)
    status, letters, _ = get(client, launch, f"meetings/{planned['id']}/invitations", "nl")
    letter = text_of(letters)
    assert status == 200 and "Beste Anja Hoekstra-de Vries," in letter
    assert "10 december 2026 14:00 tot 15:30" in letter
    assert "Wie er komen Ingrid de Vries, Anja Hoekstra-de Vries, Sanne Bakker" in letter
    assert "Ik wil na de zomer weer meezingen met het koor" in letter  # the goal in her words, on the agenda
    assert "Wie rijdt er op donderdag?" in letter and "Hartelijke groet, Sanne Bakker" in letter
    assert "print.css" in letters


def test_a_member_without_consent_is_refused_and_consent_is_recorded_first_with_the_choices_kept(
    app: Flask, fhir_base: str
) -> None:
    client, launch, patient, suffix = launched(app, fhir_base)
    _, page, _ = get(client, launch, "meetings")
    anja, els = f"RelatedPerson/ingrid-sister-anja-{suffix}", f"ingrid-church-els-{suffix}"
    form = {
        "patient": patient,
        "invited": [anja, f"RelatedPerson/{els}"],
        "day": "2026-12-10",
        "start": "14:00",
        "end": "15:00",
        "other_items": "Afspraken voor de kerst",
    }
    refused = post(client, launch, "meetings", page, form)
    assert refused.status_code == 422 and 'role="alert"' in refused.get_data(as_text=True)
    assert not search(fhir_base, "Appointment", patient=f"Patient/{patient}", status="booked")

    to_consent = post(client, launch, "meetings", page, {**form, "invited": [anja], "consent_first": els})
    assert to_consent.status_code == 303
    assert to_consent.headers["Location"].endswith(f"/network/members/{els}?return_to=meeting#consent")
    _, member, _ = get(client, launch, f"network/members/{els}?return_to=meeting")
    assert hidden_value(member, "return_to") == "meeting"
    consent = {"patient": patient, "decision": "permit", "actions": ["take-part"], "return_to": "meeting"}
    back = post(client, launch, f"network/members/{els}/consent", member, consent)
    assert back.status_code == 303 and back.headers["Location"].endswith("/meetings#prepare")
    _, page, _ = get(client, launch, "meetings")
    prepare = page.split('id="prepare"')[1]
    assert checked(prepare, "invited") == [anja, f"RelatedPerson/{els}"]
    assert "Afspraken voor de kerst" in prepare and 'value="2026-12-10"' in prepare
    assert f'value="{els}"' not in prepare  # no longer lacking consent


def test_a_meeting_is_recorded_with_two_agreements_in_one_transaction(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    client, launch, patient, suffix = launched(app, fhir_base, fhir_user=SANNE)
    _, page, _ = get(client, launch, "meetings")
    anja = f"RelatedPerson/ingrid-sister-anja-{suffix}"
    planned = {"patient": patient, "invited": [anja], "day": "2026-12-10", "start": "14:00", "end": "15:00"}
    assert post(client, launch, "meetings", page, planned).status_code == 303
    (meeting,) = search(fhir_base, "Appointment", patient=f"Patient/{patient}", status="booked")
    path = f"meetings/{meeting['id']}/record"
    _, form_page, _ = get(client, launch, path, "nl")
    assert checked(form_page, "attendees") == [anja, SANNE] and 'value="2026-12-10"' in form_page
    record = {
        "patient": patient,
        "plan_version": hidden_value(form_page, "plan_version"),
        "attendees": [anja, SANNE],
        "day": "2026-12-10",
        "start": "14:00",
        "end": "15:10",
        "text_1": "Anja belt Ingrid elke dinsdagavond.",
        "action_1": "secure",
        "goal_1": "",
        "performer_1": anja,
        "text_2": "Ingrid zoekt zelf een zangles uit.",
        "action_2": "strengthen",
        "goal_2": f"Goal/ingrid-goal-choir-{suffix}",
        "performer_2": f"Patient/{patient}",
        "text_3": "",
        "action_3": "",
        "goal_3": "",
        "performer_3": "",
    }
    missing = post(client, launch, path, form_page, {**record, "performer_2": ""})
    again = missing.get_data(as_text=True)
    assert missing.status_code == 422 and 'href="#performer_2"' in again and 'id="performer_2-error"' in again
    assert "Ingrid zoekt zelf een zangles uit." in again and "Anja belt Ingrid elke dinsdagavond." in again
    assert len(search(fhir_base, "Encounter", patient=f"Patient/{patient}", type=MEETING)) == 1  # the example's only

    saved = post(client, launch, path, form_page, record)
    assert saved.status_code == 303, saved.get_data(as_text=True)[:3000]
    held = [e for e in search(fhir_base, "Encounter", patient=f"Patient/{patient}") if e.get("appointment")]
    (new,) = [e for e in held if e["appointment"][0]["reference"] == f"Appointment/{meeting['id']}"]
    assert not has_errors(validator.validate(new))
    assert [p["individual"]["reference"] for p in new["participant"]] == [anja, SANNE]
    (plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    assert not has_errors(validator.validate(plan))
    agreed = [
        a
        for a in plan["activity"]
        if a.get("extension", [{}])[0].get("valueReference", {}).get("reference") == f"Encounter/{new['id']}"
    ]
    assert [(a["detail"]["description"], a["detail"]["performer"][0]["reference"]) for a in agreed] == [
        ("Anja belt Ingrid elke dinsdagavond.", anja),
        ("Ingrid zoekt zelf een zangles uit.", f"Patient/{patient}"),
    ]
    (fulfilled,) = [a for a in search(fhir_base, "Appointment", _id=meeting["id"])]
    assert fulfilled["status"] == "fulfilled"
    records = search(fhir_base, "Provenance", target=f"Encounter/{new['id']}")
    assert len(records) == 1 and {"reference": f"CarePlan/{plan['id']}"} in [
        {"reference": t["reference"].split("/_history")[0]} for t in records[0]["target"]
    ]
    _, page, _ = get(client, launch, "meetings", "nl")
    assert "Anja belt Ingrid elke dinsdagavond." in text_of(
        page
    ) and "Aanwezig: Anja Hoekstra-de Vries, Sanne Bakker" in text_of(page)
    _, plan_page, _ = get(client, launch, "plan", "nl")
    assert plan_page.count("Afgesproken in een netwerkberaad") == 3


def test_a_planned_meeting_is_called_off_after_a_confirmation_and_can_go_ahead_after_all(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    client, launch, patient, suffix = launched(app, fhir_base, fhir_user=SANNE)
    planned = plan_meeting_with_anja(client, launch, fhir_base, patient, suffix)
    status, confirm, _ = get(client, launch, f"meetings/{planned['id']}/cancel", "nl")
    assert status == 200 and "Dit netwerkberaad afzeggen?" in text_of(confirm)
    called_off = post(client, launch, f"meetings/{planned['id']}/cancel", confirm, {"patient": patient})
    assert called_off.status_code == 303
    (stored,) = [a for a in search(fhir_base, "Appointment", patient=f"Patient/{patient}") if a["id"] == planned["id"]]
    assert stored["status"] == "cancelled" and not has_errors(validator.validate(stored))
    _, page, _ = get(client, launch, "meetings", "nl")
    anchor = f'id="meeting-{planned["id"]}">'
    meeting = text_of(page[page.index(anchor) + len(anchor) :])
    assert meeting.startswith("Netwerkberaad van 10 december 2026 14:00 Afgezegd") and "Gaat toch door" in meeting
    assert get(client, launch, f"meetings/{planned['id']}/cancel")[0] == 404  # a meeting called off: not again
    again = post(client, launch, f"meetings/{planned['id']}/go-ahead", page, {"patient": patient})
    assert again.status_code == 303
    (stored,) = [a for a in search(fhir_base, "Appointment", patient=f"Patient/{patient}") if a["id"] == planned["id"]]
    assert stored["status"] == "booked"
    held = next(a for a in search(fhir_base, "Appointment", patient=f"Patient/{patient}") if a["status"] == "fulfilled")
    assert get(client, launch, f"meetings/{held['id']}/cancel")[0] == 404  # a meeting held cannot be called off


def answers_of(fhir_base: str, patient: str, meeting_id: str) -> dict[str, str]:
    (stored,) = [a for a in search(fhir_base, "Appointment", patient=f"Patient/{patient}") if a["id"] == meeting_id]
    return {p["actor"]["reference"]: p["status"] for p in stored["participant"]}


def answer_choice(page: str, label: str) -> str:
    """The name of the radio group whose legend is ``label`` (an invitee's name)."""
    group = re.search(rf"<legend>{re.escape(label)}</legend>(.*?)</fieldset>", page, re.S)
    assert group, label
    return re.search(r'name="([^"]+)"', group.group(1)).group(1)  # type: ignore[union-attr]


def test_what_the_invited_answered_is_recorded_shown_and_used_when_the_meeting_is_recorded(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    client, launch, patient, suffix = launched(app, fhir_base, fhir_user=SANNE)
    planned = plan_meeting_with_anja(client, launch, fhir_base, patient, suffix)
    anja = f"RelatedPerson/ingrid-sister-anja-{suffix}"
    _, meetings, _ = get(client, launch, "meetings", "nl")
    assert "Anja Hoekstra-de Vries (nog geen antwoord) , Sanne Bakker (komt)" in text_of(meetings)  # tags: spaces
    status, page, _ = get(client, launch, f"meetings/{planned['id']}/answers", "nl")
    assert status == 200 and "Wie komen er?" in text_of(page)
    anja_field, sanne_field = answer_choice(page, "Anja Hoekstra-de Vries"), answer_choice(page, "Sanne Bakker")
    assert checked(page, anja_field) == ["needs-action"] and checked(page, sanne_field) == ["accepted"]
    version = hidden_value(page, "version")

    missing = post(client, launch, f"meetings/{planned['id']}/answers", page, {"patient": patient, "version": version,
                                                                               sanne_field: "tentative"})
    html = missing.get_data(as_text=True)
    assert missing.status_code == 422 and 'class="error-summary"' in html
    assert "Choose what Anja Hoekstra-de Vries answered." in html and checked(html, sanne_field) == ["tentative"]
    saved = post(client, launch, f"meetings/{planned['id']}/answers", page,
                 {"patient": patient, "version": version, anja_field: "declined", sanne_field: "accepted"})

    assert saved.status_code == 303
    assert answers_of(fhir_base, patient, planned["id"]) == {f"Patient/{patient}": "accepted", anja: "declined",
                                                             SANNE: "accepted"}
    (stored,) = [a for a in search(fhir_base, "Appointment", patient=f"Patient/{patient}") if a["id"] == planned["id"]]
    assert not has_errors(validator.validate(stored))
    _, meetings, _ = get(client, launch, "meetings", "nl")
    assert "Anja Hoekstra-de Vries (komt niet) , Sanne Bakker (komt)" in text_of(meetings)
    _, record, _ = get(client, launch, f"meetings/{planned['id']}/record")
    assert checked(record, "attendees") == [SANNE]  # who does not come is not ticked


def test_answers_recorded_meanwhile_by_someone_else_are_not_overwritten_unseen(app: Flask, fhir_base: str) -> None:
    client, launch, patient, suffix = launched(app, fhir_base, fhir_user=SANNE)
    planned = plan_meeting_with_anja(client, launch, fhir_base, patient, suffix)
    _, page, _ = get(client, launch, f"meetings/{planned['id']}/answers", "nl")
    anja_field = answer_choice(page, "Anja Hoekstra-de Vries")
    (stored,) = [a for a in search(fhir_base, "Appointment", patient=f"Patient/{patient}") if a["id"] == planned["id"]]
    stored["participant"][1]["status"] = "tentative"  # a colleague heard from Anja first
    assert requests.put(f"{fhir_base}/Appointment/{stored['id']}", json=stored, timeout=30).status_code == 200
    ours = {"patient": patient, "version": hidden_value(page, "version"), anja_field: "declined",
            answer_choice(page, "Sanne Bakker"): "accepted"}

    conflict = post(client, launch, f"meetings/{planned['id']}/answers", page, ours)

    html = conflict.get_data(as_text=True)
    assert conflict.status_code == 409 and "Someone else changed this network meeting just now" in html
    assert checked(html, anja_field) == ["declined"]  # our answer kept ...
    assert "Recorded now: may come" in html  # ... beside what the colleague recorded
    assert html.count("Recorded now:") == 1  # Sanne's answer did not change
    assert answers_of(fhir_base, patient, planned["id"])[f"RelatedPerson/ingrid-sister-anja-{suffix}"] == "tentative"
    ours["version"] = hidden_value(html, "version")  # the meeting as it is now, checked
    again = post(client, launch, f"meetings/{planned['id']}/answers", html, ours)
    assert again.status_code == 303
    assert answers_of(fhir_base, patient, planned["id"])[f"RelatedPerson/ingrid-sister-anja-{suffix}"] == "declined"
