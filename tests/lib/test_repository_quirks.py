"""load_picture on servers that lack ``_revinclude`` support, played with ``responses``."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import responses

from srh_fhir.client import FHIRClient
from srh_fhir.errors import InvalidResource
from srh_fhir.repository import MEMBER_LINK, PATIENT_LINKS, TIE_ASSESSMENT_TOKEN, load_picture

BASE = "https://ehr.example/fhir"
PATIENT = {"resourceType": "Patient", "id": "p1"}
MEMBER = {"resourceType": "RelatedPerson", "id": "m1", "patient": {"reference": "Patient/p1"}}
ASSESSMENT = {
    "resourceType": "Observation",
    "id": "o1",
    "code": {
        "coding": [{"system": "https://srh-fhir.github.io/fhir/CodeSystem/srh-observation", "code": "tie-assessment"}]
    },
    "focus": [{"reference": "RelatedPerson/m1"}],
    "effectiveDateTime": "2026-09-14",
}


def searchset(resources: list[dict[str, Any]], next_url: str | None = None) -> dict[str, Any]:
    page: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": r, "search": {"mode": "match"}} for r in resources],
    }
    if next_url:
        page["link"] = [{"relation": "next", "url": next_url}]
    return page


def batch_answer(request: Any, pages: dict[str, dict[str, Any]]) -> tuple[int, dict[str, str], str]:
    """Answers a batch of reads: Patient/p1, and per searched type the page in ``pages`` (else an empty one)."""
    sent = json.loads(request.body)
    assert sent["type"] == "batch"
    entries = []
    for entry in sent["entry"]:
        url = entry["request"]["url"]
        if url == "Patient/p1":
            entries.append({"resource": PATIENT, "response": {"status": "200 OK"}})
            continue
        kind = urlsplit(url).path
        query = dict(parse_qsl(urlsplit(url).query))
        assert query["_count"] == "1000"
        if kind == "Observation":  # only tie assessments, not the EHR's other observations
            assert query["code"] == "https://srh-fhir.github.io/fhir/CodeSystem/srh-observation|tie-assessment"
        entries.append({"resource": pages.get(kind, searchset([])), "response": {"status": "200 OK"}})
    body = {"resourceType": "Bundle", "type": "batch-response", "entry": entries}
    return 200, {"Content-Type": "application/fhir+json"}, json.dumps(body)


def test_a_server_that_refuses_revinclude_gets_a_batch(mocked: responses.RequestsMock) -> None:
    mocked.get(
        f"{BASE}/Patient",
        status=400,
        json={
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": "not-supported", "diagnostics": "_revinclude is not supported"}],
        },
    )
    pages = {"RelatedPerson": searchset([MEMBER]), "Observation": searchset([ASSESSMENT])}
    mocked.add_callback(responses.POST, BASE, callback=lambda r: batch_answer(r, pages))

    picture = load_picture(FHIRClient(BASE), "p1")

    assert (picture.round_trips, picture.strategy) == (2, "batch")
    assert picture.members == [MEMBER]
    assert picture.latest_tie_assessments() == {"RelatedPerson/m1": ASSESSMENT}


def test_a_server_that_ignores_revinclude_gets_a_batch(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient", json=searchset([PATIENT]))
    mocked.add_callback(
        responses.POST, BASE, callback=lambda r: batch_answer(r, {"RelatedPerson": searchset([MEMBER])})
    )
    picture = load_picture(FHIRClient(BASE), "p1")
    assert (picture.round_trips, picture.strategy) == (2, "batch")
    assert picture.members == [MEMBER]


def test_the_revinclude_request_asks_for_every_linked_type(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient", json=revinclude_page(MEMBER, ASSESSMENT))
    picture = load_picture(FHIRClient(BASE), "p1")
    assert picture.round_trips == 1
    sent = parse_qsl(urlsplit(mocked.calls[0].request.url).query)
    assert ("_id", "p1") in sent
    assert [v for k, v in sent if k == "_revinclude"] == [f"{kind}:{param}" for kind, param in PATIENT_LINKS]
    assert [v for k, v in sent if k == "_revinclude:iterate"] == [":".join(MEMBER_LINK)]


def test_batch_pages_beyond_the_first_are_followed(mocked: responses.RequestsMock) -> None:
    second_member = {**MEMBER, "id": "m2"}
    pages = {"RelatedPerson": searchset([MEMBER], next_url=f"{BASE}?_getpages=abc")}
    mocked.add_callback(responses.POST, BASE, callback=lambda r: batch_answer(r, pages))
    mocked.get(f"{BASE}?_getpages=abc", json=searchset([second_member]))
    picture = load_picture(FHIRClient(BASE), "p1", strategy="batch")
    assert [m["id"] for m in picture.members] == ["m1", "m2"]
    assert picture.round_trips == 2


def test_without_fallback_a_refused_revinclude_is_raised(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient", status=400)
    with pytest.raises(InvalidResource, match=r"HTTP 400: .*\(GET /fhir/Patient\)"):
        load_picture(FHIRClient(BASE), "p1", strategy="revinclude")


def test_a_search_that_warns_about_its_includes_is_redone_as_a_batch(mocked: responses.RequestsMock) -> None:
    page = searchset([PATIENT])
    page["entry"].append({"resource": MEMBER, "search": {"mode": "include"}})
    warning = {"severity": "warning", "code": "incomplete", "diagnostics": "Included items truncated at 1000"}
    page["entry"].append(
        {"resource": {"resourceType": "OperationOutcome", "issue": [warning]}, "search": {"mode": "outcome"}}
    )
    mocked.get(f"{BASE}/Patient", json=page)
    second_member = {**MEMBER, "id": "m2"}
    mocked.add_callback(
        responses.POST, BASE, callback=lambda r: batch_answer(r, {"RelatedPerson": searchset([MEMBER, second_member])})
    )
    picture = load_picture(FHIRClient(BASE), "p1")
    assert (picture.round_trips, picture.strategy) == (2, "batch")
    assert [m["id"] for m in picture.members] == ["m1", "m2"]


def test_a_capability_statement_without_our_revincludes_sends_the_batch_at_once(
    mocked: responses.RequestsMock,
) -> None:
    offered = [f"{kind}:{param}" for kind, param in PATIENT_LINKS]
    patient_capabilities = {"type": "Patient", "searchRevInclude": offered}
    member_capabilities = {"type": "RelatedPerson", "searchRevInclude": ["Provenance:target"]}  # no Observation:focus
    rest = [{"mode": "server", "resource": [patient_capabilities, member_capabilities]}]
    mocked.get(f"{BASE}/metadata", json={"resourceType": "CapabilityStatement", "rest": rest})
    mocked.add_callback(
        responses.POST, BASE, callback=lambda r: batch_answer(r, {"RelatedPerson": searchset([MEMBER])})
    )
    client = FHIRClient(BASE)
    client.capabilities()
    picture = load_picture(client, "p1")
    assert (picture.round_trips, picture.strategy) == (1, "batch")
    assert [c.request.method for c in mocked.calls] == ["GET", "POST"]


def test_the_batch_entries_percent_encode_their_search_values(mocked: responses.RequestsMock) -> None:
    sent: list[str] = []

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        sent.extend(entry["request"]["url"] for entry in json.loads(request.body)["entry"])
        return batch_answer(request, {})

    mocked.add_callback(responses.POST, BASE, callback=answer)
    load_picture(FHIRClient(BASE), "p1", strategy="batch", professionals=True)
    searches = [url for url in sent if "?" in url]
    assert searches and not [url for url in searches if "://" in url]  # a code system URL stays inside its value
    assert ("subject", "Patient/p1") in parse_qsl(urlsplit(searches[-1]).query)


def test_observations_an_iterating_server_brings_about_the_professionals_are_left_out(
    mocked: responses.RequestsMock,
) -> None:
    # The Helios FHIR Server follows `_revinclude:iterate=Observation:focus` from the included professionals too.
    practitioner = {"resourceType": "Practitioner", "id": "pr1"}
    rating = {**ASSESSMENT, "id": "rating", "focus": [{"reference": "Practitioner/pr1"}]}
    page = searchset([PATIENT])
    included = (MEMBER, ASSESSMENT, practitioner, rating)
    page["entry"] += [{"resource": r, "search": {"mode": "include"}} for r in included]
    mocked.get(f"{BASE}/Patient", json=page)

    picture = load_picture(FHIRClient(BASE), "p1", strategy="revinclude", professionals=True)

    assert picture.observations == [ASSESSMENT] and picture.professionals == [practitioner]


def revinclude_page(*included: dict[str, Any]) -> dict[str, Any]:
    """The answer of a ``Patient?_id=p1`` search with ``included`` as its includes."""
    page = searchset([PATIENT])
    page["entry"] += [{"resource": r, "search": {"mode": "include"}} for r in included]
    return page


def sent_query(url: str | None) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url or "").query)


def test_a_server_that_ignores_revinclude_iterate_silently_is_caught_and_remembered(
    mocked: responses.RequestsMock,
) -> None:
    mocked.get(f"{BASE}/Patient", json=revinclude_page(MEMBER))  # the members, but never their tie assessments
    mocked.get(f"{BASE}/Observation", json=searchset([ASSESSMENT]))

    first = load_picture(FHIRClient(BASE), "p1")

    assert (first.round_trips, first.strategy) == (2, "revinclude")
    assert first.latest_tie_assessments() == {"RelatedPerson/m1": ASSESSMENT}
    tie_search = sent_query(mocked.calls[1].request.url)
    assert ("subject", "Patient/p1") in tie_search and ("code", TIE_ASSESSMENT_TOKEN) in tie_search

    sent: list[str] = []

    def answer(request: Any) -> tuple[int, dict[str, str], str]:
        sent.extend(entry["request"]["url"] for entry in json.loads(request.body)["entry"])
        entries = [
            {"resource": page, "response": {"status": "200 OK"}}
            for page in (revinclude_page(MEMBER), searchset([ASSESSMENT]))
        ]
        return 200, {}, json.dumps({"resourceType": "Bundle", "type": "batch-response", "entry": entries})

    mocked.add_callback(responses.POST, BASE, callback=answer)
    second = load_picture(FHIRClient(BASE), "p1")  # a new client of the same base: the app makes one per request

    assert (second.round_trips, second.strategy) == (1, "revinclude")
    assert second.latest_tie_assessments() == {"RelatedPerson/m1": ASSESSMENT}
    assert [urlsplit(url).path for url in sent] == ["Patient", "Observation"]
    assert not [name for name, _ in sent_query(sent[0]) if name == "_revinclude:iterate"]
    assert ("code", TIE_ASSESSMENT_TOKEN) in sent_query(sent[1])


def test_a_network_nobody_assessed_yet_is_checked_until_the_server_shows_it_honours_the_iterate(
    mocked: responses.RequestsMock,
) -> None:
    unassessed = mocked.get(f"{BASE}/Patient", json=revinclude_page(MEMBER))
    mocked.get(f"{BASE}/Observation", json=searchset([]))

    picture = load_picture(FHIRClient(BASE), "p1")

    assert (picture.round_trips, picture.tie_assessments) == (2, [])
    mocked.remove(unassessed)
    mocked.get(f"{BASE}/Patient", json=revinclude_page(MEMBER, ASSESSMENT))
    assert load_picture(FHIRClient(BASE), "p1").round_trips == 1  # honoured: no check
    mocked.get(f"{BASE}/Patient", json=revinclude_page(MEMBER))
    assert load_picture(FHIRClient(BASE), "p1").round_trips == 1  # and known for this base from now on


def test_the_capability_statement_is_read_once_per_base(mocked: responses.RequestsMock) -> None:
    metadata = mocked.get(f"{BASE}/metadata", json={"resourceType": "CapabilityStatement", "fhirVersion": "4.0.1"})

    assert FHIRClient(BASE).capabilities() == FHIRClient(f"{BASE}/").capabilities()

    assert metadata.call_count == 1
    assert FHIRClient(BASE).known_capabilities == {"resourceType": "CapabilityStatement", "fhirVersion": "4.0.1"}
