"""srh-fhir: FHIR R4 toolkit for supportive relational action (Steunend Relationeel Handelen).

The names below are the public API; the modules behind them (``srh_fhir.model``, ``srh_fhir.mapping``,
``srh_fhir.validation``, ``srh_fhir.analysis``, ``srh_fhir.client``, ``srh_fhir.errors``, ...) hold more detail.
The profile package ships with the library as :mod:`srh_fhir.profiles`.
"""

from __future__ import annotations

from srh_fhir.analysis import NetworkAnalysis, NetworkChange, analyse, compare
from srh_fhir.client import FHIRClient
from srh_fhir.errors import (
    AuthError,
    FHIRConnectionError,
    FHIRHTTPError,
    InvalidResource,
    MappingError,
    NetworkImportError,
    ResourceGone,
    ResourceNotFound,
    ServerError,
    SrhFhirError,
    TokenExpired,
    ValidationError,
    VersionConflict,
)
from srh_fhir.mapping import from_fhir, to_fhir
from srh_fhir.model import (
    Activity,
    ConsentActor,
    Goal,
    InvolvementConsent,
    NetworkMember,
    Participant,
    RelationshipRating,
    SocialSystem,
    SupportPlan,
    TieAssessment,
)
from srh_fhir.terminology import (
    BasicNeed,
    Closeness,
    ContactFrequency,
    CoreAction,
    InvolvementAction,
    NetworkSector,
    Reciprocity,
    SupportType,
    TeamRole,
    Valence,
)
from srh_fhir.validation import Validator, has_errors, validate

__all__ = [
    "Activity",
    "AuthError",
    "BasicNeed",
    "Closeness",
    "ConsentActor",
    "ContactFrequency",
    "CoreAction",
    "FHIRClient",
    "FHIRConnectionError",
    "FHIRHTTPError",
    "Goal",
    "InvalidResource",
    "InvolvementAction",
    "InvolvementConsent",
    "MappingError",
    "NetworkAnalysis",
    "NetworkChange",
    "NetworkImportError",
    "NetworkMember",
    "NetworkSector",
    "Participant",
    "Reciprocity",
    "RelationshipRating",
    "ResourceGone",
    "ResourceNotFound",
    "ServerError",
    "SocialSystem",
    "SrhFhirError",
    "SupportPlan",
    "SupportType",
    "TeamRole",
    "TieAssessment",
    "TokenExpired",
    "Valence",
    "ValidationError",
    "Validator",
    "VersionConflict",
    "__version__",
    "analyse",
    "compare",
    "from_fhir",
    "has_errors",
    "to_fhir",
    "validate",
]

__version__ = "0.1.0"
