"""Property-based tests of the mapping: nothing is lost either way, whatever the resource carries."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from paths import mapped_examples
from strategies import MAPPING_SETTINGS, date_times, domain_objects, enriched

from srh_fhir.mapping import from_fhir, to_fhir
from srh_fhir.mapping.residue import diff, merge
from srh_fhir.model import DomainObject, FhirDateTime

EXAMPLES = mapped_examples()


@MAPPING_SETTINGS
@given(domain_objects)
def test_domain_objects_survive_fhir(obj: DomainObject) -> None:
    resource = to_fhir(obj)
    assert from_fhir(json.loads(json.dumps(resource))) == obj


@MAPPING_SETTINGS
@given(st.data())
def test_examples_with_unknown_content_map_back_exactly(data: st.DataObject) -> None:
    resource = data.draw(st.sampled_from(EXAMPLES).flatmap(enriched))
    obj = from_fhir(resource)
    assert to_fhir(obj) == resource
    assert from_fhir(to_fhir(obj)) == obj


# JSON without booleans: Python's 1 == True would make two different JSON documents look equal to the fast path
# of ``diff``; the mapping only compares modelled values, whose types it has checked.
json_leaves = st.one_of(st.none(), st.integers(-3, 3), st.sampled_from(["a", "b", "display", "code"]))
json_values = st.recursive(
    json_leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["a", "b", "code", "display"]), inner),
    max_leaves=25,
)


@MAPPING_SETTINGS
@given(json_values, json_values)
def test_a_patch_turns_any_json_into_any_other(original: Any, canonical: Any) -> None:
    patch = json.loads(json.dumps(diff(original, canonical)))
    assert merge(canonical, patch, False) == original


@MAPPING_SETTINGS
@given(st.lists(date_times, min_size=2, max_size=6))
def test_sorting_date_times_follows_their_instants(values: list[FhirDateTime]) -> None:
    ordered = sorted(values)
    instants = [v.to_datetime() for v in ordered]
    assert instants == sorted(instants)
    assert sorted(v.text for v in ordered) == sorted(v.text for v in values)
