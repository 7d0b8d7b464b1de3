"""The network map: the client in the centre, a ring per closeness, a fixed slice of the circle per network sector.

Positions are computed here (``map_layout``), so the map is complete and correct without JavaScript and in print:
no two nodes and no two labels overlap at any size. Each sector keeps the same slice on every map. Valence is drawn
as line style (not colour alone), reciprocity as arrowheads (towards whoever receives), support types as letters in
the member's label. Ended ties are not on the map; they stay in ``ended``, the map's history. A map can also show
what changed since an earlier day (``highlights``): who was added, whose tie ended, who came closer or went further.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from smart_app.workspace.builders import relationship_text
from smart_app.workspace.consent import NO_CONSENT, ConsentStatus, MemberConsent
from smart_app.workspace.map_layout import (
    INITIALS_FROM,
    LABEL_WIDTH,
    LABEL_X,
    NODE_SIZES,
    RIM,
    RING_BANDS,
    RING_RADIUS,
    SLICE_DEGREES,
    SLICES,
    ColumnItem,
    LabelSpot,
    Spot,
    place_labels,
    place_slice,
    point,
    slice_range,
)
from smart_app.workspace.people import Language
from srh_fhir.analysis import NetworkAnalysis
from srh_fhir.model import NetworkMember, TieAssessment
from srh_fhir.terminology import Closeness, NetworkSector, Reciprocity, SupportType, Valence

CLIENT_RADIUS = 28
SECTOR_LINE = 20
"""A sector's name is wrapped in lines of at most this many characters."""
NAME_LENGTH = 22
"""A label shows at most this many characters of a name (the table and the node's description show it whole)."""
SECTOR_SLICE = {sector: index for index, sector in enumerate(NetworkSector)}
NO_SECTOR_SLICE = len(NetworkSector)
HIGHLIGHTS = ("added", "ended", "closer", "further")
"""What changed about a member since an earlier day, as the changes page shows it on the map."""

LINE_STYLE: Mapping[Valence | None, tuple[str, str, float]] = {
    Valence.SUPPORTIVE: ("#1d6b3a", "none", 3.0),
    Valence.AMBIVALENT: ("#8a5a00", "10 6", 2.5),
    Valence.STRAINING: ("#a3162b", "2 5", 3.5),
    None: ("#6b6b6b", "1 7", 1.5),
}
SUPPORT_LETTER: Mapping[Language, Mapping[SupportType, str]] = {
    "nl": {
        SupportType.EMOTIONAL: "E",
        SupportType.PRACTICAL: "P",
        SupportType.INFORMATIONAL: "I",
        SupportType.COMPANIONSHIP: "G",
    },
    "en": {
        SupportType.EMOTIONAL: "E",
        SupportType.PRACTICAL: "P",
        SupportType.INFORMATIONAL: "I",
        SupportType.COMPANIONSHIP: "C",
    },
}


def wrap(text: str, width: int) -> tuple[str, ...]:
    """``text`` in lines of at most ``width`` characters (a longer word stands alone)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return tuple(lines)


def shortened(name: str, length: int = NAME_LENGTH) -> str:
    return name if len(name) <= length else name[: length - 1].rstrip() + "…"


@dataclass(frozen=True)
class Leader:
    """A thin line from a node (or a slice's rim) to its label in the column."""

    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class SectorSlice:
    code: str
    label: str
    start_degrees: float
    end_degrees: float
    boundary_x: float
    boundary_y: float
    label_spot: LabelSpot
    leader: Leader
    count: int

    @property
    def label_lines(self) -> tuple[str, ...]:
        return wrap(self.label, SECTOR_LINE)


@dataclass(frozen=True)
class Ring:
    ring: int
    radius: int
    label: str


@dataclass(frozen=True)
class MapNode:
    """One network member on the map, with the tie drawn from the client to them and their label in a column."""

    member_id: str
    reference: str
    name: str
    relationship: str
    sector: NetworkSector | None
    sector_label: str
    closeness: Closeness | None
    closeness_label: str
    ring: int | None
    valence: Valence | None
    valence_label: str
    reciprocity: Reciprocity | None
    reciprocity_label: str
    support: tuple[SupportType, ...]
    support_labels: tuple[str, ...]
    support_letters: str
    needs_labels: tuple[str, ...]
    assessed_on: str | None
    consent: ConsentStatus
    x: float
    y: float
    radius: float
    stroke: str
    dasharray: str
    width: float
    marker_start: str | None
    marker_end: str | None
    initials: str
    label_spot: LabelSpot
    leader: Leader
    highlight: str = ""
    """One of ``HIGHLIGHTS`` on a map of changes, else empty."""

    @property
    def label_name(self) -> str:
        return shortened(self.name)

    @property
    def line_width(self) -> float:
        """The tie's width, thinner to a small node (so the arrowheads, sized by it, do not bury a crowded slice)."""
        return round(self.width * max(0.5, self.radius / NODE_SIZES[0]), 2)

    @property
    def shows_initials(self) -> bool:
        return self.radius >= INITIALS_FROM

    @property
    def line(self) -> tuple[float, float, float, float]:
        """The tie from the edge of the client's circle to the edge of the member's."""
        distance = math.hypot(self.x, self.y) or 1.0
        ux, uy = self.x / distance, self.y / distance
        end = max(distance - self.radius - 3, CLIENT_RADIUS + 4)
        return (
            round(ux * (CLIENT_RADIUS + 3), 1),
            round(uy * (CLIENT_RADIUS + 3), 1),
            round(ux * end, 1),
            round(uy * end, 1),
        )

    @property
    def description(self) -> str:
        """One line for screen readers and the node's tooltip."""
        parts = [
            self.name,
            self.relationship,
            self.sector_label,
            self.closeness_label,
            self.valence_label,
            self.reciprocity_label,
            ", ".join(self.support_labels),
        ]
        return " · ".join(p for p in parts if p)


@dataclass(frozen=True)
class EndedTie:
    member_id: str
    name: str
    sector_label: str
    ended_on: str | None


@dataclass(frozen=True)
class NetworkMap:
    day: date
    width: int
    height: int
    client_name: str
    rings: tuple[Ring, ...]
    sectors: tuple[SectorSlice, ...]
    nodes: tuple[MapNode, ...]
    ended: tuple[EndedTie, ...]
    support_letters: tuple[tuple[str, str], ...] = ()
    """(letter, support type) for the legend."""

    @property
    def view_box(self) -> str:
        return f"{-self.width // 2} {-self.height // 2} {self.width} {self.height}"


def _slice_of(sector: NetworkSector | None) -> int:
    return SECTOR_SLICE[sector] if sector is not None else NO_SECTOR_SLICE


def initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalpha()]
    letters = (words[0][0] + words[-1][0]) if len(words) > 1 else name[:2]
    return letters.upper()


def _markers(reciprocity: Reciprocity | None) -> tuple[str | None, str | None]:
    """Arrowheads on the line client -> member, pointing at whoever receives."""
    if reciprocity is Reciprocity.MEMBER_GIVES:
        return "arrow-to-client", None
    if reciprocity is Reciprocity.CLIENT_GIVES:
        return None, "arrow-to-member"
    if reciprocity is Reciprocity.MUTUAL:
        return "arrow-to-client", "arrow-to-member"
    return None, None


def sector_label(sector: NetworkSector | None, language: Language, unknown: str) -> str:
    return sector.label(language) if sector is not None else unknown


@dataclass(frozen=True)
class _Placed:
    member: NetworkMember
    assessment: TieAssessment | None
    ring: int | None
    slice_index: int
    spot: Spot


def build_map(
    analysis: NetworkAnalysis,
    all_members: Iterable[NetworkMember],
    client_name: str,
    language: Language,
    consents: Mapping[str, MemberConsent] | None = None,
    no_sector_label: str = "",
    highlights: Mapping[str, str] | None = None,
) -> NetworkMap:
    """The map of ``analysis`` (one day); ``all_members`` gives the ended ties for the history.

    ``highlights`` marks members (by reference) with what changed about them, one of ``HIGHLIGHTS``."""
    consents, highlights = consents or {}, highlights or {}
    placed = _place_nodes(analysis)
    counts = {index: 0 for index in range(SLICES)}
    for item in placed:
        counts[item.slice_index] += 1
    kinds: list[NetworkSector | None] = [*NetworkSector, None]
    shown = [(index, kind) for index, kind in enumerate(kinds) if kind is not None or counts[index]]
    columns = [
        ColumnItem(
            f"sector:{index}",
            index,
            _rim_point(index)[1],
            len(wrap(_label(kind, language, no_sector_label), SECTOR_LINE)),
            rank=0,
        )
        for index, kind in shown
    ]
    # A member whose tie changed has the change on a second line of their label.
    columns += [
        ColumnItem(
            item.member.reference, item.slice_index, item.spot.y, 2 if item.member.reference in highlights else 1
        )
        for item in placed
    ]
    spots, height = place_labels(columns)
    nodes = tuple(
        _node(
            item,
            spots[item.member.reference],
            language,
            consents.get(item.member.reference, NO_CONSENT),
            no_sector_label,
            highlights.get(item.member.reference, ""),
        )
        for item in placed
    )
    sectors = tuple(
        _sector(index, kind, language, no_sector_label, spots[f"sector:{index}"], counts[index])
        for index, kind in shown
    )
    return NetworkMap(
        day=analysis.on,
        width=2 * (LABEL_X + LABEL_WIDTH),
        height=math.ceil(height),
        client_name=client_name,
        rings=tuple(Ring(ring, radius, ring_label(ring, language)) for ring, radius in RING_RADIUS.items()),
        sectors=sectors,
        nodes=nodes,
        ended=_ended(all_members, analysis, language, no_sector_label),
        support_letters=tuple((letter, kind.label(language)) for kind, letter in SUPPORT_LETTER[language].items()),
    )


def _label(kind: NetworkSector | None, language: Language, no_sector_label: str) -> str:
    return sector_label(kind, language, no_sector_label)


def _place_nodes(analysis: NetworkAnalysis) -> list[_Placed]:
    """Each member in its sector's slice and its ring's band (nearest ring first round the circle, then by name)."""
    slices: dict[int, list[tuple[NetworkMember, TieAssessment | None, int | None]]] = {}
    for member in analysis.members:
        assessment = analysis.latest.get(member.reference)
        ring = assessment.closeness.ring if assessment and assessment.closeness else None
        slices.setdefault(_slice_of(member.sector), []).append((member, assessment, ring))
    placed = []
    for slice_index, members in sorted(slices.items()):
        members.sort(key=lambda item: (item[2] or 9, item[0].display_name))
        spots = place_slice([RING_BANDS[ring or 3] for _, _, ring in members], slice_range(slice_index))
        for (member, assessment, ring), spot in zip(members, spots, strict=True):
            placed.append(_Placed(member, assessment, ring, slice_index, spot))
    return placed


def _rim_point(slice_index: int) -> tuple[float, float]:
    return point(RIM, (slice_index + 0.5) * SLICE_DEGREES)


def _leader(x: float, y: float, radius: float, label: LabelSpot) -> Leader:
    """From the edge of a circle of ``radius`` at (x, y) to just before the label."""
    end_x = label.x - 4 if label.right else label.x + 4
    dx, dy = end_x - x, label.y - y
    distance = math.hypot(dx, dy) or 1.0
    return Leader(round(x + dx / distance * radius, 1), round(y + dy / distance * radius, 1), end_x, label.y)


def ring_label(ring: int, language: Language) -> str:
    for closeness in Closeness:
        if closeness.ring == ring:
            return closeness.label(language)
    return str(ring)


def _sector(
    index: int, kind: NetworkSector | None, language: Language, no_sector_label: str, spot: LabelSpot, count: int
) -> SectorSlice:
    start, end = index * SLICE_DEGREES, (index + 1) * SLICE_DEGREES
    bx, by = point(RIM, start)
    rx, ry = _rim_point(index)
    return SectorSlice(
        code=kind.value if kind else "none",
        label=_label(kind, language, no_sector_label),
        start_degrees=start,
        end_degrees=end,
        boundary_x=bx,
        boundary_y=by,
        label_spot=spot,
        leader=_leader(rx, ry, 0, spot),
        count=count,
    )


def _node(
    item: _Placed, label: LabelSpot, language: Language, consent: MemberConsent, no_sector_label: str, highlight: str
) -> MapNode:
    member, assessment, spot = item.member, item.assessment, item.spot
    valence = assessment.valence if assessment else None
    reciprocity = assessment.reciprocity if assessment else None
    support = assessment.support_given if assessment else ()
    stroke, dasharray, width = LINE_STYLE[valence]
    start_marker, end_marker = _markers(reciprocity)
    letters = SUPPORT_LETTER[language]
    return MapNode(
        member_id=member.id or "",
        reference=member.reference,
        name=member.display_name,
        relationship=relationship_text(member),
        sector=member.sector,
        sector_label=sector_label(member.sector, language, no_sector_label),
        closeness=assessment.closeness if assessment else None,
        closeness_label=assessment.closeness.label(language) if assessment and assessment.closeness else "",
        ring=item.ring,
        valence=valence,
        valence_label=valence.label(language) if valence else "",
        reciprocity=reciprocity,
        reciprocity_label=reciprocity.label(language) if reciprocity else "",
        support=support,
        support_labels=tuple(s.label(language) for s in support),
        support_letters=" ".join(letters[kind] for kind in support),
        needs_labels=tuple(n.label(language) for n in assessment.basic_needs_met) if assessment else (),
        assessed_on=str(assessment.date.to_date()) if assessment else None,
        consent=consent.status,
        x=spot.x,
        y=spot.y,
        radius=spot.r,
        stroke=stroke,
        dasharray=dasharray,
        width=width,
        marker_start=start_marker,
        marker_end=end_marker,
        initials=initials(member.display_name),
        label_spot=label,
        leader=_leader(spot.x, spot.y, spot.r + 1, label),
        highlight=highlight,
    )


def ended_members(members: Iterable[NetworkMember], analysis: NetworkAnalysis) -> list[NetworkMember]:
    """The members whose tie had ended by the analysis's day (not those whose tie starts later)."""
    current = {m.reference for m in analysis.members}
    ended = []
    for member in members:
        if not member.id or member.reference in current:
            continue
        end = member.period.end if member.period else None
        if member.active and (end is None or end.to_date() > analysis.on):
            continue  # not ended: a tie that starts later than the day
        ended.append(member)
    return ended


def _ended(
    members: Iterable[NetworkMember], analysis: NetworkAnalysis, language: Language, no_sector_label: str
) -> tuple[EndedTie, ...]:
    ended = []
    for member in ended_members(members, analysis):
        end = member.period.end if member.period else None
        ended.append(
            EndedTie(
                member.id or "",
                member.display_name,
                sector_label(member.sector, language, no_sector_label),
                str(end.to_date()) if end else None,
            )
        )
    return tuple(sorted(ended, key=lambda e: (e.ended_on or "", e.name), reverse=True))
