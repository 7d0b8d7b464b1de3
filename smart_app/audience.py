"""Who a launch is for: the clinician's workspace or the client's own view, decided once at the callback.

The signed-in user (the id_token's ``fhirUser``) decides, never the URL the launch started at: a Patient opens the
client view, a Practitioner or PractitionerRole the workspace. A Patient must be the launch's patient and the
granted scopes must fit the client view (``Permissions.client_view_misfit``). A launch that asked for the client's
scopes (the portal's launch URL) needs to know who signed in; any other user type is refused. Without ``fhirUser``
a launch of the workspace opens it as before (the EHR vouches for its users).
"""

from __future__ import annotations

from enum import StrEnum

from smart_app.errors import LaunchError
from smart_app.scopes import Permissions


class Audience(StrEnum):
    CLINICIAN = "clinician"
    CLIENT = "client"


PROFESSIONAL_TYPES = ("Practitioner", "PractitionerRole")


def user_type(fhir_user: str) -> str:
    """The resource type of a ``fhirUser`` reference: relative ``Type/id`` (nothing more) or an absolute URL ending in
    ``Type/id``; "" for anything else."""
    parts = fhir_user.rstrip("/").split("/")
    if "://" not in fhir_user and len(parts) != 2:
        return ""
    return parts[-2] if len(parts) >= 2 and parts[-1] else ""


def audience_of(fhir_user: str | None, patient: str, scope: str, *, asked_for_client: bool) -> Audience:
    """Whom the launch opens for; raises ``LaunchError`` for a user or a grant that does not fit."""
    if fhir_user is None:
        if asked_for_client:
            raise LaunchError("client_unknown", 403, "a launch of the client view without fhirUser")
        return Audience.CLINICIAN
    kind = user_type(fhir_user)
    if kind in PROFESSIONAL_TYPES:
        return Audience.CLINICIAN
    if kind != "Patient":
        raise LaunchError("user_type_unsupported", 403, f"fhirUser is a {kind or 'reference of no known type'}")
    if fhir_user != f"Patient/{patient}":
        raise LaunchError("client_other_patient", 403, "fhirUser is another Patient than the launch's patient")
    misfit = Permissions(scope).client_view_misfit()
    if misfit:
        raise LaunchError(misfit, 403)
    return Audience.CLIENT
