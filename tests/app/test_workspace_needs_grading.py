"""Grading the basic needs on the needs page, against a real HAPI server: the latest grade in words, the network's and
the professionals' part, the flags, a new grading recorded (never overwriting), and input kept on a missing choice."""

from __future__ import annotations

import re
from html import unescape

from flask import Flask
from hapi_workspace_support import get, open_launch, post, search

from srh_fhir.validation import Validator, has_errors

NEED_ASSESSMENT = "https://srh-fhir.github.io/fhir/CodeSystem/srh-observation|need-assessment"
SANNE = "Practitioner/practitioner-sanne-bakker"
NEEDS = ("attachment", "belonging", "recognition", "care_exchange", "emotional_support")


def row(page: str, need: str) -> str:
    match = re.search(rf'<tr data-need="{need}" class="graded[^"]*">(.*?)</tr>', page, flags=re.S)
    assert match, f"no graded row for {need}"
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))))


def checkbox_value(page: str, field: str, name: str) -> str:
    """The value of the checkbox of ``field`` labelled ``name``."""
    match = re.search(rf'name="{field}" type="checkbox" value="([^"]+)"> {re.escape(name)}', page)
    assert match, f"no checkbox {name} in {field}"
    return match.group(1)


def test_the_latest_grading_shows_the_network_and_the_professionals_apart(app: Flask, fhir_base: str,
                                                                           ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid, fhir_user=SANNE, user_name="Sanne Bakker")

    status, page, trips = get(client, launch, "needs")

    assert status == 200 and trips == 1  # the gradings come in a batch with the picture
    emotional = row(page, "emotional-support")
    assert "Partly met" in emotional and "14 September 2026" in emotional
    assert "Anja" in emotional and "Wim" in emotional and "Jeroen Willems" in emotional
    assert "rests on one single person" in row(page, "attachment")
    assert "Only professionals" not in page
    assert "14 September 2026: Partly met; 2 March 2026: Barely met" in unescape(page)
    _, dutch, _ = get(client, launch, "needs", language="nl")
    assert "Grotendeels vervuld" in row(dutch, "attachment") and "14 september 2026" in row(dutch, "attachment")


def test_a_new_grading_is_recorded_beside_the_earlier_ones(app: Flask, fhir_base: str, ingrid: str,
                                                          validator: Validator) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid, fhir_user=SANNE, user_name="Sanne Bakker")
    _, page, _ = get(client, launch, "needs")
    anja = checkbox_value(page, "met_by_attachment", "Anja Hoekstra")
    form = {"patient": ingrid, "note": "Samen met Ingrid", **{f"grade_{need}": "partly" for need in NEEDS}}
    form |= {"grade_recognition": "not-met", "met_by_attachment": [anja], "met_by_emotional_support": [SANNE]}

    response = post(client, launch, "needs/grading", page, form)

    assert response.status_code == 303, response.get_data(as_text=True)
    gradings = search(fhir_base, "Observation", subject=f"Patient/{ingrid}", code=NEED_ASSESSMENT)
    new = next(g for g in gradings if g.get("note"))  # beside the two examples, kept as they were
    assert {g["id"].rsplit("-", 1)[0] for g in gradings} >= {"ingrid-needs-2026-03-02", "ingrid-needs-2026-09-14"}
    assert not has_errors(validator.validate(new)), validator.validate(new)
    assert [p["reference"] for p in new["performer"]] == [SANNE, f"Patient/{ingrid}"]
    _, page, _ = get(client, launch, "needs")
    emotional = row(page, "emotional-support")
    assert "Partly met" in emotional and "Sanne Bakker" in emotional and "Only professionals" in emotional
    assert "Not met" in row(page, "recognition")
    assert "Barely met" in page  # the history keeps March


def test_a_missing_grade_keeps_what_was_entered(app: Flask, fhir_base: str, ingrid: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid, fhir_user=SANNE, user_name="Sanne Bakker")
    _, page, _ = get(client, launch, "needs")
    gerrit = checkbox_value(page, "met_by_care_exchange", "Gerrit")
    form = {"patient": ingrid, "grade_attachment": "mostly", "grade_recognition": "barely",
            "grade_care_exchange": "not-met", "met_by_care_exchange": [gerrit], "grade_emotional_support": "fully"}
    before = search(fhir_base, "Observation", subject=f"Patient/{ingrid}", code=NEED_ASSESSMENT)

    response = post(client, launch, "needs/grading", page, form)

    html = unescape(response.get_data(as_text=True))
    assert response.status_code == 422
    assert 'class="error-summary"' in html and 'href="#grade_belonging-0"' in html
    assert "Choose how well Belonging is met." in html
    assert "Giving and receiving care is not met, so nobody meets it" in html
    assert re.search(r'checked id="grade_attachment-\d" name="grade_attachment" type="radio" value="mostly"', html)
    assert re.search(rf'checked id="met_by_care_exchange-\d" name="met_by_care_exchange" type="checkbox" '
                     rf'value="{re.escape(gerrit)}"', html)
    assert search(fhir_base, "Observation", subject=f"Patient/{ingrid}", code=NEED_ASSESSMENT) == before
