"""Every workspace page, in Dutch and English, names people: no raw reference (``Practitioner/...``) in the text a
clinician sees; the professionals' names come with the picture in its one round trip; the banner names the client
and the signed-in user, not their ids."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from flask import Flask
from hapi_workspace_support import every_page, get, open_launch, visible_text
from launch_support import make_settings
from synthetic_clients import example_client, example_professionals, put_transaction

from smart_app.config import AppSettings
from srh_fhir.client import FHIRClient

REFERENCE = re.compile(r"\b(Practitioner|PractitionerRole|Patient|RelatedPerson|Organization|CareTeam)/[A-Za-z0-9\-.]+")


@pytest.fixture
def app_settings(tmp_path: Path, fhir_base: str) -> AppSettings:
    """The app takes launches from the HAPI server."""
    return make_settings(tmp_path, allowed_issuers=(fhir_base,))


@pytest.fixture(scope="module")
def client_with_professionals(fhir_base: str) -> str:
    """Ingrid under fresh ids, stored after the professionals she points at."""
    suffix = uuid.uuid4().hex[:8]
    with FHIRClient(fhir_base) as fhir:
        fhir.transaction(put_transaction(example_professionals()))
        fhir.transaction(put_transaction(example_client(suffix)))
    return f"ingrid-de-vries-{suffix}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_shows_a_reference(app: Flask, fhir_base: str, client_with_professionals: str, language: str) -> None:
    client = app.test_client()
    launch = open_launch(app, client, fhir_base, client_with_professionals, need_patient_banner=True, fhir_user=None)
    for page, html in every_page(client, launch, language):
        text = visible_text(html)
        assert [m.group() for m in REFERENCE.finditer(text)] == [], page
        assert client_with_professionals not in text, page  # the patient's id stays out of sight


def test_the_professionals_are_named_in_one_round_trip(
    app: Flask, fhir_base: str, client_with_professionals: str
) -> None:
    client = app.test_client()
    launch = open_launch(
        app,
        client,
        fhir_base,
        client_with_professionals,
        need_patient_banner=True,
        fhir_user=f"{fhir_base}/Practitioner/practitioner-sanne-bakker",
        user_name=None,
    )
    status, html, trips = get(client, launch, "social-system", "nl")
    assert status == 200 and trips == 1
    text = " ".join(visible_text(html).split())
    assert "Jeroen Willems" in text  # a professional of the social system, named by the server
    assert "Ingrid de Vries" in text and "Ingelogd als Sanne Bakker" in text  # the banner
    status, html, trips = get(client, launch, "", "nl")
    assert status == 200 and trips == 1


def test_without_a_practitioner_scope_the_picture_says_unknown(
    app: Flask, fhir_base: str, client_with_professionals: str
) -> None:
    client = app.test_client()
    scope = "launch openid fhirUser patient/Patient.rs patient/RelatedPerson.cruds patient/CareTeam.crus"
    launch = open_launch(app, client, fhir_base, client_with_professionals, scope=scope, fhir_user=None)
    status, html, trips = get(client, launch, "social-system", "nl")
    assert status == 200 and trips == 1
    text = " ".join(visible_text(html).split())
    assert "onbekende zorgverlener" in text and "Jeroen Willems" not in text
