"""A client's picture made ready for the pages: the analysis of the day, names, consents and versions.

Built once per request from the repository's ``DomainPicture`` (one or two FHIR round trips, made by the caller),
then each page takes what it shows from it. Pure: no Flask, no FHIR calls.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from zoneinfo import ZoneInfo

from smart_app.workspace.consent import MemberConsent, consent_by_member
from smart_app.workspace.dates import APP_TIME_ZONE
from smart_app.workspace.needs import GradedNeeds, NeedsTable, graded_needs, needs_table
from smart_app.workspace.network_map import NetworkMap, build_map
from smart_app.workspace.people import Directory, Language, PersonKind
from smart_app.workspace.plan_board import PlanBoard, current_plan, plan_board
from smart_app.workspace.social_system import TeamView, social_systems
from smart_app.workspace.understanding import answer_choices, answer_labels
from srh_fhir.analysis import NetworkAnalysis, analyse, grade_needs
from srh_fhir.model import FhirDateTime, NetworkMember
from srh_fhir.repository import DomainPicture
from srh_fhir.terminology import BasicNeed


@dataclass(frozen=True)
class Labels:
    """Words the pages need from the translation catalogue (passed in, so this module stays pure)."""

    no_sector: str = ""
    suggestions: Mapping[BasicNeed, str] = field(default_factory=dict)
    statuses: Mapping[str, str] = field(default_factory=dict)
    unknown_person: str = "?"
    unknown_professional: str = "?"


@dataclass(frozen=True)
class LastChange:
    """Who last changed something, by name, and when (from its recorded Provenance)."""

    author: str
    recorded: FhirDateTime


@dataclass(frozen=True)
class Agreement:
    """The newest agreement on the current plan: with the client (by name), when, by which professional (by name;
    None when not recorded), and whether the plan changed after it (``PlanAgreement.changed_since``: another
    version of the plan or of one of its goals, or other goals)."""

    client: str
    day: date
    """The day it was agreed, where the clinicians are."""
    professional: str | None
    changed_since: bool


@dataclass(frozen=True)
class PerformerChoice:
    reference: str
    label: str
    kind: PersonKind


@dataclass
class Workspace:
    picture: DomainPicture
    day: date
    language: Language
    labels: Labels
    user_reference: str | None = None
    user_display: str | None = None
    changes_known: bool = True
    """Whether the picture holds the client's change records and plan agreements (the token may read Provenance);
    without them the pages say nothing about who changed what or whether the plan was agreed."""
    removed: tuple[NetworkMember, ...] = ()
    """Members entered by mistake: left out of ``picture`` (and their assessments with them), so no page shows them;
    kept here so the removal can be undone."""

    def __post_init__(self) -> None:
        removed = tuple(m for m in self.picture.members if m.entered_in_error)
        if removed:
            gone = {m.reference for m in removed}
            self.removed = removed
            self.picture = dataclasses.replace(
                self.picture,
                members=tuple(m for m in self.picture.members if m.reference not in gone),
                tie_assessments=tuple(a for a in self.picture.tie_assessments if a.member not in gone),
            )

    @property
    def patient_id(self) -> str:
        return self.picture.patient_details.id

    @property
    def patient_reference(self) -> str:
        return self.picture.patient_details.reference

    @cached_property
    def directory(self) -> Directory:
        return Directory.of(
            self.picture.patient_details,
            self.picture.members,
            self.user_reference,
            self.user_display,
            self.picture.names,
            self.labels.unknown_person,
            self.labels.unknown_professional,
        )

    @cached_property
    def analysis(self) -> NetworkAnalysis:
        return analyse(self.picture.members, self.picture.tie_assessments, self.day)

    @cached_property
    def consents(self) -> Mapping[str, MemberConsent]:
        return consent_by_member(self.picture.consents, self.day)

    @cached_property
    def network_map(self) -> NetworkMap:
        return build_map(
            self.analysis,
            self.picture.members,
            self.directory.patient_display,
            self.language,
            self.consents,
            self.labels.no_sector,
        )

    @cached_property
    def needs(self) -> NeedsTable:
        return needs_table(self.analysis, self.language, lambda need: self.labels.suggestions.get(need, ""))

    @cached_property
    def graded_needs(self) -> GradedNeeds:
        """The gradings of the basic needs (in the picture when loaded with ``needs=True``)."""
        gradings = grade_needs(self.picture.need_assessments, self.day)
        return graded_needs(gradings, self.directory, self.language, self.labels.suggestions)

    @cached_property
    def board(self) -> PlanBoard:
        plan = current_plan(self.picture.plans)
        return plan_board(
            self.picture.plans,
            self.picture.goals,
            self.directory,
            self.language,
            plan_version=self.version_of(plan.reference) if plan and plan.id else "",
            goal_versions={g.reference: self.version_of(g.reference) for g in self.picture.goals if g.id},
        )

    @cached_property
    def agreement(self) -> Agreement | None:
        """When the client agreed the current plan, or None (no plan, or not agreed yet)."""
        plan = self.board.plan
        agreed = self.picture.last_agreement(plan.reference) if plan is not None and plan.id else None
        if plan is None or agreed is None:
            return None
        professional = self.directory.name(agreed.professional) if agreed.professional else None
        changed = agreed.changed_since(self.picture.versions, plan.goals)
        day = agreed.recorded.to_datetime().astimezone(ZoneInfo(APP_TIME_ZONE)).date()
        return Agreement(self.directory.name(agreed.patient), day, professional, changed)

    @cached_property
    def teams(self) -> tuple[TeamView, ...]:
        return social_systems(self.picture.social_systems, self.directory, self.language, self.day)

    def member(self, member_id: str) -> NetworkMember | None:
        return next((m for m in self.picture.members if m.id == member_id), None)

    def removed_member(self, member_id: str) -> NetworkMember | None:
        """A member entered by mistake, removed from the network."""
        return next((m for m in self.removed if m.id == member_id), None)

    def last_change(self, reference: str | None) -> LastChange | None:
        """The newest recorded change of ``reference``, its author by name ("onbekende persoon" when unnamed)."""
        change = self.picture.last_change(reference) if reference else None
        if change is None:
            return None
        author = self.directory.name(change.author) if change.author else self.labels.unknown_person
        return LastChange(author, change.recorded)

    def version_of(self, reference: str) -> str:
        """The version of a resource as loaded (``""`` when it has none)."""
        return self.picture.versions.get(reference, "")

    def performer_choices(self) -> list[PerformerChoice]:
        """Who may do an activity: the client, the signed-in professional, the professionals of the social system,
        and the current network members the client agreed may take part."""
        choices = [PerformerChoice(self.patient_reference, self.directory.patient_display, PersonKind.CLIENT)]
        choices += [PerformerChoice(r, self.directory.name(r), PersonKind.PROFESSIONAL) for r in self._professionals()]
        return choices + self._consenting_members()

    def need_provider_choices(self) -> list[PerformerChoice]:
        """Who may be recorded as meeting a basic need: the current network members, then the signed-in
        professional and the professionals of the social system (people only: no organisations)."""
        choices = [PerformerChoice(m.reference, m.display_name, PersonKind.NETWORK) for m in self.analysis.members]
        people = [r for r in self._professionals() if r.split("/")[-2] in ("Practitioner", "PractitionerRole")]
        return choices + [PerformerChoice(r, self.directory.name(r), PersonKind.PROFESSIONAL) for r in people]

    def _professionals(self) -> list[str]:
        """The signed-in professional and the professionals of the social system, each once."""
        professionals: list[str] = []
        if self.user_reference:
            professionals.append(self.user_reference)
        for team in self.picture.social_systems:
            for participant in team.participants:
                kind = self.directory.kind(participant.member)
                if kind is PersonKind.PROFESSIONAL and participant.member not in professionals:
                    professionals.append(participant.member)
        return professionals

    def _consenting_members(self) -> list[PerformerChoice]:
        """The current network members the client agreed may take part."""
        return [
            PerformerChoice(m.reference, m.display_name, PersonKind.NETWORK)
            for m in self.analysis.members
            if (consent := self.consents.get(m.reference)) is not None and consent.may_take_part
        ]

    def author_choices(self, current: str | None = None) -> list[PerformerChoice]:
        """Who may have formulated a goal: the client (first, the safe default), the signed-in professional and the
        current network members the client agreed may take part (a goal in someone's words involves them); and
        ``current``, the goal's author so far, when none of these (so it is kept)."""
        choices = [PerformerChoice(self.patient_reference, self.directory.patient_display, PersonKind.CLIENT)]
        if user := self.user_reference:
            choices.append(PerformerChoice(user, self.directory.name(user), PersonKind.PROFESSIONAL))
        choices += self._consenting_members()
        if current and current not in {c.reference for c in choices}:
            choices.append(PerformerChoice(current, self.directory.name(current), self.directory.kind(current)))
        return choices

    def members_without_consent(self) -> list[NetworkMember]:
        return [m for m in self.analysis.members if not (c := self.consents.get(m.reference)) or not c.may_take_part]

    def goal_choices(self) -> list[tuple[str, str]]:
        return [(f"Goal/{card.goal_id}", card.description) for column in self.board.columns for card in column.goals]

    @property
    def understanding_loaded(self) -> bool:
        """Whether the picture holds the understanding entries (Verstaan): on the pages where goals say what they
        answer (the plan)."""
        return self.picture.understanding is not None

    @cached_property
    def answered(self) -> Mapping[str, str]:
        """What goals can say they answer: understanding entry reference -> its label (empty when not loaded)."""
        return answer_labels(self.picture.understanding or (), self.language)

    def words_for(self, reference: str) -> str:
        """What a reference the forms carry says to a reader: an understanding entry's or a goal's words, else the
        name of the person it points at."""
        if (words := self.answered.get(reference)) is not None:
            return words
        return dict(self.goal_choices()).get(reference) or self.directory.name(reference)

    def answer_choices(self, chosen: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
        """The entries a goal can answer (none when the understanding entries are not loaded)."""
        return answer_choices(self.picture.understanding or (), self.language, chosen)
