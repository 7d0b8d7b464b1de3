"""The clinician's workspace in a real browser, inside the sandbox EHR's cross-site iframe: build a network of ten,
see the map and the gaps in the basic needs, build a plan under the four core actions with the network doing part,
save, reload, and find every resource on the FHIR server valid. Also: a conflict, read-only mode, both languages,
map export, axe-core on every page (no serious or critical violations), no CSP refusals, screenshots.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser_stack import Stack, app_frame, frame_of, go, launch, start_app
from flask import Flask
from playwright.sync_api import FrameLocator, Locator, Page
from workspace_support import (
    CspWatch,
    assert_apart,
    axe_violations,
    blocking,
    colleague_before_the_save,
    new_client,
    rename_the_plan,
    save_axe_report,
    screenshot,
)

from devstack.sandbox_ehr.state import PARTIAL_SCOPES
from srh_fhir.client import FHIRClient
from srh_fhir.validation import Validator, has_errors

# Ten people around Sara: nobody gives recognition or takes care from her, so those needs stay unmet.
TEN = [
    (
        "Mirjam",
        "zus",
        "family",
        "very-close",
        "supportive",
        "mutual",
        ["emotional", "practical"],
        ["attachment", "emotional-support"],
    ),
    ("Johan", "vader", "family", "close", "ambivalent", "member-gives", ["practical"], ["belonging"]),
    ("Fenna", "collega", "work", "distant", "supportive", "mutual", ["companionship"], ["belonging"]),
    ("Bram", "buurman", "neighbourhood", "close", "supportive", "member-gives", ["practical"], ["belonging"]),
    (
        "Lotte",
        "vriendin",
        "leisure",
        "very-close",
        "supportive",
        "mutual",
        ["emotional", "companionship"],
        ["emotional-support", "belonging"],
    ),
    ("Erik", "ex-partner", "family", "distant", "straining", "client-gives", [], []),
    ("Noor", "docent", "school", "distant", "supportive", "member-gives", ["informational"], []),
    ("Hanna", "buurvrouw", "neighbourhood", "distant", "ambivalent", "mutual", ["companionship"], []),
    ("Pieter", "pastor", "faith", "close", "supportive", "member-gives", ["emotional"], ["emotional-support"]),
    ("Ruud", "maatje", "care-volunteers", "close", "supportive", "mutual", ["companionship"], ["belonging"]),
]
PAGES = {
    "": "Overzicht",
    "network": "Netwerk",
    "needs": "Basisbehoeften",
    "plan": "Plan",
    "social-system": "Sociaal systeem",
    "working-relationship": "Werkrelatie",
    "network/changes": "Veranderingen",
    "print": "Exemplaar voor de cliënt",
}


def workspace_app(stack: Stack, **changes: Any) -> Flask:
    app = start_app(stack, **changes)
    assert "workspace" in app.blueprints  # create_app registers the workspace pages
    return app


def submit(page: Page, button: Locator) -> None:
    """Click a save button and wait for the page it leads to (its notice), not a notice still on the old page."""
    with frame_of(page).expect_navigation(wait_until="load"):
        button.click()
    app_frame(page).locator(".notice").wait_for()


def check_page(page: Page, csp: CspWatch, name: str) -> None:
    violations = axe_violations(frame_of(page))
    save_axe_report(name, violations)
    assert not blocking(violations), (name, blocking(violations))
    assert not csp.refusals, (name, csp.refusals)
    screenshot(page, name)


def add_member(frame: FrameLocator, person: tuple[Any, ...]) -> None:
    given, relationship, sector, closeness, valence, reciprocity, support, needs = person
    form = frame.locator("form.member-form")
    form.locator("#given").fill(given)
    form.locator("#relationship").fill(relationship)
    form.locator("#sector").select_option(sector)
    form.locator("#closeness").select_option(closeness)
    form.locator("#valence").select_option(valence)
    form.locator("#reciprocity").select_option(reciprocity)
    for value in support:
        form.locator(f"input[name=support][value={value}]").check()
    for value in needs:
        form.locator(f"input[name=needs][value={value}]").check()
    form.locator("button[type=submit]").click()
    frame.locator(".notice", has_text=given).wait_for()
    frame.locator("#map-now[data-ready=true]").wait_for()  # the whole page is in (the map script ran last)


def resources_of(fhir_base: str, patient: str) -> list[dict[str, Any]]:
    found = []
    with FHIRClient(fhir_base) as fhir:
        for kind, param in (
            ("RelatedPerson", "patient"),
            ("CarePlan", "subject"),
            ("Goal", "subject"),
            ("Consent", "patient"),
            ("Observation", "subject"),
        ):
            found += [r for r in fhir.search(kind, {param: f"Patient/{patient}"}) if r["resourceType"] == kind]
    return found


def test_a_clinician_builds_the_network_and_the_plan(page: Page, stack: Stack, validator: Validator) -> None:
    workspace_app(stack)
    csp = CspWatch(page)
    page.set_viewport_size({"width": 1440, "height": 1500})
    patient = new_client(stack.fhir_base)
    launch(page, stack, patient=patient)
    frame = go(page, "network")
    assert frame.locator("main h1").inner_text() == "Netwerk van Sara Jansen"
    for person in TEN:
        add_member(frame, person)
    assert frame.locator("g.node").count() == 10
    assert frame.locator("table.members-table tbody tr").count() == 10
    assert frame.locator("#map-now").get_attribute("data-ready") == "true"  # the map script ran, under the CSP
    frame.locator("g.node a").first.focus()
    page.keyboard.press("Enter")  # a node leads to its row in the table, by keyboard
    assert frame.locator("table.members-table tr:focus").count() == 1
    check_page(page, csp, "01-network-map")

    frame = go(page, "needs")
    unmet = frame.locator("tr.unmet")
    assert sorted(unmet.evaluate_all("rows => rows.map(r => r.dataset.need)")) == ["care-exchange", "recognition"]
    check_page(page, csp, "02-basic-needs")
    submit(page, frame.locator("tr[data-need=recognition] button"))  # one click: a versterken goal

    # Mirjam and Ruud agree to take part (the client decides); the others are not offered as performers.
    for name in ("Mirjam", "Ruud"):
        frame = go(page, "network")
        frame.locator("table.members-table a", has_text=name).click()
        frame.locator("input[name=decision][value=permit]").check()
        frame.locator("input[name=actions][value=take-part]").check()
        frame.locator("input[name=actions][value=view-plan]").check()
        submit(page, frame.locator("#consent + form button[type=submit]"))
    check_page(page, csp, "03-member")

    frame = go(page, "plan")
    goals = {
        "connect": "Ik wil dat mijn begeleider mijn zus leert kennen.",
        "understand": "Ik wil samen uitzoeken wat mij energie geeft.",
        "secure": "Ik wil 's avonds iemand kunnen bellen als het misgaat.",
        "strengthen": "Ik wil elke week met Ruud gaan wandelen.",
    }
    for action, text in goals.items():
        form = frame.locator("section[aria-labelledby=add-goal] form")
        form.locator("#new-goal-core_action").select_option(action)
        form.locator("#new-goal-description").fill(text)
        submit(page, form.locator("button[type=submit]"))
    activity = frame.locator("section[aria-labelledby=add-activity] form")
    performers = activity.locator("input[name=new-activity-performers]")
    offered = performers.evaluate_all("inputs => inputs.map(i => i.value)")
    assert len([v for v in offered if v.startswith("RelatedPerson/")]) == 2  # only Mirjam and Ruud
    activity.locator("#new-activity-core_action").select_option("strengthen")
    activity.locator("#new-activity-description").fill("Wekelijkse wandeling door het park")
    activity.get_by_label("Ruud (netwerklid)").check()
    activity.get_by_label("Sara Jansen (cliënt)").check()
    activity.locator("#new-activity-status").select_option("scheduled")
    activity.locator("#new-activity-scheduled").fill("elke woensdag")
    submit(page, activity.locator("button[type=submit]"))
    page.reload()
    frame = go(page, "plan")
    for action in goals:
        assert frame.locator(f"section.core-action-{action} li.goal").count() >= 1
    assert "Ruud" in frame.locator("section.core-action-strengthen li.activity").inner_text()
    assert "netwerk doet mee aan 1 (100%)" in frame.locator("section.share").inner_text()
    check_page(page, csp, "04-plan")

    for path, name in (
        ("social-system", "05-social-system"),
        ("working-relationship", "06-working-relationship"),
        ("network/changes", "07-changes"),
        ("print", "08-client-copy"),
    ):
        go(page, path)
        check_page(page, csp, name)

    frame = go(page, "print")  # the client's copy prints without navigation or forms
    page.emulate_media(media="print")
    assert frame.locator("nav.workspace-nav").is_hidden() and frame.locator(".print-button").is_hidden()
    assert frame.locator(".client-copy svg.network-map").is_visible()
    page.emulate_media(media="screen")

    stored = resources_of(stack.fhir_base, patient)
    kinds = [r["resourceType"] for r in stored]
    assert kinds.count("RelatedPerson") == 10 and kinds.count("Goal") == 5 and kinds.count("CarePlan") == 1
    assert kinds.count("Consent") == 2 and kinds.count("Observation") == 10
    with FHIRClient(stack.fhir_base) as fhir:
        for resource in stored:
            assert not has_errors(validator.validate(resource)), resource
            outcome = fhir.validate(resource)
            assert not [i for i in outcome.get("issue", []) if i["severity"] in ("error", "fatal")], outcome


def test_a_missing_choice_is_summarised_focused_and_fixed_without_retyping(page: Page, stack: Stack) -> None:
    workspace_app(stack)
    csp = CspWatch(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    patient = new_client(stack.fhir_base, "Noor", "Smit")
    launch(page, stack, patient=patient)
    frame = go(page, "network")
    form = frame.locator("form.member-form")
    assert form.locator("#sector").input_value() == ""  # no safe default: the clinician chooses
    form.locator("#given").fill("Willem")
    form.locator("#relationship").fill("opa")
    form.locator("#closeness").select_option("very-close")
    form.locator("input[name=support][value=emotional]").check()
    form.locator("#note").fill("Belt elke zondag")
    with frame_of(page).expect_navigation(wait_until="load"):
        form.locator("button[type=submit]").click()
    summary = frame.locator("#error-summary")
    summary.wait_for()
    assert summary.get_attribute("role") == "alert"
    assert frame_of(page).evaluate("() => document.activeElement.id") == "error-summary"
    assert frame_of(page).evaluate("() => document.title").startswith("Fout: ")
    assert summary.locator("h2").inner_text() == "Er is een probleem"
    link = summary.locator("a[href='#sector']")
    assert link.inner_text() == "Kies het levensgebied."
    assert form.locator("#sector").get_attribute("aria-invalid") == "true"
    assert " ".join((form.locator("#sector-error").text_content() or "").split()) == "Fout: Kies het levensgebied."
    assert form.locator("#given").input_value() == "Willem"
    assert form.locator("#note").input_value() == "Belt elke zondag"
    assert form.locator("#closeness").input_value() == "very-close"
    assert form.locator("input[name=support][value=emotional]").is_checked()
    violations = axe_violations(frame_of(page))
    save_axe_report("11-error-summary", violations)
    assert violations == [] and not csp.refusals
    screenshot(page, "11-error-summary")
    link.click()  # the link leads to the field
    assert frame_of(page).evaluate("() => document.activeElement.id") == "sector"
    form.locator("#sector").select_option("family")
    submit(page, form.locator("button[type=submit]"))
    assert frame.locator(".notice").inner_text() == "Willem is toegevoegd aan het netwerk."
    assert frame.locator("#error-summary").count() == 0
    row = frame.locator("table.members-table tbody tr", has_text="Willem")
    assert "Familie" in row.inner_text() and "Emotionele steun" in row.inner_text()


def test_the_map_downloads_as_svg_and_png(page: Page, stack: Stack) -> None:
    workspace_app(stack)
    launch(page, stack)
    frame = go(page, "network")
    with page.expect_download() as svg:
        frame.locator("button[data-export=svg]").first.click()
    assert svg.value.suggested_filename.endswith(".svg")
    content = Path(svg.value.path()).read_text(encoding="utf-8")
    assert content.startswith("<?xml") and "<svg" in content and "Anja" in content
    with page.expect_download() as png:
        frame.locator("button[data-export=png]").first.click()
    assert Path(png.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def typing_a_second_goal(page: Page, stack: Stack, patient: str) -> tuple[FrameLocator, Locator]:
    """The plan page with one goal saved and a second one typed, not yet sent: (the app's frame, its form)."""
    launch(page, stack, patient=patient)
    frame = go(page, "plan")
    form = frame.locator("section[aria-labelledby=add-goal] form")
    form.locator("#new-goal-core_action").select_option("connect")
    form.locator("#new-goal-description").fill("Eerste doel")
    submit(page, form.locator("button[type=submit]"))
    form = frame.locator("section[aria-labelledby=add-goal] form")
    form.locator("#new-goal-core_action").select_option("understand")
    form.locator("#new-goal-description").fill("Mijn woorden mogen niet verloren gaan")
    return frame, form


def test_a_plan_changed_by_a_colleague_meanwhile(page: Page, stack: Stack) -> None:
    workspace_app(stack)
    csp = CspWatch(page)
    patient = new_client(stack.fhir_base, "Daan", "Visser")
    frame, form = typing_a_second_goal(page, stack, patient)
    rename_the_plan(stack.fhir_base, patient)  # a colleague, in the meantime
    form.locator("button[type=submit]").click()
    conflict = frame.locator("section.conflict")
    conflict.wait_for()
    assert "Mijn woorden mogen niet verloren gaan" in conflict.locator(".ours").inner_text()
    assert "Plan van een collega" in conflict.locator(".theirs").inner_text()
    assert frame.locator("h1").inner_text() == "Iemand anders heeft dit intussen gewijzigd"
    assert not blocking(axe_violations(frame_of(page))) and not csp.refusals
    screenshot(page, "09-conflict")
    assert_apart(conflict.locator("button[type=submit]"), conflict.locator("form.choose a"), conflict.locator(".ours"))
    submit(page, conflict.locator("button[type=submit]"))
    assert frame.locator("main h1").inner_text() == "Plan van een collega"  # their change kept ...
    assert frame.locator("q", has_text="Mijn woorden mogen niet verloren gaan").count() == 1  # ... and ours saved


def test_a_plan_changed_on_hapi_behind_the_apps_back(page: Page, stack: Stack) -> None:
    """The plan changes after the app's own version check, just before its transaction: HAPI's If-Match refuses it
    (409) and the clinician gets the same conflict page, input kept, as when the app sees the change first."""
    workspace_app(stack)
    patient = new_client(stack.fhir_base, "Daan", "Visser")
    frame, form = typing_a_second_goal(page, stack, patient)
    with colleague_before_the_save(stack.sandbox_app, lambda: rename_the_plan(stack.fhir_base, patient)) as statuses:
        form.locator("button[type=submit]").click()
        conflict = frame.locator("section.conflict")
        conflict.wait_for()
    assert [status.split()[0] for status in statuses] == ["409"]  # HAPI: a stale If-Match is a version conflict
    assert "Mijn woorden mogen niet verloren gaan" in conflict.locator(".ours").inner_text()
    assert "Plan van een collega" in conflict.locator(".theirs").inner_text()
    submit(page, conflict.locator("button[type=submit]"))
    assert frame.locator("main h1").inner_text() == "Plan van een collega"  # their change kept ...
    assert frame.locator("q", has_text="Mijn woorden mogen niet verloren gaan").count() == 1  # ... and ours saved


def test_read_only_mode_in_english(page: Page, stack: Stack) -> None:
    workspace_app(stack)
    csp = CspWatch(page)
    launch(page, stack, error=PARTIAL_SCOPES)
    frame = go(page, "plan?lang=en")
    assert frame.locator(".read-only").inner_text().startswith("Read only")
    assert frame.locator("main form[method=post]").count() == 0
    for path in PAGES:
        frame = go(page, path)
        assert frame.locator("html").get_attribute("lang") == "en"
        assert frame.locator("main form[method=post]").count() == 0, path
        assert not blocking(axe_violations(frame_of(page))), path
    assert not csp.refusals
    screenshot(page, "10-read-only-english")


def test_every_page_in_dutch_and_english(page: Page, stack: Stack) -> None:
    workspace_app(stack)
    launch(page, stack)
    for path, dutch in PAGES.items():
        frame = go(page, path)
        assert frame.locator("nav.workspace-nav a[aria-current=page]").inner_text() == dutch
    frame = go(page, "needs?lang=en")
    assert frame.locator("nav.workspace-nav a[aria-current=page]").inner_text() == "Basic needs"
    assert not blocking(axe_violations(frame_of(page)))
