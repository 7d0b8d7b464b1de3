"""NetworkMeeting <-> Appointment (srh-network-meeting) and NetworkMeetingRecord <-> Encounter
(srh-network-meeting-record): a netwerkberaad as planned and as held."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from srh_fhir.datatypes import FhirDateTime, Period
from srh_fhir.errors import MappingError
from srh_fhir.model import MeetingParticipant, NetworkMeeting, NetworkMeetingRecord
from srh_fhir.terminology import (
    AppointmentStatus,
    BasicNeed,
    EncounterStatus,
    ParticipationStatus,
    SrhCategory,
)

from . import _read as read
from . import _write as write

INVITEE_TYPES = ("Patient", "RelatedPerson", "Practitioner", "PractitionerRole")
ATTENDEE_TYPES = ("RelatedPerson", "Practitioner", "PractitionerRole")
_APPOINTMENT = "Appointment"
_ENCOUNTER = "Encounter"


def network_meeting_from_fhir(resource: Mapping[str, Any]) -> NetworkMeeting:
    """A NetworkMeeting from an Appointment; MappingError when it does not fit."""
    r = read.check_resource(resource, _APPOINTMENT)
    _check_meeting_code(r, "serviceType", _APPOINTMENT)
    participants = tuple(
        _participant(p, f"{_APPOINTMENT}.participant[{i}]") for i, p in read.entries(r, "participant", _APPOINTMENT)
    )
    patient = next((p.who for p in participants if p.who.split("/")[-2:-1] == ["Patient"]), None)
    if patient is None:
        raise MappingError(f"{_APPOINTMENT}.participant", "names no Patient: the client takes part (srh-meet-1)")
    basic_needs = [
        need
        for i, reason in read.entries(r, "reasonCode", _APPOINTMENT)
        for need in read.srh_codes(reason, f"{_APPOINTMENT}.reasonCode[{i}]", BasicNeed)
    ]
    meeting = NetworkMeeting(
        id=read.string(r, "id", _APPOINTMENT),
        status=read.required_code(r, "status", _APPOINTMENT, AppointmentStatus),
        patient=patient,
        start=read.required_date_time(r, "start", _APPOINTMENT, FhirDateTime),
        end=read.required_date_time(r, "end", _APPOINTMENT, FhirDateTime),
        participants=participants,
        agenda=read.string(r, "description", _APPOINTMENT),
        goals=read.references(r, "supportingInformation", _APPOINTMENT, "Goal"),
        basic_needs=tuple(basic_needs),
        created=read.date_time(r, "created", _APPOINTMENT, FhirDateTime),
        comment=read.string(r, "comment", _APPOINTMENT),
    )
    return replace(meeting, extras=write.make_residue(r, partial(_meeting, meeting)))


def network_meeting_to_fhir(meeting: NetworkMeeting) -> dict[str, Any]:
    """The Appointment of a NetworkMeeting, with everything its ``extras`` kept."""
    return write.apply_residue(_meeting(meeting), meeting.extras)


def network_meeting_record_from_fhir(resource: Mapping[str, Any]) -> NetworkMeetingRecord:
    """A NetworkMeetingRecord from an Encounter; MappingError when it does not fit."""
    r = read.check_resource(resource, _ENCOUNTER)
    _check_meeting_code(r, "type", _ENCOUNTER)
    period = read.obj(read.required(r, "period", _ENCOUNTER), f"{_ENCOUNTER}.period")
    attendees = []
    for i, participant in read.entries(r, "participant", _ENCOUNTER):
        path = f"{_ENCOUNTER}.participant[{i}]"
        attendees.append(
            read.reference_value(
                read.required(read.obj(participant, path), "individual", path), f"{path}.individual", ATTENDEE_TYPES
            )
        )
    meetings = read.references(r, "appointment", _ENCOUNTER, _APPOINTMENT)
    if len(meetings) > 1:
        raise MappingError(f"{_ENCOUNTER}.appointment", "names more than one planned meeting")
    record = NetworkMeetingRecord(
        id=read.string(r, "id", _ENCOUNTER),
        status=read.required_code(r, "status", _ENCOUNTER, EncounterStatus),
        patient=read.required_reference(r, "subject", _ENCOUNTER, "Patient"),
        meeting=meetings[0] if meetings else None,
        start=read.required_date_time(period, "start", f"{_ENCOUNTER}.period", FhirDateTime),
        end=read.date_time(period, "end", f"{_ENCOUNTER}.period", FhirDateTime),
        attendees=tuple(attendees),
        setting=read.coding(read.required(r, "class", _ENCOUNTER), f"{_ENCOUNTER}.class"),
    )
    return replace(record, extras=write.make_residue(r, partial(_record, record)))


def network_meeting_record_to_fhir(record: NetworkMeetingRecord) -> dict[str, Any]:
    """The Encounter of a NetworkMeetingRecord, with everything its ``extras`` kept."""
    return write.apply_residue(_record(record), record.extras)


def _check_meeting_code(r: read.Json, key: str, path: str) -> None:
    meeting = SrhCategory.NETWORK_MEETING
    if not any(read.has_coding(c, meeting.system, meeting.value) for _, c in read.entries(r, key, path)):
        raise MappingError(f"{path}.{key}", f"needs the code {meeting.system}#{meeting.value}")


def _participant(value: Any, path: str) -> MeetingParticipant:
    participant = read.obj(value, path)
    return MeetingParticipant(
        who=read.reference_value(read.required(participant, "actor", path), f"{path}.actor", INVITEE_TYPES),
        status=read.required_code(participant, "status", path, ParticipationStatus),
    )


def _meeting(meeting: NetworkMeeting) -> dict[str, Any]:
    out = write.start(meeting)
    out["status"] = meeting.status.value
    out["serviceType"] = [write.concept(SrhCategory.NETWORK_MEETING)]
    write.put(out, "reasonCode", [write.concept(need) for need in meeting.basic_needs])
    write.put(out, "description", meeting.agenda)
    write.put(out, "supportingInformation", write.refs(meeting.goals))
    out["start"] = meeting.start.text
    out["end"] = meeting.end.text
    write.put(out, "created", write.text(meeting.created))
    write.put(out, "comment", meeting.comment)
    out["participant"] = [{"actor": {"reference": p.who}, "status": p.status.value} for p in meeting.participants]
    return out


def _record(record: NetworkMeetingRecord) -> dict[str, Any]:
    out = write.start(record)
    out["status"] = record.status.value
    out["class"] = write.coding(record.setting)
    out["type"] = [write.concept(SrhCategory.NETWORK_MEETING)]
    out["subject"] = {"reference": record.patient}
    write.put(out, "participant", [{"individual": {"reference": who}} for who in record.attendees])
    write.put(out, "appointment", write.refs((record.meeting,) if record.meeting else ()))
    out["period"] = write.period(Period(start=record.start, end=record.end))
    return out
