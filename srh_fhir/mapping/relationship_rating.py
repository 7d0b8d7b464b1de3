"""RelationshipRating <-> Observation (profile srh-relationship-rating)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.errors import MappingError
from srh_fhir.model import RelationshipRating
from srh_fhir.terminology import ObservationCode, ObservationStatus

from . import _observation as observation
from . import _read as read
from . import _write as write

_PATH = "Observation"
# component code -> (field, highest score)
_ITEMS: dict[ObservationCode, tuple[str, int]] = {
    ObservationCode.RATING_PRESENCE: ("presence", 5),
    ObservationCode.RATING_UNDERSTOOD: ("understood", 5),
    ObservationCode.RATING_RELIANCE: ("reliance", 5),
    ObservationCode.RATING_NETWORK: ("network_involved", 5),
    ObservationCode.RATING_OVERALL: ("overall_grade", 10),
}


def relationship_rating_from_fhir(resource: Mapping[str, Any]) -> RelationshipRating:
    """A RelationshipRating from an Observation; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    observation.check_code(r, ObservationCode.RELATIONSHIP_RATING, observation.SURVEY)
    scores: dict[str, int] = {}
    for i, component, code in observation.components(r):
        if code not in _ITEMS:
            continue
        path = f"{_PATH}.component[{i}]"
        field, highest = _ITEMS[code]
        if "valueInteger" not in component:
            observation.check_absent_value(component, path, "valueInteger")
            continue
        score = read.integer(component["valueInteger"], f"{path}.valueInteger")
        if not 1 <= score <= highest:
            raise MappingError(f"{path}.valueInteger", f"{code.value} is scored 1 to {highest}, got {score}")
        if field in scores:
            raise MappingError(path, f"a relationship rating has at most one {code.value} component")
        scores[field] = score
    rating = RelationshipRating(
        id=read.string(r, "id", _PATH),
        status=read.required_code(r, "status", _PATH, ObservationStatus),
        patient=observation.subject(r),
        date=observation.effective(r),
        rated=read.references(r, "focus", _PATH, "Practitioner", "PractitionerRole", "CareTeam"),
        encounter=read.reference(r, "encounter", _PATH, "Encounter"),
        performers=read.references(r, "performer", _PATH, *observation.PERFORMER_TYPES),
        notes=read.annotation_texts(r, "note", _PATH),
        presence=scores.get("presence"),
        understood=scores.get("understood"),
        reliance=scores.get("reliance"),
        network_involved=scores.get("network_involved"),
        overall_grade=scores.get("overall_grade"),
    )
    return replace(rating, extras=write.make_residue(r, partial(_canonical, rating)))


def relationship_rating_to_fhir(rating: RelationshipRating) -> dict[str, Any]:
    """The Observation of a RelationshipRating, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(rating), rating.extras)


def _canonical(rating: RelationshipRating) -> dict[str, Any]:
    out = observation.start(rating, ObservationCode.RELATIONSHIP_RATING, observation.SURVEY)
    write.put(out, "focus", write.refs(rating.rated))
    write.put(out, "encounter", write.ref(rating.encounter))
    write.put(out, "performer", write.refs(rating.performers))
    write.put(out, "note", write.notes(rating.notes))
    components = []
    for code, (field, _) in _ITEMS.items():
        score = getattr(rating, field)
        if score is not None:
            components.append({"code": write.concept(code, display=False), "valueInteger": score})
    write.put(out, "component", components)
    return out
