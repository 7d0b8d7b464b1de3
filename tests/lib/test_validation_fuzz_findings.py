"""Inputs the fuzz (test_validation_fuzz.py) found that made the validator raise: each now gets an OperationOutcome
with an error where the input is wrong."""

from __future__ import annotations

from typing import Any

import pytest

from srh_fhir.validation import Validator, error_paths

FINDINGS: dict[str, tuple[dict[str, Any], str]] = {
    # name: (resource, a location of an error in its outcome)
    "Bundle.type is an array": (
        {"resourceType": "Bundle", "type": [], "entry": [{"resource": {"resourceType": "Basic", "code": {}}}]},
        "Bundle.type",
    ),
}


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_a_finding_of_the_fuzz_gets_an_error_at_its_place(validator: Validator, name: str) -> None:
    resource, location = FINDINGS[name]
    assert location in error_paths(validator.validate(resource))
