"""The network map: the client in the centre, a ring per closeness, a fixed slice of the circle per network sector.

Positions are computed here, so the map is complete without JavaScript (and in print); the map script only eases
overlapping nodes apart within their ring and slice. Each sector keeps the same angle range on every map, so two
maps of the same client (two dates) can be laid side by side. Valence is drawn as line style (not colour alone),
reciprocity as arrowheads (towards whoever receives), support types as letter badges. Ended ties are not on the
map; they stay in ``ended``, the map's history.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from smart_app.workspace.consent import NO_CONSENT, ConsentStatus, MemberConsent
from smart_app.workspace.people import Language
from srh_fhir.analysis import NetworkAnalysis
from srh_fhir.model import NetworkMember, TieAssessment
from srh_fhir.terminology import Closeness, NetworkSector, Reciprocity, SupportType, Valence

SIZE = 780
RING_RADIUS = {1: 105, 2: 190, 3: 270}
UNASSESSED_RADIUS = 270
LABEL_RADIUS = 300
LABEL_LINE = 14
NODE_RADIUS = 15
CLIENT_RADIUS = 28
SLICES = 8  # the seven sectors and one for members without a sector
SECTOR_SLICE = {sector: index for index, sector in enumerate(NetworkSector)}
NO_SECTOR_SLICE = len(NetworkSector)
SLICE_DEGREES = 360 / SLICES
PADDING_DEGREES = 4.0

# Line styles per valence: drawn with pattern and width, so they differ without colour too.
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


@dataclass(frozen=True)
class SectorSlice:
    code: str
    label: str
    start_degrees: float
    end_degrees: float
    boundary_x: float
    boundary_y: float
    label_x: float
    label_y: float
    anchor: str
    """``text-anchor`` of the label: labels on the left end at their point, on the right start there."""
    count: int

    @property
    def label_lines(self) -> tuple[str, ...]:
        """The label in lines of at most ``LABEL_LINE`` characters (long sector names would leave the map)."""
        lines: list[str] = []
        for word in self.label.split():
            if lines and len(lines[-1]) + 1 + len(word) <= LABEL_LINE:
                lines[-1] += " " + word
            else:
                lines.append(word)
        return tuple(lines)


@dataclass(frozen=True)
class Ring:
    ring: int
    radius: int
    label: str


@dataclass(frozen=True)
class Badge:
    """A support-type letter beside a node; ``dx``/``dy`` from the node's centre."""

    letter: str
    label: str
    dx: float
    dy: float


@dataclass(frozen=True)
class MapNode:
    """One network member on the map, with the tie drawn from the client to them."""

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
    badges: tuple[Badge, ...]
    needs_labels: tuple[str, ...]
    assessed_on: str | None
    consent: ConsentStatus
    x: float
    y: float
    radius: float
    angle_min: float
    angle_max: float
    stroke: str
    dasharray: str
    width: float
    marker_start: str | None
    marker_end: str | None
    initials: str

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
    size: int
    client_name: str
    rings: tuple[Ring, ...]
    sectors: tuple[SectorSlice, ...]
    nodes: tuple[MapNode, ...]
    ended: tuple[EndedTie, ...]
    support_letters: tuple[tuple[str, str], ...] = ()
    """(letter, support type) for the legend."""

    @property
    def half(self) -> int:
        return self.size // 2

    @property
    def view_box(self) -> str:
        return f"{-self.half} {-self.half} {self.size} {self.size}"


def _point(radius: float, degrees: float) -> tuple[float, float]:
    """Clockwise from the top (12 o'clock)."""
    radians = math.radians(degrees - 90)
    return round(radius * math.cos(radians), 1), round(radius * math.sin(radians), 1)


def _slice_of(sector: NetworkSector | None) -> int:
    return SECTOR_SLICE[sector] if sector is not None else NO_SECTOR_SLICE


def relationship_label(member: NetworkMember) -> str:
    """The first relationship's text, else the first display of its codes."""
    for concept in member.relationships:
        if concept.text:
            return concept.text
        for coding in concept.codings:
            if coding.display:
                return coding.display
    return ""


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


def build_map(
    analysis: NetworkAnalysis,
    all_members: Iterable[NetworkMember],
    client_name: str,
    language: Language,
    consents: Mapping[str, MemberConsent] | None = None,
    no_sector_label: str = "",
) -> NetworkMap:
    """The map of ``analysis`` (one day); ``all_members`` gives the ended ties for the history."""
    consents = consents or {}
    # Within its sector's slice, each member gets its own angle (nearest ring first), so no tie hides another.
    by_slice: dict[int, list[tuple[int | None, NetworkMember]]] = {}
    for member in analysis.members:
        assessment = analysis.latest.get(member.reference)
        ring = assessment.closeness.ring if assessment and assessment.closeness else None
        by_slice.setdefault(_slice_of(member.sector), []).append((ring, member))
    nodes = []
    for slice_index, placed in sorted(by_slice.items()):
        start = slice_index * SLICE_DEGREES + PADDING_DEGREES
        width = SLICE_DEGREES - 2 * PADDING_DEGREES
        placed.sort(key=lambda item: (item[0] or 9, item[1].display_name))
        for position, (ring, member) in enumerate(placed):
            angle = start + width * (position + 1) / (len(placed) + 1)
            nodes.append(
                _node(
                    member,
                    analysis.latest.get(member.reference),
                    ring,
                    angle,
                    (start, start + width),
                    language,
                    consents.get(member.reference, NO_CONSENT),
                    no_sector_label,
                )
            )
    counts = {_slice_of(m.sector): 0 for m in analysis.members}
    for member in analysis.members:
        counts[_slice_of(member.sector)] += 1
    return NetworkMap(
        day=analysis.on,
        size=SIZE,
        client_name=client_name,
        rings=tuple(Ring(ring, radius, ring_label(ring, language)) for ring, radius in RING_RADIUS.items()),
        sectors=_sectors(language, counts, no_sector_label),
        nodes=tuple(nodes),
        ended=_ended(all_members, analysis, language, no_sector_label),
        support_letters=tuple((letter, kind.label(language)) for kind, letter in SUPPORT_LETTER[language].items()),
    )


def ring_label(ring: int, language: Language) -> str:
    for closeness in Closeness:
        if closeness.ring == ring:
            return closeness.label(language)
    return str(ring)


def _sectors(language: Language, counts: Mapping[int, int], no_sector_label: str) -> tuple[SectorSlice, ...]:
    slices = []
    kinds: list[NetworkSector | None] = [*NetworkSector, None]
    for index, sector in enumerate(kinds):
        if sector is None and not counts.get(index):
            continue  # the slice for members without a sector shows only when it is used
        start, end = index * SLICE_DEGREES, (index + 1) * SLICE_DEGREES
        bx, by = _point(LABEL_RADIUS, start)
        lx, ly = _point(LABEL_RADIUS + 8, (start + end) / 2)
        anchor = "middle" if abs(lx) < 60 else ("start" if lx > 0 else "end")
        slices.append(
            SectorSlice(
                code=sector.value if sector else "none",
                label=sector_label(sector, language, no_sector_label),
                start_degrees=start,
                end_degrees=end,
                boundary_x=bx,
                boundary_y=by,
                label_x=lx,
                label_y=ly,
                anchor=anchor,
                count=counts.get(index, 0),
            )
        )
    return tuple(slices)


def _node(
    member: NetworkMember,
    assessment: TieAssessment | None,
    ring: int | None,
    angle: float,
    angles: tuple[float, float],
    language: Language,
    consent: MemberConsent,
    no_sector_label: str,
) -> MapNode:
    radius = RING_RADIUS[ring] if ring else UNASSESSED_RADIUS
    x, y = _point(radius, angle)
    valence = assessment.valence if assessment else None
    reciprocity = assessment.reciprocity if assessment else None
    support = assessment.support_given if assessment else ()
    stroke, dasharray, width = LINE_STYLE[valence]
    start_marker, end_marker = _markers(reciprocity)
    letters = SUPPORT_LETTER[language]
    badges = tuple(
        Badge(letters[kind], kind.label(language), *_badge_offset(x, y, index, len(support)))
        for index, kind in enumerate(support)
    )
    return MapNode(
        member_id=member.id or "",
        reference=member.reference,
        name=member.display_name,
        relationship=relationship_label(member),
        sector=member.sector,
        sector_label=sector_label(member.sector, language, no_sector_label),
        closeness=assessment.closeness if assessment else None,
        closeness_label=assessment.closeness.label(language) if assessment and assessment.closeness else "",
        ring=ring,
        valence=valence,
        valence_label=valence.label(language) if valence else "",
        reciprocity=reciprocity,
        reciprocity_label=reciprocity.label(language) if reciprocity else "",
        support=support,
        support_labels=tuple(s.label(language) for s in support),
        badges=badges,
        needs_labels=tuple(n.label(language) for n in assessment.basic_needs_met) if assessment else (),
        assessed_on=str(assessment.date.to_date()) if assessment else None,
        consent=consent.status,
        x=x,
        y=y,
        radius=NODE_RADIUS,
        angle_min=round(angles[0], 2),
        angle_max=round(angles[1], 2),
        stroke=stroke,
        dasharray=dasharray,
        width=width,
        marker_start=start_marker,
        marker_end=end_marker,
        initials=initials(member.display_name),
    )


def _badge_offset(x: float, y: float, index: int, count: int) -> tuple[float, float]:
    """Badges sit in a small arc outside the node, away from the centre."""
    outward = math.atan2(y, x) if (x or y) else -math.pi / 2
    spread = math.radians(34)
    angle = outward + spread * (index - (count - 1) / 2)
    distance = NODE_RADIUS + 10
    return round(distance * math.cos(angle), 1), round(distance * math.sin(angle), 1)


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
