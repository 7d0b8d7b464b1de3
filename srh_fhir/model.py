"""The domain model of supportive relational action: a client's network, how ties are, and the support plan.

One class per profile of the SRH package, in the method's words: ``NetworkMember`` (RelatedPerson
srh-network-member), ``TieAssessment`` (Observation srh-tie-assessment), ``NeedAssessment`` with ``NeedGrade``
(Observation srh-need-assessment), ``SupportPlan`` with ``Activity``
(CarePlan srh-support-plan), ``Goal`` (srh-goal), ``SocialSystem`` with ``Participant`` (CareTeam
srh-social-system), ``InvolvementConsent`` with ``ConsentActor`` (Consent srh-involvement-consent) and
``RelationshipRating`` (Observation srh-relationship-rating), ``Understanding`` (Observation srh-understanding:
verstaan), ``NetworkMeeting`` with ``MeetingParticipant`` (Appointment srh-network-meeting: a netwerkberaad as
planned) and ``NetworkMeetingRecord`` (Encounter srh-network-meeting-record: as held). ``PatientDetails`` is what
is shown of the client's own Patient resource, which belongs to the EHR: read, never written.

Frozen dataclasses with slots rather than pydantic models: they are immutable and hashable, cost nothing to build
(mapping thousands of resources stays cheap), and all checking happens once, in :mod:`srh_fhir.mapping`, whose
errors name the FHIR element path. Change a value with ``dataclasses.replace``. References are plain strings
(``"RelatedPerson/abc"``), collections are tuples, codes are the enums of :mod:`srh_fhir.terminology`, dates are
:class:`~srh_fhir.datatypes.FhirDateTime` (lexical form kept, ordered by moment). Everything a resource holds
that the model does not (identifiers, meta, narrative, unknown extensions, ...) travels in ``extras``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from srh_fhir.datatypes import (
    CodeableConcept,
    Coding,
    ContactPoint,
    FhirDate,
    FhirDateTime,
    HumanName,
    Period,
    Residue,
)
from srh_fhir.terminology import (
    CANONICAL,
    AppointmentStatus,
    BasicNeed,
    CarePlanActivityStatus,
    CarePlanIntent,
    CareTeamStatus,
    Closeness,
    ConsentProvisionType,
    ConsentState,
    ContactFrequency,
    ContactKind,
    CoreAction,
    DataOperation,
    EncounterStatus,
    GoalAchievementStatus,
    GoalLifecycleStatus,
    Instrument,
    InvolvementAction,
    NeedFulfilment,
    NetworkSector,
    ObservationStatus,
    ParticipationStatus,
    Reciprocity,
    RequestStatus,
    SupportType,
    TeamRole,
    UnderstandingKind,
    Valence,
)

__all__ = [
    "ACT_CODE_SYSTEM",
    "AMBULATORY",
    "INFORMATION_RECIPIENT",
    "NO_EXTRAS",
    "PARTICIPATION_TYPE_SYSTEM",
    "ROLE_CODE_SYSTEM",
    "Activity",
    "ChangeRecord",
    "CodeableConcept",
    "Coding",
    "ConsentActor",
    "ContactMoment",
    "ContactPoint",
    "DomainObject",
    "FhirDate",
    "FhirDateTime",
    "Goal",
    "HumanName",
    "InvolvementConsent",
    "MeetingParticipant",
    "NeedAssessment",
    "NeedGrade",
    "NetworkMeeting",
    "NetworkMeetingRecord",
    "NetworkMember",
    "OutcomeScore",
    "Participant",
    "PatientDetails",
    "Period",
    "PlanAgreement",
    "RelationshipRating",
    "RelationshipReflection",
    "Residue",
    "SocialSystem",
    "SupportPlan",
    "TieAssessment",
    "Understanding",
    "reference_to",
    "split_reference",
]

ROLE_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
PARTICIPATION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
INFORMATION_RECIPIENT = CodeableConcept(
    codings=(Coding(system=PARTICIPATION_TYPE_SYSTEM, code="IRCP", display="information recipient"),)
)
"""How a network member takes part in an involvement consent: they receive information about the client."""
NO_EXTRAS = Residue()
ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
AMBULATORY = Coding(system=ACT_CODE_SYSTEM, code="AMB", display="ambulatory")
"""The class of a network meeting held at a place of care (``Encounter.class``)."""


def _profile(profile_id: str) -> str:
    return f"{CANONICAL}/StructureDefinition/{profile_id}"


def reference_to(resource_type: str, resource_id: str) -> str:
    """A relative reference string, e.g. ``reference_to("RelatedPerson", "abc") == "RelatedPerson/abc"``."""
    return f"{resource_type}/{resource_id}"


def split_reference(reference: str) -> tuple[str, str]:
    """``"RelatedPerson/abc"`` (or an absolute URL ending so) into ``("RelatedPerson", "abc")``."""
    parts = reference.split("/_history/")[0].rstrip("/").split("/")
    if len(parts) < 2 or not parts[-2] or not parts[-1]:
        raise ValueError(f"{reference!r} is not a reference of the form Type/id")
    return parts[-2], parts[-1]


class _Resource:
    """What every domain object of a profile has: its FHIR type, profile URL and a reference to itself."""

    __slots__ = ()
    resource_type: ClassVar[str]
    profile: ClassVar[str]
    id: str | None

    @property
    def reference(self) -> str:
        """``"<resourceType>/<id>"``; ValueError when the object has no id yet."""
        if not self.id:
            raise ValueError(f"this {type(self).__name__} has no id yet")
        return reference_to(self.resource_type, self.id)


@dataclass(frozen=True, slots=True, kw_only=True)
class PatientDetails:
    """What is shown of the client's Patient (a patient banner, the client's name in lists)."""

    id: str
    names: tuple[HumanName, ...] = ()
    birth_date: str | None = None
    """``birthDate`` as written (a year, a month or a day)."""
    gender: str | None = None

    @property
    def reference(self) -> str:
        return reference_to("Patient", self.id)

    @property
    def display_name(self) -> str:
        """The first name that says something: its ``text``, else its given and family names; "" when none does."""
        for name in self.names:
            shown = name.text or " ".join([*name.given, *([name.family] if name.family else [])])
            if shown:
                return shown
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkMember(_Resource):
    """A person in the client's own network (RelatedPerson, profile srh-network-member)."""

    resource_type: ClassVar[str] = "RelatedPerson"
    profile: ClassVar[str] = _profile("srh-network-member")

    id: str | None = None
    patient: str
    """The client whose network this is (``Patient/...``)."""
    active: bool = True
    """Whether the tie is current; an ended tie keeps ``period.end``."""
    sector: NetworkSector | None = None
    relationships: tuple[CodeableConcept, ...] = ()
    """How the person relates to the client (HL7 v3 RoleCode, SNOMED CT, text)."""
    names: tuple[HumanName, ...] = ()
    telecoms: tuple[ContactPoint, ...] = ()
    gender: str | None = None
    period: Period | None = None
    """Since when, and until when, the tie exists."""
    entered_in_error: bool = False
    """The member was entered by mistake: no tie ever existed, so the member is no part of the network or its history
    (``meta.tag`` v3 ActStatus ``nullified``, with ``active`` false). Not the same as a tie that ended."""
    extras: Residue = NO_EXTRAS

    @property
    def display_name(self) -> str:
        """The first name for display, else the relationship text, else the id."""
        for name in self.names:
            shown = name.display()
            if shown:
                return shown
        for relationship in self.relationships:
            if relationship.text:
                return relationship.text
        return self.id or ""

    @property
    def role_codes(self) -> tuple[str, ...]:
        """The HL7 v3 RoleCode codes of the relationships (e.g. ``"SIS"``, ``"FRND"``)."""
        return tuple(code for rel in self.relationships for code in rel.codes_in(ROLE_CODE_SYSTEM))


@dataclass(frozen=True, slots=True, kw_only=True)
class TieAssessment(_Resource):
    """How the tie between the client and one member is at one date (Observation srh-tie-assessment)."""

    resource_type: ClassVar[str] = "Observation"
    profile: ClassVar[str] = _profile("srh-tie-assessment")

    id: str | None = None
    status: ObservationStatus = ObservationStatus.FINAL
    patient: str
    """The client (``subject``)."""
    member: str
    """The network member the tie is with (``focus``, ``RelatedPerson/...``)."""
    date: FhirDateTime
    """When the tie was assessed (``effectiveDateTime``)."""
    closeness: Closeness | None = None
    contact_frequency: ContactFrequency | None = None
    support_given: tuple[SupportType, ...] = ()
    basic_needs_met: tuple[BasicNeed, ...] = ()
    reciprocity: Reciprocity | None = None
    valence: Valence | None = None
    performers: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """The texts of ``note`` (author and time stay in ``extras``)."""
    extras: Residue = NO_EXTRAS


@dataclass(frozen=True, slots=True, kw_only=True)
class NeedGrade:
    """How well one basic need is met, and by whom (one ``component`` of a needs grading)."""

    need: BasicNeed
    grade: NeedFulfilment
    met_by: tuple[str, ...] = ()
    """Who meets the need (``srh-met-by``): ``RelatedPerson/...`` (the network) or ``Practitioner/...`` and
    ``PractitionerRole/...`` (professionals)."""

    def __post_init__(self) -> None:
        if self.grade is NeedFulfilment.NOT_MET and self.met_by:
            raise ValueError(f"{self.need.value} is graded not met, so nobody meets it")


@dataclass(frozen=True, slots=True, kw_only=True)
class NeedAssessment(_Resource):
    """How well each basic need is met at one date, and by whom (Observation srh-need-assessment).

    Never changed once made: a new grading is a new NeedAssessment, so the series shows the change over time."""

    resource_type: ClassVar[str] = "Observation"
    profile: ClassVar[str] = _profile("srh-need-assessment")

    id: str | None = None
    status: ObservationStatus = ObservationStatus.FINAL
    patient: str
    date: FhirDateTime
    """When the needs were graded (``effectiveDateTime``)."""
    grades: tuple[NeedGrade, ...]
    performers: tuple[str, ...] = ()
    """Who graded: the professional, often with the client."""
    notes: tuple[str, ...] = ()
    extras: Residue = NO_EXTRAS

    def __post_init__(self) -> None:
        needs = [grade.need for grade in self.grades]
        if len(set(needs)) != len(needs):
            raise ValueError("a grading grades each basic need at most once")

    def grade_of(self, need: BasicNeed) -> NeedGrade | None:
        """The grade of one need; None when this grading left it out."""
        return next((grade for grade in self.grades if grade.need is need), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationshipRating(_Resource):
    """The client's rating of the working relationship (Observation srh-relationship-rating).

    Items are scored 1-5, the overall grade 1-10; an item not rated is None.
    """

    resource_type: ClassVar[str] = "Observation"
    profile: ClassVar[str] = _profile("srh-relationship-rating")

    id: str | None = None
    status: ObservationStatus = ObservationStatus.FINAL
    patient: str
    date: FhirDateTime
    """When the client gave the rating (``effectiveDateTime``)."""
    rated: tuple[str, ...] = ()
    """The professional(s) whose relationship is rated (``focus``)."""
    encounter: str | None = None
    performers: tuple[str, ...] = ()
    presence: int | None = None
    understood: int | None = None
    reliance: int | None = None
    network_involved: int | None = None
    overall_grade: int | None = None
    notes: tuple[str, ...] = ()
    extras: Residue = NO_EXTRAS

    def __post_init__(self) -> None:
        for name in ("presence", "understood", "reliance", "network_involved", "overall_grade"):
            score = getattr(self, name)
            highest = 10 if name == "overall_grade" else 5
            if score is not None and not 1 <= score <= highest:
                raise ValueError(f"{name} is scored 1 to {highest}, got {score}")

    @property
    def by_professional(self) -> bool:
        """Whether a professional gave the rating (a performer is a Practitioner or PractitionerRole); otherwise it
        is the client's."""
        return any(p.split("/")[-2] in ("Practitioner", "PractitionerRole") for p in self.performers if "/" in p)


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    """One activity of a support plan (``CarePlan.activity.detail``), under one core action."""

    core_action: CoreAction
    status: CarePlanActivityStatus
    description: str | None = None
    basic_needs: tuple[BasicNeed, ...] = ()
    """The basic needs the activity serves (``reasonCode`` from srh-basic-need)."""
    goals: tuple[str, ...] = ()
    performers: tuple[str, ...] = ()
    """Who does it: ``Practitioner/...``, ``Patient/...``, ``RelatedPerson/...`` (a network member), ..."""
    scheduled_period: Period | None = None
    scheduled_text: str | None = None
    """``scheduledString``; a ``scheduledTiming`` stays in the plan's ``extras``."""
    status_reason: str | None = None
    """Why the activity has its status, e.g. why it was cancelled (``detail.statusReason.text``)."""
    completed_on: FhirDate | None = None
    """The day it was done: ``activity.progress``, the note ``completed`` dated that day (R4 has no element of its
    own for it, and ``scheduled[x]`` keeps the schedule)."""
    agreed_at: str | None = None
    """The network meeting at which it was agreed (``Encounter/...``, a ``NetworkMeetingRecord``; extension
    srh-agreed-at on the activity)."""

    def __post_init__(self) -> None:
        if self.scheduled_period is not None and self.scheduled_text is not None:
            raise ValueError("an activity is scheduled as a period or as text, not both (scheduled[x])")


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanComment:
    """A comment on a support plan by someone named, such as the client from their own view (``CarePlan.note`` with
    ``authorReference`` and ``time``; a note without an author is one of the plan's ``notes``)."""

    text: str
    author: str
    """``Patient/...``, ``RelatedPerson/...``, ``Practitioner/...``, ``Organization/...`` (R4's Annotation.author)."""
    time: FhirDateTime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SupportPlan(_Resource):
    """A support plan organised by the four core actions (CarePlan srh-support-plan)."""

    resource_type: ClassVar[str] = "CarePlan"
    profile: ClassVar[str] = _profile("srh-support-plan")

    id: str | None = None
    status: RequestStatus
    intent: CarePlanIntent = CarePlanIntent.PLAN
    patient: str
    title: str | None = None
    description: str | None = None
    period: Period | None = None
    created: FhirDateTime | None = None
    author: str | None = None
    contributors: tuple[str, ...] = ()
    care_teams: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    activities: tuple[Activity, ...] = ()
    notes: tuple[str, ...] = ()
    comments: tuple[PlanComment, ...] = ()
    """Notes with an author: written after ``notes`` (a server keeps the order; the residue keeps the original's)."""
    extras: Residue = NO_EXTRAS

    def activities_for(self, core_action: CoreAction) -> tuple[Activity, ...]:
        """The activities under one core action, in plan order."""
        return tuple(a for a in self.activities if a.core_action is core_action)


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal(_Resource):
    """A goal in the client's own words (Goal srh-goal)."""

    resource_type: ClassVar[str] = "Goal"
    profile: ClassVar[str] = _profile("srh-goal")

    id: str | None = None
    lifecycle_status: GoalLifecycleStatus
    achievement_status: GoalAchievementStatus | None = None
    description: str
    """The goal in the client's own words (``description.text``)."""
    patient: str
    core_action: CoreAction | None = None
    basic_needs: tuple[BasicNeed, ...] = ()
    start: FhirDate | None = None
    due: FhirDate | None = None
    """``target.dueDate`` of the first target."""
    expressed_by: str | None = None
    addresses: tuple[str, ...] = ()
    """What the goal answers (``addresses``): understanding entries (``Observation/...``) and the like."""
    notes: tuple[str, ...] = ()
    extras: Residue = NO_EXTRAS


@dataclass(frozen=True, slots=True, kw_only=True)
class Understanding(_Resource):
    """One entry of verstaan (Observation srh-understanding): what matters to the client, a strength, what stands in
    the way or a life event, in the client's own words or the professional's.

    Entries are kept over time: a correction is a new entry; one that no longer holds gets ``no_longer_current``
    (the date since when) and stays in the history; one made by mistake gets status entered-in-error."""

    resource_type: ClassVar[str] = "Observation"
    profile: ClassVar[str] = _profile("srh-understanding")

    id: str | None = None
    status: ObservationStatus = ObservationStatus.FINAL
    patient: str
    kind: UnderstandingKind
    words: str
    """The words (``valueString``)."""
    own_words: bool
    """True: in the client's own words (shown as a quote); False: in the professional's words."""
    date: FhirDateTime | None = None
    """When it was said, or when the life event happened (``effectiveDateTime``)."""
    period: Period | None = None
    """When a life event happened, as a period (``effectivePeriod``); only for a life event."""
    recorded: FhirDateTime
    """When it was written down (``issued``)."""
    recorded_by: tuple[str, ...] = ()
    """Who wrote it down (``performer``)."""
    no_longer_current: FhirDate | None = None
    """Since when the entry no longer holds (extension srh-no-longer-current)."""
    notes: tuple[str, ...] = ()
    extras: Residue = NO_EXTRAS

    def __post_init__(self) -> None:
        if (self.date is None) == (self.period is None):
            raise ValueError("an understanding entry is dated with a date or a period (effective[x]), one of them")
        if self.period is not None and self.kind is not UnderstandingKind.LIFE_EVENT:
            raise ValueError("only a life event is dated with a period (srh-und-1)")

    @property
    def current(self) -> bool:
        """Whether the entry still holds: not marked no longer current and not entered in error."""
        return self.no_longer_current is None and self.status is not ObservationStatus.ENTERED_IN_ERROR


@dataclass(frozen=True, slots=True, kw_only=True)
class ContactMoment(_Resource):
    """A contact between the client and a professional (Encounter): one the app recorded (srh-contact-moment) or
    any Encounter of the client's the EHR holds, whatever its profile (then ``kind`` may be None and ``label`` says
    what the EHR calls it)."""

    resource_type: ClassVar[str] = "Encounter"
    profile: ClassVar[str] = _profile("srh-contact-moment")

    id: str | None = None
    status: EncounterStatus = EncounterStatus.FINISHED
    patient: str
    start: FhirDateTime
    """When the contact took place (``period.start``)."""
    end: FhirDateTime | None = None
    kind: ContactKind | None = None
    """Our kind of contact (``type``), None for an EHR Encounter without one."""
    label: str | None = None
    """What the EHR calls an Encounter without our kind (``type`` text or display, else ``class`` display)."""
    contact_class: str | None = None
    """The v3 ActCode of ``class`` (AMB, HH, VR, ...)."""
    professionals: tuple[str, ...] = ()
    """Who took part (``participant.individual``)."""
    extras: Residue = NO_EXTRAS

    @property
    def took_place(self) -> bool:
        """Whether the contact happened (not planned, cancelled, entered in error or of unknown status)."""
        return self.status in _TOOK_PLACE


_TOOK_PLACE = frozenset(
    {
        EncounterStatus.ARRIVED,
        EncounterStatus.TRIAGED,
        EncounterStatus.IN_PROGRESS,
        EncounterStatus.ONLEAVE,
        EncounterStatus.FINISHED,
    }
)


@dataclass(frozen=True, slots=True, kw_only=True)
class OutcomeScore(_Resource):
    """The total score of a validated instrument at one date (Observation srh-outcome-score): the instrument's
    identity and the score only, within the instrument's range (srh-out-1)."""

    resource_type: ClassVar[str] = "Observation"
    profile: ClassVar[str] = _profile("srh-outcome-score")

    id: str | None = None
    status: ObservationStatus = ObservationStatus.FINAL
    patient: str
    instrument: Instrument
    score: int
    date: FhirDateTime
    """When the instrument was filled in (``effectiveDateTime``)."""
    performers: tuple[str, ...] = ()
    extras: Residue = NO_EXTRAS

    def __post_init__(self) -> None:
        low, high = self.instrument.score_range
        if not low <= self.score <= high:
            raise ValueError(f"{self.instrument.value} is scored {low} to {high}, got {self.score} (srh-out-1)")


@dataclass(frozen=True, slots=True, kw_only=True)
class RelationshipReflection(_Resource):
    """The professional's short reflection on the working relationship over a period (Observation
    srh-relationship-reflection). Professional-only: never shown in a view for the client. Kept over time: each
    period gets a new reflection."""

    resource_type: ClassVar[str] = "Observation"
    profile: ClassVar[str] = _profile("srh-relationship-reflection")

    id: str | None = None
    status: ObservationStatus = ObservationStatus.FINAL
    patient: str
    period: Period
    """The period reflected on (``effectivePeriod``, start and end)."""
    words: str
    """The reflection (``valueString``)."""
    recorded: FhirDateTime | None = None
    """When it was written down (``issued``)."""
    recorded_by: tuple[str, ...] = ()
    """The professional who reflects (``performer``)."""
    extras: Residue = NO_EXTRAS

    def __post_init__(self) -> None:
        if self.period.start is None or self.period.end is None:
            raise ValueError("a reflection covers a period with a start and an end (srh-rfl-1)")

    @property
    def bounds(self) -> tuple[FhirDateTime, FhirDateTime]:
        """The start and the end of the period reflected on (both present: srh-rfl-1)."""
        assert self.period.start is not None and self.period.end is not None
        return self.period.start, self.period.end


@dataclass(frozen=True, slots=True, kw_only=True)
class Participant:
    """A member of the social system with their roles (``CareTeam.participant``)."""

    member: str
    roles: tuple[TeamRole, ...] = ()
    period: Period | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SocialSystem(_Resource):
    """The client's social system: network members and professionals (CareTeam srh-social-system)."""

    resource_type: ClassVar[str] = "CareTeam"
    profile: ClassVar[str] = _profile("srh-social-system")

    id: str | None = None
    status: CareTeamStatus | None = None
    name: str | None = None
    patient: str
    period: Period | None = None
    participants: tuple[Participant, ...] = ()
    managing_organizations: tuple[str, ...] = ()
    extras: Residue = NO_EXTRAS

    def members_with_role(self, role: TeamRole) -> tuple[str, ...]:
        """References of the participants that have ``role``."""
        return tuple(p.member for p in self.participants if role in p.roles)


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsentActor:
    """A person the consent is about (``Consent.provision.actor``): a network member and how they are involved."""

    member: str
    role: CodeableConcept


@dataclass(frozen=True, slots=True, kw_only=True)
class InvolvementConsent(_Resource):
    """The client agrees (permit) or no longer agrees (deny) that members are involved (Consent)."""

    resource_type: ClassVar[str] = "Consent"
    profile: ClassVar[str] = _profile("srh-involvement-consent")

    id: str | None = None
    status: ConsentState
    patient: str
    date: FhirDateTime
    """When the consent was given or recorded (``Consent.dateTime``)."""
    decision: ConsentProvisionType
    """``provision.type``."""
    period: Period | None = None
    """``provision.period``: when the involvement holds."""
    actors: tuple[ConsentActor, ...] = ()
    actions: tuple[InvolvementAction, ...] = ()
    purposes: tuple[Coding, ...] = ()
    performers: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    extras: Residue = NO_EXTRAS

    @property
    def members(self) -> tuple[str, ...]:
        """References of the network members the consent is about."""
        return tuple(actor.member for actor in self.actors)

    @property
    def permits(self) -> bool:
        return self.decision is ConsentProvisionType.PERMIT


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeRecord(_Resource):
    """Who changed which resources, when and how (Provenance, profile srh-provenance): one per saved change.

    Not a ``DomainObject``: a Provenance has no subject; it is found through its ``targets``, which hold the client's
    Patient besides the resources written (so the record is in the client's compartment)."""

    resource_type: ClassVar[str] = "Provenance"
    profile: ClassVar[str] = _profile("srh-provenance")

    id: str | None = None
    targets: tuple[str, ...]
    """The resources written (``Type/id``, or ``Type/id/_history/n`` for one version)."""
    recorded: FhirDateTime
    activity: DataOperation
    author: str | None = None
    """Who made the change (``agent.who``: the signed-in user's Practitioner, PractitionerRole, Patient or
    RelatedPerson)."""
    reason: str | None = None
    """Why, in the user's words (``reason.text``)."""
    extras: Residue = NO_EXTRAS

    def is_about(self, reference: str) -> bool:
        """Whether ``reference`` (``Type/id``) is one of the targets, whichever version they name."""
        return any(_unversioned(target) == reference for target in self.targets)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanAgreement(_Resource):
    """The client and a professional discussed one version of the support plan and agreed on it (Provenance, profile
    srh-plan-agreement): which version of the plan and of each of its goals, when, and who.

    Additive: a later agreement is a new record, none is changed. Like ``ChangeRecord`` it is in the client's
    compartment through its ``patient`` target."""

    resource_type: ClassVar[str] = "Provenance"
    profile: ClassVar[str] = _profile("srh-plan-agreement")

    id: str | None = None
    plan: str
    """The agreed version of the plan: ``CarePlan/id/_history/n``."""
    goals: tuple[str, ...] = ()
    """The version of each goal of the plan as agreed: ``Goal/id/_history/n``."""
    patient: str
    """The client, who agreed (``Patient/id``; a target and an agent)."""
    recorded: FhirDateTime
    professional: str | None = None
    """The professional who discussed the plan with the client and records the agreement."""
    extras: Residue = NO_EXTRAS

    @property
    def plan_reference(self) -> str:
        """``CarePlan/id`` of the agreed plan, whichever version."""
        return _unversioned(self.plan)

    def changed_since(self, versions: Mapping[str, str], goals: Iterable[str]) -> bool:
        """Whether the plan changed after it was agreed: ``versions`` (``Type/id`` -> current version) names another
        version of the plan or of an agreed goal, or ``goals`` (the plan's goals now, ``Goal/id``) are others."""
        agreed = {_unversioned(ref): _version_of(ref) for ref in (self.plan, *self.goals)}
        if set(goals) != {_unversioned(ref) for ref in self.goals}:
            return True
        return any(versions.get(ref, "") != version for ref, version in agreed.items())


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingParticipant:
    """One who is asked to a network meeting (``Appointment.participant``): the client, a network member or a
    professional, and whether they said they come."""

    who: str
    """``Patient/...``, ``RelatedPerson/...`` (a network member, invited with the client's consent),
    ``Practitioner/...`` or ``PractitionerRole/...``."""
    status: ParticipationStatus = ParticipationStatus.NEEDS_ACTION


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkMeeting(_Resource):
    """A network meeting (netwerkberaad) as planned with the client (Appointment srh-network-meeting): who is
    invited, when, and the agenda with the open goals and unmet basic needs it discusses. Once held it is
    ``fulfilled`` and a ``NetworkMeetingRecord`` points at it."""

    resource_type: ClassVar[str] = "Appointment"
    profile: ClassVar[str] = _profile("srh-network-meeting")

    id: str | None = None
    status: AppointmentStatus = AppointmentStatus.BOOKED
    patient: str
    """The client; always one of the ``participants`` too."""
    start: FhirDateTime
    end: FhirDateTime
    participants: tuple[MeetingParticipant, ...]
    agenda: str | None = None
    """The agenda, one item a line (``description``)."""
    goals: tuple[str, ...] = ()
    """The open goals on the agenda (``reasonReference``)."""
    basic_needs: tuple[BasicNeed, ...] = ()
    """The unmet basic needs on the agenda (``reasonCode``)."""
    created: FhirDateTime | None = None
    comment: str | None = None
    """A word to the invitees, shown on the invitation."""
    extras: Residue = NO_EXTRAS

    def __post_init__(self) -> None:
        if not any(p.who == self.patient for p in self.participants):
            raise ValueError("the client takes part in their network meeting: a participant is the client (srh-meet-1)")

    @property
    def agenda_items(self) -> tuple[str, ...]:
        """The agenda's items: its lines that are not empty."""
        return tuple(line.strip() for line in (self.agenda or "").splitlines() if line.strip())

    @property
    def invitees(self) -> tuple[MeetingParticipant, ...]:
        """Everyone asked besides the client, with their answer."""
        return tuple(p for p in self.participants if p.who != self.patient)

    @property
    def invited(self) -> tuple[str, ...]:
        """Everyone asked besides the client, by reference."""
        return tuple(p.who for p in self.invitees)


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkMeetingRecord(_Resource):
    """A network meeting as held (Encounter srh-network-meeting-record): when, who came, which planned meeting it
    was. What was agreed are the support plan's activities whose ``agreed_at`` points here."""

    resource_type: ClassVar[str] = "Encounter"
    profile: ClassVar[str] = _profile("srh-network-meeting-record")

    id: str | None = None
    status: EncounterStatus = EncounterStatus.FINISHED
    patient: str
    meeting: str | None = None
    """The meeting as planned (``appointment``: ``Appointment/...``)."""
    start: FhirDateTime
    end: FhirDateTime | None = None
    attendees: tuple[str, ...] = ()
    """The network members and professionals who came (``participant.individual``); the client is the subject."""
    setting: Coding = AMBULATORY
    """``class``: where it was held (HL7 v3 ActCode; ambulatory by default, ``HH`` at the client's home)."""
    extras: Residue = NO_EXTRAS


def _version_of(reference: str) -> str:
    """The version a version-specific reference names (``""`` when it names none)."""
    _, _, version = reference.partition("/_history/")
    return version


def _unversioned(reference: str) -> str:
    return reference.split("/_history/")[0]


DomainObject = (
    NetworkMember
    | TieAssessment
    | NeedAssessment
    | RelationshipRating
    | SupportPlan
    | Goal
    | SocialSystem
    | InvolvementConsent
    | Understanding
    | ContactMoment
    | RelationshipReflection
    | OutcomeScore
    | NetworkMeeting
    | NetworkMeetingRecord
)
