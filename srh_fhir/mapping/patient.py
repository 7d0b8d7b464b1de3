"""PatientDetails <- Patient: what is shown of the client's own Patient, read from whatever the EHR holds; and the
name shown for any other person or organisation a resource points at (``display_name_from_fhir``).

The Patient is the EHR's resource, not one of our profiles, and the app only reads it: a name, birth date or
gender that does not fit is left out rather than refused, so an EHR's odd Patient never stops a page. Only a
Patient without an id is refused (MappingError): nothing could be said about that client.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from srh_fhir.errors import MappingError
from srh_fhir.model import HumanName, PatientDetails

from . import _read as read

_PATH = "Patient"


def patient_details_from_fhir(resource: Mapping[str, Any]) -> PatientDetails:
    """The PatientDetails of a Patient; MappingError when it is not a Patient with an id."""
    r = read.check_resource(resource, _PATH)
    return PatientDetails(
        id=read.required_string(r, "id", _PATH),
        names=_names(r),
        birth_date=_string(r, "birthDate"),
        gender=_string(r, "gender"),
    )


def _names(r: read.Json) -> tuple[HumanName, ...]:
    values = r.get("name")
    found = []
    for i, value in enumerate(values if isinstance(values, list) else []):
        try:
            found.append(read.human_name(value, f"{_PATH}.name[{i}]"))
        except MappingError:
            continue
    return tuple(found)


def _string(r: read.Json, key: str) -> str | None:
    try:
        return read.string(r, key, _PATH)
    except MappingError:
        return None


def display_name_from_fhir(resource: Mapping[str, Any]) -> str:
    """The name to show for a Practitioner, Patient, RelatedPerson (their first name that says something),
    Organization (its ``name``) or PractitionerRole (the display of its practitioner or organization); "" when
    it has none. Never refuses: a professional's odd resource only loses its name."""
    if resource.get("resourceType") == "Organization":
        name = resource.get("name")
        return name.strip() if isinstance(name, str) else ""
    if resource.get("resourceType") == "PractitionerRole":
        for key in ("practitioner", "organization"):
            link = resource.get(key)
            display = link.get("display") if isinstance(link, Mapping) else None
            if isinstance(display, str) and display.strip():
                return display.strip()
        return ""
    values = resource.get("name")
    for i, value in enumerate(values if isinstance(values, list) else []):
        try:
            shown = read.human_name(value, f"name[{i}]").display().strip()
        except MappingError:
            continue
        if shown:
            return shown
    return ""
