"""The Bundle and version helpers of srh_fhir.bundle."""

from __future__ import annotations

from urllib.parse import parse_qsl

import pytest

from srh_fhir import bundle as bundles


@pytest.mark.parametrize(("etag", "version"), [('W/"3"', "3"), ('"12"', "12"), ("W/7", "7"), ("", None), (None, None)])
def test_version_from_etag(etag: str | None, version: str | None) -> None:
    assert bundles.version_from_etag(etag) == version


@pytest.mark.parametrize(
    ("location", "kind", "resource_id", "version"),
    [
        ("http://x/fhir/Patient/12/_history/3", "Patient", "12", "3"),
        ("Goal/g1/_history/1", "Goal", "g1", "1"),
        ("http://x/fhir/Goal/g1", "Goal", "g1", None),
        ("http://x/fhir/Goal/g1", "Patient", None, None),
        (None, "Goal", None, None),
    ],
)
def test_ids_and_versions_from_locations(
    location: str | None, kind: str, resource_id: str | None, version: str | None
) -> None:
    assert bundles.id_from_location(location, kind) == resource_id
    assert bundles.version_from_location(location) == version


def test_update_entries_carry_if_match_only_when_the_version_is_known() -> None:
    stored = {"resourceType": "Goal", "id": "g1", "meta": {"versionId": "4"}}
    assert bundles.entry_for_update(stored)["request"] == {"method": "PUT", "url": "Goal/g1", "ifMatch": 'W/"4"'}
    assert bundles.entry_for_update({"resourceType": "Goal", "id": "g1"})["request"] == {
        "method": "PUT",
        "url": "Goal/g1",
    }


def test_full_urls_are_filled_in_for_entries_with_resources() -> None:
    bundle = bundles.make_bundle(
        "transaction",
        [
            {"resource": {"resourceType": "Goal", "id": "g1"}, "request": {"method": "PUT", "url": "Goal/g1"}},
            {"resource": {"resourceType": "Goal"}, "request": {"method": "POST", "url": "Goal"}},
            {
                "fullUrl": "urn:uuid:kept",
                "resource": {"resourceType": "Goal"},
                "request": {"method": "POST", "url": "Goal"},
            },
            {"request": {"method": "DELETE", "url": "Goal/g2"}},
        ],
    )
    entries = bundles.with_full_urls(bundle, "https://ehr.example/fhir/")["entry"]
    assert entries[0]["fullUrl"] == "https://ehr.example/fhir/Goal/g1"
    assert entries[1]["fullUrl"].startswith("urn:uuid:")
    assert entries[2]["fullUrl"] == "urn:uuid:kept"
    assert "fullUrl" not in entries[3]


def test_with_version_sets_or_removes_the_version() -> None:
    resource = {"resourceType": "Goal", "id": "g1", "meta": {"versionId": "1", "source": "#a"}}
    assert bundles.with_version(resource, "2")["meta"] == {"versionId": "2", "source": "#a"}
    assert bundles.with_version({"resourceType": "Goal", "meta": {"versionId": "1"}}, None) == {"resourceType": "Goal"}
    assert resource["meta"]["versionId"] == "1"


def test_a_resource_without_id_has_no_reference() -> None:
    with pytest.raises(ValueError, match="without an id"):
        bundles.reference({"resourceType": "Goal"})


def test_search_entries_percent_encode_every_value() -> None:
    value = "https://x.example/cs|a&b=c#d?e, f"
    url = bundles.entry_for_read("Observation", [("code", value), ("_include", "Observation:performer")])["request"][
        "url"
    ]
    assert "://" not in url and "#" not in url and url.count("&") == 1
    path, query = url.split("?", 1)
    assert (path, parse_qsl(query)) == ("Observation", [("code", value), ("_include", "Observation:performer")])


def test_a_read_entry_without_parameters_is_the_path_alone() -> None:
    assert bundles.entry_for_read("Patient/p1") == {"request": {"method": "GET", "url": "Patient/p1"}}
