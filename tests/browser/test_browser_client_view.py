"""The client's own view in a real browser, launched as the client through the sandbox's patient portal at
1280x800 in Dutch: the client sees their network map, their needs and their plan; adds a goal in their own words
(first without words: the error summary at the top, focused, and the message beside the field) and comments on
the plan; withdraws the
consent for one member; rates the work with their professional (first without a score: the error shown at the top
and beside the field, the words typed kept). Then a clinician's launch for the same client sees the goal in the
client's words, the comment and the withdrawn consent. axe-core finds no violations on any page of the client,
error states included."""

from __future__ import annotations

from browser_stack import Stack, app_frame, frame_of, fresh_client, go, launch, start_app
from playwright.sync_api import FrameLocator, Locator, Page
from workspace_support import CspWatch, axe_violations, save_axe_report, screenshot

from srh_fhir.client import FHIRClient
from srh_fhir.validation import Validator, has_errors


def submit(page: Page, button: Locator) -> None:
    with frame_of(page).expect_navigation(wait_until="load"):
        button.click()


def no_violations(page: Page, csp: CspWatch, name: str) -> None:
    violations = axe_violations(frame_of(page))
    save_axe_report(name, violations)
    assert violations == [] and not csp.refusals, (name, violations, csp.refusals)
    screenshot(page, name)


def open_page(page: Page, name: str) -> FrameLocator:
    frame = app_frame(page)
    submit(page, frame.get_by_role("navigation", name="Jouw pagina").get_by_role("link", name=name))
    return frame


def test_the_client_sees_their_picture_adds_a_goal_withdraws_a_consent_and_rates_the_work(
    page: Page, stack: Stack, validator: Validator
) -> None:
    start_app(stack)
    patient = fresh_client(stack)
    suffix = patient.rsplit("-", 1)[1]
    anja = f"ingrid-sister-anja-{suffix}"
    csp = CspWatch(page)
    page.set_viewport_size({"width": 1280, "height": 800})

    frame = launch(page, stack, patient=patient, launch_type="portal")
    assert "/c/" in frame_of(page).url
    assert frame.get_by_role("heading", level=1).inner_text() == "Jouw netwerk"
    assert frame.locator("svg.network-map").count() == 1
    no_violations(page, csp, "30-client-network")

    frame = open_page(page, "Wat jij nodig hebt")
    assert "Wat jouw netwerk geeft" in frame.locator("table.client-needs").inner_text()
    no_violations(page, csp, "31-client-needs")

    frame = open_page(page, "Jouw plan")
    assert "Wie helpt je" in frame.locator("main").inner_text()
    submit(page, frame.get_by_role("button", name="Mijn doel toevoegen"))  # no words yet
    frame.locator("#error-summary").wait_for()
    assert frame_of(page).evaluate("() => document.activeElement.id") == "error-summary"
    assert frame.locator("#goal-description-error").inner_text().endswith("Schrijf op wat je wilt bereiken.")
    no_violations(page, csp, "32-client-goal-error")
    frame.get_by_label("Wat wil jij bereiken? Schrijf het in je eigen woorden.").fill("Vaker met Anja wandelen")
    submit(page, frame.get_by_role("button", name="Mijn doel toevoegen"))
    assert frame.locator(".notice").inner_text() == "Je doel staat nu in je plan."
    assert "Vaker met Anja wandelen (in je eigen woorden)" in frame.locator("li.client-goal").first.inner_text()
    frame.get_by_label("Wat wil je zeggen over je plan?").fill("Eerst wil ik Anja zelf bellen")
    submit(page, frame.get_by_role("button", name="Mijn opmerking versturen"))
    assert frame.locator(".notice").inner_text() == "Je opmerking staat nu bij je plan."
    assert "Eerst wil ik Anja zelf bellen" in frame.locator("ul.plan-comments").inner_text()
    no_violations(page, csp, "33-client-plan")

    frame = open_page(page, "Jouw netwerk")
    member = frame.locator(f"#member-{anja}")
    member.get_by_label("Nee, deze persoon mag niet meer meedoen").check()
    submit(page, member.get_by_role("button"))
    assert "niet meer mag meedoen" in frame.locator(".notice").inner_text()
    assert "niet meer mag meedoen" in frame.locator(f"#member-{anja} .consent").inner_text()

    frame = open_page(page, "Hoe het gaat met je hulpverlener")
    frame.get_by_label("Wil je nog iets zeggen? Schrijf het in je eigen woorden").fill("Ze luistert echt naar me")
    submit(page, frame.get_by_role("button", name="Mijn beoordeling versturen"))  # no score
    frame.locator("#error-summary").wait_for()
    assert frame.locator("#overall_grade-error").count() == 1
    assert frame.locator("textarea#note").input_value() == "Ze luistert echt naar me"
    no_violations(page, csp, "34-client-rating-error")
    frame.locator("select#overall_grade").select_option("8")
    submit(page, frame.get_by_role("button", name="Mijn beoordeling versturen"))
    assert frame.locator(".notice").inner_text() == "Dank je wel: je beoordeling is opgeslagen."
    no_violations(page, csp, "35-client-rating")

    with FHIRClient(stack.fhir_base) as fhir:
        goals = [g for g in fhir.search("Goal", {"subject": f"Patient/{patient}"}) if "Anja" in str(g["description"])]
        consents = list(fhir.search("Consent", {"patient": f"Patient/{patient}"}))
    (goal,) = goals
    assert goal["expressedBy"] == {"reference": f"Patient/{patient}"} and not has_errors(validator.validate(goal))
    denied = [c for c in consents if c["provision"]["type"] == "deny"]
    assert denied and not has_errors(validator.validate(denied[0]))

    launch(page, stack, patient=patient)  # the clinician, in the EHR
    frame = go(page, "plan")
    card = frame.locator(f"li[data-goal-id='{goal['id']}']")
    assert "In de woorden van Ingrid de Vries" in card.inner_text()
    assert "Eerst wil ik Anja zelf bellen" in frame.locator("#comments").inner_text()
    frame = go(page, f"network/members/{anja}")
    assert "toestemming ingetrokken" in frame.locator("main").inner_text()
    screenshot(page, "36-clinician-sees-the-clients-changes")
