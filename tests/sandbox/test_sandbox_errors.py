"""The sandbox EHR's errors: one module of its own, no name shared with the app's or the library's."""

from __future__ import annotations

from error_tree import defined_errors, errors_outside, tree_problems

from devstack import sandbox_ehr
from devstack.sandbox_ehr import errors
from smart_app import errors as app_errors
from srh_fhir import errors as library_errors


def test_the_drawn_hierarchy_is_the_real_one() -> None:
    assert tree_problems(errors) == []


def test_every_sandbox_error_lives_in_its_errors_module() -> None:
    assert errors_outside(sandbox_ehr, errors) == []


def test_no_error_name_is_used_twice_across_library_app_and_sandbox() -> None:
    names = [e.__name__ for module in (library_errors, app_errors, errors) for e in defined_errors(module)]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
