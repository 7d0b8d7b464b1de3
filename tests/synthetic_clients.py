"""Clients to put on a test server: the example client Ingrid under fresh ids, and synthetic networks of any size.

Every resource keeps its profile and stays valid, since the test server validates writes. Used by the tests and by
``bench/client.py``.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

EXAMPLE_DIR = Path(__file__).resolve().parents[1] / "profiles" / "package" / "example"
PICTURE_TYPES = (
    "Patient", "RelatedPerson", "Observation", "CarePlan", "Goal", "CareTeam", "Consent", "Appointment", "Encounter"
)


def _example(name: str) -> dict[str, Any]:
    resource: dict[str, Any] = json.loads((EXAMPLE_DIR / name).read_text(encoding="utf-8"))
    return resource


def _renamed(resources: list[dict[str, Any]], suffix: str) -> list[dict[str, Any]]:
    """Copies with ``-suffix`` added to every id, and every reference between them rewritten to match."""
    renames = {f"{r['resourceType']}/{r['id']}": f"{r['resourceType']}/{r['id']}-{suffix}" for r in resources}

    def rewrite(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: renames.get(v, v) if isinstance(v, str) else rewrite(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rewrite(v) for v in value]
        return value

    return [{**rewrite(r), "id": f"{r['id']}-{suffix}"} for r in resources]


def example_client(suffix: str) -> list[dict[str, Any]]:
    """Ingrid de Vries with her network, tie assessments, ratings, plan, goals, care team, consents and network
    meeting (with her home visits)."""
    names = sorted(p.name for p in EXAMPLE_DIR.glob("*-ingrid-*.json") if p.name.split("-", 1)[0] in PICTURE_TYPES)
    return _renamed([_example(n) for n in names], suffix)


def example_professionals() -> list[dict[str, Any]]:
    """The example Practitioners and Organizations under their own ids (PUT them before a client that points at
    them: HAPI follows ``_include`` only to resources that existed when the pointing resource was stored)."""
    names = sorted(p.name for p in EXAMPLE_DIR.glob("*.json") if p.name.startswith(("Practitioner-", "Organization-")))
    return [_example(n) for n in names]


def synthetic_client(patient_id: str, members: int) -> list[dict[str, Any]]:
    """A Patient with ``members`` network members, each with one tie assessment."""
    patient = {**_example("Patient-ingrid-de-vries.json"), "id": patient_id}
    member_template = _example("RelatedPerson-ingrid-sister-anja.json")
    assessment_template = _example("Observation-ingrid-tie-anja-2026-09-14.json")
    resources = [patient]
    for number in range(members):
        member = copy.deepcopy(member_template)
        member["id"] = f"{patient_id}-m{number}"
        member["patient"] = {"reference": f"Patient/{patient_id}"}
        member["name"] = [{"family": f"Lid {number}", "given": ["Netwerk"]}]
        assessment = copy.deepcopy(assessment_template)
        assessment["id"] = f"{patient_id}-t{number}"
        assessment["subject"] = {"reference": f"Patient/{patient_id}"}
        assessment["focus"] = [{"reference": f"RelatedPerson/{member['id']}"}]
        resources += [member, assessment]
    return resources


def put_transaction(resources: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """A transaction Bundle that PUTs each resource under its id."""
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {"resource": r, "request": {"method": "PUT", "url": f"{r['resourceType']}/{r['id']}"}} for r in resources
        ],
    }
