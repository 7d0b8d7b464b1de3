"""``srh-fhir push`` of an import Bundle keeps its links: after a push every reference on the server resolves."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import responses
from click.testing import CliRunner
from paths import ROOT

from srh_fhir import bundle as bundles
from srh_fhir.cli import main
from srh_fhir.cli_server import push
from srh_fhir.client import FHIRClient

NETWORK_CSV = ROOT / "tests" / "fixtures" / "import" / "netwerk.csv"


def follow(fhir: FHIRClient, reference: str) -> dict[str, Any]:
    """The resource a reference points at on the server (relative, or absolute under its base)."""
    relative = reference.removeprefix(f"{fhir.base_url}/").split("/_history/", 1)[0]
    assert not relative.startswith(("urn:", "http:", "https:")), f"{reference} does not point into the server"
    resource_type, resource_id = relative.split("/")
    return fhir.read(resource_type, resource_id)


def name_of(member: dict[str, Any]) -> str:
    return str(member["name"][0]["text"])


def test_an_imported_network_is_pushed_with_its_links_intact(any_fhir_base: str, tmp_path: Path) -> None:
    patient_id = f"import-{uuid.uuid4().hex[:8]}"
    patient_file = tmp_path / "patient.json"
    patient_file.write_text(json.dumps({"resourceType": "Patient", "id": patient_id, "name": [{"text": "Ingrid"}]}))
    bundle_file = tmp_path / "bundle.json"
    imported = CliRunner().invoke(main, ["import-network", str(NETWORK_CSV), "--patient", patient_id,
                                         "--out", str(bundle_file), "--assessed", "2026-09-14"])
    assert imported.exit_code == 0, imported.output
    bundle = json.loads(bundle_file.read_text())
    by_full_url = {entry["fullUrl"]: entry["resource"] for entry in bundle["entry"]}
    tie_focuses = [r["focus"][0]["reference"] for r in by_full_url.values() if r["resourceType"] == "Observation"]
    ties_in_file = sorted(name_of(by_full_url[focus]) for focus in tie_focuses)

    pushed = CliRunner().invoke(push, ["--server", any_fhir_base, str(patient_file), str(bundle_file)])

    assert pushed.exit_code == 0, pushed.output
    assert "wrote 8 resources" in pushed.output and "8 created" in pushed.output
    with FHIRClient(any_fhir_base) as fhir:
        patient = fhir.read("Patient", patient_id)
        members = list(fhir.search("RelatedPerson", {"patient": f"Patient/{patient_id}"}))
        ties = list(fhir.search("Observation", {"subject": f"Patient/{patient_id}"}))
        assert sorted(map(name_of, members)) == sorted(
            name_of(r) for r in by_full_url.values() if r["resourceType"] == "RelatedPerson"
        )
        assert len(ties) == len(ties_in_file) == 3
        for resource in (patient, *members, *ties):
            for reference in bundles.references(resource):
                assert follow(fhir, reference)["id"]
        for member in members:
            assert follow(fhir, member["patient"]["reference"])["id"] == patient_id
        for tie in ties:
            assert follow(fhir, tie["subject"]["reference"])["id"] == patient_id
        assert sorted(name_of(follow(fhir, tie["focus"][0]["reference"])) for tie in ties) == ties_in_file


BASE = "https://ehr.example/fhir"
RESPONSE = {"resourceType": "Bundle", "type": "transaction-response", "entry": []}


def import_bundle(tmp_path: Path, patient_id: str = "ingrid") -> dict[str, Any]:
    out = tmp_path / f"import-{patient_id}.json"
    result = CliRunner().invoke(main, ["import-network", str(NETWORK_CSV), "--patient", patient_id, "--out", str(out)])
    assert result.exit_code == 0, result.output
    bundle: dict[str, Any] = json.loads(out.read_text())
    return bundle


def write(path: Path, resource: dict[str, Any]) -> str:
    path.write_text(json.dumps(resource))
    return str(path)


def sent_entries(mocked: responses.RequestsMock) -> list[dict[str, Any]]:
    [call] = mocked.calls
    body = json.loads(call.request.body)
    assert body["type"] == "transaction"
    entries: list[dict[str, Any]] = body["entry"]
    return entries


def test_a_transaction_bundle_is_sent_with_its_full_urls_and_requests(
    mocked: responses.RequestsMock, tmp_path: Path
) -> None:
    bundle = import_bundle(tmp_path)
    bundle["entry"][0]["request"]["ifNoneExist"] = "name=Anja%20Hoekstra"
    patient = {"resourceType": "Patient", "id": "ingrid", "meta": {"versionId": "3"}, "active": True}
    mocked.post(BASE, json=RESPONSE)

    result = CliRunner().invoke(
        push, ["--server", BASE, write(tmp_path / "patient.json", patient), write(tmp_path / "b.json", bundle)]
    )

    assert result.exit_code == 0, result.output
    patient_entry, *imported = sent_entries(mocked)
    assert patient_entry == {
        "fullUrl": f"{BASE}/Patient/ingrid",
        "resource": {"resourceType": "Patient", "id": "ingrid", "active": True},
        "request": {"method": "PUT", "url": "Patient/ingrid"},
    }
    assert imported == bundle["entry"]


def test_a_collection_linked_by_urn_uuid_becomes_one_transaction_keeping_its_full_urls(
    mocked: responses.RequestsMock, tmp_path: Path
) -> None:
    entries = [{"fullUrl": e["fullUrl"], "resource": e["resource"]} for e in import_bundle(tmp_path)["entry"]]
    collection = {"resourceType": "Bundle", "type": "collection", "entry": entries}
    mocked.post(BASE, json=RESPONSE)

    result = CliRunner().invoke(push, ["--server", BASE, write(tmp_path / "c.json", collection)])

    assert result.exit_code == 0, result.output
    assert sent_entries(mocked) == [
        {**entry, "request": {"method": "POST", "url": entry["resource"]["resourceType"]}} for entry in entries
    ]


def test_a_urn_uuid_reference_to_no_entry_is_refused_before_anything_is_sent(
    mocked: responses.RequestsMock, tmp_path: Path
) -> None:
    bundle = import_bundle(tmp_path)
    member, tie = bundle["entry"][:2]
    assert tie["resource"]["focus"] == [{"reference": member["fullUrl"]}]
    bundle["entry"].remove(member)

    result = CliRunner().invoke(push, ["--server", BASE, write(tmp_path / "b.json", bundle)])

    assert result.exit_code == 1
    assert f"Observation {tie['fullUrl']} references {member['fullUrl']}, which is the fullUrl of no entry" in (
        result.output
    )
    assert "nothing was sent" in result.output and not mocked.calls


def test_the_same_import_pushed_twice_in_one_go_is_refused(mocked: responses.RequestsMock, tmp_path: Path) -> None:
    bundle = write(tmp_path / "b.json", import_bundle(tmp_path))

    result = CliRunner().invoke(push, ["--server", BASE, "--dry-run", bundle, bundle])

    assert result.exit_code == 1
    assert "is the fullUrl of more than one entry" in result.output and not mocked.calls


def test_references_are_found_anywhere_in_a_resource() -> None:
    resource = {
        "resourceType": "Observation",
        "subject": {"reference": "Patient/1"},
        "focus": [{"reference": "urn:uuid:0"}, {"display": "no reference"}],
        "extension": [{"url": "x", "valueReference": {"reference": "RelatedPerson/2"}}],
        "contained": [{"resourceType": "Group", "member": [{"entity": {"reference": "#3"}}]}],
        "code": {"text": "reference"},
    }
    assert list(bundles.references(resource)) == ["Patient/1", "urn:uuid:0", "RelatedPerson/2", "#3"]
