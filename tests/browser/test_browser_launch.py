"""EHR and standalone launches of the app in a real browser, inside the sandbox EHR's cross-site iframe."""

from __future__ import annotations

import pytest
from browser_stack import (
    INGRID,
    Stack,
    allow,
    app_frame,
    frame_of,
    go,
    launch,
    member_names,
    open_ehr,
    signing_keys,
    start_app,
)
from flask import Flask
from playwright.sync_api import Page


def test_ehr_launch_inside_a_cross_site_iframe(page: Page, stack: Stack, app: Flask) -> None:
    frame = launch(page, stack)
    assert frame.locator("main h1").inner_text() == "Ingrid de Vries"  # the overview, in Dutch by default
    assert frame.locator("nav.workspace-nav a[aria-current=page]").inner_text() == "Overzicht"
    assert frame.locator(".patient-banner").count() == 0  # the EHR shows its own banner
    assert member_names(go(page, "network")).filter(has_text="Anja").count() == 1
    url = frame_of(page).url
    assert url.startswith(f"{stack.app_url}/l/") and "code=" not in url
    cookies = [c for c in page.context.cookies() if c["name"] == "__Host-srh_session"]
    assert len(cookies) == 1
    cookie = cookies[0]
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "None"
    assert cookie["partitionKey"] == "http://localhost"  # CHIPS: kept per top-level site, so it survives the iframe


def test_standalone_launch_picks_the_patient_at_the_authorization_server(
    page: Page, stack: Stack, app: Flask
) -> None:
    open_ehr(page, stack, launch_type="standalone", patient=INGRID)
    allow(page, patient="mohamed-el-amrani")
    frame = app_frame(page)
    frame.locator("main h1").first.wait_for()
    assert "Mohamed" in frame.locator(".patient-banner").inner_text()  # standalone: the app shows the banner
    assert "Mohamed" in frame.locator("main h1").inner_text()  # the overview
    assert member_names(go(page, "network")).filter(has_text="Fatima").count() >= 1


@pytest.mark.parametrize(
    ("client_type", "key_types"),
    [
        ("public", ()),
        ("confidential-symmetric", ()),
        ("confidential-asymmetric", ("RSA",)),
        ("confidential-asymmetric", ("EC",)),
    ],
)
def test_each_client_type_launches(page: Page, stack: Stack, client_type: str, key_types: tuple[str, ...]) -> None:
    changes = {"signing_keys": tuple(k for k in signing_keys() if k.key.key_type in key_types)} if key_types else {}
    app = start_app(stack, client_type, **changes)
    client_id = app.extensions["srh_settings"].client_id
    frame = launch(page, stack, client_id=client_id)
    assert frame.locator("main h1").inner_text() == "Ingrid de Vries"
    assert member_names(go(page, "network")).filter(has_text="Anja").count() == 1
    assert stack.token_log.grants[-1] == "authorization_code"
    if key_types:
        assert stack.token_log.assertion_algorithms[-1] == ("RS384" if key_types == ("RSA",) else "ES384")
