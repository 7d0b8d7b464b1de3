"""The code lists of supportive relational action, as enums that mirror our FHIR CodeSystems.

Every ``SrhCode`` enum has exactly the codes of one CodeSystem in the shipped profile package (a test checks
this), knows its CodeSystem URL (``BasicNeed.system``) and reads its Dutch and English labels from the
CodeSystem's designations::

    >>> BasicNeed.ATTACHMENT.label("nl"), BasicNeed.ATTACHMENT.label("en")
    ('Hechting', 'Attachment')
    >>> Closeness.VERY_CLOSE.ring
    1

``FhirCode`` enums list the codes of FHIR's own value sets that our profiles bind as required (statuses,
intents); they have no labels of their own. ``from_coding`` turns a Coding dict into a member of one of our enums
and ``to_coding`` does the reverse.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from enum import StrEnum
from functools import cache
from importlib.resources import files
from typing import Any, ClassVar, Literal, TypeVar

from srh_fhir.errors import MappingError

__all__ = [
    "CANONICAL",
    "DATA_OPERATION_SYSTEM",
    "GOAL_ACHIEVEMENT_SYSTEM",
    "SRH_CODE_ENUMS",
    "AppointmentStatus",
    "BasicNeed",
    "CarePlanActivityStatus",
    "CarePlanIntent",
    "CareTeamStatus",
    "Closeness",
    "ConsentProvisionType",
    "ConsentState",
    "ContactFrequency",
    "ContactKind",
    "CoreAction",
    "DataOperation",
    "EncounterStatus",
    "FhirCode",
    "GoalAchievementStatus",
    "GoalLifecycleStatus",
    "Instrument",
    "InvolvementAction",
    "Language",
    "NeedFulfilment",
    "NetworkSector",
    "ObservationCode",
    "ObservationStatus",
    "ParticipationStatus",
    "ProvenanceActivity",
    "Reciprocity",
    "RequestStatus",
    "SrhCategory",
    "SrhCode",
    "SupportType",
    "TeamRole",
    "UnderstandingKind",
    "Valence",
    "code_system_of",
    "from_coding",
    "to_coding",
]

CANONICAL = "https://srh-fhir.github.io/fhir"
Language = Literal["nl", "en"]
_CS_PREFIX = f"{CANONICAL}/CodeSystem/"


@cache
def _code_system(cs_id: str) -> dict[str, Any]:
    # importlib.resources rather than srh_fhir.profiles.PACKAGE_DIR: works from a zip and mypy can follow it
    path = files("srh_fhir.profiles").joinpath("package", f"CodeSystem-{cs_id}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def _concepts(cs_id: str) -> dict[str, dict[str, Any]]:
    return {concept["code"]: concept for concept in _code_system(cs_id)["concept"]}


class SrhCode(StrEnum):
    """A code of one of our CodeSystems; the value is the code itself."""

    system: ClassVar[str]
    code_system_id: ClassVar[str]

    @property
    def code(self) -> str:
        return self.value

    @property
    def display(self) -> str:
        """The CodeSystem's display (Dutch, the package's language)."""
        return str(_concepts(self.code_system_id)[self.value]["display"])

    def label(self, language: Language = "nl") -> str:
        """The label in Dutch (``nl``) or English (``en``), from the CodeSystem designations."""
        concept = _concepts(self.code_system_id)[self.value]
        for designation in concept.get("designation", ()):
            if designation.get("language") == language:
                return str(designation["value"])
        raise ValueError(f"{self.system}#{self.value} has no {language!r} designation")


def _integer_property(member: SrhCode, name: str) -> int:
    for prop in _concepts(member.code_system_id)[member.value].get("property", ()):
        if prop.get("code") == name:
            return int(prop["valueInteger"])
    raise ValueError(f"{member.system}#{member.value} has no {name} property")


_E = TypeVar("_E", bound=SrhCode)
_BY_SYSTEM: dict[str, type[SrhCode]] = {}


def _code_system_enum(cs_id: str) -> Callable[[type[_E]], type[_E]]:
    def register(cls: type[_E]) -> type[_E]:
        cls.code_system_id = cs_id
        cls.system = _CS_PREFIX + cs_id
        _BY_SYSTEM[cls.system] = cls
        return cls

    return register


@_code_system_enum("srh-core-action")
class CoreAction(SrhCode):
    """The four core actions (kernhandelingen) of supportive relational action."""

    CONNECT = "connect"
    UNDERSTAND = "understand"
    SECURE = "secure"
    STRENGTHEN = "strengthen"


@_code_system_enum("srh-basic-need")
class BasicNeed(SrhCode):
    """Basic needs (basisbehoeften) a social network provides."""

    ATTACHMENT = "attachment"
    BELONGING = "belonging"
    RECOGNITION = "recognition"
    CARE_EXCHANGE = "care-exchange"
    EMOTIONAL_SUPPORT = "emotional-support"


@_code_system_enum("srh-need-fulfilment")
class NeedFulfilment(SrhCode):
    """How well a basic need is met: an ordinal scale from not met (0) to fully met (4)."""

    NOT_MET = "not-met"
    BARELY = "barely"
    PARTLY = "partly"
    MOSTLY = "mostly"
    FULLY = "fully"

    @property
    def ordinal(self) -> int:
        """The rank on the scale, 0 (not met) to 4 (fully met), from the CodeSystem's ``ordinal`` property."""
        return _integer_property(self, "ordinal")


@_code_system_enum("srh-network-sector")
class NetworkSector(SrhCode):
    """Sectors of the network map: the part of the client's life a member belongs to."""

    FAMILY = "family"
    WORK = "work"
    LEISURE = "leisure"
    SCHOOL = "school"
    FAITH = "faith"
    NEIGHBOURHOOD = "neighbourhood"
    CARE_VOLUNTEERS = "care-volunteers"


@_code_system_enum("srh-support-type")
class SupportType(SrhCode):
    """Kinds of support a network member gives."""

    EMOTIONAL = "emotional"
    PRACTICAL = "practical"
    INFORMATIONAL = "informational"
    COMPANIONSHIP = "companionship"


@_code_system_enum("srh-closeness")
class Closeness(SrhCode):
    """How close a tie is; ``ring`` is the ring of the network map (1 nearest the client)."""

    VERY_CLOSE = "very-close"
    CLOSE = "close"
    DISTANT = "distant"

    @property
    def ring(self) -> int:
        return _integer_property(self, "ring")


@_code_system_enum("srh-contact-frequency")
class ContactFrequency(SrhCode):
    """How often the client and a member are in contact."""

    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    FEW_TIMES_A_YEAR = "few-times-a-year"
    RARELY = "rarely"


@_code_system_enum("srh-reciprocity")
class Reciprocity(SrhCode):
    """Who gives in a tie: the member, the client, or both."""

    MEMBER_GIVES = "member-gives"
    CLIENT_GIVES = "client-gives"
    MUTUAL = "mutual"


@_code_system_enum("srh-valence")
class Valence(SrhCode):
    """Whether a tie supports or strains the client."""

    SUPPORTIVE = "supportive"
    AMBIVALENT = "ambivalent"
    STRAINING = "straining"


@_code_system_enum("srh-team-role")
class TeamRole(SrhCode):
    """Roles in the client's social system (CareTeam participants)."""

    CLIENT = "client"
    NETWORK_MEMBER = "network-member"
    KEY_FIGURE = "key-figure"
    PRIMARY_PROFESSIONAL = "primary-professional"
    PROFESSIONAL = "professional"
    VOLUNTEER = "volunteer"


@_code_system_enum("srh-involvement-action")
class InvolvementAction(SrhCode):
    """What an involved network member may do (Consent.provision.action)."""

    VIEW_PLAN = "view-plan"
    BE_CONTACTED = "be-contacted"
    TAKE_PART = "take-part"
    RECEIVE_INFORMATION = "receive-information"


@_code_system_enum("srh-provenance-activity")
class ProvenanceActivity(SrhCode):
    """What an SRH record of an act says was done (``Provenance.activity``) where no HL7 code says it."""

    PLAN_AGREED = "plan-agreed"


@_code_system_enum("srh-observation")
class ObservationCode(SrhCode):
    """Observation and component codes of tie assessments, relationship ratings and needs gradings."""

    TIE_ASSESSMENT = "tie-assessment"
    CLOSENESS = "closeness"
    CONTACT_FREQUENCY = "contact-frequency"
    SUPPORT_GIVEN = "support-given"
    BASIC_NEED_MET = "basic-need-met"
    RECIPROCITY = "reciprocity"
    VALENCE = "valence"
    RELATIONSHIP_RATING = "relationship-rating"
    RATING_PRESENCE = "rating-presence"
    RATING_UNDERSTOOD = "rating-understood"
    RATING_RELIANCE = "rating-reliance"
    RATING_NETWORK = "rating-network"
    RATING_OVERALL = "rating-overall"
    NEED_ASSESSMENT = "need-assessment"
    RELATIONSHIP_REFLECTION = "relationship-reflection"


@_code_system_enum("srh-category")
class SrhCategory(SrhCode):
    """Categories that mark our CarePlans, CareTeams, Consents, understanding entries and network meetings."""

    SUPPORT_PLAN = "support-plan"
    SOCIAL_SYSTEM = "social-system"
    NETWORK_INVOLVEMENT = "network-involvement"
    UNDERSTANDING = "understanding"
    NETWORK_MEETING = "network-meeting"


@_code_system_enum("srh-understanding-kind")
class UnderstandingKind(SrhCode):
    """What an entry of verstaan (understanding the person in context) is about."""

    WHAT_MATTERS = "what-matters"
    STRENGTH = "strength"
    BARRIER = "barrier"
    LIFE_EVENT = "life-event"


@_code_system_enum("srh-contact-kind")
class ContactKind(SrhCode):
    """What kind of contact a contact moment between the client and a professional was."""

    FACE_TO_FACE = "face-to-face"
    HOME_VISIT = "home-visit"
    PHONE = "phone"
    VIDEO = "video"


@_code_system_enum("srh-instrument")
class Instrument(SrhCode):
    """A validated instrument whose total score is recorded as an outcome (only its identity, never its items)."""

    DJG_6 = "djg-6"
    DJG_11 = "djg-11"
    UCLA_3 = "ucla-3"
    WHO_5 = "who-5"

    @property
    def score_range(self) -> tuple[int, int]:
        """The lowest and the highest total score (srh-out-1)."""
        return _INSTRUMENT_RANGES[self.value]

    @property
    def higher_is_better(self) -> bool:
        """True for well-being (WHO-5); False for the loneliness scales, where higher is lonelier."""
        return self is Instrument.WHO_5


_INSTRUMENT_RANGES = {"djg-6": (0, 6), "djg-11": (0, 11), "ucla-3": (3, 9), "who-5": (0, 25)}


SRH_CODE_ENUMS: tuple[type[SrhCode], ...] = tuple(_BY_SYSTEM.values())


def code_system_of(system: str) -> type[SrhCode] | None:
    """Our enum for a CodeSystem URL, or None when the system is not ours."""
    return _BY_SYSTEM.get(system)


def from_coding(coding: Mapping[str, Any], expected: type[_E], path: str = "Coding") -> _E:
    """The member of ``expected`` a Coding dict names; MappingError (at ``path``) for another system or code."""
    if not isinstance(coding, Mapping):
        raise MappingError(path, f"expected a Coding object, got {type(coding).__name__}")
    system = coding.get("system")
    if system != expected.system:
        raise MappingError(f"{path}.system", f"expected {expected.system}, got {system!r}")
    code = coding.get("code")
    if not isinstance(code, str):
        raise MappingError(f"{path}.code", f"expected a code string, got {code!r}")
    try:
        return expected(code)
    except ValueError:
        allowed = ", ".join(member.value for member in expected)
        raise MappingError(f"{path}.code", f"unknown code {code!r} in {expected.system} (allowed: {allowed})") from None


def to_coding(member: SrhCode, *, display: bool = True) -> dict[str, str]:
    """The Coding dict for one of our codes, with the CodeSystem's (Dutch) display unless ``display`` is False."""
    coding = {"system": member.system, "code": member.value}
    if display:
        coding["display"] = member.display
    return coding


class FhirCode(StrEnum):
    """A code from one of FHIR's own value sets that our profiles bind as required."""


class ObservationStatus(FhirCode):
    """Observation.status (tie assessments, relationship ratings)."""

    REGISTERED = "registered"
    PRELIMINARY = "preliminary"
    FINAL = "final"
    AMENDED = "amended"
    CORRECTED = "corrected"
    CANCELLED = "cancelled"
    ENTERED_IN_ERROR = "entered-in-error"
    UNKNOWN = "unknown"


class EncounterStatus(FhirCode):
    """Encounter.status (contact moments, network meetings as held)."""

    PLANNED = "planned"
    ARRIVED = "arrived"
    TRIAGED = "triaged"
    IN_PROGRESS = "in-progress"
    ONLEAVE = "onleave"
    FINISHED = "finished"
    CANCELLED = "cancelled"
    ENTERED_IN_ERROR = "entered-in-error"
    UNKNOWN = "unknown"


class RequestStatus(FhirCode):
    """CarePlan.status."""

    DRAFT = "draft"
    ACTIVE = "active"
    ON_HOLD = "on-hold"
    REVOKED = "revoked"
    COMPLETED = "completed"
    ENTERED_IN_ERROR = "entered-in-error"
    UNKNOWN = "unknown"


class CarePlanIntent(FhirCode):
    """CarePlan.intent."""

    PROPOSAL = "proposal"
    PLAN = "plan"
    ORDER = "order"
    OPTION = "option"


class CarePlanActivityStatus(FhirCode):
    """CarePlan.activity.detail.status."""

    NOT_STARTED = "not-started"
    SCHEDULED = "scheduled"
    IN_PROGRESS = "in-progress"
    ON_HOLD = "on-hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    STOPPED = "stopped"
    UNKNOWN = "unknown"
    ENTERED_IN_ERROR = "entered-in-error"


class GoalLifecycleStatus(FhirCode):
    """Goal.lifecycleStatus."""

    PROPOSED = "proposed"
    PLANNED = "planned"
    ACCEPTED = "accepted"
    ACTIVE = "active"
    ON_HOLD = "on-hold"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ENTERED_IN_ERROR = "entered-in-error"
    REJECTED = "rejected"


class GoalAchievementStatus(FhirCode):
    """Codes of http://terminology.hl7.org/CodeSystem/goal-achievement (Goal.achievementStatus)."""

    IN_PROGRESS = "in-progress"
    IMPROVING = "improving"
    WORSENING = "worsening"
    NO_CHANGE = "no-change"
    ACHIEVED = "achieved"
    SUSTAINING = "sustaining"
    NOT_ACHIEVED = "not-achieved"
    NO_PROGRESS = "no-progress"
    NOT_ATTAINABLE = "not-attainable"


GOAL_ACHIEVEMENT_SYSTEM = "http://terminology.hl7.org/CodeSystem/goal-achievement"


class CareTeamStatus(FhirCode):
    """CareTeam.status (the social system)."""

    PROPOSED = "proposed"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    INACTIVE = "inactive"
    ENTERED_IN_ERROR = "entered-in-error"


class ConsentState(FhirCode):
    """Consent.status (an involvement consent)."""

    DRAFT = "draft"
    PROPOSED = "proposed"
    ACTIVE = "active"
    REJECTED = "rejected"
    INACTIVE = "inactive"
    ENTERED_IN_ERROR = "entered-in-error"


class ConsentProvisionType(FhirCode):
    """permit: the member is involved; deny: no longer involved."""

    PERMIT = "permit"
    DENY = "deny"


class AppointmentStatus(FhirCode):
    """Appointment.status (a network meeting as planned)."""

    PROPOSED = "proposed"
    PENDING = "pending"
    BOOKED = "booked"
    ARRIVED = "arrived"
    FULFILLED = "fulfilled"
    CANCELLED = "cancelled"
    NOSHOW = "noshow"
    ENTERED_IN_ERROR = "entered-in-error"
    CHECKED_IN = "checked-in"
    WAITLIST = "waitlist"


class ParticipationStatus(FhirCode):
    """Appointment.participant.status: whether an invitee said they come."""

    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"
    NEEDS_ACTION = "needs-action"


DATA_OPERATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-DataOperation"


class DataOperation(StrEnum):
    """What a change did to the resources it records (``Provenance.activity``, HL7 v3 DataOperation)."""

    CREATE = "CREATE"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    NULLIFY = "NULLIFY"
    """Entered by mistake: the resource is to be treated as though it never existed."""
