"""Reading a CapabilityStatement for what srh-fhir needs (``srh_fhir.capabilities``)."""

from __future__ import annotations

from typing import Any

from srh_fhir import repository
from srh_fhir.capabilities import INCLUDES, REVINCLUDES, TYPE_NEEDS, Claims, TypeNeed


def statement(**rest: Any) -> dict[str, Any]:
    member = {
        "type": "RelatedPerson",
        "interaction": [{"code": "read"}, {"code": "search-type"}, {"code": "create"}],
        "searchParam": [{"name": "patient", "type": "reference"}],
        "searchRevInclude": ["Observation:focus"],
        "versioning": "versioned-update",
        "conditionalCreate": True,
    }
    return {
        "resourceType": "CapabilityStatement",
        "fhirVersion": "4.0.1",
        "software": {"name": "Example FHIR", "version": "1.2"},
        "rest": [{"mode": "server", "resource": [member, {"type": "Observation", "searchInclude": ["*"]}], **rest}],
    }


def test_the_claims_per_type() -> None:
    claims = Claims.of(statement(interaction=[{"code": "transaction"}]))
    assert (claims.fhir_version, claims.software, claims.r4) == ("4.0.1", "Example FHIR 1.2", True)
    assert claims.system_interactions == {"transaction"}
    assert claims.missing_interactions(TypeNeed("RelatedPerson", ("read", "update", "create"))) == ["update"]
    assert claims.missing_interactions(TypeNeed("Goal", ("read",))) == ["read"]
    assert claims.claims_search_param("RelatedPerson", "patient")
    assert not claims.claims_search_param("RelatedPerson", "name")
    assert claims.versioned("RelatedPerson") and claims.version_aware_update("RelatedPerson")
    assert not claims.versioned("Observation")
    assert claims.resource("RelatedPerson").conditional_create


def test_id_and_last_updated_count_for_every_searchable_type_unless_listed() -> None:
    claims = Claims.of(statement())
    assert claims.claims_search_param("RelatedPerson", "_lastUpdated")
    assert not claims.claims_search_param("Observation", "_lastUpdated")  # Observation lists no search-type
    assert Claims.of(statement(searchParam=[{"name": "_tag"}])).claims_search_param("Observation", "_tag")


def test_includes_and_revincludes_as_listed_or_by_wildcard() -> None:
    claims = Claims.of(statement())
    assert claims.claims_revinclude("RelatedPerson", "Observation", "focus")
    assert not claims.claims_revinclude("Patient", "RelatedPerson", "patient")
    assert claims.claims_include("Observation", "performer")
    assert not claims.claims_include("CarePlan", "performer")


def test_smart_is_claimed_by_the_service_code_or_the_oauth_uris_extension() -> None:
    service = {"service": [{"coding": [{"code": "SMART-on-FHIR"}]}]}
    extension = {"extension": [{"url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"}]}
    assert Claims.of(statement(security=service)).smart
    assert Claims.of(statement(security=extension)).smart
    assert not Claims.of(statement(security={"cors": True})).smart


def test_a_statement_without_rest_claims_nothing() -> None:
    claims = Claims.of({"resourceType": "CapabilityStatement", "fhirVersion": "3.0.2"})
    assert not claims.r4
    assert claims.missing_interactions(TYPE_NEEDS[0]) == list(TYPE_NEEDS[0].interactions)


def test_the_needs_cover_what_the_repository_asks_for() -> None:
    needs = {n.resource_type: n for n in TYPE_NEEDS}
    links = [*repository.PATIENT_LINKS, repository.MEMBER_LINK, repository.PROVENANCE_LINK]
    for kind, param in links:
        assert param in needs[kind].search_params, (kind, param)
        assert "search-type" in needs[kind].interactions
    assert set(repository.PROFESSIONAL_INCLUDES) <= set(INCLUDES)
    revincluded = {link for links in REVINCLUDES.values() for link in links}
    assert {*repository.PATIENT_LINKS, repository.MEMBER_LINK} <= revincluded
    assert set(repository.PROFESSIONAL_TYPES) <= set(needs)
