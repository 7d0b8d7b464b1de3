"""RelationshipReflection <-> Observation (profile srh-relationship-reflection): professional-only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDateTime
from srh_fhir.errors import MappingError
from srh_fhir.model import RelationshipReflection
from srh_fhir.terminology import ObservationCode, ObservationStatus

from . import _observation as observation
from . import _read as read
from . import _write as write

_PATH = "Observation"


def relationship_reflection_from_fhir(resource: Mapping[str, Any]) -> RelationshipReflection:
    """A RelationshipReflection from an Observation; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    code = ObservationCode.RELATIONSHIP_REFLECTION
    if not read.has_coding(r.get("code"), code.system, code.value):
        raise MappingError(f"{_PATH}.code", f"expected {code.system}|{code.value}")
    period = read.period(r, "effectivePeriod", _PATH)
    if period is None:
        raise MappingError(f"{_PATH}.effectivePeriod", "is required but missing")
    try:
        reflection = RelationshipReflection(
            id=read.string(r, "id", _PATH),
            status=read.required_code(r, "status", _PATH, ObservationStatus),
            patient=observation.subject(r),
            period=period,
            words=read.required_string(r, "valueString", _PATH),
            recorded=read.date_time(r, "issued", _PATH, FhirDateTime),
            recorded_by=read.references(r, "performer", _PATH, "Practitioner", "PractitionerRole"),
        )
    except ValueError as error:
        raise MappingError(f"{_PATH}.effectivePeriod", str(error)) from None
    return replace(reflection, extras=write.make_residue(r, partial(_canonical, reflection)))


def relationship_reflection_to_fhir(reflection: RelationshipReflection) -> dict[str, Any]:
    """The Observation of a RelationshipReflection, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(reflection), reflection.extras)


def _canonical(reflection: RelationshipReflection) -> dict[str, Any]:
    out = write.start(reflection)
    out["status"] = reflection.status.value
    out["code"] = write.concept(ObservationCode.RELATIONSHIP_REFLECTION)
    out["subject"] = {"reference": reflection.patient}
    out["effectivePeriod"] = write.period(reflection.period)
    write.put(out, "issued", write.text(reflection.recorded))
    write.put(out, "performer", write.refs(reflection.recorded_by))
    out["valueString"] = reflection.words
    return out
