"""The clinician's workspace pages against a real HAPI FHIR server: what each page shows, the FHIR round trips per
page, every write (member with assessment, assessment, consent, ended tie, goals, activities, rating), conflicts,
read-only mode and both languages. Every resource written is checked against our profiles.

The launch is put straight into the session store, as in test_app_workspace.py (the launch has its own tests).
"""

from __future__ import annotations

import dataclasses
import re
import time
import uuid
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask, g
from hapi_workspace_support import (
    READ_ONLY_SCOPE,
    get,
    hidden_value,
    open_launch,
    post,
    prefixed,
    put_example_client,
    search,
)
from launch_support import make_settings
from synthetic_clients import put_transaction, synthetic_client

from smart_app.config import AppSettings
from smart_app.workspace.map_layout import RING_RADIUS
from srh_fhir.client import FHIRClient
from srh_fhir.client_repository import ClientRepository
from srh_fhir.repository import DomainPicture
from srh_fhir.validation import Validator, has_errors

PAGES = ("", "network", "network/changes", "needs", "plan", "social-system", "working-relationship", "print")


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    """The app takes launches from the HAPI server."""
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def lonely_client(fhir_base: str, members: int = 1) -> str:
    """A new client with a small network (so basic needs are unmet) and no plan."""
    patient = f"lonely-{uuid.uuid4().hex[:8]}"
    with FHIRClient(fhir_base) as fhir:
        fhir.transaction(put_transaction(synthetic_client(patient, members)))
    return patient


def assert_valid(validator: Validator, resources: list[dict[str, Any]]) -> None:
    assert resources
    for resource in resources:
        outcome = validator.validate(resource)
        assert not has_errors(outcome), (resource["resourceType"], resource.get("id"), outcome)


def test_every_page_loads_with_one_fhir_round_trip(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    for page in PAGES:
        status, html, trips = get(client, launch, page)
        assert status == 200, (page, html[:500])
        assert trips == 1, page  # HAPI answers the picture's _revinclude search in one go
        assert launch.access_token not in html
    _, network, _ = get(client, launch, "network")
    assert (
        len(re.findall(r'<g class="node( no-consent)?"', network)) == 6 and "Anja" in network
    )  # Ria's tie ended: history, not on the map
    assert "Ended ties (history)" in network and "Ria" in network


def test_the_map_draws_rings_sectors_valence_and_reciprocity(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    _, html, _ = get(client, launch, "network")
    svg = html[html.index('<svg id="map-now"') : html.index("</svg>", html.index('<svg id="map-now"'))]
    assert svg.count(f'<circle cx="0" cy="0" r="{RING_RADIUS[1]}"') == 1  # the innermost ring
    marloes = re.search(r'<line data-id="([^"]*marloes[^"]*)"[^>]*>', svg, re.S)
    assert marloes and 'stroke-dasharray="2 5"' in marloes.group(0)  # straining: dotted
    assert "marker-start" in svg or "marker-end" in svg
    assert 'aria-label="Marloes' in svg


def test_the_changes_page_shows_one_marked_map_and_states_its_default_period(
    app: Flask, fhir_base: str, ingrid: str
) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    status, html, _ = get(client, launch, "network/changes")
    assert status == 200
    assert html.count("<svg id=") == 1 and 'id="map-changes"' in html  # one map, not two side by side
    assert re.search(r"From \d+ \w+ \d{4} to \d+ \w+ \d{4}, the first and last assessment\.", html), html
    assert 'data-highlight="ended"' in html and "[ended]" in html  # Ria's tie ended in the period
    assert "error-summary" not in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?before=2026-03-03", "after", "Enter the second date (to)"),
        ("?before=&after=2026-03-03", "before", "Enter the first date (from)"),
        ("?before=2026-03-03&after=2026-13-01", "after", "Enter the second date (to) as a real date"),
        ("?before=2026-06-03&after=2026-03-03", "after", "must be the same as or after"),
    ],
)
def test_the_changes_page_says_which_date_is_missing_or_wrong(
    app: Flask, fhir_base: str, ingrid: str, query: str, field: str, message: str
) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    status, html, _ = get(client, launch, "network/changes" + query)
    assert status == 422
    summary = html[
        html.index('<div class="error-summary"') : html.index("</div>", html.index('<div class="error-summary"'))
    ]
    assert f'href="#{field}"' in summary and message in summary
    assert f'aria-describedby="{field}-error"' in html and "<svg id=" not in html  # no map of a period not asked for


def test_a_member_and_their_tie_are_added_in_one_form(app: Flask, fhir_base: str, validator: Validator) -> None:
    patient = lonely_client(fhir_base)
    client = app.test_client()
    sanne = "Practitioner/practitioner-sanne-bakker"
    launch = open_launch(app, client, fhir_base, patient, fhir_user=sanne, user_name="Sanne Bakker")
    _, page, _ = get(client, launch, "network")
    name = f"Kees-{uuid.uuid4().hex[:5]}"
    form = {
        "patient": patient,
        "given": name,
        "family": "Bakker",
        "relationship": "buurman",
        "sector": "neighbourhood",
        "closeness": "close",
        "contact_frequency": "weekly",
        "support": ["practical", "companionship"],
        "needs": ["care-exchange", "belonging"],
        "reciprocity": "mutual",
        "valence": "supportive",
    }
    with client:
        response = post(client, launch, "network/members", page, form)
        assert g.fhir_round_trips == 1  # one transaction
    assert response.status_code == 303
    (member,) = [m for m in search(fhir_base, "RelatedPerson", patient=patient) if m["name"][0]["given"] == [name]]
    (tie,) = search(fhir_base, "Observation", focus=f"RelatedPerson/{member['id']}")
    assert_valid(validator, [member, tie])
    _, html, _ = get(client, launch, "network")
    assert f"{name} Bakker" in html and "Practical support" in html
    (provenance,) = search(fhir_base, "Provenance", target=f"RelatedPerson/{member['id']}")
    assert {t["reference"] for t in provenance["target"]} == {
        f"Patient/{patient}",
        f"RelatedPerson/{member['id']}",
        f"Observation/{tie['id']}",
    }
    _, html, _ = get(client, launch, f"network/members/{member['id']}")
    changed = re.search(r'class="meta last-change">([^<]*)<', html)
    assert changed is not None and changed.group(1).startswith("Changed by Sanne Bakker on ")


def test_unmet_needs_are_flagged_and_one_click_adds_a_strengthen_goal(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    patient = lonely_client(fhir_base)
    client = app.test_client()
    sanne = "Practitioner/practitioner-sanne-bakker"
    launch = open_launch(app, client, fhir_base, patient, fhir_user=sanne, user_name="Sanne Bakker")
    _, page, _ = get(client, launch, "needs")
    assert 'class="unmet" data-need="belonging"' in page and "Nobody" in page
    response = post(
        client, launch, "plan/suggested-goal", page, {"patient": patient, "plan_version": "", "need": "belonging"}
    )
    assert response.status_code == 303
    (goal,) = search(fhir_base, "Goal", subject=f"Patient/{patient}")
    (plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    assert plan["goal"] == [{"reference": f"Goal/{goal['id']}"}]
    assert "social" not in goal["description"]["text"] and goal["lifecycleStatus"] == "proposed"
    assert any(c["coding"][0]["code"] == "strengthen" for c in goal["category"])
    assert_valid(validator, [goal, plan])
    _, html, _ = get(client, launch, "plan")
    card = html[html.index(f'id="goal-{goal["id"]}"') :]
    assert '<p class="meta last-change">Changed by Sanne Bakker on ' in card[: card.index("</li>")]  # on its card


def test_a_plan_under_all_four_core_actions_with_the_network_doing_part(
    app: Flask, fhir_base: str, ingrid: str, validator: Validator
) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, "plan")
    anja = f"RelatedPerson/ingrid-sister-anja-{patient.rsplit('-', 1)[1]}"
    els = f"RelatedPerson/ingrid-church-els-{patient.rsplit('-', 1)[1]}"
    assert f'value="{anja}"' in page and f'value="{els}"' not in page  # Els has no consent: not offered
    for action in ("connect", "understand", "secure", "strengthen"):
        _, page, _ = get(client, launch, "plan")
        response = post(
            client,
            launch,
            "plan/goals",
            page,
            prefixed(
                "new-goal",
                {
                    "patient": patient,
                    "plan_version": hidden_value(page, "new-goal-plan_version"),
                    "core_action": action,
                    "description": f"Mijn doel bij {action}",
                    "expressed_by": f"Patient/{patient}",
                    "status": "active",
                    "due": "2027-01-31",
                    "needs": ["belonging"],
                },
            ),
        )
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
    _, page, _ = get(client, launch, "plan")
    response = post(
        client,
        launch,
        "plan/activities",
        page,
        prefixed(
            "new-activity",
            {
                "patient": patient,
                "plan_version": hidden_value(page, "new-activity-plan_version"),
                "core_action": "strengthen",
                "description": "Samen naar de buurttuin",
                "performers": [anja, f"Patient/{patient}"],
                "status": "scheduled",
                "scheduled": "elke zaterdag",
            },
        ),
    )
    assert response.status_code == 303
    refused = post(
        client,
        launch,
        "plan/activities",
        page,
        prefixed(
            "new-activity",
            {
                "patient": patient,
                "plan_version": hidden_value(page, "new-activity-plan_version"),
                "core_action": "secure",
                "description": "Els belt elke week",
                "performers": [els],
                "status": "scheduled",
            },
        ),
    )
    assert refused.status_code == 422  # a member without consent is not a valid performer
    (plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    assert [a["detail"]["description"] for a in plan["activity"]][-1] == "Samen naar de buurttuin"
    assert plan["activity"][-1]["detail"]["performer"][0]["reference"] == anja
    goals = search(fhir_base, "Goal", subject=f"Patient/{patient}")
    assert {g["description"]["text"] for g in goals} >= {
        f"Mijn doel bij {a}" for a in ("connect", "understand", "secure", "strengthen")
    }
    assert_valid(validator, [plan, *goals])
    _, board, _ = get(client, launch, "plan")
    assert board.count("<q>Mijn doel bij") == 4 and "the network takes part in 6" in board


def test_a_plan_changed_meanwhile_shows_both_versions_and_keeps_the_input(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, "plan")
    shown = hidden_value(page, "new-goal-plan_version")
    (plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    plan["activity"][0]["detail"]["description"] = "Door een collega gewijzigd"
    requests.put(f"{fhir_base}/CarePlan/{plan['id']}", json=plan, timeout=30).raise_for_status()
    form = {
        "patient": patient,
        "plan_version": shown,
        "core_action": "connect",
        "status": "active",
        "description": "Mijn eigen woorden, niet kwijtraken",
        "expressed_by": f"Patient/{patient}",
    }
    response = post(client, launch, "plan/goals", page, prefixed("new-goal", form))
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Mijn eigen woorden, niet kwijtraken" in html and "Door een collega gewijzigd" in html
    assert not [
        g
        for g in search(fhir_base, "Goal", subject=f"Patient/{patient}")
        if g["description"]["text"].startswith("Mijn eigen woorden")
    ]
    again = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html))
    assert again["new-goal-plan_version"] != shown
    assert again["new-goal-description"] == "Mijn eigen woorden, niet kwijtraken"
    assert (
        client.post(f"/l/{launch.key}/plan/goals", data={k: unescape(v) for k, v in again.items()}).status_code == 303
    )
    (plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    assert plan["activity"][0]["detail"]["description"] == "Door een collega gewijzigd"  # their change kept
    assert any(
        g["description"]["text"] == "Mijn eigen woorden, niet kwijtraken"
        for g in search(fhir_base, "Goal", subject=f"Patient/{patient}")
    )
    assert_valid(validator, [plan])


def test_consent_withdrawn_and_tie_ended_keep_their_history(app: Flask, fhir_base: str, validator: Validator) -> None:
    patient = put_example_client(fhir_base)
    suffix = patient.rsplit("-", 1)[1]
    gerrit = f"ingrid-neighbour-gerrit-{suffix}"
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, f"network/members/{gerrit}")
    response = post(client, launch, f"network/members/{gerrit}/consent", page, {"patient": patient, "decision": "deny"})
    assert response.status_code == 303
    consents = search(fhir_base, "Consent", patient=f"Patient/{patient}")
    about_gerrit = [
        c for c in consents if c["provision"]["actor"][0]["reference"]["reference"] == f"RelatedPerson/{gerrit}"
    ]
    withdrawn = [c for c in about_gerrit if c["provision"]["type"] == "deny"]
    assert len(withdrawn) == 1 and len(about_gerrit) == 2  # the earlier permit stays as history
    assert_valid(validator, withdrawn)
    _, plan_page, _ = get(client, launch, "plan")
    new = plan_page[plan_page.index('id="add-activity"') :]
    assert f'value="RelatedPerson/{gerrit}"' not in new  # no longer offered as performer
    # Only where he is a performer now, marked, so he can be taken off it.
    offered = []
    for index in re.findall(r'id="activity-(\d+)"', plan_page):
        _, change, _ = get(client, launch, f"plan/activities/{index}/change")
        offered += re.findall(rf'value="RelatedPerson/{gerrit}"> ([^<]*)</label>', change)
    assert offered == ["Gerrit Jansen (no consent)"]
    _, page, _ = get(client, launch, f"network/members/{gerrit}")
    version = hidden_value(page, "version")
    response = post(
        client,
        launch,
        f"network/members/{gerrit}/end",
        page,
        {"patient": patient, "version": version, "ended_on": "2026-11-01", "confirmed": "yes"},
    )
    assert response.status_code == 303
    member = requests.get(f"{fhir_base}/RelatedPerson/{gerrit}", timeout=30).json()
    assert member["active"] is False and member["period"]["end"] == "2026-11-01"
    assert_valid(validator, [member])
    _, network, _ = get(client, launch, "network")
    assert f'data-id="{gerrit}"' not in network and "ended on 1 November 2026" in network
    assert search(fhir_base, "Observation", focus=f"RelatedPerson/{gerrit}")  # assessments kept


def test_editing_a_member_changed_meanwhile_is_a_conflict(app: Flask, fhir_base: str) -> None:
    patient = put_example_client(fhir_base)
    wim = f"ingrid-buddy-wim-{patient.rsplit('-', 1)[1]}"
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, f"network/members/{wim}")
    version = hidden_value(page, "edit-version")
    member = requests.get(f"{fhir_base}/RelatedPerson/{wim}", timeout=30).json()
    member["name"][0]["family"] = "Veranderd"
    requests.put(f"{fhir_base}/RelatedPerson/{wim}", json=member, timeout=30).raise_for_status()
    relationship = re.search(r'id="edit-relationship"[^>]*value="([^"]+)"', page)
    assert relationship, "the form shows Wim's relationship"
    form = {"edit-patient": patient, "edit-version": version, "edit-given": "Willem", "edit-sector": "leisure",
            "edit-relationship": unescape(relationship.group(1))}
    response = post(client, launch, f"network/members/{wim}", page, form)
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "Willem" in html and "Veranderd" in html
    assert requests.get(f"{fhir_base}/RelatedPerson/{wim}", timeout=30).json()["name"][0]["given"] == ["Wim"]


def test_a_relationship_rating_and_its_trend(app: Flask, fhir_base: str, validator: Validator) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient, fhir_user="Practitioner/practitioner-sanne-bakker")
    _, page, _ = get(client, launch, "working-relationship")
    assert "went up by 2" in page  # the examples: 6, then 8
    response = post(
        client,
        launch,
        "working-relationship",
        page,
        {
            "patient": patient,
            "presence": "5",
            "understood": "4",
            "reliance": "5",
            "network_involved": "3",
            "overall_grade": "6",
            "note": "Het ging wat minder",
        },
    )
    assert response.status_code == 303
    status, page, trips = get(client, launch, "working-relationship")
    assert status == 200 and trips == 1 and "went down by 2" in page and "Het ging wat minder" in page
    ratings = [
        o
        for o in search(fhir_base, "Observation", subject=f"Patient/{patient}")
        if o["code"]["coding"][0]["code"] == "relationship-rating"
    ]
    assert len(ratings) == 4  # the client's two, the professional's one, the new one
    assert_valid(validator, ratings)


def test_read_only_shows_no_forms_and_sends_no_writes(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    writable = open_launch(app, client, fhir_base, ingrid)
    _, token_page, _ = get(client, writable, "plan")
    launch = open_launch(app, client, fhir_base, ingrid, scope=READ_ONLY_SCOPE + " patient/CarePlan.rs patient/Goal.rs")
    for page in ("network", "plan", "needs", "working-relationship"):
        status, html, _ = get(client, launch, page)
        assert status == 200 and "Read only" in html and '<form method="post"' not in html, page
    before = search(fhir_base, "Goal", subject=f"Patient/{ingrid}")
    with client:
        response = post(
            client,
            launch,
            "plan/goals",
            token_page,
            prefixed(
                "new-goal",
                {
                    "patient": ingrid,
                    "plan_version": "1",
                    "core_action": "connect",
                    "status": "active",
                    "description": "x",
                },
            ),
        )
        assert g.get("fhir_round_trips", 0) == 1  # the picture was read; nothing was written
    assert response.status_code == 403 and 'data-reason="read_only"' in response.get_data(as_text=True)
    assert len(search(fhir_base, "Goal", subject=f"Patient/{ingrid}")) == len(before)


def test_a_form_naming_another_patient_or_their_member_is_refused(app: Flask, fhir_base: str, ingrid: str) -> None:
    other = put_example_client(fhir_base)
    stranger = f"ingrid-buddy-wim-{other.rsplit('-', 1)[1]}"
    consents_before = len(search(fhir_base, "Consent", patient=f"Patient/{other}"))
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    _, page, _ = get(client, launch, "network")
    response = post(client, launch, "network/members", page, {"patient": other, "given": "X", "sector": "work"})
    assert response.status_code == 400
    response = post(
        client, launch, f"network/members/{stranger}/consent", page, {"patient": ingrid, "decision": "deny"}
    )
    assert response.status_code == 400 and 'data-reason="patient_mismatch"' in response.get_data(as_text=True)
    assert len(search(fhir_base, "Consent", patient=f"Patient/{other}")) == consents_before
    no_token = client.post(f"/l/{launch.key}/plan/goals", data={"patient": ingrid, "description": "x"})
    assert no_token.status_code == 400 and 'data-reason="csrf"' in no_token.get_data(as_text=True)


def test_dutch_by_default_english_on_request(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    _, dutch, _ = get(client, launch, "needs", language="nl")
    assert "Basisbehoeften" in dutch and "Hechting" in dutch
    _, english, _ = get(client, launch, "needs", language="en")
    assert "Basic needs" in english and "Attachment" in english


def test_the_ehr_banner_and_style_only_when_asked(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    plain = open_launch(app, client, fhir_base, ingrid, need_patient_banner=False)
    _, html, _ = get(client, plain, "network")
    assert 'class="patient-banner"' not in html and "ehr-style.css" not in html
    styled = open_launch(app, client, fhir_base, ingrid, smart_style_url="https://elsewhere.example/style.json")
    _, html, _ = get(client, styled, "network")
    assert 'class="patient-banner"' in html and "ehr-style.css" in html
    css = client.get(f"/l/{styled.key}/ehr-style.css")
    assert css.status_code == 200 and css.get_data(as_text=True) == ""  # not the FHIR server's origin: not fetched


def test_a_lost_session_keeps_the_goal_for_the_next_launch(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    fresh = open_launch(app, client, fhir_base, ingrid)
    _, page, _ = get(client, fresh, "plan")
    expired = open_launch(app, client, fhir_base, ingrid, expires_at=time.time() - 60, refresh_token=None)
    form = {
        "patient": ingrid,
        "plan_version": hidden_value(page, "new-goal-plan_version"),
        "core_action": "secure",
        "status": "active",
        "description": "Niet kwijtraken alstublieft",
        "expressed_by": f"Patient/{ingrid}",
    }
    response = post(client, expired, "plan/goals", page, prefixed("new-goal", form))
    text = response.get_data(as_text=True)
    assert response.status_code == 401 and 'data-reason="not-saved"' in text and "Niet kwijtraken alstublieft" in text
    assert 'class="error-summary"' in text and "Your session with the EHR has ended" in text
    again = open_launch(app, client, fhir_base, ingrid)
    _, page, _ = get(client, again, "plan")
    assert re.search(r"<textarea[^>]*>\s*Niet kwijtraken alstublieft</textarea>", page)


def test_the_plan_page_says_the_last_save_wins_on_a_server_without_versions(
    app: Flask, fhir_base: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, patient)
    _, page, _ = get(client, launch, "plan")
    assert 'id="last-writer-wins"' not in page  # HAPI keeps versions

    loaded = ClientRepository.picture

    def without_versions(self: ClientRepository, **options: Any) -> DomainPicture:
        return dataclasses.replace(loaded(self, **options), last_writer_wins=True)

    monkeypatch.setattr(ClientRepository, "picture", without_versions)
    _, page, _ = get(client, launch, "plan")
    assert 'id="last-writer-wins"' in page and "whoever saves last overwrites" in unescape(page)
