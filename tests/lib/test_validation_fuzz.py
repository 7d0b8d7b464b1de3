"""Whatever JSON it is given, the validator answers with an OperationOutcome and loses nothing."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from paths import EXAMPLE_DIR, read_json, resource_files

from srh_fhir.validation import Validator

EXAMPLES = [read_json(p) for p in resource_files(EXAMPLE_DIR)]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += paths(item, (*prefix, i))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_replaced_value_gives_an_outcome(validator: Validator, data: st.DataObject) -> None:
    resource = copy.deepcopy(data.draw(st.sampled_from(EXAMPLES)))
    where = data.draw(st.sampled_from(paths(resource)))
    target = resource
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = data.draw(JSON_VALUES)
    before = json.dumps(resource, sort_keys=True)
    outcome = validator.validate(resource)
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["issue"]
    assert all(i["severity"] in ("fatal", "error", "warning", "information") for i in outcome["issue"])
    assert json.dumps(resource, sort_keys=True) == before
