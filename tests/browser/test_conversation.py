"""A whole conversation, as a clinician has it: launched from the sandbox EHR into its iframe at 1280x800, in Dutch,
for a client with a network of 28. Open the client; add a member (first with a missing choice: the error summary,
focused, links to the field, nothing typed is lost); rate a tie; correct a member entered by mistake (undo offered);
end a relationship with a date and a reason; look at the basic needs; build a plan under the four core actions with a
network member doing part; mark one activity done and cancel another; change the social system; compare two dates;
open the client's copy. On the way the FHIR server goes down once (the form comes back with what was typed) and a
colleague changes the plan meanwhile (the conflict page shows both versions; the clinician's change is applied on top).

Then the resources are read back from the FHIR server, checked for what the conversation did and validated against
the profiles. axe-core checks every page, the error states included. Each step saves a screenshot: under
build/screenshots/, or, with ``SRH_SCREENSHOTS`` set (``make screenshots``), the README's set into that folder.
Selectors are roles and labels, as a person finds things.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from browser_stack import Stack, app_frame, frame_of, launch, start_app
from playwright.sync_api import FrameLocator, Locator, Page
from servers import free_port
from synthetic_clients import put_transaction, synthetic_client
from workspace_support import ROOT, SCREENSHOTS, CspWatch, assert_apart, axe_violations, save_axe_report

from smart_app.workspace.dates import long_date
from srh_fhir.client import FHIRClient
from srh_fhir.validation import Validator, has_errors

# Ingrid's network of 28 (the synthetic client, with names, parts of life and closeness of their own).
NAMES = (
    "Anja Hoekstra",
    "Bert de Vries",
    "Carla Smit",
    "Dirk Mulder",
    "Els Bos",
    "Frank Visser",
    "Greet Meijer",
    "Hans de Boer",
    "Ilse Peters",
    "Jan Jansen",
    "Karin Dekker",
    "Leo van Dijk",
    "Mieke Brouwer",
    "Niels de Graaf",
    "Olga Vos",
    "Paul Kok",
    "Rianne Jacobs",
    "Sander de Wit",
    "Tineke Vermeulen",
    "Uri Schouten",
    "Vera Willems",
    "Wim Hendriks",
    "Yvonne van Leeuwen",
    "Zeger Dijkstra",
    "Anouk Post",
    "Bas Kuiper",
    "Cor Huisman",
    "Dina Koster",
)
SECTORS = ("family", "leisure", "work", "neighbourhood", "faith", "care-volunteers", "school")
CLOSENESS = ("very-close", "close", "distant", "close")
# The steps whose screenshots go into docs/screenshots (``make screenshots``), by the name the README uses.
DOCS = {
    "01-overview": "01-overview",
    "02-member-error": "02-member-error",
    "03-network-map": "network-map",
    "04-tie-assessed": "04-tie-assessed",
    "05-entered-by-mistake-undo": "05-entered-by-mistake-undo",
    "07-basic-needs": "basic-needs",
    "08-fhir-server-down": "08-fhir-server-down",
    "09-plan-conflict": "09-plan-conflict",
    "09-plan": "plan",
    "11-social-system": "11-social-system",
    "12-changes": "12-changes",
    "13-client-copy": "13-client-copy",
}
GOALS = {
    "Verbinden": "Ik wil dat mijn begeleider mijn zus leert kennen.",
    "Verstaan": "Ik wil samen uitzoeken wat mij energie geeft.",
    "Verzekeren": "Ik wil 's avonds iemand kunnen bellen als het misgaat.",
    "Versterken": "Ik wil elke week met iemand gaan wandelen.",
}
GOAL_LABEL = "Het doel in de eigen woorden van de cliënt"
CORE_ACTION_CODES = {
    "Verbinden": "connect",
    "Verstaan": "understand",
    "Verzekeren": "secure",
    "Versterken": "strengthen",
}


@dataclasses.dataclass
class Conversation:
    """The browser page with the app in its iframe, and what the checks found on the way."""

    page: Page
    csp: CspWatch
    violations: dict[str, list[dict[str, Any]]] = dataclasses.field(default_factory=dict)

    @property
    def frame(self) -> FrameLocator:
        return app_frame(self.page)

    def check(self, step: str, at: Locator | None = None) -> None:
        """axe-core on the page as it is now, and its screenshot (scrolled to ``at``, else to the top)."""
        found = axe_violations(frame_of(self.page))
        save_axe_report(step, found)
        if found:
            self.violations[step] = found
        folder = os.environ.get("SRH_SCREENSHOTS")
        if folder is None:
            self.screenshot(SCREENSHOTS / f"{step}.png", at)
        elif step in DOCS:
            self.screenshot(ROOT / folder / f"{DOCS[step]}.png", at)

    def screenshot(self, path: Path, at: Locator | None) -> None:
        """The EHR page with the app in its iframe, the app scrolled to show ``at``."""
        if at is None:
            frame_of(self.page).evaluate("() => window.scrollTo(0, 0)")
        else:
            at.evaluate("element => element.scrollIntoView({block: 'start'})")
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path))

    def submit(self, button: Locator) -> None:
        """Click a button that sends a form, and wait for the page it leads to."""
        with frame_of(self.page).expect_navigation(wait_until="load"):
            button.click()

    def open(self, page_name: str) -> FrameLocator:
        """A page of the workspace, through its navigation."""
        nav = self.frame.get_by_role("navigation", name="Werkruimte")
        self.submit(nav.get_by_role("link", name=page_name, exact=True))
        return self.frame

    def form(self, button: str) -> Locator:
        """The form sent with the button of this name."""
        return self.frame.locator("form").filter(has=self.frame.get_by_role("button", name=button, exact=True))

    def notice(self) -> str:
        return self.frame.get_by_role("status").first.inner_text()


def member(number: int) -> str:
    return NAMES[number]


def ingrids_network(patient: str) -> list[dict[str, Any]]:
    """The synthetic client with a name, part of life and closeness for each member (a map worth a screenshot)."""
    resources = synthetic_client(patient, len(NAMES))
    members = [r for r in resources if r["resourceType"] == "RelatedPerson"]
    assessments = [r for r in resources if r["resourceType"] == "Observation"]
    for number, (person, assessment) in enumerate(zip(members, assessments, strict=True)):
        given, family = NAMES[number].split(" ", 1)
        person["name"] = [{"given": [given], "family": family}]
        person["extension"][0]["valueCoding"] = {**person["extension"][0]["valueCoding"], "code": SECTORS[number % 7]}
        person["extension"][0]["valueCoding"].pop("display", None)
        person["relationship"] = [{"text": "kennis"}] if number % 7 else person["relationship"]
        person.pop("telecom", None)
        closeness = next(c for c in assessment["component"] if c["code"]["coding"][0]["code"] == "closeness")
        closeness["valueCodeableConcept"]["coding"][0]["code"] = CLOSENESS[number % 4]
        closeness["valueCodeableConcept"]["coding"][0].pop("display", None)
    return resources


def open_member(talk: Conversation, name: str) -> FrameLocator:
    talk.open("Netwerk")
    talk.submit(talk.frame.get_by_role("table").get_by_role("link", name=name, exact=True))
    assert talk.frame.get_by_role("heading", level=1).inner_text() == name
    return talk.frame


@contextmanager
def fhir_server_down(stack: Stack) -> Iterator[None]:
    """The sandbox's FHIR server unreachable (a closed port behind the proxy) for a while."""
    sandbox = stack.sandbox
    config = sandbox.config
    sandbox.config = dataclasses.replace(config, fhir_upstream=f"http://127.0.0.1:{free_port()}/fhir")
    try:
        yield
    finally:
        sandbox.config = config


def add_member_with_a_missing_choice(talk: Conversation) -> None:
    frame = talk.open("Netwerk")
    form = talk.form("Toevoegen aan het netwerk")
    form.get_by_label("Voornaam", exact=True).fill("Willem")
    form.get_by_label("Achternaam", exact=True).fill("Bakker")
    form.get_by_label("Relatie (bijv. zus, buurman)", exact=True).fill("opa")
    form.get_by_label("Hoe dichtbij", exact=True).select_option(label="Zeer dichtbij")
    form.get_by_label("Notitie", exact=True).fill("Belt elke zondag")
    talk.submit(form.get_by_role("button", name="Toevoegen aan het netwerk"))  # no part of life chosen
    summary = frame.get_by_role("alert")
    assert summary.get_by_role("heading").inner_text() == "Er is een probleem"
    assert frame_of(talk.page).evaluate("() => document.activeElement.id") == summary.get_attribute("id")
    link = summary.get_by_role("link", name="Kies het levensgebied.")
    talk.check("02-member-error")
    form = talk.form("Toevoegen aan het netwerk")
    assert form.get_by_label("Voornaam", exact=True).input_value() == "Willem"
    assert form.get_by_label("Achternaam", exact=True).input_value() == "Bakker"
    assert form.get_by_label("Relatie (bijv. zus, buurman)", exact=True).input_value() == "opa"
    assert form.get_by_label("Hoe dichtbij", exact=True).input_value() == "very-close"
    assert form.get_by_label("Notitie", exact=True).input_value() == "Belt elke zondag"
    link.click()
    sector = form.get_by_label("Levensgebied", exact=True)
    assert frame_of(talk.page).evaluate("() => document.activeElement.id") == sector.get_attribute("id")
    sector.select_option(label="Familie")
    talk.submit(form.get_by_role("button", name="Toevoegen aan het netwerk"))
    assert talk.notice() == "Willem is toegevoegd aan het netwerk."
    assert frame.get_by_role("alert").count() == 0
    assert frame.get_by_role("table").get_by_role("link", name="Willem Bakker", exact=True).count() == 1
    talk.check("03-network-map")


def rate_a_tie_and_agree_to_take_part(talk: Conversation, name: str) -> None:
    frame = open_member(talk, name)
    form = talk.form("Beoordeling opslaan")
    form.get_by_label("Hoe dichtbij", exact=True).select_option(label="Dichtbij")
    form.get_by_label("Hoe de relatie voelt", exact=True).select_option(label="Wisselend")
    form.get_by_label("Geven en ontvangen", exact=True).select_option(label="Wederzijds")
    form.get_by_label("Notitie", exact=True).fill("Komt vaker langs sinds de verhuizing")
    talk.submit(form.get_by_role("button", name="Beoordeling opslaan"))
    assert "Komt vaker langs sinds de verhuizing" in frame.get_by_role("table").first.inner_text()
    consent = talk.form("De keuze van de cliënt vastleggen")
    consent.get_by_label("stemt ermee in dat deze persoon betrokken is", exact=True).check()
    consent.get_by_label("Meedoen", exact=True).check()
    talk.submit(consent.get_by_role("button", name="De keuze van de cliënt vastleggen"))
    talk.check("04-tie-assessed", frame.get_by_role("heading", name="Beoordelingen van de relatie (geschiedenis)"))


def correct_a_member_entered_by_mistake(talk: Conversation, name: str) -> None:
    open_member(talk, name)
    talk.submit(talk.frame.get_by_role("button", name="Verwijderen: per vergissing ingevoerd…"))
    talk.check("05-entered-by-mistake-confirm")
    talk.submit(talk.frame.get_by_role("button", name="Ja, verwijderen als per vergissing ingevoerd"))
    frame = talk.frame
    assert f"{name} is uit het netwerk verwijderd: per vergissing ingevoerd." in frame.locator("main").inner_text()
    assert frame.get_by_role("button", name="Ongedaan maken").count() == 1
    assert frame.get_by_role("table").get_by_role("link", name=name, exact=True).count() == 0
    talk.check("05-entered-by-mistake-undo")


def font_size(element: Locator) -> str:
    return str(element.evaluate("element => getComputedStyle(element).fontSize"))


def end_a_relationship(talk: Conversation, name: str, day: datetime.date) -> None:
    open_member(talk, name)
    form = talk.form("Relatie beëindigen…")
    form.get_by_label("Beëindigd op", exact=True).fill(day.isoformat())
    form.get_by_label("Waarom de relatie is beëindigd (niet verplicht)", exact=True).fill("Verhuisd naar Groningen")
    talk.submit(form.get_by_role("button", name="Relatie beëindigen…"))
    talk.check("06-end-tie-confirm")
    confirm = talk.frame.locator("section.confirm")
    assert f"Beëindigd op\n{long_date(day, 'nl')}" in confirm.inner_text()  # not the ISO date of the field
    assert_apart(confirm.get_by_role("button", name="Ja, relatie beëindigen"), confirm.get_by_role("link"))
    assert font_size(confirm.get_by_role("button")) == font_size(confirm.locator("p").first)  # not the browser's 13px
    talk.submit(talk.frame.get_by_role("button", name="Ja, relatie beëindigen"))
    frame = talk.open("Netwerk")
    assert frame.get_by_role("table").get_by_role("link", name=name, exact=True).count() == 0
    assert frame.get_by_role("listitem").filter(has_text="beëindigd op").get_by_role("link", name=name).count() == 1


def colleague_renames_the_plan(stack: Stack, patient: str) -> None:
    with FHIRClient(stack.fhir_base) as fhir:
        (plan,) = [
            r for r in fhir.search("CarePlan", {"subject": f"Patient/{patient}"}) if r["resourceType"] == "CarePlan"
        ]
        fhir.update({**plan, "title": "Plan van Ingrid (door een collega)"})


def build_the_plan(talk: Conversation, stack: Stack, patient: str, performer: str) -> None:
    talk.open("Basisbehoeften")
    talk.check("07-basic-needs", talk.frame.get_by_role("heading", level=1))
    frame = talk.open("Plan")
    for action, text in GOALS.items():
        form = talk.form("Doel toevoegen")
        form.get_by_label(GOAL_LABEL, exact=True).fill(text)
        form.get_by_label("Kernhandeling", exact=True).select_option(label=action)
        if action == "Versterken":  # the FHIR server goes down just then: nothing typed is lost
            with fhir_server_down(stack):
                talk.submit(form.get_by_role("button", name="Doel toevoegen"))
            assert frame.get_by_role("alert").count() == 1
            assert frame.get_by_role("heading", level=1).inner_text() == "Nog niet opgeslagen"
            assert text in frame.locator("main").inner_text()
            talk.check("08-fhir-server-down")
            talk.submit(frame.get_by_role("button", name="Opnieuw proberen"))  # the server is back
        else:
            talk.submit(form.get_by_role("button", name="Doel toevoegen"))
        assert frame.get_by_role("alert").count() == 0
    for description, doers in (
        ("Wekelijkse wandeling door het park", [f"{performer} (netwerklid)", "Ingrid de Vries (cliënt)"]),
        ("Samen de netwerkkaart bespreken", ["Ingrid de Vries (cliënt)"]),
        ("Naar de inloop van het buurthuis", ["Ingrid de Vries (cliënt)"]),
    ):
        form = talk.form("Activiteit toevoegen")
        form.get_by_label("Kernhandeling", exact=True).select_option(label="Versterken")
        form.get_by_label("Wat er gedaan wordt", exact=True).fill(description)
        for doer in doers:
            form.get_by_label(doer, exact=True).check()
        if description.startswith("Naar de inloop"):  # meanwhile a colleague renames the plan
            colleague_renames_the_plan(stack, patient)
            talk.submit(form.get_by_role("button", name="Activiteit toevoegen"))
            assert frame.get_by_role("heading", level=1).inner_text() == "Iemand anders heeft dit intussen gewijzigd"
            ours = frame.get_by_role("region", name="Uw wijziging (nog niet opgeslagen)").inner_text()
            assert description in ours and "Ingrid de Vries" in ours and "Patient/" not in ours
            talk.check("09-plan-conflict")
            talk.submit(frame.get_by_role("button", name="Mijn wijziging toepassen op de huidige versie"))
        else:
            talk.submit(form.get_by_role("button", name="Activiteit toevoegen"))
        assert frame.get_by_role("alert").count() == 0
    for action, text in GOALS.items():
        assert text in frame.locator("main").inner_text(), action
    talk.check("09-plan", frame.get_by_role("heading", name="Wie het plan dragen"))


def complete_and_cancel(talk: Conversation) -> None:
    frame = talk.frame
    talk.submit(frame.get_by_role("link", name=re.compile("^Afronden.*Samen de netwerkkaart bespreken$")))
    talk.submit(talk.form("Opslaan als afgerond").get_by_role("button", name="Opslaan als afgerond"))
    assert talk.notice() == "De activiteit is afgerond."
    talk.submit(frame.get_by_role("link", name=re.compile("^Annuleren.*Naar de inloop van het buurthuis$")))
    cancel = talk.form("Activiteit annuleren")
    cancel.get_by_label("Waarom wordt het geannuleerd?", exact=True).fill("De inloop is gestopt")
    talk.check("10-activity-cancel")
    talk.submit(cancel.get_by_role("button", name="Activiteit annuleren"))
    assert "Reden: De inloop is gestopt" in frame.locator("main").inner_text()
    talk.check("10-activity-cancelled", frame.get_by_role("heading", name="Versterken", exact=True).first)


def change_the_social_system(talk: Conversation, names: list[str]) -> None:
    frame = talk.open("Sociaal systeem")
    for name in names:
        form = talk.form("Toevoegen aan het sociaal systeem")
        form.get_by_label("Wie", exact=True).select_option(label=name)
        talk.submit(form.get_by_role("button", name="Toevoegen aan het sociaal systeem"))
    first, second = names
    role = frame.get_by_label(f"Rol van {first}", exact=True)
    role.select_option(label="Sleutelfiguur")
    talk.submit(talk.form("Rol wijzigen").filter(has=role).get_by_role("button", name="Rol wijzigen"))
    assert "Sleutelfiguur" in frame.get_by_role("row").filter(has_text=first).first.inner_text()
    talk.submit(frame.get_by_role("link", name=f"{second} verwijderen"))
    talk.check("11-social-system-remove-confirm")
    talk.submit(frame.get_by_role("button", name=f"Ja, {second} verwijderen"))
    talk.check("11-social-system", frame.get_by_role("heading", level=1))


def compare_two_dates(talk: Conversation, since: datetime.date) -> None:
    frame = talk.open("Veranderingen")
    frame.get_by_label("Van", exact=True).fill(since.isoformat())
    frame.get_by_label("Tot", exact=True).fill(datetime.date.today().isoformat())
    talk.submit(frame.get_by_role("button", name="Tonen"))
    changes = frame.get_by_role("heading", name="Wat er veranderde")
    assert changes.count() == 1
    assert member(3) in frame.locator("main").inner_text()  # the tie that ended
    talk.check("12-changes", changes)


def stored(fhir_base: str, patient: str) -> dict[str, list[dict[str, Any]]]:
    """The client's resources on the FHIR server, by type (plain searches on the patient)."""
    found: dict[str, list[dict[str, Any]]] = {}
    with FHIRClient(fhir_base) as fhir:
        for kind, param in (
            ("RelatedPerson", "patient"),
            ("Goal", "subject"),
            ("CarePlan", "subject"),
            ("CareTeam", "subject"),
            ("Consent", "patient"),
            ("Observation", "subject"),
        ):
            found[kind] = [r for r in fhir.search(kind, {param: f"Patient/{patient}"}) if r["resourceType"] == kind]
    return found


def by_name(members: list[dict[str, Any]], name: str) -> dict[str, Any]:
    (found,) = [m for m in members if " ".join([*m["name"][0].get("given", []), m["name"][0]["family"]]) == name]
    return found


def test_a_whole_conversation(page: Page, stack: Stack, validator: Validator) -> None:
    start_app(stack)
    patient = f"client-{uuid.uuid4().hex[:10]}"
    with FHIRClient(stack.fhir_base) as fhir:
        fhir.transaction(put_transaction(ingrids_network(patient)))
    talk = Conversation(page, CspWatch(page))
    page.set_viewport_size({"width": 1280, "height": 800})
    today = datetime.date.today()

    launch(page, stack, patient=patient)
    assert talk.frame.get_by_role("heading", level=1).inner_text() == "Ingrid de Vries"
    talk.check("01-overview")
    add_member_with_a_missing_choice(talk)
    rate_a_tie_and_agree_to_take_part(talk, member(1))
    correct_a_member_entered_by_mistake(talk, member(2))
    ended_on = today - datetime.timedelta(days=7)  # a tie ended today is still current today (inclusive)
    end_a_relationship(talk, member(3), ended_on)
    build_the_plan(talk, stack, patient, member(1))
    complete_and_cancel(talk)
    change_the_social_system(talk, [member(1), "Willem Bakker"])
    compare_two_dates(talk, today - datetime.timedelta(days=30))
    talk.open("Exemplaar voor de cliënt")
    talk.check("13-client-copy")

    found = stored(stack.fhir_base, patient)
    members = found["RelatedPerson"]
    willem = by_name(members, "Willem Bakker")
    assert willem["active"] is True and willem["relationship"][0]["text"] == "opa"
    mistaken = by_name(members, member(2))
    assert mistaken["active"] is False
    assert {"system": "http://terminology.hl7.org/CodeSystem/v3-ActStatus", "code": "nullified"} in [
        {k: t.get(k) for k in ("system", "code")} for t in mistaken["meta"].get("tag", [])
    ]
    assert by_name(members, member(3))["period"]["end"] == ended_on.isoformat()
    goals = {g["description"]["text"]: g for g in found["Goal"]}
    assert set(GOALS.values()) <= set(goals)
    (plan,) = found["CarePlan"]
    assert plan["title"] == "Plan van Ingrid (door een collega)"  # their change kept, and ours applied to it
    statuses = {a["detail"]["description"]: a["detail"]["status"] for a in plan["activity"]}
    assert statuses == {
        "Wekelijkse wandeling door het park": "not-started",
        "Samen de netwerkkaart bespreken": "completed",
        "Naar de inloop van het buurthuis": "cancelled",
    }
    (walk,) = [a for a in plan["activity"] if a["detail"]["description"].startswith("Wekelijkse")]
    performer_refs = [p["reference"] for p in walk["detail"]["performer"]]
    assert f"RelatedPerson/{patient}-m1" in performer_refs
    (team,) = found["CareTeam"]
    participants = {p["member"]["reference"]: p for p in team["participant"]}
    assert "end" in participants[f"RelatedPerson/{willem['id']}"].get("period", {})
    key_figure = participants[f"RelatedPerson/{patient}-m1"]
    assert "key-figure" in [c["code"] for r in key_figure["role"] for c in r["coding"]]

    for action, text in GOALS.items():
        codes = [c["code"] for category in goals[text]["category"] for c in category["coding"]]
        assert CORE_ACTION_CODES[action] in codes, (text, codes)
    errors = {
        f"{r['resourceType']}/{r['id']}": [i for i in outcome["issue"] if i["severity"] in ("error", "fatal")]
        for resources in found.values()
        for r in resources
        if has_errors(outcome := validator.validate(r))
    }
    assert not errors, errors
    assert not talk.violations, "\n".join(
        f"{step}: {v['id']} ({v['impact']}) {v['help']} at {v['targets']}"
        for step, found_here in talk.violations.items()
        for v in found_here
    )
    assert not talk.csp.refusals, talk.csp.refusals
