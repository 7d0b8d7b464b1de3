"""Network analysis: needs met and unmet, sizes per sector and ring, reciprocity, change between two days."""

from __future__ import annotations

from datetime import date

import pytest

from srh_fhir.analysis import analyse, compare
from srh_fhir.model import FhirDateTime, NetworkMember, Period, TieAssessment
from srh_fhir.terminology import BasicNeed, Closeness, NetworkSector, ObservationStatus, Reciprocity, Valence

PATIENT = "Patient/p1"


def member(member_id: str, sector: NetworkSector | None = None, **fields: object) -> NetworkMember:
    return NetworkMember(id=member_id, patient=PATIENT, sector=sector, **fields)  # type: ignore[arg-type]


def tie(member_id: str, day: str, *needs: BasicNeed, **fields: object) -> TieAssessment:
    return TieAssessment(
        patient=PATIENT, member=f"RelatedPerson/{member_id}", date=FhirDateTime(day), basic_needs_met=needs,
        **fields,  # type: ignore[arg-type]
    )  # fmt: skip


SISTER = member("sister", NetworkSector.FAMILY)
NEIGHBOUR = member("neighbour", NetworkSector.NEIGHBOURHOOD)
COLLEAGUE = member("colleague", NetworkSector.WORK, active=False, period=Period(end=FhirDateTime("2026-03-31")))
COACH = member("coach", None, period=Period(start=FhirDateTime("2026-05-01")))
MEMBERS = (SISTER, NEIGHBOUR, COLLEAGUE, COACH)
ASSESSMENTS = (
    tie("sister", "2026-01-10", BasicNeed.ATTACHMENT, closeness=Closeness.CLOSE, reciprocity=Reciprocity.MUTUAL),
    tie("sister", "2026-06-01", BasicNeed.ATTACHMENT, BasicNeed.EMOTIONAL_SUPPORT, closeness=Closeness.VERY_CLOSE,
        reciprocity=Reciprocity.MUTUAL),
    tie("sister", "2026-07-01", BasicNeed.BELONGING, status=ObservationStatus.ENTERED_IN_ERROR),
    tie("neighbour", "2026-02-01", closeness=Closeness.DISTANT,
        reciprocity=Reciprocity.MEMBER_GIVES, valence=Valence.STRAINING),
    tie("colleague", "2026-02-15", BasicNeed.RECOGNITION, BasicNeed.BELONGING, closeness=Closeness.CLOSE,
        reciprocity=Reciprocity.CLIENT_GIVES),
    tie("coach", "2026-05-10", BasicNeed.RECOGNITION, reciprocity=Reciprocity.MEMBER_GIVES),
)  # fmt: skip


def test_needs_met_take_the_latest_counted_assessment_of_each_current_member() -> None:
    picture = analyse(MEMBERS, ASSESSMENTS, on=date(2026, 8, 1))

    assert [m.id for m in picture.members] == ["coach", "neighbour", "sister"]  # by name (here: the id)
    assert picture.needs_met_by[BasicNeed.ATTACHMENT] == ("RelatedPerson/sister",)
    assert picture.needs_met_by[BasicNeed.EMOTIONAL_SUPPORT] == ("RelatedPerson/sister",)
    assert picture.needs_met_by[BasicNeed.RECOGNITION] == ("RelatedPerson/coach",)
    # Belonging came from the colleague (left in March) and from an assessment entered in error.
    assert picture.unmet_needs == (BasicNeed.BELONGING, BasicNeed.CARE_EXCHANGE)
    assert picture.weak


def test_a_day_before_later_assessments_and_before_a_tie_ended() -> None:
    picture = analyse(MEMBERS, ASSESSMENTS, on=date(2026, 3, 1))

    assert [m.id for m in picture.members] == ["colleague", "neighbour", "sister"]
    assert picture.latest["RelatedPerson/sister"].date == FhirDateTime("2026-01-10")
    assert picture.needs_met_by[BasicNeed.EMOTIONAL_SUPPORT] == ()
    assert picture.needs_met_by[BasicNeed.BELONGING] == ("RelatedPerson/colleague",)


def test_sizes_per_sector_and_ring_count_unassessed_members_apart() -> None:
    picture = analyse(MEMBERS, ASSESSMENTS, on=date(2026, 8, 1))

    assert picture.size == 3
    assert picture.by_sector == {NetworkSector.FAMILY: 1, NetworkSector.NEIGHBOURHOOD: 1, None: 1}
    assert picture.by_ring == {1: 1, 3: 1, None: 1}


def test_reciprocity_balance_and_straining_ties() -> None:
    picture = analyse(MEMBERS, ASSESSMENTS, on=date(2026, 8, 1))

    balance = picture.reciprocity
    assert (balance.client_receives, balance.client_gives, balance.mutual) == (2, 0, 1)
    assert balance.balance == pytest.approx(-2 / 3)
    assert picture.straining == ("RelatedPerson/neighbour",)


def test_a_network_meeting_every_need_is_not_weak() -> None:
    everything = tie("sister", "2026-01-01", *BasicNeed)

    picture = analyse([SISTER], [everything], on=date(2026, 1, 2))

    assert picture.unmet_needs == ()
    assert not picture.weak
    assert picture.reciprocity.balance is None


def test_change_between_two_days() -> None:
    change = compare(MEMBERS, ASSESSMENTS, before=date(2026, 3, 1), after=date(2026, 8, 1))

    assert change.joined == ("RelatedPerson/coach",)
    assert change.left == ("RelatedPerson/colleague",)
    assert [c.member for c in change.changed] == ["RelatedPerson/sister"]
    sister = change.changed[0]
    assert sister.closeness == (Closeness.CLOSE, Closeness.VERY_CLOSE)
    assert sister.needs_gained == (BasicNeed.EMOTIONAL_SUPPORT,)
    assert sister.needs_lost == ()
    assert change.needs_now_met == (BasicNeed.EMOTIONAL_SUPPORT,)
    assert change.needs_now_unmet == (BasicNeed.BELONGING,)


def test_results_do_not_depend_on_the_order_of_the_resources() -> None:
    forwards = analyse(MEMBERS, ASSESSMENTS, on=date(2026, 8, 1))
    backwards = analyse(MEMBERS[::-1], ASSESSMENTS[::-1], on=date(2026, 8, 1))

    assert backwards == forwards


def test_compare_refuses_days_in_the_wrong_order() -> None:
    with pytest.raises(ValueError, match="comes before"):
        compare(MEMBERS, ASSESSMENTS, before=date(2026, 8, 1), after=date(2026, 3, 1))


def test_a_member_without_id_cannot_be_analysed() -> None:
    with pytest.raises(ValueError, match="no id"):
        analyse([NetworkMember(patient=PATIENT)], [], on=date(2026, 1, 1))


def test_a_tie_recorded_as_ended_on_a_day_is_no_longer_current_that_day() -> None:
    """"Ended today" takes the member off today's map; the day before they are still there."""
    assert "colleague" in [m.id for m in analyse(MEMBERS, ASSESSMENTS, on=date(2026, 3, 30)).members]
    assert "colleague" not in [m.id for m in analyse(MEMBERS, ASSESSMENTS, on=date(2026, 3, 31)).members]
    # An active tie whose period runs until a day is still current on that day.
    until = member("cousin", NetworkSector.FAMILY, period=Period(end=FhirDateTime("2026-03-31")))
    assert [m.id for m in analyse((until,), (), on=date(2026, 3, 31)).members] == ["cousin"]
