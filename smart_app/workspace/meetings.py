"""Netwerkberaad — the network meeting, as the pages show it and as what they save becomes.

Preparing: who may be invited (current network members the client agreed may take part; the others are listed with
why not, so consent can be recorded first), the agenda the clinician ticks and edits (the open goals and the basic
needs not met), and the meeting the form becomes. Recording: who came, and each agreement (what, under which core
action, towards which goal, by whom) as an activity of the plan that says at which meeting it was agreed.
Pure: no Flask, no FHIR calls; names, never ids.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from smart_app.workspace import texts
from smart_app.workspace.consent import ConsentStatus
from smart_app.workspace.context import Workspace
from smart_app.workspace.dates import APP_TIME_ZONE
from smart_app.workspace.people import PersonKind
from srh_fhir.client_repository import MeetingHistory
from srh_fhir.model import (
    Activity,
    FhirDateTime,
    MeetingParticipant,
    NetworkMeeting,
    NetworkMeetingRecord,
    SupportPlan,
    split_reference,
)
from srh_fhir.terminology import (
    AppointmentStatus,
    BasicNeed,
    CarePlanActivityStatus,
    CoreAction,
    GoalAchievementStatus,
    GoalLifecycleStatus,
    NeedFulfilment,
    ParticipationStatus,
)

OPEN_GOALS = (
    GoalLifecycleStatus.PROPOSED,
    GoalLifecycleStatus.PLANNED,
    GoalLifecycleStatus.ACCEPTED,
    GoalLifecycleStatus.ACTIVE,
    GoalLifecycleStatus.ON_HOLD,
)
POORLY_MET = (NeedFulfilment.NOT_MET, NeedFulfilment.BARELY)
PROFESSIONALS = ("Practitioner", "PractitionerRole")


@dataclass(frozen=True)
class Invitee:
    """A current network member as the preparation shows them: may they be invited, and if not, why not."""

    reference: str
    member_id: str
    name: str
    may_invite: bool
    withdrawn: bool
    """The client withdrew their consent (else: never given, or not for taking part)."""


def invitees(ws: Workspace) -> list[Invitee]:
    """The current network members, by name: those the client agreed may take part can be invited."""
    found = []
    for member in ws.analysis.members:
        consent = ws.consents.get(member.reference)
        found.append(
            Invitee(
                reference=member.reference,
                member_id=member.id or "",
                name=member.display_name,
                may_invite=consent is not None and consent.may_take_part,
                withdrawn=consent is not None and consent.status is ConsentStatus.WITHDRAWN,
            )
        )
    return sorted(found, key=lambda i: (not i.may_invite, i.name.casefold()))


def open_goals(ws: Workspace) -> list[tuple[str, str]]:
    """(``Goal/id``, the goal in the client's words) of the goals still open, in plan order."""
    return [
        (goal.reference, goal.description)
        for goal in ws.picture.goals
        if goal.id
        and goal.lifecycle_status in OPEN_GOALS
        and goal.achievement_status is not GoalAchievementStatus.ACHIEVED
    ]


def unmet_needs(ws: Workspace) -> list[BasicNeed]:
    """The basic needs to talk about: nobody in the network meets them, they are graded not or barely met, or they
    are met only by professionals or rest on one person."""
    flagged = {row.need for row in ws.needs.unmet}
    for row in ws.graded_needs.rows:
        if row.grade in POORLY_MET or row.only_professionals or row.rests_on_one:
            flagged.add(row.need)
    return [need for need in BasicNeed if need in flagged]


@dataclass(frozen=True)
class MeetingInput:
    """The preparation form as entered."""

    day: datetime.date
    start: datetime.time
    end: datetime.time
    invited: tuple[str, ...]
    """``RelatedPerson/...`` of the members invited."""
    goals: tuple[str, ...]
    needs: tuple[BasicNeed, ...]
    other_items: str
    """More agenda items, one a line."""
    comment: str | None = None


def moment(day: datetime.date, time: datetime.time) -> FhirDateTime:
    """A day and a time where the clinicians are, as a FHIR dateTime with its offset."""
    local = datetime.datetime.combine(day, time, tzinfo=ZoneInfo(APP_TIME_ZONE))
    return FhirDateTime(local.isoformat(timespec="seconds"))


def new_meeting(ws: Workspace, entered: MeetingInput, created: FhirDateTime) -> NetworkMeeting:
    """The meeting as planned: the client, the invited members and the signed-in professional as participants; the
    agenda the ticked goals in the client's words, the ticked needs and the other items, one a line."""
    goal_texts = dict(open_goals(ws))
    lines = [goal_texts[goal] for goal in entered.goals if goal in goal_texts]
    lines += [need.label(ws.language) for need in entered.needs]
    lines += [line.strip() for line in entered.other_items.splitlines() if line.strip()]
    participants = [MeetingParticipant(who=ws.patient_reference, status=ParticipationStatus.ACCEPTED)]
    participants += [MeetingParticipant(who=member) for member in entered.invited]
    if ws.user_reference and split_reference(ws.user_reference)[0] in PROFESSIONALS:
        participants.append(MeetingParticipant(who=ws.user_reference, status=ParticipationStatus.ACCEPTED))
    return NetworkMeeting(
        status=AppointmentStatus.BOOKED,
        patient=ws.patient_reference,
        start=moment(entered.day, entered.start),
        end=moment(entered.day, entered.end),
        participants=tuple(participants),
        agenda="\n".join(lines) or None,
        goals=tuple(goal for goal in entered.goals if goal in goal_texts),
        basic_needs=entered.needs,
        created=created,
        comment=entered.comment or None,
    )


@dataclass(frozen=True)
class AgreementInput:
    """One agreement as entered: what, under which core action, towards which goal (optional), by whom."""

    text: str
    core_action: CoreAction
    performer: str
    goal: str | None = None


@dataclass(frozen=True)
class RecordInput:
    """The recording form as entered."""

    day: datetime.date
    start: datetime.time
    end: datetime.time | None
    attendees: tuple[str, ...]
    agreements: tuple[AgreementInput, ...]


def held_meeting(patient: str, entered: RecordInput) -> NetworkMeetingRecord:
    """The meeting as held (the planned one is set by the repository when it records it)."""
    return NetworkMeetingRecord(
        patient=patient,
        start=moment(entered.day, entered.start),
        end=moment(entered.day, entered.end) if entered.end else None,
        attendees=entered.attendees,
    )


def agreement_activities(agreements: Iterable[AgreementInput]) -> list[Activity]:
    """Each agreement as a plan activity, not started yet (the repository says at which meeting)."""
    return [
        Activity(
            core_action=agreement.core_action,
            status=CarePlanActivityStatus.NOT_STARTED,
            description=agreement.text,
            goals=(agreement.goal,) if agreement.goal else (),
            performers=(agreement.performer,),
        )
        for agreement in agreements
    ]


@dataclass(frozen=True)
class AgreementView:
    text: str
    core_action: str
    performers: tuple[str, ...]


@dataclass(frozen=True)
class HeldView:
    record_id: str
    start: FhirDateTime
    attendees: tuple[str, ...]
    agreements: tuple[AgreementView, ...]


@dataclass(frozen=True)
class MeetingView:
    """A planned meeting by names: when, who is invited, the agenda, and how it was held (once it was)."""

    meeting_id: str
    version: str
    start: FhirDateTime
    end: FhirDateTime
    ends_at: str
    """The time it ends, where the clinicians are ("15:30"): the day is the start's."""
    cancelled: bool
    answers: tuple[tuple[str, str], ...]
    """(name, what they answered) of each invited: "comes", "no answer yet", ..."""
    invited_members: tuple[tuple[str, str], ...]
    """(member id, name) of the invited network members: an invitation each."""
    agenda: tuple[str, ...]
    comment: str | None
    held: HeldView | None

    @property
    def invited(self) -> tuple[str, ...]:
        """The names of the invited."""
        return tuple(name for name, _ in self.answers)


def meeting_views(history: MeetingHistory, ws: Workspace) -> list[MeetingView]:
    """The client's meetings, newest first, with what was agreed at each as it stands in the current plan."""
    plan = ws.board.plan
    views = []
    for meeting in history.meetings:
        if not meeting.id:
            continue
        record = history.record_of(meeting)
        members = tuple(
            (split_reference(who)[1], ws.directory.name(who))
            for who in meeting.invited
            if ws.directory.kind(who) is PersonKind.NETWORK
        )
        views.append(
            MeetingView(
                meeting_id=meeting.id,
                version=history.versions.get(meeting.reference, ""),
                start=meeting.start,
                end=meeting.end,
                ends_at=local_times(meeting)[2].strftime("%H:%M"),
                cancelled=meeting.status is AppointmentStatus.CANCELLED,
                answers=tuple((ws.directory.name(p.who), str(texts.ANSWER[p.status.value])) for p in meeting.invitees),
                invited_members=members,
                agenda=meeting.agenda_items,
                comment=meeting.comment,
                held=_held(record, plan, ws) if record is not None else None,
            )
        )
    return views


def _held(record: NetworkMeetingRecord, plan: SupportPlan | None, ws: Workspace) -> HeldView:
    agreed = [a for a in (plan.activities if plan else ()) if record.id and a.agreed_at == record.reference]
    return HeldView(
        record_id=record.id or "",
        start=record.start,
        attendees=tuple(ws.directory.name(who) for who in record.attendees),
        agreements=tuple(
            AgreementView(
                a.description or "",
                a.core_action.label(ws.language),
                tuple(ws.directory.name(p) for p in a.performers),
            )
            for a in agreed
        ),
    )


def attendee_choices(ws: Workspace, meeting: NetworkMeeting) -> list[tuple[str, str]]:
    """Who may be recorded as present: the invited first, then the other members the client agreed may take part
    and the professionals (not the client: they are the meeting's subject)."""
    choices = [(who, ws.directory.name(who)) for who in meeting.invited]
    for choice in ws.performer_choices():
        if choice.kind is not PersonKind.CLIENT and choice.reference not in meeting.invited:
            choices.append((choice.reference, choice.label))
    return choices


def default_attendees(meeting: NetworkMeeting) -> list[str]:
    """Those invited who did not decline: ticked at first."""
    return [p.who for p in meeting.invitees if p.status is not ParticipationStatus.DECLINED]


def local_times(meeting: NetworkMeeting) -> tuple[datetime.date, datetime.time, datetime.time]:
    """The meeting's day, start and end where the clinicians are (the recording form starts from them)."""
    zone = ZoneInfo(APP_TIME_ZONE)
    start = meeting.start.to_datetime().astimezone(zone)
    end = meeting.end.to_datetime().astimezone(zone)
    return start.date(), start.time().replace(tzinfo=None), end.time().replace(tzinfo=None)
