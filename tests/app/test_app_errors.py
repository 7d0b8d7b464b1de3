"""The app's own errors: one module holds them, its docstring draws how they hang under srh_fhir's."""

from __future__ import annotations

from error_tree import drawn_parents, errors_outside, tree_problems

import smart_app
from smart_app import errors
from srh_fhir import errors as library_errors


def test_the_drawn_hierarchy_is_the_real_one() -> None:
    assert tree_problems(errors) == []
    assert drawn_parents(errors)["InvalidIdToken"] == "AuthError"


def test_every_app_error_lives_in_smart_app_errors() -> None:
    assert errors_outside(smart_app, errors) == []


def test_no_app_error_repeats_a_library_errors_name() -> None:
    app_names = {e.__name__ for e in vars(errors).values() if isinstance(e, type) and e.__module__ == errors.__name__}
    assert app_names & set(vars(library_errors)) == set()
