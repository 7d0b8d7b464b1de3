"""Goal <-> Goal (profile srh-goal)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDate
from srh_fhir.errors import MappingError
from srh_fhir.model import Goal
from srh_fhir.terminology import (
    GOAL_ACHIEVEMENT_SYSTEM,
    BasicNeed,
    CoreAction,
    GoalAchievementStatus,
    GoalLifecycleStatus,
)

from . import _read as read
from . import _write as write

_PATH = "Goal"
_ACHIEVEMENT_DISPLAY = {
    GoalAchievementStatus.IN_PROGRESS: "In Progress",
    GoalAchievementStatus.IMPROVING: "Improving",
    GoalAchievementStatus.WORSENING: "Worsening",
    GoalAchievementStatus.NO_CHANGE: "No Change",
    GoalAchievementStatus.ACHIEVED: "Achieved",
    GoalAchievementStatus.SUSTAINING: "Sustaining",
    GoalAchievementStatus.NOT_ACHIEVED: "Not Achieved",
    GoalAchievementStatus.NO_PROGRESS: "No Progress",
    GoalAchievementStatus.NOT_ATTAINABLE: "Not Attainable",
}


def goal_from_fhir(resource: Mapping[str, Any]) -> Goal:
    """A Goal from a FHIR Goal; MappingError when it does not fit."""
    r = read.check_resource(resource, _PATH)
    core_actions: list[CoreAction] = []
    basic_needs: list[BasicNeed] = []
    for i, category in read.entries(r, "category", _PATH):
        core_actions.extend(read.srh_codes(category, f"{_PATH}.category[{i}]", CoreAction))
        basic_needs.extend(read.srh_codes(category, f"{_PATH}.category[{i}]", BasicNeed))
    if len(core_actions) > 1:
        raise MappingError(f"{_PATH}.category", "a goal belongs to at most one core action")
    description = read.obj(read.required(r, "description", _PATH), f"{_PATH}.description")
    if "startDate" not in r and any(key.startswith("start") for key in r):
        raise MappingError(f"{_PATH}.start[x]", "must be a date (startDate)")
    patient = read.required_reference(r, "subject", _PATH, "Patient")
    goal = Goal(
        id=read.string(r, "id", _PATH),
        lifecycle_status=read.required_code(r, "lifecycleStatus", _PATH, GoalLifecycleStatus),
        achievement_status=_achievement(r),
        description=read.required_string(description, "text", f"{_PATH}.description"),
        patient=patient,
        core_action=core_actions[0] if core_actions else None,
        basic_needs=tuple(basic_needs),
        start=read.date_time(r, "startDate", _PATH, FhirDate),
        due=_due(r),
        expressed_by=read.reference(
            r, "expressedBy", _PATH, "Patient", "Practitioner", "PractitionerRole", "RelatedPerson"
        ),
        addresses=read.references(r, "addresses", _PATH),
        notes=read.annotation_texts(r, "note", _PATH),
    )
    return replace(goal, extras=write.make_residue(r, partial(_canonical, goal)))


def goal_to_fhir(goal: Goal) -> dict[str, Any]:
    """The FHIR Goal of a Goal, with everything its ``extras`` kept."""
    return write.apply_residue(_canonical(goal), goal.extras)


def _achievement(r: read.Json) -> GoalAchievementStatus | None:
    concept = r.get("achievementStatus")
    if concept is None:
        return None
    path = f"{_PATH}.achievementStatus"
    for i, coding in read.entries(read.obj(concept, path), "coding", path):
        if read.obj(coding, f"{path}.coding[{i}]").get("system") == GOAL_ACHIEVEMENT_SYSTEM:
            return read.required_code(coding, "code", f"{path}.coding[{i}]", GoalAchievementStatus)
    return None


def _due(r: read.Json) -> FhirDate | None:
    for i, target in read.entries(r, "target", _PATH):
        path = f"{_PATH}.target[{i}]"
        target = read.obj(target, path)
        if "dueDate" in target:
            return read.date_time(target, "dueDate", path, FhirDate)
        if "dueDuration" in target:
            raise MappingError(f"{path}.due[x]", "must be a date (dueDate)")
    return None


def _canonical(goal: Goal) -> dict[str, Any]:
    out = write.start(goal)
    out["lifecycleStatus"] = goal.lifecycle_status.value
    if goal.achievement_status is not None:
        status = goal.achievement_status
        coding = {"system": GOAL_ACHIEVEMENT_SYSTEM, "code": status.value, "display": _ACHIEVEMENT_DISPLAY[status]}
        out["achievementStatus"] = {"coding": [coding]}
    categories = [write.concept(goal.core_action)] if goal.core_action is not None else []
    categories.extend(write.concept(need) for need in goal.basic_needs)
    write.put(out, "category", categories)
    out["description"] = {"text": goal.description}
    out["subject"] = {"reference": goal.patient}
    write.put(out, "startDate", write.text(goal.start))
    if goal.due is not None:
        out["target"] = [{"dueDate": goal.due.text}]
    write.put(out, "expressedBy", write.ref(goal.expressed_by))
    write.put(out, "addresses", write.refs(goal.addresses))
    write.put(out, "note", write.notes(goal.notes))
    return out
