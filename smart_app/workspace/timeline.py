"""The working relationship in one chronological view (verbinden): contact moments and the gaps between them, the
client's and the professional's ratings, and the professional's reflections per period, placed on one time axis for
a server-side SVG, and the same as a list of events, oldest first. Pure: no Flask.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from srh_fhir.contact import ContactGaps
from srh_fhir.model import ContactMoment, RelationshipRating, RelationshipReflection
from srh_fhir.terminology import ContactKind, ObservationStatus

WIDTH, HEIGHT = 720, 270
LEFT, RIGHT = 44, 16
GRADE_TOP, GRADE_BOTTOM = 20, 150
CONTACT_Y, REFLECTION_Y = 182, 212
AXIS_Y = 236
NOT_COUNTED = (ObservationStatus.ENTERED_IN_ERROR, ObservationStatus.CANCELLED)


@dataclass(frozen=True)
class Mark:
    """A point on the time axis (``x``) with what it shows."""

    x: float
    day: date
    label: str = ""
    y: float = 0.0


@dataclass(frozen=True)
class Span:
    """A stretch of time on the axis: from ``x`` over ``width``."""

    x: float
    width: float
    start: date
    end: date
    label: str = ""
    open: bool = False


@dataclass(frozen=True)
class Event:
    """One row of the chronological list: what happened on a day."""

    day: date
    kind: str
    """contact, gap, client-rating, professional-rating or reflection"""
    grade: int | None = None
    text: str = ""
    until: date | None = None
    by: str = ""


@dataclass(frozen=True)
class Timeline:
    start: date
    end: date
    contacts: tuple[Mark, ...]
    gaps: tuple[Span, ...]
    client: tuple[Mark, ...]
    professional: tuple[Mark, ...]
    reflections: tuple[Span, ...]
    ticks: tuple[Mark, ...]
    events: tuple[Event, ...]

    @property
    def client_line(self) -> str:
        return " ".join(f"{m.x},{m.y}" for m in self.client)

    @property
    def professional_line(self) -> str:
        return " ".join(f"{m.x},{m.y}" for m in self.professional)

    @property
    def empty(self) -> bool:
        return not self.events


def timeline(
    contacts: Iterable[ContactMoment],
    gaps: ContactGaps,
    ratings: Iterable[RelationshipRating],
    reflections: Iterable[RelationshipReflection],
    today: date,
    kind_labels: Mapping[ContactKind, str],
    names: Mapping[str, str] | None = None,
) -> Timeline:
    """The timeline from the first thing recorded up to today (contacts that did not take place are left out)."""
    names = names or {}
    held = sorted((c for c in contacts if c.took_place), key=lambda c: c.start)
    counted = sorted((r for r in ratings if r.status not in NOT_COUNTED), key=lambda r: r.date)
    kept = sorted((r for r in reflections if r.status not in NOT_COUNTED), key=lambda r: r.bounds)
    days = [c.start.to_date() for c in held] + [r.date.to_date() for r in counted]
    days += [d.to_date() for r in kept for d in r.bounds]
    start = min(days, default=today)
    end = max([today, *days])
    scale = _Scale(start, end)

    def label(c: ContactMoment) -> str:
        return kind_labels[c.kind] if c.kind is not None else (c.label or "")

    def by(references: tuple[str, ...]) -> str:
        return ", ".join(names.get(r, "") for r in references if names.get(r))

    contact_marks = tuple(Mark(scale.x(c.start.to_date()), c.start.to_date(), label(c), CONTACT_Y) for c in held)
    gap_spans = tuple(
        Span(scale.x(g.start), scale.x(g.end) - scale.x(g.start), g.start, g.end, str(g.days), g.open)
        for g in gaps.gaps
    )
    graded = [r for r in counted if r.overall_grade is not None]
    client = tuple(_grade_mark(scale, r) for r in graded if not r.by_professional)
    professional = tuple(_grade_mark(scale, r) for r in graded if r.by_professional)
    periods = [(r, r.bounds[0].to_date(), r.bounds[1].to_date()) for r in kept]
    reflection_spans = tuple(Span(scale.x(s), max(scale.x(e) - scale.x(s), 2.0), s, e) for _, s, e in periods)
    events = [Event(c.start.to_date(), "contact", text=label(c), by=by(c.professionals)) for c in held]
    events += [Event(g.start, "gap", text=str(g.days), until=g.end if not g.open else None) for g in gaps.gaps]
    events += [
        Event(
            r.date.to_date(),
            "professional-rating" if r.by_professional else "client-rating",
            grade=r.overall_grade,
            text=" ".join(r.notes),
            by=by(r.performers) if r.by_professional else "",
        )
        for r in counted
    ]
    events += [Event(s, "reflection", text=r.words, until=e, by=by(r.recorded_by)) for r, s, e in periods]
    events.sort(key=lambda e: (e.day, _ORDER[e.kind]))
    return Timeline(
        start, end, contact_marks, gap_spans, client, professional, reflection_spans, scale.ticks(), tuple(events)
    )


_ORDER = {"reflection": 0, "contact": 1, "client-rating": 2, "professional-rating": 3, "gap": 4}


def _grade_mark(scale: _Scale, rating: RelationshipRating) -> Mark:
    grade = rating.overall_grade or 1
    y = GRADE_BOTTOM - (grade - 1) / 9 * (GRADE_BOTTOM - GRADE_TOP)
    return Mark(scale.x(rating.date.to_date()), rating.date.to_date(), str(grade), round(y, 1))


class _Scale:
    """Days to x: ``start`` at the left edge of the plot, ``end`` at the right."""

    def __init__(self, start: date, end: date) -> None:
        self.start, self.end = start, end
        self.days = max((end - start).days, 1)

    def x(self, day: date) -> float:
        return round(LEFT + (day - self.start).days / self.days * (WIDTH - LEFT - RIGHT), 1)

    def ticks(self) -> tuple[Mark, ...]:
        """The first day of each month (of every third month over more than a year), labelled MM-YYYY."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        step = 1 if months <= 12 else 3 if months <= 36 else 12
        found = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            day = date(year, month, 1)
            if day >= self.start and (month - 1) % step == 0:
                found.append(Mark(self.x(day), day, f"{month:02d}-{year}", AXIS_Y))
            month += 1
            if month > 12:
                year, month = year + 1, 1
        return tuple(found)


