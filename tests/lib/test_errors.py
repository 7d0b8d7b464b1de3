"""srh_fhir's errors: one module holds them all, and its docstring draws their hierarchy truly."""

from __future__ import annotations

import pytest
from error_tree import drawn_parents, errors_outside, tree_problems

import srh_fhir
from srh_fhir import errors
from srh_fhir.errors import PlanConflict, SrhFhirError, VersionConflict


def test_the_drawn_hierarchy_is_the_real_one() -> None:
    assert tree_problems(errors) == []
    assert drawn_parents(errors)["SrhFhirError"] is None
    assert drawn_parents(errors)["PlanConflict"] == "VersionConflict"


def test_every_library_error_lives_in_srh_fhir_errors() -> None:
    assert errors_outside(srh_fhir, errors) == []


def test_every_error_but_the_root_derives_from_a_project_error() -> None:
    bare = [e.__name__ for e in vars(errors).values() if isinstance(e, type) and Exception in e.__bases__]
    assert bare == ["SrhFhirError"]


def test_a_plan_conflict_names_every_changed_resource_and_keeps_both_versions() -> None:
    ours = {"resourceType": "CarePlan", "id": "p1", "meta": {"versionId": "1"}}
    theirs = {**ours, "meta": {"versionId": "2"}}
    goal = {"resourceType": "Goal", "id": "g1", "meta": {"versionId": "3"}}
    with pytest.raises(SrhFhirError, match=r"CarePlan/p1, Goal/g1 changed on the server .*nothing was saved") as caught:
        raise PlanConflict(VersionConflict(412), [(ours, theirs), (goal, None)])
    assert isinstance(caught.value, VersionConflict)
    assert (caught.value.status, caught.value.ours, caught.value.theirs) == (412, ours, theirs)
    assert caught.value.conflicts == [(ours, theirs), (goal, None)]
