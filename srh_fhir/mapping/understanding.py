"""Understanding <-> Observation (profile srh-understanding): one entry of verstaan."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDate, FhirDateTime
from srh_fhir.errors import MappingError
from srh_fhir.model import Understanding
from srh_fhir.terminology import CANONICAL, ObservationStatus, SrhCategory, UnderstandingKind, to_coding

from . import _observation as observation
from . import _read as read
from . import _write as write

OWN_WORDS_URL = f"{CANONICAL}/StructureDefinition/srh-own-words"
NO_LONGER_CURRENT_URL = f"{CANONICAL}/StructureDefinition/srh-no-longer-current"
RECORDER_TYPES = ("Practitioner", "PractitionerRole", "Patient", "RelatedPerson")
_PATH = "Observation"


def understanding_from_fhir(resource: Mapping[str, Any]) -> Understanding:
    """An Understanding from an Observation; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    if not any(
        read.has_coding(c, SrhCategory.UNDERSTANDING.system, SrhCategory.UNDERSTANDING.value)
        for _, c in read.entries(r, "category", _PATH)
    ):
        raise MappingError(f"{_PATH}.category", "needs the SRH category understanding")
    kind = read.one_srh_code(read.required(r, "code", _PATH), f"{_PATH}.code", UnderstandingKind)
    own_words, no_longer_current = _extensions(r)
    if own_words is None:
        raise MappingError(f"{_PATH}.extension", "says not in whose words the entry is (srh-own-words)")
    if "effectiveDateTime" not in r and "effectivePeriod" not in r:
        raise MappingError(f"{_PATH}.effective[x]", "is required but missing (a dateTime or a Period)")
    try:
        entry = Understanding(
            id=read.string(r, "id", _PATH),
            status=read.required_code(r, "status", _PATH, ObservationStatus),
            patient=observation.subject(r),
            kind=kind,
            words=read.required_string(r, "valueString", _PATH),
            own_words=own_words,
            date=read.date_time(r, "effectiveDateTime", _PATH, FhirDateTime),
            period=read.period(r, "effectivePeriod", _PATH),
            recorded=read.required_date_time(r, "issued", _PATH, FhirDateTime),
            recorded_by=read.references(r, "performer", _PATH, *RECORDER_TYPES),
            no_longer_current=no_longer_current,
            notes=read.annotation_texts(r, "note", _PATH),
        )
    except ValueError as error:
        raise MappingError(f"{_PATH}.effective[x]", str(error)) from None
    return replace(entry, extras=write.make_residue(r, partial(_canonical, entry)))


def understanding_to_fhir(entry: Understanding) -> dict[str, Any]:
    """The Observation of an Understanding, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(entry), entry.extras)


def _extensions(r: read.Json) -> tuple[bool | None, FhirDate | None]:
    own_words: bool | None = None
    since: FhirDate | None = None
    for i, extension in read.entries(r, "extension", _PATH):
        path = f"{_PATH}.extension[{i}]"
        url = read.obj(extension, path).get("url")
        if url == OWN_WORDS_URL:
            own_words = read.required_boolean(extension, "valueBoolean", path)
        elif url == NO_LONGER_CURRENT_URL:
            since = read.date_time(extension, "valueDate", path, FhirDate)
            if since is None:
                raise MappingError(f"{path}.valueDate", "is required but missing")
    return own_words, since


def _canonical(entry: Understanding) -> dict[str, Any]:
    out = write.start(entry)
    extensions: list[dict[str, Any]] = [{"url": OWN_WORDS_URL, "valueBoolean": entry.own_words}]
    if entry.no_longer_current is not None:
        extensions.append({"url": NO_LONGER_CURRENT_URL, "valueDate": entry.no_longer_current.text})
    out["extension"] = extensions
    out["status"] = entry.status.value
    out["category"] = [
        {"coding": [dict(observation.SOCIAL_HISTORY)]},
        {"coding": [to_coding(SrhCategory.UNDERSTANDING)]},
    ]
    out["code"] = write.concept(entry.kind)
    out["subject"] = {"reference": entry.patient}
    write.put(out, "effectiveDateTime", write.text(entry.date))
    write.put(out, "effectivePeriod", write.period(entry.period))
    out["issued"] = entry.recorded.text
    write.put(out, "performer", write.refs(entry.recorded_by))
    out["valueString"] = entry.words
    write.put(out, "note", write.notes(entry.notes))
    return out
