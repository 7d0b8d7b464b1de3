"""SMART scopes, v1 (``patient/Observation.read``) and v2 (``patient/Observation.rs?category=x``) syntax.

v1 maps onto v2 as SMART App Launch 2 says: ``read`` = ``rs``, ``write`` = ``cud``, ``*`` = ``cruds``.
A v2 scope with ``?param=value`` narrows a search: it grants ``s`` only to searches that carry those parameters,
and grants no read, create, update or delete (the sandbox cannot evaluate search parameters on one resource).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qsl

PERMISSIONS = "cruds"
V1_PERMISSIONS = {"read": "rs", "write": "cud", "*": "cruds"}
CONTEXT_SCOPES = frozenset(
    {"openid", "fhirUser", "profile", "launch", "launch/patient", "launch/encounter", "offline_access", "online_access"}
)
WRITE_PERMISSIONS = frozenset("cud")
_RESOURCE_SCOPE = re.compile(r"^(patient|user|system)/(\*|[A-Z][A-Za-z]+)\.([a-z*]+)(?:\?(.*))?$")
_V2_PERMISSIONS = re.compile(r"^c?r?u?d?s?$")


class Access(enum.Enum):
    """How far a token reaches for one request: not at all, only the launch patient's compartment, or anywhere."""

    NONE = "none"
    PATIENT = "patient"
    USER = "user"


@dataclass(frozen=True)
class ResourceScope:
    """One resource scope, in v2 terms."""

    context: str  # patient, user or system
    resource_type: str  # a FHIR type or "*"
    permissions: frozenset[str]
    params: tuple[tuple[str, str], ...] = ()
    v1: bool = False

    def covers(self, resource_type: str, permission: str, search_params: Sequence[tuple[str, str]] = ()) -> bool:
        if self.resource_type not in ("*", resource_type) or permission not in self.permissions:
            return False
        if not self.params:
            return True
        return permission == "s" and all(pair in search_params for pair in self.params)

    def without_writes(self) -> ResourceScope | None:
        kept = self.permissions - WRITE_PERMISSIONS
        return ResourceScope(self.context, self.resource_type, frozenset(kept), self.params, self.v1) if kept else None

    def __str__(self) -> str:
        if self.v1:
            name = {frozenset("rs"): "read", frozenset("cud"): "write"}.get(self.permissions, "*")
            return f"{self.context}/{self.resource_type}.{name}"
        letters = "".join(p for p in PERMISSIONS if p in self.permissions)
        query = "&".join(f"{k}={v}" for k, v in self.params)
        return f"{self.context}/{self.resource_type}.{letters}" + (f"?{query}" if query else "")


def parse_resource_scope(scope: str) -> ResourceScope | None:
    """The resource scope in ``scope``; None for context scopes (``launch``, ``openid``...) and for nonsense."""
    match = _RESOURCE_SCOPE.match(scope)
    if not match:
        return None
    context, resource_type, permissions, query = match.groups()
    if permissions in V1_PERMISSIONS and query is None:
        return ResourceScope(context, resource_type, frozenset(V1_PERMISSIONS[permissions]), v1=True)
    if permissions and _V2_PERMISSIONS.match(permissions):
        params = tuple(parse_qsl(query, keep_blank_values=True)) if query else ()
        return ResourceScope(context, resource_type, frozenset(permissions), params)
    return None


def grantable(requested: Iterable[str], *, read_only: bool = False) -> tuple[str, ...]:
    """The scopes the sandbox grants of those requested: known context scopes and patient/user resource scopes
    (system scopes belong to backend services, not to a launch); with ``read_only`` the write parts are dropped."""
    granted: list[str] = []
    for scope in requested:
        if scope in CONTEXT_SCOPES:
            granted.append(scope)
            continue
        parsed = parse_resource_scope(scope)
        if parsed is None or parsed.context == "system":
            continue
        if read_only:
            parsed = parsed.without_writes()
            if parsed is None:
                continue
            scope = str(parsed)
        if scope not in granted:
            granted.append(scope)
    return tuple(granted)


# What the patient portal lets a patient change about themselves: add goals (and the plan that lists them, which
# their comments change too), consents and ratings, each with its change record. Nothing is ever deleted.
PATIENT_WRITES: dict[str, frozenset[str]] = {
    "Goal": frozenset("c"),
    "CarePlan": frozenset("cu"),
    "Consent": frozenset("c"),
    "Observation": frozenset("c"),
    "Provenance": frozenset("c"),
}


def for_patient_user(scopes: Iterable[str]) -> tuple[str, ...]:
    """``scopes`` as the portal grants them to a signed-in patient: writes narrowed to ``PATIENT_WRITES`` (in v2
    syntax when a v1 scope loses part of its writes), reads kept."""
    granted: list[str] = []
    for scope in scopes:
        parsed = parse_resource_scope(scope)
        if parsed is None:
            granted.append(scope)
            continue
        writes = parsed.permissions & WRITE_PERMISSIONS
        allowed = PATIENT_WRITES.get(parsed.resource_type, frozenset())
        if writes <= allowed:
            granted.append(scope)
            continue
        kept = (parsed.permissions - WRITE_PERMISSIONS) | (writes & allowed)
        if kept:
            granted.append(str(ResourceScope(parsed.context, parsed.resource_type, frozenset(kept), parsed.params)))
    return tuple(dict.fromkeys(granted))


def access(
    scopes: Iterable[str], resource_type: str, permission: str, search_params: Sequence[tuple[str, str]] = ()
) -> Access:
    """The widest access any of ``scopes`` gives to ``permission`` (one of c r u d s) on ``resource_type``."""
    best = Access.NONE
    for scope in scopes:
        parsed = parse_resource_scope(scope)
        if parsed is None or not parsed.covers(resource_type, permission, search_params):
            continue
        if parsed.context == "user":
            return Access.USER
        if parsed.context == "patient":
            best = Access.PATIENT
    return best


def has_write_scope(scopes: Iterable[str]) -> bool:
    return any((p := parse_resource_scope(s)) is not None and p.permissions & WRITE_PERMISSIONS for s in scopes)
