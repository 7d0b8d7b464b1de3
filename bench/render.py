"""Server-side rendering of the clinician's workspace pages: a client with 100 network members and 30 goals against
a client with 10 members (and 3 goals) as the baseline, measured in the same run.

What is timed is everything the app does for a page after the FHIR answer arrived: mapping the picture to domain
objects, the analysis, the view models and the Jinja templates (network map, basic needs, plan, social system, client
copy), with the views' own render functions, inside a request context of the real app with a launch in ``g``. The
FHIR round trip is left out on purpose: it is one request whatever the size (``bench.client`` measures it), so this
figure isolates what grows with the network. Most of it is ``srh_fhir.mapping`` (the residue of unmodelled content).
"""

from __future__ import annotations

import copy
import datetime
import statistics
import tempfile
import time
from typing import Any

from flask import Flask, g

from smart_app import create_app
from smart_app.config import AppSettings
from smart_app.records import Launch
from smart_app.scopes import Permissions
from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import client_copy, needs, network, overview, plan, social_system
from smart_app.workspace.pages.frame import workspace_of
from srh_fhir.repository import ClientPicture
from srh_fhir.terminology import BasicNeed, Closeness, CoreAction, NetworkSector, Valence
from tests.synthetic_clients import _example, synthetic_client

REPEATS = 30
PAGES = ("overview", "network", "needs", "plan", "social", "print")
SCOPE = "launch openid fhirUser patient/*.cruds"


def synthetic_picture(patient_id: str, members: int, goals: int) -> ClientPicture:
    """A client with ``members`` members spread over sectors, rings and valences, and a plan with ``goals`` goals
    (one activity each, every third one done by a network member)."""
    resources = synthetic_client(patient_id, members)
    patient, rest = resources[0], resources[1:]
    sectors, rings, valences = list(NetworkSector), list(Closeness), list(Valence)
    needs = list(BasicNeed)
    member_refs = []
    for resource in rest:
        number = int(resource["id"].rsplit("-", 1)[1][1:])
        if resource["resourceType"] == "RelatedPerson":
            member_refs.append(f"RelatedPerson/{resource['id']}")
            for extension in resource.get("extension", []):
                if "valueCoding" in extension:
                    extension["valueCoding"] = {**extension["valueCoding"], "code": sectors[number % 7].value}
                    extension["valueCoding"].pop("display", None)
        else:
            for component in resource["component"]:
                code = component["code"]["coding"][0]["code"]
                value = component.get("valueCodeableConcept", {}).get("coding", [{}])[0]
                if code == "closeness":
                    value.update(code=rings[number % 3].value)
                    value.pop("display", None)
                if code == "valence":
                    value.update(code=valences[number % 3].value)
                    value.pop("display", None)
                if code == "basic-need-met" and number % 2:
                    value.update(code=needs[number % 5].value)
                    value.pop("display", None)
    plan_resources = _plan(patient_id, goals, member_refs)
    picture = ClientPicture(patient=patient, strategy="synthetic")
    picture.members = [r for r in rest if r["resourceType"] == "RelatedPerson"]
    picture.observations = [r for r in rest if r["resourceType"] == "Observation"]
    picture.plans = [r for r in plan_resources if r["resourceType"] == "CarePlan"]
    picture.goals = [r for r in plan_resources if r["resourceType"] == "Goal"]
    return picture


def _plan(patient_id: str, goals: int, members: list[str]) -> list[dict[str, Any]]:
    goal_template = _example("Goal-ingrid-goal-choir.json")
    plan = copy.deepcopy(_example("CarePlan-ingrid-support-plan.json"))
    actions = list(CoreAction)
    plan.update(id=f"{patient_id}-plan", subject={"reference": f"Patient/{patient_id}"}, goal=[], activity=[])
    plan.pop("careTeam", None)
    plan["contributor"] = [{"reference": f"Patient/{patient_id}"}]
    made = [plan]
    for number in range(goals):
        goal = copy.deepcopy(goal_template)
        goal.update(id=f"{patient_id}-g{number}", subject={"reference": f"Patient/{patient_id}"})
        goal["expressedBy"] = {"reference": f"Patient/{patient_id}"}
        goal["description"] = {"text": f"Doel {number} in eigen woorden van de cliënt"}
        made.append(goal)
        plan["goal"].append({"reference": f"Goal/{goal['id']}"})
        performer = members[number % len(members)] if number % 3 == 0 and members else "Practitioner/p-1"
        plan["activity"].append(
            {
                "detail": {
                    "code": {
                        "coding": [
                            {
                                "system": "https://srh-fhir.github.io/fhir/CodeSystem/srh-core-action",
                                "code": actions[number % 4].value,
                            }
                        ]
                    },
                    "status": "in-progress",
                    "description": f"Activiteit {number}",
                    "goal": [{"reference": f"Goal/{goal['id']}"}],
                    "performer": [{"reference": performer}, {"reference": f"Patient/{patient_id}"}],
                }
            }
        )
    return made


def bench_app() -> Flask:
    settings = AppSettings(
        secret_key="bench-secret-key-0123456789abcdef0123",
        client_id="srh-public",
        allowed_issuers=("http://localhost:8081/fhir",),
        session_dir=tempfile.mkdtemp(prefix="srh-bench-sessions-"),
    )
    return create_app({"SRH_SETTINGS": settings, "TESTING": True})


def _launch(patient_id: str) -> Launch:
    return Launch(
        key="bench",
        session_hash="bench",
        endpoints={"issuer": "http://localhost:8081/fhir", "authorization_endpoint": "", "token_endpoint": ""},
        access_token="not-used",
        expires_at=time.time() + 3600,
        scope=SCOPE,
        patient=patient_id,
        fhir_user="Practitioner/p-1",
        need_patient_banner=True,
    )


def render_pages(app: Flask, picture: ClientPicture, day: datetime.date) -> dict[str, str]:
    """Every page's HTML for ``picture``, rendered as the views do, minus the FHIR call."""
    patient_id = str(picture.patient["id"])
    html = {}
    for page in PAGES:
        with app.test_request_context(f"/l/bench/{page}", headers={"Accept-Language": "nl"}):
            g.launch = _launch(patient_id)
            g.permissions = Permissions(SCOPE)
            ws: Workspace = workspace_of(picture.to_domain())
            ws.day = day
            html[page] = _render(page, ws)
    return html


def _render(page: str, ws: Workspace) -> str:
    renderers = {
        "overview": overview.render_overview,
        "network": network.render_network,
        "needs": needs.render_needs,
        "plan": plan.render_plan,
        "social": social_system.render_social,
        "print": client_copy.render_print,
    }
    html, _ = renderers[page](ws)
    return html


def _timings(app: Flask, picture: ClientPicture, day: datetime.date) -> list[float]:
    render_pages(app, picture, day)  # warm the template cache
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        render_pages(app, picture, day)
        times.append((time.perf_counter() - started) * 1000 / len(PAGES))
    return times


def run() -> dict[str, float]:
    app = bench_app()
    day = datetime.date(2026, 11, 28)
    large = _timings(app, synthetic_picture("bench-render-100", 100, 30), day)
    small = _timings(app, synthetic_picture("bench-render-10", 10, 3), day)
    median_100, median_10 = statistics.median(large), statistics.median(small)
    return {
        "render_ms_median_100": round(median_100, 2),
        "render_ms_p95_100": round(statistics.quantiles(large, n=20)[18], 2),
        "render_ms_median_10": round(median_10, 2),
        "render_ratio_100_vs_10": round(median_100 / median_10, 2),
    }
