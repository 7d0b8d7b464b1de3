"""Hostile or broken servers meet the client's limits: an overall deadline per call, a size cap on answers, bounded
paging and no redirects. Slow and huge answers come from a loopback server; the rest is played with ``responses``."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterable
from typing import Any

import pytest
import requests
import responses
from joserfc.jwk import ECKey
from streaming_server import streaming_server

from srh_fhir.client import FHIRClient
from srh_fhir.errors import DeadlineExceeded, FHIRProtocolError
from srh_fhir.http import build_session, retry_policy
from srh_fhir.smart import BackendServicesAuth, discover

BASE = "https://ehr.example/fhir"
GUARD = 30.0  # seconds: far above every deadline here; only there so a broken limit fails instead of hanging
MB = 1024 * 1024


def head(status: str = "200 OK", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Content-Type: application/fhir+json", "Connection: close"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


# -- the deadline ------------------------------------------------------------------------------------------------


def test_an_answer_dripped_a_byte_at_a_time_ends_at_the_deadline() -> None:
    def pieces() -> Iterable[bytes]:
        return [head(Content_Length="1000"), *[b" "] * 1000]

    with streaming_server(pieces, pause=0.25) as (url, sent):
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded, match=r"GET /Patient/p1: .*within the deadline of 1\.5 s"):
            FHIRClient(url, deadline=1.5, timeout=(5, 5)).read("Patient", "p1")
        assert time.monotonic() - started < GUARD
    assert sent.bytes < 200  # the head and a few dripped bytes, not the thousand it offered
    assert sent.connections == 1


def test_a_head_dripped_a_byte_at_a_time_ends_at_the_deadline() -> None:
    def pieces() -> Iterable[bytes]:
        return [bytes([b]) for b in head(Content_Length="2") + b"{}"]

    with streaming_server(pieces, pause=0.25) as (url, sent):
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded, match=r"within the deadline of 1\.5 s"):
            FHIRClient(url, deadline=1.5, timeout=(5, 5)).read("Patient", "p1")
        assert time.monotonic() - started < GUARD
    assert sent.connections == 1  # no retry after the deadline


def test_a_retry_after_beyond_the_deadline_is_not_waited_for() -> None:
    def pieces() -> Iterable[bytes]:
        return [head("503 Service Unavailable", Retry_After="360", Content_Length="0")]

    with streaming_server(pieces) as (url, sent):
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded, match=r"retry after 360 s \(Retry-After\), which exceeds the deadline"):
            FHIRClient(url).read("Patient", "p1")
        assert time.monotonic() - started < GUARD
    assert sent.connections == 1


def test_outside_a_deadline_a_long_retry_after_is_capped() -> None:
    def pieces() -> Iterable[bytes]:
        return [head("503 Service Unavailable", Retry_After="360", Content_Length="0")]

    capped = r"retry after 360 s \(Retry-After\), longer than the cap of 30 s"
    with streaming_server(pieces) as (url, sent), pytest.raises(DeadlineExceeded, match=capped):
        build_session().get(f"{url}/metadata")
    assert sent.connections == 1


def test_a_dripping_smart_configuration_ends_at_the_deadline() -> None:
    def pieces() -> Iterable[bytes]:
        return [head(Content_Length="100"), *[b" "] * 100]

    late = r"within the deadline of 1\.5 s"
    with streaming_server(pieces, pause=0.25) as (url, sent), pytest.raises(DeadlineExceeded, match=late):
        discover(url, deadline=1.5)
    assert sent.bytes < 100 + len(head(Content_Length="100"))


def test_a_token_request_ends_with_the_deadline_of_the_call_that_needed_it() -> None:
    def pieces() -> Iterable[bytes]:
        return [head(Content_Length="100"), *[b" "] * 100]

    with streaming_server(pieces, pause=0.25) as (url, sent):
        auth = BackendServicesAuth("job", ECKey.generate_key("P-384"), f"{url}/token")  # its own deadline: 45 s
        started = time.monotonic()
        with pytest.raises(DeadlineExceeded, match=r"GET /Patient/p1: .*within the deadline of 1\.5 s"):
            FHIRClient(url, auth=auth, deadline=1.5).read("Patient", "p1")
        assert time.monotonic() - started < GUARD
    assert sent.connections == 1  # the token request, never finished


def test_a_deadline_must_be_positive() -> None:
    with pytest.raises(ValueError, match="a deadline must be positive"):
        FHIRClient(BASE, deadline=0).read("Patient", "p1")


# -- the size cap ------------------------------------------------------------------------------------------------


def endless_body() -> Iterable[bytes]:
    """A 200 MB answer with no Content-Length: only reading it tells how long it is."""
    return itertools.chain([head()], itertools.repeat(b" " * MB, 200))


def test_an_answer_larger_than_the_cap_is_cut_off_while_it_streams() -> None:
    cut = r"GET /Patient/big is larger than the cap of 1,048,576 bytes"
    with streaming_server(endless_body) as (url, sent), pytest.raises(FHIRProtocolError, match=cut):
        FHIRClient(url, max_body=MB).read("Patient", "big")
    assert sent.bytes < 50 * MB  # what the sockets' buffers took in before the client hung up, not 200 MB


def test_an_answer_announcing_more_than_the_cap_is_not_read() -> None:
    def pieces() -> Iterable[bytes]:
        return [head(Content_Length=str(200 * MB)), b" " * MB]

    with streaming_server(pieces) as (url, _), pytest.raises(FHIRProtocolError, match="it announces 209,715,200 bytes"):
        FHIRClient(url).read("Patient", "big")


READ_HUGE = textwrap.dedent(
    """
    import resource, sys
    from srh_fhir.client import FHIRClient
    from srh_fhir.errors import FHIRProtocolError
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        FHIRClient(sys.argv[1]).read("Patient", "big")
    except FHIRProtocolError:
        print("refused", end=" ")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
    """
)


def test_a_200_mb_answer_does_not_grow_the_process_by_hundreds_of_mb() -> None:
    with streaming_server(endless_body) as (url, _):
        ran = subprocess.run([sys.executable, "-c", READ_HUGE, url], capture_output=True, text=True, timeout=120)
    verdict, growth_kib = ran.stdout.split()
    assert verdict == "refused"
    assert int(growth_kib) < 150 * 1024  # the default cap is 50 MB; reading it all grew the process by ~700 MB


# -- paging ------------------------------------------------------------------------------------------------------


def searchset(ids: Iterable[str], next_url: str | None = None, self_url: str | None = None) -> dict[str, Any]:
    links = [{"relation": r, "url": u} for r, u in (("self", self_url), ("next", next_url)) if u]
    entries = [{"resource": {"resourceType": "Patient", "id": i}, "search": {"mode": "match"}} for i in ids]
    return {"resourceType": "Bundle", "type": "searchset", "entry": entries, "link": links}


def test_a_next_link_back_to_a_page_already_read_is_a_paging_loop(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient", json=searchset(["a"], next_url=f"{BASE}?page=2"))
    mocked.get(f"{BASE}?page=2", json=searchset(["b"], next_url=f"{BASE}?page=3"))
    mocked.get(f"{BASE}?page=3", json=searchset(["c"], next_url=f"{BASE}?page=2"))
    found: list[str] = []
    with pytest.raises(FHIRProtocolError, match=r"next link leads back to a page already read .*paging loop"):
        found.extend(r["id"] for r in FHIRClient(BASE).search("Patient"))
    assert found == ["a", "b", "c"]
    assert len(mocked.calls) == 3


def test_a_next_link_to_the_first_page_itself_is_a_paging_loop(mocked: responses.RequestsMock) -> None:
    first = f"{BASE}/Patient?name=x"
    mocked.get(first, json=searchset(["a"], next_url=first, self_url=first))
    with pytest.raises(FHIRProtocolError, match="paging loop"):
        list(FHIRClient(BASE).search("Patient", {"name": "x"}))
    assert len(mocked.calls) == 1


def endless_pages(request: requests.PreparedRequest) -> tuple[int, dict[str, str], str]:
    """Every page links to one more, each at a new URL."""
    number = int((request.url or "").rsplit("page=", 1)[-1]) if "page=" in (request.url or "") else 1
    page = searchset([f"p{number}-{i}" for i in range(3)], next_url=f"{BASE}?page={number + 1}")
    return 200, {"Content-Type": "application/fhir+json"}, json.dumps(page)


def test_a_search_stops_at_the_page_limit(mocked: responses.RequestsMock) -> None:
    mocked.add_callback(responses.GET, f"{BASE}/Patient", callback=endless_pages)
    mocked.add_callback(responses.GET, BASE, callback=endless_pages)
    found: list[dict[str, Any]] = []
    with pytest.raises(FHIRProtocolError, match=r"more than 5 pages; stopped \(FHIRClient\(max_pages=\.\.\.\)"):
        found.extend(FHIRClient(BASE, max_pages=5).search("Patient"))
    assert (len(found), len(mocked.calls)) == (15, 5)


def test_a_search_stops_at_the_resource_limit(mocked: responses.RequestsMock) -> None:
    mocked.add_callback(responses.GET, f"{BASE}/Patient", callback=endless_pages)
    mocked.add_callback(responses.GET, BASE, callback=endless_pages)
    found: list[dict[str, Any]] = []
    with pytest.raises(FHIRProtocolError, match=r"more than 7 resources; stopped at page 3"):
        found.extend(FHIRClient(BASE, max_resources=7).search("Patient"))
    assert (len(found), len(mocked.calls)) == (6, 3)


# -- redirects ---------------------------------------------------------------------------------------------------


def test_a_redirect_to_another_origin_is_not_followed(mocked: responses.RequestsMock) -> None:
    mocked.get(f"{BASE}/Patient/p1", status=302, headers={"Location": "https://elsewhere.example/steal?x=1"})
    with pytest.raises(FHIRProtocolError, match=r"redirected \(HTTP 302\) to https://elsewhere\.example;"):
        FHIRClient(BASE, token="secret").read("Patient", "p1")
    assert len(mocked.calls) == 1


def test_a_307_is_not_followed_so_the_body_is_sent_once(mocked: responses.RequestsMock) -> None:
    mocked.post(f"{BASE}/Patient", status=307, headers={"Location": f"{BASE}/Patient2"})
    mocked.post(f"{BASE}/Patient2", status=201, json={"resourceType": "Patient", "id": "p1"})
    with pytest.raises(FHIRProtocolError, match=r"POST /fhir/Patient was redirected \(HTTP 307\) to https://ehr"):
        FHIRClient(BASE).create({"resourceType": "Patient"})
    assert [call.request.url for call in mocked.calls] == [f"{BASE}/Patient"]


@pytest.mark.parametrize(
    ("method", "location", "followed"),
    [
        ("GET", "https://ehr.example/style2.json", True),
        ("GET", "https://elsewhere.example/style.json", False),
        ("GET", "http://ehr.example/style.json", False),  # another scheme is another origin
        ("POST", "https://ehr.example/token2", False),
    ],
)
def test_sessions_follow_only_same_origin_redirects_of_gets(
    mocked: responses.RequestsMock, method: str, location: str, followed: bool
) -> None:
    mocked.add(method, "https://ehr.example/start", status=307, headers={"Location": location})
    mocked.add(method, location, json={})
    response = build_session(retry_policy(total=0)).request(method, "https://ehr.example/start", data=b"body")
    assert (response.status_code == 200, len(mocked.calls)) == (followed, 2 if followed else 1)
