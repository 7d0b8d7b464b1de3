"""The residue of a mapped resource is worked out only when needed, and then is what it always was."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest
from paths import EXAMPLE_DIR, read_json

from srh_fhir.datatypes import Residue
from srh_fhir.mapping import from_fhir, to_fhir
from srh_fhir.mapping import residue as residue_module


def _example() -> dict[str, Any]:
    resource: dict[str, Any] = read_json(EXAMPLE_DIR / "Observation-ingrid-tie-gerrit-2026-03-02.json")
    resource["identifier"] = [{"system": "https://ehr.example/ids", "value": "X-1"}]
    return resource


def test_reading_does_not_work_out_the_residue(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real_diff = residue_module.diff

    def counted_diff(original: object, canonical: object) -> object:
        calls.append(original)
        return real_diff(original, canonical)

    monkeypatch.setattr(residue_module, "diff", counted_diff)
    resource = _example()
    obj = from_fhir(resource)
    assert calls == []
    assert to_fhir(obj) == resource
    worked_out = len(calls)
    assert calls[0] is resource
    to_fhir(obj)
    assert len(calls) == worked_out  # once


def test_a_lazy_residue_equals_hashes_and_pickles_as_its_text() -> None:
    resource = _example()
    lazy, eager = from_fhir(resource), from_fhir(copy.deepcopy(resource))
    text = eager.extras.patch
    assert "X-1" in text
    assert lazy.extras == Residue(text) and hash(lazy.extras) == hash(Residue(text))
    assert repr(lazy.extras) == f"Residue(patch={text!r})"
    again = pickle.loads(pickle.dumps(from_fhir(resource)))
    assert again == eager and to_fhir(again) == resource
    assert copy.deepcopy(from_fhir(resource)) == eager


def test_a_residue_cannot_be_changed() -> None:
    residue = from_fhir(_example()).extras
    with pytest.raises(AttributeError, match="immutable"):
        residue.patch = ""  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        residue._patch = ""


def test_a_changed_object_keeps_the_residue_of_what_was_read() -> None:
    resource = _example()
    obj = from_fhir(resource)
    changed = dataclasses.replace(obj, id="another-id")
    written = to_fhir(changed)
    assert written["id"] == "another-id"
    assert written["identifier"] == resource["identifier"]
