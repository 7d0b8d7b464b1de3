"""Names, not references, as a clinician sees them: an EHR launch that asks the app for its own patient banner (in
the sandbox's cross-site iframe at 1280x800) shows the client and the signed-in professional by name, and no page
of the launch shows a FHIR reference."""

from __future__ import annotations

import re

from browser_stack import Stack, fresh_client, go, launch
from flask import Flask
from playwright.sync_api import Page
from workspace_support import screenshot

REFERENCE = re.compile(r"\b(Practitioner|PractitionerRole|Patient|RelatedPerson|Organization)/[A-Za-z0-9\-.]+")


def test_the_banner_names_the_client_and_the_signed_in_user(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    patient = fresh_client(stack)
    frame = launch(page, stack, patient=patient, need_patient_banner="1")
    banner = " ".join(frame.locator(".patient-banner").inner_text().split())
    assert "Ingrid de Vries" in banner and "8 november 1973" in banner
    assert "Ingelogd als Lotte Hendriks" in banner
    assert patient not in banner and "srh-public" not in banner
    assert "signed in as Lotte Hendriks" in page.locator(".patient-banner").first.inner_text()  # the EHR's own
    screenshot(page, "00-banner")
    for path in ("", "social-system", "plan"):
        text = go(page, path).locator("body").inner_text()
        assert REFERENCE.findall(text) == [], path
