"""A network member entered by mistake versus a tie that ended: both shapes map back exactly, keep what the library
does not model, and are valid against the srh-network-member profile."""

from __future__ import annotations

import dataclasses
from typing import Any

from srh_fhir.datatypes import CodeableConcept, FhirDate, Period
from srh_fhir.mapping import network_member_from_fhir, network_member_to_fhir
from srh_fhir.mapping.network_member import ENTERED_IN_ERROR_TAG
from srh_fhir.model import NetworkMember
from srh_fhir.validation import Validator, has_errors

CURRENT = NetworkMember(
    id="m1",
    patient="Patient/p1",
    relationships=(CodeableConcept(text="buurman"),),
    period=Period(start=FhirDate("2024-03-01"), end=None),
)
ENDED = dataclasses.replace(
    CURRENT, active=False, period=Period(start=FhirDate("2024-03-01"), end=FhirDate("2026-11-01"))
)
MISTAKE = dataclasses.replace(CURRENT, active=False, entered_in_error=True)


def test_a_member_entered_by_mistake_carries_the_nullified_tag() -> None:
    resource = network_member_to_fhir(MISTAKE)
    assert resource["meta"]["tag"] == [ENTERED_IN_ERROR_TAG] and resource["active"] is False
    assert ENTERED_IN_ERROR_TAG["system"] == "http://terminology.hl7.org/CodeSystem/v3-ActStatus"
    assert "tag" not in network_member_to_fhir(ENDED)["meta"]


def test_both_shapes_map_back_exactly() -> None:
    for member in (CURRENT, ENDED, MISTAKE):
        resource = network_member_to_fhir(member)
        back = network_member_from_fhir(resource)
        assert back.entered_in_error is member.entered_in_error
        assert network_member_to_fhir(back) == resource


def test_other_tags_and_a_server_version_are_kept() -> None:
    resource: dict[str, Any] = network_member_to_fhir(MISTAKE)
    resource["meta"] = {
        **resource["meta"],
        "versionId": "4",
        "tag": [{"system": "urn:x", "code": "y"}, *resource["meta"]["tag"]],
    }
    member = network_member_from_fhir(resource)
    assert member.entered_in_error
    assert network_member_to_fhir(member) == resource


def test_a_tag_with_another_code_is_not_an_error() -> None:
    resource = network_member_to_fhir(ENDED)
    resource["meta"]["tag"] = [{"system": ENTERED_IN_ERROR_TAG["system"], "code": "completed"}]
    assert not network_member_from_fhir(resource).entered_in_error


def test_both_shapes_are_valid_against_the_profile(validator: Validator) -> None:
    for member in (ENDED, MISTAKE):
        outcome = validator.validate(network_member_to_fhir(member))
        assert not has_errors(outcome), outcome
    # srh-nm-2: a tie that ended needs its end date; a member entered by mistake never had a tie, so needs none
    assert "end" not in network_member_to_fhir(MISTAKE)["period"]
    ended_without_end = network_member_to_fhir(dataclasses.replace(ENDED, period=CURRENT.period))
    assert has_errors(validator.validate(ended_without_end))
