"""Outcome scores: the model and the mapping both ways (range per instrument, srh-out-1), and the series beside the
network's size and the number of basic needs met (property tests)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import EXAMPLE_DIR, read_json

from srh_fhir import (
    FhirDateTime,
    Instrument,
    MappingError,
    NeedAssessment,
    NeedGrade,
    NetworkMember,
    OutcomeScore,
    Period,
    from_fhir,
    to_fhir,
)
from srh_fhir.outcomes import needs_met, network_over_time, outcome_series, series_days
from srh_fhir.terminology import BasicNeed, NeedFulfilment, ObservationStatus

EXAMPLES = [
    "Observation-ingrid-outcome-djg6-2026-03-02.json",
    "Observation-ingrid-outcome-djg6-2026-09-14.json",
    "Observation-mohamed-outcome-ucla3-2026-03-05.json",
    "Observation-mohamed-outcome-who5-2026-09-24.json",
]


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = read_json(EXAMPLE_DIR / name)
    return data


def day_text(day: date) -> FhirDateTime:
    return FhirDateTime(day.isoformat())


def score(instrument: Instrument, value: int, day: date, **changes: Any) -> OutcomeScore:
    return OutcomeScore(patient="Patient/p", instrument=instrument, score=value, date=day_text(day), **changes)


def member(start: date, end: date | None = None, number: int = 0) -> NetworkMember:
    period = Period(start=day_text(start), end=day_text(end) if end else None)
    return NetworkMember(id=f"m{number}-{start}", patient="Patient/p", period=period, active=end is None)


def grading(day: date, *grades: NeedFulfilment) -> NeedAssessment:
    made = tuple(NeedGrade(need=need, grade=grade) for need, grade in zip(BasicNeed, grades, strict=False))
    return NeedAssessment(patient="Patient/p", date=day_text(day), grades=made)


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_examples_map_both_ways_without_loss(name: str) -> None:
    resource = example(name)
    made = from_fhir(resource)
    assert isinstance(made, OutcomeScore) and to_fhir(made) == resource


def test_a_score_outside_its_instruments_range_is_refused() -> None:
    with pytest.raises(ValueError, match="ucla-3 is scored 3 to 9"):
        score(Instrument.UCLA_3, 2, date(2026, 1, 1))
    resource = example(EXAMPLES[0]) | {"valueInteger": 7}
    with pytest.raises(MappingError, match="srh-out-1"):
        from_fhir(resource)


def test_only_the_instruments_identity_and_the_score_are_written() -> None:
    written = to_fhir(score(Instrument.WHO_5, 14, date(2026, 9, 24), performers=("Patient/p",)))
    assert set(written) == {
        "resourceType",
        "meta",
        "status",
        "category",
        "code",
        "subject",
        "effectiveDateTime",
        "performer",
        "valueInteger",
    }
    assert written["code"] == {"coding": [{"system": Instrument.system, "code": "who-5"}]}


def test_the_series_per_instrument_oldest_first_without_scores_in_error() -> None:
    scores = [
        score(Instrument.DJG_6, 3, date(2026, 9, 14)),
        score(Instrument.DJG_6, 5, date(2026, 3, 2)),
        score(Instrument.DJG_6, 6, date(2026, 4, 1), status=ObservationStatus.ENTERED_IN_ERROR),
        score(Instrument.WHO_5, 14, date(2026, 9, 24)),
    ]
    series = outcome_series(scores)
    assert list(series) == [Instrument.DJG_6, Instrument.WHO_5]
    assert [s.score for s in series[Instrument.DJG_6]] == [5, 3]


def test_the_network_and_the_needs_met_on_each_day() -> None:
    members = [member(date(2026, 1, 1)), member(date(2026, 5, 1)), member(date(2026, 1, 1), date(2026, 6, 1), 1)]
    gradings = [
        grading(date(2026, 3, 1), NeedFulfilment.PARTLY, NeedFulfilment.FULLY),
        grading(date(2026, 9, 1), NeedFulfilment.MOSTLY, NeedFulfilment.FULLY, NeedFulfilment.MOSTLY),
    ]
    days = series_days([score(Instrument.DJG_6, 5, date(2026, 3, 2))], members, gradings, date(2026, 10, 1))
    assert days == (
        date(2026, 1, 1),
        date(2026, 3, 1),
        date(2026, 3, 2),
        date(2026, 5, 1),
        date(2026, 6, 1),
        date(2026, 9, 1),
        date(2026, 10, 1),
    )
    points = network_over_time(members, gradings, days)
    assert [p.size for p in points] == [2, 2, 2, 3, 2, 2, 2]
    assert [p.needs_met for p in points] == [None, 1, 1, 1, 1, 3, 3]


grades = st.lists(st.sampled_from(list(NeedFulfilment)), min_size=1, max_size=len(BasicNeed))
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 1, 1))


@given(st.lists(st.tuples(days, grades), max_size=6), days)
def test_the_needs_met_are_at_most_the_basic_needs_and_follow_the_latest_grading(
    found: list[tuple[date, list[NeedFulfilment]]], on: date
) -> None:
    gradings = [grading(day, *g) for day, g in found]
    met = needs_met(gradings, on)
    graded = [a for a in gradings if a.date.to_date() <= on]
    assert (met is None) == (not graded)
    assert met is None or 0 <= met <= len(BasicNeed)


@given(st.lists(st.tuples(days, st.one_of(st.none(), st.integers(0, 400))), max_size=12), days)
def test_the_size_counts_the_members_whose_tie_covers_the_day(spans: list[tuple[date, int | None]], on: date) -> None:
    members = [
        member(start, start + timedelta(days=length) if length is not None else None, number)
        for number, (start, length) in enumerate(spans)
    ]
    (point,) = network_over_time(members, (), [on])
    expected = sum(
        1 for start, length in spans if start <= on and (length is None or on < start + timedelta(days=length))
    )
    assert point.size == expected and point.needs_met is None


@given(st.lists(days, max_size=8), days)
def test_the_series_days_are_ordered_unique_and_end_today(measured: list[date], today: date) -> None:
    scores = [score(Instrument.DJG_11, 4, d) for d in measured]
    found = series_days(scores, (), (), today)
    assert list(found) == sorted(set(found)) and found[-1] == today and all(d <= today for d in found)
