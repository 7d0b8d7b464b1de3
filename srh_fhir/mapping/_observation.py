"""What tie assessments, needs gradings and relationship ratings share: code, category, subject, effective."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from srh_fhir.datatypes import FhirDateTime
from srh_fhir.errors import MappingError
from srh_fhir.model import NeedAssessment, RelationshipRating, TieAssessment
from srh_fhir.terminology import ObservationCode

from . import _read as read

OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SOCIAL_HISTORY = {"system": OBSERVATION_CATEGORY, "code": "social-history", "display": "Social History"}
SURVEY = {"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}
PERFORMER_TYPES = ("Practitioner", "PractitionerRole", "Organization", "CareTeam", "Patient", "RelatedPerson")
_PATH = "Observation"


def check_code(r: read.Json, code: ObservationCode, category: dict[str, str]) -> None:
    """The Observation must carry our code and the category its profile fixes."""
    if not read.has_coding(r.get("code"), code.system, code.value):
        raise MappingError(f"{_PATH}.code", f"expected the code {code.system}#{code.value}")
    if not any(read.has_coding(c, category["system"], category["code"]) for _, c in read.entries(r, "category", _PATH)):
        raise MappingError(f"{_PATH}.category", f"needs the category {category['system']}#{category['code']}")


def subject(r: read.Json) -> str:
    return read.required_reference(r, "subject", _PATH, "Patient")


def effective(r: read.Json) -> FhirDateTime:
    if "effectiveDateTime" not in r:
        other = next((k for k in r if k.startswith("effective")), None)
        problem = f"must be a dateTime, got {other}" if other else "is required but missing"
        raise MappingError(f"{_PATH}.effective[x]", problem)
    return read.required_date_time(r, "effectiveDateTime", _PATH, FhirDateTime)


def components(r: read.Json) -> Iterator[tuple[int, read.Json, ObservationCode | None]]:
    """Each component with our component code (None for a component of another code)."""
    for i, component in read.entries(r, "component", _PATH):
        path = f"{_PATH}.component[{i}]"
        code_concept = read.required(read.obj(component, path), "code", path)
        codes = list(read.srh_codes(code_concept, f"{path}.code", ObservationCode))
        yield i, component, codes[0] if codes else None


def check_absent_value(component: read.Json, path: str, value_key: str) -> None:
    """A component without its value must say why (dataAbsentReason); one with another value type is wrong."""
    other = next((k for k in component if k.startswith("value")), None)
    if other is not None:
        raise MappingError(f"{path}.{other}", f"expected {value_key}")
    if "dataAbsentReason" not in component:
        raise MappingError(f"{path}.value[x]", "is missing, and there is no dataAbsentReason")


def start(
    obj: TieAssessment | NeedAssessment | RelationshipRating, code: ObservationCode, category: dict[str, str]
) -> dict[str, Any]:
    out: dict[str, Any] = {"resourceType": "Observation"}
    if obj.id is not None:
        out["id"] = obj.id
    out["meta"] = {"profile": [obj.profile]}
    out["status"] = obj.status.value
    out["category"] = [{"coding": [dict(category)]}]
    out["code"] = {"coding": [{"system": code.system, "code": code.value, "display": code.display}]}
    out["subject"] = {"reference": obj.patient}
    out["effectiveDateTime"] = obj.date.text
    return out
