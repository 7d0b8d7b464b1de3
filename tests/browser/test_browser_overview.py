"""The overview, where every launch lands: an EHR launch in the sandbox's cross-site iframe at 1280x800 opens it,
it fits without scrolling sideways, axe-core finds no violations at all, and its links lead into each page."""

from __future__ import annotations

from browser_stack import Stack, frame_of, fresh_client, go, launch
from flask import Flask
from playwright.sync_api import Page
from workspace_support import CspWatch, axe_violations, new_client, save_axe_report, screenshot

from srh_fhir.terminology import BasicNeed

PAGES = {  # the overview's links and the page each leads to (its navigation item)
    "Naar de netwerkkaart": "Netwerk",
    "Naar de basisbehoeften": "Basisbehoeften",
    "Naar het plan": "Plan",
    "Sociaal systeem": "Sociaal systeem",
    "Werkrelatie": "Werkrelatie",
    "Veranderingen": "Veranderingen",
    "Exemplaar voor de cliënt": "Exemplaar voor de cliënt",
}


def test_the_ehr_launch_lands_on_the_overview(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    csp = CspWatch(page)
    frame = launch(page, stack, patient=fresh_client(stack))
    assert frame_of(page).url.endswith("/")  # /l/<launch-key>/, the overview
    assert frame.locator("main h1").inner_text() == "Ingrid de Vries"
    assert frame.locator("nav.workspace-nav a[aria-current=page]").inner_text() == "Overzicht"
    assert frame.locator("nav.workspace-nav li").first.inner_text() == "Overzicht"
    network = frame.locator("[data-part=network]")
    assert network.locator(".overview-count").inner_text().startswith("6 personen in het netwerk")
    assert network.locator("[data-tally=sector] dt").count() == 6
    assert frame.locator("[data-part=plan] [data-core-action]").count() == 4
    assert "koffie drinken" in frame.locator("[data-core-action=strengthen]").inner_text()

    violations = axe_violations(frame_of(page))
    save_axe_report("00-overview", violations)
    assert violations == []  # none at all, whatever their impact
    assert not csp.refusals
    overflow = frame_of(page).evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0  # no sideways scrolling in a 1280x800 EHR
    screenshot(page, "00-overview")

    for link, current in PAGES.items():
        frame = go(page, "")
        with frame_of(page).expect_navigation(wait_until="load"):
            frame.locator("main .overview a", has_text=link).first.click()
        assert frame.locator("nav.workspace-nav a[aria-current=page]").inner_text() == current, link


def test_the_overview_in_english_for_a_client_with_no_network(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    launch(page, stack, patient=new_client(stack.fhir_base))
    frame = go(page, "?lang=en")
    assert frame.locator("nav.workspace-nav a[aria-current=page]").inner_text() == "Overview"
    assert frame.locator("html").get_attribute("lang") == "en"
    assert frame.locator("main h1").inner_text() == "Sara Jansen"
    assert "No one in the network yet." in frame.locator("[data-part=network]").inner_text()
    assert frame.locator("[data-part=needs] li[data-need]").count() == len(BasicNeed)  # nobody meets any need yet
    assert "No plan yet." in frame.locator("[data-part=plan]").inner_text()
    assert axe_violations(frame_of(page)) == []
    screenshot(page, "00-overview-english-1024")
