"""The domain model: immutable objects, lossless FHIR dates that sort by moment, small helpers."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from srh_fhir.model import (
    Activity,
    CodeableConcept,
    Coding,
    ConsentActor,
    FhirDate,
    FhirDateTime,
    HumanName,
    InvolvementConsent,
    NetworkMember,
    Participant,
    Period,
    RelationshipRating,
    SocialSystem,
    SupportPlan,
    TieAssessment,
    reference_to,
    split_reference,
)
from srh_fhir.terminology import (
    CarePlanActivityStatus,
    Closeness,
    ConsentProvisionType,
    ConsentState,
    CoreAction,
    RequestStatus,
    TeamRole,
)

PATIENT = "Patient/ingrid"


def test_domain_objects_are_immutable_and_hashable() -> None:
    member = NetworkMember(id="anja", patient=PATIENT)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'active'"):
        member.active = False  # type: ignore[misc]
    changed = dataclasses.replace(member, active=False)
    assert (member.active, changed.active) == (True, False)
    assert len({member, dataclasses.replace(member), changed}) == 2


def test_reference_of_a_resource() -> None:
    assert NetworkMember(id="anja", patient=PATIENT).reference == "RelatedPerson/anja"
    assert TieAssessment.resource_type == "Observation"
    with pytest.raises(ValueError, match="no id"):
        _ = NetworkMember(patient=PATIENT).reference


@pytest.mark.parametrize(
    ("reference", "parts"),
    [
        ("RelatedPerson/anja", ("RelatedPerson", "anja")),
        ("https://ehr.example/fhir/Patient/p-1", ("Patient", "p-1")),
        ("Patient/p-1/_history/3", ("Patient", "p-1")),
    ],
)
def test_split_reference(reference: str, parts: tuple[str, str]) -> None:
    assert split_reference(reference) == parts
    assert reference_to(*parts).endswith("/".join(parts))


def test_split_reference_rejects_a_bare_type() -> None:
    with pytest.raises(ValueError, match="Type/id"):
        split_reference("Patient")


def test_date_time_keeps_its_text() -> None:
    for text in ("2026", "2026-03", "2026-03-24", "2026-03-24T10:45:00+01:00", "2026-03-24T10:45:00.1234567Z"):
        assert FhirDateTime(text).text == text == str(FhirDateTime(text))
    assert FhirDateTime("2026-03-24T10:45:00+01:00") != FhirDateTime("2026-03-24T09:45:00Z")


def test_date_times_sort_by_moment() -> None:
    texts = ["2026-03-24T10:45:00+01:00", "2026-03", "2026-03-24T09:00:00Z", "2026-03-24", "2025"]
    ordered = [d.text for d in sorted(FhirDateTime(t) for t in texts)]
    assert ordered == ["2025", "2026-03", "2026-03-24", "2026-03-24T09:00:00Z", "2026-03-24T10:45:00+01:00"]
    assert FhirDateTime("2026-03-24T10:45:00+01:00") < FhirDateTime("2026-03-24T10:00:00Z")
    assert FhirDateTime("2026-03-24T09:45:00Z") <= FhirDateTime("2026-03-24T10:45:00+01:00")


def test_date_time_parts() -> None:
    value = FhirDateTime("2026-03-24T23:30:00-02:00")
    assert value.precision == "second"
    assert value.to_date() == date(2026, 3, 24)
    assert value.to_datetime() == datetime(2026, 3, 25, 1, 30, tzinfo=UTC)
    assert value.to_datetime().utcoffset() == timedelta(hours=-2)
    assert FhirDateTime("2026-03").precision == "month"
    assert FhirDateTime("2026-03").to_date() == date(2026, 3, 1)


def test_date_time_from_python_values() -> None:
    assert FhirDateTime.of(date(2026, 3, 2)).text == "2026-03-02"
    assert FhirDateTime.of(datetime(2026, 3, 2, 9, 30, tzinfo=UTC)).text == "2026-03-02T09:30:00Z"
    plus_one = timezone(timedelta(hours=1))
    assert FhirDateTime.of(datetime(2026, 3, 2, 9, 30, tzinfo=plus_one)).text == "2026-03-02T09:30:00+01:00"
    with pytest.raises(ValueError, match="time zone"):
        FhirDateTime.of(datetime(2026, 3, 2, 9, 30))


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "2026-03-24T10:45:00", "24-03-2026", "", "2026-3-4"])
def test_bad_date_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a valid FHIR dateTime"):
        FhirDateTime(text)


def test_a_date_has_no_time() -> None:
    assert FhirDate("2026-03-02").text == "2026-03-02"
    with pytest.raises(ValueError, match="not a valid FHIR date"):
        FhirDate("2026-03-02T10:00:00Z")


def test_period_covers() -> None:
    period = Period(start=FhirDateTime("2026-03-16"), end=FhirDateTime("2027-03-15"))
    assert period.covers(date(2026, 3, 16)) and period.covers(date(2027, 3, 15))
    assert not period.covers(date(2026, 3, 15)) and not period.covers(date(2027, 3, 16))
    assert Period(start=FhirDateTime("2026-03-16")).covers(date(2040, 1, 1))


def test_network_member_helpers() -> None:
    sister = CodeableConcept(
        codings=(Coding(system="http://terminology.hl7.org/CodeSystem/v3-RoleCode", code="SIS"),), text="zus"
    )
    member = NetworkMember(patient=PATIENT, relationships=(sister,), names=(HumanName(given=("Anja",), family="Bos"),))
    assert member.display_name == "Anja Bos"
    assert member.role_codes == ("SIS",)
    assert NetworkMember(patient=PATIENT, relationships=(sister,)).display_name == "zus"


def test_plan_activities_per_core_action() -> None:
    walk = Activity(core_action=CoreAction.STRENGTHEN, status=CarePlanActivityStatus.IN_PROGRESS, description="wandel")
    visit = Activity(core_action=CoreAction.CONNECT, status=CarePlanActivityStatus.SCHEDULED)
    plan = SupportPlan(status=RequestStatus.ACTIVE, patient=PATIENT, activities=(walk, visit))
    assert plan.activities_for(CoreAction.STRENGTHEN) == (walk,)
    assert plan.activities_for(CoreAction.SECURE) == ()


def test_an_activity_has_one_schedule() -> None:
    with pytest.raises(ValueError, match="not both"):
        Activity(
            core_action=CoreAction.CONNECT,
            status=CarePlanActivityStatus.SCHEDULED,
            scheduled_period=Period(start=FhirDateTime("2026-01-01")),
            scheduled_text="elke week",
        )


def test_social_system_members_with_role() -> None:
    system = SocialSystem(
        patient=PATIENT,
        participants=(
            Participant(member="RelatedPerson/anja", roles=(TeamRole.KEY_FIGURE, TeamRole.NETWORK_MEMBER)),
            Participant(member="Practitioner/sanne", roles=(TeamRole.PRIMARY_PROFESSIONAL,)),
        ),
    )
    assert system.members_with_role(TeamRole.NETWORK_MEMBER) == ("RelatedPerson/anja",)
    assert system.members_with_role(TeamRole.VOLUNTEER) == ()


def test_consent_members() -> None:
    consent = InvolvementConsent(
        status=ConsentState.ACTIVE,
        patient=PATIENT,
        date=FhirDateTime("2026-03-16"),
        decision=ConsentProvisionType.DENY,
        actors=(ConsentActor(member="RelatedPerson/marloes", role=CodeableConcept(text="ontvanger")),),
    )
    assert consent.members == ("RelatedPerson/marloes",)
    assert not consent.permits


@pytest.mark.parametrize(("field", "score"), [("presence", 0), ("reliance", 6), ("overall_grade", 11)])
def test_rating_scores_stay_in_range(field: str, score: int) -> None:
    with pytest.raises(ValueError, match="scored 1 to"):
        RelationshipRating(patient=PATIENT, date=FhirDateTime("2026-03-24"), **{field: score})  # type: ignore[arg-type]


def test_closeness_orders_the_map() -> None:
    assessment = TieAssessment(
        patient=PATIENT, member="RelatedPerson/anja", date=FhirDateTime("2026-03-02"), closeness=Closeness.CLOSE
    )
    assert assessment.closeness is not None and assessment.closeness.ring == 2
