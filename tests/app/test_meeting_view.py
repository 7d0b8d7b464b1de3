"""The network meeting's pure view model on the example client Ingrid (no server): who may be invited, the agenda
offered, the meeting a preparation becomes, the agreements as plan activities, and the meetings shown by name."""

from __future__ import annotations

import datetime

from example_workspace import SANNE, example_workspace
from synthetic_clients import example_client

from smart_app.workspace import meetings
from smart_app.workspace.context import Labels
from srh_fhir.client_repository import MeetingHistory
from srh_fhir.mapping import from_fhir
from srh_fhir.model import FhirDateTime, NetworkMeeting, NetworkMeetingRecord
from srh_fhir.terminology import AppointmentStatus, BasicNeed, CarePlanActivityStatus, CoreAction, ParticipationStatus

DAY = datetime.date(2026, 11, 30)
ANJA = "RelatedPerson/ingrid-sister-anja-m"


def test_only_members_who_may_take_part_can_be_invited_and_a_withdrawal_is_told() -> None:
    shown = {i.name: (i.may_invite, i.withdrawn) for i in meetings.invitees(example_workspace(DAY, Labels()))}
    assert shown["Anja Hoekstra-de Vries"] == (True, False)
    assert shown["Marloes Visser"] == (False, True)
    assert shown["Els van Dijk"] == (False, False)
    assert "Ria Mulder" not in shown  # no longer in the network


def test_the_agenda_offers_the_open_goals_and_the_needs_not_met() -> None:
    ws = example_workspace(DAY, Labels())
    goals = dict(meetings.open_goals(ws))
    assert "Goal/ingrid-goal-choir-m" in goals and "Goal/ingrid-goal-know-my-people-m" not in goals  # achieved
    assert meetings.unmet_needs(ws) == [BasicNeed.ATTACHMENT]  # graded mostly met, but it rests on Anja alone


def test_a_preparation_becomes_a_meeting_with_the_client_the_invited_and_the_professional() -> None:
    ws = example_workspace(DAY, Labels())
    entered = meetings.MeetingInput(
        day=datetime.date(2026, 12, 10),
        start=datetime.time(14, 0),
        end=datetime.time(15, 30),
        invited=(ANJA,),
        goals=("Goal/ingrid-goal-choir-m", "Goal/unknown"),
        needs=(BasicNeed.BELONGING,),
        other_items=" Wie rijdt er?\n\n",
        comment="",
    )
    meeting = meetings.new_meeting(ws, entered, FhirDateTime("2026-11-30T10:00:00Z"))
    assert [(p.who, p.status) for p in meeting.participants] == [
        (ws.patient_reference, ParticipationStatus.ACCEPTED),
        (ANJA, ParticipationStatus.NEEDS_ACTION),
        (SANNE, ParticipationStatus.ACCEPTED),
    ]
    assert meeting.agenda_items[1:] == ("Belonging", "Wie rijdt er?") and meeting.goals == ("Goal/ingrid-goal-choir-m",)
    assert (str(meeting.start), str(meeting.end)) == ("2026-12-10T14:00:00+01:00", "2026-12-10T15:30:00+01:00")
    assert meeting.status is AppointmentStatus.BOOKED and meeting.comment is None
    assert meetings.local_times(meeting) == (datetime.date(2026, 12, 10), datetime.time(14, 0), datetime.time(15, 30))


def test_agreements_become_activities_not_started_with_their_performer_and_goal() -> None:
    agreements = (
        meetings.AgreementInput("Anja belt.", CoreAction.SECURE, ANJA),
        meetings.AgreementInput("Zangles zoeken.", CoreAction.STRENGTHEN, "Patient/p", goal="Goal/g"),
    )
    first, second = meetings.agreement_activities(agreements)
    assert (first.performers, first.goals, first.status) == ((ANJA,), (), CarePlanActivityStatus.NOT_STARTED)
    assert (second.core_action, second.goals, second.description) == (
        CoreAction.STRENGTHEN,
        ("Goal/g",),
        "Zangles zoeken.",
    )


def test_the_held_meeting_is_shown_by_names_with_what_was_agreed_in_the_plan() -> None:
    ws = example_workspace(DAY, Labels(), "nl")
    resources = example_client("m")
    planned = [from_fhir(r) for r in resources if r["resourceType"] == "Appointment"]
    held = [o for r in resources if r["resourceType"] == "Encounter" and "network" in r["id"] for o in [from_fhir(r)]]
    history = MeetingHistory(ws.picture.patient_details, tuple(planned), tuple(held))  # type: ignore[arg-type]
    assert all(isinstance(m, NetworkMeeting) for m in planned) and all(
        isinstance(h, NetworkMeetingRecord) for h in held
    )
    (view,) = meetings.meeting_views(history, ws)
    assert view.invited == ("Anja Hoekstra-de Vries", "Henriëtte Hennie Smit", "Sanne Bakker")
    assert [name for _, name in view.invited_members] == ["Anja Hoekstra-de Vries", "Henriëtte Hennie Smit"]
    assert view.held is not None and view.held.attendees == view.invited
    (agreed,) = view.held.agreements
    assert agreed.core_action == "Versterken" and agreed.performers == ("Henriëtte Hennie Smit", "Ingrid de Vries")
