"""Mapping between FHIR JSON (plain dicts) and the domain model, both ways and without loss.

``from_fhir(resource)`` picks the domain class from ``meta.profile`` (or, without it, from the resourceType and,
for Observations, the code) and ``to_fhir(obj)`` writes the resource back. Whatever the model does not hold travels
in the object's ``extras``, so ``to_fhir(from_fhir(r)) == r`` and ``from_fhir(to_fhir(x)) == x``. The ``extras``
are worked out from ``r`` when first needed, so ``r`` must not be changed after ``from_fhir(r)``. Bad input raises
:class:`~srh_fhir.errors.MappingError` naming the element (``Observation.component[2].valueCodeableConcept...``);
no half-built object is ever returned. The per-profile functions (``tie_assessment_from_fhir``, ...) skip the
dispatch. Observations are told apart by their code, understanding entries by their category; an Appointment or
Encounter is a network meeting only with our code for it.
``patient_details_from_fhir`` reads what is shown of the client's Patient (the EHR's resource, read only).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from srh_fhir.errors import MappingError
from srh_fhir.model import (
    ContactMoment,
    DomainObject,
    Goal,
    InvolvementConsent,
    NeedAssessment,
    NetworkMeeting,
    NetworkMeetingRecord,
    NetworkMember,
    OutcomeScore,
    RelationshipRating,
    RelationshipReflection,
    SocialSystem,
    SupportPlan,
    TieAssessment,
    Understanding,
)
from srh_fhir.terminology import Instrument, ObservationCode, SrhCategory

from ._read import has_coding
from .change_record import change_record_from_fhir, change_record_to_fhir
from .contact_moment import contact_moment_from_fhir, contact_moment_to_fhir
from .goal import goal_from_fhir, goal_to_fhir
from .involvement_consent import involvement_consent_from_fhir, involvement_consent_to_fhir
from .need_assessment import need_assessment_from_fhir, need_assessment_to_fhir
from .network_meeting import (
    network_meeting_from_fhir,
    network_meeting_record_from_fhir,
    network_meeting_record_to_fhir,
    network_meeting_to_fhir,
)
from .network_member import network_member_from_fhir, network_member_to_fhir
from .outcome_score import outcome_score_from_fhir, outcome_score_to_fhir
from .patient import display_name_from_fhir, patient_details_from_fhir
from .plan_agreement import plan_agreement_from_fhir, plan_agreement_to_fhir
from .relationship_rating import relationship_rating_from_fhir, relationship_rating_to_fhir
from .relationship_reflection import relationship_reflection_from_fhir, relationship_reflection_to_fhir
from .social_system import social_system_from_fhir, social_system_to_fhir
from .support_plan import support_plan_from_fhir, support_plan_to_fhir
from .tie_assessment import tie_assessment_from_fhir, tie_assessment_to_fhir
from .understanding import understanding_from_fhir, understanding_to_fhir

__all__ = [
    "change_record_from_fhir",
    "change_record_to_fhir",
    "contact_moment_from_fhir",
    "contact_moment_to_fhir",
    "display_name_from_fhir",
    "from_fhir",
    "goal_from_fhir",
    "goal_to_fhir",
    "involvement_consent_from_fhir",
    "involvement_consent_to_fhir",
    "need_assessment_from_fhir",
    "need_assessment_to_fhir",
    "network_meeting_from_fhir",
    "network_meeting_record_from_fhir",
    "network_meeting_record_to_fhir",
    "network_meeting_to_fhir",
    "network_member_from_fhir",
    "network_member_to_fhir",
    "outcome_score_from_fhir",
    "outcome_score_to_fhir",
    "patient_details_from_fhir",
    "plan_agreement_from_fhir",
    "plan_agreement_to_fhir",
    "relationship_rating_from_fhir",
    "relationship_rating_to_fhir",
    "relationship_reflection_from_fhir",
    "relationship_reflection_to_fhir",
    "social_system_from_fhir",
    "social_system_to_fhir",
    "support_plan_from_fhir",
    "support_plan_to_fhir",
    "tie_assessment_from_fhir",
    "tie_assessment_to_fhir",
    "to_fhir",
    "understanding_from_fhir",
    "understanding_to_fhir",
]

Reader = Callable[[Mapping[str, Any]], DomainObject]

_BY_PROFILE: dict[str, Reader] = {
    NetworkMember.profile: network_member_from_fhir,
    TieAssessment.profile: tie_assessment_from_fhir,
    NeedAssessment.profile: need_assessment_from_fhir,
    RelationshipRating.profile: relationship_rating_from_fhir,
    SupportPlan.profile: support_plan_from_fhir,
    Goal.profile: goal_from_fhir,
    SocialSystem.profile: social_system_from_fhir,
    InvolvementConsent.profile: involvement_consent_from_fhir,
    Understanding.profile: understanding_from_fhir,
    ContactMoment.profile: contact_moment_from_fhir,
    RelationshipReflection.profile: relationship_reflection_from_fhir,
    OutcomeScore.profile: outcome_score_from_fhir,
    NetworkMeeting.profile: network_meeting_from_fhir,
    NetworkMeetingRecord.profile: network_meeting_record_from_fhir,
}
_BY_TYPE: dict[str, Reader] = {
    "RelatedPerson": network_member_from_fhir,
    "CarePlan": support_plan_from_fhir,
    "Goal": goal_from_fhir,
    "CareTeam": social_system_from_fhir,
    "Consent": involvement_consent_from_fhir,
    "Encounter": contact_moment_from_fhir,
    "Appointment": network_meeting_from_fhir,
}
_WRITERS: dict[type, Callable[[Any], dict[str, Any]]] = {
    NetworkMember: network_member_to_fhir,
    TieAssessment: tie_assessment_to_fhir,
    NeedAssessment: need_assessment_to_fhir,
    RelationshipRating: relationship_rating_to_fhir,
    SupportPlan: support_plan_to_fhir,
    Goal: goal_to_fhir,
    SocialSystem: social_system_to_fhir,
    InvolvementConsent: involvement_consent_to_fhir,
    Understanding: understanding_to_fhir,
    ContactMoment: contact_moment_to_fhir,
    RelationshipReflection: relationship_reflection_to_fhir,
    OutcomeScore: outcome_score_to_fhir,
    NetworkMeeting: network_meeting_to_fhir,
    NetworkMeetingRecord: network_meeting_record_to_fhir,
}


def from_fhir(resource: Mapping[str, Any]) -> DomainObject:
    """The domain object of an SRH resource; MappingError when it is not one or does not fit its profile."""
    if not isinstance(resource, Mapping):
        raise MappingError("Resource", f"expected a JSON object, got {type(resource).__name__}")
    resource_type = resource.get("resourceType")
    if not isinstance(resource_type, str):
        raise MappingError("Resource.resourceType", "is required but missing")
    meta = resource.get("meta")
    profiles = meta.get("profile") if isinstance(meta, Mapping) else None
    if isinstance(profiles, list):
        for profile in profiles:
            reader = _BY_PROFILE.get(profile.split("|")[0]) if isinstance(profile, str) else None
            if reader is not None:
                return reader(resource)
    reader = _BY_TYPE.get(resource_type)
    if reader is not None:
        return reader(resource)
    if resource_type == "Observation":
        code = resource.get("code")
        for observation_code, reader in (
            (ObservationCode.TIE_ASSESSMENT, tie_assessment_from_fhir),
            (ObservationCode.NEED_ASSESSMENT, need_assessment_from_fhir),
            (ObservationCode.RELATIONSHIP_RATING, relationship_rating_from_fhir),
            (ObservationCode.RELATIONSHIP_REFLECTION, relationship_reflection_from_fhir),
        ):
            if has_coding(code, observation_code.system, observation_code.value):
                return reader(resource)
        if isinstance(code, Mapping) and any(
            isinstance(c, Mapping) and c.get("system") == Instrument.system for c in code.get("coding") or ()
        ):
            return outcome_score_from_fhir(resource)
        understanding = SrhCategory.UNDERSTANDING
        if any(has_coding(c, understanding.system, understanding.value) for c in resource.get("category") or ()):
            return understanding_from_fhir(resource)
        raise MappingError(
            "Observation.code",
            "is no SRH tie assessment, needs grading, relationship rating or reflection, outcome score or "
            "understanding entry",
        )
    raise MappingError(resource_type, f"{resource_type} is not a resource type of the SRH profiles")


def to_fhir(obj: DomainObject) -> dict[str, Any]:
    """The FHIR JSON (a new dict) of a domain object, with everything its ``extras`` kept."""
    writer = _WRITERS.get(type(obj))
    if writer is None:
        raise TypeError(f"not a domain object of srh_fhir.model: {type(obj).__name__}")
    return writer(obj)
