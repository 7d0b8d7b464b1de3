"""Every exception srh_fhir raises, in one place.

Catch ``SrhFhirError`` to handle them all. The hierarchy::

    SrhFhirError
    ├── MappingError            FHIR JSON cannot become a domain object (names the element path)
    ├── ValidationError         a resource breaks the profiles (carries the OperationOutcome)
    ├── NetworkImportError      rows of a network spreadsheet are bad (lists every row and column)
    ├── FHIRConnectionError     the server cannot be reached or did not answer in time
    │   └── DeadlineExceeded    a call did not finish within its overall deadline (retries and waits included)
    ├── FHIRProtocolError       the answer is not usable FHIR (not JSON, too large, endless pages, off-host redirect)
    ├── CapabilityMissing       the server lacks what a call needs (e.g. transactions); nothing was written
    ├── FHIRHTTPError           the server answered with an HTTP error (carries status and OperationOutcome)
    │   ├── ResourceNotFound    404
    │   ├── ResourceGone        410: the resource was deleted
    │   ├── VersionConflict     409/412: somebody else changed the resource first
    │   │   └── PlanConflict    a plan (or its goals, members) changed since it was loaded; nothing was saved
    │   ├── InvalidResource     400/422: the server refused the resource
    │   └── ServerError         5xx
    └── AuthError               authorisation failed (SMART, OAuth2)
        └── TokenExpired        the access token expired and could not be refreshed

Errors that come from a FHIR server or from validation keep the OperationOutcome (a plain dict) so callers
can show the server's own words; ``str(error)`` is a one-line summary fit for a person.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from srh_fhir.bundle import reference

OperationOutcome = Mapping[str, Any]


class SrhFhirError(Exception):
    """Base of every error raised by srh_fhir."""


class MappingError(SrhFhirError):
    """FHIR JSON does not fit the domain model; ``path`` names the offending element (FHIRPath style)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def outcome_summary(outcome: OperationOutcome | None) -> str:
    """The first error-level diagnostics of an OperationOutcome, for a one-line message."""
    if not outcome:
        return ""
    issues = outcome.get("issue", [])
    for issue in sorted(issues, key=lambda i: i.get("severity") not in ("fatal", "error")):
        text = issue.get("diagnostics") or issue.get("details", {}).get("text")
        if text:
            where = ", ".join(issue.get("expression", [])[:1])
            return f"{where}: {text}" if where else str(text)
    return ""


class ValidationError(SrhFhirError):
    """A resource breaks the profiles; ``outcome`` is the OperationOutcome listing every issue."""

    def __init__(self, outcome: OperationOutcome) -> None:
        super().__init__(outcome_summary(outcome) or "the resource is not valid")
        self.outcome = outcome


@dataclass(frozen=True)
class RowProblem:
    """One bad cell of an imported spreadsheet (rows count from 1 for the header, as in a spreadsheet program)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column!r}: {self.message}"


class NetworkImportError(SrhFhirError):
    """A network spreadsheet has bad rows; nothing was produced. ``problems`` lists every bad cell."""

    def __init__(self, problems: Sequence[RowProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = list(problems)


class FHIRConnectionError(SrhFhirError):
    """The FHIR server could not be reached, or it did not answer within the timeout."""


class DeadlineExceeded(FHIRConnectionError):
    """A call did not finish within its overall deadline: a server that stalls or drips its answer, or that asks
    (``Retry-After``) to wait longer than the deadline allows."""


class FHIRHTTPError(SrhFhirError):
    """The FHIR server answered with an HTTP error status."""

    def __init__(self, status: int, outcome: OperationOutcome | None = None, message: str = "") -> None:
        summary = message or outcome_summary(outcome) or "no details from the server"
        super().__init__(f"HTTP {status}: {summary}")
        self.status = status
        self.outcome = outcome


class ResourceNotFound(FHIRHTTPError):
    """404: the resource does not exist (or is outside the patient's compartment)."""


class ResourceGone(FHIRHTTPError):
    """410: the resource was deleted."""


class VersionConflict(FHIRHTTPError):
    """409/412: the resource changed on the server since it was read.

    ``ours`` is what the caller tried to write and ``theirs`` the server's current version (when known), so a
    user interface can show both and lose nothing.
    """

    def __init__(
        self,
        status: int,
        outcome: OperationOutcome | None = None,
        message: str = "",
        ours: Mapping[str, Any] | None = None,
        theirs: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(status, outcome, message)
        self.ours = ours
        self.theirs = theirs


class PlanConflict(VersionConflict):
    """The plan (or one of its goals or members) changed on the server since it was loaded; nothing was written.

    ``ours``/``theirs`` are the first conflicting resource (the plan when it is among them); ``conflicts`` lists every
    (ours, theirs) pair, ``theirs`` being None for a resource deleted meanwhile.
    """

    def __init__(
        self, error: VersionConflict, conflicts: Sequence[tuple[Mapping[str, Any], Mapping[str, Any] | None]]
    ) -> None:
        ours, theirs = conflicts[0] if conflicts else (None, None)
        described = ", ".join(reference(o) for o, _ in conflicts) or "a resource"
        super().__init__(
            error.status,
            error.outcome,
            f"{described} changed on the server since it was loaded; nothing was saved",
            ours=ours,
            theirs=theirs,
        )
        self.conflicts = list(conflicts)


class InvalidResource(FHIRHTTPError):
    """400/422: the server refused the request or the resource."""


class ServerError(FHIRHTTPError):
    """5xx: the server failed."""


class FHIRProtocolError(SrhFhirError):
    """The server's answer cannot be used: a body that is not FHIR JSON or larger than the client's cap, a link or
    redirect that leaves the server's base URL, or a search that pages on without end."""


class CapabilityMissing(SrhFhirError):
    """The server lacks a capability a call needs (``capability``, e.g. ``transaction``): its CapabilityStatement says
    so, or it refused the call as unsupported. Nothing was written: an all-or-nothing change is never split into
    separate writes, which could leave it half saved."""

    def __init__(self, capability: str, base_url: str, how: str) -> None:
        super().__init__(
            f"the FHIR server at {base_url} does not support {capability} ({how}); nothing was saved: srh-fhir "
            "saves a change all or nothing, never in separate writes"
        )
        self.capability = capability
        self.base_url = base_url


class AuthError(SrhFhirError):
    """Authorisation failed: a refused token request, a bad JWT, an issuer that is not allowed.

    When a FHIR server refused the request (401/403), ``status`` and ``outcome`` carry its answer.
    """

    def __init__(self, message: str, status: int | None = None, outcome: OperationOutcome | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.outcome = outcome


class TokenExpired(AuthError):
    """The access token expired and no refresh was possible; the caller must authorise again."""
