"""The outcomes page in a real browser, inside the sandbox EHR's cross-site iframe at 1280x800, in Dutch, for a
client with a network of 25+ members: a score posted without its total comes back with the error summary at the top
and the message beside the field, the instrument and date kept; saved once the total is there, it shows in the
instrument's trend beside the network's size and the basic needs met. axe-core finds no violations."""

from __future__ import annotations

from browser_stack import Stack, app_frame, frame_of, fresh_client, go, launch
from flask import Flask
from playwright.sync_api import FrameLocator, Page
from synthetic_clients import put_transaction, synthetic_client
from workspace_support import CspWatch, axe_violations, save_axe_report, screenshot

from srh_fhir.client import FHIRClient

EXTRA_MEMBERS = 20  # beside Ingrid's own seven: a network of 27


def submit(page: Page) -> FrameLocator:
    with frame_of(page).expect_navigation(wait_until="load"):
        app_frame(page).locator("form.outcome-form button[type=submit]").click()
    return app_frame(page)


def test_an_outcome_score_beside_the_network_and_the_needs_met(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    csp = CspWatch(page)
    patient = fresh_client(stack)
    with FHIRClient(stack.fhir_base) as fhir:
        fhir.transaction(put_transaction(synthetic_client(patient, EXTRA_MEMBERS)[1:]))  # more members, same Patient
    launch(page, stack, patient=patient)
    frame = go(page, "outcomes")
    assert frame.locator("main h1").inner_text() == "Uitkomsten"
    assert frame.locator("svg polyline.line-djg-6").count() == 1
    assert frame.locator("svg polyline.line-size").count() == 1  # the network's size beside it
    assert frame.locator("svg polyline.line-needs").count() == 1  # and the basic needs met
    sizes = frame.locator("table.outcome-table tbody tr td:nth-child(2)").all_inner_texts()
    assert max(int(s) for s in sizes) >= 25
    violations = axe_violations(frame_of(page))
    save_axe_report("22-outcomes", violations)
    assert violations == []

    frame.locator("input[name=instrument][value=djg-6]").check()
    frame.locator("#measured_on").fill("2026-11-30")
    frame = submit(page)
    assert "Vul de totaalscore in als heel getal." in frame.locator("#error-summary").inner_text()
    assert "Vul de totaalscore in als heel getal." in frame.locator("#score-error").inner_text()  # beside the field
    assert frame.locator("input[name=instrument][value=djg-6]").is_checked()  # what was typed is kept
    assert frame.locator("#measured_on").input_value() == "2026-11-30"
    violations = axe_violations(frame_of(page))
    save_axe_report("22-outcomes-error", violations)
    assert violations == []

    frame.locator("#score").fill("2")
    frame = submit(page)
    assert "De score is opgeslagen." in frame.locator("main").inner_text()
    assert "Beter dan de eerste score (5, nu 2)." in frame.locator("#trend-djg-6 + p").inner_text()
    assert frame.locator("#trend-djg-6 ~ svg circle").count() == 3
    violations = axe_violations(frame_of(page))
    save_axe_report("22-outcomes-saved", violations)
    assert violations == [] and not csp.refusals
    screenshot(page, "22-outcomes")
