"""The Verstaan page in a real browser, inside the sandbox EHR's cross-site iframe at 1280x800: an entry posted
without its words comes back with the error summary and what was typed, is saved once the words are there, and is
then marked as no longer current after a confirmation; axe-core finds no violations on the page, its error state
and the confirmation."""

from __future__ import annotations

from browser_stack import Stack, frame_of, fresh_client, go, launch
from flask import Flask
from playwright.sync_api import Page
from workspace_support import CspWatch, axe_violations, save_axe_report, screenshot


def test_an_entry_is_written_down_and_later_marked_no_longer_current(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    csp = CspWatch(page)
    launch(page, stack, patient=fresh_client(stack))
    frame = go(page, "understanding")
    assert frame.locator("main h1").inner_text() == "Verstaan"
    violations = axe_violations(frame_of(page))
    save_axe_report("20-understanding", violations)
    assert violations == []

    form = frame.locator("form.understanding-form")
    form.locator("input[name=kind][value=what-matters]").check()
    with frame_of(page).expect_navigation(wait_until="load"):
        form.locator("button[type=submit]").click()
    summary = frame.locator("#error-summary")
    assert "Schrijf op wat er gezegd werd." in summary.inner_text()
    assert frame.locator("input[name=kind][value=what-matters]").is_checked()  # what was typed is kept
    violations = axe_violations(frame_of(page))
    save_axe_report("20-understanding-error", violations)
    assert violations == []

    form = frame.locator("form.understanding-form")
    form.locator("#words").fill("Dat mijn kinderen trots op me zijn.")
    with frame_of(page).expect_navigation(wait_until="load"):
        form.locator("button[type=submit]").click()
    entry = frame.locator("#kind-what-matters + ul li", has_text="trots op me")
    assert "“Dat mijn kinderen trots op me zijn.”" in entry.locator("blockquote").inner_text()

    with frame_of(page).expect_navigation(wait_until="load"):
        entry.locator("button[type=submit]").click()
    confirm = frame.locator("section.confirm")
    assert confirm.locator("h2").inner_text() == "Dit als niet meer actueel markeren?"
    assert axe_violations(frame_of(page)) == []
    with frame_of(page).expect_navigation(wait_until="load"):
        confirm.locator("button[type=submit]").click()
    entry = frame.locator("li.no-longer-current", has_text="trots op me")
    assert "Niet meer actueel sinds" in entry.inner_text()  # kept in the history
    violations = axe_violations(frame_of(page))
    save_axe_report("20-understanding-no-longer-current", violations)
    assert violations == [] and not csp.refusals
    screenshot(page, "20-understanding")
