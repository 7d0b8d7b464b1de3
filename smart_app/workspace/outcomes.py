"""Outcome over time as the ``outcomes`` page shows it: per instrument its scores on a time axis shared with the
network's size and the number of basic needs met, so a team sees whether versterken works; and the same as a table.
Pure: no Flask."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from srh_fhir.model import OutcomeScore
from srh_fhir.outcomes import NetworkPoint
from srh_fhir.terminology import BasicNeed, Instrument

WIDTH, LEFT, RIGHT = 720, 44, 16
CHART_TOP, CHART_BOTTOM = 16, 116


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: date
    value: int


@dataclass(frozen=True)
class Line:
    """One series on the shared time axis, scaled between ``low`` and ``high``."""

    key: str
    label: str
    low: int
    high: int
    points: tuple[Point, ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(frozen=True)
class InstrumentTrend:
    instrument: Instrument
    line: Line
    change: int | None
    """The latest score minus the first (None with one score)."""
    better: bool | None
    """Whether the change is for the better (higher is better for well-being, worse for loneliness)."""


@dataclass(frozen=True)
class Row:
    day: date
    size: int
    needs_met: int | None
    scores: tuple[int | None, ...]
    """Per instrument of ``OutcomesView.trends``, the score measured on the day."""


@dataclass(frozen=True)
class OutcomesView:
    trends: tuple[InstrumentTrend, ...]
    size: Line
    needs: Line
    rows: tuple[Row, ...]
    ticks: tuple[tuple[float, str], ...]

    @property
    def empty(self) -> bool:
        return not self.trends


def outcomes_view(
    series: Mapping[Instrument, tuple[OutcomeScore, ...]],
    network: Iterable[NetworkPoint],
    labels: Mapping[Instrument, str],
    size_label: str,
    needs_label: str,
) -> OutcomesView:
    """The view of the scores per instrument beside the network (``network``: one point per day, oldest first)."""
    points = tuple(network)
    days = [p.day for p in points] + [s.date.to_date() for found in series.values() for s in found]
    start, end = min(days, default=date.today()), max(days, default=date.today())
    span = max((end - start).days, 1)

    def x(day: date) -> float:
        return round(LEFT + (day - start).days / span * (WIDTH - LEFT - RIGHT), 1)

    def line(key: str, label: str, low: int, high: int, values: Iterable[tuple[date, int]]) -> Line:
        scale = (CHART_BOTTOM - CHART_TOP) / max(high - low, 1)
        made = tuple(Point(x(d), round(CHART_BOTTOM - (v - low) * scale, 1), d, v) for d, v in values)
        return Line(key, label, low, high, made)

    trends = []
    for instrument, found in series.items():
        low, high = instrument.score_range
        drawn = line(instrument.value, labels[instrument], low, high, ((s.date.to_date(), s.score) for s in found))
        change = found[-1].score - found[0].score if len(found) > 1 else None
        better = None if not change else (change > 0) == instrument.higher_is_better
        trends.append(InstrumentTrend(instrument, drawn, change, better))
    largest = max((p.size for p in points), default=0)
    size = line("size", size_label, 0, max(largest, 1), ((p.day, p.size) for p in points))
    needs = line(
        "needs", needs_label, 0, len(BasicNeed), ((p.day, p.needs_met) for p in points if p.needs_met is not None)
    )
    measured = {(i, s.date.to_date()): s.score for i, found in series.items() for s in found}
    rows = tuple(
        Row(p.day, p.size, p.needs_met, tuple(measured.get((t.instrument, p.day)) for t in trends)) for p in points
    )
    ticks = tuple((x(d), f"{d.month:02d}-{d.year}") for d in _month_starts(start, end))
    return OutcomesView(tuple(trends), size, needs, rows, ticks)


def _month_starts(start: date, end: date) -> list[date]:
    """The first day of every third month between ``start`` and ``end``."""
    found, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        day = date(year, month, 1)
        if day >= start and (month - 1) % 3 == 0:
            found.append(day)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
