"""The launch patient's compartment, for the resource types the SRH app uses.

A resource is in the compartment of Patient/<id> when its owning reference points there: ``RelatedPerson.patient``,
``Consent.patient``, ``subject`` of Observation, CarePlan, Goal, CareTeam and Encounter, the participant of an
Appointment that is a Patient, a ``target`` of a Provenance (FHIR's compartment: ``Provenance.patient``, the targets
that are Patients), or it is that Patient.
(The sandbox is stricter than FHIR's CompartmentDefinition: a performer or participant link does not count.)
Shared, non-clinical types (Practitioner, Organization...) may be read with patient scopes but not written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

OWNING_FIELD = {
    "RelatedPerson": "patient",
    "Observation": "subject",
    "CarePlan": "subject",
    "Goal": "subject",
    "CareTeam": "subject",
    "Consent": "patient",
    "Encounter": "subject",
    "Appointment": "participant.actor",
    "Provenance": "target",
}
COMPARTMENT_TYPES = frozenset({"Patient", *OWNING_FIELD})
# The search parameters that confine a search to one patient, per type.
PATIENT_SEARCH_PARAMS = {
    "Patient": ("_id",),
    "RelatedPerson": ("patient",),
    "Observation": ("subject", "patient", "subject:Patient"),
    "CarePlan": ("subject", "patient", "subject:Patient"),
    "Goal": ("subject", "patient", "subject:Patient"),
    "CareTeam": ("subject", "patient", "subject:Patient"),
    "Consent": ("patient",),
    "Encounter": ("subject", "patient", "subject:Patient"),
    "Appointment": ("patient", "actor:Patient"),
    "Provenance": ("patient", "target", "target:Patient"),
}
SHARED_TYPES = frozenset({"Practitioner", "PractitionerRole", "Organization", "Location"})
ALWAYS_ALLOWED_TYPES = frozenset({"OperationOutcome"})


def patient_id(reference: str | None, bases: Sequence[str]) -> str | None:
    """The id in a reference to a Patient (``Patient/1``, ``<base>/Patient/1``, with or without ``_history``)."""
    if not reference:
        return None
    relative = reference
    for base in bases:
        if reference.startswith(base.rstrip("/") + "/"):
            relative = reference[len(base.rstrip("/")) + 1 :]
            break
    parts = relative.split("/")
    if len(parts) in (2, 4) and parts[0] == "Patient" and parts[1] and (len(parts) == 2 or parts[2] == "_history"):
        return parts[1]
    return None


def owner(resource: Mapping[str, Any], bases: Sequence[str]) -> str | None:
    """The id of the Patient whose compartment holds ``resource``; None when it is in none."""
    resource_type = resource.get("resourceType")
    if resource_type == "Patient":
        value = resource.get("id")
        return value if isinstance(value, str) else None
    owning = OWNING_FIELD.get(str(resource_type))
    if owning is None:
        return None
    links: list[Any] = [resource]
    for step in owning.split("."):
        found = [item.get(step) for item in links if isinstance(item, Mapping)]
        links = [v for value in found for v in (value if isinstance(value, list) else [value])]
    owners = {patient_id(item.get("reference"), bases) for item in links if isinstance(item, Mapping)} - {None}
    return owners.pop() if len(owners) == 1 else None


def in_compartment(resource: Mapping[str, Any], patient: str, bases: Sequence[str]) -> bool:
    return owner(resource, bases) == patient


def readable_with_patient_scope(resource: Mapping[str, Any], patient: str | None, bases: Sequence[str]) -> bool:
    """Whether a patient-scoped token of ``patient`` may see ``resource``."""
    resource_type = resource.get("resourceType")
    if resource_type in SHARED_TYPES or resource_type in ALWAYS_ALLOWED_TYPES:
        return True
    return patient is not None and resource_type in COMPARTMENT_TYPES and in_compartment(resource, patient, bases)


def search_confined(
    resource_type: str, params: Iterable[tuple[str, str]], patient: str, bases: Sequence[str]
) -> bool:
    """Whether a search of ``resource_type`` carries a parameter that limits it to ``patient`` alone.

    Repeated parameters are ANDed, so one confining occurrence is enough; comma-separated values are ORed, so every
    value of that occurrence must name the patient.
    """
    names = PATIENT_SEARCH_PARAMS.get(resource_type, ())
    for name, value in params:
        if name not in names:
            continue
        values = value.split(",")
        if name == "_id":
            if values == [patient]:
                return True
            continue
        if all((patient_id(v, bases) or (v if "/" not in v else None)) == patient for v in values):
            return True
    return False


def resources_in(document: Any) -> Iterator[Mapping[str, Any]]:
    """Every resource in a response body: the body itself, and the entries of (nested) Bundles."""
    if not isinstance(document, Mapping) or "resourceType" not in document:
        return
    if document["resourceType"] != "Bundle":
        yield document
        return
    for entry in document.get("entry", []):
        if isinstance(entry, Mapping):
            yield from resources_in(entry.get("resource"))
            response = entry.get("response")
            if isinstance(response, Mapping):
                yield from resources_in(response.get("outcome"))
