"""The generated FHIR package: layout, manifest, snapshots, terminology and coverage by the examples."""

from __future__ import annotations

import re
from typing import Any

import pytest
from paths import CANONICAL, EXAMPLE_DIR, PACKAGE_DIR, read_json, resource_files

EXPECTED_PROFILES = {
    "srh-network-member": "RelatedPerson",
    "srh-tie-assessment": "Observation",
    "srh-support-plan": "CarePlan",
    "srh-goal": "Goal",
    "srh-social-system": "CareTeam",
    "srh-involvement-consent": "Consent",
    "srh-relationship-rating": "Observation",
    "srh-provenance": "Provenance",
    "srh-plan-agreement": "Provenance",
    "srh-understanding": "Observation",
    "srh-need-assessment": "Observation",
    "srh-contact-moment": "Encounter",
    "srh-relationship-reflection": "Observation",
    "srh-outcome-score": "Observation",
    "srh-network-meeting": "Appointment",
    "srh-network-meeting-record": "Encounter",
}
EXPECTED_CODE_SYSTEMS = {
    "srh-core-action": {"connect", "understand", "secure", "strengthen"},
    "srh-need-fulfilment": {"not-met", "barely", "partly", "mostly", "fully"},
    "srh-basic-need": {
        "attachment",
        "belonging",
        "recognition",
        "care-exchange",
        "emotional-support",
    },
    "srh-network-sector": {"family", "work", "leisure", "school", "faith", "neighbourhood", "care-volunteers"},
    "srh-support-type": {"emotional", "practical", "informational", "companionship"},
    "srh-closeness": {"very-close", "close", "distant"},
    "srh-contact-frequency": {"daily", "weekly", "monthly", "few-times-a-year", "rarely"},
    "srh-reciprocity": {"member-gives", "client-gives", "mutual"},
    "srh-valence": {"supportive", "ambivalent", "straining"},
    "srh-provenance-activity": {"plan-agreed"},
    "srh-understanding-kind": {"what-matters", "strength", "barrier", "life-event"},
    "srh-contact-kind": {"face-to-face", "home-visit", "phone", "video"},
    "srh-instrument": {"djg-6", "djg-11", "ucla-3", "who-5"},
}


def test_manifest_declares_r4_and_pins_its_dependencies() -> None:
    manifest = read_json(PACKAGE_DIR / "package.json")
    assert manifest["name"] == "srh.fhir.r4"
    assert re.fullmatch(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?", manifest["version"])
    assert manifest["fhirVersions"] == ["4.0.1"]
    assert manifest["dependencies"] == {"hl7.fhir.r4.core": "4.0.1"}
    assert manifest["canonical"] == CANONICAL


@pytest.mark.parametrize("folder", [PACKAGE_DIR, EXAMPLE_DIR], ids=["package", "example"])
def test_index_lists_exactly_the_files_of_its_folder(folder: Any) -> None:
    index = read_json(folder / ".index.json")
    assert index["index-version"] == 1
    listed = {entry["filename"]: entry for entry in index["files"]}
    assert set(listed) == {p.name for p in resource_files(folder)}
    for name, entry in listed.items():
        resource = read_json(folder / name)
        assert (entry["resourceType"], entry["id"]) == (resource["resourceType"], resource["id"])


def test_every_expected_profile_is_there_with_a_snapshot(profiles: dict[str, dict[str, Any]]) -> None:
    found = {sd["id"]: sd["type"] for sd in profiles.values()}
    assert found.items() >= EXPECTED_PROFILES.items()
    for sd in profiles.values():
        assert sd["derivation"] == "constraint"
        assert sd["fhirVersion"] == "4.0.1"
        assert sd["url"] == f"{CANONICAL}/StructureDefinition/{sd['id']}"
        assert len(sd["snapshot"]["element"]) >= len(sd["differential"]["element"])


def test_extensions_have_snapshots_and_a_context(conformance: list[dict[str, Any]]) -> None:
    extensions = [r for r in conformance if r["resourceType"] == "StructureDefinition" and r["type"] == "Extension"]
    assert extensions
    for sd in extensions:
        assert sd["snapshot"]["element"]
        assert sd["context"]


def test_own_code_systems_have_dutch_and_english_designations_and_definitions(
    conformance: list[dict[str, Any]],
) -> None:
    systems = {r["id"]: r for r in conformance if r["resourceType"] == "CodeSystem"}
    for system_id, codes in EXPECTED_CODE_SYSTEMS.items():
        assert {c["code"] for c in systems[system_id]["concept"]} == codes, system_id
    for system in systems.values():
        assert system["content"] == "complete"
        assert system["url"] == f"{CANONICAL}/CodeSystem/{system['id']}"
        for concept in system["concept"]:
            languages = {d["language"]: d["value"] for d in concept.get("designation", [])}
            assert set(languages) == {"nl", "en"}, (system["id"], concept["code"])
            assert all(value.strip() for value in languages.values())
            assert concept["display"] == languages["nl"]
            assert len(concept.get("definition", "")) > 10, (system["id"], concept["code"])


def test_every_binding_to_our_canonical_resolves_to_a_value_set_in_the_package(
    conformance: list[dict[str, Any]],
) -> None:
    value_sets = {r["url"] for r in conformance if r["resourceType"] == "ValueSet"}
    systems = {r["url"] for r in conformance if r["resourceType"] == "CodeSystem"}
    for sd in (r for r in conformance if r["resourceType"] == "StructureDefinition"):
        for element in sd["snapshot"]["element"]:
            value_set = element.get("binding", {}).get("valueSet", "").split("|")[0]
            if value_set.startswith(CANONICAL):
                assert value_set in value_sets, (sd["id"], element["id"])
    for vs in (r for r in conformance if r["resourceType"] == "ValueSet" and r["url"].startswith(CANONICAL)):
        for include in vs["compose"]["include"]:
            assert include["system"] in systems, vs["id"]


def test_no_slicing_or_invariant_needs_resolve(conformance: list[dict[str, Any]]) -> None:
    for sd in (r for r in conformance if r["resourceType"] == "StructureDefinition"):
        for element in sd["snapshot"]["element"]:
            for discriminator in element.get("slicing", {}).get("discriminator", []):
                assert "resolve()" not in discriminator["path"], (sd["id"], element["id"])
                assert discriminator["type"] in ("value", "pattern"), (sd["id"], element["id"])
            for constraint in element.get("constraint", []):
                if constraint["key"].startswith("srh-"):
                    assert "resolve()" not in constraint["expression"], constraint["key"]


def test_package_has_an_implementation_guide_and_a_client_capability_statement(
    conformance: list[dict[str, Any]],
) -> None:
    by_type = {r["resourceType"]: r for r in conformance}
    guide = by_type["ImplementationGuide"]
    assert guide["packageId"] == "srh.fhir.r4"
    assert guide["fhirVersion"] == ["4.0.1"]
    capability = by_type["CapabilityStatement"]
    assert capability["kind"] == "requirements"
    assert capability["rest"][0]["mode"] == "client"
    profiled = {p for r in capability["rest"][0]["resource"] for p in r.get("supportedProfile", [])}
    assert profiled == {f"{CANONICAL}/StructureDefinition/{pid}" for pid in EXPECTED_PROFILES}


def test_concept_maps_reach_standard_code_systems(conformance: list[dict[str, Any]]) -> None:
    targets = {g["target"] for r in conformance if r["resourceType"] == "ConceptMap" for g in r["group"]}
    assert "http://terminology.hl7.org/CodeSystem/v3-RoleCode" in targets
    assert "http://snomed.info/sct" in targets
    assert any("icf" in t.lower() for t in targets)
    assert any(t.startswith("urn:oid:2.16.840.1.113883.2.4.3.11") for t in targets), "zib code lists"
