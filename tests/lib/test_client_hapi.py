"""FHIRClient against each real FHIR server: HAPI FHIR JPA with our profiles installed, and the Helios FHIR Server
(the tier's ``fhir`` fixture). Validation of writes against our profiles is HAPI's alone (the dev stack configures it;
Helios checks no profiles): those tests run on HAPI only."""

from __future__ import annotations

import copy
import uuid
from typing import Any
from urllib.parse import urlsplit

import pytest
from paths import EXAMPLE_DIR, INVALID_DIR, read_json

from devstack.hapi_server import free_port
from srh_fhir import bundle as bundles
from srh_fhir.client import FHIRClient
from srh_fhir.errors import (
    FHIRConnectionError,
    InvalidResource,
    ResourceGone,
    ResourceNotFound,
    VersionConflict,
)
from srh_fhir.http import retry_policy

IDENTIFIER_SYSTEM = "urn:srh-fhir:test"
# The dev stack's HAPI validates writes against our profiles; the Helios FHIR Server validates no profiles.
ON_HAPI_ONLY = pytest.mark.parametrize("any_fhir_base", ["hapi"], indirect=True)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def patient(family: str, identifier: str | None = None) -> dict[str, Any]:
    resource: dict[str, Any] = {"resourceType": "Patient", "name": [{"family": family, "given": ["Test"]}]}
    if identifier:
        resource["identifier"] = [{"system": IDENTIFIER_SYSTEM, "value": identifier}]
    return resource


def network_member(patient_id: str) -> dict[str, Any]:
    """The example network member (our profile), pointing at ``patient_id``."""
    member = copy.deepcopy(read_json(EXAMPLE_DIR / "RelatedPerson-ingrid-sister-anja.json"))
    del member["id"]
    member["patient"] = {"reference": f"Patient/{patient_id}"}
    return member


def request_path(fhir: FHIRClient, path: str) -> str:
    """The path of a request under the server's base, as errors name it (``/fhir/Patient/1`` on HAPI, ``/Patient/1``
    on Helios)."""
    return f"{urlsplit(fhir.base_url).path.rstrip('/')}/{path}"


def invalid_network_member() -> dict[str, Any]:
    member: dict[str, Any] = read_json(INVALID_DIR / "srh-network-member" / "no-relationship.json")
    member.pop("id", None)
    return member


def test_capability_statement_is_r4(fhir: FHIRClient) -> None:
    assert fhir.capabilities()["fhirVersion"] == "4.0.1"


def test_create_read_and_vread(fhir: FHIRClient) -> None:
    created = fhir.create(patient("Jansen"))
    assert created["id"] and bundles.version_id(created) == "1"

    created["name"][0]["family"] = "Jansen-Bakker"
    updated = fhir.update(created)
    assert bundles.version_id(updated) == "2"

    assert fhir.read("Patient", created["id"])["name"][0]["family"] == "Jansen-Bakker"
    assert fhir.vread("Patient", created["id"], "1")["name"][0]["family"] == "Jansen"


def test_read_of_an_unknown_resource_raises_not_found_with_the_outcome(fhir: FHIRClient) -> None:
    nobody = unique("nobody")
    path = request_path(fhir, f"Patient/{nobody}")
    with pytest.raises(ResourceNotFound, match=rf"HTTP 404: .*\(GET {path}\)") as caught:
        fhir.read("Patient", nobody)
    assert caught.value.status == 404
    assert caught.value.outcome is not None and caught.value.outcome["resourceType"] == "OperationOutcome"
    assert {i["code"] for i in caught.value.outcome["issue"]} <= {"not-found", "processing"}


def test_deleted_resource_is_gone(fhir: FHIRClient) -> None:
    created = fhir.create(patient("Weg"))
    fhir.delete("Patient", created["id"])
    gone = request_path(fhir, f"Patient/{created['id']}")
    with pytest.raises(ResourceGone, match=rf"HTTP 410: .*\(GET {gone}\)") as caught:
        fhir.read("Patient", created["id"])
    assert caught.value.status == 410


def test_search_follows_every_page(fhir: FHIRClient) -> None:
    family = unique("Paging")
    ids = {fhir.create(patient(family))["id"] for _ in range(5)}

    first = fhir.search_page("Patient", {"family": family}, count=2)
    assert len(bundles.resources(first)) == 2
    assert bundles.link(first, "next") is not None
    assert len(list(fhir.pages(first))) == 3

    found = list(fhir.search("Patient", {"family": family}, count=2))
    assert {r["id"] for r in found} == ids


def test_search_with_include_and_revinclude(fhir: FHIRClient) -> None:
    person = fhir.create(patient(unique("Netwerk")))
    member = fhir.create(network_member(person["id"]))

    revincluded = fhir.search_page("Patient", {"_id": person["id"]}, revinclude=["RelatedPerson:patient"])
    assert [r["id"] for r in bundles.resources(revincluded, mode="match")] == [person["id"]]
    assert [r["id"] for r in bundles.resources(revincluded, mode="include")] == [member["id"]]

    included = list(fhir.search("RelatedPerson", {"patient": person["id"]}, include=["RelatedPerson:patient"]))
    assert {(r["resourceType"], r["id"]) for r in included} == {
        ("RelatedPerson", member["id"]),
        ("Patient", person["id"]),
    }


def test_conditional_create_creates_once(fhir: FHIRClient) -> None:
    identifier = unique("bsn")
    first, created = fhir.conditional_create(
        patient("Eenmalig", identifier), f"identifier={IDENTIFIER_SYSTEM}|{identifier}"
    )
    assert created
    again, created_again = fhir.conditional_create(
        patient("Eenmalig", identifier), {"identifier": f"{IDENTIFIER_SYSTEM}|{identifier}"}
    )
    assert not created_again
    assert again["id"] == first["id"]
    assert len(list(fhir.search("Patient", {"identifier": f"{IDENTIFIER_SYSTEM}|{identifier}"}))) == 1


def test_stale_update_raises_version_conflict_and_keeps_both_versions(fhir: FHIRClient) -> None:
    loaded = fhir.create(patient("Origineel"))
    theirs = copy.deepcopy(loaded)
    theirs["name"][0]["family"] = "Door-collega"
    fhir.update(theirs)

    ours = copy.deepcopy(loaded)  # still at version 1
    ours["name"][0]["family"] = "Door-mij"
    stale = request_path(fhir, f"Patient/{loaded['id']}")
    with pytest.raises(VersionConflict, match=rf"HTTP 4(09|12): .*\(PUT {stale}\)") as caught:
        fhir.update(ours)
    # HAPI answers a stale If-Match with 409 Conflict, Helios with 412 (the specification allows either).
    assert caught.value.status in (409, 412)
    assert caught.value.ours is not None and caught.value.ours["name"][0]["family"] == "Door-mij"
    assert caught.value.theirs is not None and caught.value.theirs["name"][0]["family"] == "Door-collega"
    assert fhir.read("Patient", loaded["id"])["name"][0]["family"] == "Door-collega"


def test_update_without_version_check_overwrites(fhir: FHIRClient) -> None:
    loaded = fhir.create(patient("Eerst"))
    fhir.update({**loaded, "name": [{"family": "Tussendoor"}]})
    overwritten = fhir.update({**loaded, "name": [{"family": "Laatst"}]}, check_version=False)
    assert bundles.version_id(overwritten) == "3"
    assert fhir.read("Patient", loaded["id"])["name"][0]["family"] == "Laatst"


def test_update_with_a_chosen_id_creates_the_resource(fhir: FHIRClient) -> None:
    chosen = unique("client-chosen")
    stored = fhir.update({**patient("Gekozen"), "id": chosen})
    assert stored["id"] == chosen and bundles.version_id(stored) == "1"


def test_history_lists_versions_newest_first_including_the_deletion(fhir: FHIRClient) -> None:
    loaded = fhir.create(patient("Historie"))
    fhir.update({**loaded, "name": [{"family": "Historie-2"}]})
    fhir.delete("Patient", loaded["id"])

    entries = list(fhir.history("Patient", loaded["id"], count=1))
    assert [e["request"]["method"] for e in entries] == ["DELETE", "PUT", "POST"]
    assert entries[1]["resource"]["name"][0]["family"] == "Historie-2"


def test_batch_reports_each_entry(fhir: FHIRClient) -> None:
    existing = fhir.create(patient("Batch"))
    response = fhir.batch(
        [bundles.entry_for_read(f"Patient/{existing['id']}"), bundles.entry_for_read(f"Patient/{unique('missing')}")]
    )
    assert response["type"] == "batch-response"
    assert [status for status, _ in bundles.entry_statuses(response)] == [200, 404]


def test_transaction_writes_linked_new_resources(fhir: FHIRClient) -> None:
    patient_entry = bundles.entry_for_create(patient(unique("Transactie")))
    member = network_member("placeholder")
    member["patient"] = {"reference": patient_entry["fullUrl"]}
    response = fhir.transaction([patient_entry, bundles.entry_for_create(member)])

    assert [status for status, _ in bundles.entry_statuses(response)] == [201, 201]
    patient_location = response["entry"][0]["response"]["location"]
    patient_id = bundles.id_from_location(patient_location, "Patient")
    member_id = bundles.id_from_location(response["entry"][1]["response"]["location"], "RelatedPerson")
    assert member_id is not None
    assert fhir.read("RelatedPerson", member_id)["patient"]["reference"] == f"Patient/{patient_id}"


def test_a_transaction_with_a_stale_entry_is_a_conflict_and_writes_nothing(fhir: FHIRClient) -> None:
    loaded = fhir.create(patient("Voor"))
    fhir.update({**loaded, "name": [{"family": "Tussendoor"}]})
    identifier = unique("tx")
    good = bundles.entry_for_create(patient("Goed", identifier))
    stale = bundles.entry_for_update({**loaded, "name": [{"family": "Te laat"}]})
    # HAPI answers 409 or 412; Helios refuses the transaction with 400 naming the entry's 412.
    with pytest.raises(VersionConflict, match=r"^HTTP 4(09|12): ") as caught:
        fhir.transaction([good, stale])
    assert caught.value.status in (409, 412)
    assert list(fhir.search("Patient", {"identifier": f"{IDENTIFIER_SYSTEM}|{identifier}"})) == []
    assert fhir.read("Patient", loaded["id"])["name"][0]["family"] == "Tussendoor"


@ON_HAPI_ONLY
def test_rejected_transaction_writes_nothing(fhir: FHIRClient) -> None:
    identifier = unique("tx")
    good = bundles.entry_for_create(patient("Goed", identifier))
    bad = bundles.entry_for_create(invalid_network_member())
    with pytest.raises(InvalidResource, match=r"HTTP 422: .*srh-nm-1") as caught:
        fhir.transaction([good, bad])
    assert caught.value.status == 422
    assert list(fhir.search("Patient", {"identifier": f"{IDENTIFIER_SYSTEM}|{identifier}"})) == []


@ON_HAPI_ONLY
def test_write_that_breaks_our_profile_is_refused_with_422(fhir: FHIRClient) -> None:
    with pytest.raises(InvalidResource, match=r"HTTP 422: .*srh-nm-1") as caught:
        fhir.create(invalid_network_member())
    assert caught.value.status == 422
    assert caught.value.outcome is not None
    assert "srh-nm-1" in str(caught.value.outcome)
    assert str(caught.value).startswith("HTTP 422: ")


def errors_of(outcome: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for i in outcome["issue"] if i["severity"] in ("error", "fatal")]


def test_validate_returns_the_outcome_for_valid_and_invalid_resources(fhir: FHIRClient) -> None:
    person = fhir.create(patient("Valide"))
    valid = fhir.validate(network_member(person["id"]))
    assert valid["resourceType"] == "OperationOutcome"
    assert not errors_of(valid)

    without_patient = network_member(person["id"])
    del without_patient["patient"]  # 1..1 in the base specification
    invalid = fhir.validate(without_patient)
    assert invalid["resourceType"] == "OperationOutcome"
    assert any("RelatedPerson.patient" in str(issue) for issue in errors_of(invalid))


@ON_HAPI_ONLY
def test_validate_checks_our_profiles(fhir: FHIRClient) -> None:
    invalid = fhir.validate(invalid_network_member())
    errors = [i for i in invalid["issue"] if i["severity"] in ("error", "fatal")]
    assert any("srh-nm-1" in str(issue) for issue in errors)


def test_connection_refused_is_a_connection_error() -> None:
    base = f"http://127.0.0.1:{free_port()}/fhir"
    client = FHIRClient(base, retries=retry_policy(total=1, backoff_factor=0))
    with client, pytest.raises(FHIRConnectionError, match="connection refused") as caught:
        client.read("Patient", "x")
    assert "connection refused" in str(caught.value)
