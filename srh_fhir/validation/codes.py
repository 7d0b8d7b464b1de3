"""Code systems and value sets: which codes exist and which a required binding allows.

Our package's code systems and value sets are expanded when the validator loads; the R4 core ones come from the
committed core tables. Codes of code systems that cannot be had offline (SNOMED CT, LOINC, ICF) are not checked,
as the reference validator does (it only warns about them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

OFFLINE_CODE_SYSTEMS = frozenset({
    "http://snomed.info/sct",
    "http://loinc.org",
    "http://hl7.org/fhir/sid/icf",
    "http://hl7.org/fhir/sid/icf-nl",
})

Expansion = dict[str, frozenset[str]]


def _concept_codes(concepts: Iterable[Mapping[str, Any]]) -> list[str]:
    codes: list[str] = []
    for concept in concepts:
        codes.append(concept["code"])
        codes.extend(_concept_codes(concept.get("concept", [])))
    return codes


class Terminology:
    """Codes by system and value set expansions, from our package and the core tables; read-only once built."""

    def __init__(self, core_code_systems: Mapping[str, list[str]], core_value_sets: Mapping[str, Any],
                 package: Iterable[Mapping[str, Any]]) -> None:
        self.code_systems: dict[str, frozenset[str]] = {url: frozenset(c) for url, c in core_code_systems.items()}
        self.value_sets: dict[str, Expansion | None] = {
            url: None if exp is None else {s: frozenset(c) for s, c in exp.items()}
            for url, exp in core_value_sets.items()
        }
        self.value_set_titles: dict[str, str] = {}
        own_value_sets = []
        for resource in package:
            if resource["resourceType"] == "CodeSystem" and resource.get("content") == "complete":
                self.code_systems[resource["url"]] = frozenset(_concept_codes(resource.get("concept", [])))
            elif resource["resourceType"] == "ValueSet":
                own_value_sets.append(resource)
                self.value_set_titles[resource["url"]] = resource.get("title") or resource.get("name", "")
        for vs in own_value_sets:
            self.value_sets[vs["url"]] = self._expand(vs)

    def _expand(self, vs: Mapping[str, Any]) -> Expansion | None:
        result: dict[str, set[str]] = {}
        for include in vs.get("compose", {}).get("include", []):
            system = include.get("system")
            if system is None or include.get("filter") or include.get("valueSet"):
                return None
            if "concept" in include:
                result.setdefault(system, set()).update(c["code"] for c in include["concept"])
            elif system in self.code_systems:
                result.setdefault(system, set()).update(self.code_systems[system])
            else:
                return None
        return {system: frozenset(codes) for system, codes in result.items()}

    def known_system(self, system: str) -> bool:
        return system in self.code_systems

    def code_exists(self, system: str, code: str) -> bool:
        """False only when the code system is known (and complete) and the code is not in it."""
        codes = self.code_systems.get(system)
        return codes is None or code in codes

    def expansion(self, value_set: str) -> Expansion | None:
        """The codes a value set allows by system, or None when it cannot be checked offline."""
        return self.value_sets.get(value_set)

    def title(self, value_set: str) -> str:
        return self.value_set_titles.get(value_set, value_set.rsplit("/", 1)[-1])
