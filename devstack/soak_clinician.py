"""One simulated clinician of the soak test (``devstack.soak``): launches the app from the sandbox EHR as a browser
would and works on their client until the time is up, recording every request and classifying every save.

A save carries a marker (``soak-...``) in a field the app keeps: it is *confirmed* when the app answers 303 (saved,
to be found on the FHIR server at the end), *reported* when the app answers otherwise and the page it shows still
holds the marker (the input kept, with why nothing was saved), and *lost* otherwise (an error without the input, a
bare error page, no answer at all).
"""

from __future__ import annotations

import copy
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests

from devstack.soak_forms import Form, form_posting_to

TIMEOUT = 60.0  # seconds: longer than the app's own wait for the FHIR server, so the app answers first
CONFIRMED, REPORTED, LOST = "confirmed", "reported", "lost"
ERROR_SUMMARY = 'id="error-summary"'


@dataclass
class Request:
    kind: str
    seconds: float
    status: int  # 0: no answer
    at: float  # when it was sent, in seconds since the start of the run


@dataclass
class Save:
    kind: str
    marker: str
    outcome: str  # CONFIRMED, REPORTED or LOST
    status: int
    at: float  # seconds since the start of the run


@dataclass
class Record:
    """What every clinician did, shared by their threads."""

    started: float = field(default_factory=time.monotonic)
    requests: list[Request] = field(default_factory=list)
    saves: list[Save] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def request(self, kind: str, seconds: float, status: int) -> None:
        at = round(time.monotonic() - seconds - self.started, 1)
        with self.lock:
            self.requests.append(Request(kind, seconds, status, at))

    def save(self, kind: str, marker: str, outcome: str, status: int) -> None:
        with self.lock:
            self.saves.append(Save(kind, marker, outcome, status, round(time.monotonic() - self.started, 1)))


@dataclass(frozen=True)
class Launch:
    sandbox: str  # http://localhost:<port>
    practitioner: str
    client_id: str


class Clinician:
    """Works on ``patient`` through the app until ``deadline`` (time.monotonic())."""

    def __init__(self, number: int, patient: str, launch: Launch, record: Record, think: float, seed: int) -> None:
        self.number = number
        self.patient = patient
        self.launch_settings = launch
        self.record = record
        self.think = think
        self.random = random.Random(seed)
        self.http = requests.Session()
        self.workspace = ""  # the launch's workspace URL, /l/<launch key>
        self.saves = 0
        self.open_forms: dict[str, Form] = {}  # the last form of each kind of save the clinician saw

    # -- HTTP, recorded ----------------------------------------------------------------------------------------------

    def get(self, kind: str, url: str) -> requests.Response | None:
        return self._send(kind, "GET", url, None)

    def _send(
        self, kind: str, method: str, url: str, data: list[tuple[str, str]] | None = None, body: Any = None
    ) -> requests.Response | None:
        started = time.perf_counter()
        try:
            response = self.http.request(method, url, data=data, json=body, timeout=TIMEOUT, allow_redirects=False)
        except requests.RequestException:
            self.record.request(kind, time.perf_counter() - started, 0)
            return None
        self.record.request(kind, time.perf_counter() - started, response.status_code)
        return response

    def launch(self) -> bool:
        """The EHR launch: the sandbox makes a launch and the app follows it through authorisation to its workspace."""
        settings = self.launch_settings
        choices = {"patient": self.patient, "practitioner": settings.practitioner, "client_id": settings.client_id}
        response = self._send("launch at the sandbox", "POST", f"{settings.sandbox}/api/launches", body=choices)
        if response is None or response.status_code != 200:
            return False
        url = response.json()["app_url"]
        for _ in range(10):  # the redirects of the SMART launch, as a browser follows them
            response = self.get("launch redirects", url)
            if response is None or response.status_code not in (301, 302, 303, 307):
                break
            url = urljoin(url, response.headers["Location"])
        if response is None or response.status_code != 200 or "/l/" not in url:
            return False
        path = urlsplit(url).path
        self.workspace = urljoin(url, path[: path.index("/", 3)] if path.count("/") > 2 else path)
        return True

    # -- the work ----------------------------------------------------------------------------------------------------

    def page(self, name: str, path: str) -> str | None:
        """A page of the workspace; None when it could not be shown (a new launch when the session ended)."""
        response = self.get(f"GET {name}", self.workspace + path)
        if response is not None and response.status_code in (401, 403):
            self.workspace = ""
        if response is None or response.status_code != 200:
            return None
        return response.text

    def post(self, kind: str, form: Form, fill: Callable[[Form, str], None]) -> None:
        """Post ``form`` as ``fill`` fills it in with a marker, and classify the save."""
        marker = self.marker()
        fill(form, marker)
        response = self._send(f"POST {kind}", "POST", urljoin(self.workspace + "/", form.action), form.fields())
        if response is not None and response.status_code == 303:
            outcome = CONFIRMED
            self.get(f"GET {kind} (after saving)", urljoin(self.workspace + "/", response.headers["Location"]))
        elif response is not None and marker in response.text and (
            ERROR_SUMMARY in response.text or response.status_code == 409
        ):
            outcome = REPORTED
        else:
            outcome = LOST
        self.record.save(kind, marker, outcome, response.status_code if response is not None else 0)

    def marker(self) -> str:
        self.saves += 1
        return f"soak-c{self.number:02d}-s{self.saves:04d}-{self.random.randrange(16**6):06x}"

    def run(self, deadline: float) -> None:
        steps = (self.add_member, self.assess_member, self.add_goal, self.add_activity)
        while time.monotonic() < deadline:
            if not self.workspace and not self.launch():
                self.pause()
                continue
            self.page("overview", "/")
            self.pause()
            for step in steps:
                if time.monotonic() >= deadline or not self.workspace:
                    break
                step()
                self.pause()

    def pause(self) -> None:
        time.sleep(self.random.uniform(0.5, 1.5) * self.think)

    def step(self, kind: str, html: str | None, action_end: str, fill: Callable[[Form, str], None]) -> None:
        """Fill in the form of the page that posts to ``action_end`` and post it. When the page could not be shown,
        the form of this kind still open from before is posted, as a clinician does who had the page open."""
        form = form_posting_to(html, action_end) if html else None
        if form is not None:
            self.open_forms[kind] = form
        form = form or self.open_forms.get(kind)
        if form is not None:
            self.pause()  # typing
            self.post(kind, copy.deepcopy(form), fill)

    def add_member(self) -> None:
        self.step("add member", self.page("network", "/network"), "/network/members", _fill_member)

    def assess_member(self) -> None:
        html = self.page("network", "/network")
        members = sorted({p for p in _links(html or "") if "/network/members/" in p and p.count("/") == 5})
        if members:
            html = self.page("member", "/network/members/" + self.random.choice(members).rsplit("/", 1)[1])
        self.step("tie change", html if members else None, "/assessments",
                  lambda f, marker: _fill_assessment(f, marker, self.random))

    def add_goal(self) -> None:
        self.step("add goal", self.page("plan", "/plan"), "/plan/goals", _fill_goal)

    def add_activity(self) -> None:
        self.step("add activity", self.page("plan", "/plan"), "/plan/activities", _fill_activity)


def _named(form: Form, suffix: str) -> str:
    """The form's field whose name ends with ``suffix`` (the page may prefix its names)."""
    return next(n for n in {*form.values, *form.choices} if n == suffix or n.endswith(f"-{suffix}"))


def _fill_member(form: Form, marker: str) -> None:
    form.set(_named(form, "given"), marker)
    form.set(_named(form, "family"), "Soak")
    form.set(_named(form, "relationship"), "neighbour")
    form.set(_named(form, "sector"), form.first_choice(_named(form, "sector")))
    form.set(_named(form, "closeness"), form.first_choice(_named(form, "closeness")))


def _fill_assessment(form: Form, marker: str, rng: random.Random) -> None:
    closeness = _named(form, "closeness")
    form.set(closeness, rng.choice([c for c in form.choices[closeness] if c]))
    form.set(_named(form, "note"), f"Contact changed ({marker})")


def _fill_goal(form: Form, marker: str) -> None:
    form.set(_named(form, "description"), f"I want to see my neighbours more ({marker})")
    form.set(_named(form, "core_action"), form.first_choice(_named(form, "core_action")))
    form.set(_named(form, "expressed_by"), form.first_choice(_named(form, "expressed_by")))


def _fill_activity(form: Form, marker: str) -> None:
    form.set(_named(form, "description"), f"Coffee on Tuesday morning ({marker})")
    form.set(_named(form, "core_action"), form.first_choice(_named(form, "core_action")))
    form.set(_named(form, "performers"), form.first_choice(_named(form, "performers")))


def _links(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('href="')[1:]]
