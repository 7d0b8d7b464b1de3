"""The sandbox EHR's FHIR proxy against the real HAPI server: the token's scopes and the launch patient's
compartment decide what passes, and the upstream's URLs come back as the proxy's."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sandbox_support import FHIR_BASE, INGRID, MOHAMED, SandboxHarness

from devstack.sandbox_ehr.seed import example_resources, seed
from srh_fhir.client import FHIRClient


@pytest.fixture(autouse=True, scope="module")
def members_made_here_go_again(seeded: str) -> Iterator[None]:
    """The members these tests add to the seeded clients are deleted afterwards: other tests read those clients'
    networks as the examples have them."""
    yield
    with FHIRClient(seeded) as fhir:
        for patient in (INGRID, MOHAMED):
            for member in list(fhir.search("RelatedPerson", {"patient": f"Patient/{patient}"})):
                if member.get("name", [{}])[0].get("family") == "Persoon":
                    fhir.delete("RelatedPerson", member["id"])


READ_WRITE = "launch patient/RelatedPerson.cruds patient/Observation.cruds patient/CarePlan.cruds patient/Patient.rs"
READ_ONLY = "launch patient/*.rs"


def _get(harness: SandboxHarness, token: str, path: str, **params: Any) -> Any:
    return harness.client.get(f"/fhir/{path}", query_string=params, headers={"Authorization": f"Bearer {token}"})


def _send(harness: SandboxHarness, token: str, method: str, path: str, body: dict[str, Any]) -> Any:
    return harness.client.open(
        f"/fhir/{path}", method=method, json=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/fhir+json"},
    )


def _related_person(patient: str, resource_id: str | None = None) -> dict[str, Any]:
    template = next(r for r in example_resources() if r["id"] == "ingrid-sister-anja")
    person = {
        **template, "patient": {"reference": f"Patient/{patient}"}, "name": [{"given": ["Test"], "family": "Persoon"}]
    }
    if resource_id:
        person["id"] = resource_id
    else:
        person.pop("id", None)
    return person


def test_seeding_twice_changes_nothing(seeded: str) -> None:
    url = f"{seeded}/Patient/{INGRID}"
    before = requests.get(url, timeout=30).json()["meta"]["versionId"]
    assert seed(seeded) == len(example_resources())
    assert requests.get(url, timeout=30).json()["meta"]["versionId"] == before


def test_metadata_needs_no_token_and_names_the_smart_endpoints(harness: SandboxHarness) -> None:
    response = harness.client.get("/fhir/metadata")
    assert response.status_code == 200
    security = response.get_json()["rest"][0]["security"]
    assert security["service"][0]["coding"][0]["code"] == "SMART-on-FHIR"
    uris = {e["url"]: e["valueUri"] for e in security["extension"][0]["extension"]}
    assert uris["token"] == "http://localhost:8081/auth/token"


def test_reads_inside_the_compartment_pass(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_ONLY)
    patient = _get(harness, token, f"Patient/{INGRID}")
    assert patient.status_code == 200 and patient.get_json()["id"] == INGRID
    assert patient.headers["ETag"]
    member = _get(harness, token, "RelatedPerson/ingrid-sister-anja")
    assert member.status_code == 200 and member.get_json()["patient"]["reference"] == f"Patient/{INGRID}"


def test_reads_outside_the_compartment_are_forbidden(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_ONLY)
    for path in (f"Patient/{MOHAMED}", "RelatedPerson/mohamed-mother-fatima", "CarePlan/mohamed-support-plan"):
        response = _get(harness, token, path)
        assert response.status_code == 403, path
        assert response.get_json()["issue"][0]["code"] == "forbidden"


def test_a_search_confined_to_the_patient_passes_with_rewritten_urls(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_ONLY)
    response = _get(harness, token, "RelatedPerson", patient=f"Patient/{INGRID}", _count="3")
    assert response.status_code == 200
    bundle = response.get_json()
    ids = {e["resource"]["id"] for e in bundle["entry"]}
    assert ids and all(i.startswith("ingrid-") for i in ids)
    links = {link["relation"]: link["url"] for link in bundle["link"]}
    assert links["self"].startswith(FHIR_BASE) and links["next"].startswith(FHIR_BASE + "?")
    assert all(e["fullUrl"].startswith(f"{FHIR_BASE}/RelatedPerson/") for e in bundle["entry"])
    assert harness.sandbox.config.fhir_upstream not in response.get_data(as_text=True)
    next_path = links["next"][len("http://localhost:8081") :]
    next_page = harness.client.get(next_path, headers={"Authorization": f"Bearer {token}"})
    assert next_page.status_code == 200
    assert all(e["resource"]["patient"]["reference"] == f"Patient/{INGRID}" for e in next_page.get_json()["entry"])


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("RelatedPerson", {}),
        ("RelatedPerson", {"patient": f"Patient/{MOHAMED}"}),
        ("RelatedPerson", {"patient": f"Patient/{INGRID},Patient/{MOHAMED}"}),
        ("Observation", {"code": "x"}),
        ("Patient", {"name": "de Vries"}),
        ("CarePlan", {"subject": f"Patient/{INGRID}", "_revinclude": "Provenance:target"}),
    ],
)
def test_searches_not_confined_to_the_patient_are_forbidden(
    harness: SandboxHarness, path: str, params: dict[str, str]
) -> None:
    scopes = "launch patient/Patient.rs patient/RelatedPerson.rs patient/Observation.rs patient/CarePlan.rs"
    response = _get(harness, harness.token_for(scopes), path, **params)
    assert response.status_code == 403


def test_includes_of_the_patients_own_resources_pass(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_ONLY)
    response = _get(harness, token, "Observation", subject=f"Patient/{INGRID}", _include="Observation:focus")
    assert response.status_code == 200
    entries = response.get_json()["entry"]
    types = {e["resource"]["resourceType"] for e in entries}
    assert {"Observation", "RelatedPerson"} <= types <= {"Observation", "RelatedPerson", "Practitioner"}
    included = [e["resource"] for e in entries if e["search"]["mode"] == "include"]
    members = [r for r in included if r["resourceType"] == "RelatedPerson"]
    assert members and all(r["patient"]["reference"] == f"Patient/{INGRID}" for r in members)


def test_a_read_only_token_cannot_write(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_ONLY)
    assert _send(harness, token, "POST", "RelatedPerson", _related_person(INGRID)).status_code == 403
    existing = _get(harness, token, "RelatedPerson/ingrid-sister-anja").get_json()
    assert _send(harness, token, "PUT", "RelatedPerson/ingrid-sister-anja", existing).status_code == 403
    assert harness.client.delete(
        "/fhir/RelatedPerson/ingrid-sister-anja", headers={"Authorization": f"Bearer {token}"}
    ).status_code == 403


def test_v1_scopes_read_but_do_not_write(harness: SandboxHarness) -> None:
    token = harness.token_for("launch patient/*.read")
    assert _get(harness, token, "RelatedPerson/ingrid-sister-anja").status_code == 200
    assert _send(harness, token, "POST", "RelatedPerson", _related_person(INGRID)).status_code == 403


def test_writes_inside_the_compartment_pass(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_WRITE)
    created = _send(harness, token, "POST", "RelatedPerson", _related_person(INGRID))
    assert created.status_code == 201, created.get_json()
    assert created.headers["Location"].startswith(f"{FHIR_BASE}/RelatedPerson/")
    person = _get(harness, token, created.headers["Location"][len(FHIR_BASE) + 1 :].split("/_history")[0]).get_json()
    person["name"][0]["given"] = ["Gewijzigd"]
    updated = _send(harness, token, "PUT", f"RelatedPerson/{person['id']}", person)
    assert updated.status_code == 200 and updated.get_json()["name"][0]["given"] == ["Gewijzigd"]


def test_writes_outside_the_compartment_are_forbidden(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_WRITE)
    assert _send(harness, token, "POST", "RelatedPerson", _related_person(MOHAMED)).status_code == 403
    # Taking over another patient's resource by moving it into this compartment.
    hijack = _related_person(INGRID, "mohamed-mother-fatima")
    assert _send(harness, token, "PUT", "RelatedPerson/mohamed-mother-fatima", hijack).status_code == 403
    assert harness.client.delete(
        "/fhir/RelatedPerson/mohamed-mother-fatima", headers={"Authorization": f"Bearer {token}"}
    ).status_code == 403


def _create_if_none_exist(harness: SandboxHarness, token: str, criteria: str, identifier: str) -> Any:
    person = {**_related_person(INGRID), "identifier": [{"system": "urn:test:sandbox", "value": identifier}]}
    return harness.client.post(
        "/fhir/RelatedPerson", json=person,
        headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/fhir+json", "If-None-Exist": criteria
        },
    )


def test_a_conditional_create_in_the_compartment_reaches_the_server(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_WRITE)
    criteria = f"patient=Patient/{INGRID}&identifier=urn:test:sandbox|conditional-1"
    first = _create_if_none_exist(harness, token, criteria, "conditional-1")
    again = _create_if_none_exist(harness, token, criteria, "conditional-1")
    assert (first.status_code, again.status_code) == (201, 200)  # the second finds the first: nothing new
    assert again.headers["Location"] == first.headers["Location"]


@pytest.mark.parametrize(
    ("scopes", "criteria", "reason"),
    [
        (READ_WRITE, "name=Fatima", "limited to the launch patient"),
        (READ_WRITE, "_id=mohamed-mother-fatima", "limited to the launch patient"),
        (READ_WRITE, f"patient=Patient/{MOHAMED}", "limited to the launch patient"),
        (READ_WRITE, "", "needs search criteria"),
        ("launch patient/RelatedPerson.c", f"patient=Patient/{INGRID}", "do not allow"),  # a search without scope
    ],
)
def test_a_conditional_create_that_searches_beyond_the_compartment_is_refused(
    harness: SandboxHarness, scopes: str, criteria: str, reason: str
) -> None:
    """Its answer (200 or 201) would tell whether another patient's record holds a match."""
    response = _create_if_none_exist(harness, harness.token_for(scopes), criteria, "conditional-2")
    assert response.status_code == 403 and reason in response.get_json()["issue"][0]["diagnostics"]
    found = _get(harness, harness.token_for("user/*.rs"), "RelatedPerson", identifier="urn:test:sandbox|conditional-2")
    assert found.get_json().get("total", 0) == 0 and not found.get_json().get("entry")


def _transaction(*entries: dict[str, Any]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "transaction", "entry": list(entries)}


def test_a_transaction_inside_the_compartment_passes(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_WRITE)
    bundle = _transaction(
        {"fullUrl": "urn:uuid:7f1c0c3e-34a4-4a7e-9f0e-0b1d2a3c4d5e", "resource": _related_person(INGRID),
         "request": {"method": "POST", "url": "RelatedPerson"}},
        {"request": {"method": "GET", "url": f"RelatedPerson?patient=Patient/{INGRID}"}},
    )
    response = _send(harness, token, "POST", "", bundle)
    assert response.status_code == 200, response.get_json()
    result = response.get_json()
    assert result["type"] == "transaction-response"
    assert result["entry"][0]["response"]["location"].startswith(("RelatedPerson/", f"{FHIR_BASE}/RelatedPerson/"))
    assert harness.sandbox.config.fhir_upstream not in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "entry",
    [
        {"resource": _related_person(MOHAMED), "request": {"method": "POST", "url": "RelatedPerson"}},
        {"resource": _related_person(INGRID, "mohamed-mother-fatima"),
         "request": {"method": "PUT", "url": "RelatedPerson/mohamed-mother-fatima"}},
        {"request": {"method": "DELETE", "url": "RelatedPerson/mohamed-mother-fatima"}},
        {"request": {"method": "GET", "url": "RelatedPerson"}},
        {"request": {"method": "DELETE", "url": f"RelatedPerson?patient=Patient/{INGRID}"}},
        {"resource": _related_person(INGRID),
         "request": {"method": "POST", "url": "RelatedPerson", "ifNoneExist": "name=Fatima"}},
    ],
    ids=["create-other", "put-other", "delete-other", "search-unconfined", "conditional-delete", "if-none-exist-other"],
)
def test_a_transaction_touching_another_patient_is_forbidden(harness: SandboxHarness, entry: dict[str, Any]) -> None:
    token = harness.token_for(READ_WRITE)
    allowed = {"fullUrl": "urn:uuid:1b1c0c3e-34a4-4a7e-9f0e-0b1d2a3c4d5e", "resource": _related_person(INGRID),
               "request": {"method": "POST", "url": "RelatedPerson"}}
    if "resource" in entry:
        entry = {"fullUrl": "urn:uuid:2b1c0c3e-34a4-4a7e-9f0e-0b1d2a3c4d5e", **entry}
    response = _send(harness, token, "POST", "", _transaction(allowed, entry))
    assert response.status_code == 403
    assert "entry 1" in response.get_json()["issue"][0]["diagnostics"]
    fatima = _get(harness, harness.token_for("user/*.rs"), "RelatedPerson/mohamed-mother-fatima")
    assert fatima.get_json()["patient"]["reference"] == f"Patient/{MOHAMED}"


def test_a_token_without_patient_reaches_no_patient_data(harness: SandboxHarness) -> None:
    token = harness.token_for(READ_ONLY, patient=None)
    assert _get(harness, token, "RelatedPerson", patient=f"Patient/{INGRID}").status_code == 403
    assert _get(harness, token, "Practitioner/practitioner-lotte-hendriks").status_code == 200


def test_a_user_scope_is_not_confined_to_a_patient(harness: SandboxHarness) -> None:
    token = harness.token_for("user/RelatedPerson.rs", patient=None)
    response = _get(harness, token, "RelatedPerson/mohamed-mother-fatima")
    assert response.status_code == 200
    assert _get(harness, token, "CarePlan/mohamed-support-plan").status_code == 403


def test_scopes_narrowed_by_a_search_parameter(harness: SandboxHarness) -> None:
    token = harness.token_for("patient/Observation.rs?category=survey")
    allowed = _get(harness, token, "Observation", subject=f"Patient/{INGRID}", category="survey")
    assert allowed.status_code == 200
    assert _get(harness, token, "Observation", subject=f"Patient/{INGRID}").status_code == 403


def test_meta_delete_needs_update_scope_inside_the_compartment(harness: SandboxHarness) -> None:
    tag = {"system": "http://terminology.hl7.org/CodeSystem/v3-ActStatus", "code": "nullified"}
    parameters = {"resourceType": "Parameters", "parameter": [{"name": "meta", "valueMeta": {"tag": [tag]}}]}
    write = harness.token_for(READ_WRITE)
    created = _send(harness, write, "POST", "RelatedPerson", {**_related_person(INGRID), "meta": {"tag": [tag]}})
    member = created.headers["Location"][len(FHIR_BASE) + 1 :].split("/_history")[0]
    read_only = harness.token_for(READ_ONLY)
    assert _send(harness, read_only, "POST", f"{member}/$meta-delete", parameters).status_code == 403
    other = "RelatedPerson/mohamed-mother-fatima"
    assert _send(harness, write, "POST", f"{other}/$meta-delete", parameters).status_code == 403
    assert _send(harness, write, "POST", f"{member}/$meta-delete", parameters).status_code == 200
    assert not _get(harness, write, member).get_json()["meta"].get("tag")


def _provenance(*targets: str) -> dict[str, Any]:
    return {
        "resourceType": "Provenance",
        "target": [{"reference": t} for t in targets],
        "recorded": "2026-12-06T10:00:00Z",
        "agent": [{"who": {"reference": "Practitioner/practitioner-sanne-bakker"}}],
    }


def test_a_provenance_is_in_the_compartment_of_the_patient_it_targets(harness: SandboxHarness) -> None:
    token = harness.token_for(f"{READ_WRITE} patient/Provenance.crs")
    ours = _provenance(f"Patient/{INGRID}", "RelatedPerson/ingrid-sister-anja")
    assert _send(harness, token, "POST", "Provenance", ours).status_code == 201
    for not_ours in (_provenance("RelatedPerson/ingrid-sister-anja"), _provenance(f"Patient/{MOHAMED}")):
        assert _send(harness, token, "POST", "Provenance", not_ours).status_code == 403
    found = _get(harness, token, "Patient", _id=INGRID, _revinclude="Provenance:target")
    assert found.status_code == 200, found.get_json()
    assert any(e["resource"]["resourceType"] == "Provenance" for e in found.get_json()["entry"])
