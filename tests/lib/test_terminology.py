"""The enums of srh_fhir.terminology mirror the CodeSystems of the profile package exactly."""

from __future__ import annotations

import re
from typing import Any

import pytest
from paths import CANONICAL, PACKAGE_DIR, read_json

from srh_fhir.errors import MappingError
from srh_fhir.terminology import (
    SRH_CODE_ENUMS,
    BasicNeed,
    Closeness,
    CoreAction,
    NetworkSector,
    SrhCode,
    TeamRole,
    code_system_of,
    from_coding,
    to_coding,
)


def code_systems() -> dict[str, dict[str, Any]]:
    return {cs["url"]: cs for cs in map(read_json, PACKAGE_DIR.glob("CodeSystem-*.json"))}


def test_every_code_system_of_the_package_has_an_enum() -> None:
    assert sorted(code_systems()) == sorted(enum.system for enum in SRH_CODE_ENUMS)


@pytest.mark.parametrize("enum", SRH_CODE_ENUMS, ids=lambda e: e.__name__)
def test_enum_has_exactly_the_codes_of_its_code_system(enum: type[SrhCode]) -> None:
    concepts = code_systems()[enum.system]["concept"]
    assert [member.value for member in enum] == [concept["code"] for concept in concepts]


@pytest.mark.parametrize("enum", SRH_CODE_ENUMS, ids=lambda e: e.__name__)
def test_labels_are_the_code_system_designations(enum: type[SrhCode]) -> None:
    concepts = {c["code"]: c for c in code_systems()[enum.system]["concept"]}
    for member in enum:
        designations = {d["language"]: d["value"] for d in concepts[member.value]["designation"]}
        assert member.label("nl") == designations["nl"]
        assert member.label("en") == designations["en"]
        assert member.display == concepts[member.value]["display"]


def test_labels_in_both_languages() -> None:
    assert BasicNeed.ATTACHMENT.label("nl") == "Hechting"
    assert BasicNeed.ATTACHMENT.label("en") == "Attachment"
    assert CoreAction.STRENGTHEN.label() == "Versterken"
    assert TeamRole.PRIMARY_PROFESSIONAL.label("en") == "Lead professional"


def test_closeness_knows_its_ring() -> None:
    assert [c.ring for c in Closeness] == [1, 2, 3]


def test_system_urls_are_canonical() -> None:
    assert NetworkSector.system == f"{CANONICAL}/CodeSystem/srh-network-sector"
    assert code_system_of(NetworkSector.system) is NetworkSector
    assert code_system_of("http://loinc.org") is None


def test_members_are_their_codes() -> None:
    assert CoreAction("connect") is CoreAction.CONNECT
    assert str(BasicNeed.CARE_EXCHANGE) == BasicNeed.CARE_EXCHANGE.code == "care-exchange"


def test_coding_round_trip() -> None:
    for member in BasicNeed:
        assert from_coding(to_coding(member), BasicNeed) is member
    assert to_coding(BasicNeed.BELONGING, display=False) == {"system": BasicNeed.system, "code": "belonging"}
    assert to_coding(BasicNeed.BELONGING)["display"] == "Erbij horen"


@pytest.mark.parametrize(
    ("coding", "path", "words"),
    [
        ({"system": CoreAction.system, "code": "hope"}, "X.coding[0].code", "unknown code 'hope'"),
        ({"system": BasicNeed.system, "code": "connect"}, "X.coding[0].system", CoreAction.system),
        ({"code": "connect"}, "X.coding[0].system", "got None"),
        ({"system": CoreAction.system, "code": 3}, "X.coding[0].code", "expected a code string"),
        ("connect", "X.coding[0]", "expected a Coding object"),
    ],
)
def test_unknown_codes_raise_mapping_errors_naming_the_path(coding: Any, path: str, words: str) -> None:
    with pytest.raises(MappingError, match=f"^{re.escape(path)}: .*{re.escape(words)}") as caught:
        from_coding(coding, CoreAction, "X.coding[0]")
    assert caught.value.path == path
    assert words in caught.value.message
