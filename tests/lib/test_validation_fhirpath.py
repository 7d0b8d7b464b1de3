"""The compiled FHIRPath closures give what fhirpathpy's interpreter gives: the same result or an error as well."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import fhirpathpy
import pytest
from fhirpathpy.engine.nodes import TypeInfo
from fhirpathpy.models import models
from paths import EXAMPLE_DIR, INVALID_DIR, read_json, resource_files

from srh_fhir.validation import Validator
from srh_fhir.validation.fhirpath import compile_expression
from srh_fhir.validation.invariants import OPTIONS
from srh_fhir.validation.native_fhirpath import Unsupported, compile_native
from srh_fhir.validation.native_fhirpath import evaluate as evaluate_native
from srh_fhir.validation.walker import Walker

RESOURCES = resource_files(EXAMPLE_DIR) + sorted(p for p in INVALID_DIR.rglob("*.json")
                                                if not p.name.endswith(".expected.json"))


def outcome(evaluate: Any, focus: Any, resource: Any) -> tuple[str, Any]:
    try:
        return "result", evaluate(focus, {"resource": resource, "rootResource": resource})
    except Exception as error:  # any error: the invariant counts as not failed
        return "error", type(error).__name__


def invariants_met(compile_other: Any) -> Iterator[tuple[str, Any, Any, Any, Any]]:
    """(expression, fhirpathpy's compiled form, ``compile_other``'s, focus, resource) of every invariant the walk meets
    in the examples and fixtures; each expression compiled once (those fhirpathpy cannot compile are left out, as the
    validator leaves them to HAPI)."""
    schema = Validator().schema
    compiled: dict[str, tuple[Any, Any] | None] = {}
    for path in RESOURCES:
        resource = read_json(path)
        if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
            continue
        walker = Walker(schema, resource)
        walker.check_resource(resource, resource["resourceType"])
        for constraint, focus, _ in walker.pending:
            expression = constraint.expression
            if expression not in compiled:
                try:
                    compiled[expression] = (fhirpathpy.compile(expression, models["r4"], OPTIONS),
                                            compile_other(expression))
                except Exception:
                    compiled[expression] = None
            if (pair := compiled[expression]) is not None:
                yield expression, pair[0], pair[1], focus, resource


def test_every_invariant_met_in_the_examples_and_fixtures_evaluates_as_in_fhirpathpy() -> None:
    evaluations, expressions = 0, set()
    for expression, interpreted, closures, focus, resource in invariants_met(
            lambda e: compile_expression(e, models["r4"], OPTIONS)):
        evaluations += 1
        expressions.add(expression)
        assert outcome(closures, focus, resource) == outcome(interpreted, focus, resource), expression
    assert evaluations > 1000 and len(expressions) > 40


@pytest.mark.parametrize("expression, expected", [
    ("name.given.where($this.startsWith('A')).count()", [2]),
    ("name.given.first() = 'Anja' and name.family.exists()", [True]),
    ("(name.given | name.family).isDistinct()", [True]),
    ("%resource.gender = 'female' implies name.all(given.exists())", [True]),
    ("name.given.ofType(string).select($this & '!')", ["Anja!", "Ann!"]),
    ("name.given.where($index = 1)", ["Ann"]),  # where() evaluated anew per item: $index changes
    ("name.where(given.where($this = 'Ann').exists()).family", ["Jansen"]),
])
def test_expressions_give_fhirpathpy_s_results(expression: str, expected: list[Any]) -> None:
    resource = {"resourceType": "Patient", "gender": "female",
                "name": [{"family": "Jansen", "given": ["Anja", "Ann"]}]}

    compiled = compile_expression(expression, models["r4"], OPTIONS)(resource, {"resource": resource})

    assert compiled == expected
    assert compiled == fhirpathpy.evaluate(resource, expression, {"resource": resource}, models["r4"], OPTIONS)


def test_an_error_of_the_interpreter_is_an_error_of_the_closures() -> None:
    resource = {"resourceType": "Patient", "name": [{"given": ["A", "B"]}]}
    evaluate = compile_expression("name.given.startsWith('A')", models["r4"], OPTIONS)

    with pytest.raises(Exception, match="Expected string"):
        evaluate(resource, {})


def native_outcome(native: Any, focus: Any, resource: Any) -> tuple[str, Any] | None:
    try:
        return "result", evaluate_native(native, focus, resource)
    except Unsupported:
        return None  # the validator asks fhirpathpy


def test_the_native_evaluator_gives_fhirpathpy_s_results_on_every_invariant_it_covers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    natively, covered = 0, set()
    for expression, interpreted, native, focus, resource in invariants_met(compile_native):
        if native is not None:
            covered.add(expression)
        result = native_outcome(native, focus, resource) if native is not None else None
        if result is not None:
            natively += 1
            for type_model in (None, models["r4"]):  # fhirpathpy's global state: set by its first 'is' or 'as'
                monkeypatch.setattr(TypeInfo, "model", type_model)
                assert result == outcome(interpreted, focus, resource), expression
    assert natively > 1000 and len(covered) > 30


@pytest.mark.parametrize("expression, expected", [
    ("name.where(family = 'Jansen').exists() and gender != 'male'", [True]),
    ("name.all(given.exists()) implies deceased.exists()", [False]),  # a choice element by its model types
    ("name.family = name.given", [False]),  # fhirpathpy's '=': collections of unequal length differ
    ("name.given.empty() or %resource.active", [False]),  # a boolean of the resource as a condition
    ("name.given.empty().not() or %resource.gender", None),  # a string as a condition: fhirpathpy's error
    ("name.where(family = 'Jansen').count() = 1", None),  # numbers compared by '=': fhirpathpy's
])
def test_native_expressions_give_fhirpathpy_s_results_or_give_up(expression: str, expected: list[Any] | None) -> None:
    resource = {"resourceType": "Patient", "gender": "female", "active": False,
                "name": [{"family": "Jansen", "given": ["Anja", "Ann"]}]}
    native = compile_native(expression)
    assert native is not None

    result = native_outcome(native, resource, resource)

    assert result == (None if expected is None else ("result", expected))
    if expected is not None:
        assert expected == fhirpathpy.evaluate(resource, expression, {"resource": resource}, models["r4"], OPTIONS)


def test_expressions_beyond_the_native_subset_are_not_compiled() -> None:
    assert compile_native("name.given.first().startsWith('A')") is None
    assert compile_native("value.ofType(decimal) > 1.5") is None  # decimals: fhirpathpy's
    assert compile_native("name.given.startsWith(name.family)") is None  # only a literal
    assert compile_native("gender in ('male' | 'female')") is None


OBSERVATION = {"resourceType": "Observation", "status": "final", "code": {"text": "Band"},
               "valueCodeableConcept": {"coding": [{"code": "met"}]},
               "contained": [{"resourceType": "Patient", "active": True}],
               "component": [{"code": {"text": "a"}, "valuePeriod": {"start": "2020-01-01"}},
                             {"code": {"text": "b"}, "valueInteger": 3}]}


@pytest.mark.parametrize("expression, expected", [
    ("value.ofType(CodeableConcept).coding.code = 'met'", [True]),
    ("value.ofType(Quantity).exists()", [False]),
    ("component.value.ofType(Period).all(start.hasValue() and end.hasValue().not())", [True]),
    ("status.ofType(code).exists() and status.ofType(Coding).empty()", [True]),
    ("status.hasValue() and code.hasValue().not() and component.value.hasValue().not()", [True]),
    ("component.value.ofType(integer).hasValue()", [True]),
    # where fhirpathpy's answer depends on whether it has evaluated an 'is' before (its type model), or is not
    # of an element: given up
    ("component.value.ofType(Element).exists()", None),  # a parent type
    ("component.ofType(BackboneElement).exists()", None),  # a dotted path: BackboneElement, or its JSON type
    ("status.ofType(string).exists()", None),
    ("contained.ofType(Patient).exists()", None),  # a resource
    ("(status = 'final').ofType(Boolean).exists()", None),  # a computed value
])
def test_of_type_and_has_value_give_fhirpathpy_s_results_or_give_up(
        expression: str, expected: list[Any] | None, monkeypatch: pytest.MonkeyPatch) -> None:
    native = compile_native(expression)
    assert native is not None

    result = native_outcome(native, OBSERVATION, OBSERVATION)

    assert result == (None if expected is None else ("result", expected))
    for type_model in (None, models["r4"]):  # fhirpathpy's global state: set by its first 'is' or 'as'
        monkeypatch.setattr(TypeInfo, "model", type_model)
        interpreted = fhirpathpy.evaluate(OBSERVATION, expression, {"resource": OBSERVATION}, models["r4"], OPTIONS)
        assert expected is None or interpreted == expected


@pytest.mark.parametrize("expression, expected", [
    ("component.value.ofType(integer).all($this >= 1 and $this <= 5)", [True]),
    ("component.value.ofType(integer).all($this <= 2)", [False]),
    ("component.value.ofType(integer) > 3", [False]),
    ("component.value.ofType(integer) < 4", [True]),
    ("component.where(code.text = 'a').value.ofType(integer) >= 1", []),
    ("component.count() >= 2 and 3 > component.count()", [True]),
    ("component.code.text.isDistinct() and (component.code.text | code.text).isDistinct()", None),  # '|'
    ("component.code.text.isDistinct()", [True]),
    ("contained.active.isDistinct()", None),  # booleans: fhirpathpy's
    ("status.startsWith('fin') and status.contains('nal') and code.text.startsWith('x').not()", [True]),
    ("subject.reference.startsWith('Patient/')", []),
    ("component.code.text.startsWith('a')", None),  # many items: fhirpathpy's error
    ("component.value.ofType(Period).start > 1", None),  # a date: fhirpathpy's
    ("component.value.ofType(integer) > '2'", None),  # a string: fhirpathpy's error
])
def test_comparisons_and_string_tests_give_fhirpathpy_s_results_or_give_up(
        expression: str, expected: list[Any] | None, monkeypatch: pytest.MonkeyPatch) -> None:
    native = compile_native(expression)
    assert (native is None) == ("|" in expression)
    result = native_outcome(native, OBSERVATION, OBSERVATION) if native is not None else None

    assert result == (None if expected is None else ("result", expected))
    for type_model in (None, models["r4"]):  # fhirpathpy's global state: set by its first 'is' or 'as'
        monkeypatch.setattr(TypeInfo, "model", type_model)
        interpreted = outcome(fhirpathpy.compile(expression, models["r4"], OPTIONS), OBSERVATION, OBSERVATION)
        assert expected is None or interpreted == ("result", expected)


DATES = ["2024", "2025", "2024-01", "2024-12", "2024-01-31", "2024-02-01", "2023-12-31", "2024-02-01T09:00:00Z",
         "2024-01-31T23:59:59Z", "2024-02-01T09:00:00+01:00", "2024-02-01T08:30:00+01:00", "2024-02-01T09:00:00.5Z",
         "2024-02-01T09:00:00.25Z", "2024-02-01T09:00:00", "2024-02-01T10:00:00+02:00"]


@pytest.mark.parametrize("operator", ["<", "<=", ">", ">="])
def test_dates_compare_as_in_fhirpathpy_or_are_left_to_it(operator: str, monkeypatch: pytest.MonkeyPatch) -> None:
    expression = f"period.start {operator} period.end"
    native, interpreted = compile_native(expression), fhirpathpy.compile(expression, models["r4"], OPTIONS)
    compared = 0
    for start in DATES:
        for end in DATES:
            resource = {"resourceType": "Encounter", "period": {"start": start, "end": end}}
            result = native_outcome(native, resource, resource)
            if result is None:
                continue  # fhirpathpy is asked
            compared += 1
            for type_model in (None, models["r4"]):
                monkeypatch.setattr(TypeInfo, "model", type_model)
                assert result == outcome(interpreted, resource, resource), (start, end)
    assert compared == 29  # the pairs written alike
