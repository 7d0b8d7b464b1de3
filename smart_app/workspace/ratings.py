"""The client's rating of the working relationship (verbinden) over time: the points and the trend.

Ratings point at the professional, not at a network member, so they are not in the client's picture: they are read
together with the Patient in one batch of their own (``load_ratings``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from srh_fhir import bundle as bundles
from srh_fhir.client import FHIRClient
from srh_fhir.errors import FHIRHTTPError, MappingError, ResourceNotFound
from srh_fhir.mapping import from_fhir
from srh_fhir.model import RelationshipRating
from srh_fhir.repository import OBSERVATION_CODE_SYSTEM
from srh_fhir.terminology import ObservationStatus

RATING_CODE = "relationship-rating"
ITEMS = ("presence", "understood", "reliance", "network_involved")
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 480, 200, 32


@dataclass(frozen=True)
class RatingHistory:
    patient: dict[str, Any]
    ratings: tuple[RelationshipRating, ...]


def load_ratings(client: FHIRClient, patient_id: str) -> RatingHistory:
    """The Patient and their relationship ratings in one batch (one round trip; later pages are followed)."""
    reference = f"Patient/{patient_id}"
    search = f"Observation?subject={reference}&code={OBSERVATION_CODE_SYSTEM}|{RATING_CODE}&_count=200"
    response = client.batch([bundles.entry_for_read(reference), bundles.entry_for_read(search)])
    answers = list(bundles.entry_statuses(response))
    if len(answers) != 2 or answers[0][0] != 200 or "resource" not in answers[0][1]:
        raise ResourceNotFound(answers[0][0] if answers else 404, None, f"{reference} could not be read")
    status, entry = answers[1]
    if status != 200 or "resource" not in entry:
        raise FHIRHTTPError(status, entry.get("response", {}).get("outcome"), "the search for ratings failed")
    ratings = []
    for page in client.pages(entry["resource"]):
        for resource in bundles.resources(page, mode="match"):
            try:
                rating = from_fhir(resource)
            except MappingError:
                continue  # an observation with this code that is not ours: not shown
            if isinstance(rating, RelationshipRating):
                ratings.append(rating)
    return RatingHistory(dict(answers[0][1]["resource"]), tuple(ratings))


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
