"""Contact moments and reflections: the model, the mapping both ways (any Encounter of the client is a contact
moment), and the gaps in contact (property tests)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import EXAMPLE_DIR, read_json

from srh_fhir import (
    ContactKind,
    ContactMoment,
    EncounterStatus,
    FhirDateTime,
    MappingError,
    Period,
    RelationshipReflection,
    from_fhir,
    to_fhir,
)
from srh_fhir.contact import DEFAULT_GAP_FLOOR_DAYS, ContactGap, contact_days, contact_gaps

TODAY = date(2026, 12, 1)


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = read_json(EXAMPLE_DIR / name)
    return data


def moment(day: date, status: EncounterStatus = EncounterStatus.FINISHED) -> ContactMoment:
    return ContactMoment(patient="Patient/p", start=FhirDateTime(day.isoformat()), status=status)


@pytest.mark.parametrize(
    "name",
    [
        "Encounter-ingrid-contact-2026-04-07.json",
        "Encounter-mohamed-contact-2026-04-02.json",
        "Encounter-ingrid-encounter-2026-03-24.json",
        "Observation-ingrid-reflection-2026-h1.json",
        "Observation-mohamed-reflection-2026-q1.json",
    ],
)
def test_the_examples_map_both_ways_without_loss(name: str) -> None:
    resource = example(name)
    assert to_fhir(from_fhir(resource)) == resource


def ehr_encounter() -> dict[str, Any]:
    """An Encounter as an EHR makes it: no profile of ours, its own type."""
    resource = example("Encounter-ingrid-encounter-2026-03-24.json")
    del resource["meta"]
    resource["type"] = [{"text": "Huisbezoek wijkteam"}]
    return resource


def test_an_ehr_encounter_maps_both_ways_without_loss() -> None:
    assert to_fhir(from_fhir(ehr_encounter())) == ehr_encounter()


def test_a_contact_moment_of_ours_has_its_kind_and_an_ehr_encounter_its_label() -> None:
    ours = from_fhir(example("Encounter-mohamed-contact-2026-04-02.json"))
    theirs = from_fhir(ehr_encounter())
    assert isinstance(ours, ContactMoment) and isinstance(theirs, ContactMoment)
    assert (ours.kind, ours.contact_class, ours.label) == (ContactKind.HOME_VISIT, "HH", None)
    assert (theirs.kind, theirs.label, theirs.contact_class) == (None, "Huisbezoek wijkteam", "HH")
    assert theirs.professionals == ("Practitioner/practitioner-sanne-bakker",)


def test_a_new_contact_moment_is_written_with_our_profile_and_the_class_of_its_kind() -> None:
    written = to_fhir(
        ContactMoment(patient="Patient/p", start=FhirDateTime("2026-05-01T10:00:00+02:00"), kind=ContactKind.VIDEO)
    )
    assert written["meta"]["profile"] == [ContactMoment.profile]
    assert written["class"]["code"] == "VR"
    assert written["type"][0]["coding"][0]["code"] == "video"


def test_an_encounter_without_a_start_is_no_contact_moment() -> None:
    resource = ehr_encounter()
    del resource["period"]
    with pytest.raises(MappingError, match=r"Encounter\.period"):
        from_fhir(resource)


def test_a_reflection_covers_a_period_with_both_ends() -> None:
    with pytest.raises(ValueError, match="srh-rfl-1"):
        RelationshipReflection(patient="Patient/p", period=Period(start=FhirDateTime("2026-01-01")), words="x")
    resource = example("Observation-ingrid-reflection-2026-h1.json")
    del resource["effectivePeriod"]["end"]
    with pytest.raises(MappingError, match="srh-rfl-1"):
        from_fhir(resource)


def test_the_professional_rating_is_told_apart_from_the_clients() -> None:
    professional = from_fhir(example("Observation-ingrid-professional-rating-2026-03-24.json"))
    client = from_fhir(example("Observation-ingrid-rating-2026-03-24.json"))
    assert getattr(professional, "by_professional", None) is True
    assert getattr(client, "by_professional", None) is False


def test_a_long_stretch_without_contact_is_a_gap_and_so_is_the_time_since_the_last_contact() -> None:
    days = [date(2026, 1, 5), date(2026, 1, 19), date(2026, 4, 1), date(2026, 11, 20)]
    found = contact_gaps([moment(d) for d in days], TODAY)
    assert (found.usual_interval, found.threshold) == (72.0, 2 * DEFAULT_GAP_FLOOR_DAYS)
    assert found.gaps == (
        ContactGap(date(2026, 1, 19), date(2026, 4, 1)),
        ContactGap(date(2026, 4, 1), date(2026, 11, 20)),
    )
    assert found.open_gap is None
    assert contact_gaps([moment(d) for d in days], date(2027, 2, 1)).open_gap == ContactGap(
        date(2026, 11, 20), date(2027, 2, 1), open=True
    )


def test_a_client_seen_monthly_is_not_flagged_every_month() -> None:
    days = [date(2026, 1, 1) + timedelta(days=35 * i) for i in range(6)]
    found = contact_gaps([moment(d) for d in days], days[-1])
    assert (found.usual_interval, found.threshold, found.gaps) == (35.0, 56, ())


def test_planned_and_cancelled_contacts_do_not_count() -> None:
    moments = [moment(date(2026, 1, 1)), moment(date(2026, 1, 20), EncounterStatus.CANCELLED)]
    moments.append(moment(date(2026, 1, 25), EncounterStatus.PLANNED))
    assert contact_days(moments) == (date(2026, 1, 1),)


def test_the_floor_is_at_least_a_day() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        contact_gaps([], TODAY, floor_days=0)


contact_dates = st.lists(st.dates(min_value=date(2024, 1, 1), max_value=TODAY), max_size=25)
floors = st.integers(min_value=1, max_value=120)


@given(contact_dates, floors)
def test_every_gap_is_longer_than_the_threshold_and_holds_no_contact(days: list[date], floor: int) -> None:
    found = contact_gaps([moment(d) for d in days], TODAY, floor)
    assert floor <= found.threshold <= 2 * floor
    for gap in found.gaps:
        assert gap.days > found.threshold
        assert not any(gap.start < d < gap.end for d in days)
        assert gap.start in days and (gap.open or gap.end in days)


@given(contact_dates, floors)
def test_gaps_are_in_order_and_only_the_last_is_open(days: list[date], floor: int) -> None:
    gaps = contact_gaps([moment(d) for d in days], TODAY, floor).gaps
    assert all(a.end <= b.start for a, b in itertools.pairwise(gaps))
    assert not any(g.open for g in gaps[:-1])


@given(st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 6, 1)), st.lists(st.integers(1, 28), max_size=20))
def test_contact_at_least_every_four_weeks_up_to_today_has_no_gaps(first: date, steps: list[int]) -> None:
    days = [first]
    for step in steps:
        days.append(days[-1] + timedelta(days=step))
    assert contact_gaps([moment(d) for d in days], days[-1]).gaps == ()


@given(contact_dates, st.dates(min_value=date(2024, 1, 1), max_value=TODAY))
def test_a_cancelled_contact_changes_nothing(days: list[date], cancelled: date) -> None:
    moments = [moment(d) for d in days]
    with_cancelled = [*moments, moment(cancelled, EncounterStatus.CANCELLED)]
    assert contact_gaps(with_cancelled, TODAY) == contact_gaps(moments, TODAY)
