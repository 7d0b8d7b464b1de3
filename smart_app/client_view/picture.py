"""The client's picture as the client view shows it: their network with who takes part, their basic needs (what
the network gives, what professionals give) and their plan (goals and activities by core action, who does what), in
names. Pure: built from the client's ``Workspace``; it leaves out what is the professionals' alone (their notes on
ties and needs, their reflection, how they rate the work).
"""

from __future__ import annotations

from dataclasses import dataclass

from smart_app.workspace.consent import NO_CONSENT, ConsentStatus
from smart_app.workspace.context import Workspace
from smart_app.workspace.people import PersonKind
from smart_app.workspace.plan_board import ActivityCard, GoalCard
from srh_fhir.model import FhirDateTime
from srh_fhir.terminology import CoreAction


@dataclass(frozen=True)
class MemberLine:
    """A person of the client's network and whether the client agrees they take part."""

    member_id: str
    name: str
    relationship: str
    consent: ConsentStatus


@dataclass(frozen=True)
class NeedLine:
    """One basic need: how well it is met (in words, empty when not yet talked about), by whom."""

    label: str
    grade: str
    network: tuple[str, ...]
    professionals: tuple[str, ...]

    @property
    def nobody(self) -> bool:
        return not self.network and not self.professionals


@dataclass(frozen=True)
class GoalLine:
    description: str
    own_words: bool
    """Formulated by the client."""
    author: str | None
    """Who formulated it, by name, when not the client (None when unknown)."""
    status: str
    closed: bool


@dataclass(frozen=True)
class ActivityLine:
    description: str
    who: tuple[str, ...]
    """Names; the client is named as ``you`` (the page's word for them)."""
    status: str


@dataclass(frozen=True)
class PlanPart:
    """The goals and activities of one core action."""

    core_action: CoreAction
    label: str
    goals: tuple[GoalLine, ...]
    activities: tuple[ActivityLine, ...]

    @property
    def empty(self) -> bool:
        return not self.goals and not self.activities


@dataclass(frozen=True)
class ClientPlan:
    parts: tuple[PlanPart, ...]
    unsorted: tuple[GoalLine, ...]
    """Goals not (yet) under a core action, such as the ones the client added."""
    exists: bool
    version: str

    @property
    def empty(self) -> bool:
        return not self.unsorted and all(part.empty for part in self.parts)


@dataclass(frozen=True)
class CommentLine:
    """A comment on the plan: what was said, by whom (by name) and when."""

    text: str
    author: str
    time: FhirDateTime | None
    by_client: bool


def comments(ws: Workspace, only_the_clients: bool = False) -> tuple[CommentLine, ...]:
    """The comments on the current plan, oldest first; ``only_the_clients``: the client's own (what the client view
    shows: a comment by a professional is not meant for the client unless they say it to them)."""
    plan = ws.board.plan
    lines = tuple(
        CommentLine(c.text, ws.directory.name(c.author), c.time, c.author == ws.patient_reference)
        for c in (plan.comments if plan is not None else ())
    )
    return tuple(line for line in lines if line.by_client) if only_the_clients else lines


def members(ws: Workspace) -> tuple[MemberLine, ...]:
    """The current members of the client's network, by name, with their consent."""
    lines = []
    for member in ws.analysis.members:
        relationship = next((r.text for r in member.relationships if r.text), "")
        consent = ws.consents.get(member.reference, NO_CONSENT).status
        lines.append(MemberLine(member.id or "", member.display_name, relationship, consent))
    return tuple(lines)


def needs(ws: Workspace) -> tuple[NeedLine, ...]:
    """Each basic need as last graded (the workspace must be loaded with the gradings), without any note."""
    return tuple(NeedLine(r.label, r.grade_label, r.network, r.professionals) for r in ws.graded_needs.rows)


def _goal(card: GoalCard) -> GoalLine:
    author = card.expressed_by
    own = author is not None and author.kind is PersonKind.CLIENT
    return GoalLine(
        description=card.description,
        own_words=own,
        author=author.name if author is not None and not own else None,
        status=card.lifecycle_status,
        closed=card.closed,
    )


def _activity(card: ActivityCard, you: str) -> ActivityLine:
    who = tuple(you if p.kind is PersonKind.CLIENT else p.name for p in card.performers)
    return ActivityLine(card.description, who, card.status)


def plan(ws: Workspace, you: str) -> ClientPlan:
    """The current plan by core action; ``you`` names the client among who does what."""
    board = ws.board
    parts = tuple(
        PlanPart(
            column.core_action,
            column.label,
            tuple(_goal(card) for card in column.goals),
            tuple(_activity(card, you) for card in column.activities),
        )
        for column in board.columns
    )
    unsorted = tuple(_goal(card) for card in board.unsorted_goals)
    return ClientPlan(parts, unsorted, board.plan is not None, board.plan_version)
