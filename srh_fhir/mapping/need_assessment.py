"""NeedAssessment <-> Observation (profile srh-need-assessment): one component per basic need graded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.errors import MappingError
from srh_fhir.model import NeedAssessment, NeedGrade
from srh_fhir.terminology import CANONICAL, BasicNeed, NeedFulfilment, ObservationCode, ObservationStatus

from . import _observation as observation
from . import _read as read
from . import _write as write

__all__ = ["MET_BY_URL", "need_assessment_from_fhir", "need_assessment_to_fhir"]

MET_BY_URL = f"{CANONICAL}/StructureDefinition/srh-met-by"
MET_BY_TYPES = ("RelatedPerson", "Practitioner", "PractitionerRole")
_PATH = "Observation"


def need_assessment_from_fhir(resource: Mapping[str, Any]) -> NeedAssessment:
    """A NeedAssessment from an Observation; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    observation.check_code(r, ObservationCode.NEED_ASSESSMENT, observation.SOCIAL_HISTORY)
    grades: list[NeedGrade] = []
    for i, component in read.entries(r, "component", _PATH):
        path = f"{_PATH}.component[{i}]"
        component = read.obj(component, path)
        need = read.one_srh_code(read.required(component, "code", path), f"{path}.code", BasicNeed)
        value = read.required(component, "valueCodeableConcept", path)
        grade = read.one_srh_code(value, f"{path}.valueCodeableConcept", NeedFulfilment)
        met_by = tuple(_met_by(component, path))
        if grade is NeedFulfilment.NOT_MET and met_by:
            raise MappingError(path, f"{need.value} is graded not met, so srh-met-by must be empty")
        if any(g.need is need for g in grades):
            raise MappingError(path, f"{need.value} is graded more than once")
        grades.append(NeedGrade(need=need, grade=grade, met_by=met_by))
    assessment = NeedAssessment(
        id=read.string(r, "id", _PATH),
        status=read.required_code(r, "status", _PATH, ObservationStatus),
        patient=observation.subject(r),
        date=observation.effective(r),
        grades=tuple(grades),
        performers=read.references(r, "performer", _PATH, *observation.PERFORMER_TYPES),
        notes=read.annotation_texts(r, "note", _PATH),
    )
    return replace(assessment, extras=write.make_residue(r, partial(_canonical, assessment)))


def need_assessment_to_fhir(assessment: NeedAssessment) -> dict[str, Any]:
    """The Observation of a NeedAssessment, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(assessment), assessment.extras)


def _met_by(component: read.Json, path: str) -> list[str]:
    people = []
    for i, extension in read.entries(component, "extension", path):
        where = f"{path}.extension[{i}]"
        if read.obj(extension, where).get("url") == MET_BY_URL:
            people.append(read.reference_value(read.required(extension, "valueReference", where),
                                               f"{where}.valueReference", MET_BY_TYPES))
    return people


def _canonical(assessment: NeedAssessment) -> dict[str, Any]:
    out = observation.start(assessment, ObservationCode.NEED_ASSESSMENT, observation.SOCIAL_HISTORY)
    write.put(out, "performer", write.refs(assessment.performers))
    write.put(out, "note", write.notes(assessment.notes))
    write.put(out, "component", [_component(grade) for grade in assessment.grades])
    return out


def _component(grade: NeedGrade) -> dict[str, Any]:
    out: dict[str, Any] = {}
    write.put(out, "extension", [{"url": MET_BY_URL, "valueReference": {"reference": person}}
                                 for person in grade.met_by])
    out["code"] = write.concept(grade.need)
    out["valueCodeableConcept"] = write.concept(grade.grade)
    return out
