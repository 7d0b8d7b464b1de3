"""Fuzzing the validator, the reader and ``srh-fhir validate`` with the package's examples broken the ways vendors'
data goes wrong (tests/fuzzing.py): whatever comes in, the answer is an OperationOutcome with at least one issue,
each with a severity, a code and (in a resource) a location; nothing raises and the input is left as it was.

The fast tier runs a few cases of each; ``make test-long`` runs 10,000 of the main one (``SRH_FUZZ_CASES``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fuzzing import FUZZ_LIMITS, bundles, fuzz_settings, json_files, mutated_resources, ndjson_files
from hypothesis import given
from hypothesis import strategies as st

import srh_fhir.validation
from srh_fhir.cli import main
from srh_fhir.sources import iter_resources
from srh_fhir.validation import Validator
from srh_fhir.validation_report import outcome_of

SEVERITIES = frozenset({"fatal", "error", "warning", "information"})
CRASHED = "the validator failed"


@pytest.fixture(scope="module")
def fuzz_validator() -> Validator:
    return Validator(limits=FUZZ_LIMITS)


def snapshot(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def check_outcome(outcome: Mapping[str, Any], root: str | None) -> None:
    """A well-formed OperationOutcome with at least one issue; with ``root`` (the resource type, when it is one),
    every issue that is not the all-OK message says where, inside the resource."""
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["issue"]
    for issue in outcome["issue"]:
        assert issue["severity"] in SEVERITIES, issue
        assert isinstance(issue["code"], str) and issue["code"], issue
        assert CRASHED not in issue.get("diagnostics", ""), issue
        if root and issue["severity"] != "information":
            assert issue["expression"], issue
            assert all(e == root or e.startswith((f"{root}.", f"{root}[")) for e in issue["expression"]), issue


def root_of(validator: Validator, resource: Mapping[str, Any]) -> str | None:
    kind = resource.get("resourceType")
    return kind if isinstance(kind, str) and validator.schema.is_resource_type(kind) else None


def check_validate(validator: Validator, resource: dict[str, Any]) -> None:
    before = snapshot(resource)
    check_outcome(validator.validate(resource), root_of(validator, resource))
    assert snapshot(resource) == before, "validate() changed its input"


@fuzz_settings()
@given(resource=mutated_resources())
def test_a_mutated_example_gets_an_outcome_and_is_left_as_it_was(
    fuzz_validator: Validator, resource: dict[str, Any]
) -> None:
    check_validate(fuzz_validator, resource)


@fuzz_settings(0.2)
@given(bundle=bundles())
def test_a_bundle_with_odd_entries_gets_an_outcome_and_is_left_as_it_was(
    fuzz_validator: Validator, bundle: dict[str, Any]
) -> None:
    check_validate(fuzz_validator, bundle)
    before = snapshot(bundle)
    for outcome in fuzz_validator.validate_bundle(bundle):
        check_outcome(outcome, None)
    assert snapshot(bundle) == before


def read_back(validator: Validator, file: Path) -> list[dict[str, Any]]:
    """The outcomes of what the reader makes of ``file``, as ``srh-fhir validate`` gets them."""
    outcomes = []
    for item in iter_resources([file], max_file_bytes=64 * 1024):
        assert (item.resource is None) != (item.problem is None), item
        outcome = outcome_of(validator, item)
        check_outcome(outcome, None if item.resource is None else root_of(validator, item.resource))
        outcomes.append(outcome)
    return outcomes


@fuzz_settings(0.2)
@given(data=json_files())
def test_the_reader_makes_an_outcome_of_any_json_file(fuzz_validator: Validator, tmp_path: Path, data: bytes) -> None:
    file = tmp_path / "resource.json"
    file.write_bytes(data)
    read_back(fuzz_validator, file)  # nothing at all from a transaction of deletes only


@fuzz_settings(0.1)
@given(data=ndjson_files())
def test_the_reader_makes_one_outcome_of_each_ndjson_line(
    fuzz_validator: Validator, tmp_path: Path, data: bytes
) -> None:
    file = tmp_path / "resources.ndjson"
    file.write_bytes(data)
    lines = [line for line in data.split(b"\n") if line.strip()]
    assert len(read_back(fuzz_validator, file)) == len(lines)


@contextmanager
def shared_validator(validator: Validator) -> Iterator[None]:
    """The CLI builds its Validator (a second each); here it gets the fuzz one, for the fuzz's limits."""

    def validator_for(*, limits: Any) -> Validator:
        assert limits == validator.limits
        return validator

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(srh_fhir.validation, "Validator", validator_for)
        yield


@fuzz_settings(0.01)
@given(data=json_files(), output_format=st.sampled_from(["json", "text"]))
def test_validate_on_the_command_line_exits_0_or_1_never_with_a_traceback(
    fuzz_validator: Validator, tmp_path: Path, data: bytes, output_format: str
) -> None:
    file = tmp_path / "resource.json"
    file.write_bytes(data)
    limits = ["--max-depth", str(FUZZ_LIMITS.max_depth), "--max-string", str(FUZZ_LIMITS.max_string)]
    with shared_validator(fuzz_validator):
        result = CliRunner().invoke(main, ["validate", "--format", output_format, *limits, str(file)])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert CRASHED not in result.stdout
    for line in result.stdout.splitlines() if output_format == "json" else ():
        check_outcome(json.loads(line), None)
