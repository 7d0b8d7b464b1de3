"""Dates as clinicians read them: the ``day`` filter in Dutch and English, partial FHIR dates, times in the app's
time zone."""

from __future__ import annotations

import datetime

import pytest
from flask import Flask, render_template_string

from smart_app import create_app
from smart_app.config import AppSettings
from smart_app.workspace.dates import long_date
from srh_fhir.model import FhirDate, FhirDateTime

CASES = [
    (datetime.date(2026, 12, 6), "6 december 2026", "6 December 2026"),
    (FhirDate("2026-12-06"), "6 december 2026", "6 December 2026"),
    ("2026-03-01", "1 maart 2026", "1 March 2026"),
    (FhirDate("2026-12"), "december 2026", "December 2026"),
    (FhirDate("2026"), "2026", "2026"),
    (FhirDateTime("2026-12-06T13:05:00Z"), "6 december 2026 14:05", "6 December 2026 14:05"),  # CET, UTC+1
    (FhirDateTime("2026-07-01T12:30:00+02:00"), "1 juli 2026 12:30", "1 July 2026 12:30"),  # CEST
    (FhirDateTime("2026-12-06T23:30:00-05:00"), "7 december 2026 05:30", "7 December 2026 05:30"),  # next day here
    (datetime.datetime(2026, 12, 6, 13, 5, tzinfo=datetime.UTC), "6 december 2026 14:05", "6 December 2026 14:05"),
]


@pytest.mark.parametrize(("value", "dutch", "english"), CASES)
def test_a_date_in_the_long_form_of_each_language(value: object, dutch: str, english: str) -> None:
    assert long_date(value, "nl") == dutch  # type: ignore[arg-type]
    assert long_date(value, "en") == english  # type: ignore[arg-type]


def test_nothing_is_shown_for_no_date() -> None:
    assert long_date(None, "nl") == "" and long_date("", "en") == ""


def test_a_moment_without_time_zone_is_refused() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        long_date(datetime.datetime(2026, 12, 6, 14, 5), "nl")


@pytest.mark.parametrize(("query", "expected"), [("", "6 december 2026 14:05"), ("?lang=en", "6 December 2026 14:05")])
def test_the_day_filter_writes_the_page_language(app: Flask, query: str, expected: str) -> None:
    with app.test_request_context(f"/{query}"):
        shown = render_template_string("{{ moment|day }}", moment=FhirDateTime("2026-12-06T13:05:00Z"))
    assert shown == expected


def test_the_time_zone_is_a_setting(app_settings: AppSettings) -> None:
    app = create_app({"SRH_SETTINGS": app_settings, "TESTING": True, "BABEL_DEFAULT_TIMEZONE": "UTC"})
    with app.test_request_context("/"):
        assert render_template_string("{{ moment|day }}", moment="2026-12-06T13:05:00Z") == "6 december 2026 13:05"
