"""The Verstaan page against a real HAPI FHIR server: the four kinds with the client's words as quotes, who wrote
them down and when; adding an entry (valid against the profile), the input kept when a field is missing, and an
entry marked as no longer current after a confirmation, staying in the history. Also its pure view model."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import get, hidden_value, open_launch, post, put_example_client, search, visible_text
from launch_support import make_settings

from smart_app.config import AppSettings
from smart_app.records import Launch
from smart_app.workspace.understanding import UnderstandingInput, new_entry, no_longer_current, sections
from srh_fhir.client_repository import UnderstandingRecord
from srh_fhir.model import FhirDate, FhirDateTime, PatientDetails
from srh_fhir.terminology import ObservationStatus, UnderstandingKind
from srh_fhir.validation import Validator, has_errors

SANNE = "Practitioner/practitioner-sanne-bakker"


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def launched(app: Flask, fhir_base: str, **changes: Any) -> tuple[FlaskClient, Launch, str]:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    return client, open_launch(app, client, fhir_base, patient, **changes), patient


def entries(fhir_base: str, patient: str) -> list[dict[str, Any]]:
    return [
        o
        for o in search(fhir_base, "Observation", subject=f"Patient/{patient}")
        if any(c.get("code") == "understanding" for cat in o.get("category", []) for c in cat.get("coding", []))
    ]


def test_the_page_shows_the_four_kinds_with_quotes_names_and_dutch_dates(app: Flask, fhir_base: str) -> None:
    client, launch, _ = launched(app, fhir_base)
    status, page, trips = get(client, launch, "understanding", "nl")
    assert status == 200 and trips == 1
    text = " ".join(visible_text(page).split())
    titles = re.findall(r'<h2 id="kind-[a-z-]+">([^<]+)</h2>', page)
    assert titles == ["Wat belangrijk is", "Kracht", "Wat in de weg staat", "Levensgebeurtenis"]
    assert "“Dat ik mijn zus weer zie. Zij kent me van vroeger.”" in text  # the client's own words, quoted
    assert "In de woorden van de professional" in text
    assert "vastgelegd door Sanne Bakker op 2 maart 2026" in text
    assert "Niet meer actueel sinds 14 september 2026" in text  # kept in the history
    assert 'href="/l/' in page and ">Verstaan</a>" in page  # in the navigation


def test_an_entry_is_added_and_shown_newest_first(app: Flask, fhir_base: str, validator: Validator) -> None:
    client, launch, patient = launched(app, fhir_base, fhir_user=SANNE)
    _, page, _ = get(client, launch, "understanding")
    form = {"patient": patient, "kind": "strength", "words": "Ik kan goed koken.", "whose": "client"}
    response = post(client, launch, "understanding", page, {**form, "said_on": "2026-11-30"})
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    (saved,) = [o for o in entries(fhir_base, patient) if o["valueString"] == "Ik kan goed koken."]
    assert not has_errors(validator.validate(saved))
    assert saved["performer"] == [{"reference": SANNE}] and saved["effectiveDateTime"] == "2026-11-30"
    _, page, _ = get(client, launch, "understanding")
    strengths = page.split('id="kind-strength"')[1].split("</section>")[0]
    assert strengths.index("Ik kan goed koken.") < strengths.index("Als ik zing")  # newest first
    assert "The entry was saved." in page


def test_a_missing_field_keeps_what_was_typed(app: Flask, fhir_base: str) -> None:
    client, launch, patient = launched(app, fhir_base)
    _, page, _ = get(client, launch, "understanding")
    form = {"patient": patient, "kind": "barrier", "words": "", "whose": "professional", "said_on": "2026-11-30"}
    response = post(client, launch, "understanding", page, form)
    assert response.status_code == 422
    again = response.get_data(as_text=True)
    assert 'role="alert"' in again and 'href="#words"' in again and "Write down what was said." in again
    checked = [re.search(r'value="([^"]+)"', i).group(1) for i in re.findall(r"<input[^>]*checked[^>]*>", again)]  # type: ignore[union-attr]
    assert checked == ["barrier", "professional"], re.findall(r'<input[^>]*type="radio"[^>]*>', again)
    assert 'value="2026-11-30"' in again
    assert len(entries(fhir_base, patient)) == 8  # nothing saved


def test_an_entry_is_marked_no_longer_current_after_confirmation_and_stays(
    app: Flask, fhir_base: str, validator: Validator
) -> None:
    client, launch, patient = launched(app, fhir_base)
    entry_id = f"ingrid-understanding-barrier-shame-{patient.rsplit('-', 1)[1]}"
    _, page, _ = get(client, launch, "understanding")
    path = f"understanding/{entry_id}/no-longer-current"
    form = {"patient": patient, "version": "1"}
    asked = post(client, launch, path, page, form)
    confirm = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Mark this entry as no longer current?" in confirm
    assert hidden_value(confirm, "confirmed") == "yes"
    response = post(client, launch, path, confirm, {**form, "confirmed": "yes"})
    assert response.status_code == 303
    (stored,) = [o for o in entries(fhir_base, patient) if o["id"] == entry_id]
    assert stored["meta"]["versionId"] == "2" and stored["valueString"].startswith("Ik schaam me")
    assert not has_errors(validator.validate(stored))
    _, page, _ = get(client, launch, "understanding")
    barriers = visible_text(page.split('id="kind-barrier"')[1].split("</section>")[0])
    assert "Ik schaam me" in barriers and "No longer current since" in barriers
    stale = post(client, launch, path, page, {**form, "confirmed": "yes"})
    assert stale.status_code == 409  # the version seen is no longer the version stored


def test_the_view_model_orders_kinds_and_leaves_out_entries_in_error() -> None:
    moment = FhirDateTime("2026-11-30T10:00:00Z")
    said = UnderstandingInput(UnderstandingKind.BARRIER, " Geen fiets ", False, datetime.date(2026, 11, 29))
    first = new_entry("Patient/p", said, moment, None)
    assert (first.words, first.own_words, first.recorded_by, str(first.date)) == ("Geen fiets", False, (), "2026-11-29")
    kept = replace(first, id="a")
    wrong = replace(first, id="b", status=ObservationStatus.ENTERED_IN_ERROR)
    ended = no_longer_current(replace(first, id="c"), datetime.date(2026, 12, 1))
    record = UnderstandingRecord(PatientDetails(id="p"), (kept, wrong, ended), {}, {"Observation/a": "3"})
    shown = sections(record, "en")
    assert [s.title for s in shown] == ["What matters", "Strength", "What stands in the way", "Life event"]
    assert [(e.id, e.version, e.no_longer_current) for e in shown[2].entries] == [
        ("a", "3", None),
        ("c", "", FhirDate("2026-12-01")),
    ]
