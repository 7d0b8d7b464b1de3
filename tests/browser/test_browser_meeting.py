"""The network meeting in a real browser, inside the sandbox EHR's cross-site iframe at 1280x800, in Dutch, for a
client with a network of 29: prepare a meeting where one chosen member lacks the client's consent (record it first
on the member page, come back with the choices kept), print the invitations, then record the meeting with two
agreements done by different people (first with a missing field: the error summary at the top and the message
beside the field, nothing typed lost) and find them on the plan. axe-core checks every page, the error state too."""

from __future__ import annotations

from typing import Any

from browser_stack import Stack, big_ingrid, frame_of, go, launch
from flask import Flask
from playwright.sync_api import FrameLocator, Page
from workspace_support import CspWatch, axe_violations, save_axe_report, screenshot


def submit(page: Page, button: Any) -> None:
    with frame_of(page).expect_navigation(wait_until="load"):
        button.click()


def checked_axe(page: Page, step: str) -> None:
    violations = axe_violations(frame_of(page))
    save_axe_report(step, violations)
    assert violations == [], step


def test_a_meeting_is_prepared_with_consent_first_printed_and_recorded_into_the_plan(
    page: Page, stack: Stack, app: Flask
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    csp = CspWatch(page)
    patient, _ = big_ingrid(stack)
    launch(page, stack, patient=patient)
    frame: FrameLocator = go(page, "network")
    assert frame.locator("table.members-table tbody th a").count() >= 25
    submit(page, frame.get_by_role("navigation", name="Werkruimte").get_by_role("link", name="Netwerkberaad"))
    assert frame.locator("main h1").inner_text() == "Netwerkberaad"
    checked_axe(page, "30-meeting")

    form = frame.locator("form.meeting-form")
    form.get_by_label("Anja Hoekstra-de Vries", exact=True).check()
    form.get_by_label("Andere agendapunten (één per regel)", exact=True).fill("Wie rijdt Ingrid naar het koor?")
    form.get_by_label("Datum van het beraad", exact=True).fill("2026-12-10")
    form.get_by_label("Van", exact=True).fill("14:00")
    form.get_by_label("Tot", exact=True).fill("15:30")
    lacking = form.locator(".without-consent")
    assert "Els van Dijk" in lacking.inner_text() and "Buur Nummer 22" in lacking.inner_text()
    assert form.get_by_label("Els van Dijk", exact=True).count() == 0  # cannot be ticked without consent
    els = lacking.locator("li", has_text="Els van Dijk").get_by_role("button")
    assert els.inner_text().startswith("Eerst toestemming vastleggen")
    submit(page, els)

    assert frame.locator("main h1").inner_text() == "Els van Dijk"
    consent = frame.locator("form").filter(has=frame.get_by_role("button", name="De keuze van de cliënt vastleggen"))
    assert "terug naar de voorbereiding van het netwerkberaad" in consent.inner_text()
    consent.get_by_label("stemt ermee in dat deze persoon betrokken is", exact=True).check()
    consent.get_by_label("Meedoen", exact=True).check()
    submit(page, consent.get_by_role("button", name="De keuze van de cliënt vastleggen"))

    assert frame.locator("main h1").inner_text() == "Netwerkberaad"
    form = frame.locator("form.meeting-form")
    assert form.get_by_label("Anja Hoekstra-de Vries", exact=True).is_checked()  # the choices kept
    assert form.get_by_label("Els van Dijk", exact=True).is_checked()
    assert form.get_by_label("Andere agendapunten (één per regel)", exact=True).input_value().startswith("Wie rijdt")
    assert form.get_by_label("Datum van het beraad", exact=True).input_value() == "2026-12-10"
    assert form.get_by_label("Van", exact=True).input_value() == "14:00"
    checked_axe(page, "31-meeting-consent-kept")
    submit(page, form.get_by_role("button", name="Beraad plannen"))
    meeting = frame.locator("li.meeting", has_text="Netwerkberaad van 10 december 2026 14:00")
    assert "Gepland" in meeting.inner_text() and "Els van Dijk" in meeting.inner_text()

    submit(page, meeting.get_by_role("link", name="Uitnodigingen afdrukken"))
    letters = frame.locator("article.invitation")
    assert letters.count() == 2
    anja = letters.filter(has_text="Beste Anja Hoekstra-de Vries,").inner_text()
    assert "10 december 2026 14:00 tot 15:30" in anja and "Wie rijdt Ingrid naar het koor?" in anja
    checked_axe(page, "32-meeting-invitations")
    page.emulate_media(media="print")
    assert frame.locator(".workspace-nav").is_hidden() and letters.first.is_visible()
    screenshot(page, "32-meeting-invitations-print")
    page.emulate_media(media="screen")

    frame = go(page, "meetings")
    meeting = frame.locator("li.meeting", has_text="Netwerkberaad van 10 december 2026 14:00")
    submit(page, meeting.get_by_role("link", name="Beraad vastleggen"))
    form = frame.locator("form.meeting-record-form")
    assert form.get_by_label("Anja Hoekstra-de Vries", exact=True).is_checked()
    form.get_by_label("Els van Dijk", exact=True).uncheck()  # she could not come
    first = form.locator("fieldset.agreement").nth(0)
    first.get_by_label("Afspraak 1: wat is afgesproken", exact=True).fill("Anja belt Ingrid elke dinsdagavond.")
    first.get_by_label("Kernhandeling", exact=True).select_option(label="Verzekeren")
    second = form.locator("fieldset.agreement").nth(1)
    second.get_by_label("Afspraak 2: wat is afgesproken", exact=True).fill("Ingrid zoekt zelf een zangles uit.")
    second.get_by_label("Kernhandeling", exact=True).select_option(label="Versterken")
    second.get_by_label("Wie het doet", exact=True).select_option(label="Ingrid de Vries")
    submit(page, form.get_by_role("button", name="Beraad en afspraken opslaan"))  # agreement 1: nobody does it

    summary = frame.get_by_role("alert")
    assert "Kies wie het doet." in summary.inner_text()
    assert frame_of(page).evaluate("() => document.activeElement.id") == summary.get_attribute("id")
    assert "Kies wie het doet." in frame.locator("#performer_1-error").inner_text()  # beside the field
    form = frame.locator("form.meeting-record-form")
    assert form.locator("#text_1").input_value() == "Anja belt Ingrid elke dinsdagavond."
    assert form.locator("#text_2").input_value() == "Ingrid zoekt zelf een zangles uit."
    assert not form.get_by_label("Els van Dijk", exact=True).is_checked()
    checked_axe(page, "33-meeting-record-error")
    form.locator("#performer_1").select_option(label="Anja Hoekstra-de Vries")
    submit(page, form.get_by_role("button", name="Beraad en afspraken opslaan"))

    assert "Het netwerkberaad is vastgelegd" in frame.get_by_role("status").first.inner_text()
    held = frame.locator("li.meeting", has_text="Netwerkberaad van 10 december 2026 14:00")
    assert "Gehouden" in held.inner_text() and "Aanwezig: Anja Hoekstra-de Vries" in held.inner_text()
    checked_axe(page, "34-meeting-held")

    frame = go(page, "plan")
    for text in ("Anja belt Ingrid elke dinsdagavond.", "Ingrid zoekt zelf een zangles uit."):
        activity = frame.locator("li.activity", has_text=text)
        assert activity.get_by_role("link", name="Afgesproken in een netwerkberaad").count() == 1
    assert "Anja Hoekstra-de Vries" in frame.locator("li.activity", has_text="Anja belt").inner_text()
    checked_axe(page, "35-meeting-plan")
    screenshot(page, "35-meeting-plan")
    assert not csp.refusals
