"""The soak driver's accounting (``make soak``): how it reads the app's forms, how it classifies each save and how it
counts; the soak itself runs five minutes against HAPI and is not part of the tests."""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Callable, Mapping
from typing import Any

import pytest
import requests
from requests.adapters import BaseAdapter

from devstack.soak import SoakSettings, checked_saves, percentile, summary
from devstack.soak_clinician import CONFIRMED, LOST, REPORTED, Clinician, Launch, Record, Request, Save
from devstack.soak_forms import form_posting_to, forms
from devstack.soak_gate import Gate

PAGE = """
<form method="post" action="/l/k/locale"><input type="hidden" name="csrf_token" value="other"></form>
<form method="post" action="/l/k/network/members" novalidate>
  <input type="hidden" name="csrf_token" value="tok">
  <input type="hidden" name="patient" value="p1">
  <input id="given" name="given" type="text" value="">
  <select name="sector"><option value="">Choose</option><option value="family">Family</option>
    <option value="work">Work</option></select>
  <select name="closeness"><option value="close" selected>Close</option><option value="far">Far</option></select>
  <fieldset><input type="checkbox" name="support" value="practical" checked>
    <input type="checkbox" name="support" value="emotional"></fieldset>
  <input type="radio" name="rater" value="client"><input type="radio" name="rater" value="worker">
  <textarea name="note">
kept text</textarea>
  <textarea name="empty">\r\n</textarea>
  <input name="gone" disabled value="x">
  <button type="submit" name="go">Save</button>
</form>
"""


def test_a_form_is_read_as_a_browser_submits_it() -> None:
    form = form_posting_to(PAGE, "/network/members")
    assert form is not None
    assert form.fields() == [
        ("csrf_token", "tok"), ("patient", "p1"), ("given", ""), ("sector", ""), ("closeness", "close"),
        ("support", "practical"), ("note", "kept text"), ("empty", ""),
    ]
    assert form.choices["rater"] == ["client", "worker"]
    assert form.first_choice("sector") == "family"
    assert [f.action for f in forms(PAGE)] == ["/l/k/locale", "/l/k/network/members"]
    assert form_posting_to(PAGE, "/plan/goals") is None


Answer = tuple[int, str, Mapping[str, str]]


class Answers(BaseAdapter):
    """Answers every request with the next of ``answers``: (status, body, headers), one made from the request, or an
    exception to raise."""

    def __init__(self, *answers: Answer | Callable[[requests.PreparedRequest], Answer] | Exception) -> None:
        super().__init__()
        self.answers = list(answers)
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.sent.append(request)
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, body, headers = answer(request) if callable(answer) else answer
        response = requests.Response()
        response.status_code, response._content, response.url = status, body.encode(), request.url or ""
        response.request = request
        response.headers.update(headers)
        return response

    def close(self) -> None:
        pass


def clinician(*answers: Answer | Callable[[requests.PreparedRequest], Answer] | Exception) -> tuple[Clinician, Answers]:
    person = Clinician(3, "p1", Launch("http://sandbox", "lotte", "srh-public"), Record(), think=0.0, seed=1)
    person.workspace = "http://app/l/k"
    adapter = Answers(*answers)
    person.http.mount("http://", adapter)
    return person, adapter


def post_note(person: Clinician) -> Save:
    form = form_posting_to(PAGE, "/network/members")
    assert form is not None
    person.post("add member", form, lambda f, marker: f.set("note", f"about {marker}"))
    return person.record.saves[-1]


def error_page_with_input(request: requests.PreparedRequest) -> Answer:
    """The app's answer when the FHIR server is down: why nothing was saved, and the form as it was posted."""
    marker = str(request.body).split("about+", 1)[1].split("&", 1)[0]
    return 503, f'<div id="error-summary">Nothing was saved</div><textarea>about {marker}</textarea>', {}


def test_a_save_the_app_confirms_is_confirmed_and_its_page_is_opened() -> None:
    person, adapter = clinician((303, "", {"Location": "/l/k/network"}), (200, "<h1>Network</h1>", {}))
    save = post_note(person)
    assert (save.outcome, save.status, save.kind) == (CONFIRMED, 303, "add member")
    assert save.marker.startswith("soak-c03-s0001-")
    assert f"about+{save.marker}" in str(adapter.sent[0].body)
    assert [r.url for r in adapter.sent] == ["http://app/l/k/network/members", "http://app/l/k/network"]
    assert [r.kind for r in person.record.requests] == ["POST add member", "GET add member (after saving)"]


def test_a_failure_shown_with_the_input_kept_is_reported() -> None:
    person, _ = clinician(error_page_with_input)
    save = post_note(person)
    assert (save.outcome, save.status) == (REPORTED, 503)


@pytest.mark.parametrize(
    "answer",
    [
        (503, '<div id="error-summary">Nothing was saved</div>', {}),  # the input is gone
        (500, "Internal Server Error", {}),
        (200, "<h1>Network</h1>", {}),  # no redirect: nothing says it was saved
        requests.ConnectionError("refused"),
    ],
)
def test_any_other_answer_is_a_lost_save(answer: Answer | Exception) -> None:
    person, _ = clinician(answer)
    assert post_note(person).outcome == LOST


def test_a_confirmed_save_missing_on_the_server_is_lost() -> None:
    saves = [
        Save("add goal", "soak-c00-s0001-aaaaaa", CONFIRMED, 303, 1.0),
        Save("add goal", "soak-c00-s0002-bbbbbb", CONFIRMED, 303, 2.0),
        Save("add goal", "soak-c00-s0003-cccccc", REPORTED, 503, 3.0),
    ]
    checked = checked_saves(saves, '{"description": "... (soak-c00-s0001-aaaaaa)"}')
    assert [s.outcome for s in checked] == [CONFIRMED, LOST, REPORTED]


def test_the_summary_counts_errors_latency_and_saves() -> None:
    record = Record()
    for seconds, status in ((0.1, 200), (0.2, 200), (0.3, 503), (4.0, 0)):
        record.request("GET plan", seconds, status)
    saves = [Save("add goal", "m1", CONFIRMED, 303, 1.0), Save("add goal", "m2", LOST, 0, 2.0)]
    report = summary(SoakSettings(clinicians=1, seconds=10), record, saves, {})
    assert (report["requests"], report["errors"], report["error_rate"], report["error_rate_while_hapi_up"]) == (
        4, 2, 0.5, 0.5
    )
    assert report["latency"]["GET plan"] == {"requests": 4, "errors": 2, "p50_ms": 200, "p95_ms": 4000, "max_ms": 4000}
    assert report["saves"]["by_kind"] == {"add goal": {CONFIRMED: 1, REPORTED: 0, LOST: 1}}
    assert report["lost"] == [{"kind": "add goal", "marker": "m2", "outcome": LOST, "status": 0, "at": 2.0}]
    assert percentile([], 0.95) == 0.0


def test_the_error_rate_while_hapi_is_up_leaves_out_the_restart() -> None:
    record = Record()
    record.requests += [Request("GET plan", 0.1, 200, 1.0), Request("GET plan", 0.1, 503, 5.0),
                        Request("GET plan", 0.1, 200, 9.0), Request("GET plan", 0.1, 502, 9.5)]
    report = summary(SoakSettings(), record, [], {"stopped_at": 4.0, "up_again_at": 8.0, "down_seconds": 4.0})
    assert (report["error_rate"], report["error_rate_while_hapi_up"]) == (0.5, 0.3333)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Hello(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", "5")
        self.end_headers()
        self.wfile.write(b"hello")

    def log_message(self, *args: Any) -> None:
        pass


def test_the_gate_refuses_while_closed_and_passes_requests_on_while_open() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    gate = Gate(free_port(), server.server_address[1])
    url = f"http://127.0.0.1:{gate.server.server_address[1]}/fhir/metadata"
    try:
        with pytest.raises(requests.ConnectionError, match=r"Connection aborted|RemoteDisconnected"):
            requests.get(url, timeout=5)
        gate.open.set()
        assert requests.get(url, timeout=5).text == "hello"
        gate.open.clear()
        with pytest.raises(requests.ConnectionError, match=r"Connection aborted|RemoteDisconnected"):
            requests.get(url, timeout=5)
    finally:
        gate.close()
        server.shutdown()
        server.server_close()
