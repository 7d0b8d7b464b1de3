"""Where things go on the network map, so that nothing hides anything else, at any network size.

The circle holds the nodes: each sector a fixed slice, each closeness a band of radii (a ring). A crowded slice of a
band gets more rows of smaller nodes, so no two nodes overlap. The names do not sit on the circle: they stand in a
column on the left and right of it, each with a thin leader line to its node, ordered as the nodes go round, and moved
apart vertically until no two touch. A column's labels share one edge and never cross the circle, so labels cannot
overlap each other, however many members one sector and ring hold; the map only grows taller when a column is full.
Pure geometry: no Flask, no FHIR.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SLICES = 8  # the seven sectors and one for members without a sector
SLICE_DEGREES = 360 / SLICES
RIGHT_SLICES = (0, 1, 2, 3)  # clockwise from 12 o'clock: these slices lie right of the centre, the others left
PADDING_DEGREES = 1.0
RIM = 262
"""The circle's outer radius."""
RING_BANDS: dict[int, tuple[float, float]] = {1: (34, 122), 2: (122, 192), 3: (192, RIM)}
"""Each closeness ring's band of radii (inner, outer); members without an assessed closeness go in the outer band."""
RING_RADIUS = {ring: round((inner + outer) / 2) for ring, (inner, outer) in RING_BANDS.items()}
NODE_SIZES = (15, 11, 8, 6, 4)
"""Node radii, largest first; a crowded slice of a band takes the largest that fits."""
NODE_GAP = 2
FANNED_SIZES = NODE_SIZES[:2]
"""Node radii a slice's members may have when each gets an angle of its own."""
INITIALS_FROM = 11
"""Nodes this large or larger show the member's initials; smaller ones are dots (the name is in the label)."""

LABEL_X = RIM + 14
"""Labels start (right column) or end (left column) this far from the centre."""
LABEL_WIDTH = 214
LABEL_FONT = 11
LABEL_LINE = 14
"""The vertical space one line of a label takes."""
LABEL_GAP = 1
HEADING_SPACE = LABEL_LINE / 2
"""Extra space above a sector's name that follows another sector's labels in its column, so that it reads as the
heading of the names below it, not as one more of the names above."""
CHAR_WIDTH = 0.62
"""An upper estimate of a character's width, in font sizes (for the unit test's label boxes)."""
MARGIN = 14
MIN_HEIGHT = 2 * (RIM + MARGIN)


@dataclass(frozen=True)
class Spot:
    """A node's place: centre and radius."""

    x: float
    y: float
    r: float


@dataclass(frozen=True)
class LabelSpot:
    """A label's anchor point (``x``, ``y`` the middle of its first line) and the side of the map it stands on."""

    x: float
    y: float
    lines: int
    right: bool

    @property
    def anchor(self) -> str:
        return "start" if self.right else "end"

    def box(self, text_length: int, font_size: float = LABEL_FONT) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of a label of ``text_length`` characters, its longest line."""
        width = min(text_length * font_size * CHAR_WIDTH, LABEL_WIDTH)
        left = self.x if self.right else self.x - width
        top = self.y - LABEL_LINE / 2
        return left, top, left + width, top + self.lines * LABEL_LINE


def point(radius: float, degrees: float) -> tuple[float, float]:
    """Clockwise from the top (12 o'clock)."""
    radians = math.radians(degrees - 90)
    return round(radius * math.cos(radians), 1), round(radius * math.sin(radians), 1)


def slice_range(slice_index: int) -> tuple[float, float]:
    start = slice_index * SLICE_DEGREES
    return start + PADDING_DEGREES, start + SLICE_DEGREES - PADDING_DEGREES


def _row_capacity(radius: float, width_degrees: float, node: float) -> int:
    """How many nodes of radius ``node`` fit side by side on an arc of ``radius`` (each in an equal share of it)."""
    count = 0
    while 2 * radius * math.sin(math.radians(width_degrees) / (2 * (count + 1))) >= 2 * node + NODE_GAP:
        count += 1
    return count


def _rows(band: tuple[float, float], node: float, rows: int) -> list[float]:
    """The radii of ``rows`` rows of nodes centred in ``band``; empty when they do not fit."""
    step = 2 * node + NODE_GAP
    centre = (band[0] + band[1]) / 2
    radii = [centre + (index - (rows - 1) / 2) * step for index in range(rows)]
    if radii[0] - node < band[0] or radii[-1] + node > band[1]:
        return []
    return radii


def place_cell(count: int, band: tuple[float, float], angles: tuple[float, float]) -> list[Spot]:
    """Spots for ``count`` nodes in one slice of one band, none overlapping another (nor one in the next slice).

    The largest node size that fits wins; then the fewest rows. Each node has an equal share of its row's arc, so
    the nodes at a slice's edge keep half a share from its boundary."""
    if not count:
        return []
    width = angles[1] - angles[0]
    for node in NODE_SIZES:
        rows = 1
        while radii := _rows(band, node, rows):
            capacities = [_row_capacity(radius, width, node) for radius in radii]
            if sum(capacities) >= count:
                return _fill(count, radii, capacities, angles, node)
            rows += 1
    # Beyond what fits (far more members than any network has): the smallest nodes in as many rows as fit, overlapping.
    node = NODE_SIZES[-1]
    radii = _rows(band, node, 1)
    return _fill(count, radii, [count], angles, node)


def _fill(
    count: int, radii: list[float], capacities: list[int], angles: tuple[float, float], node: float
) -> list[Spot]:
    total = sum(capacities)
    shares = [count * capacity // total for capacity in capacities]
    for index in sorted(range(len(radii)), key=lambda i: capacities[i] - shares[i], reverse=True):
        if sum(shares) == count:
            break
        if shares[index] < capacities[index]:
            shares[index] += 1
    spots = []
    width = angles[1] - angles[0]
    for radius, share in zip(radii, shares, strict=True):
        for position in range(share):
            x, y = point(radius, angles[0] + width * (position + 0.5) / share)
            spots.append(Spot(x, y, node))
    return spots


def place_slice(bands: Sequence[tuple[float, float]], angles: tuple[float, float]) -> list[Spot]:
    """Spots for the members of one slice, given each one's band (nearest ring first).

    While there is room, each member gets an angle of its own, at the middle of its band, so no tie runs through
    another member's node; a crowded slice is placed band by band (``place_cell``)."""
    width = angles[1] - angles[0]
    for node in FANNED_SIZES:
        fanned = []
        for index, band in enumerate(bands):
            x, y = point((band[0] + band[1]) / 2, angles[0] + width * (index + 1) / (len(bands) + 1))
            fanned.append(Spot(x, y, node))
        if _clear(fanned, width / (len(bands) + 1)):
            return fanned
    spots: list[Spot] = []
    start = 0
    while start < len(bands):
        end = start
        while end < len(bands) and bands[end] == bands[start]:
            end += 1
        spots += place_cell(end - start, bands[start], angles)
        start = end
    return spots


def _clear(spots: Sequence[Spot], margin_degrees: float) -> bool:
    """No two spots overlap, and none comes nearer its slice's edges than its own radius and half a gap."""
    for index, a in enumerate(spots):
        if math.hypot(a.x, a.y) * math.sin(math.radians(margin_degrees)) < a.r + NODE_GAP / 2:
            return False
        for b in spots[index + 1 :]:
            if math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r + NODE_GAP:
                return False
    return True


@dataclass(frozen=True)
class ColumnItem:
    """Something to label: the slice it belongs to, the height it wants (``y`` of its node) and its lines."""

    key: str
    slice_index: int
    wanted_y: float
    lines: int = 1
    rank: int = 1
    """Within a slice, lower ranks come first (the sector's name before its members)."""


def place_labels(items: Sequence[ColumnItem]) -> tuple[dict[str, LabelSpot], float]:
    """A spot per item in the column on its slice's side, and the map's height.

    Items keep the order the nodes go round (right column top to bottom, left column bottom to top read
    backwards); within that order each moves as little as it can from its wanted height, at least one line apart.
    """
    height: float = MIN_HEIGHT
    right = sorted(
        (i for i in items if i.slice_index in RIGHT_SLICES), key=lambda i: (i.slice_index, i.rank, i.wanted_y)
    )
    left = sorted(
        (i for i in items if i.slice_index not in RIGHT_SLICES), key=lambda i: (-i.slice_index, i.rank, i.wanted_y)
    )
    for column in (right, left):
        needed = sum(i.lines * LABEL_LINE + LABEL_GAP for i in column) + sum(_space_before(column)) + 2 * MARGIN
        height = max(height, needed)
    spots: dict[str, LabelSpot] = {}
    for column, on_right in ((right, True), (left, False)):
        for item, y in zip(column, _spread(column, height), strict=True):
            spots[item.key] = LabelSpot(LABEL_X if on_right else -LABEL_X, round(y, 1), item.lines, on_right)
    return spots, height


def _space_before(column: Sequence[ColumnItem]) -> list[float]:
    """The extra space above each item: ``HEADING_SPACE`` above a sector's name that is not the first item."""
    return [HEADING_SPACE if index and item.rank == 0 else 0.0 for index, item in enumerate(column)]


def _spread(column: Sequence[ColumnItem], height: float) -> list[float]:
    """The tops of the items' boxes turned into middles of first lines, no box overlapping the next."""
    top, bottom = -height / 2 + MARGIN, height / 2 - MARGIN
    sizes = [i.lines * LABEL_LINE + LABEL_GAP for i in column]
    before = _space_before(column)
    tops = [i.wanted_y - LABEL_LINE / 2 for i in column]
    for index in range(len(tops)):  # down: each below the one before
        floor = top if index == 0 else tops[index - 1] + sizes[index - 1] + before[index]
        tops[index] = max(tops[index], floor)
    for index in reversed(range(len(tops))):  # up: each above the one after (or the bottom)
        ceiling = bottom if index == len(tops) - 1 else tops[index + 1] - before[index + 1]
        tops[index] = min(tops[index], ceiling - sizes[index])
    for index in range(len(tops)):  # down again from the top edge: the last word is no overlap
        floor = top if index == 0 else tops[index - 1] + sizes[index - 1] + before[index]
        tops[index] = max(tops[index], floor)
    return [t + LABEL_LINE / 2 for t in tops]
