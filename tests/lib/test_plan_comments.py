"""A comment on a support plan by someone named (the client, from their own view) is a ``CarePlan.note`` with
``authorReference`` and ``time``; a note without an author stays one of the plan's notes. Both map both ways,
losslessly, and the result still fits the support-plan profile."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from paths import EXAMPLE_DIR, read_json

from srh_fhir import has_errors, validate
from srh_fhir.errors import MappingError
from srh_fhir.mapping import from_fhir, support_plan_from_fhir, to_fhir
from srh_fhir.model import FhirDateTime, PlanComment, SupportPlan

CLIENT = "Patient/ingrid-de-vries"


def example() -> dict[str, Any]:
    data: dict[str, Any] = read_json(EXAMPLE_DIR / "CarePlan-ingrid-support-plan.json")
    return data


def test_a_comment_by_the_client_is_a_note_with_its_author_and_time() -> None:
    plan = from_fhir(example())
    assert isinstance(plan, SupportPlan)
    moment = FhirDateTime("2026-12-06T10:15:00.000Z")
    commented = dataclasses.replace(
        plan,
        notes=("Afgesproken in het gesprek",),
        comments=(PlanComment(text="Ik wil eerst Anja bellen", author=CLIENT, time=moment),),
    )
    out = to_fhir(commented)
    assert out["note"] == [
        {"text": "Afgesproken in het gesprek"},
        {
            "authorReference": {"reference": CLIENT},
            "time": "2026-12-06T10:15:00.000Z",
            "text": "Ik wil eerst Anja bellen",
        },
    ]
    back = support_plan_from_fhir(out)
    assert back.comments == commented.comments and back.notes == ("Afgesproken in het gesprek",)
    assert not has_errors(validate(out))


def test_a_note_by_a_name_only_stays_a_plain_note_and_keeps_its_author() -> None:
    resource = {**example(), "note": [{"authorString": "Ingrid", "text": "Mijn woorden"}]}
    plan = support_plan_from_fhir(resource)
    assert plan.notes == ("Mijn woorden",) and plan.comments == ()
    assert to_fhir(plan)["note"] == resource["note"]


def test_a_comment_by_someone_annotation_cannot_name_is_refused() -> None:
    resource = {**example(), "note": [{"authorReference": {"reference": "CareTeam/x"}, "text": "?"}]}
    with pytest.raises(MappingError, match="authorReference"):
        support_plan_from_fhir(resource)
