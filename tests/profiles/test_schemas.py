"""The generated JSON Schemas in profiles/schemas/: valid 2020-12 schemas that accept conformant instances and
reject the structural mistakes they are meant to catch."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_DIR = ROOT / "profiles" / "schemas"
BASE = "https://srh-fhir.github.io/fhir/schemas/"
CANONICAL = "https://srh-fhir.github.io/fhir"
PROFILES = (
    "srh-goal",
    "srh-involvement-consent",
    "srh-network-meeting",
    "srh-network-meeting-record",
    "srh-network-member",
    "srh-plan-agreement",
    "srh-provenance",
    "srh-need-assessment",
    "srh-relationship-rating",
    "srh-social-system",
    "srh-support-plan",
    "srh-tie-assessment",
    "srh-understanding",
    "srh-contact-moment",
    "srh-relationship-reflection",
    "srh-outcome-score",
)
OBS_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
SRH_OBS = f"{CANONICAL}/CodeSystem/srh-observation"
ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"

Instance = dict[str, Any]


def load_schemas() -> dict[str, dict[str, Any]]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.schema.json"))}


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict[str, Any]]:
    return load_schemas()


@pytest.fixture(scope="module")
def registry(schemas: dict[str, dict[str, Any]]) -> Registry:
    return Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())


def errors(registry: Registry, profile: str, instance: Instance) -> list[ValidationError]:
    validator = Draft202012Validator(registry.contents(f"{BASE}{profile}.schema.json"), registry=registry)
    return list(validator.iter_errors(instance))


def all_errors(found: list[ValidationError]) -> Iterator[ValidationError]:
    """Errors with the sub-errors of oneOf/anyOf/if-then, where the specific reason sits."""
    for error in found:
        yield error
        yield from all_errors(list(error.context or []))


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from refs(value)


def coding(system: str, code: str) -> dict[str, Any]:
    return {"coding": [{"system": system, "code": code}]}


def network_member() -> Instance:
    return {
        "resourceType": "RelatedPerson",
        "id": "anja",
        "meta": {"profile": [f"{CANONICAL}/StructureDefinition/srh-network-member"]},
        "extension": [
            {
                "url": f"{CANONICAL}/StructureDefinition/srh-network-sector",
                "valueCoding": {"system": f"{CANONICAL}/CodeSystem/srh-network-sector", "code": "family"},
            }
        ],
        "active": True,
        "patient": {"reference": "Patient/ingrid"},
        "relationship": [{"coding": [{"system": ROLE_CODE, "code": "SIS"}], "text": "zus"}],
        "name": [{"given": ["Anja"], "family": "de Vries"}],
        "period": {"start": "2019-05-01"},
    }


def tie_component(code: str, system: str, value: str) -> dict[str, Any]:
    return {"code": coding(SRH_OBS, code), "valueCodeableConcept": coding(f"{CANONICAL}/CodeSystem/{system}", value)}


def tie_assessment() -> Instance:
    return {
        "resourceType": "Observation",
        "meta": {"profile": [f"{CANONICAL}/StructureDefinition/srh-tie-assessment"]},
        "status": "final",
        "category": [coding(OBS_CATEGORY, "social-history")],
        "code": coding(SRH_OBS, "tie-assessment"),
        "subject": {"reference": "Patient/ingrid"},
        "focus": [{"reference": "RelatedPerson/anja"}],
        "effectiveDateTime": "2026-03-02T10:00:00+01:00",
        "component": [
            tie_component("closeness", "srh-closeness", "very-close"),
            tie_component("support-given", "srh-support-type", "emotional"),
            tie_component("support-given", "srh-support-type", "practical"),
            {"code": coding(SRH_OBS, "valence"), "dataAbsentReason": {"text": "not asked"}},
        ],
    }


def support_plan() -> Instance:
    return {
        "resourceType": "CarePlan",
        "meta": {"profile": [f"{CANONICAL}/StructureDefinition/srh-support-plan"]},
        "status": "active",
        "intent": "plan",
        "category": [coding(f"{CANONICAL}/CodeSystem/srh-category", "support-plan")],
        "subject": {"reference": "Patient/ingrid"},
        "goal": [{"reference": "Goal/coffee-with-anja"}],
        "activity": [
            {
                "detail": {
                    "code": coding(f"{CANONICAL}/CodeSystem/srh-core-action", "connect"),
                    "status": "in-progress",
                    "performer": [{"reference": "RelatedPerson/anja"}],
                    "description": "Anja drinkt elke week koffie met Ingrid.",
                }
            }
        ],
    }


def relationship_rating() -> Instance:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [coding(OBS_CATEGORY, "survey")],
        "code": coding(SRH_OBS, "relationship-rating"),
        "subject": {"reference": "Patient/ingrid"},
        "effectiveDateTime": "2026-03-24",
        "component": [
            {"code": coding(SRH_OBS, "rating-presence"), "valueInteger": 4},
            {"code": coding(SRH_OBS, "rating-overall"), "valueInteger": 8},
        ],
    }


def goal() -> Instance:
    return {
        "resourceType": "Goal",
        "lifecycleStatus": "active",
        "category": [coding(f"{CANONICAL}/CodeSystem/srh-core-action", "connect")],
        "description": {"text": "Elke week koffie met Anja"},
        "subject": {"reference": "Patient/ingrid"},
    }


VALID: dict[str, Callable[[], Instance]] = {
    "srh-network-member": network_member,
    "srh-tie-assessment": tie_assessment,
    "srh-support-plan": support_plan,
    "srh-relationship-rating": relationship_rating,
    "srh-goal": goal,
}


def test_one_schema_per_profile_and_the_datatypes(schemas: dict[str, dict[str, Any]]) -> None:
    assert set(schemas) == {f"{p}.schema.json" for p in PROFILES} | {"fhir-datatypes.schema.json"}
    assert (SCHEMA_DIR / "README.md").is_file()


@pytest.mark.parametrize("name", sorted(load_schemas()))
def test_schema_is_valid_draft_2020_12_with_its_id(name: str, schemas: dict[str, dict[str, Any]]) -> None:
    schema = schemas[name]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == BASE + name
    Draft202012Validator.check_schema(schema)
    text = (SCHEMA_DIR / name).read_text(encoding="utf-8")
    assert text == json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_every_reference_resolves(schemas: dict[str, dict[str, Any]], registry: Registry) -> None:
    for schema in schemas.values():
        resolver = registry.resolver(base_uri=schema["$id"])
        for ref in set(refs(schema)):
            resolver.lookup(ref)  # raises when unresolvable


def test_profile_schemas_require_the_resource_type(schemas: dict[str, dict[str, Any]]) -> None:
    for profile in PROFILES:
        schema = schemas[f"{profile}.schema.json"]
        assert "resourceType" in schema["required"]
        assert schema["additionalProperties"] is False


@pytest.mark.parametrize("profile", sorted(VALID))
def test_valid_instance_passes(profile: str, registry: Registry) -> None:
    assert [e.message for e in errors(registry, profile, VALID[profile]())] == []


def test_primitive_present_only_through_its_extension_counts(registry: Registry) -> None:
    instance = network_member()
    del instance["active"]
    instance["_active"] = {"extension": [{"url": "http://example.org/reason", "valueString": "unknown"}]}
    assert errors(registry, "srh-network-member", instance) == []


def drop(key: str) -> Callable[[Instance], None]:
    return lambda i: i.pop(key)


def put(key: str, value: Any) -> Callable[[Instance], None]:
    return lambda i: i.__setitem__(key, value)


def set_first_component_code(code: str) -> Callable[[Instance], None]:
    return lambda i: i["component"][0]["valueCodeableConcept"]["coding"][0].__setitem__("code", code)


INVALID: list[tuple[str, str, Callable[[Instance], None], str, str]] = [
    # (case, profile, mutation, expected error path prefix, expected words in a message)
    ("missing patient", "srh-network-member", drop("patient"), "$", "'patient' is a required property"),
    ("missing active", "srh-network-member", drop("active"), "$", "'active' is a required property"),
    ("missing effective", "srh-tie-assessment", drop("effectiveDateTime"), "$", "'effectiveDateTime' is a required"),
    (
        "missing category slice",
        "srh-tie-assessment",
        put("category", [coding(OBS_CATEGORY, "survey")]),
        "$.category",
        "does not contain",
    ),
    (
        "wrong closeness code",
        "srh-tie-assessment",
        set_first_component_code("super-close"),
        "$.component[0].valueCodeableConcept",
        "is not one of",
    ),
    (
        "wrong sector code",
        "srh-network-member",
        lambda i: i["extension"][0]["valueCoding"].__setitem__("code", "moon"),
        "$.extension[0].valueCoding.code",
        "is not one of",
    ),
    (
        "wrong core action",
        "srh-support-plan",
        lambda i: i["activity"][0]["detail"]["code"]["coding"][0].__setitem__("code", "verbinden"),
        "$.activity[0].detail.code",
        "is not one of",
    ),
    ("unknown property", "srh-network-member", put("nickname", "Anja"), "$", "'nickname' was unexpected"),
    (
        "unknown nested property",
        "srh-support-plan",
        put("subject", {"ref": "Patient/ingrid"}),
        "$.subject",
        "'ref' was unexpected",
    ),
    ("value[x] forbidden by profile", "srh-tie-assessment", put("valueString", "close"), "$", "'valueString' was"),
    (
        "slice allows only CodeableConcept",
        "srh-tie-assessment",
        lambda i: i["component"][0].update({"valueString": "close"}) or i["component"][0].pop("valueCodeableConcept"),
        "$.component[0]",
        "'valueString' was unexpected",
    ),
    (
        "two value[x] types",
        "srh-relationship-rating",
        lambda i: i["component"][0].update({"valueString": "4"}),
        "$.component[0]",
        "is valid under each of",
    ),
    ("boolean as string", "srh-network-member", put("active", "yes"), "$.active", "is not of type 'boolean'"),
    (
        "integer as string",
        "srh-relationship-rating",
        lambda i: i["component"][0].update({"valueInteger": "4"}),
        "$.component[0].valueInteger",
        "is not of type 'integer'",
    ),
    (
        "malformed dateTime",
        "srh-tie-assessment",
        put("effectiveDateTime", "2 maart 2026"),
        "$.effectiveDateTime",
        "does not match",
    ),
    ("empty string", "srh-support-plan", put("title", ""), "$.title", "does not match"),
    ("second active", "srh-network-member", put("active", [True, False]), "$.active", "is not of type 'boolean'"),
    (
        "second focus",
        "srh-tie-assessment",
        lambda i: i["focus"].append({"reference": "RelatedPerson/wim"}),
        "$.focus",
        "is too long",
    ),
    (
        "second closeness",
        "srh-tie-assessment",
        lambda i: i["component"].append(tie_component("closeness", "srh-closeness", "close")),
        "$.component",
        "Too many items match",
    ),
    ("empty array", "srh-network-member", put("name", []), "$.name", "should be non-empty"),
]


@pytest.mark.parametrize(("case", "profile", "mutate", "path", "words"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_instance_fails_for_the_right_reason(
    case: str, profile: str, mutate: Callable[[Instance], None], path: str, words: str, registry: Registry
) -> None:
    instance = copy.deepcopy(VALID[profile]())
    mutate(instance)
    found = errors(registry, profile, instance)
    assert found, f"{case}: accepted"
    reasons = [(e.json_path, e.message) for e in all_errors(found)]
    assert any(p.startswith(path) and words in m for p, m in reasons), reasons
