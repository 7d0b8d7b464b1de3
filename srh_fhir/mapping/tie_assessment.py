"""TieAssessment <-> Observation (profile srh-tie-assessment)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.errors import MappingError
from srh_fhir.model import TieAssessment
from srh_fhir.terminology import (
    BasicNeed,
    Closeness,
    ContactFrequency,
    ObservationCode,
    ObservationStatus,
    Reciprocity,
    SrhCode,
    SupportType,
    Valence,
)

from . import _observation as observation
from . import _read as read
from . import _write as write

_PATH = "Observation"
_SINGLE: dict[ObservationCode, tuple[str, type[SrhCode]]] = {
    ObservationCode.CLOSENESS: ("closeness", Closeness),
    ObservationCode.CONTACT_FREQUENCY: ("contact_frequency", ContactFrequency),
    ObservationCode.RECIPROCITY: ("reciprocity", Reciprocity),
    ObservationCode.VALENCE: ("valence", Valence),
}
_REPEATED: dict[ObservationCode, tuple[str, type[SrhCode]]] = {
    ObservationCode.SUPPORT_GIVEN: ("support_given", SupportType),
    ObservationCode.BASIC_NEED_MET: ("basic_needs_met", BasicNeed),
}


def tie_assessment_from_fhir(resource: Mapping[str, Any]) -> TieAssessment:
    """A TieAssessment from an Observation; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    observation.check_code(r, ObservationCode.TIE_ASSESSMENT, observation.SOCIAL_HISTORY)
    focus = read.single(r, "focus", _PATH)
    if focus is None:
        raise MappingError(f"{_PATH}.focus", "is required but missing: the network member the tie is with")
    values: dict[str, Any] = {"support_given": [], "basic_needs_met": []}
    for i, component, code in observation.components(r):
        path = f"{_PATH}.component[{i}]"
        if code in _SINGLE:
            field, enum = _SINGLE[code]
            value = _coded_value(component, path, enum)
            if value is not None:
                if field in values:
                    raise MappingError(path, f"a tie assessment has at most one {code.value} component")
                values[field] = value
        elif code in _REPEATED:
            field, enum = _REPEATED[code]
            value = _coded_value(component, path, enum)
            if value is not None:
                values[field].append(value)
    assessment = TieAssessment(
        id=read.string(r, "id", _PATH),
        status=read.required_code(r, "status", _PATH, ObservationStatus),
        patient=observation.subject(r),
        member=read.reference_value(focus, f"{_PATH}.focus[0]", ("RelatedPerson",)),
        date=observation.effective(r),
        closeness=values.get("closeness"),
        contact_frequency=values.get("contact_frequency"),
        support_given=tuple(values["support_given"]),
        basic_needs_met=tuple(values["basic_needs_met"]),
        reciprocity=values.get("reciprocity"),
        valence=values.get("valence"),
        performers=read.references(r, "performer", _PATH, *observation.PERFORMER_TYPES),
        notes=read.annotation_texts(r, "note", _PATH),
    )
    return replace(assessment, extras=write.make_residue(r, partial(_canonical, assessment)))


def tie_assessment_to_fhir(assessment: TieAssessment) -> dict[str, Any]:
    """The Observation of a TieAssessment, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(assessment), assessment.extras)


def _coded_value(component: read.Json, path: str, enum: type[SrhCode]) -> SrhCode | None:
    """The component's coded value; None when it has a dataAbsentReason instead."""
    value = component.get("valueCodeableConcept")
    if value is None:
        observation.check_absent_value(component, path, "valueCodeableConcept")
        return None
    return read.one_srh_code(value, f"{path}.valueCodeableConcept", enum)


def _canonical(assessment: TieAssessment) -> dict[str, Any]:
    out = observation.start(assessment, ObservationCode.TIE_ASSESSMENT, observation.SOCIAL_HISTORY)
    out["focus"] = [{"reference": assessment.member}]
    components = []
    if assessment.closeness is not None:
        components.append(_component(ObservationCode.CLOSENESS, assessment.closeness))
    if assessment.contact_frequency is not None:
        components.append(_component(ObservationCode.CONTACT_FREQUENCY, assessment.contact_frequency))
    components.extend(_component(ObservationCode.SUPPORT_GIVEN, s) for s in assessment.support_given)
    components.extend(_component(ObservationCode.BASIC_NEED_MET, n) for n in assessment.basic_needs_met)
    if assessment.reciprocity is not None:
        components.append(_component(ObservationCode.RECIPROCITY, assessment.reciprocity))
    if assessment.valence is not None:
        components.append(_component(ObservationCode.VALENCE, assessment.valence))
    write.put(out, "component", components)
    write.put(out, "performer", write.refs(assessment.performers))
    write.put(out, "note", write.notes(assessment.notes))
    return out


def _component(code: ObservationCode, value: SrhCode) -> dict[str, Any]:
    return {"code": write.concept(code, display=False), "valueCodeableConcept": write.concept(value)}
