"""The plan board: the four core actions side by side, with goals and activities, and how much the network carries.

The current plan is the newest plan that is not finished (draft, active or on hold); others are earlier plans.
Goals are shown under their core action (goals without one under "no core action"), in the client's own words with
status and target date and who formulated them (a professional's proposal is marked as still to be put in the
client's words). Each activity lists its performers classified as professional, client or network member;
the network's share is the part of the activities that a network member takes part in (cancelled activities stay
on the board, struck through with their reason, but do not count).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from smart_app.workspace.dates import long_date
from smart_app.workspace.people import Directory, Language, PersonKind
from srh_fhir.model import Activity, Goal, SupportPlan
from srh_fhir.terminology import BasicNeed, CarePlanActivityStatus, CoreAction, GoalLifecycleStatus, RequestStatus

OPEN_PLAN = (RequestStatus.ACTIVE, RequestStatus.DRAFT, RequestStatus.ON_HOLD)
CLOSED_GOALS = (GoalLifecycleStatus.CANCELLED, GoalLifecycleStatus.ENTERED_IN_ERROR, GoalLifecycleStatus.REJECTED)


@dataclass(frozen=True)
class Performer:
    reference: str
    name: str
    kind: PersonKind


@dataclass(frozen=True)
class GoalCard:
    goal_id: str
    version: str
    description: str
    core_action: CoreAction | None
    lifecycle_status: str
    achievement_status: str | None
    due: str | None
    needs_labels: tuple[str, ...]
    needs: tuple[BasicNeed, ...]
    closed: bool
    expressed_by: Performer | None = None
    """Who formulated the goal, by name (None when the goal does not say)."""
    answers: tuple[str, ...] = ()
    """The understanding entries (Verstaan) the goal answers: ``Observation/id`` references (``Goal.addresses``)."""

    @property
    def proposal(self) -> bool:
        """A goal a professional proposed that is still to be put in the client's words."""
        by_client = self.expressed_by is not None and self.expressed_by.kind in (PersonKind.CLIENT, PersonKind.NETWORK)
        return self.lifecycle_status == GoalLifecycleStatus.PROPOSED.value and not by_client


@dataclass(frozen=True)
class ActivityCard:
    index: int
    description: str
    status: str
    performers: tuple[Performer, ...]
    needs_labels: tuple[str, ...]
    goal_descriptions: tuple[str, ...]
    scheduled: str | None
    core_action: CoreAction = CoreAction.CONNECT
    status_reason: str | None = None
    completed_on: str | None = None
    """The day it was done, as shown."""
    agreed_at: str | None = None
    """The id of the held network meeting (``Encounter``) at which it was agreed."""

    @property
    def cancelled(self) -> bool:
        return self.status == CarePlanActivityStatus.CANCELLED.value

    @property
    def completed(self) -> bool:
        return self.status == CarePlanActivityStatus.COMPLETED.value

    @property
    def performer_references(self) -> tuple[str, ...]:
        return tuple(p.reference for p in self.performers)

    @property
    def by_network(self) -> bool:
        return any(p.kind is PersonKind.NETWORK for p in self.performers)

    @property
    def by_professional(self) -> bool:
        return any(p.kind is PersonKind.PROFESSIONAL for p in self.performers)

    @property
    def by_client(self) -> bool:
        return any(p.kind is PersonKind.CLIENT for p in self.performers)


@dataclass(frozen=True)
class Column:
    core_action: CoreAction
    label: str
    goals: tuple[GoalCard, ...]
    activities: tuple[ActivityCard, ...]


@dataclass(frozen=True)
class Share:
    """How many activities each kind of performer takes part in (an activity may count for several)."""

    activities: int
    network: int
    client: int
    professional: int

    def percent(self, part: int) -> int:
        return round(100 * part / self.activities) if self.activities else 0

    @property
    def network_percent(self) -> int:
        return self.percent(self.network)

    @property
    def client_percent(self) -> int:
        return self.percent(self.client)

    @property
    def professional_percent(self) -> int:
        return self.percent(self.professional)


@dataclass(frozen=True)
class PlanBoard:
    plan: SupportPlan | None
    plan_version: str
    columns: tuple[Column, ...]
    unsorted_goals: tuple[GoalCard, ...]
    """Goals without a core action, or not linked to the plan."""
    share: Share
    earlier_plans: tuple[SupportPlan, ...]

    @property
    def goal_count(self) -> int:
        return sum(len(c.goals) for c in self.columns) + len(self.unsorted_goals)


def current_plan(plans: Iterable[SupportPlan]) -> SupportPlan | None:
    """The newest plan still open (by created date, then period start), else None."""
    open_plans = [p for p in plans if p.status in OPEN_PLAN]

    def when(plan: SupportPlan) -> str:
        moment = plan.created or (plan.period.start if plan.period else None)
        return str(moment.to_date()) if moment else ""

    return max(open_plans, key=lambda p: (when(p), p.id or ""), default=None)


def plan_board(
    plans: Iterable[SupportPlan],
    goals: Iterable[Goal],
    directory: Directory,
    language: Language,
    plan_version: str = "",
    goal_versions: dict[str, str] | None = None,
) -> PlanBoard:
    plans = tuple(plans)
    plan = current_plan(plans)
    versions = goal_versions or {}
    by_reference = {g.reference: g for g in goals if g.id}
    linked = [by_reference[ref] for ref in (plan.goals if plan else ()) if ref in by_reference]
    cards = [_goal_card(g, directory, language, versions.get(g.reference, "")) for g in linked]
    activity_cards = [
        _activity_card(index, activity, directory, by_reference, language)
        for index, activity in enumerate(plan.activities if plan else ())
    ]
    columns = tuple(
        Column(
            core_action=action,
            label=action.label(language),
            goals=tuple(c for c in cards if c.core_action is action),
            activities=tuple(
                a
                for a, raw in zip(activity_cards, plan.activities if plan else (), strict=True)
                if raw.core_action is action
            ),
        )
        for action in CoreAction
    )
    # Goals with no core action, and goals of the client that no plan links (e.g. a suggestion saved alone).
    linked_refs = {g.reference for g in linked}
    loose = [g for g in by_reference.values() if g.reference not in linked_refs]
    unsorted = tuple(c for c in cards if c.core_action is None) + tuple(
        _goal_card(g, directory, language, versions.get(g.reference, "")) for g in loose
    )
    return PlanBoard(
        plan=plan,
        plan_version=plan_version,
        columns=columns,
        unsorted_goals=unsorted,
        share=_share(activity_cards),
        earlier_plans=tuple(p for p in plans if p is not plan),
    )


def _goal_card(goal: Goal, directory: Directory, language: Language, version: str) -> GoalCard:
    author = goal.expressed_by
    return GoalCard(
        goal_id=goal.id or "",
        version=version,
        description=goal.description,
        core_action=goal.core_action,
        lifecycle_status=goal.lifecycle_status.value,
        achievement_status=goal.achievement_status.value if goal.achievement_status else None,
        due=str(goal.due) if goal.due else None,
        needs_labels=tuple(n.label(language) for n in goal.basic_needs),
        needs=goal.basic_needs,
        closed=goal.lifecycle_status in CLOSED_GOALS,
        expressed_by=Performer(author, directory.name(author), directory.kind(author)) if author else None,
        answers=tuple(a for a in goal.addresses if a.startswith("Observation/")),
    )


def _activity_card(
    index: int, activity: Activity, directory: Directory, goals: dict[str, Goal], language: Language
) -> ActivityCard:
    performers = tuple(Performer(ref, directory.name(ref), directory.kind(ref)) for ref in activity.performers)
    scheduled = activity.scheduled_text
    if scheduled is None and activity.scheduled_period is not None:
        start, end = activity.scheduled_period.start, activity.scheduled_period.end
        scheduled = " - ".join(long_date(d, language) for d in (start, end) if d is not None) or None
    return ActivityCard(
        index=index,
        description=activity.description or "",
        status=activity.status.value,
        performers=performers,
        needs_labels=tuple(n.label(language) for n in activity.basic_needs),
        goal_descriptions=tuple(goals[ref].description for ref in activity.goals if ref in goals),
        scheduled=scheduled,
        core_action=activity.core_action,
        status_reason=activity.status_reason,
        completed_on=long_date(activity.completed_on, language) if activity.completed_on else None,
        agreed_at=activity.agreed_at.split("/")[-1] if activity.agreed_at else None,
    )


def _share(cards: Iterable[ActivityCard]) -> Share:
    cards = [c for c in cards if not c.cancelled]
    return Share(
        activities=len(cards),
        network=sum(c.by_network for c in cards),
        client=sum(c.by_client for c in cards),
        professional=sum(c.by_professional for c in cards),
    )
