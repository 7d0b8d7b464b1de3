"""Migrations of stored data to the current code lists.

Practical support used to be a sixth code of the basic-need CodeSystem. In the method it is a kind of support (with
emotional, informational and companionship), not a basic need, so ``srh-basic-need#practical-support`` is gone. A
tie assessment that recorded it as a basic need met now records practical support as a support type given; a goal
category or a plan activity's reason that named it loses that coding (the basic needs left say nothing about it).

The functions are pure: they return a new resource and never change their argument. The command line wraps them
(``srh-fhir migrate-needs``).
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from srh_fhir.terminology import BasicNeed, ObservationCode, SupportType, to_coding

__all__ = ["OLD_PRACTICAL_SUPPORT", "migrate_practical_support", "needs_practical_support_migration"]

OLD_PRACTICAL_SUPPORT = "practical-support"

Json = dict[str, Any]


def _is_old_code(coding: Any) -> bool:
    return isinstance(coding, dict) and coding.get("system") == BasicNeed.system \
        and coding.get("code") == OLD_PRACTICAL_SUPPORT


def _names_old_code(concept: Any) -> bool:
    return isinstance(concept, dict) and any(_is_old_code(c) for c in concept.get("coding", ()))


def _without_old_code(concept: Json) -> Json | None:
    """The concept without the old coding (its text kept); None when nothing of it is left."""
    codings = [c for c in concept.get("coding", ()) if not _is_old_code(c)]
    rest = {k: v for k, v in concept.items() if k != "coding"}
    if not codings:
        return rest or None
    return rest | {"coding": codings}


def _is_component(component: Any, code: ObservationCode) -> bool:
    return isinstance(component, dict) and any(
        c.get("system") == code.system and c.get("code") == code.value
        for c in component.get("code", {}).get("coding", ()))


def _gives_practical(component: Any) -> bool:
    return _is_component(component, ObservationCode.SUPPORT_GIVEN) and any(
        c.get("system") == SupportType.system and c.get("code") == SupportType.PRACTICAL.value
        for c in component.get("valueCodeableConcept", {}).get("coding", ()))


def needs_practical_support_migration(resource: Mapping[str, Any]) -> bool:
    """Whether the resource still names practical support as a basic need."""
    return migrate_practical_support(resource) != resource


def migrate_practical_support(resource: Mapping[str, Any]) -> Json:
    """The resource with practical support as a kind of support, not a basic need (a copy, also when unchanged)."""
    out: Json = copy.deepcopy(dict(resource))
    kind = out.get("resourceType")
    if kind == "Observation" and isinstance(out.get("component"), list):
        _migrate_components(out)
    elif kind == "Goal" and isinstance(out.get("category"), list):
        out["category"] = _concepts_without_old_code(out["category"])
        if not out["category"]:
            del out["category"]
    elif kind == "CarePlan":
        for activity in out.get("activity", ()):
            detail = activity.get("detail") if isinstance(activity, dict) else None
            if isinstance(detail, dict) and isinstance(detail.get("reasonCode"), list):
                detail["reasonCode"] = _concepts_without_old_code(detail["reasonCode"])
                if not detail["reasonCode"]:
                    del detail["reasonCode"]
    return out


def _concepts_without_old_code(concepts: list[Any]) -> list[Any]:
    kept = []
    for concept in concepts:
        if not _names_old_code(concept):
            kept.append(concept)
        elif (rest := _without_old_code(concept)) is not None:
            kept.append(rest)
    return kept


def _migrate_components(observation: Json) -> None:
    components: list[Any] = observation["component"]
    if not any(_is_component(c, ObservationCode.BASIC_NEED_MET)
               and _names_old_code(c.get("valueCodeableConcept")) for c in components):
        return
    kept: list[Any] = []
    for component in components:
        if _is_component(component, ObservationCode.BASIC_NEED_MET) \
                and _names_old_code(component.get("valueCodeableConcept")):
            rest = _without_old_code(component["valueCodeableConcept"])
            if rest is not None and rest.get("coding"):
                kept.append(component | {"valueCodeableConcept": rest})
        else:
            kept.append(component)
    if not any(_gives_practical(c) for c in kept):
        last_support = max((i for i, c in enumerate(kept) if _is_component(c, ObservationCode.SUPPORT_GIVEN)),
                           default=-1)
        practical = {"code": {"coding": [to_coding(ObservationCode.SUPPORT_GIVEN, display=False)]},
                     "valueCodeableConcept": {"coding": [to_coding(SupportType.PRACTICAL)]}}
        kept.insert(last_support + 1, practical)
    observation["component"] = kept
