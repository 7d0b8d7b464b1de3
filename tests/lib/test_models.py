"""fhir.resources R4B models in and out of the mapping (srh_fhir.models), without loss."""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

import pytest
from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.resource import Resource
from fhir.resources.relatedperson import RelatedPerson as R5RelatedPerson
from hypothesis import given
from hypothesis import strategies as st
from paths import mapped_examples
from strategies import MAPPING_SETTINGS, domain_objects, enriched

from srh_fhir.datatypes import FhirDateTime
from srh_fhir.errors import MappingError
from srh_fhir.mapping import from_fhir, to_fhir
from srh_fhir.model import DomainObject
from srh_fhir.models import from_model, to_model

EXAMPLES = mapped_examples()


def model_of(resource: dict[str, Any]) -> Resource:
    """What an integrator holds: the R4B model parsed from the JSON."""
    model = get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    assert isinstance(model, Resource)
    return model


def json_of(model: Resource) -> Any:
    return json.loads(model.model_dump_json(by_alias=True, exclude_none=True))


def same_json(a: Any, b: Any) -> bool:
    """Equal as JSON documents (``==`` would take 1 for true and 2 for 2.0)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def same_but_date_time_spelling(a: Any, b: Any) -> bool:
    """Equal as JSON documents, except date-times that are spelled differently but name the same moment."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_but_date_time_spelling(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(map(same_but_date_time_spelling, a, b))
    if isinstance(a, str) and isinstance(b, str) and a != b:
        try:
            return FhirDateTime(a).to_datetime() == FhirDateTime(b).to_datetime()
        except ValueError:
            return False
    return same_json(a, b)


@pytest.mark.parametrize("resource", EXAMPLES, ids=lambda r: r["id"])
def test_every_example_goes_through_a_model_and_back_unchanged(resource: dict[str, Any]) -> None:
    obj = from_model(model_of(resource))
    assert obj == from_fhir(resource)
    model = to_model(obj)
    assert isinstance(model, get_fhir_model_class(resource["resourceType"]))
    assert same_json(json_of(model), resource)


@MAPPING_SETTINGS
@given(domain_objects)
def test_domain_objects_survive_a_model(obj: DomainObject) -> None:
    back = from_model(to_model(obj))
    assert same_but_date_time_spelling(to_fhir(back), to_fhir(obj))
    assert from_model(to_model(back)) == back


@MAPPING_SETTINGS
@given(st.sampled_from(EXAMPLES).flatmap(lambda resource: enriched(resource, valid_fhir=True)))
def test_models_with_unknown_content_map_back_exactly(resource: dict[str, Any]) -> None:
    model = model_of(resource)
    back = to_model(from_model(model))
    assert back == model
    assert same_json(json_of(back), json_of(model))
    assert same_but_date_time_spelling(json_of(back), resource)


def test_fhir_resources_keeps_date_times_to_the_microsecond_only() -> None:
    resource = EXAMPLES[0] | {"meta": {**EXAMPLES[0]["meta"], "lastUpdated": "2026-04-01T12:00:00.5+00:00"}}
    assert json_of(to_model(from_model(model_of(resource))))["meta"]["lastUpdated"] == "2026-04-01T12:00:00.500000Z"


def test_an_r5_model_is_refused() -> None:
    member = next(r for r in EXAMPLES if r["resourceType"] == "RelatedPerson")
    r5_model = R5RelatedPerson.model_validate(member)
    with pytest.raises(TypeError, match=r"expected a fhir\.resources\.R4B model, got fhir\.resources\.relatedperson\."):
        from_model(r5_model)  # type: ignore[arg-type]


def test_what_fhir_resources_refuses_in_the_extras_is_a_mapping_error() -> None:
    member = next(r for r in EXAMPLES if r["resourceType"] == "RelatedPerson")
    broken = copy.deepcopy(member)
    modifier = {"url": "https://example.org/fhir/StructureDefinition/x", "valueString": "y"}
    broken["extension"][0]["valueCoding"]["modifierExtension"] = [modifier]  # FHIR allows none in a Coding
    obj = from_fhir(broken)  # the mapping keeps it in extras; a model cannot hold it
    with pytest.raises(MappingError, match=r"^RelatedPerson\.extension\[0\]\.valueCoding\.modifierExtension: fhir"):
        to_model(obj)


def test_without_fhir_resources_a_call_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name == "fhir" or name.startswith("fhir.")]:
        monkeypatch.setitem(sys.modules, name, None)
    obj = from_fhir(EXAMPLES[0])
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'srh-fhir\[models\]'"):
        to_model(obj)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'srh-fhir\[models\]'"):
        from_model(object())  # type: ignore[arg-type]
