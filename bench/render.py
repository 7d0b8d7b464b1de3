"""Server-side rendering of the clinician's workspace pages: a client with 100 network members and 30 goals against
a client with 10 members (and 3 goals) as the baseline, measured in the same run.

What is timed is everything the app does for a page after the FHIR answer arrived: mapping the picture to domain
objects, the analysis, the view models and the Jinja templates (network map, basic needs, plan, social system, client
copy), with the views' own render functions, inside a request context of the real app with a launch in ``g``. The
FHIR round trip is left out on purpose: it is one request whatever the size (``bench.client`` measures it), so this
figure isolates what grows with the network.

Each page (the member page: the first member's) is rendered ``BENCH_RENDER_REPEATS`` times (default 50) for each
size, the two sizes taking turns so that a busy machine slows both alike; the figures are per page the median and
the 95th percentile in milliseconds for 10 and 100 members and their ratios (``render_<page>_...``), plus the
figures over all pages together (``render_ms_median_100``, ``render_ratio_100_vs_10``, ...). ``python -m
bench.render`` prints the table.
"""

from __future__ import annotations

import copy
import datetime
import os
import statistics
import sys
import tempfile
import time
from typing import Any

from flask import Flask, g

from smart_app import create_app
from smart_app.config import AppSettings
from smart_app.records import Launch
from smart_app.scopes import Permissions
from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import client_copy, member, needs, network, overview, plan, social_system
from smart_app.workspace.pages.frame import workspace_of
from srh_fhir.repository import ClientPicture
from srh_fhir.terminology import BasicNeed, Closeness, CoreAction, NetworkSector, Valence
from tests.synthetic_clients import _example, synthetic_client

REPEATS = int(os.environ.get("BENCH_RENDER_REPEATS", "50"))
PAGES = ("overview", "network", "needs", "plan", "social", "print", "member")
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
    return {page: render_page(app, picture, day, page) for page in PAGES}


def render_page(app: Flask, picture: ClientPicture, day: datetime.date, page: str) -> str:
    """One page's HTML, from the picture as the FHIR server answered it to the HTML the view returns."""
    patient_id = str(picture.patient["id"])
    with app.test_request_context(f"/l/bench/{page}", headers={"Accept-Language": "nl"}):
        g.launch = _launch(patient_id)
        g.permissions = Permissions(SCOPE)
        ws: Workspace = workspace_of(picture.to_domain())
        ws.day = day
        if page == "member":
            html, _ = member.render_member(ws, str(picture.members[0]["id"]))
            return html
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


def _timed(app: Flask, picture: ClientPicture, day: datetime.date, page: str) -> float:
    started = time.perf_counter()
    render_page(app, picture, day, page)
    return (time.perf_counter() - started) * 1000


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18]


def measure(repeats: int = REPEATS) -> dict[str, dict[int, list[float]]]:
    """Milliseconds per render, by page and by size (10 or 100 members)."""
    app = bench_app()
    day = datetime.date(2026, 11, 28)
    pictures = {100: synthetic_picture("bench-render-100", 100, 30), 10: synthetic_picture("bench-render-10", 10, 3)}
    times: dict[str, dict[int, list[float]]] = {page: {100: [], 10: []} for page in PAGES}
    for picture in pictures.values():
        render_pages(app, picture, day)  # warm the template cache
    for page in PAGES:
        for _ in range(repeats):
            for size, picture in pictures.items():
                times[page][size].append(_timed(app, picture, day, page))
    return times


def figures(times: dict[str, dict[int, list[float]]]) -> dict[str, float]:
    """Per page and over all pages: medians and p95 for both sizes and the ratios 100 vs 10."""
    out: dict[str, float] = {}
    for page, by_size in times.items():
        for name, stat in (("median", statistics.median), ("p95", _p95)):
            large, small = stat(by_size[100]), stat(by_size[10])
            out[f"render_{page}_ms_{name}_100"] = round(large, 2)
            out[f"render_{page}_ms_{name}_10"] = round(small, 2)
            out[f"render_{page}_ratio_{name}"] = round(large / small, 2)
    per_round = {  # the mean over all pages of each round
        size: [sum(t) / len(times) for t in zip(*(t[size] for t in times.values()), strict=True)] for size in (100, 10)
    }
    out["render_ms_median_100"] = round(statistics.median(per_round[100]), 2)
    out["render_ms_p95_100"] = round(_p95(per_round[100]), 2)
    out["render_ms_median_10"] = round(statistics.median(per_round[10]), 2)
    out["render_ratio_100_vs_10"] = round(out["render_ms_median_100"] / out["render_ms_median_10"], 2)
    out["render_ratio_max"] = max(out[f"render_{page}_ratio_{n}"] for page in times for n in ("median", "p95"))
    return out


def table(out: dict[str, float]) -> str:
    """The figures of :func:`figures` as a plain-text table, one page a line."""
    head = f"{'page':<9} {'med 10':>8} {'med 100':>8} {'ratio':>6} {'p95 10':>8} {'p95 100':>8} {'ratio':>6}"
    lines = [head]
    for page in PAGES:
        cells = [f"{page:<9}"]
        for name in ("median", "p95"):
            cells += [
                f"{out[f'render_{page}_ms_{name}_10']:>8.2f}",
                f"{out[f'render_{page}_ms_{name}_100']:>8.2f}",
                f"{out[f'render_{page}_ratio_{name}']:>5.2f}x",
            ]
        lines.append(" ".join(cells))
    return "\n".join(lines)


def run() -> dict[str, float]:
    out = figures(measure())
    print(table(out), file=sys.stderr)
    return out


if __name__ == "__main__":
    print(table(figures(measure())))
