"""The workspace's forms never lose input and always say why, against a real HAPI FHIR server: invalid input, the
FHIR server down or refusing, and an ended session each show the form again with what was typed, an error summary
at the top linked to the fields, and the message at each field; no page has two elements with one id.

A failing server is played by making the repository's save (and, for "the page cannot be loaded either", its
picture) raise the error the FHIR client raises in that case.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import get, hidden_value, open_launch, post, prefixed, put_example_client, search
from launch_support import make_settings
from werkzeug.datastructures import MultiDict

from smart_app.config import AppSettings
from smart_app.records import Launch
from srh_fhir.client_repository import ClientRepository
from srh_fhir.errors import (
    AuthError,
    CapabilityMissing,
    FHIRConnectionError,
    FHIRHTTPError,
    FHIRProtocolError,
    SrhFhirError,
    TokenExpired,
)

FAILURES: dict[str, tuple[Callable[[], SrhFhirError], int, str]] = {
    "unreachable": (lambda: FHIRConnectionError("timed out"), 503, "could not be reached or did not answer in time"),
    "refused": (lambda: FHIRHTTPError(500, message="boom"), 502, "refused the change (HTTP 500)"),
    # a gateway (an EHR's proxy) answering for a FHIR server that is down: unreachable, not a refusal
    "gateway": (lambda: FHIRHTTPError(502, message="upstream down"), 503, "could not be reached or did not answer"),
    "unsupported": (
        lambda: CapabilityMissing("transaction", "https://ehr.example/fhir", "it answered a transaction with HTTP 405"),
        502,
        "cannot save a change all at once (it does not support transaction)",
    ),
    "expired": (lambda: TokenExpired("expired"), 401, "Your session with the EHR has ended"),
    "unauthorised": (lambda: AuthError("refused"), 401, "Your session with the EHR has ended"),
}
NOTHING_SAVED = "Nothing was saved; what you entered"


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


class Ids(HTMLParser):
    """Every element id of a page, and the links, labels and references to ids."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.refs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids[str(values["id"])] += 1
        for name in ("for", "aria-describedby", "aria-labelledby"):
            self.refs += (values.get(name) or "").split()
        href = values.get("href") or ""
        if tag == "a" and href.startswith("#") and len(href) > 1:
            self.refs.append(href[1:])

    @property
    def duplicates(self) -> list[str]:
        return sorted(i for i, n in self.ids.items() if n > 1)

    @property
    def dangling(self) -> list[str]:
        return sorted(set(r for r in self.refs if r not in self.ids))


def assert_well_formed(html: str) -> None:
    ids = Ids(html)
    assert not ids.duplicates, ids.duplicates
    assert not ids.dangling, ids.dangling


def summary_of(html: str) -> str:
    match = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert match, "no error summary"
    return match.group(0)


def assert_summary(html: str, fields: dict[str, str], failure: str | None = None) -> None:
    """The summary first in the page, focused and announced; a link to each field and its message there."""
    summary = summary_of(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "autofocus" in summary
    assert html.index('class="error-summary"') < html.index("<h1")
    assert re.search(r"<title>Error: ", html) and "workspace/errors.js" in html
    for target, message in fields.items():
        assert f'<a href="#{target}">{message}</a>' in unescape(summary), (target, summary)
    if failure:
        assert failure in summary and NOTHING_SAVED in summary
    assert_well_formed(html)


def assert_field_error(html: str, field_id: str, message: str) -> None:
    """The message at the field, named by the field's aria-describedby, the field marked invalid."""
    assert f'id="{field_id}-error"><span class="visually-hidden">Error:</span> {message}' in unescape(html)
    tag = re.search(rf'<(?:input|select|textarea)[^>]*\bid="{field_id}"[^>]*>', html)
    assert tag, field_id
    assert 'aria-invalid="true"' in tag.group(0) and f'aria-describedby="{field_id}-error"' in tag.group(0)


def failing(monkeypatch: pytest.MonkeyPatch, kind: str, also_loading: bool = False) -> None:
    make = FAILURES[kind][0]

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise make()

    monkeypatch.setattr(ClientRepository, "save", fail)
    if also_loading:
        monkeypatch.setattr(ClientRepository, "picture", fail)


def selected(html: str, field_id: str) -> str:
    select = re.search(rf'<select[^>]*id="{field_id}"[^>]*>(.*?)</select>', html, re.S)
    assert select, field_id
    chosen = re.search(r'<option selected value="([^"]*)"|<option value="([^"]*)" selected', select.group(1))
    return (chosen.group(1) or chosen.group(2)) if chosen else ""


def member_form(patient: str, name: str) -> dict[str, Any]:
    return {
        "patient": patient,
        "given": name,
        "family": "Bakker",
        "relationship": "buurman",
        "sector": "neighbourhood",
        "closeness": "close",
        "support": ["practical", "companionship"],
        "note": "Komt elke dinsdag langs",
    }


def assert_member_input_kept(html: str, name: str) -> None:
    assert re.search(rf'<input [^>]*id="given" [^>]*value="{name}"', html)
    assert 'value="Bakker"' in html and 'value="buurman"' in html and "Komt elke dinsdag langs</textarea>" in html
    assert re.search(r'<input checked id="support-\d" name="support" [^>]*value="practical"', html)
    assert selected(html, "closeness") == "close"


@pytest.fixture
def launched(app: Flask, fhir_base: str) -> tuple[FlaskClient, Launch, str]:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    return client, open_launch(app, client, fhir_base, patient), patient


def test_a_member_without_a_name_and_part_of_life_comes_back_typed_with_the_summary(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "network")
    assert selected(page, "sector") == ""  # no safe default: the clinician chooses
    family = f"Bakker-{uuid.uuid4().hex[:5]}"
    form = {**member_form(patient, ""), "sector": "", "family": family}
    response = post(client, launch, "network/members", page, form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert_summary(html, {"given": "Enter the first name.", "sector": "Choose the part of life."})
    assert_field_error(html, "given", "Enter the first name.")
    assert_field_error(html, "sector", "Choose the part of life.")
    assert f'value="{family}"' in html and "Komt elke dinsdag langs</textarea>" in html and selected(html, "closeness")
    assert family not in str(search(fhir_base, "RelatedPerson", patient=patient))


def test_a_member_without_a_relationship_is_asked_for_one_at_the_form(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str
) -> None:
    # The profile requires a relationship (srh-nm-1): without one the server refused the member with an HTTP 422.
    client, launch, patient = launched
    _, page, _ = get(client, launch, "network")
    family = f"Bakker-{uuid.uuid4().hex[:5]}"
    response = post(client, launch, "network/members", page, {**member_form(patient, "Kees"), "relationship": " ",
                                                                "family": family})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert_summary(html, {"relationship": "Enter the relationship to the client."})
    assert_field_error(html, "relationship", "Enter the relationship to the client.")
    assert f'value="{family}"' in html and "Komt elke dinsdag langs</textarea>" in html
    assert family not in str(search(fhir_base, "RelatedPerson", patient=patient))


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_adding_a_member_when_the_server_fails_keeps_the_input_and_says_why(
    launched: tuple[FlaskClient, Launch, str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "network")
    name = f"Kees-{uuid.uuid4().hex[:5]}"
    failing(monkeypatch, kind)
    response = post(client, launch, "network/members", page, member_form(patient, name))
    html = response.get_data(as_text=True)
    _, status, failure = FAILURES[kind]
    assert response.status_code == status
    assert_summary(html, {}, failure)
    assert_member_input_kept(html, name)
    assert 'id="map-now"' in html  # the page itself, not an error page


def test_an_answer_that_is_not_fhir_says_the_save_is_uncertain_and_keeps_the_input(
    launched: tuple[FlaskClient, Launch, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "network")
    name = f"Kees-{uuid.uuid4().hex[:5]}"

    def unreadable(*args: Any, **kwargs: Any) -> Any:
        raise FHIRProtocolError("POST answered with HTML")

    monkeypatch.setattr(ClientRepository, "save", unreadable)
    response = post(client, launch, "network/members", page, member_form(patient, name))
    html = response.get_data(as_text=True)
    assert response.status_code == 502
    assert "cannot tell whether the change was saved" in summary_of(html) and NOTHING_SAVED not in html
    assert_member_input_kept(html, name)
    monkeypatch.setattr(ClientRepository, "picture", unreadable)
    status, page, _ = get(client, launch, "network")
    assert status == 502 and "gave an answer the app cannot read" in page and 'class="request-id"' in page


@pytest.mark.parametrize("kind", ["unreachable", "expired"])
def test_when_not_even_the_page_loads_the_input_is_shown_and_posted_again(
    launched: tuple[FlaskClient, Launch, str], monkeypatch: pytest.MonkeyPatch, kind: str, fhir_base: str
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "network")
    name = f"Kees-{uuid.uuid4().hex[:5]}"
    failing(monkeypatch, kind, also_loading=True)
    response = post(client, launch, "network/members", page, member_form(patient, name))
    html = response.get_data(as_text=True)
    assert response.status_code == FAILURES[kind][1] and 'data-reason="not-saved"' in html
    assert_summary(html, {}, FAILURES[kind][2])
    assert f"<dd>{name}</dd>" in html and "<dd>Practical support, Companionship</dd>" in html
    again = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)
    assert ("given", name) in again and ("support", "companionship") in again
    monkeypatch.undo()
    retried = client.post(f"/l/{launch.key}/network/members", data=MultiDict(again))
    assert retried.status_code == 303
    assert [m for m in search(fhir_base, "RelatedPerson", patient=patient) if m["name"][0]["given"] == [name]]


def test_an_expired_session_keeps_the_member_for_the_next_launch(
    app: Flask, launched: tuple[FlaskClient, Launch, str], monkeypatch: pytest.MonkeyPatch, fhir_base: str
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "network")
    name = f"Kees-{uuid.uuid4().hex[:5]}"
    failing(monkeypatch, "expired")
    post(client, launch, "network/members", page, member_form(patient, name))
    monkeypatch.undo()
    again = open_launch(app, client, fhir_base, patient)
    _, html, _ = get(client, again, "network")
    assert_member_input_kept(html, name)


def rate_tie(client: FlaskClient, launch: Launch, patient: str, member: str, data: dict[str, Any]) -> Any:
    _, page, _ = get(client, launch, f"network/members/{member}")
    return post(client, launch, f"network/members/{member}/assessments", page, prefixed("assess", data))


def test_rating_a_tie_with_nothing_chosen_says_so_at_the_form(launched: tuple[FlaskClient, Launch, str]) -> None:
    client, launch, patient = launched
    anja = f"ingrid-sister-anja-{patient.rsplit('-', 1)[1]}"
    form = {"patient": patient, "closeness": "", "contact_frequency": "", "reciprocity": "", "valence": ""}
    response = rate_tie(client, launch, patient, anja, form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    message = "Record at least one aspect of the tie."
    assert_summary(html, {"assess-note": message})
    assert_field_error(html, "assess-note", message)


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_rating_a_tie_when_the_server_fails_keeps_the_input(
    launched: tuple[FlaskClient, Launch, str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    client, launch, patient = launched
    anja = f"ingrid-sister-anja-{patient.rsplit('-', 1)[1]}"
    _, page, _ = get(client, launch, f"network/members/{anja}")
    failing(monkeypatch, kind)
    form = {"patient": patient, "closeness": "distant", "valence": "ambivalent", "note": "Minder contact sinds mei"}
    response = post(client, launch, f"network/members/{anja}/assessments", page, prefixed("assess", form))
    html = response.get_data(as_text=True)
    assert response.status_code == FAILURES[kind][1]
    assert_summary(html, {}, FAILURES[kind][2])
    assert selected(html, "assess-closeness") == "distant" and selected(html, "assess-valence") == "ambivalent"
    assert "Minder contact sinds mei</textarea>" in html


def goal(page: str, patient: str, **changes: str) -> dict[str, Any]:
    form = {
        "patient": patient,
        "plan_version": hidden_value(page, "new-goal-plan_version"),
        "core_action": "connect",
        "status": "active",
        "description": "Weer samen koken met mijn zus",
        "needs": ["belonging"],
        "expressed_by": f"Patient/{patient}",
        **changes,
    }
    return prefixed("new-goal", form)


def test_when_not_even_the_page_loads_the_people_and_goals_chosen_are_said_in_words_not_ids(
    launched: tuple[FlaskClient, Launch, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "plan")
    failing(monkeypatch, "unreachable", also_loading=True)
    html = post(client, launch, "plan/goals", page, goal(page, patient)).get_data(as_text=True)
    assert "<dt>In whose words?</dt><dd>the client</dd>" in re.sub(r">\s+<", "><", html)
    activity = {"patient": patient, "plan_version": hidden_value(page, "new-activity-plan_version"),
                "core_action": "strengthen", "description": "Samen naar de buurttuin", "status": "scheduled",
                "performers": [f"Patient/{patient}", "RelatedPerson/m1"], "goals": ["Goal/g1"]}
    html = post(client, launch, "plan/activities", page, prefixed("new-activity", activity)).get_data(as_text=True)
    shown = re.sub(r">\s+<", "><", html)
    assert "<dt>Who does it</dt><dd>the client, a network member</dd>" in shown
    assert "<dt>Goals it works towards</dt><dd>a goal</dd>" in shown
    assert not re.search(r"<dd>[^<]*(Patient|RelatedPerson|Goal)/", shown)
    assert ("new-activity-performers", "RelatedPerson/m1") in re.findall(
        r'<input type="hidden" name="([^"]+)" value="([^"]*)">', html)  # posted again as chosen


def test_a_goal_without_words_or_core_action_comes_back_typed(launched: tuple[FlaskClient, Launch, str]) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "plan")
    assert selected(page, "new-goal-status") == "active" and selected(page, "new-activity-status") == "not-started"
    assert selected(page, "new-goal-core_action") == ""  # no safe default
    response = post(client, launch, "plan/goals", page, goal(page, patient, description="", core_action="", due="x"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    words, action = "Enter the goal in the client's own words.", "Choose the core action."
    assert_summary(
        html, {"new-goal-description": words, "new-goal-core_action": action, "new-goal-due": "Not a valid date value."}
    )
    assert_field_error(html, "new-goal-description", words)
    assert re.search(r'<input checked id="new-goal-needs-\d" name="new-goal-needs" [^>]*value="belonging"', html)


def changed_goal(page: str, patient: str, goal_id: str, **changes: str) -> dict[str, Any]:
    prefix = f"goal-{goal_id}"
    form = {
        "patient": patient,
        "plan_version": hidden_value(page, f"{prefix}-plan_version"),
        "goal_version": hidden_value(page, f"{prefix}-goal_version"),
        "description": "Mijn nieuwe woorden",
        "core_action": "secure",
        "status": "active",
        "expressed_by": f"Patient/{patient}",
        **changes,
    }
    return prefixed(prefix, form)


def assert_goal_page(html: str, goal_id: str) -> None:
    """The goal's own page again (not the plan), with what was typed."""
    assert "<h1>Change this goal</h1>" in html and 'class="board"' not in html
    assert re.search(rf'<a class="back-link" href="/l/[^/]+/plan#goal-{goal_id}">Back to the plan</a>', html)
    assert "Mijn nieuwe woorden</textarea>" in html and selected(html, f"goal-{goal_id}-core_action") == "secure"


def test_a_changed_goal_with_an_error_comes_back_on_its_page_with_its_input(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str
) -> None:
    client, launch, patient = launched
    (existing, *_) = search(fhir_base, "Goal", subject=f"Patient/{patient}")
    status, page, _ = get(client, launch, f"plan/goals/{existing['id']}/change")
    assert status == 200 and existing["description"]["text"] in page
    form = changed_goal(page, patient, existing["id"], due="not a date")
    response = post(client, launch, f"plan/goals/{existing['id']}", page, form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert_summary(html, {f"goal-{existing['id']}-due": "Not a valid date value."})
    assert_goal_page(html, existing["id"])
    form = changed_goal(page, patient, existing["id"], due="2027-03-01")
    response = post(client, launch, f"plan/goals/{existing['id']}", page, form)
    assert response.status_code == 303 and response.location.endswith(f"/plan#goal-{existing['id']}")


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_the_goal_and_activity_pages_when_the_server_fails_keep_the_input(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    client, launch, patient = launched
    (existing, *_) = search(fhir_base, "Goal", subject=f"Patient/{patient}")
    _, goal_page, _ = get(client, launch, f"plan/goals/{existing['id']}/change")
    _, cancel_page, _ = get(client, launch, "plan/activities/2/cancel")
    _, done_page, _ = get(client, launch, "plan/activities/2/done")
    failing(monkeypatch, kind)
    response = post(
        client, launch, f"plan/goals/{existing['id']}", goal_page, changed_goal(goal_page, patient, existing["id"])
    )
    html = response.get_data(as_text=True)
    assert response.status_code == FAILURES[kind][1]
    assert_summary(html, {}, FAILURES[kind][2])
    assert_goal_page(html, existing["id"])
    for page, name, typed in (
        (cancel_page, "cancel", {"reason": "Niet meer nodig"}),
        (done_page, "done", {"completed_on": "2026-11-30"}),
    ):
        form = {"patient": patient, "plan_version": hidden_value(page, f"activity-2-{name}-plan_version"), **typed}
        response = post(client, launch, f"plan/activities/2/{name}", page, prefixed(f"activity-2-{name}", form))
        html = response.get_data(as_text=True)
        assert response.status_code == FAILURES[kind][1]
        assert_summary(html, {}, FAILURES[kind][2])
        assert 'class="board"' not in html and f'href="/l/{launch.key}/plan#activity-2">Back to the plan</a>' in html
        assert "Niet meer nodig</textarea>" in html if name == "cancel" else 'value="2026-11-30"' in html


@pytest.mark.parametrize("kind", sorted(FAILURES))
def test_a_goal_and_an_activity_when_the_server_fails_keep_the_input(
    launched: tuple[FlaskClient, Launch, str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "plan")
    failing(monkeypatch, kind)
    response = post(client, launch, "plan/goals", page, goal(page, patient))
    html = response.get_data(as_text=True)
    assert response.status_code == FAILURES[kind][1]
    assert_summary(html, {}, FAILURES[kind][2])
    assert "Weer samen koken met mijn zus</textarea>" in html and selected(html, "new-goal-core_action") == "connect"
    activity = {
        "patient": patient,
        "plan_version": hidden_value(page, "new-activity-plan_version"),
        "core_action": "strengthen",
        "description": "Samen naar de buurttuin",
        "performers": [f"Patient/{patient}"],
        "status": "scheduled",
        "scheduled": "elke zaterdag",
    }
    response = post(client, launch, "plan/activities", page, prefixed("new-activity", activity))
    html = response.get_data(as_text=True)
    assert response.status_code == FAILURES[kind][1]
    assert_summary(html, {}, FAILURES[kind][2])
    assert "Samen naar de buurttuin</textarea>" in html and 'value="elke zaterdag"' in html
    assert selected(html, "new-activity-status") == "scheduled"


@pytest.mark.parametrize("kind", ["unreachable", "refused"])
def test_a_rating_when_the_server_fails_keeps_the_scores(
    launched: tuple[FlaskClient, Launch, str], monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    client, launch, patient = launched
    _, page, _ = get(client, launch, "working-relationship")
    empty = post(client, launch, "working-relationship", page, {"patient": patient, "note": "Fijn gesprek"})
    html = empty.get_data(as_text=True)
    assert empty.status_code == 422 and "Fijn gesprek</textarea>" in html
    assert_summary(html, {"overall_grade": "Give at least one score."})
    failing(monkeypatch, kind)
    response = post(client, launch, "working-relationship", page, {"patient": patient, "presence": "4", "note": "Ok"})
    html = response.get_data(as_text=True)
    assert response.status_code == FAILURES[kind][1]
    assert_summary(html, {}, FAILURES[kind][2])
    assert re.search(r'<input aria-invalid="true" checked id="presence-3"|<input checked id="presence-3"', html)


def test_no_workspace_page_has_two_elements_with_one_id(launched: tuple[FlaskClient, Launch, str]) -> None:
    client, launch, patient = launched
    anja = f"ingrid-sister-anja-{patient.rsplit('-', 1)[1]}"
    pages = ("network", "network/changes", "needs", "plan", "social-system", "working-relationship", "print")
    pages += tuple(f"plan/activities/0/{name}" for name in ("change", "done", "cancel"))
    for page in (*pages, f"network/members/{anja}"):
        status, html, _ = get(client, launch, page)
        assert status == 200, page
        assert not Ids(html).duplicates, (page, Ids(html).duplicates)


def test_the_member_page_forms_come_back_with_their_errors(
    launched: tuple[FlaskClient, Launch, str], fhir_base: str
) -> None:
    client, launch, patient = launched
    anja = f"ingrid-sister-anja-{patient.rsplit('-', 1)[1]}"
    consents = len(search(fhir_base, "Consent", patient=f"Patient/{patient}"))
    _, page, _ = get(client, launch, f"network/members/{anja}")
    consent = post(client, launch, f"network/members/{anja}/consent", page, {"patient": patient, "decision": "permit"})
    html = consent.get_data(as_text=True)
    assert consent.status_code == 422
    assert_summary(html, {"actions-0": "Choose at least one way this person is involved."})
    assert re.search(r'<fieldset class="choices has-error" id="actions-group" aria-describedby="actions-error">', html)
    assert re.search(r'<input checked id="decision-0"', html)  # the choice made is kept
    assert len(search(fhir_base, "Consent", patient=f"Patient/{patient}")) == consents  # nothing saved
    edit = {
        "patient": patient,
        "version": hidden_value(page, "edit-version"),
        "given": "Anja",
        "sector": "family",
        "note": "x" * 1001,
    }
    response = post(client, launch, f"network/members/{anja}", page, prefixed("edit", edit))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert_summary(html, {"edit-note": "Field cannot be longer than 1000 characters."})
    assert re.search(r"<details open>\s*<summary>Also record how the tie is now</summary>", html)
