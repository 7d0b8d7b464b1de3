"""Coded values: required bindings to value sets, and codes that do not exist in a known code system."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from srh_fhir.validation.codes import OFFLINE_CODE_SYSTEMS
from srh_fhir.validation.rule_context import RuleContext
from srh_fhir.validation.rules import as_text


def _codings(value: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    codings = value.get("coding")
    if isinstance(codings, dict):
        return [codings]  # one coding where an array belongs: HAPI reads it as an array of one
    return [c for c in codings if isinstance(c, dict)] if isinstance(codings, list) else []


def _parsed(value: Any, rejected_as: str | None = None) -> str | None:
    """A system or code as HAPI's parser reads it: numbers and booleans as text; objects and arrays are dropped
    (``rejected_as`` stands in for them: HAPI reads a dropped code inside a CodeableConcept as 'null')."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return rejected_as
    return as_text(value)


def _unknown_code(walker: RuleContext, coding: Mapping[str, Any], path: str, in_concept: bool = True) -> None:
    system = _parsed(coding.get("system"))
    code = _parsed(coding.get("code"), "null" if in_concept else None)
    if system is not None and code is not None and not walker.schema.terminology.code_exists(system, code):
        walker.error("code-invalid", path, f"Unknown code '{system}#{code}'", "Terminology_TX_NoValid_12")


def check_unbound_coding(walker: RuleContext, coding: Mapping[str, Any], path: str, in_concept: bool = True) -> None:
    """A coding outside any binding: its code must exist when its code system is known."""
    _unknown_code(walker, coding, path, in_concept)


def _in(expansion: Mapping[str, frozenset[str]], coding: Mapping[str, Any]) -> bool:
    system, code = _parsed(coding.get("system")), _parsed(coding.get("code"), "null")
    return system is not None and code is not None and code in expansion.get(system, frozenset())


LANGUAGE_VALUE_SETS = frozenset({"http://hl7.org/fhir/ValueSet/languages",
                                  "http://hl7.org/fhir/ValueSet/all-languages"})
BCP47 = "urn:ietf:bcp:47"
_ALNUM = "[A-Za-z0-9]"
LANGUAGE_TAG = re.compile(  # RFC 5646 grammar, with the 2-3 letter primary languages the registry uses (lower case,
    # as HAPI's registry holds them: "NL" is no language, "nl" is)
    rf"(?:[a-z]{{2,3}}(?:-[A-Za-z]{{3}}){{0,3}})(?:-[A-Za-z]{{4}})?(?:-(?:[A-Za-z]{{2}}|[0-9]{{3}}))?"
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*(?:-[0-9A-WY-Za-wy-z](?:-{_ALNUM}{{2,8}})+)*"
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?|x(?:-{_ALNUM}{{1,8}})+")


def check_language(walker: RuleContext, value_set: str, value: Any, path: str, type_code: str) -> None:
    """Language codes: HAPI checks them as BCP-47 tags wherever the language value sets are bound."""
    if type_code == "CodeableConcept" and isinstance(value, dict):
        codings = _codings(value)
    elif type_code == "Coding" and isinstance(value, dict):
        codings = [value]
    else:
        codings = [{"system": BCP47, "code": value}]
    for coding in codings:
        system, code = _parsed(coding.get("system")), _parsed(coding.get("code"))
        if system is not None and system != BCP47:
            walker.error("code-invalid", path, f'Inappropriate CodeSystem URL "{system}" for ValueSet: {value_set}',
                         "Terminology_TX_System_Invalid")
        elif code is not None and not LANGUAGE_TAG.fullmatch(code):
            walker.error("code-invalid", path, f'Code "{code}" is not in valueset: {value_set}',
                         "Terminology_TX_Code_ValueSet")


def check_binding(walker: RuleContext, binding: tuple[str, str], value: Any, path: str, type_code: str) -> None:
    """Checks a code, Coding or CodeableConcept against its binding (only required bindings give errors)."""
    strength, value_set = binding
    if value_set in LANGUAGE_VALUE_SETS:
        check_language(walker, value_set, value, path, type_code)
        return
    terminology = walker.schema.terminology
    if type_code == "CodeableConcept" and isinstance(value, dict):
        codings = _codings(value)
        for coding in codings:
            _unknown_code(walker, coding, path)
        expansion = terminology.expansion(value_set) if strength == "required" else None
        if expansion is None:
            return
        if not codings:
            walker.error("code-invalid", path, f"No code provided, and a code from the value set "
                         f"'{terminology.title(value_set)}' ({value_set}) is required", "Terminology_TX_NoValid_2")
        elif not any(_in(expansion, c) for c in codings) and not any(
                isinstance(c.get("system"), str) and c["system"] in OFFLINE_CODE_SYSTEMS for c in codings):
            codes = ", ".join(f"{c.get('system')}#{c.get('code')}" for c in codings)
            walker.error("code-invalid", path, f"None of the codings provided are in the value set "
                         f"'{terminology.title(value_set)}' ({value_set}), and a coding from this value set is "
                         f"required) (codes = {codes})", "Terminology_TX_NoValid_1_CC")
    elif type_code == "Coding" and isinstance(value, dict):
        if _parsed(value.get("system")) is None or _parsed(value.get("code")) is None:
            return  # HAPI checks no binding on a Coding without a (readable) system and code
        _unknown_code(walker, value, path, in_concept=False)
        expansion = terminology.expansion(value_set) if strength == "required" else None
        if expansion is not None and not _in(expansion, value) and (
                value.get("system") not in OFFLINE_CODE_SYSTEMS if isinstance(value.get("system"), str) else True):
            walker.error("code-invalid", path, f"The Coding provided ({value.get('system')}#{value.get('code')}) "
                         f"was not found in the value set '{terminology.title(value_set)}' ({value_set}), and a "
                         "code from this value set is required", "Terminology_TX_NoValid_16")
    elif type_code in ("code", "string", "uri") and isinstance(value, str) and strength == "required":
        expansion = terminology.expansion(value_set)
        if expansion is not None and not any(value in codes for codes in expansion.values()):
            walker.error("code-invalid", path, f"The value provided ('{value}') was not found in the value set "
                         f"'{terminology.title(value_set)}' ({value_set}), and a code is required from this "
                         "value set", "Terminology_TX_NoValid_16")
