"""srh-fhir: FHIR R4 toolkit for supportive relational action (Steunend Relationeel Handelen).

The names below are the integrator's API; import them from here::

    from srh_fhir import FHIRClient, NetworkMember, from_fhir, load_picture, validate

- the domain model (``NetworkMember``, ``TieAssessment``, ``SupportPlan``, ...) with its datatypes and code lists;
- ``to_fhir`` / ``from_fhir``: the mapping to and from FHIR JSON, without loss; ``to_model`` / ``from_model`` the same
  for ``fhir.resources`` R4B models (extra ``srh-fhir[models]``);
- ``validate`` / ``has_errors`` / ``Validator``: the profiles checked in Python;
- ``analyse`` / ``compare``: a client's network and how it changed;
- ``FHIRClient`` with ``BearerToken`` or ``BackendServicesAuth`` (SMART Backend Services), ``discover``;
- ``load_picture`` / ``save_plan``: a client's whole picture in one round trip, a plan saved as one transaction;
  ``ClientRepository``: one client's record as domain objects, read and saved (what the SMART app uses);
- the errors, every one a ``SrhFhirError`` (``srh_fhir.errors`` draws the hierarchy).

The modules behind them (``srh_fhir.model``, ``srh_fhir.mapping``, ``srh_fhir.validation``, ...) stay importable
and hold more detail, but only the names here are the documented, stable surface. The profile package ships with
the library as :mod:`srh_fhir.profiles`.
"""

from __future__ import annotations

import importlib
import typing

if typing.TYPE_CHECKING:  # for type checkers; at run time __getattr__ (below) imports a name when it is used
    from srh_fhir.analysis import NetworkAnalysis, NetworkChange, ReciprocityBalance, TieChange, analyse, compare
    from srh_fhir.auth import BearerToken, TokenProvider
    from srh_fhir.client import FHIRClient
    from srh_fhir.client_repository import (
        ClientRepository,
        MeetingHistory,
        OutcomeHistory,
        RatingHistory,
        RelationshipHistory,
        UnderstandingRecord,
    )
    from srh_fhir.datatypes import CodeableConcept, Coding, ContactPoint, FhirDate, FhirDateTime, HumanName, Period
    from srh_fhir.errors import (
        AuthError,
        CapabilityMissing,
        DeadlineExceeded,
        FHIRConnectionError,
        FHIRHTTPError,
        FHIRProtocolError,
        InvalidResource,
        MappingError,
        NetworkImportError,
        PlanConflict,
        ResourceGone,
        ResourceNotFound,
        ServerError,
        SrhFhirError,
        TokenExpired,
        ValidationError,
        VersionConflict,
    )
    from srh_fhir.mapping import from_fhir, to_fhir
    from srh_fhir.migration import migrate_practical_support
    from srh_fhir.model import (
        Activity,
        ChangeRecord,
        ConsentActor,
        ContactMoment,
        Goal,
        InvolvementConsent,
        MeetingParticipant,
        NeedAssessment,
        NeedGrade,
        NetworkMeeting,
        NetworkMeetingRecord,
        NetworkMember,
        OutcomeScore,
        Participant,
        PatientDetails,
        PlanAgreement,
        PlanComment,
        RelationshipRating,
        RelationshipReflection,
        SocialSystem,
        SupportPlan,
        TieAssessment,
        Understanding,
    )
    from srh_fhir.models import from_model, to_model
    from srh_fhir.repository import ClientPicture, DomainPicture, SavedPlan, load_picture, save_plan
    from srh_fhir.smart import BackendServicesAuth, SmartConfiguration, discover
    from srh_fhir.terminology import (
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
        ProvenanceActivity,
        Reciprocity,
        RequestStatus,
        SupportType,
        TeamRole,
        UnderstandingKind,
        Valence,
    )
    from srh_fhir.validation import Validator, has_errors, validate

__all__ = [
    "Activity",
    "AppointmentStatus",
    "AuthError",
    "BackendServicesAuth",
    "BasicNeed",
    "BearerToken",
    "CapabilityMissing",
    "CarePlanActivityStatus",
    "CarePlanIntent",
    "CareTeamStatus",
    "ChangeRecord",
    "ClientPicture",
    "ClientRepository",
    "Closeness",
    "CodeableConcept",
    "Coding",
    "ConsentActor",
    "ConsentProvisionType",
    "ConsentState",
    "ContactFrequency",
    "ContactKind",
    "ContactMoment",
    "ContactPoint",
    "CoreAction",
    "DataOperation",
    "DeadlineExceeded",
    "DomainPicture",
    "EncounterStatus",
    "FHIRClient",
    "FHIRConnectionError",
    "FHIRHTTPError",
    "FHIRProtocolError",
    "FhirDate",
    "FhirDateTime",
    "Goal",
    "GoalAchievementStatus",
    "GoalLifecycleStatus",
    "HumanName",
    "Instrument",
    "InvalidResource",
    "InvolvementAction",
    "InvolvementConsent",
    "MappingError",
    "MeetingHistory",
    "MeetingParticipant",
    "NeedAssessment",
    "NeedFulfilment",
    "NeedGrade",
    "NetworkAnalysis",
    "NetworkChange",
    "NetworkImportError",
    "NetworkMeeting",
    "NetworkMeetingRecord",
    "NetworkMember",
    "NetworkSector",
    "ObservationStatus",
    "OutcomeHistory",
    "OutcomeScore",
    "Participant",
    "ParticipationStatus",
    "PatientDetails",
    "Period",
    "PlanAgreement",
    "PlanComment",
    "PlanConflict",
    "ProvenanceActivity",
    "RatingHistory",
    "Reciprocity",
    "ReciprocityBalance",
    "RelationshipHistory",
    "RelationshipRating",
    "RelationshipReflection",
    "RequestStatus",
    "ResourceGone",
    "ResourceNotFound",
    "SavedPlan",
    "ServerError",
    "SmartConfiguration",
    "SocialSystem",
    "SrhFhirError",
    "SupportPlan",
    "SupportType",
    "TeamRole",
    "TieAssessment",
    "TieChange",
    "TokenExpired",
    "TokenProvider",
    "Understanding",
    "UnderstandingKind",
    "UnderstandingRecord",
    "Valence",
    "ValidationError",
    "Validator",
    "VersionConflict",
    "__version__",
    "analyse",
    "compare",
    "discover",
    "from_fhir",
    "from_model",
    "has_errors",
    "load_picture",
    "migrate_practical_support",
    "save_plan",
    "to_fhir",
    "to_model",
    "validate",
]

__version__ = "0.1.0"

_HOMES: dict[str, tuple[str, ...]] = {  # the module of each name above, imported when the name is first used
    "srh_fhir.analysis": ("NetworkAnalysis", "NetworkChange", "ReciprocityBalance", "TieChange", "analyse", "compare"),
    "srh_fhir.auth": ("BearerToken", "TokenProvider"),
    "srh_fhir.client": ("FHIRClient",),
    "srh_fhir.client_repository": (
        "ClientRepository", "MeetingHistory", "OutcomeHistory", "RatingHistory", "RelationshipHistory",
        "UnderstandingRecord",
    ),
    "srh_fhir.datatypes": (
        "CodeableConcept", "Coding", "ContactPoint", "FhirDate", "FhirDateTime", "HumanName", "Period",
    ),
    "srh_fhir.errors": (
        "AuthError", "CapabilityMissing", "DeadlineExceeded", "FHIRConnectionError", "FHIRHTTPError",
        "FHIRProtocolError", "InvalidResource", "MappingError", "NetworkImportError", "PlanConflict", "ResourceGone",
        "ResourceNotFound", "ServerError", "SrhFhirError", "TokenExpired", "ValidationError", "VersionConflict",
    ),
    "srh_fhir.mapping": ("from_fhir", "to_fhir"),
    "srh_fhir.migration": ("migrate_practical_support",),
    "srh_fhir.model": (
        "Activity", "ChangeRecord", "ConsentActor", "ContactMoment", "Goal", "InvolvementConsent",
        "MeetingParticipant", "NeedAssessment", "NeedGrade", "NetworkMeeting", "NetworkMeetingRecord", "NetworkMember",
        "OutcomeScore", "Participant", "PatientDetails", "PlanAgreement", "PlanComment", "RelationshipRating",
        "RelationshipReflection", "SocialSystem", "SupportPlan", "TieAssessment", "Understanding",
    ),
    "srh_fhir.models": ("from_model", "to_model"),
    "srh_fhir.repository": ("ClientPicture", "DomainPicture", "SavedPlan", "load_picture", "save_plan"),
    "srh_fhir.smart": ("BackendServicesAuth", "SmartConfiguration", "discover"),
    "srh_fhir.terminology": (
        "AppointmentStatus", "BasicNeed", "CarePlanActivityStatus", "CarePlanIntent", "CareTeamStatus", "Closeness",
        "ConsentProvisionType", "ConsentState", "ContactFrequency", "ContactKind", "CoreAction", "DataOperation",
        "EncounterStatus", "GoalAchievementStatus", "GoalLifecycleStatus", "Instrument", "InvolvementAction",
        "NeedFulfilment", "NetworkSector", "ObservationStatus", "ParticipationStatus", "ProvenanceActivity",
        "Reciprocity", "RequestStatus", "SupportType", "TeamRole", "UnderstandingKind", "Valence",
    ),
    "srh_fhir.validation": ("Validator", "has_errors", "validate"),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> typing.Any:
    """A public name, its module imported on first use (PEP 562): ``srh-fhir validate`` then loads the validator
    only, not the HTTP client with the SMART and JOSE libraries."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'srh_fhir' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # the next use finds it without calling here
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
