"""``srh-fhir doctor``: the verdicts, the table, the exit codes, and a played server that claims ``_revinclude`` but
ignores it."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import responses
from click.testing import CliRunner

from srh_fhir.cli_server import doctor
from srh_fhir.doctor import Check, Report, render_text

BASE = "https://ehr.example/fhir"


def report(*checks: Check) -> Report:
    return Report(BASE, "4.0.1", "Example FHIR 1.2", False, checks)


def test_a_probe_outweighs_the_claim_and_neither_known_is_unknown() -> None:
    assert Check("_revinclude", "fallback", True, False).verdict == "fallback"
    assert Check("If-Match", "needed", False, True).verdict == "ok"
    assert Check("batch", "needed", False, None).verdict == "MISSING"
    assert Check("paging", "needed", None, None).verdict == "unknown"
    assert Check("SMART", "optional", True, False).verdict == "no"


def test_only_a_missing_needed_capability_makes_the_report_fail() -> None:
    assert report(Check("_revinclude", "fallback", True, False), Check("SMART", "optional", False, None)).ok
    assert not report(Check("transaction", "needed", True, False)).ok


def test_the_table_has_a_row_per_check_and_says_what_is_missing() -> None:
    text = render_text(report(Check("transaction", "needed", True, False, "HTTP 400"), Check("paging", "needed", None)))
    lines = text.splitlines()
    assert lines[0] == f"{BASE}: Example FHIR 1.2, FHIR 4.0.1"
    assert re.fullmatch(r"capability\s+need\s+claimed\s+probed\s+verdict\s+detail", lines[1])
    assert re.fullmatch(r"transaction\s+needed\s+yes\s+no\s+MISSING\s+HTTP 400", lines[2])
    assert re.fullmatch(r"paging\s+needed\s+-\s+-\s+unknown", lines[3])
    assert lines[-1] == "missing: transaction"


def test_an_unreachable_server_exits_2() -> None:
    result = CliRunner().invoke(doctor, ["http://127.0.0.1:9/fhir", "--read-only"])
    assert result.exit_code == 2
    assert "cannot reach http://127.0.0.1:9/fhir" in result.output


class PlayedServer:
    """A FHIR server that stores what it is sent and ignores every search parameter but ``_id`` (so it ignores
    ``_revinclude``), while its CapabilityStatement claims ``_revinclude``."""

    def __init__(self) -> None:
        self.stored: dict[str, dict[str, Any]] = {}
        self.ids = itertools.count(1)
        self.deleted: list[str] = []

    def statement(self) -> dict[str, Any]:
        interactions = [{"code": c} for c in ("read", "search-type", "create", "update", "delete")]
        return {
            "resourceType": "CapabilityStatement",
            "fhirVersion": "4.0.1",
            "rest": [
                {
                    "mode": "server",
                    "interaction": [{"code": "batch"}],
                    "resource": [
                        {"type": "RelatedPerson", "interaction": interactions, "searchRevInclude": ["*"]},
                        {"type": "Patient", "interaction": interactions, "searchRevInclude": ["*"]},
                    ],
                }
            ],
        }

    def handle(self, request: Any) -> tuple[int, dict[str, str], str]:
        parts = urlsplit(request.url)
        path = parts.path.removeprefix(urlsplit(BASE).path).strip("/").split("/")
        if path == ["metadata"]:
            return self.answer(200, self.statement())
        if request.method == "POST" and path == [""]:
            return self.answer(400, {"resourceType": "OperationOutcome", "issue": [{"severity": "error"}]})
        if request.method == "POST":
            resource = json.loads(request.body) | {"id": str(next(self.ids)), "meta": {"versionId": "1"}}
            self.stored[f"{path[0]}/{resource['id']}"] = resource
            return self.answer(201, resource)
        if request.method == "DELETE":
            self.deleted.append("/".join(path))
            self.stored.pop("/".join(path), None)
            return 204, {}, ""
        if len(path) == 2 and request.method == "GET":
            found = self.stored.get("/".join(path))
            return self.answer(200, found) if found else self.answer(404, {"resourceType": "OperationOutcome"})
        if len(path) == 2 and request.method == "PUT":
            resource = json.loads(request.body)
            self.stored["/".join(path)] = resource
            return self.answer(200, resource)
        wanted = dict(parse_qsl(parts.query)).get("_id")
        matches = [r for r in self.stored.values() if r["resourceType"] == path[0] and wanted in (None, r["id"])]
        entries = [{"resource": r, "search": {"mode": "match"}} for r in matches]
        return self.answer(200, {"resourceType": "Bundle", "type": "searchset", "entry": entries})

    @staticmethod
    def answer(status: int, body: dict[str, Any]) -> tuple[int, dict[str, str], str]:
        return status, {"Content-Type": "application/fhir+json"}, json.dumps(body)


def test_a_server_that_claims_revinclude_but_ignores_it(mocked: responses.RequestsMock) -> None:
    server = PlayedServer()
    for method in (responses.GET, responses.POST, responses.PUT, responses.DELETE):
        mocked.add_callback(method, re.compile(re.escape(BASE) + ".*"), callback=server.handle)

    result = CliRunner().invoke(doctor, [BASE, "--format", "json"])

    found = json.loads(result.output)
    checks = {c["name"]: c for c in found["checks"]}
    revinclude = checks["_revinclude"]
    assert (revinclude["claimed"], revinclude["probed"], revinclude["verdict"]) == (True, False, "fallback")
    assert "did not return Observation" in revinclude["detail"]
    assert checks["transaction"]["verdict"] == "MISSING"
    assert result.exit_code == 1
    assert server.stored == {}, "everything the probes created is deleted"
    assert server.deleted[-1].startswith("Patient/"), "the scratch Patient goes last"
