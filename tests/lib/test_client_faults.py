"""Faults and server quirks a real HAPI server will not produce on demand, played with ``responses``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import requests
import responses

from srh_fhir import bundle as bundles
from srh_fhir.auth import BearerToken
from srh_fhir.client import FHIRClient
from srh_fhir.errors import (
    AuthError,
    FHIRConnectionError,
    FHIRHTTPError,
    FHIRProtocolError,
    InvalidResource,
    ServerError,
    TokenExpired,
    VersionConflict,
)
from srh_fhir.http import retry_policy

BASE = "https://ehr.example/fhir"


@pytest.fixture
def fhir() -> Iterator[FHIRClient]:
    """A client of the server played at BASE (here instead of the tier's client of HAPI)."""
    with FHIRClient(BASE) as client:
        yield client


def outcome(diagnostics: str, code: str = "processing") -> dict[str, Any]:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": diagnostics}],
    }


def searchset(ids: list[str], next_url: str | None = None) -> dict[str, Any]:
    page: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": {"resourceType": "Patient", "id": i}, "search": {"mode": "match"}} for i in ids],
        "link": [{"relation": "self", "url": f"{BASE}/Patient"}],
    }
    if next_url:
        page["link"].append({"relation": "next", "url": next_url})
    return page


# -- paging ---------------------------------------------------------------------------------------------------


def test_relative_and_absolute_next_links_are_both_followed(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.get(f"{BASE}/Patient", json=searchset(["a", "b"], next_url="Patient?page=2"))
    mocked.get(f"{BASE}/Patient?page=2", json=searchset(["c"], next_url=f"{BASE}/Patient?page=3"))
    mocked.get(f"{BASE}/Patient?page=3", json=searchset(["d"]))
    assert [r["id"] for r in fhir.search("Patient")] == ["a", "b", "c", "d"]


def test_server_error_in_the_middle_of_paging_is_raised_after_the_first_page(
    mocked: responses.RequestsMock, fhir: FHIRClient
) -> None:
    mocked.get(f"{BASE}/Patient", json=searchset(["a", "b"], next_url=f"{BASE}?_getpages=x&_getpagesoffset=2"))
    mocked.get(f"{BASE}?_getpages=x&_getpagesoffset=2", status=500, json=outcome("Search x expired"))
    seen: list[str] = []
    with pytest.raises(ServerError, match="Search x expired") as caught:
        for resource in fhir.search("Patient"):
            seen.append(resource["id"])
    assert seen == ["a", "b"]
    assert caught.value.status == 500
    assert "Search x expired" in str(caught.value)


def test_a_next_link_to_another_host_is_not_followed(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient", json=searchset(["a"], next_url="https://elsewhere.example/fhir?page=2"))
    client = FHIRClient(BASE, token="secret-token")
    with pytest.raises(FHIRProtocolError, match=r"elsewhere\.example"):
        list(client.search("Patient"))
    assert all("elsewhere" not in call.request.url for call in mocked.calls)


# -- error answers --------------------------------------------------------------------------------------------


def test_412_on_update_is_a_version_conflict_with_both_versions(
    mocked: responses.RequestsMock, fhir: FHIRClient
) -> None:
    current = {"resourceType": "Patient", "id": "p1", "meta": {"versionId": "4"}, "active": False}
    mocked.put(f"{BASE}/Patient/p1", status=412, json=outcome("version 3 is not current"))
    mocked.get(f"{BASE}/Patient/p1", json=current)
    ours = {"resourceType": "Patient", "id": "p1", "meta": {"versionId": "3"}, "active": True}

    with pytest.raises(VersionConflict, match="version 3 is not current") as caught:
        fhir.update(ours)

    assert caught.value.status == 412
    assert caught.value.ours == ours
    assert caught.value.theirs == current
    assert mocked.calls[0].request.headers["If-Match"] == 'W/"3"'


def test_operation_outcome_with_only_a_narrative_gives_a_readable_message(
    mocked: responses.RequestsMock, fhir: FHIRClient
) -> None:
    narrative_only = {
        "resourceType": "OperationOutcome",
        "text": {
            "status": "generated",
            "div": '<div xmlns="http://www.w3.org/1999/xhtml"><p>Resource &amp; id invalid</p></div>',
        },
        "issue": [{"severity": "error", "code": "invalid"}],
    }
    mocked.post(f"{BASE}/Patient", status=400, json=narrative_only)
    with pytest.raises(InvalidResource, match="Resource & id invalid") as caught:
        fhir.create({"resourceType": "Patient"})
    assert str(caught.value) == "HTTP 400: Resource & id invalid (POST /fhir/Patient)"
    assert caught.value.outcome == narrative_only


def test_an_html_error_page_from_a_proxy_is_summarised(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/Patient/p1",
        status=502,
        body="<html><body><h1>502 Bad Gateway</h1></body></html>",
        content_type="text/html",
    )
    client = FHIRClient(BASE, retries=retry_policy(total=0))
    with pytest.raises(ServerError, match="502 Bad Gateway") as caught:
        client.read("Patient", "p1")
    assert caught.value.outcome is None
    assert "502 Bad Gateway" in str(caught.value)


def test_an_unsupported_search_parameter_is_an_invalid_request(
    mocked: responses.RequestsMock, fhir: FHIRClient
) -> None:
    mocked.get(f"{BASE}/Patient", status=400, json=outcome('Unknown search parameter "_revinclude"', "not-supported"))
    with pytest.raises(InvalidResource, match="_revinclude"):
        fhir.search_page("Patient", {"_id": "p1"}, revinclude=["RelatedPerson:patient"])


def test_a_success_body_that_is_not_json_is_a_protocol_error(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.get(f"{BASE}/Patient/p1", body="<Patient/>", content_type="application/fhir+xml")
    with pytest.raises(FHIRProtocolError, match="not JSON"):
        fhir.read("Patient", "p1")


def test_other_client_errors_keep_their_status(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.delete(f"{BASE}/Patient/p1", status=405, json=outcome("delete is not allowed"))
    with pytest.raises(FHIRHTTPError, match="HTTP 405: delete is not allowed") as caught:
        fhir.delete("Patient", "p1")
    assert caught.value.status == 405 and "delete is not allowed" in str(caught.value)


def test_ids_that_would_change_the_path_are_refused(fhir: FHIRClient) -> None:
    with pytest.raises(ValueError, match="not a valid FHIR id"):
        fhir.read("Patient", "../metadata")


# -- quirks of write answers ----------------------------------------------------------------------------------


def test_create_answered_with_200_instead_of_201(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    stored = {"resourceType": "Patient", "id": "new1", "meta": {"versionId": "1"}}
    mocked.post(f"{BASE}/Patient", status=200, json=stored)
    assert fhir.create({"resourceType": "Patient"}) == stored


def test_create_without_location_uses_the_body(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.post(f"{BASE}/Patient", status=201, json={"resourceType": "Patient", "id": "new2"})
    assert fhir.create({"resourceType": "Patient"})["id"] == "new2"


def test_create_with_an_empty_body_reads_the_location(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.post(f"{BASE}/Patient", status=201, headers={"Location": f"{BASE}/Patient/new3/_history/1"})
    mocked.get(
        f"{BASE}/Patient/new3/_history/1", json={"resourceType": "Patient", "id": "new3"}, headers={"ETag": 'W/"1"'}
    )
    created = fhir.create({"resourceType": "Patient"})
    assert created["id"] == "new3" and bundles.version_id(created) == "1"


def test_create_with_neither_body_nor_location_is_a_protocol_error(
    mocked: responses.RequestsMock, fhir: FHIRClient
) -> None:
    mocked.post(f"{BASE}/Patient", status=201)
    with pytest.raises(FHIRProtocolError, match="neither the resource nor its Location"):
        fhir.create({"resourceType": "Patient"})


def test_conditional_create_that_matched_returns_the_existing_resource(
    mocked: responses.RequestsMock, fhir: FHIRClient
) -> None:
    mocked.post(f"{BASE}/Patient", status=200, json={"resourceType": "Patient", "id": "old"})
    existing, created = fhir.conditional_create({"resourceType": "Patient"}, {"identifier": "sys|1"})
    assert (existing["id"], created) == ("old", False)
    assert mocked.calls[0].request.headers["If-None-Exist"] == "identifier=sys%7C1"


def test_without_etag_the_version_comes_from_meta(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.get(f"{BASE}/Patient/p1", json={"resourceType": "Patient", "id": "p1", "meta": {"versionId": "7"}})
    mocked.put(f"{BASE}/Patient/p1", json={"resourceType": "Patient", "id": "p1", "meta": {"versionId": "8"}})
    fhir.update(fhir.read("Patient", "p1"))
    assert mocked.calls[1].request.headers["If-Match"] == 'W/"7"'


def test_without_meta_version_the_etag_fills_it_in(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.get(f"{BASE}/Patient/p1", json={"resourceType": "Patient", "id": "p1"}, headers={"ETag": '"5"'})
    assert bundles.version_id(fhir.read("Patient", "p1")) == "5"


def test_update_answered_without_a_body(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.put(f"{BASE}/Patient/p1", status=200, headers={"ETag": 'W/"2"'})
    stored = fhir.update({"resourceType": "Patient", "id": "p1", "meta": {"versionId": "1"}, "active": True})
    assert stored["active"] is True and bundles.version_id(stored) == "2"


def test_transaction_rejected_by_the_server_raises_with_its_outcome(
    mocked: responses.RequestsMock, fhir: FHIRClient
) -> None:
    mocked.post(BASE, status=400, json=outcome("Transaction failed: Goal.description is required"))
    with pytest.raises(InvalidResource, match=r"Goal\.description is required"):
        fhir.transaction([bundles.entry_for_create({"resourceType": "Goal"})])
    sent = json.loads(mocked.calls[0].request.body)
    assert sent["type"] == "transaction" and sent["entry"][0]["request"] == {"method": "POST", "url": "Goal"}


@pytest.mark.parametrize("status", [409, 412])
def test_a_conflict_inside_a_refused_transaction_is_a_version_conflict(
    mocked: responses.RequestsMock, fhir: FHIRClient, status: int
) -> None:
    # The Helios FHIR Server answers a stale If-Match inside a transaction with 400, naming the entry's status.
    mocked.post(BASE, status=400, json=outcome(f"Transaction failed at entry 1: Entry failed with status {status}"))
    entry = {"resource": {"resourceType": "Goal", "id": "g1"}, "request": {"method": "PUT", "url": "Goal/g1"}}
    with pytest.raises(VersionConflict, match=rf"^HTTP {status}: Transaction failed at entry 1") as caught:
        fhir.transaction([entry])
    assert caught.value.status == status and caught.value.outcome is not None


def test_a_transaction_refused_for_an_entry_that_is_no_conflict_stays_invalid(
    mocked: responses.RequestsMock, fhir: FHIRClient
) -> None:
    mocked.post(BASE, status=400, json=outcome("Transaction failed at entry 0: Entry failed with status 422"))
    with pytest.raises(InvalidResource, match=r"^HTTP 400: .*status 422"):
        fhir.transaction([bundles.entry_for_create({"resourceType": "Goal"})])


def test_a_bundle_of_the_wrong_type_is_refused_before_sending(fhir: FHIRClient) -> None:
    with pytest.raises(ValueError, match="transaction"):
        fhir.transaction({"resourceType": "Bundle", "type": "batch", "entry": []})


def test_validate_with_a_profile_sends_parameters(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    verdict = outcome("RelatedPerson.relationship: minimum required = 1")
    mocked.post(f"{BASE}/RelatedPerson/$validate", status=412, json=verdict)
    assert fhir.validate({"resourceType": "RelatedPerson"}, profile="https://example/sd") == verdict
    sent = json.loads(mocked.calls[0].request.body)
    assert sent["resourceType"] == "Parameters"
    assert sent["parameter"][1] == {"name": "profile", "valueUri": "https://example/sd"}


# -- authorisation --------------------------------------------------------------------------------------------


def test_401_calls_the_refresh_hook_once_and_retries(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=401, json=outcome("token expired", "login"))
    mocked.get(f"{BASE}/Patient/p1", json={"resourceType": "Patient", "id": "p1"})
    hook_calls: list[int] = []

    def refresh() -> str:
        hook_calls.append(1)
        return "new-token"

    client = FHIRClient(BASE, auth=BearerToken("old-token", refresh))
    assert client.read("Patient", "p1")["id"] == "p1"
    assert len(hook_calls) == 1
    assert [c.request.headers["Authorization"] for c in mocked.calls] == ["Bearer old-token", "Bearer new-token"]


def test_401_after_the_refresh_is_token_expired(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=401, json=outcome("token expired", "login"))
    client = FHIRClient(BASE, auth=BearerToken("old-token", lambda: "new-token"))
    with pytest.raises(TokenExpired, match="refused the refreshed access token too") as caught:
        client.read("Patient", "p1")
    assert caught.value.status == 401
    assert len(mocked.calls) == 2


def test_401_without_a_refresh_hook_is_token_expired(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=401)
    with pytest.raises(TokenExpired, match="no refresh hook"):
        FHIRClient(BASE, token="old-token").read("Patient", "p1")


def test_a_failing_refresh_hook_is_token_expired(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=401)

    def refresh() -> str:
        raise RuntimeError("refresh token revoked")

    with pytest.raises(TokenExpired, match="refresh token revoked"):
        FHIRClient(BASE, auth=BearerToken("old-token", refresh)).read("Patient", "p1")


def test_403_is_an_auth_error_and_no_refresh(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=403, json=outcome("scope patient/Patient.rs missing", "forbidden"))
    hook_calls: list[int] = []
    client = FHIRClient(BASE, auth=BearerToken("t", lambda: hook_calls.append(1) or "x"))
    with pytest.raises(AuthError, match=r"HTTP 403 forbidden: scope patient/Patient\.rs missing") as caught:
        client.read("Patient", "p1")
    assert not isinstance(caught.value, TokenExpired)
    assert caught.value.status == 403 and "scope patient/Patient.rs missing" in str(caught.value)
    assert hook_calls == []


def test_without_auth_a_401_is_an_auth_error(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=401)
    with pytest.raises(AuthError, match="HTTP 401"):
        fhir.read("Patient", "p1")
    assert "Authorization" not in mocked.calls[0].request.headers


def test_the_token_is_not_in_the_error_message(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=401)
    with pytest.raises(TokenExpired, match="no refresh hook") as caught:
        FHIRClient(BASE, token="very-secret").read("Patient", "p1")
    assert "very-secret" not in str(caught.value)
    assert "very-secret" not in repr(BearerToken("very-secret"))


# -- transport ------------------------------------------------------------------------------------------------


def test_a_timeout_from_the_transport_is_a_connection_error(mocked: responses.RequestsMock, fhir: FHIRClient) -> None:
    mocked.get(f"{BASE}/Patient/p1", body=requests.exceptions.ReadTimeout("read timed out"))
    with pytest.raises(FHIRConnectionError, match="did not answer GET /fhir/Patient/p1"):
        fhir.read("Patient", "p1")


def test_status_retries_stop_and_the_last_answer_is_mapped(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=503, json=outcome("maintenance"))
    client = FHIRClient(BASE, retries=retry_policy(backoff_factor=0, total=2))
    with pytest.raises(ServerError, match="maintenance"):
        client.read("Patient", "p1")
    assert len(mocked.calls) == 3


def test_transient_statuses_are_retried_for_reads(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=429)
    mocked.get(f"{BASE}/Patient/p1", status=502)
    mocked.get(f"{BASE}/Patient/p1", json={"resourceType": "Patient", "id": "p1"})
    client = FHIRClient(BASE, retries=retry_policy(backoff_factor=0, total=3))
    assert client.read("Patient", "p1")["id"] == "p1"
    assert len(mocked.calls) == 3


def test_posts_are_never_retried(mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/Patient", status=503)
    client = FHIRClient(BASE, retries=retry_policy(backoff_factor=0, total=3))
    with pytest.raises(ServerError, match=r"HTTP 503: .*\(POST /fhir/Patient\)"):
        client.create({"resourceType": "Patient"})
    assert len(mocked.calls) == 1
