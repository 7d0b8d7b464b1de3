"""What a client's network provides, and how it changed: the picture that tells a clinician the social system is weak.

The analysis reads the domain model only. At a given day it takes the members whose tie is current (``active``
and the period covers the day) and, for each, the latest tie assessment on or before that day (assessments
entered in error or cancelled do not count). From those it answers:

- per basic need, which members meet it, and which needs nobody meets (the system is *weak* when any is unmet);
- how large the network is per sector and per closeness ring (ring 1 is nearest the client);
- the reciprocity balance: in how many ties the client only receives, only gives, or both;
- which ties are straining;
- between two days: who joined or left, whose tie changed, and which needs became met or unmet.

The gradings of the basic needs (``NeedAssessment``) say how well each need is met and by whom; ``grade_needs``
gives per need the latest grading on or before a day, the network's part and the professionals' part of it, the
history, and two reasons to work on versterken: a need met only by professionals, and a need resting on one person.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from srh_fhir.datatypes import FhirDateTime
from srh_fhir.model import NeedAssessment, NetworkMember, TieAssessment, split_reference
from srh_fhir.terminology import (
    BasicNeed,
    Closeness,
    NeedFulfilment,
    NetworkSector,
    ObservationStatus,
    Reciprocity,
    Valence,
)

__all__ = [
    "NeedGrading",
    "NetworkAnalysis",
    "NetworkChange",
    "ReciprocityBalance",
    "TieChange",
    "analyse",
    "compare",
    "grade_needs",
]

_K = TypeVar("_K")
NOT_COUNTED = (ObservationStatus.ENTERED_IN_ERROR, ObservationStatus.CANCELLED)


@dataclass(frozen=True, slots=True)
class ReciprocityBalance:
    """Counts of assessed ties by who gives; ``balance`` runs from -1 (the client only receives) to +1 (only gives)."""

    client_receives: int = 0
    client_gives: int = 0
    mutual: int = 0

    @property
    def total(self) -> int:
        return self.client_receives + self.client_gives + self.mutual

    @property
    def balance(self) -> float | None:
        """(gives - receives) / ties with a recorded reciprocity; None when no tie records it."""
        return (self.client_gives - self.client_receives) / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class NetworkAnalysis:
    """The network of one client at one day."""

    on: date
    members: tuple[NetworkMember, ...]
    """Members whose tie is current on ``on``."""
    latest: Mapping[str, TieAssessment]
    """Member reference → latest counted assessment on or before ``on`` (members never assessed are absent)."""
    needs_met_by: Mapping[BasicNeed, tuple[str, ...]]
    """Every basic need → references of the members who meet it (empty when nobody does)."""
    by_sector: Mapping[NetworkSector | None, int]
    """Number of members per sector; ``None`` counts members without a sector."""
    by_ring: Mapping[int | None, int]
    """Number of members per closeness ring 1-3; ``None`` counts members without an assessed closeness."""
    reciprocity: ReciprocityBalance
    straining: tuple[str, ...]
    """References of members whose latest assessment says the tie is straining."""

    @property
    def unmet_needs(self) -> tuple[BasicNeed, ...]:
        """Basic needs no current member meets, in code-system order."""
        return tuple(need for need, members in self.needs_met_by.items() if not members)

    @property
    def weak(self) -> bool:
        """The social system is weak when some basic need is met by nobody."""
        return bool(self.unmet_needs)

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass(frozen=True, slots=True)
class TieChange:
    """How one member's tie differs between two days (``None`` where it was not assessed)."""

    member: str
    closeness: tuple[Closeness | None, Closeness | None]
    valence: tuple[Valence | None, Valence | None]
    reciprocity: tuple[Reciprocity | None, Reciprocity | None]
    needs_gained: tuple[BasicNeed, ...]
    needs_lost: tuple[BasicNeed, ...]


@dataclass(frozen=True, slots=True)
class NetworkChange:
    """How the network changed from ``before.on`` to ``after.on``."""

    before: NetworkAnalysis
    after: NetworkAnalysis
    joined: tuple[str, ...]
    left: tuple[str, ...]
    changed: tuple[TieChange, ...] = field(default=())

    @property
    def needs_now_met(self) -> tuple[BasicNeed, ...]:
        return tuple(need for need in self.before.unmet_needs if need not in self.after.unmet_needs)

    @property
    def needs_now_unmet(self) -> tuple[BasicNeed, ...]:
        return tuple(need for need in self.after.unmet_needs if need not in self.before.unmet_needs)


def analyse(
    members: Iterable[NetworkMember], assessments: Iterable[TieAssessment], on: date | None = None
) -> NetworkAnalysis:
    """The network at ``on`` (default: today) from all members and all tie assessments of one client."""
    day = on or date.today()
    # Sorted by name, so the results do not depend on the order the resources came in.
    current = tuple(sorted((m for m in members if _is_current(m, day)), key=lambda m: (m.display_name, m.reference)))
    references = [member.reference for member in current]
    latest = _latest_assessments(assessments, day, set(references))

    assessed = [(ref, latest[ref]) for ref in references if ref in latest]
    needs_met_by = {need: tuple(ref for ref, a in assessed if need in a.basic_needs_met) for need in BasicNeed}
    closeness = {ref: assessment.closeness for ref, assessment in latest.items()}
    by_ring = Counter(_ring(closeness.get(member.reference)) for member in current)
    reciprocities = Counter(a.reciprocity for a in latest.values() if a.reciprocity is not None)
    return NetworkAnalysis(
        on=day,
        members=current,
        latest=latest,
        needs_met_by=needs_met_by,
        by_sector=_in_order(Counter(member.sector for member in current), [*NetworkSector, None]),
        by_ring=_in_order(by_ring, [1, 2, 3, None]),
        reciprocity=ReciprocityBalance(
            client_receives=reciprocities[Reciprocity.MEMBER_GIVES],
            client_gives=reciprocities[Reciprocity.CLIENT_GIVES],
            mutual=reciprocities[Reciprocity.MUTUAL],
        ),
        straining=tuple(ref for ref, a in assessed if a.valence is Valence.STRAINING),
    )


def compare(
    members: Iterable[NetworkMember], assessments: Iterable[TieAssessment], before: date, after: date
) -> NetworkChange:
    """How the network changed between two days."""
    if after < before:
        raise ValueError(f"the second day ({after}) comes before the first ({before})")
    members, assessments = tuple(members), tuple(assessments)
    then, now = analyse(members, assessments, before), analyse(members, assessments, after)
    then_refs = [m.reference for m in then.members]
    now_refs = [m.reference for m in now.members]
    changed = []
    for ref in now_refs:
        if ref not in then_refs:
            continue
        change = _tie_change(ref, then.latest.get(ref), now.latest.get(ref))
        if change is not None:
            changed.append(change)
    return NetworkChange(
        before=then,
        after=now,
        joined=tuple(ref for ref in now_refs if ref not in then_refs),
        left=tuple(ref for ref in then_refs if ref not in now_refs),
        changed=tuple(changed),
    )


def _in_order(counts: Counter[_K], order: Iterable[_K]) -> dict[_K, int]:
    """The non-zero counts in the given order."""
    return {key: counts[key] for key in order if counts[key]}


def _ring(closeness: Closeness | None) -> int | None:
    return closeness.ring if closeness is not None else None


def _is_current(member: NetworkMember, day: date) -> bool:
    """Current on ``day``: the period covers the day, and the tie is active or ends only after it (a tie recorded
    as ended on a day is no longer current that day: "ended today" takes the member off today's map)."""
    if member.period is not None and not member.period.covers(day):
        return False
    if member.active:
        return True
    # An ended tie keeps its end date in period.end (invariant srh-nm-2); without one we cannot place it in time.
    end = member.period.end if member.period is not None else None
    return end is not None and day < end.to_date()


def _latest_assessments(
    assessments: Iterable[TieAssessment], day: date, members: Collection[str]
) -> dict[str, TieAssessment]:
    latest: dict[str, TieAssessment] = {}
    for assessment in assessments:
        if assessment.status in NOT_COUNTED or assessment.member not in members:
            continue
        if assessment.date.to_date() > day:
            continue
        known = latest.get(assessment.member)
        if known is None or known.date <= assessment.date:
            latest[assessment.member] = assessment
    return latest


def _tie_change(member: str, then: TieAssessment | None, now: TieAssessment | None) -> TieChange | None:
    needs_then = set(then.basic_needs_met) if then else set()
    needs_now = set(now.basic_needs_met) if now else set()
    change = TieChange(
        member=member,
        closeness=(then.closeness if then else None, now.closeness if now else None),
        valence=(then.valence if then else None, now.valence if now else None),
        reciprocity=(then.reciprocity if then else None, now.reciprocity if now else None),
        needs_gained=tuple(need for need in BasicNeed if need in needs_now - needs_then),
        needs_lost=tuple(need for need in BasicNeed if need in needs_then - needs_now),
    )
    unchanged = (
        change.closeness[0] == change.closeness[1]
        and change.valence[0] == change.valence[1]
        and change.reciprocity[0] == change.reciprocity[1]
        and not change.needs_gained
        and not change.needs_lost
    )
    return None if unchanged else change


# -- the gradings of the basic needs -----------------------------------------------------------------------------

NETWORK_TYPES = ("RelatedPerson",)


@dataclass(frozen=True, slots=True)
class NeedGrading:
    """One basic need as its gradings tell it: the latest grade, who meets it, and how it went before."""

    need: BasicNeed
    grade: NeedFulfilment | None = None
    """The latest grade; None when the need was never graded."""
    graded_on: FhirDateTime | None = None
    network: tuple[str, ...] = ()
    """The network members who meet it (``RelatedPerson/...``), as the latest grading says."""
    professionals: tuple[str, ...] = ()
    """The professionals who meet it (``Practitioner/...``, ``PractitionerRole/...``): the complementary part."""
    history: tuple[tuple[FhirDateTime, NeedFulfilment], ...] = ()
    """Every counted grading of the need, newest first (the latest is the first)."""

    @property
    def met_by(self) -> tuple[str, ...]:
        return (*self.network, *self.professionals)

    @property
    def only_professionals(self) -> bool:
        """Met, but by professionals alone: the network does not carry it (a versterken opportunity)."""
        return bool(self.professionals) and not self.network

    @property
    def rests_on_one(self) -> bool:
        """Met by one single person: it is gone when they drop out (a versterken opportunity)."""
        return len(self.met_by) == 1

    @property
    def opportunity(self) -> bool:
        """Whether the need is a reason to work on versterken of the client's social embedding."""
        return self.only_professionals or self.rests_on_one


def grade_needs(assessments: Iterable[NeedAssessment], on: date | None = None) -> dict[BasicNeed, NeedGrading]:
    """Per basic need (in code-system order) the latest counted grading on or before ``on`` (default: today).

    Gradings entered in error or cancelled do not count; of two gradings of a need at the same moment, the one given
    later in ``assessments`` counts.
    """
    day = on or date.today()
    graded: dict[BasicNeed, list[tuple[FhirDateTime, int, NeedAssessment]]] = {need: [] for need in BasicNeed}
    for position, assessment in enumerate(assessments):
        if assessment.status in NOT_COUNTED or assessment.date.to_date() > day:
            continue
        for grade in assessment.grades:
            graded[grade.need].append((assessment.date, position, assessment))
    result = {}
    for need, found in graded.items():
        found.sort(key=lambda item: (item[0], item[1]), reverse=True)
        history = tuple((when, grading.grade) for when, _, a in found if (grading := a.grade_of(need)) is not None)
        latest = found[0][2].grade_of(need) if found else None
        if latest is None:
            result[need] = NeedGrading(need)
            continue
        network = tuple(ref for ref in latest.met_by if split_reference(ref)[0] in NETWORK_TYPES)
        result[need] = NeedGrading(
            need=need,
            grade=latest.grade,
            graded_on=found[0][0],
            network=network,
            professionals=tuple(ref for ref in latest.met_by if ref not in network),
            history=history,
        )
    return result
