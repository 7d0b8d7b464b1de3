"""Eigen regie in a real browser, inside the sandbox EHR's iframe: a goal in the client's words (the choice "In wiens
woorden?" preselected), then the plan discussed and agreed with the client from its confirmation page (first not
confirmed: the error summary, focused), after which the plan says with whom and when; axe-core finds no violations
on the confirmation page, in its error state and on the plan with the agreement."""

from __future__ import annotations

import re

from browser_stack import Stack, app_frame, frame_of, go, launch, start_app
from playwright.sync_api import Locator, Page
from workspace_support import CspWatch, axe_violations, new_client, save_axe_report, screenshot


def submit(page: Page, button: Locator) -> None:
    with frame_of(page).expect_navigation(wait_until="load"):
        button.click()


def no_violations(page: Page, csp: CspWatch, name: str) -> None:
    violations = axe_violations(frame_of(page))
    save_axe_report(name, violations)
    assert violations == [] and not csp.refusals, (name, violations, csp.refusals)
    screenshot(page, name)


def test_the_plan_is_agreed_with_the_client_from_its_confirmation_page(page: Page, stack: Stack) -> None:
    start_app(stack)
    csp = CspWatch(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    launch(page, stack, patient=new_client(stack.fhir_base))
    frame = go(page, "plan")
    form = frame.locator("section[aria-labelledby=add-goal] form")
    assert form.get_by_label("In de woorden van de cliënt (Sara Jansen)").is_checked()
    form.locator("#new-goal-description").fill("Weer samen koken met mijn zus")
    form.locator("#new-goal-core_action").select_option("connect")
    submit(page, form.locator("button[type=submit]"))
    assert frame.locator("li.goal .expressed-by").inner_text() == "In de woorden van Sara Jansen"
    assert frame.locator("#agreement .agreement").inner_text() == "Nog niet besproken en afgesproken met de cliënt."

    submit(page, frame.get_by_role("link", name="Plan besproken en afgesproken met de cliënt"))
    assert frame.get_by_role("heading", level=1).inner_text() == "Plan besproken en afgesproken met de cliënt"
    assert "Weer samen koken met mijn zus" in frame.locator(".agreed-goals").inner_text()
    no_violations(page, csp, "16-plan-agreement")
    submit(page, frame.get_by_role("button", name="Leg de afspraak vast"))  # not confirmed yet
    summary = frame.locator("#error-summary")
    summary.wait_for()
    assert frame_of(page).evaluate("() => document.activeElement.id") == "error-summary"
    no_violations(page, csp, "16-plan-agreement-error")
    frame.get_by_label("Sara Jansen en ik hebben dit plan besproken, en Sara Jansen is het ermee eens").check()
    submit(page, frame.get_by_role("button", name="Leg de afspraak vast"))
    assert frame_of(page).url.endswith("/plan#agreement")
    assert app_frame(page).locator(".notice").inner_text() == (
        "Vastgelegd: het plan is besproken en afgesproken met Sara Jansen."
    )
    said = frame.locator("#agreement .agreement").inner_text()
    assert re.fullmatch(r"Afgesproken met Sara Jansen op \d+ \w+ \d{4}( \(door .+\))?", said), said
    no_violations(page, csp, "17-plan-agreed")
