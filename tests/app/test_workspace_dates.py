"""Every workspace page, in Dutch and English, writes its dates out ("6 december 2026"): no ISO date in the text a
clinician sees (attributes such as ``<input type=date value=...>`` keep ISO)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from hapi_workspace_support import every_page, open_launch, visible_text
from launch_support import make_settings

from smart_app.config import AppSettings

ISO_DATE = re.compile(r"\b\d{4}-\d\d(-\d\d)?\b")
MONTHS = {
    "nl": "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december",
    "en": "January|February|March|April|May|June|July|August|September|October|November|December",
}


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    """The app takes launches from the HAPI server."""
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_shows_an_iso_date(app: Flask, fhir_base: str, ingrid: str, language: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, ingrid)
    long_dates = re.compile(rf"\b\d{{1,2}} ({MONTHS[language]}) \d{{4}}\b")
    for page, html in every_page(client, launch, language):
        text = visible_text(html)
        assert [m.group() for m in ISO_DATE.finditer(text)] == [], page
        if page in ("network", "network/changes", "print"):
            assert long_dates.search(text), page  # "Situation on 6 December 2026"
