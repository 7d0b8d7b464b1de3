"""The network map where clinicians use it: in the sandbox EHR's iframe at 1280x800 and 1024x768, for clients of 10,
25 and 40 members (all in one sector and one ring, the worst case), no two labels on the map overlap as the browser
draws them, the page needs no sideways scrolling, the table twin lists every member in words, and axe-core finds no
violations. "Veranderingen" shows one map with what changed, and says so when a date is missing."""

from __future__ import annotations

import itertools
import uuid

import pytest
from browser_stack import Stack, frame_of, fresh_client, go, launch
from flask import Flask
from playwright.sync_api import Page
from synthetic_clients import put_transaction, synthetic_client
from workspace_support import axe_violations, save_axe_report, screenshot

from srh_fhir.client import FHIRClient

FRAMES = ((1280, 800), (1024, 768))
Box = dict[str, float]  # left, top, right, bottom (and inside: 1 or 0)


def synthetic(stack: Stack, members: int) -> str:
    patient = f"map-{members}-{uuid.uuid4().hex[:8]}"
    with FHIRClient(stack.fhir_base) as fhir:
        fhir.transaction(put_transaction(synthetic_client(patient, members)))
    return patient


def label_boxes(page: Page) -> list[Box]:
    """The map's labels as the browser draws them; each must lie inside the map (none cut off at its edge)."""
    boxes: list[Box] = frame_of(page).evaluate(
        """() => Array.from(document.querySelectorAll('svg.network-map .map-label')).map(label => {
            const box = label.getBoundingClientRect();
            const map = label.closest('svg').getBoundingClientRect();
            const inside = box.left >= map.left && box.right <= map.right && box.top >= map.top
                && box.bottom <= map.bottom;
            return {left: box.left, top: box.top, right: box.right, bottom: box.bottom, inside: inside};
        })"""
    )
    assert all(box["inside"] for box in boxes), [box for box in boxes if not box["inside"]][:3]
    return boxes


def overlapping(boxes: list[Box]) -> list[tuple[Box, Box]]:
    return [
        (a, b)
        for a, b in itertools.combinations(boxes, 2)
        if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]


def sideways_overflow(page: Page) -> int:
    overflow: int = frame_of(page).evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return overflow


@pytest.mark.parametrize("members", [10, 25, 40])
def test_no_label_overlaps_and_the_map_fits_the_ehr_frame(page: Page, stack: Stack, app: Flask, members: int) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    launch(page, stack, patient=synthetic(stack, members))
    for width, height in FRAMES:
        page.set_viewport_size({"width": width, "height": height})
        frame = go(page, "network")
        frame.locator("#map-now[data-ready=true]").wait_for()
        boxes = label_boxes(page)
        assert len(boxes) == members + 7  # a label per member and per sector
        assert not overlapping(boxes), overlapping(boxes)[:3]
        assert all(box["right"] - box["left"] > 20 for box in boxes)  # drawn, not collapsed
        assert sideways_overflow(page) <= 0, (width, height)
        screenshot(page, f"map-{members}-members-{width}")
        rows = frame.locator("table.members-table tbody tr")
        assert rows.count() == members  # the twin lists every member, in words
        first = rows.first.inner_text()
        assert "Familie" in first and "Zeer dichtbij" in first and "Emotionele steun" in first
    violations = axe_violations(frame_of(page))
    save_axe_report(f"map-{members}-members", violations)
    assert violations == []  # none at all, whatever their impact


def test_changes_show_one_marked_map_and_ask_for_both_dates(page: Page, stack: Stack, app: Flask) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    launch(page, stack, patient=fresh_client(stack))
    frame = go(page, "network/changes")
    assert frame.locator("svg.network-map").count() == 1
    assert "de eerste en laatste beoordeling" in frame.locator("p.period").inner_text()
    assert frame.locator("svg.network-map [data-highlight]").count() >= 1
    assert not overlapping(label_boxes(page))
    assert sideways_overflow(page) <= 0
    violations = axe_violations(frame_of(page))
    save_axe_report("map-changes", violations)
    assert violations == []
    screenshot(page, "map-changes")

    frame.locator("#after").fill("")
    with frame_of(page).expect_navigation(wait_until="load"):
        frame.locator("form.dates-form button[type=submit]").click()
    summary = frame.locator("#error-summary")
    assert "Vul de tweede datum (tot) in" in summary.inner_text()
    assert frame_of(page).evaluate("() => document.activeElement.id") == "error-summary"
    assert frame.locator("#after").get_attribute("aria-invalid") == "true"
    assert frame.locator("#before").input_value()  # what was typed stays
    page.set_viewport_size({"width": 1024, "height": 768})
    assert sideways_overflow(page) <= 0
    violations = axe_violations(frame_of(page))
    save_axe_report("map-changes-error", violations)
    assert violations == []
    screenshot(page, "map-changes-error")
