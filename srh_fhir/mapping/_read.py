"""Strict readers for FHIR JSON: each checks one element and raises MappingError naming its FHIRPath.

``string``, ``code``, ``reference``, ... return None for an absent element; ``required_*`` raise instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from srh_fhir.datatypes import CodeableConcept, Coding, ContactPoint, FhirDateTime, HumanName, Period
from srh_fhir.errors import MappingError
from srh_fhir.terminology import SrhCode

_E = TypeVar("_E", bound=SrhCode)
_S = TypeVar("_S", bound=StrEnum)
_D = TypeVar("_D", bound=FhirDateTime)

Json = Mapping[str, Any]

_TYPED_REFERENCE = re.compile(r"(?:.*/)?([A-Z][A-Za-z]+)/([A-Za-z0-9\-.]{1,64})(?:/_history/[A-Za-z0-9\-.]{1,64})?")
_UNTYPED_REFERENCE = re.compile(r"urn:uuid:[0-9a-fA-F-]{36}|urn:oid:[0-2](\.(0|[1-9][0-9]*))+|#.+")


def check_resource(resource: Any, resource_type: str) -> Json:
    """The resource as a mapping, after checking its resourceType."""
    if not isinstance(resource, Mapping):
        raise MappingError(resource_type, f"expected a JSON object, got {type(resource).__name__}")
    found = resource.get("resourceType")
    if found != resource_type:
        raise MappingError(resource_type, f"expected resourceType {resource_type!r}, got {found!r}")
    return resource


def obj(value: Any, path: str) -> Json:
    if type(value) is not dict and not isinstance(value, Mapping):  # dict first: the ABC check is slow
        raise MappingError(path, f"expected a JSON object, got {_type_name(value)}")
    return value


def required(parent: Json, key: str, path: str) -> Any:
    value = parent.get(key)
    if value is None:
        raise MappingError(f"{path}.{key}", "is required but missing")
    return value


def string(parent: Json, key: str, path: str) -> str | None:
    value = parent.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise MappingError(f"{path}.{key}", f"expected a non-empty string, got {value!r}")
    return value


def strings(parent: Json, key: str, path: str) -> tuple[str, ...]:
    return tuple(_string_value(v, f"{path}.{key}[{i}]") for i, v in entries(parent, key, path))


def _string_value(value: Any, path: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise MappingError(path, f"expected a non-empty string, got {value!r}")
    return value


def boolean(parent: Json, key: str, path: str) -> bool | None:
    value = parent.get(key)
    if value is not None and not isinstance(value, bool):
        raise MappingError(f"{path}.{key}", f"expected true or false, got {value!r}")
    return value


def integer(value: Any, path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MappingError(path, f"expected an integer, got {value!r}")
    return value


def code(parent: Json, key: str, path: str, enum: type[_S]) -> _S | None:
    """A FHIR ``code`` element bound (required) to the values of ``enum``."""
    value = parent.get(key)
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise MappingError(f"{path}.{key}", f"unknown code {value!r} (allowed: {allowed})") from None


def entries(parent: Json, key: str, path: str) -> Iterator[tuple[int, Any]]:
    """The entries of a list element (absent means none)."""
    value = parent.get(key)
    if value is None:
        return iter(())
    if not isinstance(value, list):
        raise MappingError(f"{path}.{key}", f"expected a list, got {_type_name(value)}")
    return enumerate(value)


def single(parent: Json, key: str, path: str) -> Json | None:
    """The one entry of a list that the model reads as one value (more than one is an error)."""
    value = parent.get(key)
    if value is None:
        return None
    if not isinstance(value, list):
        raise MappingError(f"{path}.{key}", f"expected a list, got {_type_name(value)}")
    if len(value) != 1:
        raise MappingError(f"{path}.{key}", f"expected exactly one entry, got {len(value)}")
    return obj(value[0], f"{path}.{key}[0]")


def reference(parent: Json, key: str, path: str, *types: str) -> str | None:
    """``parent[key].reference`` as a string, checked against the allowed target ``types``."""
    value = parent.get(key)
    if value is None:
        return None
    return reference_value(value, f"{path}.{key}", types)


def reference_value(value: Any, path: str, types: tuple[str, ...]) -> str:
    ref = obj(value, path).get("reference")
    if not isinstance(ref, str):
        raise MappingError(f"{path}.reference", f"expected a reference string, got {ref!r}")
    typed = _TYPED_REFERENCE.fullmatch(ref)
    if typed is None:
        if _UNTYPED_REFERENCE.fullmatch(ref):
            return ref
        raise MappingError(f"{path}.reference", f"{ref!r} is not a reference of the form Type/id")
    if types and typed.group(1) not in types:
        raise MappingError(f"{path}.reference", f"expected a reference to {' or '.join(types)}, got {ref!r}")
    return ref


def references(parent: Json, key: str, path: str, *types: str) -> tuple[str, ...]:
    return tuple(reference_value(v, f"{path}.{key}[{i}]", types) for i, v in entries(parent, key, path))


def date_time(parent: Json, key: str, path: str, kind: type[_D]) -> _D | None:
    value = parent.get(key)
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError as error:
        raise MappingError(f"{path}.{key}", str(error)) from None


def period(parent: Json, key: str, path: str) -> Period | None:
    value = parent.get(key)
    if value is None:
        return None
    where = f"{path}.{key}"
    value = obj(value, where)
    start = date_time(value, "start", where, FhirDateTime)
    return Period(start=start, end=date_time(value, "end", where, FhirDateTime))


def srh_codes(concept: Any, path: str, enum: type[_E]) -> Iterator[_E]:
    """The codings of ``enum``'s system in a CodeableConcept, as members (other systems are skipped)."""
    system = enum.system
    for i, coding in entries(obj(concept, path), "coding", path):
        if type(coding) is not dict:  # the element's path is only written when it is needed (a hot loop)
            coding = obj(coding, f"{path}.coding[{i}]")
        if coding.get("system") == system:
            yield srh_code(coding, f"{path}.coding[{i}]", enum)


def srh_code(coding: Json, path: str, enum: type[_E]) -> _E:
    value = coding.get("code")
    if not isinstance(value, str):
        raise MappingError(f"{path}.code", f"expected a code string, got {value!r}")
    member: _E | None = _members(enum).get(value)
    if member is None:
        allowed = ", ".join(m.value for m in enum)
        raise MappingError(f"{path}.code", f"unknown code {value!r} in {enum.system} (allowed: {allowed})")
    return member


@cache
def _members(enum: type[_E]) -> dict[str, _E]:
    """An enum's members by code: a dict lookup is many times faster than calling the enum (a hot loop)."""
    return {member.value: member for member in enum}


def one_srh_code(concept: Any, path: str, enum: type[_E]) -> _E:
    """The single code of ``enum``'s system a CodeableConcept must carry."""
    found = list(srh_codes(concept, path, enum))
    if len(found) != 1:
        what = "no" if not found else "more than one"
        raise MappingError(f"{path}.coding", f"has {what} coding from {enum.system}")
    return found[0]


def has_coding(concept: Any, system: str, code_value: str) -> bool:
    if not isinstance(concept, Mapping) or not isinstance(concept.get("coding"), list):
        return False
    return any(
        isinstance(c, Mapping) and c.get("system") == system and c.get("code") == code_value for c in concept["coding"]
    )


def coding(value: Any, path: str) -> Coding:
    value = obj(value, path)
    return Coding(
        system=string(value, "system", path), code=string(value, "code", path), display=string(value, "display", path)
    )


def codeable_concept(value: Any, path: str) -> CodeableConcept:
    value = obj(value, path)
    codings = tuple(coding(c, f"{path}.coding[{i}]") for i, c in entries(value, "coding", path))
    return CodeableConcept(codings=codings, text=string(value, "text", path))


def human_name(value: Any, path: str) -> HumanName:
    value = obj(value, path)
    return HumanName(
        text=string(value, "text", path),
        family=string(value, "family", path),
        given=strings(value, "given", path),
        prefix=strings(value, "prefix", path),
        suffix=strings(value, "suffix", path),
        use=string(value, "use", path),
    )


def contact_point(value: Any, path: str) -> ContactPoint:
    value = obj(value, path)
    return ContactPoint(
        system=string(value, "system", path), value=string(value, "value", path), use=string(value, "use", path)
    )


def annotation_texts(parent: Json, key: str, path: str) -> tuple[str, ...]:
    return tuple(
        _string_value(obj(note, f"{path}.{key}[{i}]").get("text"), f"{path}.{key}[{i}].text")
        for i, note in entries(parent, key, path)
    )


def required_string(parent: Json, key: str, path: str) -> str:
    required(parent, key, path)
    value = string(parent, key, path)
    assert value is not None
    return value


def required_boolean(parent: Json, key: str, path: str) -> bool:
    required(parent, key, path)
    return bool(boolean(parent, key, path))


def required_code(parent: Json, key: str, path: str, enum: type[_S]) -> _S:
    required(parent, key, path)
    value = code(parent, key, path, enum)
    assert value is not None
    return value


def required_reference(parent: Json, key: str, path: str, *types: str) -> str:
    return reference_value(required(parent, key, path), f"{path}.{key}", types)


def required_date_time(parent: Json, key: str, path: str, kind: type[_D]) -> _D:
    required(parent, key, path)
    value = date_time(parent, key, path, kind)
    assert value is not None
    return value


def _type_name(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return names.get(type(value), type(value).__name__)
