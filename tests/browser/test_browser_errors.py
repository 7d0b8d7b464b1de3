"""What the user sees when a launch goes wrong: each simulated EHR error, forged or replayed callbacks, an issuer
that is not allowed, and an id_token that does not check out."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import urlencode

import pytest
from browser_stack import INGRID, Stack, app_answer, app_frame, go, launch, member_names, open_ehr
from flask import Flask
from playwright.sync_api import Page
from servers import HitCounter, ServedApp, free_port


def reason_of(frame: Any) -> str | None:
    problem = frame.locator(".problem")
    return problem.get_attribute("data-reason") if problem.count() else None


@pytest.mark.parametrize(
    ("error", "title"),
    [("unknown-client", "Unknown app"), ("wrong-redirect-uri", "Wrong redirect URI")],
)
def test_errors_the_ehr_shows_itself_never_reach_the_app(
    page: Page, stack: Stack, app: Flask, error: str, title: str
) -> None:
    tokens_before = len(stack.token_log.grants)
    open_ehr(page, stack, patient=INGRID, error=error)
    frame = app_frame(page)
    assert frame.locator("h1").inner_text() == title  # the authorization server's own page: no redirect to the app
    assert frame.locator(".app-header").count() == 0
    assert len(stack.token_log.grants) == tokens_before


@pytest.mark.parametrize(
    ("error", "reason", "heading"),
    [
        ("scope-denied", "authorization_denied", "Er is geen toegang gegeven"),
        ("no-patient", "no_patient", "Er is geen cliënt gekozen"),
    ],
)
def test_errors_the_app_explains(page: Page, stack: Stack, app: Flask, error: str, reason: str, heading: str) -> None:
    frame = launch(page, stack, error=error)
    assert reason_of(frame) == reason
    assert frame.locator("main h1").inner_text() == heading
    assert frame.locator(".relaunch").inner_text() == "Start opnieuw vanuit uw EPD."


def test_partial_scopes_make_the_app_read_only(page: Page, stack: Stack, app: Flask) -> None:
    frame = launch(page, stack, error="partial-scopes")
    assert frame.locator(".read-only").inner_text().startswith("Alleen lezen")
    assert frame.locator("main h1").inner_text() == "Ingrid de Vries"
    assert frame.locator("form:not(.sign-out)").count() == 0  # only "Afmelden"
    network = go(page, "network")
    assert member_names(network).filter(has_text="Anja").count() == 1
    assert network.locator("form:not(.sign-out)").count() == 0


def test_an_expired_access_token_is_refreshed_once(page: Page, stack: Stack, app: Flask) -> None:
    refreshes = stack.token_log.refreshes()
    frame = launch(page, stack, error="expired-access-token")
    assert frame.locator("main h1").inner_text() == "Ingrid de Vries"
    assert stack.token_log.refreshes() == refreshes + 1


def test_an_expired_refresh_token_asks_to_launch_again(page: Page, stack: Stack, app: Flask) -> None:
    frame = launch(page, stack, error="expired-refresh-token")
    assert reason_of(frame) == "relaunch"
    assert frame.locator("main h1").inner_text() == "Uw sessie met het EPD is verlopen"


def test_a_replayed_callback_gets_400_and_no_token_request(page: Page, stack: Stack, app: Flask) -> None:
    callbacks: list[str] = []
    page.on("request", lambda r: callbacks.append(r.url) if r.url.startswith(f"{stack.app_url}/callback") else None)
    launch(page, stack)
    grants = len(stack.token_log.grants)
    (callback,) = callbacks
    frame = app_frame(page)
    page.frame(name="app").goto(callback)  # type: ignore[union-attr]
    assert reason_of(frame) == "state_invalid"
    assert len(stack.token_log.grants) == grants


def test_a_forged_state_gets_400_and_no_token_request(page: Page, stack: Stack, app: Flask) -> None:
    launch(page, stack)
    grants = len(stack.token_log.grants)
    response = page.frame(name="app").goto(f"{stack.app_url}/callback?code=stolen&state=forged")  # type: ignore[union-attr]
    assert response is not None and response.status == 400
    assert reason_of(app_frame(page)) == "state_invalid"
    assert len(stack.token_log.grants) == grants


def test_an_issuer_not_allowed_gets_an_error_page_and_no_request(page: Page, stack: Stack, app: Flask) -> None:
    counter = HitCounter()
    port = free_port()
    with ServedApp(counter, "127.0.0.1", port):
        query = urlencode({"iss": f"http://127.0.0.1:{port}/fhir", "launch": "abc"})
        response = page.goto(f"{stack.app_url}/launch?{query}")
        assert response is not None and response.status == 400
        assert page.locator(".problem").get_attribute("data-reason") == "issuer_not_allowed"
    assert counter.hits == 0


def _tamper(token: dict[str, Any]) -> dict[str, Any]:
    header, payload, signature = token["id_token"].split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["fhirUser"] = "Practitioner/someone-else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return {**token, "id_token": f"{header}.{forged}.{signature}"}


@pytest.mark.parametrize("case", ["tampered", "wrong aud"])
def test_an_id_token_that_does_not_check_out_stops_the_launch(
    page: Page, stack: Stack, app: Flask, case: str
) -> None:
    def wrong_aud(token: dict[str, Any]) -> dict[str, Any]:
        payload = token["id_token"].split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return {**token, "id_token": stack.sandbox.signing_key.sign({**claims, "aud": "another-app"})}

    stack.token_log.rewrite = _tamper if case == "tampered" else wrong_aud
    open_ehr(page, stack, patient=INGRID)
    frame = app_answer(page)
    assert reason_of(frame) == "id_token_invalid"
    assert frame.locator(".overview").count() == 0
