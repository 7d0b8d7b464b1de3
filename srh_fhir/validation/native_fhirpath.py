"""A native evaluator for the FHIRPath most invariants are made of, giving exactly what fhirpathpy gives.

Even compiled into closures (``fhirpath.py``), fhirpathpy wraps every value in a node object, looks up its type and
dispatches every function through its tables: most of the time of an invariant. Most invariants only navigate and
test presence (``component.all(value.exists() or dataAbsentReason.exists())``, ``entry.search.empty() or (type =
'searchset')``); this module evaluates those on the JSON itself. It covers:

- member access (``a.b``, choice elements by the types fhirpathpy's model lists), ``%resource``, parentheses;
- ``exists()``, ``exists(criteria)``, ``empty()``, ``count()``, ``not()``, ``where(criteria)``, ``all(criteria)``,
  ``hasValue()``, ``ofType(T)`` on elements (by the type fhirpathpy reads from their path), ``isDistinct()`` on
  strings, ``startsWith('…')`` and ``contains('…')`` with a string literal, ``$this``;
- ``and``, ``or``, ``implies`` (fhirpathpy's own three-valued functions), ``=`` and ``!=`` on strings and booleans,
  ``<``, ``<=``, ``>``, ``>=`` on whole numbers and on dateTimes written alike;
- string, boolean and whole-number literals.

It mirrors fhirpathpy's quirks (``=`` compares only the first items of equally long collections; element paths as
its member navigation makes them). Whatever else it meets gives up: an expression with anything else is not
compiled (``compile_native`` returns None), and a value it cannot be sure of at run time — a primitive's
``_element``, a date, a decimal or an object compared, a value of the resource other than a boolean used as a
condition — raises :class:`Unsupported`, and the caller evaluates the invariant with fhirpathpy instead. tests/lib/
test_validation_fhirpath.py checks it against fhirpathpy on every invariant met in the examples and fixtures.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fhirpathpy.engine.invocations import logic
from fhirpathpy.models import models

from srh_fhir.validation.fhirpath_trees import parse_tree

MODEL = models["r4"]
ELSEWHERE: dict[str, str] = MODEL["pathsDefinedElsewhere"]
CHOICES: dict[str, Any] = MODEL["choiceTypePaths"]
PATH_TYPES: dict[str, str] = MODEL["path2Type"]
PARENT_TYPES: dict[str, str] = MODEL["type2Parent"]
# fhirpathpy's names for the JSON types of elements whose path does not name their type (no type model is set)
JSON_TYPES = {bool: "boolean", int: "integer", float: "decimal", str: "string", dict: "object"}
TYPE_NAME = re.compile(r"[A-Za-z]+")
DATE_TYPES = frozenset({"date", "dateTime", "time"})  # fhirpathpy reads these as dates: left to it

# A collection: JSON values of the resource as (value, path) tuples, or values computed (bools, literals) as such
Collection = list[Any]
Env = dict[str, Any]  # "resource": the %resource collection
Native = Callable[[Collection, Env], Collection]


Unsupported = NotImplementedError
"""Raised when the evaluation meets something this module does not mirror: fhirpathpy must evaluate it (a built-in
error, as srh_fhir's own errors are for its callers and this one never leaves the validator)."""


def compile_native(expression: str) -> Native | None:
    """The evaluator of ``expression``, or None when it uses anything else (fhirpathpy's parse errors raise)."""
    try:
        return _node(parse_tree(expression)["children"][0])
    except Unsupported:
        return None


def evaluate(native: Native, focus: Any, resource: Any) -> Collection:
    """The result of ``native`` on ``focus`` within ``resource``, as fhirpathpy would return it (bools, literals)."""
    result = native([_item(focus, None)], {"resource": [_item(resource, None)]})
    return [item[0] if type(item) is tuple else item for item in result]


def _item(value: Any, path: str | None) -> tuple[Any, str | None]:
    if isinstance(value, dict) and "resourceType" in value:
        return value, value["resourceType"]
    return value, path


def _node(node: dict[str, Any]) -> Native:
    kind = node.get("type")
    if kind in ("TermExpression", "InvocationTerm", "ParenthesizedTerm"):
        return _node(node["children"][0])
    if kind == "InvocationExpression":
        return _chain([_node(child) for child in node["children"]])
    if kind == "MemberInvocation":
        return _member(node["children"][0]["text"])
    if kind == "ExternalConstantTerm":
        name = node["children"][0]["children"][0]["text"]
        if name != "resource":
            raise Unsupported(name)
        return lambda items, env: env["resource"]
    if kind == "LiteralTerm":
        return _literal(node["children"][0])
    if kind == "FunctionInvocation":
        return _function(node["children"][0])
    if kind in ("AndExpression", "OrExpression", "ImpliesExpression"):
        return _logic(node["terminalNodeText"][0], node["children"])
    if kind == "EqualityExpression" and node["terminalNodeText"][0] in ("=", "!="):
        return _equality(node["terminalNodeText"][0] == "=", node["children"])
    if kind == "InequalityExpression":
        return _inequality(node["terminalNodeText"][0], node["children"])
    if kind == "ThisInvocation":
        return lambda items, env: items
    raise Unsupported(kind)


def _chain(steps: list[Native]) -> Native:
    def chain(items: Collection, env: Env) -> Collection:
        for step in steps:
            items = step(items, env)
        return items

    return chain


def _literal(node: dict[str, Any]) -> Native:
    kind, text = node.get("type"), node.get("text", "")
    if kind == "StringLiteral" and "\\" not in text:
        value: Any = text[1:-1]
    elif kind == "BooleanLiteral":
        value = text == "true"
    elif kind == "NumberLiteral" and text.isdigit():
        value = int(text)
    else:
        raise Unsupported(kind)
    return lambda items, env: [value]


def _member(key: str) -> Native:
    if key[:1].isupper() or "`" in key or key == "length":
        raise Unsupported(key)  # a type name (Bundle.entry...), a quoted name, fhirpathpy's length of a string
    def member(items: Collection, env: Env) -> Collection:
        found: Collection = []
        for item in items:
            if type(item) is not tuple:
                continue  # a computed value has no members
            data, path = item
            if not isinstance(data, dict):
                continue
            child = f"{path}.{key}" if path else f"_.{key}"
            child = ELSEWHERE.get(child, child)
            value, child = _lookup(data, key, child)
            if value is None or value == []:
                continue
            child = PATH_TYPES.get(child, child)
            for x in value if isinstance(value, list) else (value,):
                if x is None:
                    raise Unsupported(child)
                found.append(_item(x, child))
        return found

    return member


def _lookup(data: dict[str, Any], key: str, path: str) -> tuple[Any, str]:
    """The value of ``key`` in ``data`` and its path, as fhirpathpy's member navigation finds them."""
    types = CHOICES.get(path)
    for name, suffix in ((key + t, t) for t in types) if types else ((key, ""),):
        if f"_{name}" in data:
            raise Unsupported(name)  # a primitive's extensions: fhirpathpy adds them as items of their own
        value = data.get(name)
        if types is None:
            return value, "Extension" if key == "extension" else path
        if value is not None:
            return value, path + suffix
    return None, path


def _function(node: dict[str, Any]) -> Native:
    name = node["children"][0]["text"]
    params = node["children"][1]["children"] if len(node["children"]) > 1 else []
    if len(params) > 1:
        raise Unsupported(name)
    if name == "ofType" and params and TYPE_NAME.fullmatch(params[0].get("text", "")):
        return _of_type(params[0]["text"])
    if name in ("startsWith", "contains") and params:
        return _string_test(name, _string_literal(params[0]))
    criteria = _node(params[0]) if params else None
    if name == "exists" and criteria is None:
        return lambda items, env: [len(items) > 0]
    if name == "exists" and criteria is not None:
        return lambda items, env: [len(_where(criteria, items, env)) > 0]
    if name == "where" and criteria is not None:
        return lambda items, env: _where(criteria, items, env)
    if name == "all" and criteria is not None:
        return lambda items, env: [all(_test(criteria, item, env) is True for item in items)]
    if criteria is not None:
        raise Unsupported(name)
    if name == "empty":
        return lambda items, env: [len(items) == 0]
    if name == "count":
        return lambda items, env: [len(items)]
    if name == "not":
        return _not
    if name == "hasValue":
        return _has_value
    if name == "isDistinct":
        return _is_distinct
    raise Unsupported(name)


def _string_literal(node: dict[str, Any]) -> str:
    """The text of a parameter that is a plain, non-empty string literal."""
    while node.get("type") in ("TermExpression", "LiteralTerm") and len(node.get("children", [])) == 1:
        node = node["children"][0]
    text = node.get("text", "")
    if node.get("type") != "StringLiteral" or "\\" in text or len(text) < 3:
        raise Unsupported("not a plain string literal")
    return str(text[1:-1])


def _string_test(name: str, literal: str) -> Native:
    """``startsWith('…')`` / ``contains('…')`` as fhirpathpy's string functions: nothing on nothing, and its error
    (left to it) on many items or one that is not a string; ``startsWith`` is false on an empty string."""
    def test(items: Collection, env: Env) -> Collection:
        if not items:
            return []
        if len(items) > 1:
            raise Unsupported(f"{name} on many items")
        text = _string(items[0])
        if name == "startsWith":
            return [bool(text) and text.startswith(literal)]
        return [literal in text]

    return test


def _string(item: Any) -> str:
    """A string of the resource or computed; anything fhirpathpy would read otherwise (dates) is not."""
    value, path = item if type(item) is tuple else (item, None)
    if path in DATE_TYPES or type(value) is not str:
        raise Unsupported("not a plain string")
    return value


def _is_distinct(items: Collection, env: Env) -> Collection:
    """``isDistinct()`` on strings of the resource (fhirpathpy compares their values)."""
    if any(type(item) is not tuple for item in items):
        raise Unsupported("isDistinct of computed values")
    values = [_string(item) for item in items]
    return [len(set(values)) == len(values)]


def _has_value(items: Collection, env: Env) -> Collection:
    """``hasValue()`` as invariants.py gives it to fhirpathpy: one primitive value."""
    if len(items) != 1:
        return [False]
    value = items[0][0] if type(items[0]) is tuple else items[0]
    return [value is not None and not isinstance(value, (dict, list))]


def _of_type(type_name: str) -> Native:
    """``ofType(T)`` as fhirpathpy does it in either of its states (see :func:`_is_of_type`)."""
    def of_type(items: Collection, env: Env) -> Collection:
        return [item for item in items if _is_of_type(item, type_name)]

    return of_type


def _is_of_type(item: Any, type_name: str) -> bool:
    """Whether fhirpathpy finds the element of type ``type_name``. Its answer depends on global state: until it has
    evaluated an ``is``/``as`` it has no type model, types an element by its path when that has no dot (a data type,
    path2Type applied by the member step), else by its JSON value, and knows no parent types; afterwards it types
    an element with a dotted path as BackboneElement and follows the parent types. Where the two differ, give up."""
    if type(item) is not tuple or item[1] is None or (isinstance(item[0], dict) and "resourceType" in item[0]):
        raise Unsupported("ofType of a computed value or a resource")  # typed otherwise by fhirpathpy
    path: str = item[1]
    if "." not in path:
        without_model, with_model = path == type_name, _is_type(path, type_name)
    else:
        without_model, with_model = JSON_TYPES.get(type(item[0])) == type_name, _is_type("BackboneElement", type_name)
    if without_model != with_model:
        raise Unsupported("ofType: fhirpathpy's answer depends on its state")
    return without_model


def _is_type(name: str | None, wanted: str) -> bool:
    """fhirpathpy's TypeInfo.is_type with the R4 model: ``name`` or one of its parents is ``wanted``."""
    while name:
        if name == wanted:
            return True
        name = PARENT_TYPES.get(name) or PATH_TYPES.get(name)
    return False


def _not(items: Collection, env: Env) -> Collection:
    if len(items) != 1:
        return []
    return [not _boolean(items[0])]


def _test(criteria: Native, item: Any, env: Env) -> bool | None:
    """The criteria on one item as a boolean (None: empty)."""
    focus = [item]
    result = criteria(focus, env)
    if not result:
        return None
    if len(result) > 1:
        raise Unsupported("criteria with many results")
    return _boolean(result[0])


def _where(criteria: Native, items: Collection, env: Env) -> Collection:
    return [item for item in items if _test(criteria, item, env)]


def _boolean(value: Any) -> bool:
    """A computed boolean (a boolean of the resource is a node to fhirpathpy: left to it)."""
    if type(value) is not bool:
        raise Unsupported("not a computed boolean")
    return value


def _logic(operator: str, children: list[dict[str, Any]]) -> Native:
    function = {"and": logic.and_op, "or": logic.or_op, "implies": logic.implies_op}[operator]
    left, right = _node(children[0]), _node(children[1])

    def operand(side: Native, items: Collection, env: Env) -> Any:
        result = side(items, env)
        if not result:
            return []
        if len(result) > 1:
            raise Unsupported("many values as a boolean")
        if type(result[0]) is tuple:  # an element: fhirpathpy takes its JSON value if that is a boolean
            if type(result[0][0]) is not bool:
                raise Unsupported("not a boolean")  # fhirpathpy's error
            return result[0][0]
        return _boolean(result[0])

    def combine(items: Collection, env: Env) -> Collection:
        result = function(None, operand(left, items, env), operand(right, items, env))
        return result if isinstance(result, list) else [result]

    return combine


def _equality(equal: bool, children: list[dict[str, Any]]) -> Native:
    left, right = _node(children[0]), _node(children[1])

    def compare(items: Collection, env: Env) -> Collection:
        a, b = left(items, env), right(items, env)
        if not a or not b:
            return []
        if len(a) != len(b):
            return [not equal]
        x, y = _simple(a[0]), _simple(b[0])
        return [(x == y) is equal]

    return compare


def _simple(item: Any) -> str | bool:
    """A string or boolean to compare; anything fhirpathpy would convert first (dates, numbers, objects) is not."""
    value, path = item if type(item) is tuple else (item, None)
    if path in DATE_TYPES or type(value) not in (str, bool):
        raise Unsupported("not a plain string or boolean")
    return value  # type: ignore[no-any-return]


INTEGER_TYPES = frozenset({"integer", "positiveInt", "unsignedInt"})
COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b, ">=": lambda a, b: a >= b}
# A dateTime at any precision, as written; that its day exists in its month is the walker's check.
DATE_SHAPE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01])(?:T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d"
                        r"(?:\.\d{1,3})?(?P<zone>Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?)?)?")


def _inequality(operator: str, children: list[dict[str, Any]]) -> Native:
    """``<``, ``<=``, ``>``, ``>=`` on whole numbers, and on two dateTimes written alike (the same precision
    and time zone, where their text orders them as fhirpathpy's times do): nothing when a side is empty; many items
    (fhirpathpy's error), decimals, strings and other dates are left to fhirpathpy."""
    left, right, compare = _node(children[0]), _node(children[1]), COMPARISONS[operator]

    def inequality(items: Collection, env: Env) -> Collection:
        a, b = left(items, env), right(items, env)
        if not a or not b:
            return []
        if len(a) > 1 or len(b) > 1:
            raise Unsupported("a comparison of many items")
        return [compare(*_comparable(a[0], b[0]))]

    return inequality


def _comparable(a: Any, b: Any) -> tuple[Any, Any]:
    if type(a) is tuple and type(b) is tuple and a[1] == b[1] == "dateTime":
        return _alike_dates(a[0], b[0])
    return _integer(a), _integer(b)


def _alike_dates(a: Any, b: Any) -> tuple[str, str]:
    shape_a = DATE_SHAPE.fullmatch(a) if type(a) is str else None
    shape_b = DATE_SHAPE.fullmatch(b) if type(b) is str else None
    if shape_a is None or shape_b is None or len(a) != len(b) or shape_a["zone"] != shape_b["zone"]:
        raise Unsupported("dates not written alike")
    return a, b


def _integer(item: Any) -> int:
    """A whole number of the resource (an integer element) or computed (a literal, a count)."""
    value, path = item if type(item) is tuple else (item, None)
    if type(value) is not int or (type(item) is tuple and path not in INTEGER_TYPES):
        raise Unsupported("not a whole number")
    return value
