"""The network map's layout at real sizes, from domain objects alone: no two labels overlap and no two nodes overlap
at 10, 25 and 40 members, also when all are in one sector and one ring; every label stays inside the map; and the
changes page's map marks what changed, with the period asked for checked."""

from __future__ import annotations

import itertools
import math
from datetime import date

import pytest

from smart_app.workspace.map_change import choose_period, compare_maps, period_summary
from smart_app.workspace.map_layout import LABEL_LINE, LABEL_X, RIM, RING_BANDS, SLICE_DEGREES, place_cell
from smart_app.workspace.network_map import NetworkMap, build_map
from srh_fhir.analysis import analyse
from srh_fhir.model import FhirDate, FhirDateTime, HumanName, NetworkMember, Period, TieAssessment
from srh_fhir.terminology import Closeness, NetworkSector, SupportType

DAY = date(2026, 11, 28)
Box = tuple[float, float, float, float]


def member(number: int, sector: NetworkSector | None, **values: object) -> NetworkMember:
    name = HumanName(family=f"Lid {number}", given=("Netwerk",))
    return NetworkMember(id=f"m{number}", patient="Patient/p", sector=sector, names=(name,), **values)  # type: ignore[arg-type]


def tie(number: int, closeness: Closeness | None, day: str = "2026-10-01") -> TieAssessment:
    support = (SupportType.EMOTIONAL, SupportType.PRACTICAL, SupportType.COMPANIONSHIP)
    return TieAssessment(
        patient="Patient/p",
        member=f"RelatedPerson/m{number}",
        date=FhirDateTime(day),
        closeness=closeness,
        support_given=support,
    )


def network(size: int, spread: bool, closeness: Closeness | None = Closeness.VERY_CLOSE) -> NetworkMap:
    """``size`` members, all in one sector and ring, or spread over every sector (and none) and ring."""
    sectors: list[NetworkSector | None] = [*NetworkSector, None]
    rings = [*Closeness, None]
    members = [member(n, sectors[n % len(sectors)] if spread else NetworkSector.FAMILY) for n in range(size)]
    ties = [tie(n, rings[n % len(rings)] if spread else closeness) for n in range(size)]
    return build_map(analyse(members, ties, DAY), members, "Client", "nl", no_sector_label="Geen levensgebied")


def label_boxes(network_map: NetworkMap) -> list[Box]:
    """Every label's box (a change mark stands on a second line, shorter than the first can be)."""
    boxes = [n.label_spot.box(len(f"{n.label_name} {n.support_letters}")) for n in network_map.nodes]
    boxes += [s.label_spot.box(max(len(line) for line in s.label_lines)) for s in network_map.sectors]
    return boxes


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


CASES = [(size, spread, closeness) for size in (10, 25, 40) for spread in (True, False) for closeness in Closeness]


@pytest.mark.parametrize(("size", "spread", "closeness"), CASES)
def test_no_two_labels_overlap_and_all_stay_on_the_map(size: int, spread: bool, closeness: Closeness) -> None:
    network_map = network(size, spread, closeness)
    assert len(network_map.nodes) == size
    boxes = label_boxes(network_map)
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if overlap(a, b)]
    for left, top, right, bottom in boxes:
        assert -network_map.width / 2 <= left and right <= network_map.width / 2
        assert -network_map.height / 2 <= top and bottom <= network_map.height / 2
        assert left >= LABEL_X or right <= -LABEL_X  # beside the circle, never on it


@pytest.mark.parametrize(("size", "spread", "closeness"), CASES)
def test_no_two_nodes_overlap_and_each_stays_in_its_slice_and_ring(
    size: int, spread: bool, closeness: Closeness
) -> None:
    nodes = network(size, spread, closeness).nodes
    for a, b in itertools.combinations(nodes, 2):
        assert math.hypot(a.x - b.x, a.y - b.y) >= a.radius + b.radius, (a.name, b.name)
    for node in nodes:
        inner, outer = RING_BANDS[node.ring or 3]
        distance = math.hypot(node.x, node.y)
        assert inner - 0.2 <= distance - node.radius and distance + node.radius <= outer + 0.2  # coordinates: 0.1 px
        assert outer <= RIM
        slice_index = list(NetworkSector).index(node.sector) if node.sector else len(NetworkSector)
        angle = (math.degrees(math.atan2(node.y, node.x)) + 90) % 360
        assert slice_index * SLICE_DEGREES < angle < (slice_index + 1) * SLICE_DEGREES


def distance_to_segment(px: float, py: float, x: float, y: float) -> float:
    """From (px, py) to the segment from the centre to (x, y)."""
    t = max(0.0, min(1.0, (px * x + py * y) / (x * x + y * y)))
    return math.hypot(px - t * x, py - t * y)


def test_in_a_small_network_no_tie_runs_through_another_members_node() -> None:
    """Three in one slice (one per ring) and two in the next: each member an angle of its own."""
    members = [member(n, NetworkSector.FAMILY if n < 3 else NetworkSector.WORK) for n in range(5)]
    ties = [tie(n, [Closeness.VERY_CLOSE, Closeness.CLOSE, Closeness.DISTANT][n % 3]) for n in range(5)]
    nodes = build_map(analyse(members, ties, DAY), members, "Client", "en").nodes
    for a, b in itertools.permutations(nodes, 2):
        assert distance_to_segment(b.x, b.y, a.x, a.y) > b.radius, (a.name, b.name)


def test_the_28_members_of_one_sector_and_ring_that_piled_up_get_their_own_label_and_place() -> None:
    network_map = network(28, spread=False)
    assert len({(n.label_spot.x, n.label_spot.y) for n in network_map.nodes}) == 28
    assert len({n.label_name for n in network_map.nodes}) == 28  # the whole name, not the shared first name
    assert not any(n.shows_initials for n in network_map.nodes)  # dots: initials of 28 would not fit


def test_a_few_members_keep_large_nodes_with_initials_on_their_ring() -> None:
    spots = place_cell(3, RING_BANDS[2], (1.0, 44.0))
    assert {s.r for s in spots} == {15}
    assert {round(math.hypot(s.x, s.y)) for s in spots} == {round(sum(RING_BANDS[2]) / 2)}


def test_the_map_of_changes_marks_added_ended_closer_and_further() -> None:
    ended = Period(start=FhirDate("2025-01-01"), end=FhirDate("2026-06-01"))
    members = [
        member(1, NetworkSector.FAMILY),
        member(2, NetworkSector.WORK),
        member(3, NetworkSector.LEISURE, active=False, period=ended),
        member(4, NetworkSector.FAMILY, period=Period(start=FhirDate("2026-07-01"))),
        member(5, NetworkSector.SCHOOL),
    ]
    ties = [
        tie(1, Closeness.DISTANT, "2026-03-03"),
        tie(1, Closeness.VERY_CLOSE, "2026-09-01"),
        tie(2, Closeness.VERY_CLOSE, "2026-03-03"),
        tie(2, Closeness.DISTANT, "2026-09-01"),
        tie(3, Closeness.CLOSE, "2026-03-03"),
        tie(4, Closeness.CLOSE, "2026-07-02"),
        tie(5, Closeness.CLOSE, "2026-03-03"),
    ]
    comparison = compare_maps(members, ties, date(2026, 3, 3), date(2026, 12, 6), "Client", "nl")
    marks = {n.member_id: n.highlight for n in comparison.map.nodes}
    assert marks == {"m1": "closer", "m2": "further", "m3": "ended", "m4": "added", "m5": ""}
    assert comparison.map.day == date(2026, 12, 6)  # one map, at the later day
    boxes = label_boxes(comparison.map)  # the marked labels take two lines
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if overlap(a, b)]
    ended_node = next(n for n in comparison.map.nodes if n.member_id == "m3")
    assert ended_node.ring == 2  # where the tie was before it ended
    assert (comparison.joined, comparison.left) == (("Netwerk Lid 4",), ("Netwerk Lid 3",))
    assert (comparison.closer, comparison.further) == (("Netwerk Lid 1",), ("Netwerk Lid 2",))


def test_without_dates_the_period_is_from_the_first_to_the_last_assessment() -> None:
    ties = [tie(1, None, "2026-03-03"), tie(2, None, "2026-09-01"), tie(1, None, "2026-12-06")]
    period = choose_period(None, None, ties, date(2026, 12, 7))
    assert (period.before, period.after, period.default, period.errors) == (
        date(2026, 3, 3),
        date(2026, 12, 6),
        "assessments",
        {},
    )
    single = choose_period(None, None, ties[:1], date(2026, 12, 7))
    assert (single.before, single.after, single.default) == (date(2026, 3, 3), date(2026, 12, 7), "today")


@pytest.mark.parametrize(
    ("before", "after", "errors"),
    [
        ("2026-03-03", "", {"after": "missing"}),  # was silently today
        ("", "2026-03-03", {"before": "missing"}),
        ("2026-02-30", "2026-03-03", {"before": "invalid"}),
        ("2026-03-03", "gisteren", {"after": "invalid"}),
        ("2026-06-01", "2026-03-03", {"after": "before-start"}),  # was silently swapped
    ],
)
def test_a_missing_or_wrong_date_is_an_error_that_keeps_what_was_typed(
    before: str, after: str, errors: dict[str, str]
) -> None:
    period = choose_period(before, after, [tie(1, None, "2026-01-01")], date(2026, 12, 6))
    assert dict(period.errors) == errors
    assert (period.before_text, period.after_text, period.default) == (before, after, "")
    messages = {f"{f}-{e}": f"{f} {e}" for f in ("before", "after") for e in ("missing", "invalid", "before-start")}
    summary = period_summary(period, messages)
    assert summary is not None
    assert [(link.target, link.message) for link in summary.links] == [(f, f"{f} {e}") for f, e in errors.items()]


def test_two_good_dates_are_taken_as_they_are() -> None:
    period = choose_period("2026-03-03", "2026-03-03", [], date(2026, 12, 6))
    assert (period.before, period.after, period.errors, period.default) == (
        date(2026, 3, 3),
        date(2026, 3, 3),
        {},
        "",
    )
    assert period_summary(period, {}) is None


@pytest.mark.parametrize("size", [10, 25, 40])
def test_a_sectors_name_below_another_sectors_labels_stands_apart_from_them(size: int) -> None:
    """Found on Ingrid's map: "Werk" flush between Anja Hoekstra (family) and Carla Smit (work), read as a name."""
    network_map = network(size, spread=True)
    boxes = [(n.label_spot, n.label_spot.box(len(n.label_name)), False) for n in network_map.nodes]
    boxes += [(s.label_spot, s.label_spot.box(max(len(line) for line in s.label_lines)), True)
              for s in network_map.sectors]
    checked = 0
    for right in (True, False):
        column = sorted((box for spot, box, heading in boxes if spot.right == right), key=lambda box: box[1])
        headings = {box for spot, box, heading in boxes if heading and spot.right == right}
        for above, below in itertools.pairwise(column):
            if below in headings:
                assert below[1] - above[3] >= LABEL_LINE / 2, (above, below)
                checked += 1
    assert checked >= 2
