"""PlanAgreement <-> Provenance (profile srh-plan-agreement): which version of the plan the client agreed, when, and
with whom. The client is an agent of type ``performer`` (they agreed), the professional one of type ``author`` (they
record it); the targets are the agreed version of the plan, of each of its goals, and the client's Patient."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDateTime
from srh_fhir.errors import MappingError
from srh_fhir.model import PlanAgreement, reference_to, split_reference
from srh_fhir.terminology import ProvenanceActivity

from . import _read as read
from . import _write as write
from .change_record import AUTHOR_TYPE

PERFORMER_TYPE = {"system": AUTHOR_TYPE["system"], "code": "performer"}
"""``agent.type`` of the client, who agreed."""
PROFESSIONAL_TYPES = ("Practitioner", "PractitionerRole")
_PATH = "Provenance"


def plan_agreement_from_fhir(resource: Mapping[str, Any]) -> PlanAgreement:
    """A PlanAgreement from a Provenance; MappingError when it does not fit (e.g. a change record)."""
    r = read.check_resource(resource, _PATH)
    _check_activity(r)
    targets = read.references(r, "target", _PATH)
    plans = [t for t in targets if _versioned(t, "CarePlan")]
    if len(plans) != 1:
        raise MappingError(f"{_PATH}.target", "needs exactly one version-specific CarePlan reference")
    patients = [reference_to(*split_reference(t)) for t in targets if _type_of(t) == "Patient"]
    if len(patients) != 1:
        raise MappingError(f"{_PATH}.target", "needs the client's Patient")
    agreement = PlanAgreement(
        id=read.string(r, "id", _PATH),
        plan=plans[0],
        goals=tuple(t for t in targets if _versioned(t, "Goal")),
        patient=patients[0],
        recorded=read.required_date_time(r, "recorded", _PATH, FhirDateTime),
        professional=_agent(r, AUTHOR_TYPE["code"], *PROFESSIONAL_TYPES),
    )
    if _agent(r, PERFORMER_TYPE["code"], "Patient") != agreement.patient:
        raise MappingError(f"{_PATH}.agent", "needs the client as performer: the client agreed")
    return replace(agreement, extras=write.make_residue(r, partial(_canonical, agreement)))


def plan_agreement_to_fhir(agreement: PlanAgreement) -> dict[str, Any]:
    """The Provenance of a PlanAgreement, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(agreement), agreement.extras)


def _type_of(reference: str) -> str | None:
    try:
        return split_reference(reference)[0]
    except ValueError:
        return None


def _versioned(reference: str, kind: str) -> bool:
    return _type_of(reference) == kind and "/_history/" in reference


def _check_activity(r: read.Json) -> None:
    path = f"{_PATH}.activity"
    code = ProvenanceActivity.PLAN_AGREED
    if not read.has_coding(read.required(r, "activity", _PATH), code.system, code.value):
        raise MappingError(path, f"needs {code.system}#{code.value}")


def _agent(r: read.Json, agent_type: str, *kinds: str) -> str | None:
    for i, agent in read.entries(r, "agent", _PATH):
        agent = read.obj(agent, f"{_PATH}.agent[{i}]")
        if read.has_coding(agent.get("type"), AUTHOR_TYPE["system"], agent_type):
            return read.reference(agent, "who", f"{_PATH}.agent[{i}]", *kinds)
    return None


def _canonical(agreement: PlanAgreement) -> dict[str, Any]:
    out: dict[str, Any] = {"resourceType": agreement.resource_type}
    if agreement.id is not None:
        out["id"] = agreement.id
    out["meta"] = {"profile": [agreement.profile]}
    out["target"] = write.refs((agreement.plan, *agreement.goals, agreement.patient))
    out["recorded"] = agreement.recorded.text
    code = ProvenanceActivity.PLAN_AGREED
    out["activity"] = {"coding": [{"system": code.system, "code": code.value, "display": code.display}]}
    agents = [{"type": {"coding": [dict(PERFORMER_TYPE)]}, "who": {"reference": agreement.patient}}]
    if agreement.professional:
        agents.append({"type": {"coding": [dict(AUTHOR_TYPE)]}, "who": {"reference": agreement.professional}})
    out["agent"] = agents
    return out
