"""HAPI's validator on the examples and the invalid fixtures (the results of `make validate-reference`).

Each invalid fixture `tests/fixtures/invalid/<profile>/<name>.json` breaks one rule; `<name>.expected.json`
beside it says which (`breaks`), the invariant if it is one, and the error it must produce (`expect`: a
`messageId` and/or the element `path` of one error issue, optionally a `text` in its message).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from paths import EXAMPLE_DIR, INVALID_DIR, ROOT, read_json, resource_files

pytestmark = pytest.mark.reference  # needs what `make test` builds with HAPI's reference validator

RESULTS = ROOT / "build" / "reference-validation.json"
MESSAGE_ID = "http://hl7.org/fhir/StructureDefinition/operationoutcome-message-id"
ERRORS = ("error", "fatal")

FIXTURES = sorted(p for p in INVALID_DIR.rglob("*.json") if not p.name.endswith(".expected.json"))


@pytest.fixture(scope="module")
def results() -> dict[str, Any]:
    if not RESULTS.exists():
        pytest.fail(f"{RESULTS.relative_to(ROOT)} is missing: run `make validate-reference` (make test does)")
    data: dict[str, Any] = read_json(RESULTS)
    return data


def key(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def errors(outcome: dict[str, Any]) -> list[dict[str, Any]]:
    return [issue for issue in outcome.get("issue", []) if issue["severity"] in ERRORS]


def message_id(issue: dict[str, Any]) -> str | None:
    return next((e["valueString"] for e in issue.get("extension", []) if e["url"] == MESSAGE_ID), None)


def issue_paths(issue: dict[str, Any]) -> list[str]:
    return [*issue.get("expression", []), *issue.get("location", [])]


def matches(issue: dict[str, Any], expect: dict[str, str]) -> bool:
    if "messageId" in expect and message_id(issue) != expect["messageId"]:
        return False
    if "path" in expect and expect["path"] not in issue_paths(issue):
        return False
    text = issue.get("diagnostics", "") + issue.get("details", {}).get("text", "")
    return not ("text" in expect and expect["text"] not in text)


@pytest.mark.parametrize("path", resource_files(EXAMPLE_DIR), ids=lambda p: p.name)
def test_example_has_no_errors(results: dict[str, Any], path: Path) -> None:
    outcome = results[key(path)]
    assert errors(outcome) == [], errors(outcome)


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_invalid_fixture_fails_with_its_expected_error(results: dict[str, Any], path: Path) -> None:
    expected = read_json(path.with_suffix(".expected.json"))
    expect = expected["expect"]
    assert {"messageId", "path"} & set(expect), "match on a message id or an element path, not just any error"
    found = errors(results[key(path)])
    assert any(matches(issue, expect) for issue in found), f"{expected['breaks']}: got {found}"


def test_every_profile_has_several_invalid_fixtures(profiles: dict[str, dict[str, Any]]) -> None:
    counts = {sd["id"]: len(list((INVALID_DIR / sd["id"]).glob("*.expected.json"))) for sd in profiles.values()}
    assert all(n >= 3 for n in counts.values()), counts


def test_every_invariant_has_a_failing_fixture(conformance: list[dict[str, Any]]) -> None:
    invariants = {
        c["key"]
        for r in conformance
        if r["resourceType"] == "StructureDefinition"
        for e in r["snapshot"]["element"]
        for c in e.get("constraint", [])
        if c["key"].startswith("srh-")
    }
    covered = {read_json(p).get("invariant") for p in INVALID_DIR.rglob("*.expected.json")}
    assert invariants <= covered, invariants - covered


def test_every_file_was_validated(results: dict[str, Any]) -> None:
    validated = set(results)
    assert {key(p) for p in resource_files(EXAMPLE_DIR)} <= validated
    assert {key(p) for p in FIXTURES} <= validated
