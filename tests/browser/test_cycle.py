"""One cycle of the method, as a clinician and then the client go through it, in the sandbox EHR at 1280x800 in
Dutch, for a client with a network of 29.

The clinician (an EHR launch): Verstaan — writes down what matters to the client, in her own words; the basic
needs — grades all five (first one forgotten: the error summary, nothing lost); a goal in her words that answers
what was written down; the network meeting — prepares it with the member who may take part, holds it and records
the agreement, which becomes a plan activity done by that member; the plan — discussed and agreed with the client.
The client (a portal launch): adds a goal in her own words and withdraws the consent for one member. The clinician
again: sees the client's goal, that the plan changed since it was agreed, and the consent withdrawn.

Everything written is read back from the FHIR server and validated against the profiles; axe-core checks every
page on the way, the error state too.
"""

from __future__ import annotations

import datetime
from typing import Any

from browser_stack import Stack, app_frame, big_ingrid, frame_of, go, launch, start_app
from playwright.sync_api import FrameLocator, Locator, Page
from workspace_support import CspWatch, axe_violations, save_axe_report, screenshot

from srh_fhir.client import FHIRClient
from srh_fhir.validation import Validator, has_errors

NEEDS = ("attachment", "belonging", "recognition", "care_exchange", "emotional_support")  # as the form names them
ANJA, GERRIT = "Anja Hoekstra-de Vries", "Gerrit Jansen"
INGRID = "Ingrid de Vries"


def submit(page: Page, button: Locator) -> None:
    with frame_of(page).expect_navigation(wait_until="load"):
        button.click()


def checked(page: Page, csp: CspWatch, step: str) -> FrameLocator:
    """The app's frame after axe-core found nothing on it (and the CSP refused nothing); a screenshot of the step."""
    violations = axe_violations(frame_of(page))
    save_axe_report(step, violations)
    assert violations == [] and not csp.refusals, (step, violations, csp.refusals)
    screenshot(page, step)
    return app_frame(page)


def nav(page: Page, name: str) -> FrameLocator:
    frame = app_frame(page)
    submit(page, frame.get_by_role("navigation", name="Werkruimte").get_by_role("link", name=name, exact=True))
    return frame


def test_one_cycle_clinician_then_client_then_clinician(page: Page, stack: Stack, validator: Validator) -> None:
    start_app(stack)
    page.set_viewport_size({"width": 1280, "height": 800})
    csp = CspWatch(page)
    patient, suffix = big_ingrid(stack)
    meeting_day = (datetime.date.today() + datetime.timedelta(days=7)).isoformat()

    # -- the clinician: verstaan -------------------------------------------------------------------------------------
    launch(page, stack, patient=patient)
    frame = nav(page, "Verstaan")
    form = frame.locator("form.understanding-form")
    form.locator("input[name=kind][value=what-matters]").check()
    form.locator("#words").fill("Dat Anja en ik weer samen koken, zoals vroeger.")
    submit(page, form.locator("button[type=submit]"))
    assert "“Dat Anja en ik weer samen koken, zoals vroeger.”" in frame.locator("#kind-what-matters + ul").inner_text()
    checked(page, csp, "40-cycle-verstaan")

    # -- the basic needs, graded (one forgotten first) ---------------------------------------------------------------
    frame = nav(page, "Basisbehoeften")
    form = frame.locator("form.grading-form")
    for need in NEEDS[1:]:
        form.locator(f"input[name=grade_{need}][value=partly]").check()
    form.locator("input[name=met_by_belonging]").first.check()
    submit(page, form.locator("button[type=submit]"))
    summary = frame.locator("#error-summary")
    assert "Kies hoe goed Hechting vervuld is." in summary.inner_text()
    assert frame_of(page).evaluate("() => document.activeElement.id") == "error-summary"
    assert form.locator("input[name=grade_care_exchange][value=partly]").is_checked()  # nothing typed is lost
    checked(page, csp, "41-cycle-needs-error")
    form.locator("input[name=grade_attachment][value=barely]").check()
    submit(page, form.locator("button[type=submit]"))
    assert "De beoordeling van de basisbehoeften is opgeslagen." in frame.locator(".notice").inner_text()
    checked(page, csp, "41-cycle-needs")

    # -- a goal in her words, answering what was written down --------------------------------------------------------
    frame = nav(page, "Plan")
    form = frame.locator("section[aria-labelledby=add-goal] form")
    form.locator("#new-goal-description").fill("Elke week samen met Anja koken")
    form.locator("#new-goal-core_action").select_option("connect")
    form.get_by_label("Wat belangrijk is: “Dat Anja en ik weer samen koken, zoals vroeger.”").check()
    submit(page, form.locator("button[type=submit]"))
    goal = frame.locator("li.goal", has_text="Elke week samen met Anja koken")
    assert "In de woorden van Ingrid de Vries" in goal.inner_text()
    assert "Beantwoordt in Verstaan:" in goal.inner_text() and "samen koken, zoals vroeger" in goal.inner_text()
    checked(page, csp, "42-cycle-goal")

    # -- the network meeting: prepared, held, the agreement into the plan --------------------------------------------
    frame = nav(page, "Netwerkberaad")
    form = frame.locator("form.meeting-form")
    form.get_by_label(ANJA, exact=True).check()
    form.get_by_label("Datum van het beraad", exact=True).fill(meeting_day)
    form.get_by_label("Van", exact=True).fill("14:00")
    form.get_by_label("Tot", exact=True).fill("15:00")
    submit(page, form.get_by_role("button", name="Beraad plannen"))
    meeting = frame.locator("li.meeting", has_text="Gepland").first
    assert ANJA in meeting.inner_text()
    checked(page, csp, "43-cycle-meeting-planned")
    submit(page, meeting.get_by_role("link", name="Vastleggen wie er komen"))
    form = frame.locator("form.answers-form")
    assert form.get_by_role("group", name=ANJA).get_by_label("nog geen antwoord").is_checked()
    form.get_by_role("group", name=ANJA).get_by_label("komt", exact=True).check()
    checked(page, csp, "43-cycle-meeting-answers")
    with FHIRClient(stack.fhir_base) as fhir:  # meanwhile a colleague heard from Anja that she may come
        (planned,) = [a for a in fhir.search("Appointment", {"patient": f"Patient/{patient}", "status": "booked"})
                      if a["resourceType"] == "Appointment"]
        for participant in planned["participant"]:
            if participant["actor"]["reference"].startswith("RelatedPerson/"):
                participant["status"] = "tentative"
        fhir.update(planned)
    submit(page, form.get_by_role("button", name="Antwoorden opslaan"))
    assert "Iemand anders heeft dit netwerkberaad net gewijzigd" in frame.locator(".error-summary").inner_text()
    assert form.get_by_role("group", name=ANJA).get_by_label("komt", exact=True).is_checked()  # our choice kept,
    assert "Nu vastgelegd: komt misschien" in form.get_by_role("group", name=ANJA).inner_text()  # theirs beside it
    checked(page, csp, "43-cycle-meeting-answers-changed")
    submit(page, form.get_by_role("button", name="Antwoorden opslaan"))  # checked, and saved once more
    meeting = frame.locator("li.meeting", has_text="Gepland").first
    assert f"{ANJA} (komt)" in meeting.inner_text()
    submit(page, meeting.get_by_role("link", name="Beraad vastleggen"))
    form = frame.locator("form.meeting-record-form")
    agreement = form.locator("fieldset.agreement").nth(0)
    agreement.get_by_label("Afspraak 1: wat is afgesproken", exact=True).fill("Anja kookt elke zondag met Ingrid.")
    agreement.get_by_label("Kernhandeling", exact=True).select_option(label="Verbinden")
    agreement.get_by_label("Wie het doet", exact=True).select_option(label=ANJA)
    submit(page, form.get_by_role("button", name="Beraad en afspraken opslaan"))
    assert "Het netwerkberaad is vastgelegd" in frame.get_by_role("status").first.inner_text()
    checked(page, csp, "43-cycle-meeting-held")

    # -- the plan, discussed and agreed with the client --------------------------------------------------------------
    frame = nav(page, "Plan")
    activity = frame.locator("li.activity", has_text="Anja kookt elke zondag met Ingrid.")
    assert ANJA in activity.inner_text()
    assert activity.get_by_role("link", name="Afgesproken in een netwerkberaad").count() == 1
    submit(page, frame.get_by_role("link", name="Plan besproken en afgesproken met de cliënt"))
    frame.get_by_label(f"{INGRID} en ik hebben dit plan besproken, en {INGRID} is het ermee eens").check()
    submit(page, frame.get_by_role("button", name="Leg de afspraak vast"))
    agreed = frame.locator("#agreement .agreement").inner_text()
    assert agreed.startswith(f"Afgesproken met {INGRID} op") and "gewijzigd" not in agreed
    checked(page, csp, "44-cycle-plan-agreed")

    # -- the client, from the portal: a goal in her own words, one consent withdrawn ---------------------------------
    frame = launch(page, stack, patient=patient, launch_type="portal")
    assert frame.get_by_role("heading", level=1).inner_text() == "Jouw netwerk"
    member = frame.locator(f"#member-ingrid-neighbour-gerrit-{suffix}")
    member.get_by_label("Nee, deze persoon mag niet meer meedoen").check()
    submit(page, member.get_by_role("button"))
    assert "niet meer mag meedoen" in frame.locator(f"#member-ingrid-neighbour-gerrit-{suffix} .consent").inner_text()
    checked(page, csp, "45-cycle-client-consent")
    submit(page, frame.get_by_role("navigation", name="Jouw pagina").get_by_role("link", name="Jouw plan"))
    frame.get_by_label("Wat wil jij bereiken? Schrijf het in je eigen woorden.").fill("Zelf weer boodschappen doen")
    submit(page, frame.get_by_role("button", name="Mijn doel toevoegen"))
    assert frame.locator(".notice").inner_text() == "Je doel staat nu in je plan."
    checked(page, csp, "46-cycle-client-goal")

    # -- the clinician again: sees both ------------------------------------------------------------------------------
    launch(page, stack, patient=patient)
    frame = go(page, "plan")
    goal = frame.locator("li.goal", has_text="Zelf weer boodschappen doen")
    assert "In de woorden van Ingrid de Vries" in goal.inner_text()
    assert "Het plan is sindsdien gewijzigd." in frame.locator("#agreement .agreement").inner_text()
    checked(page, csp, "47-cycle-clinician-sees-goal")
    frame = go(page, f"network/members/ingrid-neighbour-gerrit-{suffix}")
    assert "toestemming ingetrokken" in frame.locator("main").inner_text()
    checked(page, csp, "47-cycle-clinician-sees-consent")

    # -- what was written is on the server and valid -----------------------------------------------------------------
    today = datetime.date.today()
    with FHIRClient(stack.fhir_base) as fhir:
        written: list[dict[str, Any]] = [
            *fhir.search("Observation", {"subject": f"Patient/{patient}", "_lastUpdated": f"ge{today}"}),
            *fhir.search("Goal", {"subject": f"Patient/{patient}"}),
            *fhir.search("CarePlan", {"subject": f"Patient/{patient}"}),
            *fhir.search("Appointment", {"patient": f"Patient/{patient}"}),
            *fhir.search("Encounter", {"patient": f"Patient/{patient}"}),
            *fhir.search("Consent", {"patient": f"Patient/{patient}"}),
            *fhir.search("Provenance", {"patient": f"Patient/{patient}"}),
        ]
    for resource in written:
        assert not has_errors(validator.validate(resource)), (resource["resourceType"], resource.get("id"))
    goals = {g["description"]["text"]: g for g in written if g["resourceType"] == "Goal"}
    assert goals["Zelf weer boodschappen doen"]["expressedBy"] == {"reference": f"Patient/{patient}"}
    (answered,) = goals["Elke week samen met Anja koken"]["addresses"]
    assert answered["reference"].startswith("Observation/")
    gerrit = [c for c in written if c["resourceType"] == "Consent" and f"ingrid-neighbour-gerrit-{suffix}" in str(c)]
    assert any(c["provision"]["type"] == "deny" for c in gerrit) and any(
        c["provision"]["type"] == "permit" for c in gerrit
    )
    assert any(r["resourceType"] == "Encounter" and "network-meeting" in str(r.get("type")) for r in written)
