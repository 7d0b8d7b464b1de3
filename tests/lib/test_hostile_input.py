"""`srh-fhir validate` and the Validator on hostile or careless input: no traceback on any input, one bad file never
stops a run over many, each problem an OperationOutcome issue with a location and a clear message, and the exit
status 1 ("invalid"), never a crash. Limits on depth, string length and file size have defaults, can be set, and
are reported when exceeded; a property that appears twice in one JSON object is an error (FHIR JSON forbids it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from paths import EXAMPLE_DIR

from srh_fhir.cli import main
from srh_fhir.sources import iter_resources
from srh_fhir.validation import Limits, Validator, has_errors
from srh_fhir.validation.limits import MAX_STRING

SISTER = EXAMPLE_DIR / "RelatedPerson-ingrid-sister-anja.json"
PATIENT = '{"resourceType": "Patient", "id": "p1"'


def run(*args: str) -> tuple[int, list[dict[str, Any]]]:
    """Exit code and the outcomes (``--format json``) of a validate run; a traceback fails the test."""
    result = CliRunner().invoke(main, ["validate", "--format", "json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines()]


def issues(outcome: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(severity, location, message) of each issue."""
    return [(i["severity"], ",".join(i.get("expression", [])), i.get("diagnostics", "")) for i in outcome["issue"]]


def deep(levels: int) -> str:
    return PATIENT + ', "extension": ' + "[" * levels + "]" * levels + "}"


def nested_extensions(levels: int) -> dict[str, Any]:
    extension: dict[str, Any] = {"url": "http://example.org/leaf", "valueString": "x"}
    for _ in range(levels):
        extension = {"url": "http://example.org/outer", "extension": [extension]}
    return {"resourceType": "Patient", "id": "p1", "extension": [extension]}


CASES: dict[str, tuple[bytes, str, str]] = {
    # name: (file content, expected location, words of the message)
    "nested 10,000 deep": (deep(10_000).encode(), "", "nests too deep"),
    "400 nested extensions": (json.dumps(nested_extensions(400)).encode(), "Patient.extension[0]", "deeper than 128"),
    "entry is a number": (b'{"resourceType": "Bundle", "type": "collection", "entry": 5}', "Bundle.entry", "array"),
    "request is a string": (
        b'{"resourceType": "Bundle", "type": "transaction", "entry": [{"request": "oops"}]}',
        "Bundle.entry[0].request",
        "must be an object",
    ),
    "not UTF-8": (b'{"resourceType": "Patient", "name": [{"family": "\xff\xfe"}]}', "", "not valid JSON"),
    "empty": (b"", "", "not valid JSON"),
    "a string over 1 MB": (
        (PATIENT + ', "name": [{"family": "' + "x" * (MAX_STRING + 1) + '"}]}').encode(),
        "Patient.name[0].family",
        "over the limit of 1,048,576",
    ),
    "a duplicate key": (
        (PATIENT + ', "gender": "male", "gender": "female"}').encode(),
        "Patient.gender",
        "appears twice",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_gets_an_issue_with_a_location_and_the_run_goes_on(tmp_path: Path, case: str) -> None:
    content, location, words = CASES[case]
    bad = tmp_path / "a-bad.json"
    bad.write_bytes(content)
    code, outcomes = run(str(bad), str(SISTER))

    assert code == 1
    *found, sister = outcomes
    assert not [i for i in sister["issue"] if i["severity"] in ("error", "fatal")]  # the next file is checked
    errors = [(where, message) for o in found for severity, where, message in issues(o) if severity != "information"]
    assert any(words in message and where.startswith(location) for where, message in errors), errors


def test_a_duplicate_key_inside_a_bundle_entry_is_placed_in_its_resource(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.json"
    bundle.write_text(
        '{"resourceType": "Bundle", "type": "collection", "type": "batch", "entry": ['
        '{"resource": {"resourceType": "Patient", "id": "a"}},'
        '{"resource": {"resourceType": "Patient", "id": "b", "active": true, "active": false}}]}'
    )
    items = list(iter_resources([bundle]))
    assert [(i.location, i.problem and "twice" in i.problem) for i in items if i.resource is None] == [
        ("Bundle.type", True)
    ]
    assert [i.duplicates for i in items if i.resource] == [(), ("Patient.active",)]


def test_the_limits_can_be_set(tmp_path: Path) -> None:
    patient = tmp_path / "patient.json"
    patient.write_text(PATIENT + ', "name": [{"family": "' + "x" * 50 + '"}]}')
    assert run(str(patient))[0] == 0
    code, (outcome,) = run("--max-string", "20", str(patient))
    assert code == 1 and issues(outcome)[0][:2] == ("error", "Patient.name[0].family")
    code, (outcome,) = run("--max-depth", "3", str(patient))
    assert code == 1 and issues(outcome)[0][0] == "fatal" and "deeper than 3" in issues(outcome)[0][2]
    code, (outcome,) = run("--max-file-size", "10", str(patient))
    assert code == 1 and "larger than 10 bytes" in issues(outcome)[0][2]


def test_an_ndjson_line_over_the_size_limit_is_reported_and_the_next_line_read(tmp_path: Path) -> None:
    lines = tmp_path / "data.ndjson"
    lines.write_text(PATIENT + ', "name": [{"family": "' + "x" * 200 + '"}]}\n' + PATIENT + "}\n")
    items = list(iter_resources([lines], max_file_bytes=100))
    assert [(i.source.rsplit(":", 1)[1], i.resource is not None) for i in items] == [("1", False), ("2", True)]
    assert "larger than 100 bytes" in (items[0].problem or "")


def test_the_validator_itself_keeps_to_its_limits_on_json_made_in_code() -> None:
    outcome = Validator(limits=Limits(max_depth=50)).validate(nested_extensions(400))
    assert has_errors(outcome) and outcome["issue"][0]["severity"] == "fatal"


def test_a_resource_the_validator_fails_on_is_a_fatal_issue_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Validator.validate

    def failing(self: Validator, resource: dict[str, Any], **options: Any) -> dict[str, Any]:
        if resource.get("id") == "boom":
            raise RecursionError("deep")
        return original(self, resource, **options)

    monkeypatch.setattr(Validator, "validate", failing)
    boom = tmp_path / "boom.json"
    boom.write_text(PATIENT.replace("p1", "boom") + "}")
    code, (first, second) = run(str(boom), str(SISTER))
    assert code == 1 and "the validator failed on this resource (RecursionError)" in issues(first)[0][2]
    assert not has_errors(second)
