"""Grading the basic needs in a real browser, inside the sandbox EHR's iframe: the latest grades with the network's and
the professionals' part, a grading sent with one need left out (the error summary, the input kept), then completed
and saved; axe-core finds no violations on the page and on its error state."""

from __future__ import annotations

from browser_stack import Stack, frame_of, fresh_client, go, launch
from flask import Flask
from playwright.sync_api import Page
from workspace_support import CspWatch, axe_violations, save_axe_report, screenshot

GRADED = ("attachment", "recognition", "care_exchange", "emotional_support")


def test_the_needs_are_graded_with_an_error_on_the_way(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    csp = CspWatch(page)
    launch(page, stack, patient=fresh_client(stack))
    frame = go(page, "needs")
    attachment = frame.locator("table.graded-needs tr[data-need=attachment]")
    assert "Grotendeels vervuld" in attachment.inner_text() and "één persoon" in attachment.inner_text()
    violations = axe_violations(frame_of(page))
    save_axe_report("13-needs-graded", violations)
    assert violations == []

    form = frame.locator("form.grading-form")
    for need in GRADED:
        form.locator(f"input[name=grade_{need}][value=partly]").check()
    form.locator("input[name=met_by_attachment]").first.check()
    with frame_of(page).expect_navigation(wait_until="load"):
        form.locator("button[type=submit]").click()
    summary = frame.locator("#error-summary")
    assert "Kies hoe goed Erbij horen vervuld is." in summary.inner_text()
    assert form.locator("input[name=grade_attachment][value=partly]").is_checked()  # the input is kept
    assert form.locator("input[name=met_by_attachment]").first.is_checked()
    violations = axe_violations(frame_of(page))
    save_axe_report("13-needs-grading-error", violations)
    assert violations == []
    screenshot(page, "13-needs-grading-error")

    form.locator("input[name=grade_belonging][value=mostly]").check()
    with frame_of(page).expect_navigation(wait_until="load"):
        form.locator("button[type=submit]").click()
    assert "De beoordeling van de basisbehoeften is opgeslagen." in frame.locator(".notice").inner_text()
    assert "Deels vervuld" in frame.locator("table.graded-needs tr[data-need=emotional-support]").inner_text()
    assert not csp.refusals
