"""The repository of one client against each real FHIR server (HAPI and Helios): reads in one round trip, each
change in one transaction or one conditional request, versions checked."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import replace

import pytest
from synthetic_clients import example_client, example_professionals, put_transaction

from srh_fhir.client import FHIRClient
from srh_fhir.client_repository import CONSENT_POLICY_URI, ClientRepository, their_object, their_version
from srh_fhir.errors import PlanConflict, ResourceNotFound, VersionConflict
from srh_fhir.model import (
    INFORMATION_RECIPIENT,
    Activity,
    CodeableConcept,
    ConsentActor,
    ContactPoint,
    FhirDate,
    FhirDateTime,
    HumanName,
    InvolvementConsent,
    MeetingParticipant,
    NeedAssessment,
    NeedGrade,
    NetworkMeeting,
    NetworkMeetingRecord,
    NetworkMember,
    Period,
    TieAssessment,
    Understanding,
)
from srh_fhir.terminology import (
    AppointmentStatus,
    BasicNeed,
    CarePlanActivityStatus,
    Closeness,
    ConsentProvisionType,
    ConsentState,
    CoreAction,
    DataOperation,
    NeedFulfilment,
    NetworkSector,
    ObservationCode,
    ParticipationStatus,
    UnderstandingKind,
    to_coding,
)

ENDED = Period(start=None, end=FhirDate("2026-11-28"))


def put_ingrid(fhir: FHIRClient) -> ClientRepository:
    """A copy of the example client Ingrid under fresh ids, and her repository."""
    suffix = uuid.uuid4().hex[:8]
    fhir.transaction(put_transaction(example_client(suffix)))
    return ClientRepository(fhir, f"ingrid-de-vries-{suffix}")


@pytest.fixture
def ingrid(fhir: FHIRClient) -> ClientRepository:
    return put_ingrid(fhir)


def anja(picture_members: tuple[NetworkMember, ...]) -> NetworkMember:
    return next(m for m in picture_members if (m.id or "").startswith("ingrid-sister-anja"))


def test_the_picture_in_one_round_trip_with_the_patient_and_the_versions(ingrid: ClientRepository) -> None:
    before = ingrid.round_trips
    picture = ingrid.picture()
    assert ingrid.round_trips - before == 1
    assert picture.patient_details.reference == ingrid.patient_reference
    shown = picture.patient_details
    assert (shown.display_name, shown.birth_date) == ("Ingrid de Vries", "1973-11-08")
    objects = [*picture.members, *picture.tie_assessments, *picture.plans, *picture.goals, *picture.consents]
    objects += picture.social_systems
    assert set(picture.versions) == {ingrid.patient_reference, *(o.reference for o in objects)}
    assert set(picture.versions.values()) == {"1"}


def test_the_ratings_with_the_patient_in_one_round_trip_and_only_ours(
    fhir: FHIRClient, ingrid: ClientRepository
) -> None:
    not_ours = {  # the rating code, but a score our profile does not allow
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [to_coding(ObservationCode.RELATIONSHIP_RATING)]},
        "subject": {"reference": ingrid.patient_reference},
        "effectiveDateTime": "2026-10-01",
        "component": [
            {"code": {"coding": [to_coding(ObservationCode.RATING_PRESENCE)]}, "valueInteger": 9},
        ],
    }
    fhir.create(not_ours)
    before = ingrid.round_trips
    history = ingrid.ratings()
    assert ingrid.round_trips - before == 1
    assert history.patient.id == ingrid.patient_id and history.patient.display_name == "Ingrid de Vries"
    assert sorted(str(r.date.to_date()) for r in history.ratings) == ["2026-03-24", "2026-03-24", "2026-09-15"]
    assert all(r.patient == ingrid.patient_reference and r.overall_grade for r in history.ratings)
    assert [r.by_professional for r in sorted(history.ratings, key=lambda r: r.date)] == [False, True, False]


def test_the_working_relationship_with_contacts_in_one_round_trip(fhir: FHIRClient) -> None:
    fhir.transaction(put_transaction(example_professionals()))  # their names: not left by another test
    ingrid = put_ingrid(fhir)
    before = ingrid.round_trips
    history = ingrid.relationship()
    assert ingrid.round_trips - before == 1
    assert len(history.ratings) == 3 and len(history.reflections) == 1
    assert history.reflections[0].words.startswith("Contact kwam traag op gang")
    assert history.contacts is not None
    assert sorted(str(c.start.to_date()) for c in history.contacts) == [
        "2026-03-24",
        "2026-04-07",
        "2026-05-12",
        "2026-09-14",  # the network meeting held: a contact moment too
        "2026-09-15",
    ]
    assert history.names["Practitioner/practitioner-sanne-bakker"] == "Sanne Bakker"
    assert ingrid.relationship(contacts=False).contacts is None


def test_the_outcome_scores_in_one_round_trip(ingrid: ClientRepository) -> None:
    before = ingrid.round_trips
    history = ingrid.outcomes()
    assert ingrid.round_trips - before == 1
    assert sorted((str(s.date), s.score) for s in history.scores) == [("2026-03-02", 5), ("2026-09-14", 3)]


def test_the_understanding_entries_in_one_round_trip_newest_first_with_who_wrote_them(fhir: FHIRClient) -> None:
    fhir.transaction(put_transaction(example_professionals()))
    ingrid = put_ingrid(fhir)
    before = ingrid.round_trips
    record = ingrid.understanding()
    assert ingrid.round_trips - before == 1
    assert record.patient.id == ingrid.patient_id
    assert {e.kind for e in record.entries} == set(UnderstandingKind)
    assert len(record.of_kind(UnderstandingKind.BARRIER)) == 2
    recorded = [e.recorded for e in record.entries]
    assert recorded == sorted(recorded, reverse=True)  # type: ignore[type-var]
    assert {record.names[r] for e in record.entries for r in e.recorded_by} == {"Sanne Bakker"}
    assert set(record.versions) == {e.reference for e in record.entries} and set(record.versions.values()) == {"1"}


def test_an_entry_marked_no_longer_current_stays_in_the_history(ingrid: ClientRepository) -> None:
    new = Understanding(
        id="new-entry",
        patient=ingrid.patient_reference,
        kind=UnderstandingKind.STRENGTH,
        words="Ik kan goed luisteren.",
        own_words=True,
        date=FhirDateTime("2026-11-28T10:00:00+01:00"),
        recorded=FhirDateTime("2026-11-28T10:05:00+01:00"),
        recorded_by=("Practitioner/practitioner-sanne-bakker",),
    )
    stored = ingrid.save(new)["Observation/new-entry"]
    saved = next(e for e in ingrid.understanding().entries if e.reference == stored)
    ingrid.save(replace(saved, no_longer_current=FhirDate("2026-12-01")))
    strengths = ingrid.understanding().of_kind(UnderstandingKind.STRENGTH)
    again = next(e for e in strengths if e.reference == stored)
    assert (again.words, again.current, again.no_longer_current) == (new.words, False, FhirDate("2026-12-01"))
    assert len(strengths) == 3


def test_a_member_is_read_for_its_own_client_only(fhir: FHIRClient, ingrid: ClientRepository) -> None:
    own = anja(ingrid.picture().members)
    assert ingrid.member(own.id or "") == own
    stranger = anja(put_ingrid(fhir).picture().members)
    assert ingrid.member(stranger.id or "") is None
    with pytest.raises(ResourceNotFound, match="404"):
        ingrid.member(f"nobody-{uuid.uuid4().hex[:8]}")


@pytest.mark.parametrize("author", [None, "Practitioner/practitioner-sanne-bakker"], ids=["no-user", "signed-in"])
def test_create_then_update_checked_against_the_version_read(
    fhir: FHIRClient, ingrid: ClientRepository, author: str | None
) -> None:
    ingrid = ClientRepository(fhir, ingrid.patient_id, author=author)
    new = NetworkMember(
        patient=ingrid.patient_reference,
        sector=NetworkSector.NEIGHBOURHOOD,
        names=(HumanName(given=("Truus",)),),
        relationships=(CodeableConcept(text="buurvrouw"),),
    )
    before = ingrid.round_trips
    created = ingrid.create(new)
    assert ingrid.round_trips - before == 1
    assert created.id and (created.names, created.sector) == (new.names, new.sector)
    assert created in ingrid.picture().members

    ended = ingrid.update(replace(created, active=False, period=ENDED))  # at the version it was created with
    assert ended.active is False and ended.id == created.id
    with pytest.raises(VersionConflict, match=r"^HTTP 4(09|12)\b") as caught:
        ingrid.update(replace(created, gender="female"))  # still at the first version
    assert their_version(caught.value) == "2"
    theirs = their_object(caught.value)
    assert isinstance(theirs, NetworkMember) and theirs.active is False and theirs.gender is None
    assert ingrid.update(replace(created, gender="female"), version="2").gender == "female"  # the version seen
    records = fhir.search("Provenance", {"target": created.reference})
    expected = ["CREATE", "UPDATE", "UPDATE"] if author else []
    assert sorted(r["activity"]["coding"][0]["code"] for r in records) == expected


def test_a_new_member_and_their_tie_assessment_in_one_transaction(ingrid: ClientRepository) -> None:
    member = NetworkMember(
        id="new-member",
        patient=ingrid.patient_reference,
        names=(HumanName(given=("Kees",)),),
        relationships=(CodeableConcept(text="neef"),),
    )
    tie = TieAssessment(
        patient=ingrid.patient_reference,
        member=member.reference,
        date=FhirDateTime("2026-11-28"),
        closeness=Closeness.CLOSE,
    )
    before = ingrid.round_trips
    stored = ingrid.save(member, tie)["RelatedPerson/new-member"]
    assert ingrid.round_trips - before == 1
    picture = ingrid.picture()
    assert next(m for m in picture.members if m.reference == stored).names == member.names
    assert [a.closeness for a in picture.tie_assessments if a.member == stored] == [Closeness.CLOSE]


def test_a_consent_is_saved_with_the_care_agreement_policy(fhir: FHIRClient, ingrid: ClientRepository) -> None:
    member = anja(ingrid.picture().members)
    consent = InvolvementConsent(
        id="new-consent",
        status=ConsentState.ACTIVE,
        patient=ingrid.patient_reference,
        date=FhirDateTime("2026-11-28"),
        decision=ConsentProvisionType.DENY,
        actors=(ConsentActor(member=member.reference, role=INFORMATION_RECIPIENT),),
        performers=(ingrid.patient_reference,),
    )
    stored = ingrid.save(consent)["Consent/new-consent"]
    assert fhir.read("Consent", stored.split("/")[1])["policy"] == [{"uri": CONSENT_POLICY_URI}]
    withdrawn = [c for c in ingrid.picture().consents if c.reference == stored]
    assert [(c.members, c.permits) for c in withdrawn] == [((member.reference,), False)]


def test_a_change_to_a_member_changed_meanwhile_writes_nothing(fhir: FHIRClient, ingrid: ClientRepository) -> None:
    picture = ingrid.picture()
    member = anja(picture.members)
    phone = {"system": "phone", "value": f"06-{uuid.uuid4().int % 10**8:08d}"}
    fhir.update({**fhir.read("RelatedPerson", member.id or ""), "telecom": [phone]})
    tie = TieAssessment(
        patient=ingrid.patient_reference,
        member=member.reference,
        date=FhirDateTime("2026-11-28"),
        closeness=Closeness.DISTANT,
    )
    with pytest.raises(PlanConflict, match="changed on the server since it was loaded") as caught:
        ingrid.save(replace(member, active=False, period=ENDED), tie)
    assert their_version(caught.value) == "2"
    theirs = their_object(caught.value)
    assert isinstance(theirs, NetworkMember) and theirs.telecoms == (ContactPoint(**phone),) and theirs.active
    assert len(ingrid.picture().tie_assessments) == len(picture.tie_assessments)  # the tie was not written either


def test_a_change_by_a_signed_in_user_carries_its_provenance_and_the_picture_brings_it(
    fhir: FHIRClient, ingrid: ClientRepository
) -> None:
    fhir.transaction(put_transaction(example_professionals()))
    moment = datetime.datetime(2026, 12, 6, 14, 30, tzinfo=datetime.UTC)
    author = "Practitioner/practitioner-sanne-bakker"
    signed_in = ClientRepository(fhir, ingrid.patient_id, author=author, clock=lambda: moment)
    member = anja(signed_in.picture().members)
    tie = TieAssessment(
        id="new-tie",
        patient=ingrid.patient_reference,
        member=member.reference,
        date=FhirDateTime("2026-12-06"),
        closeness=Closeness.DISTANT,
    )
    stored = signed_in.save(replace(member, active=False, entered_in_error=True, period=ENDED), tie, reason="typo")
    for strategy in ("revinclude", "batch"):
        change = signed_in.picture(strategy=strategy, changes=True).last_change(member.reference)
        assert change is not None and change.is_about(stored["Observation/new-tie"])
        assert change.is_about(ingrid.patient_reference)  # in the client's compartment
    assert (change.author, change.recorded, change.activity, change.reason) == (
        author,
        FhirDateTime("2026-12-06T14:30:00.000Z"),
        DataOperation.NULLIFY,
        "typo",
    )
    assert ingrid.picture().changes == ()  # asked for only when shown


def test_a_needs_grading_is_saved_as_a_new_record_beside_the_earlier_ones(ingrid: ClientRepository) -> None:
    before = ingrid.picture(needs=True)
    assert len(before.need_assessments) == 2 and not ingrid.picture().need_assessments  # only when asked
    member = anja(before.members)
    grading = NeedAssessment(
        patient=ingrid.patient_reference,
        date=FhirDateTime("2026-11-30"),
        grades=(NeedGrade(need=BasicNeed.ATTACHMENT, grade=NeedFulfilment.FULLY, met_by=(member.reference,)),
                NeedGrade(need=BasicNeed.RECOGNITION, grade=NeedFulfilment.NOT_MET)),
        performers=("Practitioner/practitioner-sanne-bakker",),
    )

    ingrid.save(grading)

    after = ingrid.picture(needs=True).need_assessments
    assert len(after) == 3 and str(after[0].date) == "2026-11-30"
    assert replace(after[0], id=None, extras=grading.extras) == grading
    assert after[1:] == before.need_assessments  # the earlier gradings are kept as they were


def test_the_meetings_come_in_one_batch_and_a_held_meeting_is_recorded_with_its_agreements(
    fhir: FHIRClient, ingrid: ClientRepository
) -> None:
    before = ingrid.round_trips
    history = ingrid.meetings()
    assert ingrid.round_trips - before == 1
    (planned,) = history.meetings
    assert history.record_of(planned) is not None and planned.status is AppointmentStatus.FULFILLED
    new = NetworkMeeting(
        patient=ingrid.patient_reference,
        start=FhirDateTime("2026-12-10T14:00:00+01:00"),
        end=FhirDateTime("2026-12-10T15:00:00+01:00"),
        participants=(
            MeetingParticipant(who=ingrid.patient_reference, status=ParticipationStatus.ACCEPTED),
            MeetingParticipant(who=planned.invited[0]),
        ),
        agenda="De avonden",
    )
    ingrid.save(new)
    fresh = ingrid.meetings()
    booked = next(m for m in fresh.meetings if m.status is AppointmentStatus.BOOKED)
    plan = ingrid.picture().plans[0]
    record = NetworkMeetingRecord(patient=ingrid.patient_reference, start=booked.start, attendees=booked.invited)
    agreement = Activity(
        core_action=CoreAction.SECURE,
        status=CarePlanActivityStatus.NOT_STARTED,
        description="Anja belt op dinsdagavond.",
        performers=booked.invited,
    )
    references = ingrid.record_meeting(record, [agreement], plan=plan, meeting=booked)
    stored = references["Encounter/new-meeting-record"]
    after = ingrid.meetings()
    held = after.record_of(next(m for m in after.meetings if m.id == booked.id))  # type: ignore[arg-type]
    assert held is not None and held.reference == stored and held.meeting == booked.reference
    assert next(m for m in after.meetings if m.id == booked.id).status is AppointmentStatus.FULFILLED
    (now,) = ingrid.picture().plans
    assert [a.description for a in now.activities if a.agreed_at == stored] == ["Anja belt op dinsdagavond."]

    with pytest.raises(PlanConflict, match="changed"):  # the plan as it was before: a conflict, nothing written
        ingrid.record_meeting(record, [agreement], plan=plan, meeting=None)
    assert len(ingrid.meetings().records) == 2
