"""The app's save path on the second FHIR server (issue 16): the sandbox EHR proxies to the Helios FHIR Server, and a
clinician in Chromium at 1280x800, in Dutch, adds a network member, assesses the tie again, adds a goal and agrees
the plan. Everything is then read back from Helios directly and must link up: members, tie Observations, the
CarePlan and its Goal, the Provenance change records. And once a conflict: the plan changed on Helios behind the
app's back (Helios answers the stale If-Match inside the transaction as a 400 naming 412), and the app shows its
conflict page with the clinician's input kept, not a generic error."""

from __future__ import annotations

from typing import Any

from browser_stack import Stack, app_frame, frame_of, go, launch, start_app
from playwright.sync_api import FrameLocator, Locator, Page
from workspace_support import colleague_before_the_save, new_client, rename_the_plan, screenshot

from srh_fhir.client import FHIRClient

VIEWPORT = {"width": 1280, "height": 800}


def submit(page: Page, button: Locator) -> None:
    with frame_of(page).expect_navigation(wait_until="load"):
        button.click()


def form_of(frame: FrameLocator, button: str) -> Locator:
    """The form sent with the button of this name."""
    return frame.locator("form").filter(has=frame.get_by_role("button", name=button, exact=True))


def search(fhir_base: str, kind: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """The resources of ``kind`` a search on the server finds (no included ones)."""
    with FHIRClient(fhir_base) as fhir:
        return [r for r in fhir.search(kind, params) if r["resourceType"] == kind]


def references(resource: dict[str, Any], field: str) -> list[str]:
    value = resource.get(field, [])
    return [item["reference"] for item in (value if isinstance(value, list) else [value])]


def add_member(page: Page, frame: FrameLocator) -> None:
    form = frame.locator("form.member-form")
    form.locator("#given").fill("Mirjam")
    form.locator("#relationship").fill("zus")
    form.locator("#sector").select_option("family")
    form.locator("#closeness").select_option("very-close")
    form.locator("#valence").select_option("supportive")
    form.locator("#reciprocity").select_option("mutual")
    submit(page, form.locator("button[type=submit]"))
    assert app_frame(page).locator(".notice").inner_text() == "Mirjam is toegevoegd aan het netwerk."


def assess_the_tie(page: Page, frame: FrameLocator) -> None:
    form = form_of(frame, "Beoordeling opslaan")
    form.get_by_label("Hoe dichtbij", exact=True).select_option(label="Dichtbij")
    form.get_by_label("Hoe de relatie voelt", exact=True).select_option(label="Wisselend")
    form.get_by_label("Notitie", exact=True).fill("Minder contact sinds de verhuizing")
    submit(page, form.get_by_role("button", name="Beoordeling opslaan"))
    assert "Minder contact sinds de verhuizing" in frame.get_by_role("table").first.inner_text()


def add_goal(page: Page, frame: FrameLocator, description: str) -> None:
    form = frame.locator("section[aria-labelledby=add-goal] form")
    form.locator("#new-goal-core_action").select_option("connect")
    form.locator("#new-goal-description").fill(description)
    submit(page, form.locator("button[type=submit]"))


def agree_the_plan(page: Page, frame: FrameLocator) -> None:
    submit(page, frame.get_by_role("link", name="Plan besproken en afgesproken met de cliënt"))
    frame.get_by_label("Sara Jansen en ik hebben dit plan besproken, en Sara Jansen is het ermee eens").check()
    submit(page, frame.get_by_role("button", name="Leg de afspraak vast"))
    assert app_frame(page).locator(".notice").inner_text() == (
        "Vastgelegd: het plan is besproken en afgesproken met Sara Jansen."
    )


def test_a_clinician_saves_network_and_plan_on_helios(page: Page, helios_stack: Stack) -> None:
    stack = helios_stack
    start_app(stack)
    page.set_viewport_size(VIEWPORT)
    patient = new_client(stack.fhir_base)
    subject = f"Patient/{patient}"
    launch(page, stack, patient=patient)

    add_member(page, go(page, "network"))
    screenshot(page, "helios-01-member-added")
    (member,) = search(stack.fhir_base, "RelatedPerson", {"patient": subject})
    frame = go(page, f"network/members/{member['id']}")
    assess_the_tie(page, frame)
    screenshot(page, "helios-02-tie-assessed")
    frame = go(page, "plan")
    add_goal(page, frame, "Weer samen koken met mijn zus")
    agree_the_plan(page, frame)
    screenshot(page, "helios-03-plan-agreed")

    member_reference = f"RelatedPerson/{member['id']}"
    assert member["patient"]["reference"] == subject and member["name"][0]["given"] == ["Mirjam"]
    ties = search(stack.fhir_base, "Observation", {"subject": subject})
    assert len(ties) == 2  # the tie as entered with the member, and the new assessment
    assert all(references(tie, "focus") == [member_reference] for tie in ties)
    assert any(tie.get("note", [{}])[0].get("text") == "Minder contact sinds de verhuizing" for tie in ties)
    (goal,) = search(stack.fhir_base, "Goal", {"subject": subject})
    assert goal["description"]["text"] == "Weer samen koken met mijn zus"
    (plan,) = search(stack.fhir_base, "CarePlan", {"subject": subject})
    assert references(plan, "goal") == [f"Goal/{goal['id']}"]
    records = search(stack.fhir_base, "Provenance", {"patient": subject})
    targets = {ref.split("/_history/")[0] for record in records for ref in references(record, "target")}
    written = {member_reference, f"Goal/{goal['id']}", f"CarePlan/{plan['id']}"} | {
        f"Observation/{tie['id']}" for tie in ties
    }
    assert written <= targets, written - targets


def test_a_plan_changed_on_helios_behind_the_apps_back(page: Page, helios_stack: Stack) -> None:
    stack = helios_stack
    start_app(stack)
    page.set_viewport_size(VIEWPORT)
    patient = new_client(stack.fhir_base, "Daan", "Visser")
    launch(page, stack, patient=patient)
    frame = go(page, "plan")
    add_goal(page, frame, "Eerste doel")
    form = frame.locator("section[aria-labelledby=add-goal] form")
    form.locator("#new-goal-core_action").select_option("understand")
    form.locator("#new-goal-description").fill("Mijn woorden mogen niet verloren gaan")

    with colleague_before_the_save(stack.sandbox_app, lambda: rename_the_plan(stack.fhir_base, patient)) as statuses:
        form.locator("button[type=submit]").click()
        conflict = frame.locator("section.conflict")
        conflict.wait_for()
    assert [status.split()[0] for status in statuses] == ["400"]  # Helios: the stale If-Match, named 412
    assert frame.locator("h1").inner_text() == "Iemand anders heeft dit intussen gewijzigd"
    ours = conflict.locator(".ours").inner_text()
    assert "Mijn woorden mogen niet verloren gaan" in ours and "In wiens woorden?\nDaan Visser" in ours, ours
    assert "Plan van een collega" in conflict.locator(".theirs").inner_text()
    screenshot(page, "helios-04-conflict")
    submit(page, conflict.locator("button[type=submit]"))
    assert frame.locator("main h1").inner_text() == "Plan van een collega"  # their change kept ...
    assert frame.locator("q", has_text="Mijn woorden mogen niet verloren gaan").count() == 1  # ... and ours saved
