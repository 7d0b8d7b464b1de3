"""The working relationship page in a real browser, inside the sandbox EHR's cross-site iframe at 1280x800, in Dutch,
for a client with a network of 25+ members: the gap in contact is flagged; a contact moment, the professional's own
rating and a reflection are recorded (the reflection first without its words: the error summary at the top and the
message beside the field, the dates kept); both ratings show in the trend. axe-core finds no violations on the page
or its error state."""

from __future__ import annotations

from browser_stack import Stack, app_frame, frame_of, fresh_client, go, launch
from flask import Flask
from playwright.sync_api import FrameLocator, Page
from synthetic_clients import put_transaction, synthetic_client
from workspace_support import CspWatch, axe_violations, save_axe_report, screenshot

from srh_fhir.client import FHIRClient

EXTRA_MEMBERS = 20  # beside Ingrid's own seven: a network of 27


def submit(page: Page, form: str) -> FrameLocator:
    """Post one of the page's forms; the app frame with the answer."""
    with frame_of(page).expect_navigation(wait_until="load"):
        app_frame(page).locator(f"form.{form} button[type=submit]").click()
    return app_frame(page)


def test_contacts_ratings_and_a_reflection_on_the_working_relationship(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    csp = CspWatch(page)
    patient = fresh_client(stack)
    with FHIRClient(stack.fhir_base) as fhir:
        fhir.transaction(put_transaction(synthetic_client(patient, EXTRA_MEMBERS)[1:]))  # more members, same Patient
    launch(page, stack, patient=patient)
    frame = go(page, "network")
    assert frame.locator("table.members-table tbody tr").count() >= 25
    frame = go(page, "working-relationship")
    assert frame.locator("main h1").inner_text() == "Werkrelatie"
    events = frame.locator("table.relationship-events")
    assert "125 dagen zonder contact, tot 14 september 2026" in events.inner_text()  # May to the network meeting
    assert frame.locator("svg rect.gap").count() >= 1 and frame.locator("svg polyline.client-line").count() == 1
    violations = axe_violations(frame_of(page))
    save_axe_report("21-relationship", violations)
    assert violations == []

    frame.locator("input[name=contact_kind][value=phone]").check()
    frame = submit(page, "contact-form")
    assert "Het contactmoment is opgeslagen." in frame.locator("main").inner_text()
    assert frame.locator("p.gap-flag strong").count() == 0  # a contact today closes the open gap

    frame.locator("input[name=rater][value=professional]").check()
    frame.locator("select#overall_grade").select_option("7")
    frame = submit(page, "rating-form")
    assert frame.locator("table.relationship-events tr.event-professional-rating").count() == 2
    assert frame.locator("svg polyline.professional-line").count() == 1  # beside the client's line

    frame.locator("#reflection_from").fill("2026-09-01")
    frame.locator("#reflection_to").fill("2026-11-30")
    frame = submit(page, "reflection-form")
    summary = frame.locator("#error-summary")
    assert "Schrijf je reflectie." in summary.inner_text()
    assert "Schrijf je reflectie." in frame.locator("#reflection-error").inner_text()  # beside the field
    assert frame.locator("#reflection_from").input_value() == "2026-09-01"  # what was typed is kept
    violations = axe_violations(frame_of(page))
    save_axe_report("21-relationship-error", violations)
    assert violations == []

    frame.locator("#reflection").fill("Na de zomer weer regelmatig contact; Ingrid neemt zelf het initiatief.")
    frame = submit(page, "reflection-form")
    reflections = frame.locator("table.relationship-events tr.event-reflection")
    assert reflections.count() == 2 and "Ingrid neemt zelf het initiatief" in reflections.last.inner_text()
    violations = axe_violations(frame_of(page))
    save_axe_report("21-relationship-saved", violations)
    assert violations == [] and not csp.refusals
    screenshot(page, "21-relationship")
