"""Network meetings (netwerkberaad): the planned meeting (Appointment srh-network-meeting) and the held one (Encounter
srh-network-meeting-record) mapped both ways, the rules of the model, agreements as plan activities that say at
which meeting they were agreed, and recording a meeting as one transaction."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from paths import EXAMPLE_DIR, read_json

from srh_fhir import (
    Activity,
    AppointmentStatus,
    ClientRepository,
    ContactMoment,
    MeetingParticipant,
    NetworkMeeting,
    NetworkMeetingRecord,
    ParticipationStatus,
    SupportPlan,
    from_fhir,
    to_fhir,
    validate,
)
from srh_fhir.client import FHIRClient
from srh_fhir.errors import MappingError
from srh_fhir.mapping import network_meeting_record_from_fhir
from srh_fhir.model import FhirDateTime
from srh_fhir.terminology import BasicNeed, CarePlanActivityStatus, CoreAction, RequestStatus
from srh_fhir.validation import has_errors

EXAMPLES = sorted(EXAMPLE_DIR.glob("*-network-meeting-*.json"))
PATIENT = "Patient/ingrid-de-vries"


def meeting(**changes: Any) -> NetworkMeeting:
    base = NetworkMeeting(
        patient=PATIENT,
        start=FhirDateTime("2026-12-10T14:00:00+01:00"),
        end=FhirDateTime("2026-12-10T15:30:00+01:00"),
        participants=(
            MeetingParticipant(who=PATIENT, status=ParticipationStatus.ACCEPTED),
            MeetingParticipant(who="RelatedPerson/ingrid-sister-anja"),
            MeetingParticipant(who="Practitioner/practitioner-sanne-bakker", status=ParticipationStatus.ACCEPTED),
        ),
        agenda="Weer naar het koor\n\nDe avonden\n",
        goals=("Goal/ingrid-goal-choir",),
        basic_needs=(BasicNeed.BELONGING,),
        created=FhirDateTime("2026-11-28"),
    )
    return replace(base, **changes)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_map_both_ways_without_loss(path: Path) -> None:
    resource = read_json(path)
    obj = from_fhir(resource)
    assert isinstance(obj, NetworkMeeting | NetworkMeetingRecord)
    assert to_fhir(obj) == resource and from_fhir(to_fhir(obj)) == obj


def test_each_client_has_a_meeting_planned_and_held_with_an_agreement_in_the_plan() -> None:
    for client in ("ingrid", "mohamed"):
        planned = [o for p in EXAMPLES if p.stem.startswith(f"Appointment-{client}") for o in [from_fhir(read_json(p))]]
        held = [o for p in EXAMPLES if p.stem.startswith(f"Encounter-{client}") for o in [from_fhir(read_json(p))]]
        assert len(planned) == 1 and len(held) == 1
        assert isinstance(held[0], NetworkMeetingRecord) and held[0].meeting == planned[0].reference
        plan = from_fhir(read_json(EXAMPLE_DIR / f"CarePlan-{client}-support-plan.json"))
        assert isinstance(plan, SupportPlan)
        assert [a.agreed_at for a in plan.activities if a.agreed_at] == [held[0].reference]


def test_a_new_meeting_is_written_as_a_valid_resource_of_the_profile() -> None:
    resource = to_fhir(meeting())
    assert not has_errors(validate(resource))
    assert resource["description"] == "Weer naar het koor\n\nDe avonden\n"
    assert resource["supportingInformation"] == [{"reference": "Goal/ingrid-goal-choir"}]


def test_the_agenda_items_are_its_lines_that_are_not_empty_and_the_invited_are_all_but_the_client() -> None:
    planned = meeting()
    assert planned.agenda_items == ("Weer naar het koor", "De avonden")
    assert planned.invited == ("RelatedPerson/ingrid-sister-anja", "Practitioner/practitioner-sanne-bakker")
    assert planned.status is AppointmentStatus.BOOKED


def test_a_meeting_without_the_client_is_refused() -> None:
    with pytest.raises(ValueError, match="srh-meet-1"):
        meeting(participants=(MeetingParticipant(who="RelatedPerson/ingrid-sister-anja"),))
    resource = to_fhir(meeting())
    resource["participant"] = resource["participant"][1:]
    with pytest.raises(MappingError, match="names no Patient"):
        from_fhir(resource)


def test_an_appointment_or_encounter_that_is_no_network_meeting_is_not_read_as_one() -> None:
    visit = read_json(EXAMPLE_DIR / "Encounter-ingrid-encounter-2026-03-24.json")
    assert isinstance(from_fhir(visit), ContactMoment)  # a home visit: a contact moment, not a meeting
    with pytest.raises(MappingError, match="network-meeting"):
        network_meeting_record_from_fhir(visit)
    resource = to_fhir(meeting())
    del resource["meta"]
    resource["serviceType"] = [{"text": "Huisbezoek"}]
    with pytest.raises(MappingError, match="network-meeting"):
        from_fhir(resource)


def test_an_activity_says_at_which_meeting_it_was_agreed_and_stays_valid() -> None:
    plan = from_fhir(read_json(EXAMPLE_DIR / "CarePlan-ingrid-support-plan.json"))
    assert isinstance(plan, SupportPlan)
    agreed = Activity(
        core_action=CoreAction.STRENGTHEN,
        status=CarePlanActivityStatus.NOT_STARTED,
        description="Anja belt Ingrid op dinsdagavond.",
        performers=("RelatedPerson/ingrid-sister-anja",),
        agreed_at="Encounter/ingrid-network-meeting-2026-09-14-held",
    )
    changed = replace(plan, activities=(*plan.activities, agreed))
    resource = to_fhir(changed)
    assert not has_errors(validate(resource))
    read_back = from_fhir(resource)
    assert isinstance(read_back, SupportPlan) and read_back.activities == changed.activities


class RecordingClient(FHIRClient):
    """A client that answers a transaction as a server would, and remembers what it was sent."""

    def __init__(self) -> None:
        super().__init__("https://fhir.example.org/fhir")
        self.sent: list[list[dict[str, Any]]] = []

    def transaction(self, entries: Any, **_: Any) -> dict[str, Any]:  # type: ignore[override]
        self.sent.append(list(entries))
        answers = []
        for i, entry in enumerate(entries):
            kind = entry["resource"]["resourceType"]
            ident = entry["resource"].get("id") or f"s{i}"
            answers.append({"response": {"status": "201 Created", "location": f"{kind}/{ident}/_history/1"}})
        return {"resourceType": "Bundle", "type": "transaction-response", "entry": answers}


def test_a_held_meeting_its_agreements_and_the_fulfilled_meeting_are_one_transaction_with_its_change_record() -> None:
    client = RecordingClient()
    repository = ClientRepository(client, "ingrid-de-vries", author="Practitioner/practitioner-sanne-bakker")
    stored = to_fhir(meeting(id="m1"))
    planned = from_fhir({**stored, "meta": {**stored["meta"], "versionId": "2"}})
    assert isinstance(planned, NetworkMeeting)
    plan = from_fhir(
        {
            **read_json(EXAMPLE_DIR / "CarePlan-ingrid-support-plan.json"),
            "meta": {"versionId": "5", "profile": [SupportPlan.profile]},
        }
    )
    assert isinstance(plan, SupportPlan)
    record = NetworkMeetingRecord(patient=PATIENT, start=planned.start, attendees=("RelatedPerson/ingrid-sister-anja",))
    agreements = [
        Activity(
            core_action=CoreAction.STRENGTHEN,
            status=CarePlanActivityStatus.NOT_STARTED,
            description="Anja belt.",
            performers=("RelatedPerson/ingrid-sister-anja",),
        ),
        Activity(
            core_action=CoreAction.SECURE,
            status=CarePlanActivityStatus.NOT_STARTED,
            description="Ingrid schrijft het avondplan.",
            performers=(PATIENT,),
        ),
    ]
    references = repository.record_meeting(record, agreements, plan=plan, meeting=planned)

    [entries] = client.sent
    kinds = [(e["request"]["method"], e["resource"]["resourceType"]) for e in entries]
    assert kinds == [("POST", "Encounter"), ("PUT", "CarePlan"), ("PUT", "Appointment"), ("POST", "Provenance")]
    encounter_urn = entries[0]["fullUrl"]
    assert entries[0]["resource"]["appointment"] == [{"reference": "Appointment/m1"}]
    activities = entries[1]["resource"]["activity"]
    assert len(activities) == len(plan.activities) + 2
    assert [a["extension"][0]["valueReference"]["reference"] for a in activities[-2:]] == [encounter_urn] * 2
    assert entries[1]["request"]["ifMatch"] == 'W/"5"' and entries[2]["request"]["ifMatch"] == 'W/"2"'
    assert entries[2]["resource"]["status"] == "fulfilled"
    assert {"reference": encounter_urn} in entries[3]["resource"]["target"]
    assert references == {"Encounter/new-meeting-record": "Encounter/s0"}


def test_a_client_without_a_plan_gets_one_with_the_agreements() -> None:
    client = RecordingClient()
    repository = ClientRepository(client, "ingrid-de-vries")
    record = NetworkMeetingRecord(patient=PATIENT, start=FhirDateTime("2026-12-10T14:00:00+01:00"))
    agreement = Activity(
        core_action=CoreAction.CONNECT, status=CarePlanActivityStatus.NOT_STARTED, performers=(PATIENT,)
    )
    repository.record_meeting(record, [agreement], plan=None)
    [entries] = client.sent
    plan = entries[1]["resource"]
    assert entries[1]["request"]["method"] == "POST" and plan["status"] == RequestStatus.ACTIVE.value
    assert plan["activity"][0]["extension"][0]["valueReference"]["reference"] == entries[0]["fullUrl"]
