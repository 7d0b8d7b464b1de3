"""Helpers of the workspace browser tests: a fresh client on the FHIR server, axe-core, CSP watching, screenshots."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from playwright.sync_api import ConsoleMessage, Frame, Locator, Page
from servers import WSGIApp

from srh_fhir.client import FHIRClient

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
SCREENSHOTS = ROOT / "build" / "screenshots"
PATIENT_TEMPLATE = ROOT / "profiles" / "package" / "example" / "Patient-ingrid-de-vries.json"
BLOCKING = ("serious", "critical")


def new_client(fhir_base: str, given: str = "Sara", family: str = "Jansen") -> str:
    """A new client with no network and no plan; their Patient id."""
    patient = json.loads(PATIENT_TEMPLATE.read_text(encoding="utf-8"))
    patient["id"] = f"client-{uuid.uuid4().hex[:10]}"
    patient["name"] = [{"use": "official", "family": family, "given": [given]}]
    patient.pop("identifier", None)
    with FHIRClient(fhir_base) as fhir:
        fhir.update(patient)
    return str(patient["id"])


def axe_violations(frame: Frame) -> list[dict[str, Any]]:
    """axe-core's violations on the frame's page (injected through the DevTools protocol, so the app's CSP stays on)."""
    if not frame.evaluate("() => typeof window.axe !== 'undefined'"):
        frame.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    found: list[dict[str, Any]] = frame.evaluate(
        """async () => {
            const result = await window.axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                                 targets: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
        }"""
    )
    return found


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v["impact"] in BLOCKING]


class CspWatch:
    """Collects the browser's CSP refusals (an inline script or style the page tried to use)."""

    def __init__(self, page: Page) -> None:
        self.refusals: list[str] = []
        page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or message.text.startswith("Refused to"):
            self.refusals.append(message.text)


def screenshot(page: Page, name: str) -> Path:
    """The EHR page with the app in its iframe, saved as a test artefact under build/screenshots/ (the README's
    pictures in docs/screenshots/ are copies of some of these)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    frame = page.frame(name="app")
    if frame is not None:
        frame.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(path))
    return path


def save_axe_report(name: str, violations: list[dict[str, Any]]) -> Path:
    """axe-core's findings of one page (all impacts), next to its screenshot."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.axe.json"
    path.write_text(json.dumps(violations, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def assert_apart(button: Locator, way_back: Locator, above: Locator | None = None) -> None:
    """A confirming button and its way back are apart, side by side or one under the other, and (with ``above``)
    apart from what precedes them: found flush against each other and against the conflict page's panels."""
    mine, theirs = button.bounding_box(), way_back.bounding_box()
    assert mine and theirs
    beside = theirs["x"] >= mine["x"] + mine["width"] + 16
    under = theirs["y"] >= mine["y"] + mine["height"] + 8
    assert beside or under, (mine, theirs)
    if above is not None:
        box = above.bounding_box()
        assert box and mine["y"] >= box["y"] + box["height"] + 8, (box, mine)


class ColleagueBeforeTheSave:
    """Wraps the sandbox: just before the first transaction reaches the proxy, a colleague changes the plan on the
    FHIR server, so the app's own version check passes and the server's If-Match is what finds the conflict; records
    the statuses the proxy answered transactions with."""

    def __init__(self, app: WSGIApp, colleague: Callable[[], None]) -> None:
        self.app, self.colleague, self.statuses = app, colleague, list[str]()

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") != "POST" or environ.get("PATH_INFO", "").rstrip("/") != "/fhir":
            return self.app(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        if json.loads(body).get("type") != "transaction":  # the app reads with batches
            return self.app(environ, start_response)
        if not self.statuses:
            self.colleague()

        def recording(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            self.statuses.append(status)
            return start_response(status, headers, exc_info)

        return self.app(environ, recording)


@contextmanager
def colleague_before_the_save(sandbox: Flask, colleague: Callable[[], None]) -> Iterator[list[str]]:
    """Inside: ``ColleagueBeforeTheSave`` wraps the sandbox; yields the statuses the proxy answered transactions
    with."""
    watch = ColleagueBeforeTheSave(sandbox.wsgi_app, colleague)
    sandbox.wsgi_app = watch  # type: ignore[method-assign]
    try:
        yield watch.statuses
    finally:
        sandbox.wsgi_app = watch.app  # type: ignore[method-assign]


def rename_the_plan(fhir_base: str, patient: str) -> None:
    """A colleague renames the client's plan on the FHIR server: "Plan van een collega"."""
    with FHIRClient(fhir_base) as fhir:
        found = fhir.search("CarePlan", {"subject": f"Patient/{patient}"})
        (plan,) = [r for r in found if r["resourceType"] == "CarePlan"]
        fhir.update({**plan, "title": "Plan van een collega"})
