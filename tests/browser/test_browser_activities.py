"""A plan's goals and activities in a real browser, inside the sandbox EHR's iframe at 1280x800: an activity is
marked done (today preselected), another cancelled (first without a reason: the error summary, focused), shown struck
through with its reason and put back with undo; a goal and an activity are changed. Each of these forms is a page of
its own, linked from the card and back to it; axe-core finds no violations on them, in the error state too."""

from __future__ import annotations

import datetime

from browser_stack import Stack, app_frame, frame_of, go, launch, start_app
from playwright.sync_api import FrameLocator, Locator, Page
from workspace_support import SCREENSHOTS, CspWatch, axe_violations, new_client, save_axe_report, screenshot

from srh_fhir.client import FHIRClient
from srh_fhir.validation import Validator, has_errors


def submit(page: Page, button: Locator) -> None:
    with frame_of(page).expect_navigation(wait_until="load"):
        button.click()


def add_activity(page: Page, frame: FrameLocator, action: str, text: str) -> None:
    form = frame.locator("section[aria-labelledby=add-activity] form")
    form.locator("#new-activity-core_action").select_option(action)
    form.locator("#new-activity-description").fill(text)
    form.get_by_label("Sara Jansen (cliënt)").check()
    submit(page, form.locator("button[type=submit]"))


def no_violations(page: Page, csp: CspWatch, name: str) -> None:
    violations = axe_violations(frame_of(page))
    save_axe_report(name, violations)
    assert violations == [] and not csp.refusals, (name, violations, csp.refusals)
    screenshot(page, name)


def test_an_activity_is_completed_and_another_cancelled_and_restored(
    page: Page, stack: Stack, validator: Validator
) -> None:
    start_app(stack)
    csp = CspWatch(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    patient = new_client(stack.fhir_base)
    launch(page, stack, patient=patient)
    frame = go(page, "plan")
    add_activity(page, frame, "understand", "Samen de netwerkkaart maken")
    add_activity(page, frame, "strengthen", "Naar de inloop van het buurthuis")

    assert frame.locator("form:not(.sign-out)").count() == 2  # only the add forms: each change is a page of its own

    submit(page, frame.locator("#activity-0").get_by_role("link", name="Afronden"))
    assert frame.get_by_role("heading", level=1).inner_text() == "Activiteit afronden"
    assert frame.locator("input[type=date]").input_value() == datetime.date.today().isoformat()
    no_violations(page, csp, "12-activity-done")
    submit(page, frame.get_by_role("button", name="Opslaan als afgerond"))
    assert frame_of(page).url.endswith("/plan#activity-0")
    assert app_frame(page).locator(".notice").inner_text() == "De activiteit is afgerond."
    assert "afgerond op" in frame.locator("#activity-0 .meta").first.inner_text()

    submit(page, frame.locator("#activity-1").get_by_role("link", name="Annuleren"))
    submit(page, frame.get_by_role("button", name="Activiteit annuleren"))  # no reason yet
    summary = frame.locator("#error-summary")
    summary.wait_for()
    assert frame_of(page).evaluate("() => document.activeElement.id") == "error-summary"
    assert summary.locator("a[href='#activity-1-cancel-reason']").inner_text() == (
        "Vul in waarom de activiteit wordt geannuleerd."
    )
    no_violations(page, csp, "12-activity-cancel-error")
    frame.locator("textarea").fill("De inloop is gestopt")
    submit(page, frame.get_by_role("button", name="Activiteit annuleren"))
    card = frame.locator("#activity-1")
    assert card.locator("del").inner_text() == "Naar de inloop van het buurthuis"
    assert "Reden: De inloop is gestopt" in card.inner_text()
    no_violations(page, csp, "13-activity-cancelled")
    frame.locator("div.board").screenshot(path=str(SCREENSHOTS / "13-activity-cancelled-board.png"))

    with FHIRClient(stack.fhir_base) as fhir:
        (plan,) = [
            r for r in fhir.search("CarePlan", {"subject": f"Patient/{patient}"}) if r["resourceType"] == "CarePlan"
        ]
        assert not has_errors(validator.validate(plan))
        outcome = fhir.validate(plan)
        assert not [i for i in outcome.get("issue", []) if i["severity"] in ("error", "fatal")], outcome
    assert [a["detail"]["status"] for a in plan["activity"]] == ["completed", "cancelled"]

    submit(page, card.get_by_role("button", name="Annuleren ongedaan maken (terug naar niet gestart)"))
    assert frame.locator("#activity-1 del").count() == 0
    assert "Het annuleren is ongedaan gemaakt." in app_frame(page).locator(".notice").inner_text()


def test_a_goal_and_an_activity_are_changed_on_pages_of_their_own(page: Page, stack: Stack) -> None:
    start_app(stack)
    csp = CspWatch(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    launch(page, stack, patient=new_client(stack.fhir_base))
    frame = go(page, "plan")
    add_activity(page, frame, "understand", "Samen de netwerkkaart maken")
    form = frame.locator("section[aria-labelledby=add-goal] form")
    form.locator("#new-goal-description").fill("Weer samen koken met mijn zus")
    form.locator("#new-goal-core_action").select_option("connect")
    submit(page, form.locator("button[type=submit]"))
    screenshot(page, "14-plan-links")

    submit(page, frame.locator("li.goal").get_by_role("link", name="Wijzigen"))
    assert frame.get_by_role("heading", level=1).inner_text() == "Dit doel wijzigen"
    no_violations(page, csp, "14-goal-change")
    frame.locator("textarea").fill("")
    submit(page, frame.get_by_role("button", name="Doel opslaan"))
    frame.locator("#error-summary").wait_for()
    no_violations(page, csp, "14-goal-change-error")
    frame.locator("textarea").fill("Elke week samen koken met mijn zus")
    submit(page, frame.get_by_role("button", name="Doel opslaan"))
    assert frame_of(page).url.split("/plan", 1)[1].startswith("#goal-")
    assert "Elke week samen koken met mijn zus" in frame.locator("li.goal").inner_text()

    submit(page, frame.locator("#activity-0").get_by_role("link", name="Wijzigen"))
    no_violations(page, csp, "15-activity-change")
    frame.locator("textarea").fill("")
    submit(page, frame.get_by_role("button", name="Activiteit opslaan"))
    frame.locator("#error-summary").wait_for()
    no_violations(page, csp, "15-activity-change-error")
    submit(page, frame.get_by_role("link", name="Terug naar het plan"))
    assert frame_of(page).url.endswith("/plan#activity-0")
    assert "Samen de netwerkkaart maken" in frame.locator("#activity-0").inner_text()
