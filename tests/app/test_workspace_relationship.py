"""The working relationship page against a real HAPI FHIR server: contact moments from the client's Encounters with
the gaps flagged, the client's and the professional's ratings side by side, the reflections; recording a contact
moment, a professional rating and a reflection (each valid against its profile), the input kept with the error
summary when a field is missing; a launch that may not read Encounter is told so. Also the pure timeline."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import get, open_launch, post, put_example_client, search, visible_text
from launch_support import app_with, make_settings

from smart_app.config import AppSettings
from smart_app.records import Launch
from smart_app.workspace.contact_records import professional
from smart_app.workspace.timeline import timeline
from srh_fhir.contact import contact_gaps
from srh_fhir.model import ContactMoment, FhirDateTime, Period, RelationshipRating, RelationshipReflection
from srh_fhir.terminology import ContactKind
from srh_fhir.validation import Validator, has_errors

SANNE = "Practitioner/practitioner-sanne-bakker"
NO_ENCOUNTER_SCOPE = (
    "launch openid fhirUser patient/Patient.rs patient/RelatedPerson.cruds patient/Observation.crus "
    "patient/Provenance.crs user/Practitioner.rs"
)


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def launched(app: Flask, fhir_base: str, **changes: Any) -> tuple[FlaskClient, Launch, str]:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    return client, open_launch(app, client, fhir_base, patient, **{"fhir_user": SANNE, **changes}), patient


def observations(fhir_base: str, patient: str, code: str) -> list[dict[str, Any]]:
    found = search(fhir_base, "Observation", subject=f"Patient/{patient}")
    return [o for o in found if o["code"]["coding"][0]["code"] == code]


def assert_valid(validator: Validator, resources: list[dict[str, Any]]) -> None:
    for resource in resources:
        outcome = validator.validate(resource)
        assert not has_errors(outcome), outcome


def test_the_page_shows_contacts_gaps_both_ratings_and_reflections_in_one_round_trip(
    app: Flask, fhir_base: str
) -> None:
    client, launch, _ = launched(app, fhir_base)
    status, page, trips = get(client, launch, "working-relationship", "nl")
    assert status == 200 and trips == 1
    text = " ".join(visible_text(page).split())
    assert text.count("Contactmoment") >= 5  # two home visits in the EHR, two contacts recorded here, the meeting
    assert "125 dagen zonder contact, tot 14 september 2026" in text  # 12 May to the network meeting: a gap
    assert "14 september 2026 Contactmoment Netwerkberaad" in text  # a network meeting held is a contact too
    assert "Waardering door de cliënt" in text and "Waardering door de professional" in text
    assert "Reflectie (alleen voor professionals)" in text and "na mei te lang geen contact" in text
    assert 'class="client-line"' in page and 'class="gap' in page and 'class="reflection-bar"' in page


def test_the_gap_in_contact_is_as_long_as_the_app_is_set_to(tmp_path: Path, fhir_base: str) -> None:
    app = app_with(make_settings(tmp_path, allowed_issuers=(fhir_base,), contact_gap_days=150))
    client, launch, _ = launched(app, fhir_base)
    _, page, _ = get(client, launch, "working-relationship", "nl")
    text = " ".join(visible_text(page).split())
    assert "125 dagen zonder contact" not in text  # under 150 days: no gap
    assert "Contactmoment" in text


def test_a_contact_moment_a_professional_rating_and_a_reflection_are_recorded_and_valid(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    client, launch, patient = launched(app, fhir_base)
    _, page, _ = get(client, launch, "working-relationship")
    contact = {"patient": patient, "contact_on": "2026-11-30", "contact_kind": "phone"}
    assert post(client, launch, "working-relationship/contact", page, contact).status_code == 303
    rating = {"patient": patient, "rater": "professional", "presence": "4", "overall_grade": "7"}
    assert post(client, launch, "working-relationship", page, rating).status_code == 303
    reflection = {
        "patient": patient,
        "reflection_from": "2026-07-01",
        "reflection_to": "2026-11-30",
        "reflection": "Weer op gang na de zomer.",
    }
    assert post(client, launch, "working-relationship/reflection", page, reflection).status_code == 303

    encounters = [
        e for e in search(fhir_base, "Encounter", subject=f"Patient/{patient}") if e["period"]["start"] == "2026-11-30"
    ]
    assert [e["type"][0]["coding"][0]["code"] for e in encounters] == ["phone"]
    assert encounters[0]["participant"][0]["individual"]["reference"] == SANNE
    ratings = [r for r in observations(fhir_base, patient, "relationship-rating") if r["effectiveDateTime"] > "2026-10"]
    assert [r["performer"][0]["reference"] for r in ratings] == [SANNE]
    reflections = observations(fhir_base, patient, "relationship-reflection")
    assert len(reflections) == 2 and any(r["valueString"] == "Weer op gang na de zomer." for r in reflections)
    assert_valid(validator, [*encounters, *ratings, *reflections])
    _, page, _ = get(client, launch, "working-relationship", "nl")
    assert "Weer op gang na de zomer." in page


def test_a_reflection_without_its_words_shows_the_error_summary_and_keeps_the_input(app: Flask, fhir_base: str) -> None:
    client, launch, patient = launched(app, fhir_base)
    _, page, _ = get(client, launch, "working-relationship")
    data = {"patient": patient, "reflection_from": "2026-07-01", "reflection_to": "2026-06-01", "reflection": ""}
    response = post(client, launch, "working-relationship/reflection", page, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'class="error-summary"' in html
    assert 'href="#reflection"' in html and 'href="#reflection_to"' in html
    assert 'value="2026-07-01"' in html and 'id="reflection-error"' in html
    assert len(observations(fhir_base, patient, "relationship-reflection")) == 1  # the example's only


def test_a_professional_rating_needs_to_know_who_the_professional_is(app: Flask, fhir_base: str) -> None:
    client, launch, patient = launched(app, fhir_base, fhir_user=None)
    _, page, _ = get(client, launch, "working-relationship")
    data = {"patient": patient, "rater": "professional", "overall_grade": "7"}
    response = post(client, launch, "working-relationship", page, data)
    assert response.status_code == 422 and "when the app knows who you are" in response.get_data(as_text=True)


def test_a_launch_that_may_not_read_encounters_says_so_and_flags_no_gap(app: Flask, fhir_base: str) -> None:
    client, launch, _ = launched(app, fhir_base, scope=NO_ENCOUNTER_SCOPE)
    status, page, _ = get(client, launch, "working-relationship")
    assert status == 200 and "may not read the client's contacts" in page
    assert "days without contact" not in page and "Reflection (professional only)" in page


def test_only_a_practitioner_signs_a_professional_rating() -> None:
    assert professional("Practitioner/p1") == "Practitioner/p1"
    assert professional("https://ehr.example/fhir/PractitionerRole/r") == "https://ehr.example/fhir/PractitionerRole/r"
    assert professional("Patient/p") is None and professional(None) is None


def test_the_timeline_puts_everything_on_one_axis_oldest_first() -> None:
    def day(text: str) -> FhirDateTime:
        return FhirDateTime(text)

    contacts = [
        ContactMoment(patient="Patient/p", start=day("2026-01-05"), kind=ContactKind.PHONE),
        ContactMoment(patient="Patient/p", start=day("2026-04-01"), label="Huisbezoek"),
    ]
    ratings = [
        RelationshipRating(patient="Patient/p", date=day("2026-01-05"), performers=("Patient/p",), overall_grade=6),
        RelationshipRating(patient="Patient/p", date=day("2026-01-06"), performers=(SANNE,), overall_grade=7),
    ]
    reflections = [
        RelationshipReflection(
            patient="Patient/p", period=Period(start=day("2026-01-01"), end=day("2026-03-31")), words="Traag"
        )
    ]
    today = datetime.date(2026, 4, 10)
    gaps = contact_gaps(contacts, today)
    made = timeline(contacts, gaps, ratings, reflections, today, {k: k.value for k in ContactKind}, {SANNE: "Sanne"})
    assert [e.kind for e in made.events] == [
        "reflection",
        "contact",
        "client-rating",
        "gap",
        "professional-rating",
        "contact",
    ]
    assert made.start == datetime.date(2026, 1, 1) and made.end == today
    assert len(made.client) == len(made.professional) == 1 and made.professional[0].label == "7"
    assert made.gaps[0].x < made.contacts[1].x and made.client[0].y > made.professional[0].y
    assert made.events[-2].by == "Sanne" and [t.label for t in made.ticks] == [
        "01-2026",
        "02-2026",
        "03-2026",
        "04-2026",
    ]
