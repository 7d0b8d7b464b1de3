"""The public surface: what ``from srh_fhir import ...`` offers, pinned name by name (as httpx pins its own).

A name added to or removed from ``srh_fhir.__all__`` must be added to or removed from this list too: the list is
the API integrators are promised.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

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


def _typing_imports() -> dict[str, str]:
    """Each name imported under ``if typing.TYPE_CHECKING:`` in ``srh_fhir/__init__.py``, with its module."""
    tree = ast.parse(Path(srh_fhir.__file__).read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test))
    return {alias.name: str(node.module) for node in block.body if isinstance(node, ast.ImportFrom)
            for alias in node.names}


def test_every_exported_name_is_imported_for_type_checkers_and_at_run_time_from_the_same_module() -> None:
    public = [name for name in EXPORTED if not name.startswith("_")]
    assert sorted(_typing_imports().items()) == sorted(srh_fhir._MODULE_OF.items())
    assert sorted(srh_fhir._MODULE_OF) == public
    assert [name for name in dir(srh_fhir) if not name.startswith("_") and name in public] == public


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Validater'"):
        srh_fhir.Validater  # noqa: B018


def test_the_command_line_on_files_loads_neither_the_http_client_nor_the_smart_and_jose_libraries() -> None:
    """``srh-fhir validate`` starts in a fraction of a second: the API's modules are imported when first used."""
    script = ("import sys, srh_fhir, srh_fhir.cli\n"
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'requests', 'authlib', 'joserfc', 'urllib3'}))")
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


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
