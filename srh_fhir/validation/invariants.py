"""Invariants: FHIRPath constraints evaluated natively on the JSON where ``native_fhirpath.py`` covers them, else
with fhirpathpy, each expression compiled once into closures (``fhirpath.py``).

fhirpathpy lacks ``hasValue()``; it is supplied as a user function. Constraints that need what an offline
validator of one resource cannot have (``resolve()``, ``conformsTo()``, HTML checks) are skipped, as are the
DomainResource constraints on contained resources when there are none. ``ele-1`` (an element has a value or
children) and ``ext-1`` (an extension has a value or extensions, not both) are checked natively by the walker.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from typing import Any

from fhirpathpy.models import models

from srh_fhir.validation.elements import Constraint
from srh_fhir.validation.fhirpath import compile_expression
from srh_fhir.validation.native_fhirpath import Native, Unsupported, compile_native
from srh_fhir.validation.native_fhirpath import evaluate as evaluate_native

UNCHECKABLE = ("resolve()", "conformsTo(", "htmlChecks", "memberOf(", "%rootResource", "descendants()")
CONTAINED_ONLY = frozenset({"dom-2", "dom-3", "dom-4", "dom-5"})

Evaluator = Callable[..., list[Any]]


def _has_value(inputs: list[Any]) -> list[bool]:
    return [len(inputs) == 1 and inputs[0] is not None and not isinstance(inputs[0], (dict, list))]


OPTIONS = {"userInvocationTable": {"hasValue": {"fn": _has_value, "arity": {0: []}}}}


# Leading clauses that settle an expression without evaluating it: 'X.empty() or ...' is true when X is absent,
# 'X.exists() implies ...' likewise, and 'X.exists() or ...' is true when X is present.
_TRUE_WHEN_ABSENT = re.compile(r"^\(?([a-z][A-Za-z]*)\.(?:empty\(\)|hasValue\(\)\.not\(\)|exists\(\)\.not\(\))\s+or\s"
                               r"|^\(?([a-z][A-Za-z]*)\.exists\(\)\s+implies\s")
_TRUE_WHEN_PRESENT = re.compile(r"^([a-z][A-Za-z]*)\.exists\(\)\s+or\s")


def _has(focus: Mapping[str, Any], name: str) -> bool:
    """True when the element ``name`` (a choice element by its prefix) has a value in the JSON object."""
    for key, value in focus.items():
        if (key == name or (key.startswith(name) and key[len(name):][:1].isupper())) and value not in (None, [], {}):
            return True
    return False


def _ref_1(focus: Mapping[str, Any], resource: Mapping[str, Any]) -> bool:
    """ref-1 natively: a local reference ('#id') points at a contained resource (or '#' at the container)."""
    reference = focus.get("reference")
    if not isinstance(reference, str) or not reference.startswith("#") or reference == "#":
        return True
    contained = resource.get("contained")
    return isinstance(contained, list) and any(
        isinstance(c, dict) and c.get("id") == reference[1:] for c in contained)


_PATH_TEST = re.compile(r"^([a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)*)\.(exists|empty)\(\)$")


def _path_exists(focus: Any, names: list[str]) -> bool:
    """Whether a plain path ('description.text') has a value in the JSON, as FHIRPath's exists() says."""
    items = [focus]
    for name in names:
        found = []
        for item in items:
            if isinstance(item, dict):
                for key, value in item.items():
                    if key == name or (key.startswith(name) and key[len(name):][:1].isupper()):
                        found.extend(value if isinstance(value, list) else [value])
        items = [i for i in found if i not in (None, "", {}, [])]
    return bool(items)


class Invariants:
    """Compiled constraints, shared by every validation; evaluation is serialised (fhirpathpy keeps global state)."""

    def __init__(self) -> None:
        self._compiled: dict[str, Evaluator | None] = {}
        self._native: dict[str, Native | None] = {}
        self._shortcuts: dict[str, tuple[str | None, str | None]] = {}
        # expression -> its path and whether it tests exists() (True) or empty(), for 'a.b.exists()'; None: other
        self._plain_paths: dict[str, tuple[list[str], bool] | None] = {}
        self._lock = threading.Lock()

    def _settled(self, expression: str, focus: Mapping[str, Any]) -> bool:
        """True when a leading clause makes the expression true without evaluating it."""
        shortcut = self._shortcuts.get(expression)
        if shortcut is None:
            absent = _TRUE_WHEN_ABSENT.match(expression)
            present = _TRUE_WHEN_PRESENT.match(expression)
            shortcut = ((absent.group(1) or absent.group(2)) if absent else None,
                        present.group(1) if present else None)
            self._shortcuts[expression] = shortcut
        when_absent, when_present = shortcut
        return (when_absent is not None and not _has(focus, when_absent)) or (
            when_present is not None and _has(focus, when_present))

    def _compile(self, expression: str) -> Evaluator | None:
        if expression not in self._compiled:
            if any(marker in expression for marker in UNCHECKABLE):
                self._compiled[expression] = None
            else:
                try:
                    self._compiled[expression] = compile_expression(expression, models["r4"], OPTIONS)
                except Exception:  # an expression fhirpathpy cannot parse is left to HAPI
                    self._compiled[expression] = None
        return self._compiled[expression]

    def _compile_native(self, expression: str) -> Native | None:
        if expression not in self._native:
            native = None
            if not any(marker in expression for marker in UNCHECKABLE):
                try:
                    native = compile_native(expression)
                except Exception:  # an expression fhirpathpy cannot parse is left to HAPI (see _compile)
                    native = None
            self._native[expression] = native
        return self._native[expression]

    def failed(self, constraint: Constraint, focus: Any, resource: Mapping[str, Any]) -> bool:
        """True when the constraint is false on ``focus`` (an element's JSON) within ``resource``."""
        if isinstance(focus, dict):
            if constraint.key in CONTAINED_ONLY and not focus.get("contained"):
                return False
            if constraint.key == "ref-1":
                return not _ref_1(focus, resource)
            if self._settled(constraint.expression, focus):
                return False
            if constraint.expression not in self._plain_paths:
                match = _PATH_TEST.match(constraint.expression)
                self._plain_paths[constraint.expression] = (
                    (match.group(1).split("."), match.group(2) == "exists") if match else None)
            plain = self._plain_paths[constraint.expression]
            if plain is not None:  # 'a.b.exists()' / 'a.b.empty()' need no FHIRPath engine
                names, exists_test = plain
                exists = _path_exists(focus, names)
                return not exists if exists_test else exists
        native = self._compile_native(constraint.expression)
        if native is not None:
            try:
                return evaluate_native(native, focus, resource) == [False]
            except Unsupported:
                pass  # fhirpathpy below
        with self._lock:
            evaluate = self._compile(constraint.expression)
            if evaluate is None:
                return False
            try:
                result = evaluate(focus, {"resource": resource, "rootResource": resource})
            except Exception:  # an evaluation fhirpathpy cannot do is not a failure of the resource
                return False
        return result == [False]


def prune(value: Any, rejected: Mapping[tuple[int, str], bool], copies: dict[int, Any]) -> Any:
    """A copy of ``value`` as HAPI's parser sees it: without the rejected properties, and without empty objects,
    arrays and strings (None when nothing is left). ``rejected`` maps (id of object, key) to whether HAPI keeps
    an empty element in its place (it does for an array where an object belongs, so the parent stays even if
    empty). ``copies`` maps the id of each original object to its copy."""
    if isinstance(value, dict):
        result = {}
        kept_anyway = False
        for key, item in value.items():
            if (id(value), key) in rejected:
                kept_anyway = kept_anyway or rejected[id(value), key]
                continue
            pruned = prune(item, rejected, copies)
            if pruned is not None:
                result[key] = pruned
        copies[id(value)] = result if result or kept_anyway else None
        return copies[id(value)]
    if isinstance(value, list):
        kept = (prune(item, rejected, copies) for i, item in enumerate(value) if (id(value), str(i)) not in rejected)
        items = [pruned for pruned in kept if pruned is not None]
        return items or None
    return None if value == "" else value
