"""Understanding entries (verstaan, Observation srh-understanding): the mapping both ways, the rules of the model,
and the kinds with their Dutch and English names."""

from __future__ import annotations

from dataclasses import replace

import pytest
from paths import EXAMPLE_DIR, read_json

from srh_fhir import Understanding, UnderstandingKind, from_fhir, to_fhir, validate
from srh_fhir.errors import MappingError
from srh_fhir.mapping import understanding_from_fhir
from srh_fhir.model import FhirDate, FhirDateTime, Goal, Period
from srh_fhir.terminology import ObservationStatus
from srh_fhir.validation import has_errors

EXAMPLES = sorted(EXAMPLE_DIR.glob("Observation-*-understanding-*.json"))


def entry(**changes: object) -> Understanding:
    base = Understanding(
        patient="Patient/p",
        kind=UnderstandingKind.WHAT_MATTERS,
        words="Dat ik mijn zus weer zie.",
        own_words=True,
        date=FhirDateTime("2026-11-28T10:00:00+01:00"),
        recorded=FhirDateTime("2026-11-28T10:30:00+01:00"),
        recorded_by=("Practitioner/sanne",),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_each_kind_has_examples_for_both_clients() -> None:
    seen = {(str(r["subject"]["reference"]), from_fhir(r).kind) for r in map(read_json, EXAMPLES)}  # type: ignore[union-attr]
    assert seen == {(p, k) for p in ("Patient/ingrid-de-vries", "Patient/mohamed-el-amrani") for k in UnderstandingKind}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_map_both_ways_without_loss(path: object) -> None:
    resource = read_json(path)  # type: ignore[arg-type]
    obj = from_fhir(resource)
    assert isinstance(obj, Understanding)
    assert to_fhir(obj) == resource
    assert from_fhir(to_fhir(obj)) == obj


def test_a_new_entry_is_written_as_a_valid_resource_of_the_profile() -> None:
    written = to_fhir(entry())
    assert not has_errors(validate(written))
    assert written["valueString"] == "Dat ik mijn zus weer zie."
    assert from_fhir(written) == entry()


def test_marked_no_longer_current_it_keeps_its_words_and_is_no_longer_current() -> None:
    ended = replace(entry(), no_longer_current=FhirDate("2026-12-01"))
    written = to_fhir(ended)
    assert not has_errors(validate(written))
    back = from_fhir(written)
    assert isinstance(back, Understanding)
    assert (back.words, back.current, back.no_longer_current) == (entry().words, False, FhirDate("2026-12-01"))
    assert entry().current and not replace(entry(), status=ObservationStatus.ENTERED_IN_ERROR).current


def test_a_life_event_may_be_dated_with_a_period_and_nothing_else_may() -> None:
    period = Period(start=FhirDateTime("2024-07-30"), end=FhirDateTime("2026-01-30"))
    event = entry(kind=UnderstandingKind.LIFE_EVENT, date=None, period=period)
    assert not has_errors(validate(to_fhir(event)))
    with pytest.raises(ValueError, match="only a life event"):
        entry(date=None, period=period)
    with pytest.raises(ValueError, match="one of them"):
        entry(date=None)


def test_an_observation_that_does_not_say_in_whose_words_is_refused() -> None:
    resource = to_fhir(entry())
    del resource["extension"]
    with pytest.raises(MappingError, match="srh-own-words"):
        understanding_from_fhir(resource)


def test_without_the_profile_an_understanding_entry_is_known_by_its_category() -> None:
    resource = to_fhir(entry())
    del resource["meta"]
    assert isinstance(from_fhir(resource), Understanding)


def test_the_kinds_have_dutch_and_english_names() -> None:
    assert [k.label("nl") for k in UnderstandingKind] == [
        "Wat belangrijk is",
        "Kracht",
        "Wat in de weg staat",
        "Levensgebeurtenis",
    ]
    assert UnderstandingKind.BARRIER.label("en") == "What stands in the way"


def test_a_goal_points_at_the_entries_it_answers() -> None:
    goal = from_fhir(read_json(EXAMPLE_DIR / "Goal-ingrid-goal-coffee-with-anja.json"))
    assert isinstance(goal, Goal)
    assert goal.addresses == ("Observation/ingrid-understanding-matters-sister",)
    assert to_fhir(goal)["addresses"] == [{"reference": "Observation/ingrid-understanding-matters-sister"}]
