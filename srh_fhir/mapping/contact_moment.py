"""ContactMoment <-> Encounter: any Encounter of the client is read as a contact moment; the ones the app writes
carry the profile srh-contact-moment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDateTime, Period
from srh_fhir.model import ContactMoment
from srh_fhir.terminology import ContactKind, EncounterStatus

from . import _read as read
from . import _write as write

ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CLASS_OF_KIND = {
    ContactKind.FACE_TO_FACE: "AMB",
    ContactKind.HOME_VISIT: "HH",
    ContactKind.PHONE: "VR",
    ContactKind.VIDEO: "VR",
}
_PATH = "Encounter"


def contact_moment_from_fhir(resource: Mapping[str, Any]) -> ContactMoment:
    """A ContactMoment from any Encounter with a subject and a start; MappingError when it has neither."""
    r = read.check_resource(resource, _PATH)
    period = read.obj(read.required(r, "period", _PATH), f"{_PATH}.period")
    start = read.required_date_time(period, "start", f"{_PATH}.period", FhirDateTime)
    kind, label = _kind(r)
    contact_class = read.obj(r["class"], f"{_PATH}.class") if r.get("class") is not None else None
    moment = ContactMoment(
        id=read.string(r, "id", _PATH),
        status=read.required_code(r, "status", _PATH, EncounterStatus),
        patient=read.required_reference(r, "subject", _PATH, "Patient"),
        start=start,
        end=read.date_time(period, "end", f"{_PATH}.period", FhirDateTime),
        kind=kind,
        label=label or _display(contact_class),
        contact_class=read.string(contact_class, "code", f"{_PATH}.class") if contact_class else None,
        professionals=tuple(
            reference
            for i, p in read.entries(r, "participant", _PATH)
            if (reference := read.reference(read.obj(p, f"{_PATH}.participant[{i}]"), "individual", _PATH))
        ),
    )
    return replace(moment, extras=write.make_residue(r, partial(_canonical, moment)))


def contact_moment_to_fhir(moment: ContactMoment) -> dict[str, Any]:
    """The Encounter of a ContactMoment, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(moment), moment.extras)


def _kind(r: read.Json) -> tuple[ContactKind | None, str | None]:
    """Our kind of contact from ``type`` when it names one, else what the EHR calls it."""
    label = None
    for i, concept in read.entries(r, "type", _PATH):
        path = f"{_PATH}.type[{i}]"
        for kind in read.srh_codes(concept, path, ContactKind):
            return kind, None
        label = label or read.obj(concept, path).get("text") or _display(concept)
    return None, label if isinstance(label, str) else None


def _display(concept: Any) -> str | None:
    if not isinstance(concept, Mapping):
        return None
    codings = concept.get("coding") if "coding" in concept else [concept]
    for coding in codings if isinstance(codings, list) else ():
        if isinstance(coding, Mapping) and isinstance(coding.get("display"), str):
            return str(coding["display"])
    return None


def _canonical(moment: ContactMoment) -> dict[str, Any]:
    out = write.start(moment)
    out["status"] = moment.status.value
    contact_class = moment.contact_class or (CLASS_OF_KIND[moment.kind] if moment.kind else None)
    if contact_class is not None:
        out["class"] = {"system": ACT_CODE_SYSTEM, "code": contact_class}
    if moment.kind is not None:
        out["type"] = [write.concept(moment.kind)]
    out["subject"] = {"reference": moment.patient}
    write.put(out, "participant", [{"individual": {"reference": p}} for p in moment.professionals])
    out["period"] = write.period(Period(start=moment.start, end=moment.end))
    return out
