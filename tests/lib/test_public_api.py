"""The public surface: what ``from srh_fhir import ...`` offers, pinned name by name (as httpx pins its own).

A name added to or removed from ``srh_fhir.__all__`` must be added to or removed from this list too: the list is
the API integrators are promised.
"""

from __future__ import annotations

from importlib.metadata import version
from types import ModuleType

import pytest

import srh_fhir

EXPORTED = [
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


def test_the_exported_names_are_exactly_these() -> None:
    assert srh_fhir.__all__ == EXPORTED


def test_nothing_public_of_the_package_is_left_out_of_all() -> None:
    public = {
        name
        for name, value in vars(srh_fhir).items()
        if not name.startswith("_") and not isinstance(value, ModuleType) and name != "annotations"
    }
    assert sorted(public) == [name for name in EXPORTED if not name.startswith("_")]


@pytest.mark.parametrize("name", [name for name in EXPORTED if name != "__version__"])
def test_every_exported_name_is_importable_and_documented(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from srh_fhir import {name}", namespace)
    value = namespace[name]
    doc = vars(value).get("__doc__") if isinstance(value, type) else value.__doc__  # a class's own, not inherited
    assert doc and doc.strip(), f"{name} has no docstring"
    assert not doc.startswith(f"{name}("), f"{name} has only the signature a dataclass writes"


def test_the_version_is_the_installed_distributions() -> None:
    assert srh_fhir.__version__ == version("srh-fhir")
