"""InvolvementConsent <-> Consent (profile srh-involvement-consent)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDateTime
from srh_fhir.errors import MappingError
from srh_fhir.model import ConsentActor, InvolvementConsent
from srh_fhir.terminology import ConsentProvisionType, ConsentState, InvolvementAction, SrhCategory

from . import _read as read
from . import _write as write

_PATH = "Consent"
SCOPE = {"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy",
         "display": "Privacy Consent"}  # fmt: skip
PATIENT_CONSENT = {"system": "http://loinc.org", "code": "59284-0", "display": "Patient Consent"}
_PERFORMER_TYPES = ("Organization", "Patient", "Practitioner", "RelatedPerson", "PractitionerRole")


def involvement_consent_from_fhir(resource: Mapping[str, Any]) -> InvolvementConsent:
    """An InvolvementConsent from a Consent; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    if not read.has_coding(read.required(r, "scope", _PATH), SCOPE["system"], SCOPE["code"]):
        raise MappingError(f"{_PATH}.scope", f"expected {SCOPE['system']}#{SCOPE['code']}")
    categories = [c for _, c in read.entries(r, "category", _PATH)]
    involvement = SrhCategory.NETWORK_INVOLVEMENT
    for system, code in ((PATIENT_CONSENT["system"], PATIENT_CONSENT["code"]), (involvement.system, involvement.value)):
        if not any(read.has_coding(c, system, code) for c in categories):
            raise MappingError(f"{_PATH}.category", f"needs the category {system}#{code}")
    patient = read.required_reference(r, "patient", _PATH, "Patient")
    date = read.required_date_time(r, "dateTime", _PATH, FhirDateTime)
    path = f"{_PATH}.provision"
    provision = read.obj(read.required(r, "provision", _PATH), path)
    consent = InvolvementConsent(
        id=read.string(r, "id", _PATH),
        status=read.required_code(r, "status", _PATH, ConsentState),
        patient=patient,
        date=date,
        decision=read.required_code(provision, "type", path, ConsentProvisionType),
        period=read.period(provision, "period", path),
        actors=tuple(_actor(a, f"{path}.actor[{i}]") for i, a in read.entries(provision, "actor", path)),
        actions=tuple(
            action
            for i, concept in read.entries(provision, "action", path)
            for action in read.srh_codes(concept, f"{path}.action[{i}]", InvolvementAction)
        ),
        purposes=tuple(read.coding(c, f"{path}.purpose[{i}]") for i, c in read.entries(provision, "purpose", path)),
        performers=read.references(r, "performer", _PATH, *_PERFORMER_TYPES),
        organizations=read.references(r, "organization", _PATH, "Organization"),
    )
    return replace(consent, extras=write.make_residue(r, partial(_canonical, consent)))


def involvement_consent_to_fhir(consent: InvolvementConsent) -> dict[str, Any]:
    """The Consent of an InvolvementConsent, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(consent), consent.extras)


def _actor(actor: Any, path: str) -> ConsentActor:
    actor = read.obj(actor, path)
    member = read.required_reference(actor, "reference", path, "RelatedPerson")
    role = read.codeable_concept(read.required(actor, "role", path), f"{path}.role")
    return ConsentActor(member=member, role=role)


def _canonical(consent: InvolvementConsent) -> dict[str, Any]:
    out = write.start(consent)
    out["status"] = consent.status.value
    out["scope"] = {"coding": [dict(SCOPE)]}
    out["category"] = [{"coding": [dict(PATIENT_CONSENT)]}, write.concept(SrhCategory.NETWORK_INVOLVEMENT)]
    out["patient"] = {"reference": consent.patient}
    out["dateTime"] = consent.date.text
    write.put(out, "performer", write.refs(consent.performers))
    write.put(out, "organization", write.refs(consent.organizations))
    provision: dict[str, Any] = {"type": consent.decision.value}
    write.put(provision, "period", write.period(consent.period))
    write.put(
        provision,
        "actor",
        [{"role": write.codeable_concept(a.role), "reference": {"reference": a.member}} for a in consent.actors],
    )
    write.put(provision, "action", [write.concept(action) for action in consent.actions])
    write.put(provision, "purpose", [write.coding(p) for p in consent.purposes])
    out["provision"] = provision
    return out
