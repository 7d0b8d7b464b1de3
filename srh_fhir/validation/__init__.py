"""Validate FHIR R4 resources against the SRH profiles, in Python, with results HAPI's validator agrees with.

>>> from srh_fhir.validation import validate, has_errors
>>> outcome = validate(resource)          # an OperationOutcome dict
>>> has_errors(outcome)                   # True when an issue has severity error or fatal

Which rules apply: the profiles named in the resource's ``meta.profile`` (one of ours, or the R4 base definition
of its type); without any, the R4 base definition of its type — exactly what HAPI's validator does. With
``Validator(infer_profiles=True)`` a resource without ``meta.profile`` is instead checked against those of our
profiles for its type whose fixed and pattern top-level elements it carries (e.g. an Observation with code
``tie-assessment`` against srh-tie-assessment).

A :class:`Validator` loads the package and the R4 core tables once; it can be shared between threads.

How it works (and why): the rules are read from the snapshots of our package and from R4 core tables extracted
at build time (``tools/make_core_tables.py`` -> ``data/r4-core.json``: element definitions, required-binding
expansions, code systems, primitive formats). Each StructureDefinition becomes a tree of nodes keyed by JSON
property (``elements.py``), and one walk over the resource's JSON checks structure, cardinality, slices, types,
fixed/pattern values, bindings, references and extensions (``walker.py``); invariants are FHIRPath, compiled
once with fhirpathpy (``invariants.py``). The structure is not checked by parsing into ``fhir.resources`` models:
that costs more than the whole walk, stops at the first problem of a kind instead of reporting every one, and
its error locations are not HAPI's paths; the walk reports what HAPI reports, where HAPI reports it (see
tests/profiles/test_agreement.py). Known gaps: codes of SNOMED CT, LOINC and ICF are not checked (HAPI cannot check them
offline either), value sets with filters on external code systems, complex core extensions, and BCP-47 language
tags only by their grammar, not against the subtag registry.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from srh_fhir.validation.limits import DEFAULT_LIMITS, Limits, limit_issues
from srh_fhir.validation.outcome import Issue, error_paths, has_errors, operation_outcome
from srh_fhir.validation.schema import CORE_TABLES, Schema
from srh_fhir.validation.walker import Walker

__all__ = ["Limits", "Validator", "error_paths", "has_errors", "validate"]

# srh_fhir.profiles.PACKAGE_DIR, through importlib.resources so that mypy can follow it and zips work
PACKAGE_DIR: Traversable = files("srh_fhir.profiles") / "package"


class Validator:
    """Validates resources against our profile package over R4 core. Build once, use many times."""

    def __init__(self, package_dir: Traversable = PACKAGE_DIR, *, infer_profiles: bool = False,
                 core_tables: Traversable = CORE_TABLES, limits: Limits = DEFAULT_LIMITS) -> None:
        self.schema = Schema.load(package_dir, core_tables)
        self.infer_profiles = infer_profiles
        self.limits = limits

    @classmethod
    def from_resources(cls, package: Iterable[dict[str, Any]], *, infer_profiles: bool = False,
                       core_tables: Traversable = CORE_TABLES, limits: Limits = DEFAULT_LIMITS) -> Validator:
        """A Validator over conformance resources given as JSON objects (StructureDefinitions with snapshots,
        ValueSets, CodeSystems) instead of a package folder."""
        validator = cls.__new__(cls)
        validator.schema = Schema(package, json.loads(core_tables.read_text(encoding="utf-8")))
        validator.infer_profiles = infer_profiles
        validator.limits = limits
        return validator

    def validate(self, resource: Mapping[str, Any], *, entries: bool = True) -> dict[str, Any]:
        """The OperationOutcome of one resource (a Bundle is validated as a whole, entries included; with ``entries``
        False only the Bundle's own rules, for a caller that validates each entry's resource on its own)."""
        if not isinstance(resource, Mapping):
            return operation_outcome([Issue("fatal", "structure", "", "A resource must be a JSON object")])
        if not isinstance(resource, dict):
            resource = _plain(resource)
        resource_type = resource.get("resourceType")
        if not isinstance(resource_type, str) or not self.schema.is_resource_type(resource_type):
            return operation_outcome([Issue("fatal", "structure", str(resource_type or ""),
                                            f"Unknown resource type {resource_type!r}")])
        over_limits, walkable = limit_issues(resource, self.limits)
        if not walkable:
            return operation_outcome(over_limits)
        walker = Walker(self.schema, resource, self.infer_profiles, entries=entries)
        return operation_outcome([*over_limits, *walker.run()])

    def validate_bundle(self, bundle: Mapping[str, Any]) -> list[dict[str, Any]]:
        """One OperationOutcome per entry of a Bundle, in entry order (an entry without a resource gets a fatal
        issue). Problems of the Bundle itself (its type, fullUrls) are what ``validate(bundle)`` reports."""
        entries = bundle.get("entry", [])
        outcomes = []
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            resource = entry.get("resource") if isinstance(entry, Mapping) else None
            if resource is None:
                outcomes.append(operation_outcome([Issue("fatal", "required", f"Bundle.entry[{i}]",
                                                         "The entry has no resource")]))
            else:
                outcomes.append(self.validate(resource))
        return outcomes

    def validate_stream(
        self, resources: Iterable[Mapping[str, Any]]
    ) -> Iterator[tuple[Mapping[str, Any], dict[str, Any]]]:
        """Each resource with its OperationOutcome, lazily: memory stays flat however long the stream."""
        for resource in resources:
            yield resource, self.validate(resource)


def _plain(value: Any) -> Any:
    """JSON made of dicts and lists (the walker works on what ``json.loads`` gives)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


_default: Validator | None = None
_default_lock = threading.Lock()


def default_validator() -> Validator:
    """The shared Validator over the package shipped with srh_fhir, built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Validator()
        return _default


def validate(resource: Mapping[str, Any]) -> dict[str, Any]:
    """The OperationOutcome of one resource, by the shared default Validator."""
    return default_validator().validate(resource)
