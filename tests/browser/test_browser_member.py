"""A member entered by mistake, in a real browser inside the sandbox EHR's iframe at 1280x800: confirmed on a page
of its own, gone from the map, and brought back with "Ongedaan maken"; axe-core finds nothing on either step."""

from __future__ import annotations

from browser_stack import Stack, app_frame, frame_of, go, launch, start_app
from playwright.sync_api import Page
from workspace_support import CspWatch, axe_violations, new_client, save_axe_report, screenshot

from srh_fhir.client import FHIRClient


def check(page: Page, csp: CspWatch, name: str) -> None:
    violations = axe_violations(frame_of(page))
    save_axe_report(name, violations)
    assert violations == [] and not csp.refusals, (name, violations, csp.refusals)
    screenshot(page, name)


def test_a_member_entered_by_mistake_is_confirmed_removed_and_brought_back(page: Page, stack: Stack) -> None:
    start_app(stack)
    csp = CspWatch(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    patient = new_client(stack.fhir_base, "Eva", "de Wit")
    launch(page, stack, patient=patient)
    frame = go(page, "network")
    form = frame.locator("form.member-form")
    form.locator("#given").fill("Verkeerd")
    form.locator("#relationship").fill("buurman")
    form.locator("#sector").select_option("neighbourhood")
    form.locator("#closeness").select_option("close")
    form.locator("button[type=submit]").click()
    frame.locator(".notice", has_text="Verkeerd").wait_for()
    with FHIRClient(stack.fhir_base) as fhir:
        (member,) = fhir.search("RelatedPerson", {"patient": f"Patient/{patient}"})
    frame = go(page, f"network/members/{member['id']}")
    with frame_of(page).expect_navigation(wait_until="load"):
        frame.locator("#remove + form button[type=submit]").click()
    heading = frame.locator("main h1")
    assert heading.inner_text() == "Verkeerd verwijderen als per vergissing ingevoerd?"
    check(page, csp, "12-confirm-entered-by-mistake")
    with frame_of(page).expect_navigation(wait_until="load"):
        frame.get_by_role("button", name="Ja, verwijderen als per vergissing ingevoerd").click()
    undo = frame.locator("section.undo")
    undo.wait_for()
    assert "Verkeerd is uit het netwerk verwijderd: per vergissing ingevoerd." in undo.inner_text()
    assert frame.locator("g.node").count() == 0
    check(page, csp, "13-removed-with-undo")
    with frame_of(page).expect_navigation(wait_until="load"):
        undo.get_by_role("button", name="Ongedaan maken").click()
    app_frame(page).locator(".notice", has_text="Ongedaan gemaakt").wait_for()
    assert frame.locator("main h1").inner_text() == "Verkeerd"
    changed = frame.locator("p.last-change").inner_text()  # the undo, by the signed-in user, by name
    assert changed.startswith("Gewijzigd door ") and " op " in changed and "/" not in changed
    with FHIRClient(stack.fhir_base) as fhir:
        records = fhir.search("Provenance", {"target": f"RelatedPerson/{member['id']}"})
    activities = sorted(r["activity"]["coding"][0]["code"] for r in records)
    assert activities == ["CREATE", "NULLIFY", "UPDATE"]  # added, entered by mistake, brought back
    frame = go(page, "network")
    assert frame.locator("g.node").count() == 1 and frame.locator("section.undo").count() == 0
