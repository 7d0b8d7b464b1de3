"""The outcomes page against a real HAPI FHIR server: each instrument's trend beside the network's size and the basic
needs met; recording a score (valid against its profile), a score outside the instrument's range or a missing field
shown again with the error summary and the input kept. Also the pure view model."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import get, open_launch, post, put_example_client, search, visible_text
from launch_support import app_with, make_settings

from smart_app.config import AppSettings
from smart_app.records import Launch
from smart_app.workspace.outcomes import outcomes_view
from srh_fhir.model import FhirDateTime, OutcomeScore
from srh_fhir.outcomes import NetworkPoint
from srh_fhir.terminology import Instrument
from srh_fhir.validation import Validator, has_errors

SANNE = "Practitioner/practitioner-sanne-bakker"


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


def launched(app: Flask, fhir_base: str) -> tuple[FlaskClient, Launch, str]:
    patient = put_example_client(fhir_base)
    client = app.test_client()
    return client, open_launch(app, client, fhir_base, patient, fhir_user=SANNE), patient


def scores(fhir_base: str, patient: str) -> list[dict[str, Any]]:
    return search(fhir_base, "Observation", subject=f"Patient/{patient}", code=f"{Instrument.system}|")


def test_the_trend_beside_the_network_and_the_needs_met(app: Flask, fhir_base: str) -> None:
    client, launch, _ = launched(app, fhir_base)
    status, page, _ = get(client, launch, "outcomes", "nl")
    assert status == 200
    text = " ".join(visible_text(page).split())
    assert "Eenzaamheidsschaal De Jong Gierveld (6 items)" in text
    assert "Beter dan de eerste score (5, nu 3)." in text  # less lonely: better
    assert "Mensen in het netwerk" in text and "Basisbehoeften vervuld" in text
    assert 'class="line-djg-6"' in page and 'class="line-size"' in page and 'class="line-needs"' in page
    assert ">Uitkomsten</a>" in page  # in the navigation


def test_a_score_is_recorded_and_valid(app: Flask, fhir_base: str, validator: Validator) -> None:
    client, launch, patient = launched(app, fhir_base)
    _, page, _ = get(client, launch, "outcomes")
    data = {"patient": patient, "instrument": "ucla-3", "score": "6", "measured_on": "2026-11-30"}
    assert post(client, launch, "outcomes", page, data).status_code == 303
    (saved,) = [s for s in scores(fhir_base, patient) if s["code"]["coding"][0]["code"] == "ucla-3"]
    assert saved["valueInteger"] == 6 and saved["effectiveDateTime"] == "2026-11-30"
    assert saved["performer"] == [{"reference": SANNE}]
    assert not has_errors(validator.validate(saved))
    _, page, _ = get(client, launch, "outcomes")
    assert 'class="line-ucla-3"' not in page and "One score so far." in page  # one point draws no line


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"score": ""}, "score", "Enter the total score as a whole number."),
        ({"score": "12"}, "score", "total score lies between 0 and 6"),
        ({"instrument": ""}, "instrument", "Choose the instrument."),
    ],
)
def test_a_score_with_a_field_missing_or_out_of_range_is_shown_again(
    app: Flask, fhir_base: str, changes: dict[str, str], field: str, message: str
) -> None:
    client, launch, patient = launched(app, fhir_base)
    _, page, _ = get(client, launch, "outcomes")
    data = {"patient": patient, "instrument": "djg-6", "score": "4", "measured_on": "2026-11-30", **changes}
    response = post(client, launch, "outcomes", page, data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'class="error-summary"' in html and message in html
    assert f'id="{field}-error"' in html and 'value="2026-11-30"' in html  # beside the field; the input kept
    assert len(scores(fhir_base, patient)) == 2  # the examples only


def test_the_view_puts_every_series_on_one_time_axis() -> None:
    def score(day: str, value: int) -> OutcomeScore:
        return OutcomeScore(patient="Patient/p", instrument=Instrument.WHO_5, score=value, date=FhirDateTime(day))

    series = {Instrument.WHO_5: (score("2026-01-01", 10), score("2026-07-01", 8))}
    network = [NetworkPoint(date(2026, 1, 1), 4, None), NetworkPoint(date(2026, 7, 1), 6, 2)]
    view = outcomes_view(series, network, {Instrument.WHO_5: "WHO-5"}, "size", "needs")
    (trend,) = view.trends
    assert trend.change == -2 and trend.better is False  # well-being went down
    assert [p.x for p in trend.line.points] == [p.x for p in view.size.points]
    assert len(view.needs.points) == 1 and view.rows[1].scores == (8,) and view.rows[0].needs_met is None
    assert [label for _, label in view.ticks] == ["01-2026", "04-2026", "07-2026"]


def test_a_team_that_records_only_who_5_is_offered_only_who_5_and_still_sees_every_trend(
    tmp_path: Path, fhir_base: str
) -> None:
    app = app_with(make_settings(tmp_path, allowed_issuers=(fhir_base,), instruments=(Instrument.WHO_5,)))
    client, launch, patient = launched(app, fhir_base)
    _, page, _ = get(client, launch, "outcomes", "nl")

    offered = re.findall(r'<input[^>]*name="instrument"[^>]*>', page)
    assert re.findall(r'value="([^"]+)"', " ".join(offered)) == ["who-5"]
    assert "checked" in offered[0]  # the only one, chosen already
    assert 'class="line-djg-6"' in page  # the scores recorded with another instrument still show
    refused = post(client, launch, "outcomes", page,
                   {"patient": patient, "instrument": "djg-6", "score": "4", "measured_on": "2026-11-30"})
    assert refused.status_code == 422 and 'id="instrument-error"' in refused.get_data(as_text=True)
    assert len(scores(fhir_base, patient)) == 2  # the examples only
