"""NetworkMember <-> RelatedPerson (profile srh-network-member)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.errors import MappingError
from srh_fhir.model import NetworkMember
from srh_fhir.terminology import CANONICAL, NetworkSector, to_coding

from . import _read as read
from . import _write as write

SECTOR_URL = f"{CANONICAL}/StructureDefinition/srh-network-sector"
ENTERED_IN_ERROR_TAG = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ActStatus",
    "code": "nullified",
    "display": "nullified",
}
"""The ``meta.tag`` of a member entered by mistake. RelatedPerson has no status; the HL7 v3 ActStatus ``nullified``
("created in error ... treated as though it never existed") says what Observation's ``entered-in-error`` says."""
_PATH = "RelatedPerson"


def network_member_from_fhir(resource: Mapping[str, Any]) -> NetworkMember:
    """A NetworkMember from a RelatedPerson; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    member = NetworkMember(
        id=read.string(r, "id", _PATH),
        patient=_patient(r),
        active=read.required_boolean(r, "active", _PATH),
        sector=_sector(r),
        relationships=tuple(
            read.codeable_concept(v, f"{_PATH}.relationship[{i}]") for i, v in read.entries(r, "relationship", _PATH)
        ),
        names=tuple(read.human_name(v, f"{_PATH}.name[{i}]") for i, v in read.entries(r, "name", _PATH)),
        telecoms=tuple(read.contact_point(v, f"{_PATH}.telecom[{i}]") for i, v in read.entries(r, "telecom", _PATH)),
        gender=read.string(r, "gender", _PATH),
        period=read.period(r, "period", _PATH),
        entered_in_error=_entered_in_error(r),
    )
    return replace(member, extras=write.make_residue(r, partial(_canonical, member)))


def network_member_to_fhir(member: NetworkMember) -> dict[str, Any]:
    """The RelatedPerson of a NetworkMember, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(member), member.extras)


def _patient(r: read.Json) -> str:
    patient = read.required_reference(r, "patient", _PATH, "Patient")
    return patient


def _entered_in_error(r: read.Json) -> bool:
    meta = read.obj(r.get("meta", {}), f"{_PATH}.meta")
    return any(
        read.obj(tag, f"{_PATH}.meta.tag[{i}]").get("system") == ENTERED_IN_ERROR_TAG["system"]
        and tag.get("code") == ENTERED_IN_ERROR_TAG["code"]
        for i, tag in read.entries(meta, "tag", f"{_PATH}.meta")
    )


def _sector(r: read.Json) -> NetworkSector | None:
    found: NetworkSector | None = None
    for i, extension in read.entries(r, "extension", _PATH):
        path = f"{_PATH}.extension[{i}]"
        if read.obj(extension, path).get("url") != SECTOR_URL:
            continue
        if found is not None:
            raise MappingError(path, "a network member has at most one sector")
        value = read.obj(read.required(extension, "valueCoding", path), f"{path}.valueCoding")
        if value.get("system") != NetworkSector.system:
            raise MappingError(f"{path}.valueCoding.system", f"expected {NetworkSector.system}")
        found = read.srh_code(value, f"{path}.valueCoding", NetworkSector)
    return found


def _canonical(member: NetworkMember) -> dict[str, Any]:
    out = write.start(member)
    if member.entered_in_error:
        out["meta"]["tag"] = [dict(ENTERED_IN_ERROR_TAG)]
    if member.sector is not None:
        out["extension"] = [{"url": SECTOR_URL, "valueCoding": to_coding(member.sector)}]
    out["active"] = member.active
    out["patient"] = {"reference": member.patient}
    write.put(out, "relationship", [write.codeable_concept(c) for c in member.relationships])
    write.put(out, "name", [write.human_name(n) for n in member.names])
    write.put(out, "telecom", [write.contact_point(t) for t in member.telecoms])
    write.put(out, "gender", member.gender)
    write.put(out, "period", write.period(member.period))
    return out
