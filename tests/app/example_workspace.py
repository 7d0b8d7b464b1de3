"""The example client Ingrid's workspace built in memory from the profile package's examples (no server)."""

from __future__ import annotations

from datetime import date

from synthetic_clients import example_client

from smart_app.workspace.context import Labels, Workspace
from smart_app.workspace.people import Language
from srh_fhir.repository import ClientPicture

SANNE = "Practitioner/practitioner-sanne-bakker"


def example_workspace(day: date, labels: Labels, language: Language = "en") -> Workspace:
    """Ingrid's picture as one request's workspace on ``day``, signed in as Sanne Bakker."""
    resources = example_client("m")
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    picture = ClientPicture(patient=patient)
    kinds = {
        "RelatedPerson": picture.members,
        "Observation": picture.observations,
        "CarePlan": picture.plans,
        "Goal": picture.goals,
        "CareTeam": picture.care_teams,
        "Consent": picture.consents,
    }
    for resource in resources:
        if resource is not patient and resource["resourceType"] in kinds:
            kinds[resource["resourceType"]].append(resource)
    return Workspace(picture.to_domain(), day, language, labels, SANNE, "Sanne Bakker")
