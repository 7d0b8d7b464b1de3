"""``srh-fhir doctor`` against each real server: everything srh-fhir needs is there, and the probes leave nothing
behind."""

from __future__ import annotations

import json

from click.testing import CliRunner

from srh_fhir.cli_server import doctor
from srh_fhir.client import FHIRClient


def test_the_server_has_everything_needed_and_the_probes_clean_up(any_fhir_base: str) -> None:
    result = CliRunner().invoke(doctor, [any_fhir_base, "--format", "json"])

    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["ok"] and not report["readOnly"]
    needed = [c for c in report["checks"] if c["need"] == "needed"]
    assert all(c["ok"] for c in needed), [c for c in needed if not c["ok"]]
    probed = {c["name"]: c["probed"] for c in report["checks"]}
    assert probed["_revinclude"] and probed["paging"] and probed["transaction"] and probed["delete"]
    identifier = report["scratchIdentifier"]
    with FHIRClient(any_fhir_base) as fhir:
        for kind in ("Patient", "RelatedPerson", "Observation"):
            assert list(fhir.search(kind, {"identifier": identifier})) == [], kind


def test_read_only_writes_nothing(any_fhir_base: str) -> None:
    with FHIRClient(any_fhir_base) as fhir:
        before = next(fhir.history(count=1), None)
    result = CliRunner().invoke(doctor, [any_fhir_base, "--read-only", "--format", "json"])
    report = json.loads(result.output)
    assert report["readOnly"]
    assert result.exit_code == (0 if report["ok"] else 1), result.output
    # What read-only finds missing is only what it may not probe and the statement does not claim (Helios: If-Match).
    missing = [c for c in report["checks"] if c["need"] == "needed" and not c["ok"]]
    assert all(c["probed"] is None and c["claimed"] is False for c in missing), missing
    with FHIRClient(any_fhir_base) as fhir:
        assert next(fhir.history(count=1), None) == before
