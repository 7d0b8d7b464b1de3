"""SupportPlan <-> CarePlan (profile srh-support-plan)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDate, FhirDateTime
from srh_fhir.errors import MappingError
from srh_fhir.model import Activity, PlanComment, SupportPlan
from srh_fhir.terminology import (
    CANONICAL,
    BasicNeed,
    CarePlanActivityStatus,
    CarePlanIntent,
    CoreAction,
    RequestStatus,
    SrhCategory,
    to_coding,
)

from . import _read as read
from . import _write as write

_PATH = "CarePlan"
AGREED_AT_URL = f"{CANONICAL}/StructureDefinition/srh-agreed-at"
_AUTHOR_TYPES = ("Patient", "Practitioner", "PractitionerRole", "Device", "RelatedPerson", "Organization", "CareTeam")
COMPLETED_NOTE = "completed"
"""The text of the ``activity.progress`` note whose ``time`` is the day an activity was done."""
_COMMENT_AUTHOR_TYPES = ("Patient", "RelatedPerson", "Practitioner", "Organization")
_PERFORMER_TYPES = ("Practitioner", "PractitionerRole", "Patient", "RelatedPerson", "CareTeam", "Organization")


def support_plan_from_fhir(resource: Mapping[str, Any]) -> SupportPlan:
    """A SupportPlan from a CarePlan; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    category = SrhCategory.SUPPORT_PLAN
    if not any(read.has_coding(c, category.system, category.value) for _, c in read.entries(r, "category", _PATH)):
        raise MappingError(f"{_PATH}.category", f"needs the category {category.system}#{category.value}")
    patient = read.required_reference(r, "subject", _PATH, "Patient")
    plan = SupportPlan(
        id=read.string(r, "id", _PATH),
        status=read.required_code(r, "status", _PATH, RequestStatus),
        intent=read.required_code(r, "intent", _PATH, CarePlanIntent),
        patient=patient,
        title=read.string(r, "title", _PATH),
        description=read.string(r, "description", _PATH),
        period=read.period(r, "period", _PATH),
        created=read.date_time(r, "created", _PATH, FhirDateTime),
        author=read.reference(r, "author", _PATH, *_AUTHOR_TYPES),
        contributors=read.references(r, "contributor", _PATH, *_AUTHOR_TYPES),
        care_teams=read.references(r, "careTeam", _PATH, "CareTeam"),
        goals=read.references(r, "goal", _PATH, "Goal"),
        activities=tuple(_activity(a, f"{_PATH}.activity[{i}]") for i, a in read.entries(r, "activity", _PATH)),
        notes=tuple(text for text, author, _ in _notes(r) if author is None),
        comments=tuple(
            PlanComment(text=text, author=author, time=time) for text, author, time in _notes(r) if author is not None
        ),
    )
    return replace(plan, extras=write.make_residue(r, partial(_canonical, plan)))


def _notes(r: Mapping[str, Any]) -> list[tuple[str, str | None, FhirDateTime | None]]:
    """(text, author, time) of each ``note``; the author when it is a reference (``authorString`` stays in the
    residue, the note a plain one)."""
    texts = read.annotation_texts(r, "note", _PATH)
    notes = []
    for (i, note), text in zip(read.entries(r, "note", _PATH), texts, strict=True):
        path = f"{_PATH}.note[{i}]"
        note = read.obj(note, path)
        author = read.reference(note, "authorReference", path, *_COMMENT_AUTHOR_TYPES)
        notes.append((text, author, read.date_time(note, "time", path, FhirDateTime) if author else None))
    return notes


def support_plan_to_fhir(plan: SupportPlan) -> dict[str, Any]:
    """The CarePlan of a SupportPlan, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(plan), plan.extras)


def _activity(activity: Any, path: str) -> Activity:
    activity = read.obj(activity, path)
    completed_on = _completed_on(activity, path)
    agreed_at = _agreed_at(activity, path)
    detail = activity.get("detail")
    if detail is None:
        raise MappingError(f"{path}.detail", "is required: every activity names its core action in detail.code")
    path = f"{path}.detail"
    detail = read.obj(detail, path)
    code = read.required(detail, "code", path)
    basic_needs = [
        need
        for i, reason in read.entries(detail, "reasonCode", path)
        for need in read.srh_codes(reason, f"{path}.reasonCode[{i}]", BasicNeed)
    ]
    if "scheduledTiming" not in detail and "scheduledPeriod" not in detail and "scheduledString" not in detail:
        other = next((k for k in detail if k.startswith("scheduled")), None)
        if other is not None:
            raise MappingError(f"{path}.{other}", "is not a scheduled[x] type of CarePlan")
    reason = read.obj(detail.get("statusReason", {}), f"{path}.statusReason")
    return Activity(
        core_action=read.one_srh_code(code, f"{path}.code", CoreAction),
        status=read.required_code(detail, "status", path, CarePlanActivityStatus),
        description=read.string(detail, "description", path),
        basic_needs=tuple(basic_needs),
        goals=read.references(detail, "goal", path, "Goal"),
        performers=read.references(detail, "performer", path, *_PERFORMER_TYPES),
        scheduled_period=read.period(detail, "scheduledPeriod", path),
        scheduled_text=read.string(detail, "scheduledString", path),
        status_reason=read.string(reason, "text", f"{path}.statusReason"),
        completed_on=completed_on,
        agreed_at=agreed_at,
    )


def _agreed_at(activity: Mapping[str, Any], path: str) -> str | None:
    """The network meeting of the first srh-agreed-at extension (``Encounter/...``)."""
    for i, extension in read.entries(activity, "extension", path):
        where = f"{path}.extension[{i}]"
        if read.obj(extension, where).get("url") == AGREED_AT_URL:
            return read.reference_value(
                read.required(extension, "valueReference", where), f"{where}.valueReference", ("Encounter",)
            )
    return None


def _completed_on(activity: Mapping[str, Any], path: str) -> FhirDate | None:
    """The day of the first progress note ``completed`` whose time is a date."""
    for i, note in read.entries(activity, "progress", path):
        note = read.obj(note, f"{path}.progress[{i}]")
        moment = note.get("time")
        if note.get("text") == COMPLETED_NOTE and isinstance(moment, str) and len(moment) == len("2026-01-01"):
            return read.date_time(note, "time", f"{path}.progress[{i}]", FhirDate)
    return None


def _canonical(plan: SupportPlan) -> dict[str, Any]:
    out = write.start(plan)
    out["status"] = plan.status.value
    out["intent"] = plan.intent.value
    out["category"] = [write.concept(SrhCategory.SUPPORT_PLAN)]
    write.put(out, "title", plan.title)
    write.put(out, "description", plan.description)
    out["subject"] = {"reference": plan.patient}
    write.put(out, "period", write.period(plan.period))
    write.put(out, "created", write.text(plan.created))
    write.put(out, "author", write.ref(plan.author))
    write.put(out, "contributor", write.refs(plan.contributors))
    write.put(out, "careTeam", write.refs(plan.care_teams))
    write.put(out, "goal", write.refs(plan.goals))
    write.put(out, "activity", [_activity_out(a) for a in plan.activities])
    comments = [_comment_out(c) for c in plan.comments]
    write.put(out, "note", write.notes(plan.notes) + comments)
    return out


def _comment_out(comment: PlanComment) -> dict[str, Any]:
    out: dict[str, Any] = {"authorReference": {"reference": comment.author}}
    write.put(out, "time", write.text(comment.time))
    out["text"] = comment.text
    return out


def _activity_out(activity: Activity) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if activity.agreed_at is not None:
        out["extension"] = [{"url": AGREED_AT_URL, "valueReference": {"reference": activity.agreed_at}}]
    if activity.completed_on is not None:
        out["progress"] = [{"time": str(activity.completed_on), "text": COMPLETED_NOTE}]
    out["detail"] = _detail(activity)
    return out


def _detail(activity: Activity) -> dict[str, Any]:
    out: dict[str, Any] = {"code": {"coding": [to_coding(activity.core_action)]}}
    write.put(out, "reasonCode", [write.concept(need) for need in activity.basic_needs])
    write.put(out, "goal", write.refs(activity.goals))
    out["status"] = activity.status.value
    if activity.status_reason:
        out["statusReason"] = {"text": activity.status_reason}
    write.put(out, "scheduledPeriod", write.period(activity.scheduled_period))
    write.put(out, "scheduledString", activity.scheduled_text)
    write.put(out, "performer", write.refs(activity.performers))
    write.put(out, "description", activity.description)
    return out
