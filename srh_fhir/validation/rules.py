"""Value rules that do not depend on where an element sits: patterns, fixed values, primitive formats, references."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

JSON_BOOLEAN = frozenset({"boolean"})
JSON_INTEGER = frozenset({"integer", "positiveInt", "unsignedInt", "integer64"})
JSON_NUMBER = frozenset({"decimal"})
KNOWN_VALUES = 50_000  # primitive texts whose verdict is remembered (then forgotten all at once)


def contains(value: Any, pattern: Any) -> bool:
    """True when ``value`` has everything ``pattern`` has (FHIR pattern[x] semantics)."""
    if isinstance(pattern, dict):
        return isinstance(value, dict) and all(k in value and contains(value[k], v) for k, v in pattern.items())
    if isinstance(pattern, list):
        items = value if isinstance(value, list) else [value]
        return all(any(contains(item, p) for item in items) for p in pattern)
    return bool(value == pattern and type(value) is type(pattern))


def json_type_problem(type_code: str, value: Any) -> str | None:
    """Why a JSON value cannot be the primitive ``type_code`` (None when its JSON type fits), in HAPI's words."""
    if isinstance(value, (dict, list)):
        return f"This property must be a simple value, not {'an Object' if isinstance(value, dict) else 'an Array'}"
    wrong = _json_type(type_code, value)
    return f"Error parsing JSON: the primitive value must be {wrong}" if wrong else None


def json_types_fit(type_code: str, items: list[Any]) -> bool:
    """A quick yes for the usual case: every value has the JSON type json.loads gives the primitive ``type_code``
    (False may still be fine, e.g. a whole number as a decimal: :func:`json_type_problem` decides)."""
    usual = bool if type_code in JSON_BOOLEAN else int if type_code in JSON_INTEGER else (
        float if type_code in JSON_NUMBER else str)
    return all(type(item) is usual for item in items)


def as_text(value: Any) -> str:
    """A primitive as HAPI's parser reads it into a string: numbers and booleans as written, objects as 'null'."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value)
    return "null"


def _json_type(type_code: str, value: Any) -> str | None:
    if type_code in JSON_BOOLEAN:
        return None if isinstance(value, bool) else "a boolean"
    if type_code in JSON_INTEGER:
        return None if isinstance(value, int) and not isinstance(value, bool) else "a whole number"
    if type_code in JSON_NUMBER:
        return None if isinstance(value, (int, float)) and not isinstance(value, bool) else "a number"
    return None if isinstance(value, str) else "a string"


class PrimitiveFormats:
    """The regular expressions of the primitive types, compiled once, plus calendar checks for dates."""

    def __init__(self, regexes: Mapping[str, str | None]) -> None:
        self.types = frozenset(regexes)
        self._patterns = {name: re.compile(rx) for name, rx in regexes.items() if rx}
        self._known: dict[tuple[str, str], str | None] = {}

    def problem(self, type_code: str, value: Any) -> str | None:
        """A message when the text of ``value`` is not a valid ``type_code``, else None (JSON types aside).
        Remembered per (type, text): codes, systems and references recur across resources."""
        if not isinstance(value, str):
            return None
        key = (type_code, value)
        if key in self._known:
            return self._known[key]
        if len(self._known) >= KNOWN_VALUES:
            self._known.clear()
        found = self._known[key] = self._problem(type_code, value)
        return found

    def _problem(self, type_code: str, value: Any) -> str | None:
        if isinstance(value, str):
            if value == "" or (value.strip() != value and type_code not in ("string", "markdown")):
                return f"The value '{value}' is not a valid {type_code}: no empty values or surrounding white space"
            pattern = self._patterns.get(type_code)
            if pattern is not None and not pattern.fullmatch(value):
                return f"The value '{value}' is not a valid {type_code}"
            if type_code in ("date", "dateTime", "instant") and len(value) >= 10 and not _real_date(value[:10]):
                return f"The value '{value}' is not a valid {type_code}: no such day"
        return None


def _real_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


REFERENCE = re.compile(r"^(?:.*/)?([A-Z][A-Za-z]+)/[A-Za-z0-9\-.]{1,64}(?:/_history/[A-Za-z0-9\-.]{1,64})?$")


def reference_type(reference: str) -> str | None:
    """The resource type a literal reference names ('Patient/1', 'http://x/fhir/Patient/1'), if any."""
    match = REFERENCE.match(reference)
    return match.group(1) if match else None
