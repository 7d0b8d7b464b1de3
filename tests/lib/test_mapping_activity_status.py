"""An activity's status reason (why it was cancelled) and the day it was done map both ways, losslessly, and the
result still fits the support-plan profile."""

from __future__ import annotations

import dataclasses
from typing import Any

from paths import EXAMPLE_DIR, read_json

from srh_fhir import has_errors, validate
from srh_fhir.mapping import from_fhir, support_plan_from_fhir, to_fhir
from srh_fhir.model import FhirDate, SupportPlan
from srh_fhir.terminology import CarePlanActivityStatus


def plan_example() -> dict[str, Any]:
    data: dict[str, Any] = read_json(EXAMPLE_DIR / "CarePlan-ingrid-support-plan.json")
    return data


def loaded() -> SupportPlan:
    plan = from_fhir(plan_example())
    assert isinstance(plan, SupportPlan)
    return plan


def with_first(plan: SupportPlan, **changes: Any) -> SupportPlan:
    first = dataclasses.replace(plan.activities[0], **changes)
    return dataclasses.replace(plan, activities=(first, *plan.activities[1:]))


def test_a_cancelled_activity_keeps_its_reason() -> None:
    plan = with_first(loaded(), status=CarePlanActivityStatus.CANCELLED, status_reason="Anja verhuist")
    out = to_fhir(plan)
    assert out["activity"][0]["detail"]["status"] == "cancelled"
    assert out["activity"][0]["detail"]["statusReason"] == {"text": "Anja verhuist"}
    back = support_plan_from_fhir(out).activities[0]
    assert (back.status, back.status_reason) == (CarePlanActivityStatus.CANCELLED, "Anja verhuist")
    assert not has_errors(validate(out))


def test_a_completed_activity_keeps_its_day_and_its_schedule() -> None:
    original = plan_example()["activity"][0]["detail"]
    plan = with_first(loaded(), status=CarePlanActivityStatus.COMPLETED, completed_on=FhirDate("2026-12-06"))
    out = to_fhir(plan)
    assert out["activity"][0]["progress"] == [{"time": "2026-12-06", "text": "completed"}]
    assert out["activity"][0]["detail"]["scheduledTiming"] == original["scheduledTiming"]
    assert support_plan_from_fhir(out).activities[0].completed_on == FhirDate("2026-12-06")
    assert not has_errors(validate(out))


def test_undoing_removes_the_reason_and_the_day() -> None:
    done = to_fhir(with_first(loaded(), status=CarePlanActivityStatus.CANCELLED, status_reason="weg"))
    undone = with_first(support_plan_from_fhir(done), status=CarePlanActivityStatus.NOT_STARTED, status_reason=None)
    assert "statusReason" not in to_fhir(undone)["activity"][0]["detail"]


def test_other_progress_notes_and_coded_reasons_are_kept() -> None:
    resource = plan_example()
    other = {"time": "2026-11-01T10:00:00+01:00", "text": "Eerste keer samen boodschappen gedaan"}
    resource["activity"][0]["progress"] = [other, {"time": "2026-12-06", "text": "completed"}]
    coded = {"coding": [{"system": "http://example.org/reasons", "code": "moved"}], "text": "verhuisd"}
    resource["activity"][1]["detail"]["statusReason"] = coded
    plan = support_plan_from_fhir(resource)
    assert plan.activities[0].completed_on == FhirDate("2026-12-06")
    assert plan.activities[1].status_reason == "verhuisd"
    assert to_fhir(plan) == resource
