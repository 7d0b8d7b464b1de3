"""Domain objects from what the clinician entered: members with their tie assessment, consents, goals, activities,
relationship ratings, and the changes to the plan they bring. Pure functions; the repository
(``srh_fhir.client_repository``) saves what they build.

New objects get a provisional id (``new-...``) so other new objects can point at them; the transaction gives them
their real ids. Changed objects keep everything they held (``dataclasses.replace``), including their version.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from srh_fhir.model import (
    INFORMATION_RECIPIENT,
    NO_EXTRAS,
    Activity,
    CodeableConcept,
    ConsentActor,
    FhirDate,
    FhirDateTime,
    Goal,
    HumanName,
    InvolvementConsent,
    NeedAssessment,
    NeedGrade,
    NetworkMember,
    Participant,
    Period,
    PlanComment,
    RelationshipRating,
    SocialSystem,
    SupportPlan,
    TieAssessment,
)
from srh_fhir.terminology import (
    BasicNeed,
    CarePlanActivityStatus,
    CareTeamStatus,
    Closeness,
    ConsentProvisionType,
    ConsentState,
    ContactFrequency,
    CoreAction,
    GoalLifecycleStatus,
    InvolvementAction,
    NeedFulfilment,
    NetworkSector,
    ObservationStatus,
    Reciprocity,
    RequestStatus,
    SupportType,
    TeamRole,
    Valence,
)

PROVISIONAL_MEMBER = "new-member"
PROVISIONAL_GOAL = "new-goal"
PROVISIONAL_PLAN = "new-plan"
PROVISIONAL_TIE = "new-tie"


@dataclass(frozen=True)
class MemberInput:
    given: str
    family: str | None = None
    relationship: str | None = None
    sector: str | None = None
    since: date | None = None


@dataclass(frozen=True)
class AssessmentInput:
    closeness: Closeness | None = None
    contact_frequency: ContactFrequency | None = None
    support: tuple[SupportType, ...] = ()
    needs: tuple[BasicNeed, ...] = ()
    reciprocity: Reciprocity | None = None
    valence: Valence | None = None
    note: str | None = None

    @property
    def empty(self) -> bool:
        return not self.note and not self.has_aspect

    @property
    def has_aspect(self) -> bool:
        """Whether an aspect of the tie is recorded: a tie assessment needs one; a note alone is not enough."""
        return any(
            (
                self.closeness,
                self.contact_frequency,
                self.support,
                self.needs,
                self.reciprocity,
                self.valence,
            )
        )


@dataclass(frozen=True)
class GoalInput:
    description: str
    core_action: CoreAction | None
    needs: tuple[BasicNeed, ...] = ()
    due: date | None = None
    lifecycle_status: GoalLifecycleStatus = GoalLifecycleStatus.ACTIVE
    expressed_by: str | None = None
    """Who formulated the goal (the client, a professional, a network member); None: not known."""
    answers: tuple[str, ...] = ()
    """The understanding entries (Verstaan) chosen as what the goal answers."""
    offered: tuple[str, ...] = ()
    """The entries the form offered: what the goal answered before and was not offered stays."""


@dataclass(frozen=True)
class ActivityInput:
    core_action: CoreAction
    description: str
    performers: tuple[str, ...]
    needs: tuple[BasicNeed, ...] = ()
    goals: tuple[str, ...] = ()
    status: CarePlanActivityStatus = CarePlanActivityStatus.NOT_STARTED
    scheduled: str | None = None


@dataclass(frozen=True)
class ActivityEdit:
    core_action: CoreAction
    description: str
    performers: tuple[str, ...]
    status: CarePlanActivityStatus


@dataclass(frozen=True)
class RatingInput:
    presence: int | None = None
    understood: int | None = None
    reliance: int | None = None
    network_involved: int | None = None
    overall_grade: int | None = None
    note: str | None = None


def _sector(code: str | None) -> NetworkSector | None:
    return NetworkSector(code) if code else None


def new_member(patient: str, entered: MemberInput, day: date) -> NetworkMember:
    """A new network member (``active``, since ``entered.since`` or ``day``)."""
    return NetworkMember(
        id=PROVISIONAL_MEMBER,
        patient=patient,
        sector=_sector(entered.sector),
        names=(_name(entered),),
        relationships=(CodeableConcept(text=entered.relationship.strip()),) if entered.relationship else (),
        period=Period(start=FhirDate.of(entered.since or day), end=None),
    )


def edited_member(member: NetworkMember, entered: MemberInput) -> NetworkMember:
    """The member with the entered name, relationship, sector and start; everything else kept."""
    relationships = member.relationships
    if (entered.relationship or "") != relationship_text(member):
        relationships = (CodeableConcept(text=entered.relationship.strip()),) if entered.relationship else ()
    period = member.period
    if entered.since is not None:
        period = Period(start=FhirDate.of(entered.since), end=member.period.end if member.period else None)
    names = member.names
    if _name(entered) != (member.names[0] if member.names else None):
        names = (_name(entered), *member.names[1:])
    sector = _sector(entered.sector)
    return dataclasses.replace(member, names=names, relationships=relationships, sector=sector, period=period)


def ended_member(member: NetworkMember, day: date) -> NetworkMember:
    """The tie ended on ``day``: inactive with ``period.end``; the member and the assessments stay as history."""
    start = member.period.start if member.period else None
    if start is not None and start.to_date() > day:
        start = FhirDate.of(day)
    return dataclasses.replace(member, active=False, period=Period(start=start, end=FhirDate.of(day)))


def removed_member(member: NetworkMember) -> NetworkMember:
    """The member was entered by mistake: ``entered_in_error`` and inactive, its period as it was (no tie ever
    existed, so none ended: the profile asks no ``period.end`` of a member entered by mistake)."""
    return dataclasses.replace(member, active=False, entered_in_error=True)


def end_reason(
    latest: TieAssessment | None, reason: str | None, moment: FhirDateTime, performer: str | None
) -> TieAssessment | None:
    """Why the tie ended, as a tie assessment with the latest aspects and the reason as its note; None without a
    reason, or without an earlier assessment (a tie assessment records at least one aspect)."""
    text = (reason or "").strip()
    if not text or latest is None:
        return None
    return dataclasses.replace(
        latest,
        id=PROVISIONAL_TIE,
        status=ObservationStatus.FINAL,
        date=moment,
        performers=(performer,) if performer else (),
        notes=(text,),
        extras=NO_EXTRAS,
    )


def invalidated(assessment: TieAssessment) -> TieAssessment:
    """The assessment withdrawn (``entered-in-error``): it no longer counts anywhere."""
    return dataclasses.replace(assessment, status=ObservationStatus.ENTERED_IN_ERROR)


def tie_assessment(
    patient: str, member: str, entered: AssessmentInput, moment: FhirDateTime, performer: str | None
) -> TieAssessment:
    return TieAssessment(
        patient=patient,
        member=member,
        date=moment,
        closeness=entered.closeness,
        contact_frequency=entered.contact_frequency,
        support_given=entered.support,
        basic_needs_met=entered.needs,
        reciprocity=entered.reciprocity,
        valence=entered.valence,
        performers=(performer,) if performer else (),
        notes=(entered.note.strip(),) if entered.note and entered.note.strip() else (),
    )


def involvement_consent(
    patient: str,
    member: str,
    permit: bool,
    actions: tuple[InvolvementAction, ...],
    day: date,
    until: date | None = None,
) -> InvolvementConsent:
    """The client agrees (``permit``) or no longer agrees that ``member`` is involved, from ``day`` on.

    The client is the one who decides (``performer`` = the Patient): eigen regie. The member takes part as a
    recipient of information about the client, as the package's examples do.
    """
    return InvolvementConsent(
        status=ConsentState.ACTIVE,
        patient=patient,
        date=FhirDate.of(day),
        decision=ConsentProvisionType.PERMIT if permit else ConsentProvisionType.DENY,
        period=Period(start=FhirDate.of(day), end=FhirDate.of(until) if until else None),
        actors=(ConsentActor(member=member, role=INFORMATION_RECIPIENT),),
        actions=actions if permit else (),
        performers=(patient,),
    )


def new_goal(patient: str, entered: GoalInput, day: date) -> Goal:
    """A goal, in the words of whom ``entered`` says expressed it (the client unless chosen otherwise)."""
    return Goal(
        id=PROVISIONAL_GOAL,
        lifecycle_status=entered.lifecycle_status,
        description=entered.description.strip(),
        patient=patient,
        core_action=entered.core_action,
        basic_needs=entered.needs,
        start=_date(day),
        due=_date(entered.due) if entered.due else None,
        expressed_by=entered.expressed_by,
        addresses=entered.answers,
    )


def edited_goal(goal: Goal, entered: GoalInput) -> Goal:
    return dataclasses.replace(
        goal,
        description=entered.description.strip(),
        core_action=entered.core_action,
        basic_needs=entered.needs,
        due=_date(entered.due) if entered.due else None,
        lifecycle_status=entered.lifecycle_status,
        expressed_by=entered.expressed_by or goal.expressed_by,
        addresses=tuple(a for a in goal.addresses if a not in entered.offered) + entered.answers,
    )


def new_plan(patient: str, title: str, author: str | None, day: date) -> SupportPlan:
    return SupportPlan(
        id=PROVISIONAL_PLAN,
        status=RequestStatus.ACTIVE,
        patient=patient,
        title=title,
        period=Period(start=FhirDate.of(day), end=None),
        created=FhirDate.of(day),
        author=author,
        contributors=tuple(r for r in (patient, author) if r),
    )


def plan_with_goal(plan: SupportPlan, goal_reference: str) -> SupportPlan:
    if goal_reference in plan.goals:
        return plan
    return dataclasses.replace(plan, goals=(*plan.goals, goal_reference))


def plan_with_comment(plan: SupportPlan, text: str, author: str, moment: FhirDateTime) -> SupportPlan:
    """The plan with a comment by ``author`` (the client, from their own view) added after the ones it has."""
    comment = PlanComment(text=text.strip(), author=author, time=moment)
    return dataclasses.replace(plan, comments=(*plan.comments, comment))


def plan_with_activity(plan: SupportPlan, entered: ActivityInput) -> SupportPlan:
    activity = Activity(
        core_action=entered.core_action,
        status=entered.status,
        description=entered.description.strip(),
        basic_needs=entered.needs,
        goals=entered.goals,
        performers=entered.performers,
        scheduled_text=entered.scheduled.strip() if entered.scheduled and entered.scheduled.strip() else None,
    )
    return dataclasses.replace(plan, activities=(*plan.activities, activity))


def _with_activity(plan: SupportPlan, index: int, activity: Activity) -> SupportPlan:
    activities = list(plan.activities)
    activities[index] = activity
    return dataclasses.replace(plan, activities=tuple(activities))


def plan_with_edited_activity(plan: SupportPlan, index: int, entered: ActivityEdit) -> SupportPlan:
    """The activity changed as entered; a reason or day of an earlier cancel or completion goes when the status
    changes away from it."""
    activity = plan.activities[index]
    status = entered.status
    activity = dataclasses.replace(
        activity,
        core_action=entered.core_action,
        description=entered.description.strip(),
        performers=entered.performers,
        status=status,
        status_reason=activity.status_reason if status is activity.status else None,
        completed_on=activity.completed_on if status is CarePlanActivityStatus.COMPLETED else None,
    )
    return _with_activity(plan, index, activity)


def plan_with_completed_activity(plan: SupportPlan, index: int, day: date) -> SupportPlan:
    done = dataclasses.replace(
        plan.activities[index], status=CarePlanActivityStatus.COMPLETED, completed_on=_date(day), status_reason=None
    )
    return _with_activity(plan, index, done)


def plan_with_cancelled_activity(plan: SupportPlan, index: int, reason: str) -> SupportPlan:
    cancelled = dataclasses.replace(
        plan.activities[index], status=CarePlanActivityStatus.CANCELLED, status_reason=reason.strip()
    )
    return _with_activity(plan, index, cancelled)


def plan_with_restored_activity(plan: SupportPlan, index: int, status: CarePlanActivityStatus) -> SupportPlan:
    """Undo a cancel: the activity back at ``status``, without the reason."""
    activity = plan.activities[index]
    completed_on = activity.completed_on if status is CarePlanActivityStatus.COMPLETED else None
    restored = dataclasses.replace(activity, status=status, status_reason=None, completed_on=completed_on)
    return _with_activity(plan, index, restored)


def relationship_rating(
    patient: str,
    entered: RatingInput,
    moment: FhirDateTime,
    rated: tuple[str, ...],
    encounter: str | None = None,
    professional: str | None = None,
) -> RelationshipRating:
    """The client's own rating (``performer`` = the Patient) of the relationship with ``rated``; with
    ``professional``, that professional's own rating of it (``performer`` = the professional)."""
    return RelationshipRating(
        patient=patient,
        date=moment,
        rated=rated,
        encounter=encounter,
        performers=(professional or patient,),
        presence=entered.presence,
        understood=entered.understood,
        reliance=entered.reliance,
        network_involved=entered.network_involved,
        overall_grade=entered.overall_grade,
        notes=(entered.note.strip(),) if entered.note and entered.note.strip() else (),
    )


def need_assessment(
    patient: str,
    grades: Iterable[tuple[BasicNeed, NeedFulfilment, tuple[str, ...]]],
    moment: FhirDateTime,
    professional: str | None,
    note: str | None = None,
) -> NeedAssessment:
    """A new grading of the basic needs, made by ``professional`` with the client (both are its performers)."""
    return NeedAssessment(
        patient=patient,
        date=moment,
        grades=tuple(NeedGrade(need=need, grade=grade, met_by=met_by) for need, grade, met_by in grades),
        performers=(professional, patient) if professional else (patient,),
        notes=(note.strip(),) if note and note.strip() else (),
    )


def _date(day: date) -> FhirDate:
    return FhirDate(day.isoformat())


def _name(entered: MemberInput) -> HumanName:
    family = (entered.family or "").strip() or None
    return HumanName(given=(entered.given.strip(),), family=family)


def relationship_text(member: NetworkMember) -> str:
    """The relationship as words: the first relationship's text, else the first display of its codes (a member
    from the EHR may have a coded relationship only; shown unchanged in the form, it is kept as it is)."""
    for concept in member.relationships:
        if concept.text:
            return concept.text
        for coding in concept.codings:
            if coding.display:
                return coding.display
    return ""


# -- the social system ---------------------------------------------------------------------------------------------


def new_team(patient: str, title: str, day: date, with_client: bool = True) -> SocialSystem:
    """A social system for a client who has none yet, with the client in it (as the example teams have)."""
    client = Participant(member=patient, roles=(TeamRole.CLIENT,), period=Period(start=_date(day)))
    return SocialSystem(
        status=CareTeamStatus.ACTIVE,
        name=title,
        patient=patient,
        period=Period(start=_date(day)),
        participants=(client,) if with_client else (),
    )


def team_with_participant(team: SocialSystem, member: str, role: TeamRole, since: date) -> SocialSystem:
    joined = Participant(member=member, roles=(role,), period=Period(start=_date(since)))
    return dataclasses.replace(team, participants=(*team.participants, joined))


def team_with_role(team: SocialSystem, index: int, role: TeamRole) -> SocialSystem:
    """The participant at ``index`` with ``role`` as their only role; their period stays."""
    return _with_participant(team, index, lambda p: dataclasses.replace(p, roles=(role,)))


def team_without_participant(team: SocialSystem, index: int, day: date) -> SocialSystem:
    """The participant at ``index`` left on ``day``: their period ends, their place in the history stays."""

    def ended(participant: Participant) -> Participant:
        start = participant.period.start if participant.period else None
        if start is not None and start.to_date() > day:
            start = _date(day)
        return dataclasses.replace(participant, period=Period(start=start, end=_date(day)))

    return _with_participant(team, index, ended)


def team_with_end(team: SocialSystem, index: int, end: FhirDateTime | None) -> SocialSystem:
    """The participant at ``index`` with their period's end set back to ``end`` (undoing a removal)."""

    def restored(participant: Participant) -> Participant:
        start = participant.period.start if participant.period else None
        return dataclasses.replace(participant, period=Period(start=start, end=end) if start or end else None)

    return _with_participant(team, index, restored)


def _with_participant(team: SocialSystem, index: int, change: Callable[[Participant], Participant]) -> SocialSystem:
    participants = list(team.participants)
    participants[index] = change(participants[index])
    return dataclasses.replace(team, participants=tuple(participants))
