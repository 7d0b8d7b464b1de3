"""``srh-fhir push`` and ``pull`` against each real FHIR server (HAPI and Helios)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from joserfc.jwk import ECKey
from paths import INVALID_DIR
from synthetic_clients import example_client, put_transaction, synthetic_client

from srh_fhir.cli_server import pull, push
from srh_fhir.client import FHIRClient
from srh_fhir.errors import ResourceNotFound


def write_client(folder: Path, members: int = 3) -> list[dict[str, Any]]:
    """A synthetic client with a fresh id, as one JSON file per resource (the way integrators keep them)."""
    resources = synthetic_client(f"cli-{uuid.uuid4().hex[:8]}", members)
    folder.mkdir(parents=True, exist_ok=True)
    for resource in resources:
        (folder / f"{resource['resourceType']}-{resource['id']}.json").write_text(json.dumps(resource))
    return resources


def test_dry_run_validates_and_sends_nothing(any_fhir_base: str, tmp_path: Path) -> None:
    resources = write_client(tmp_path / "client")
    result = CliRunner().invoke(push, ["--server", any_fhir_base, "--dry-run", str(tmp_path / "client")])
    assert result.exit_code == 0, result.output
    assert "7 resources are valid (3 Observation, 1 Patient, 3 RelatedPerson); dry run" in result.output
    patient_id = resources[0]["id"]
    with FHIRClient(any_fhir_base) as fhir, pytest.raises(ResourceNotFound, match=f"HTTP 404: .*Patient/{patient_id}"):
        fhir.read("Patient", patient_id)


def test_invalid_input_is_reported_and_nothing_is_sent(any_fhir_base: str, tmp_path: Path) -> None:
    resources = write_client(tmp_path / "client")
    invalid = INVALID_DIR / "srh-network-member" / "no-relationship.json"
    result = CliRunner().invoke(push, ["--server", any_fhir_base, str(tmp_path / "client"), str(invalid)])
    assert result.exit_code == 1
    assert "srh-nm-1" in result.output and "nothing was sent" in result.output
    patient_id = resources[0]["id"]
    with FHIRClient(any_fhir_base) as fhir, pytest.raises(ResourceNotFound, match=f"HTTP 404: .*Patient/{patient_id}"):
        fhir.read("Patient", patient_id)


def test_push_then_pull_as_bundle_and_ndjson(any_fhir_base: str, tmp_path: Path) -> None:
    resources = write_client(tmp_path / "client", members=4)
    patient_id = resources[0]["id"]
    pushed = CliRunner().invoke(push, ["--server", any_fhir_base, str(tmp_path / "client")])
    assert pushed.exit_code == 0, pushed.output
    assert "wrote 9 resources" in pushed.output and "9 created" in pushed.output

    as_bundle = CliRunner().invoke(
        pull, ["--server", any_fhir_base, "--patient", patient_id, "--out", str(tmp_path / "b")]
    )
    assert as_bundle.exit_code == 0, as_bundle.output
    bundle = json.loads((tmp_path / "b" / f"{patient_id}.json").read_text())
    assert bundle["type"] == "collection"
    assert {e["resource"]["id"] for e in bundle["entry"]} == {r["id"] for r in resources}

    as_ndjson = CliRunner().invoke(
        pull, ["--server", any_fhir_base, "--patient", patient_id, "--out", str(tmp_path / "n"), "--format", "ndjson"]
    )
    assert as_ndjson.exit_code == 0, as_ndjson.output
    lines = (tmp_path / "n" / "RelatedPerson.ndjson").read_text().splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(
        r["id"] for r in resources if r["resourceType"] == "RelatedPerson"
    )
    assert sorted(p.name for p in (tmp_path / "n").iterdir()) == [
        "Observation.ndjson",
        "Patient.ndjson",
        "RelatedPerson.ndjson",
    ]


def test_pull_of_an_unknown_client_fails_clearly(any_fhir_base: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(pull, ["--server", any_fhir_base, "--patient", "nobody-here", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "Patient/nobody-here" in result.output


def test_token_and_key_together_is_a_usage_error(tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    key.write_text("x")
    arguments = ["--server", "http://127.0.0.1:9/fhir", "--patient", "p", "--out", str(tmp_path), "--token", "t"]
    result = CliRunner().invoke(pull, [*arguments, "--client-id", "c", "--private-key", str(key)])
    assert result.exit_code == 2 and "not both" in result.output


def test_pull_brings_the_needs_gradings_with_the_picture(any_fhir_base: str, tmp_path: Path) -> None:
    suffix = uuid.uuid4().hex[:8]
    with FHIRClient(any_fhir_base) as fhir:
        fhir.transaction(put_transaction(example_client(suffix)))

    result = CliRunner().invoke(pull, ["--server", any_fhir_base, "--patient", f"ingrid-de-vries-{suffix}",
                                       "--out", str(tmp_path), "--format", "ndjson"])

    assert result.exit_code == 0, result.output
    ids = {json.loads(line)["id"] for line in (tmp_path / "Observation.ndjson").read_text("utf-8").splitlines()}
    assert {f"ingrid-needs-2026-03-02-{suffix}", f"ingrid-needs-2026-09-14-{suffix}"} <= ids


def test_backend_services_on_a_server_without_smart_is_a_clear_error(any_fhir_base: str, tmp_path: Path) -> None:
    # Neither test server offers SMART (srh-fhir doctor: "SMART discovery: no"): Backend Services cannot get a token
    # there, and the pull says why in one line before it reads anything.
    key_file = tmp_path / "key.jwk"
    key_file.write_text(json.dumps(ECKey.generate_key("P-384", private=True).as_dict(private=True)))
    credentials = ["--client-id", "nightly", "--private-key", str(key_file), "--scope", "system/*.rs"]
    where = ["--server", any_fhir_base, "--patient", "p1", "--out", str(tmp_path / "out")]

    result = CliRunner().invoke(pull, [*where, *credentials])

    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    # HAPI has no such document (404); Helios has one that names no token endpoint.
    assert result.output.startswith("error: ") and "SMART configuration" in result.output
    assert any_fhir_base in result.output
    assert not (tmp_path / "out").exists()
