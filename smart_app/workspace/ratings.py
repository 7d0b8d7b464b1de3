"""The client's rating of the working relationship (verbinden) over time: the points and the trend.

Ratings point at the professional, not at a network member, so they are not in the client's picture: the
repository reads them together with the Patient in one batch of their own (``ClientRepository.ratings``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from srh_fhir.model import RelationshipRating
from srh_fhir.terminology import ObservationStatus

ITEMS = ("presence", "understood", "reliance", "network_involved")
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 480, 200, 32


@dataclass(frozen=True)
class RatingPoint:
    date: str
    overall: int | None
    items: tuple[int | None, ...]
    rated: tuple[str, ...]
    notes: tuple[str, ...]
    x: float = 0.0
    y: float | None = None


@dataclass(frozen=True)
class RatingTrend:
    points: tuple[RatingPoint, ...]
    """Oldest first."""
    change: int | None
    """The overall grade of the latest rating minus the one before (None with fewer than two grades)."""
    polyline: str

    @property
    def direction(self) -> str:
        if self.change is None:
            return "unknown"
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"

    @property
    def latest(self) -> RatingPoint | None:
        return self.points[-1] if self.points else None


def rating_trend(ratings: Iterable[RelationshipRating], names: dict[str, str] | None = None) -> RatingTrend:
    counted = sorted(
        (r for r in ratings if r.status not in (ObservationStatus.ENTERED_IN_ERROR, ObservationStatus.CANCELLED)),
        key=lambda r: r.date,
    )
    names = names or {}
    graded = [r for r in counted if r.overall_grade is not None]
    step = (CHART_WIDTH - 2 * CHART_PAD) / max(len(counted) - 1, 1)
    points = []
    for index, rating in enumerate(counted):
        x = CHART_PAD + step * index if len(counted) > 1 else CHART_WIDTH / 2
        y = None
        if rating.overall_grade is not None:
            y = CHART_HEIGHT - CHART_PAD - (rating.overall_grade - 1) / 9 * (CHART_HEIGHT - 2 * CHART_PAD)
        points.append(
            RatingPoint(
                date=str(rating.date.to_date()),
                overall=rating.overall_grade,
                items=tuple(getattr(rating, item) for item in ITEMS),
                rated=tuple(names.get(r, r) for r in rating.rated),
                notes=rating.notes,
                x=round(x, 1),
                y=round(y, 1) if y is not None else None,
            )
        )
    change = None
    if len(graded) >= 2:
        change = (graded[-1].overall_grade or 0) - (graded[-2].overall_grade or 0)
    polyline = " ".join(f"{p.x},{p.y}" for p in points if p.y is not None)
    return RatingTrend(tuple(points), change, polyline)
