"""The social system page in a real browser, inside the sandbox EHR's cross-site iframe at 1280x800: add a network
member with a role, then remove her after a confirmation, with the offer to undo on the page; axe-core finds no
violations on the page, the confirmation and the page with the undo offer."""

from __future__ import annotations

from browser_stack import Stack, frame_of, fresh_client, go, launch
from flask import Flask
from playwright.sync_api import Page
from workspace_support import CspWatch, axe_violations, save_axe_report, screenshot


def test_a_network_member_joins_the_social_system_and_leaves_it_again(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    csp = CspWatch(page)
    launch(page, stack, patient=fresh_client(stack))
    frame = go(page, "social-system")
    form = frame.locator("form.participant-form")
    assert form.locator("#add-role").input_value() == "network-member"  # the preselected role
    option = form.locator("#add-member option", has_text="Marloes")
    form.locator("#add-member").select_option(option.get_attribute("value"))
    with frame_of(page).expect_navigation(wait_until="load"):
        form.locator("button[type=submit]").click()
    assert "is toegevoegd aan het sociaal systeem" in frame.locator(".notice").inner_text()
    row = frame.locator("table.team-table tbody tr", has_text="Marloes")
    assert "Netwerklid" in row.inner_text()
    violations = axe_violations(frame_of(page))
    save_axe_report("12-social-system", violations)
    assert violations == []

    with frame_of(page).expect_navigation(wait_until="load"):
        row.locator("a.remove-link").click()
    assert frame.locator("main h1").inner_text().endswith("uit het sociaal systeem verwijderen?")
    assert axe_violations(frame_of(page)) == []
    with frame_of(page).expect_navigation(wait_until="load"):
        frame.locator("main form button[type=submit]").click()
    assert "het sociaal systeem verlaten" in frame.locator("p.notice").inner_text()
    undo = frame.locator("section.undo")
    assert "Marloes" in undo.inner_text() and undo.get_by_role("button").inner_text() == "Ongedaan maken"
    assert frame.locator("table.team-table tr.past", has_text="Marloes").count() == 1  # history, not deleted
    violations = axe_violations(frame_of(page))
    save_axe_report("12-social-system-removed", violations)
    assert violations == [] and not csp.refusals
    screenshot(page, "12-social-system-removed")
