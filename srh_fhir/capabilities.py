"""What srh-fhir asks of a FHIR server, and what a server's CapabilityStatement claims of it.

``TYPE_NEEDS`` lists, per resource type, the interactions and search parameters the library's requests use
(``repository``, ``client_repository``, ``client``); ``Claims`` reads a CapabilityStatement into the answers to
"does the server say it can". Servers claim what they do not do, so ``srh_fhir.doctor`` probes the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from srh_fhir.terminology import CANONICAL

SMART_OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"
WRITE = ("read", "search-type", "create", "update")
# Search parameters every resource type has (FHIR R4 3.1.1.4.1): a statement need not list them per type.
COMMON_SEARCH_PARAMS = frozenset({"_id", "_lastUpdated"})


@dataclass(frozen=True)
class TypeNeed:
    """What srh-fhir does with one resource type: interactions and the search parameters it sends."""

    resource_type: str
    interactions: tuple[str, ...]
    search_params: tuple[str, ...] = ()


# The client's Patient is the EHR's: read and found, never written. Professionals come by ``_include`` or a read.
TYPE_NEEDS: tuple[TypeNeed, ...] = (
    TypeNeed("Patient", ("read", "search-type"), ("_id",)),
    TypeNeed("RelatedPerson", WRITE, ("patient",)),
    TypeNeed("Observation", WRITE, ("subject", "focus", "code")),
    TypeNeed("CarePlan", WRITE, ("subject",)),
    TypeNeed("Goal", WRITE, ("subject",)),
    TypeNeed("CareTeam", WRITE, ("subject",)),
    TypeNeed("Consent", WRITE, ("patient",)),
    TypeNeed("Provenance", ("read", "search-type", "create"), ("target",)),
    TypeNeed("Encounter", WRITE, ("patient", "type")),
    TypeNeed("Appointment", WRITE, ("patient", "service-type")),
    TypeNeed("Practitioner", ("read",)),
    TypeNeed("PractitionerRole", ("read",)),
    TypeNeed("Organization", ("read",)),
)
# (source type, search parameter) of the ``_include`` and ``_revinclude`` values srh-fhir sends.
INCLUDES: tuple[tuple[str, str], ...] = (
    ("CarePlan", "performer"),
    ("CareTeam", "participant"),
    ("Consent", "actor"),
    ("Consent", "organization"),
    ("Observation", "performer"),
)
# _revinclude from the Patient of what points at it, and from the network members of their tie assessments.
REVINCLUDES: Mapping[str, tuple[tuple[str, str], ...]] = {
    "Patient": (
        ("RelatedPerson", "patient"),
        ("CarePlan", "subject"),
        ("Goal", "subject"),
        ("CareTeam", "subject"),
        ("Consent", "patient"),
        ("Provenance", "target"),
    ),
    "RelatedPerson": (("Observation", "focus"),),
}


@dataclass(frozen=True)
class ResourceClaims:
    """What a statement's ``rest.resource`` entry claims for one type (empty when the type is not listed)."""

    interactions: frozenset[str] = frozenset()
    search_params: frozenset[str] = frozenset()
    includes: frozenset[str] = frozenset()
    revincludes: frozenset[str] = frozenset()
    versioning: str | None = None
    conditional_create: bool = False
    conditional_update: bool = False
    profiles: frozenset[str] = frozenset()

    @classmethod
    def of(cls, entry: Mapping[str, Any]) -> ResourceClaims:
        return cls(
            interactions=frozenset(str(i.get("code")) for i in entry.get("interaction", [])),
            search_params=frozenset(str(p.get("name")) for p in entry.get("searchParam", [])),
            includes=frozenset(entry.get("searchInclude", [])),
            revincludes=frozenset(entry.get("searchRevInclude", [])),
            versioning=entry.get("versioning"),
            conditional_create=bool(entry.get("conditionalCreate")),
            conditional_update=bool(entry.get("conditionalUpdate")),
            profiles=frozenset([*entry.get("supportedProfile", []), *filter(None, [entry.get("profile")])]),
        )


@dataclass(frozen=True)
class Claims:
    """A CapabilityStatement read for what srh-fhir needs (its first ``rest`` of mode server)."""

    fhir_version: str | None = None
    software: str | None = None
    system_interactions: frozenset[str] = frozenset()
    common_search_params: frozenset[str] = frozenset()
    smart: bool = False
    operations: frozenset[str] = frozenset()
    resources: Mapping[str, ResourceClaims] = field(default_factory=dict)

    @classmethod
    def of(cls, statement: Mapping[str, Any]) -> Claims:
        rests = [r for r in statement.get("rest", []) if r.get("mode", "server") == "server"]
        rest: Mapping[str, Any] = rests[0] if rests else {}
        software = statement.get("software") or {}
        name = " ".join(str(software[k]) for k in ("name", "version") if software.get(k)) or None
        entries = rest.get("resource", [])
        operations = {str(o.get("name")) for o in rest.get("operation", [])}
        operations |= {str(o.get("name")) for e in entries for o in e.get("operation", [])}
        return cls(
            fhir_version=statement.get("fhirVersion"),
            software=name,
            system_interactions=frozenset(str(i.get("code")) for i in rest.get("interaction", [])),
            common_search_params=frozenset(str(p.get("name")) for p in rest.get("searchParam", [])),
            smart=_claims_smart(rest.get("security") or {}),
            operations=frozenset(operations),
            resources={str(e.get("type")): ResourceClaims.of(e) for e in entries},
        )

    def resource(self, resource_type: str) -> ResourceClaims:
        return self.resources.get(resource_type, ResourceClaims())

    def missing_interactions(self, need: TypeNeed) -> list[str]:
        claimed = self.resource(need.resource_type).interactions
        return [i for i in need.interactions if i not in claimed]

    def claims_search_param(self, resource_type: str, name: str) -> bool:
        """Listed for the type or for every type; ``_id`` and ``_lastUpdated`` count for any searchable type."""
        claimed = self.resource(resource_type)
        if name in claimed.search_params or name in self.common_search_params:
            return True
        return name in COMMON_SEARCH_PARAMS and "search-type" in claimed.interactions

    def claims_include(self, source: str, param: str) -> bool:
        values = self.resource(source).includes
        return f"{source}:{param}" in values or "*" in values

    def claims_revinclude(self, target: str, source: str, param: str) -> bool:
        values = self.resource(target).revincludes
        return f"{source}:{param}" in values or "*" in values

    @property
    def r4(self) -> bool:
        return str(self.fhir_version or "").startswith("4.0.")

    def versioned(self, resource_type: str) -> bool:
        return self.resource(resource_type).versioning in ("versioned", "versioned-update")

    def version_aware_update(self, resource_type: str) -> bool:
        """``versioned-update``: the server checks ``If-Match`` on an update."""
        return self.resource(resource_type).versioning == "versioned-update"

    def knows_our_profiles(self) -> bool:
        return any(p.startswith(f"{CANONICAL}/") for r in self.resources.values() for p in r.profiles)


def _claims_smart(security: Mapping[str, Any]) -> bool:
    services = [c for s in security.get("service", []) for c in s.get("coding", [])]
    if any(c.get("code") == "SMART-on-FHIR" for c in services):
        return True
    return any(e.get("url") == SMART_OAUTH_URIS for e in security.get("extension", []))


__all__ = ["INCLUDES", "REVINCLUDES", "TYPE_NEEDS", "Claims", "ResourceClaims", "TypeNeed"]
