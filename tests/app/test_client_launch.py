"""A patient's launch from a portal opens the client's own view, a professional's the workspace: the id_token's
fhirUser decides, checked against the launch's patient and the granted scopes; what does not fit gets a clear page.
A client's launch never reaches a workspace page, a clinician's launch never the client view nor its writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from app_fake_ehr import ISSUER, FakeEhr
from flask import Flask
from flask.testing import FlaskClient
from hapi_workspace_support import open_launch
from launch_support import make_app, query

from smart_app.scopes import requested_scopes

CLIENT_SCOPE = requested_scopes(v2=True, ehr_launch=True, access="online", client=True)
INGRID = "ingrid-de-vries"


def portal_launch(client: FlaskClient, ehr: FakeEhr, launch: str | None = "portal-1", **claims: Any) -> Any:
    """A launch at the portal's launch URL, the user approving; the callback's answer."""
    params = {"iss": ISSUER} | ({"launch": launch} if launch is not None else {})
    started = client.get("/portal/launch", query_string=params)
    assert started.status_code == 302
    ehr.id_token_claims = {"fhirUser": f"Patient/{INGRID}", "name": "Ingrid de Vries", **claims}
    return client.get("/callback", query_string=ehr.authorize(started.headers["Location"]))


def test_the_portal_launch_asks_the_client_views_scopes(client: FlaskClient, ehr: FakeEhr) -> None:
    ehr_launch = query(client.get("/portal/launch", query_string={"iss": ISSUER, "launch": "x"}).headers["Location"])
    assert ehr_launch["scope"] == CLIENT_SCOPE and ehr_launch["launch"] == "x"
    standalone = query(client.get("/portal/launch", query_string={"iss": ISSUER}).headers["Location"])
    assert "launch/patient" in standalone["scope"].split() and "patient/RelatedPerson.cruds" not in standalone["scope"]


@pytest.mark.parametrize("launch", ["portal-1", None])
def test_a_patient_who_is_the_launch_patient_lands_in_the_client_view(
    client: FlaskClient, ehr: FakeEhr, launch: str | None
) -> None:
    ehr.granted_scope = CLIENT_SCOPE
    response = portal_launch(client, ehr, launch)
    assert response.status_code == 303
    assert "/c/" in response.headers["Location"] and "/l/" not in response.headers["Location"]


def test_a_professional_lands_in_the_workspace_as_before(client: FlaskClient, ehr: FakeEhr) -> None:
    started = client.get("/launch", query_string={"iss": ISSUER, "launch": "l-1"})
    response = client.get("/callback", query_string=ehr.authorize(started.headers["Location"]))
    assert response.status_code == 303 and "/l/" in response.headers["Location"]


@pytest.mark.parametrize(
    ("scope", "claims", "reason"),
    [
        (CLIENT_SCOPE, {"fhirUser": "Patient/someone-else"}, "client_other_patient"),
        (CLIENT_SCOPE, {"fhirUser": "RelatedPerson/anna"}, "user_type_unsupported"),
        (None, {}, "client_scopes_too_wide"),  # the clinician's scopes in a client's hands
        ("launch openid fhirUser patient/Patient.rs", {}, "client_scopes_missing"),
    ],
)
def test_a_patient_launch_that_does_not_fit_is_refused_with_a_page(
    client: FlaskClient, ehr: FakeEhr, scope: str | None, claims: dict[str, str], reason: str
) -> None:
    if scope:
        ehr.granted_scope = scope
    response = portal_launch(client, ehr, **claims)
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and f'data-reason="{reason}"' in page
    assert "/c/" not in page and "/l/" not in page


@pytest.mark.parametrize(
    ("fhir_user", "reason"),
    [
        ("RelatedPerson/anna", "user_type_unsupported"),
        ("Device/pump-1", "user_type_unsupported"),
        (f"{ISSUER}/RelatedPerson/anna", "user_type_unsupported"),
        ("Practitioner", "user_type_unsupported"),
        ("Organization/Practitioner/x", "user_type_unsupported"),  # a relative reference is Type/id, nothing more
        (f"Patient/{INGRID}", "client_scopes_too_wide"),  # a client given the clinician's scopes
    ],
)
def test_an_ehr_launch_by_a_user_the_workspace_is_not_for_is_refused_with_a_page(
    client: FlaskClient, ehr: FakeEhr, fhir_user: str, reason: str
) -> None:
    started = client.get("/launch", query_string={"iss": ISSUER, "launch": "l-1"})
    ehr.id_token_claims = {"fhirUser": fhir_user}
    response = client.get("/callback", query_string=ehr.authorize(started.headers["Location"]))
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and f'data-reason="{reason}"' in page
    assert "/c/" not in page and "/l/" not in page


def test_a_portal_launch_without_a_signed_in_user_is_refused(client: FlaskClient, ehr: FakeEhr) -> None:
    ehr.granted_scope = CLIENT_SCOPE.replace(" openid fhirUser", "")
    started = client.get("/portal/launch", query_string={"iss": ISSUER, "launch": "p"})
    ehr.extra_token_fields = {"id_token": None}
    response = client.get("/callback", query_string=ehr.authorize(started.headers["Location"]))
    assert response.status_code == 403 and 'data-reason="client_unknown"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path", ["", "network", "needs", "plan", "working-relationship", "print", "understanding", "network/changes"]
)
def test_a_clients_launch_reaches_no_workspace_page(app: Flask, client: FlaskClient, path: str) -> None:
    launch = open_launch(
        app, client, ISSUER, INGRID, audience="client", scope=CLIENT_SCOPE, fhir_user=f"Patient/{INGRID}"
    )
    response = client.get(f"/l/{launch.key}/{path}")
    assert response.status_code == 403 and 'data-reason="wrong_view"' in response.get_data(as_text=True)


@pytest.fixture
def without_csrf(tmp_path: Path) -> Flask:
    """The app past its CSRF check, so the launch check alone refuses what the tests post."""
    app = make_app(tmp_path)
    app.config["WTF_CSRF_ENABLED"] = False
    return app


@pytest.mark.parametrize(
    "path", ["plan/goals", "network/members/m1/consent", "network/members", "working-relationship", "plan/activities"]
)
def test_a_clients_launch_posts_nothing_to_the_workspace(without_csrf: Flask, path: str) -> None:
    client = without_csrf.test_client()
    launch = open_launch(
        without_csrf, client, ISSUER, INGRID, audience="client", scope=CLIENT_SCOPE, fhir_user=f"Patient/{INGRID}"
    )
    response = client.post(f"/l/{launch.key}/{path}", data={"patient": INGRID, "new-goal-description": "x"})
    assert response.status_code == 403 and 'data-reason="wrong_view"' in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["", "needs", "plan", "working-relationship"])
def test_a_clinicians_launch_reaches_no_page_of_the_client_view(app: Flask, client: FlaskClient, path: str) -> None:
    launch = open_launch(app, client, ISSUER, INGRID)
    response = client.get(f"/c/{launch.key}/{path}")
    assert response.status_code == 403 and 'data-reason="wrong_view"' in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["plan/goals", "people/m1/consent", "working-relationship"])
def test_a_clinicians_launch_makes_none_of_the_clients_writes(without_csrf: Flask, path: str) -> None:
    client = without_csrf.test_client()
    launch = open_launch(without_csrf, client, ISSUER, INGRID)
    response = client.post(f"/c/{launch.key}/{path}", data={"patient": INGRID, "goal-description": "x"})
    assert response.status_code == 403 and 'data-reason="wrong_view"' in response.get_data(as_text=True)
