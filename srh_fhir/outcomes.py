"""Outcome over time: the total scores of the instruments the team uses, beside the network's size and the number of
basic needs met on the same days, so a team can see whether versterken works. Pure functions on the domain model.

A basic need counts as *met* on a day when its latest grading on or before that day is "mostly" or "fully"
(``NeedFulfilment`` 3 or 4): "partly" is not yet met well enough to lean on. The network's size on a day is the
number of members whose tie is current then (``srh_fhir.analysis.analyse``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from srh_fhir.analysis import NOT_COUNTED, analyse, grade_needs
from srh_fhir.model import NeedAssessment, NetworkMember, OutcomeScore
from srh_fhir.terminology import Instrument, NeedFulfilment

__all__ = ["MET", "NetworkPoint", "needs_met", "network_over_time", "outcome_series", "series_days"]

MET = frozenset({NeedFulfilment.MOSTLY, NeedFulfilment.FULLY})


@dataclass(frozen=True)
class NetworkPoint:
    """The network on one day: how many members, and how many basic needs are met (None: never graded by then)."""

    day: date
    size: int
    needs_met: int | None


def needs_met(assessments: Iterable[NeedAssessment], day: date) -> int | None:
    """How many basic needs are met on ``day`` by their latest grading; None when no need was graded by then."""
    gradings = grade_needs(assessments, on=day)
    if all(g.grade is None for g in gradings.values()):
        return None
    return sum(1 for g in gradings.values() if g.grade in MET)


def outcome_series(scores: Iterable[OutcomeScore]) -> dict[Instrument, tuple[OutcomeScore, ...]]:
    """Per instrument (in code-system order; only those with scores) its counted scores, oldest first."""
    counted = sorted((s for s in scores if s.status not in NOT_COUNTED), key=lambda s: s.date)
    return {i: found for i in Instrument if (found := tuple(s for s in counted if s.instrument is i))}


def series_days(
    scores: Iterable[OutcomeScore],
    members: Iterable[NetworkMember],
    assessments: Iterable[NeedAssessment],
    today: date,
) -> tuple[date, ...]:
    """The days on which something changed or was measured, up to ``today`` (included): scores, needs gradings, and
    members joining or leaving; oldest first, each once."""
    days = {s.date.to_date() for s in scores if s.status not in NOT_COUNTED}
    days |= {a.date.to_date() for a in assessments if a.status not in NOT_COUNTED}
    for member in members:
        if member.period is not None:
            days |= {d.to_date() for d in (member.period.start, member.period.end) if d is not None}
    return tuple(sorted(d for d in days | {today} if d <= today))


def network_over_time(
    members: Iterable[NetworkMember], assessments: Iterable[NeedAssessment], days: Iterable[date]
) -> tuple[NetworkPoint, ...]:
    """The network's size and the needs met on each of ``days``, in the order given."""
    members, assessments = tuple(members), tuple(assessments)
    return tuple(NetworkPoint(day, analyse(members, (), day).size, needs_met(assessments, day)) for day in days)
