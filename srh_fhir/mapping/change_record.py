"""ChangeRecord <-> Provenance (profile srh-provenance): who changed which resources, when and how."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDateTime
from srh_fhir.errors import MappingError
from srh_fhir.model import ChangeRecord
from srh_fhir.terminology import DATA_OPERATION_SYSTEM, DataOperation

from . import _read as read
from . import _write as write

AUTHOR_TYPE = {"system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "code": "author"}
"""``agent.type`` of the person who made the change."""
AUTHOR_TYPES = ("Practitioner", "PractitionerRole", "Patient", "RelatedPerson")
_PATH = "Provenance"


def change_record_from_fhir(resource: Mapping[str, Any]) -> ChangeRecord:
    """A ChangeRecord from a Provenance; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    record = ChangeRecord(
        id=read.string(r, "id", _PATH),
        targets=read.references(r, "target", _PATH),
        recorded=read.required_date_time(r, "recorded", _PATH, FhirDateTime),
        activity=_activity(r),
        author=_author(r),
        reason=next((text for _, reason in read.entries(r, "reason", _PATH) if (text := _text(reason))), None),
    )
    if not record.targets:
        raise MappingError(f"{_PATH}.target", "is required but missing")
    return replace(record, extras=write.make_residue(r, partial(_canonical, record)))


def change_record_to_fhir(record: ChangeRecord) -> dict[str, Any]:
    """The Provenance of a ChangeRecord, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(record), record.extras)


def _activity(r: read.Json) -> DataOperation:
    path = f"{_PATH}.activity"
    for i, coding in read.entries(read.obj(read.required(r, "activity", _PATH), path), "coding", path):
        coding = read.obj(coding, f"{path}.coding[{i}]")
        if coding.get("system") == DATA_OPERATION_SYSTEM:
            try:
                return DataOperation(str(coding.get("code")))
            except ValueError:
                raise MappingError(f"{path}.coding[{i}].code", f"{coding.get('code')!r} is no data operation") from None
    raise MappingError(path, f"needs a coding of {DATA_OPERATION_SYSTEM}")


def _author(r: read.Json) -> str | None:
    agents = [read.obj(a, f"{_PATH}.agent[{i}]") for i, a in read.entries(r, "agent", _PATH)]
    authors = [a for a in agents if read.has_coding(a.get("type"), AUTHOR_TYPE["system"], AUTHOR_TYPE["code"])]
    for agent in authors or agents[:1]:
        return read.reference(agent, "who", f"{_PATH}.agent", *AUTHOR_TYPES)
    return None


def _text(reason: Any) -> str | None:
    value = reason.get("text") if isinstance(reason, Mapping) else None
    return value if isinstance(value, str) and value.strip() else None


def _canonical(record: ChangeRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"resourceType": record.resource_type}
    if record.id is not None:
        out["id"] = record.id
    out["meta"] = {"profile": [record.profile]}
    out["target"] = write.refs(record.targets)
    out["recorded"] = record.recorded.text
    if record.reason:
        out["reason"] = [{"text": record.reason}]
    out["activity"] = {"coding": [{"system": DATA_OPERATION_SYSTEM, "code": record.activity.value}]}
    if record.author:
        out["agent"] = [{"type": {"coding": [dict(AUTHOR_TYPE)]}, "who": {"reference": record.author}}]
    return out
