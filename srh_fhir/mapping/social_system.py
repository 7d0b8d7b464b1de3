"""SocialSystem <-> CareTeam (profile srh-social-system)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.errors import MappingError
from srh_fhir.model import Participant, SocialSystem
from srh_fhir.terminology import CareTeamStatus, SrhCategory, TeamRole

from . import _read as read
from . import _write as write

_PATH = "CareTeam"
_MEMBER_TYPES = ("Patient", "Practitioner", "PractitionerRole", "RelatedPerson", "Organization", "CareTeam")


def social_system_from_fhir(resource: Mapping[str, Any]) -> SocialSystem:
    """A SocialSystem from a CareTeam; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    category = SrhCategory.SOCIAL_SYSTEM
    if not any(read.has_coding(c, category.system, category.value) for _, c in read.entries(r, "category", _PATH)):
        raise MappingError(f"{_PATH}.category", f"needs the category {category.system}#{category.value}")
    patient = read.required_reference(r, "subject", _PATH, "Patient")
    system = SocialSystem(
        id=read.string(r, "id", _PATH),
        status=read.code(r, "status", _PATH, CareTeamStatus),
        name=read.string(r, "name", _PATH),
        patient=patient,
        period=read.period(r, "period", _PATH),
        participants=tuple(
            _participant(p, f"{_PATH}.participant[{i}]") for i, p in read.entries(r, "participant", _PATH)
        ),
        managing_organizations=read.references(r, "managingOrganization", _PATH, "Organization"),
    )
    return replace(system, extras=write.make_residue(r, partial(_canonical, system)))


def social_system_to_fhir(system: SocialSystem) -> dict[str, Any]:
    """The CareTeam of a SocialSystem, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(system), system.extras)


def _participant(participant: Any, path: str) -> Participant:
    participant = read.obj(participant, path)
    member = read.required_reference(participant, "member", path, *_MEMBER_TYPES)
    roles = tuple(
        role
        for i, concept in read.entries(participant, "role", path)
        for role in read.srh_codes(concept, f"{path}.role[{i}]", TeamRole)
    )
    return Participant(member=member, roles=roles, period=read.period(participant, "period", path))


def _canonical(system: SocialSystem) -> dict[str, Any]:
    out = write.start(system)
    write.put(out, "status", None if system.status is None else system.status.value)
    out["category"] = [write.concept(SrhCategory.SOCIAL_SYSTEM)]
    write.put(out, "name", system.name)
    out["subject"] = {"reference": system.patient}
    write.put(out, "period", write.period(system.period))
    write.put(out, "participant", [_participant_json(p) for p in system.participants])
    write.put(out, "managingOrganization", write.refs(system.managing_organizations))
    return out


def _participant_json(participant: Participant) -> dict[str, Any]:
    out: dict[str, Any] = {}
    write.put(out, "role", [write.concept(role) for role in participant.roles])
    out["member"] = {"reference": participant.member}
    write.put(out, "period", write.period(participant.period))
    return out
