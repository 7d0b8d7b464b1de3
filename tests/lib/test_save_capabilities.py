"""save_plan on servers without transactions or without versions, played with ``responses``."""

from __future__ import annotations

import json
from typing import Any

import pytest
import responses

from srh_fhir.client import FHIRClient
from srh_fhir.errors import CapabilityMissing, InvalidResource, PlanConflict, ResourceNotFound
from srh_fhir.repository import ClientPicture, load_picture, save_plan

BASE = "https://ehr.example/fhir"
PLAN = {"resourceType": "CarePlan", "id": "c1", "meta": {"versionId": "3"}, "status": "active", "intent": "plan"}
GOAL = {"resourceType": "Goal", "id": "new-1", "lifecycleStatus": "proposed"}


def outcome(code: str, diagnostics: str) -> dict[str, Any]:
    issue = {"severity": "error", "code": code, "diagnostics": diagnostics}
    return {"resourceType": "OperationOutcome", "issue": [issue]}


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (405, None),
        (501, outcome("not-supported", "Transactions are not implemented")),
        (404, None),
        (400, outcome("not-supported", "Bundle type transaction is not supported")),
    ],
)
def test_a_server_that_refuses_transactions_gets_a_clear_error_and_nothing_else(
    mocked: responses.RequestsMock, status: int, body: dict[str, Any] | None
) -> None:
    mocked.post(BASE, status=status, json=body)

    refusal = rf"does not support transaction \(.*HTTP {status}\); nothing was saved"
    with pytest.raises(CapabilityMissing, match=refusal):
        save_plan(FHIRClient(BASE), PLAN, goals=[GOAL])
    with pytest.raises(CapabilityMissing, match="it refused a transaction before") as refused:
        save_plan(FHIRClient(BASE), PLAN)  # a new client of the same base does not try again

    assert refused.value.capability == "transaction"
    assert [(c.request.method, c.request.url) for c in mocked.calls] == [("POST", BASE)]  # never separate writes


def test_a_capability_statement_without_transactions_refuses_before_sending(mocked: responses.RequestsMock) -> None:
    rest = [{"mode": "server", "interaction": [{"code": "batch"}, {"code": "search-system"}]}]
    mocked.get(f"{BASE}/metadata", json={"resourceType": "CapabilityStatement", "rest": rest})
    FHIRClient(BASE).capabilities()

    with pytest.raises(CapabilityMissing, match="its CapabilityStatement lists no transaction"):
        save_plan(FHIRClient(BASE), PLAN)

    assert [c.request.method for c in mocked.calls] == ["GET"]


def test_an_invalid_resource_or_a_missing_one_is_not_a_missing_capability(mocked: responses.RequestsMock) -> None:
    mocked.post(BASE, status=400, json=outcome("invalid", "CarePlan.status: unknown code"))
    with pytest.raises(InvalidResource, match=r"CarePlan\.status: unknown code"):
        save_plan(FHIRClient(BASE), PLAN)
    mocked.replace(responses.POST, BASE, status=404, json=outcome("processing", "Goal/g9 not found"))
    with pytest.raises(ResourceNotFound, match="Goal/g9 not found"):
        save_plan(FHIRClient(BASE), PLAN)
    mocked.replace(responses.POST, BASE, json=transaction_response(1))
    assert save_plan(FHIRClient(BASE), PLAN).plan["id"] == "c1"  # still tried: nothing says it lacks them


def transaction_response(entries: int) -> dict[str, Any]:
    answers = [{"response": {"status": "200 OK", "location": "CarePlan/c1/_history/4"}}] * entries
    return {"resourceType": "Bundle", "type": "transaction-response", "entry": answers}

UNVERSIONED_PLAN = {**PLAN, "meta": {"lastUpdated": "2026-09-14T10:00:00Z"}}


def read_answer(last_updated: str) -> dict[str, Any]:
    plan = {**UNVERSIONED_PLAN, "meta": {"lastUpdated": last_updated}}
    entry = {"resource": plan, "response": {"status": "200 OK"}}
    return {"resourceType": "Bundle", "type": "batch-response", "entry": [entry]}


def keeps_no_versions(mocked: responses.RequestsMock) -> None:
    """A played server whose CapabilityStatement says it keeps no versions of CarePlans, read once for its base."""
    resource = {"type": "CarePlan", "versioning": "no-version"}
    statement = {"resourceType": "CapabilityStatement", "rest": [{"mode": "server", "resource": [resource]}]}
    mocked.get(f"{BASE}/metadata", json=statement)
    FHIRClient(BASE).capabilities()
    mocked.calls.reset()


def test_without_versions_an_unchanged_plan_is_updated_in_place(mocked: responses.RequestsMock) -> None:
    keeps_no_versions(mocked)
    mocked.post(BASE, json=read_answer("2026-09-14T10:00:00Z"))
    mocked.post(BASE, json=transaction_response(1))

    save_plan(FHIRClient(BASE), UNVERSIONED_PLAN)

    sent = [json.loads(call.request.body) for call in mocked.calls]
    assert [bundle["type"] for bundle in sent] == ["batch", "transaction"]
    assert sent[1]["entry"][0]["request"] == {"method": "PUT", "url": "CarePlan/c1"}  # not created anew


def test_without_versions_a_plan_changed_since_it_was_loaded_is_a_conflict(mocked: responses.RequestsMock) -> None:
    keeps_no_versions(mocked)
    mocked.post(BASE, json=read_answer("2026-09-14T11:30:00Z"))

    with pytest.raises(PlanConflict, match=r"CarePlan/c1 changed on the server since it was loaded") as conflict:
        save_plan(FHIRClient(BASE), UNVERSIONED_PLAN)

    assert conflict.value.theirs is not None and conflict.value.theirs["meta"]["lastUpdated"] == "2026-09-14T11:30:00Z"
    assert [json.loads(call.request.body)["type"] for call in mocked.calls] == ["batch"]  # nothing written


def test_a_picture_from_a_server_that_keeps_neither_versions_nor_times_says_the_last_save_wins() -> None:
    patient = {"resourceType": "Patient", "id": "p1"}
    kept = ClientPicture(patient=patient, plans=[UNVERSIONED_PLAN])
    assert not kept.to_domain().last_writer_wins  # meta.lastUpdated: changes are still detected
    assert ClientPicture(patient=patient, plans=[{**PLAN, "meta": {}}]).to_domain().last_writer_wins


def test_on_a_server_that_keeps_neither_versions_nor_times_what_it_has_is_updated_and_the_rest_created(
    mocked: responses.RequestsMock,
) -> None:
    """The plan came without meta at all; the goal is new, with a provisional id. Neither may be told from the other
    by what it carries, so the server is asked: updating the plan it has (the last save wins) and creating the goal
    (before, both were created, and the client had two plans)."""
    patient = {"resourceType": "Patient", "id": "p1"}
    timeless_plan = {**PLAN, "meta": {}, "goal": [{"reference": "Goal/new-1"}]}
    page = {"resourceType": "Bundle", "type": "searchset", "entry": [
        {"resource": patient, "search": {"mode": "match"}}, {"resource": timeless_plan, "search": {"mode": "include"}}]}
    mocked.get(f"{BASE}/Patient", json=page)
    picture = load_picture(FHIRClient(BASE), "p1")
    assert picture.to_domain().last_writer_wins
    reads = {"resourceType": "Bundle", "type": "batch-response", "entry": [
        {"resource": timeless_plan, "response": {"status": "200 OK"}},
        {"response": {"status": "404 Not Found"}, "resource": outcome("not-found", "Goal/new-1 is not known")}]}
    mocked.post(BASE, json=reads)
    created = {"response": {"status": "201 Created", "location": "Goal/g7"}}
    mocked.post(BASE, json={"resourceType": "Bundle", "type": "transaction-response",
                            "entry": [{"response": {"status": "200 OK"}}, created]})

    saved = save_plan(FHIRClient(BASE), picture.plans[0], goals=[GOAL])

    read, transaction = [json.loads(call.request.body) for call in mocked.calls[1:]]
    assert [entry["request"]["url"] for entry in read["entry"]] == ["CarePlan/c1", "Goal/new-1"]
    plan_entry, goal_entry = transaction["entry"]
    assert plan_entry["request"] == {"method": "PUT", "url": "CarePlan/c1"}  # no ifMatch: nothing to match
    assert goal_entry["request"] == {"method": "POST", "url": "Goal"}
    assert plan_entry["resource"]["goal"] == [{"reference": goal_entry["fullUrl"]}]
    assert saved.references == {"Goal/new-1": "Goal/g7"}


def test_a_copy_without_its_version_is_still_created_on_a_server_that_keeps_versions(
    mocked: responses.RequestsMock,
) -> None:
    mocked.post(BASE, json=transaction_response(1))

    save_plan(FHIRClient(BASE), UNVERSIONED_PLAN)

    [call] = mocked.calls
    assert json.loads(call.request.body)["entry"][0]["request"] == {"method": "POST", "url": "CarePlan"}


def test_a_picture_loaded_without_versions_makes_its_saves_compare_the_times(mocked: responses.RequestsMock) -> None:
    page = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [
            {"resource": {"resourceType": "Patient", "id": "p1"}, "search": {"mode": "match"}},
            {"resource": UNVERSIONED_PLAN, "search": {"mode": "include"}},
        ],
    }
    mocked.get(f"{BASE}/Patient", json=page)
    picture = load_picture(FHIRClient(BASE), "p1")
    mocked.post(BASE, json=read_answer("2026-09-14T11:30:00Z"))

    with pytest.raises(PlanConflict, match=r"CarePlan/c1 changed on the server"):
        save_plan(FHIRClient(BASE), picture.plans[0])
