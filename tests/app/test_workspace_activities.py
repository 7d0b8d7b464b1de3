"""A plan's activities against a real HAPI FHIR server: change one (and who does it: client, network member or
professional), mark one done on a day (today preselected), cancel one with a reason (required: the reason form is the
confirmation), each on a page of its own linked from the activity's card, and undo the cancel on the plan; a plan
changed meanwhile shows both versions and keeps the input. Every CarePlan written is checked against our profiles."""

from __future__ import annotations

import datetime
import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import get, hidden_value, open_launch, post, prefixed, put_example_client, search
from launch_support import make_settings
from werkzeug.datastructures import MultiDict

from smart_app.config import AppSettings
from smart_app.records import Launch
from srh_fhir.validation import Validator, has_errors

pytestmark = pytest.mark.hapi


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


@pytest.fixture
def launched(app: Flask, fhir_base: str) -> tuple[FlaskClient, Launch, str]:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    return client, open_launch(app, client, fhir_base, patient), patient


def plan_of(fhir_base: str, patient: str, validator: Validator) -> dict[str, Any]:
    (plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    outcome = validator.validate(plan)
    assert not has_errors(outcome), outcome
    return plan


def form(page: str, patient: str, index: int, name: str, **fields: Any) -> dict[str, Any]:
    prefix = f"activity-{index}-{name}"
    version = hidden_value(page, f"{prefix}-plan_version")
    return prefixed(prefix, {"patient": patient, "plan_version": version, **fields})


def one_form_page(html: str, title: str, index: int) -> bool:
    """The page of one activity's form: its title, a link back to the activity on the plan, no plan board."""
    back = re.search(r'<a class="back-link" href="/l/[^/]+/plan#activity-(\d+)">', html)
    return (
        f"<h1>{title}</h1>" in html and back is not None and back.group(1) == str(index) and 'class="board"' not in html
    )


def suffix(patient: str) -> str:
    return patient.rsplit("-", 1)[1]


def test_an_activity_is_changed_and_given_to_the_client_and_a_network_member(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str, validator: Validator
) -> None:
    client, launch, patient = launched
    anja = f"RelatedPerson/ingrid-sister-anja-{suffix(patient)}"
    _, plan, _ = get(client, launch, "plan")
    assert f'href="/l/{launch.key}/plan/activities/0/change"' in plan
    status, page, _ = get(client, launch, "plan/activities/0/change")
    assert status == 200 and f'href="/l/{launch.key}/plan#activity-0">Back to the plan</a>' in page
    edit = page[page.index('action="/l/' + launch.key + '/plan/activities/0"') :]
    edit = edit[: edit.index("</form>")]
    assert f'value="Patient/{patient}"' in edit and f'value="{anja}"' in edit  # the client, a member who consented
    assert 'value="Practitioner/practitioner-sanne-bakker' in edit and "checked" in edit  # the professional, as now
    fields = {"description": "Huisbezoek, nu met Anja", "core_action": "connect", "status": "on-hold"}
    response = post(
        client,
        launch,
        "plan/activities/0",
        page,
        form(page, patient, 0, "edit", performers=[f"Patient/{patient}", anja], **fields),
    )
    assert response.status_code == 303 and response.location.endswith("/plan#activity-0")
    detail = plan_of(fhir_base, patient, validator)["activity"][0]["detail"]
    assert (detail["description"], detail["status"]) == ("Huisbezoek, nu met Anja", "on-hold")
    assert [p["reference"] for p in detail["performer"]] == [f"Patient/{patient}", anja]
    _, board, _ = get(client, launch, "plan")
    assert "Huisbezoek, nu met Anja" in board and "The activity was saved." in board


def test_an_activity_is_marked_done_on_a_day_today_preselected(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str, validator: Validator
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "plan/activities/0/done")
    today = datetime.date.today().isoformat()
    assert re.search(
        rf'id="activity-0-done-completed_on" name="activity-0-done-completed_on" [^>]*type="date" value="{today}"', page
    )
    response = post(
        client, launch, "plan/activities/0/done", page, form(page, patient, 0, "done", completed_on="2026-12-01")
    )
    assert response.status_code == 303
    activity = plan_of(fhir_base, patient, validator)["activity"][0]
    assert activity["detail"]["status"] == "completed"
    assert activity["progress"] == [{"time": "2026-12-01", "text": "completed"}]
    _, board, _ = get(client, launch, "plan")
    assert "done on 1 December 2026" in board
    assert f'href="/l/{launch.key}/plan/activities/0/done"' not in board  # done once
    assert get(client, launch, "plan/activities/0/done")[0] == 404


def test_cancelling_needs_a_reason_and_keeps_what_was_typed(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "plan/activities/6/cancel")
    response = post(client, launch, "plan/activities/6/cancel", page, form(page, patient, 6, "cancel", reason="  "))
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and one_form_page(html, "Cancel the activity", 6)
    summary = html[html.index('class="error-summary"') : html.index("</div>", html.index('class="error-summary"'))]
    assert 'role="alert"' in summary and 'href="#activity-6-cancel-reason"' in summary
    assert "Enter why the activity is cancelled." in summary
    assert 'id="activity-6-cancel-reason"' in html
    assert [a["detail"]["status"] for a in search(fhir_base, "CarePlan", subject=f"Patient/{patient}")[0]["activity"]][
        6
    ] == "scheduled"
    # The change form as posted comes back on its page, with its input.
    _, page, _ = get(client, launch, "plan/activities/6/change")
    edit = form(page, patient, 6, "edit", description="", core_action="strengthen", status="on-hold")
    response = post(client, launch, "plan/activities/6", page, edit)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'href="#activity-6-edit-description"' in html
    assert one_form_page(html, "Change the activity", 6)
    assert re.search(r'<option selected value="on-hold">', html)


def test_a_cancelled_activity_is_struck_through_with_its_reason_and_can_be_undone(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str, validator: Validator
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "plan/activities/6/cancel")
    reason = "Het koor stopt na de zomer"
    response = post(client, launch, "plan/activities/6/cancel", page, form(page, patient, 6, "cancel", reason=reason))
    assert response.status_code == 303
    detail = plan_of(fhir_base, patient, validator)["activity"][6]["detail"]
    assert (detail["status"], detail["statusReason"]) == ("cancelled", {"text": reason})
    _, board, _ = get(client, launch, "plan")
    card = board[board.index('id="activity-6"') :]
    card = card[: card.index("</form>")]  # the activity up to its undo form
    assert "<del>Hennie haalt Ingrid op" in card and f"Reason: {reason}" in card
    assert "Undo the cancel (back to scheduled)" in card
    assert "the network takes part in 4" in board  # a cancelled activity no longer counts
    response = post(
        client,
        launch,
        "plan/activities/6/undo",
        board,
        form(board, patient, 6, "undo", status=hidden_value(board, "activity-6-undo-status")),
    )
    assert response.status_code == 303
    detail = plan_of(fhir_base, patient, validator)["activity"][6]["detail"]
    assert detail["status"] == "scheduled" and "statusReason" not in detail
    _, board, _ = get(client, launch, "plan")
    assert "<del>Hennie" not in board and "The cancel was undone." in board
    assert get(client, launch, "plan/activities/6/cancel")[0] == 200


def test_an_activity_changed_meanwhile_shows_both_versions_and_keeps_the_input(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str, validator: Validator
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "plan/activities/3/change")
    shown = hidden_value(page, "activity-3-edit-plan_version")
    (plan,) = search(fhir_base, "CarePlan", subject=f"Patient/{patient}")
    plan["activity"][3]["detail"]["description"] = "Door een collega gewijzigd"
    requests.put(f"{fhir_base}/CarePlan/{plan['id']}", json=plan, timeout=30).raise_for_status()
    gerrit = f"RelatedPerson/ingrid-neighbour-gerrit-{suffix(patient)}"
    mine = {"description": "Gerrit en Ingrid samen, niet kwijtraken", "core_action": "secure", "status": "in-progress"}
    response = post(
        client, launch, "plan/activities/3", page, form(page, patient, 3, "edit", performers=[gerrit], **mine)
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Gerrit en Ingrid samen, niet kwijtraken" in html and "Door een collega gewijzigd" in html
    again = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    values = dict(again)
    assert values["activity-3-edit-plan_version"] != shown
    response = client.post(f"/l/{launch.key}/plan/activities/3", data=MultiDict([(k, unescape(v)) for k, v in again]))
    assert response.status_code == 303
    detail = plan_of(fhir_base, patient, validator)["activity"][3]["detail"]
    assert detail["description"] == "Gerrit en Ingrid samen, niet kwijtraken"  # kept mine, on their version


def test_the_plan_links_to_the_page_of_each_form_and_holds_only_the_add_forms(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "plan")
    forms = page.count("<form")
    for number in range(3):
        goal = {"patient": patient, "plan_version": hidden_value(page, "new-goal-plan_version")}
        goal |= {"description": f"Doel {number}", "core_action": "connect", "status": "active"}
        goal["expressed_by"] = f"Patient/{patient}"
        assert post(client, launch, "plan/goals", page, prefixed("new-goal", goal)).status_code == 303
        _, page, _ = get(client, launch, "plan")
    assert page.count("<form") == forms  # as many forms with three goals more
    actions = re.findall(r'<form [^>]*action="/l/[^/]+/([^"]+)"', page)
    assert [a for a in actions if a not in ("plan/goals", "plan/activities")] == []  # no undo: nothing cancelled
    for goal in search(fhir_base, "Goal", subject=f"Patient/{patient}"):
        assert f'id="goal-{goal["id"]}"' in page
        assert f'href="/l/{launch.key}/plan/goals/{goal["id"]}/change"' in page
    for path in ("change", "done", "cancel"):
        assert f'href="/l/{launch.key}/plan/activities/0/{path}"' in page
