"""Everything the validator knows, loaded once: R4 core tables, our profiles and extensions, terminology.

Core element trees are built on first use (a resource type nobody validates costs nothing) under a lock, so a
shared :class:`Schema` can serve several threads.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from srh_fhir.validation.codes import Terminology
from srh_fhir.validation.elements import Node, from_core_rows, from_snapshot
from srh_fhir.validation.invariants import Invariants
from srh_fhir.validation.rules import PrimitiveFormats, contains

CORE_TABLES: Traversable = files("srh_fhir.validation") / "data" / "r4-core.json"
CORE_PREFIX = "http://hl7.org/fhir/StructureDefinition/"


def read_package(folder: Traversable) -> list[dict[str, Any]]:
    """The conformance resources of a FHIR package folder (not its manifest or index), in file-name order."""
    files = sorted((p for p in folder.iterdir() if p.name.endswith(".json")), key=lambda p: p.name)
    return [json.loads(p.read_text(encoding="utf-8")) for p in files if p.name not in ("package.json", ".index.json")]


class Schema:
    """Element trees, extension definitions, primitive formats and terminology for one package over R4 core."""

    def __init__(self, package: Iterable[dict[str, Any]], core: Mapping[str, Any]) -> None:
        resources = list(package)
        self._core_rows: Mapping[str, Any] = core["types"]
        self._core_extensions: Mapping[str, list[str]] = core["extensions"]
        self._core_trees: dict[str, Node] = {}
        self._lock = threading.Lock()
        self.formats = PrimitiveFormats(core["primitives"])
        self.terminology = Terminology(core["codeSystems"], core["valueSets"], resources)
        self.invariants = Invariants()
        sds = [r for r in resources if r["resourceType"] == "StructureDefinition" and "snapshot" in r]
        self.profiles: dict[str, Node] = {sd["url"]: from_snapshot(sd) for sd in sds if sd["type"] != "Extension"}
        self.profile_types: dict[str, str] = {sd["url"]: sd["type"] for sd in sds}
        self.extensions: dict[str, Node] = {sd["url"]: from_snapshot(sd) for sd in sds if sd["type"] == "Extension"}
        self.extension_contexts: dict[str, tuple[str, ...]] = {
            sd["url"]: tuple(c["expression"] for c in sd.get("context", []) if c.get("type") == "element")
            for sd in sds if sd["type"] == "Extension"
        }
        self.canonical_bases = frozenset(
            sd["url"].split("/StructureDefinition/")[0] + "/" for sd in sds if "/StructureDefinition/" in sd["url"])

    @classmethod
    def load(cls, package_dir: Traversable, core_tables: Traversable = CORE_TABLES) -> Schema:
        core = json.loads(core_tables.read_text(encoding="utf-8"))
        return cls(read_package(package_dir), core)

    def core_extension_types(self, url: str) -> list[str] | None:
        """The value types a simple R4 core extension allows, or None for any other extension."""
        return self._core_extensions.get(url)

    def is_primitive(self, type_code: str) -> bool:
        return type_code in self.formats.types

    def is_type(self, type_code: str) -> bool:
        return type_code in self._core_rows

    def is_resource_type(self, type_code: str) -> bool:
        info = self._core_rows.get(type_code)
        return info is not None and info["kind"] == "resource" and not info["abstract"]

    def core_tree(self, type_code: str) -> Node | None:
        """The element tree of a core type, built on first use; None for an unknown type."""
        tree = self._core_trees.get(type_code)
        if tree is None:
            rows = self._core_rows.get(type_code)
            if rows is None:
                return None
            with self._lock:
                tree = self._core_trees.get(type_code)
                if tree is None:
                    tree = from_core_rows(type_code, rows["elements"])
                    self._core_trees[type_code] = tree
        return tree

    def target_type(self, profile_url: str) -> str:
        """The resource type a target profile stands for."""
        if profile_url in self.profile_types:
            return self.profile_types[profile_url]
        return profile_url.split("|")[0].rsplit("/", 1)[-1]

    def own_extension_url(self, url: str) -> bool:
        """True for an extension URL under one of our canonical bases (it must be defined in our package)."""
        return any(url.startswith(base) for base in self.canonical_bases)

    def matching_profiles(self, resource: Mapping[str, Any]) -> list[Node]:
        """Our profiles for the resource's type whose fixed or pattern top-level elements it carries; a profile that
        fixes none (srh-understanding, told apart by a category slice) is not inferred."""
        found = []
        for tree in self.profiles.values():
            if tree.path != resource.get("resourceType"):
                continue
            fixed = [child for child in tree.children.values() if child.pattern is not None or child.fixed is not None]
            if fixed and all(
                _carries(resource.get(child.name), child.pattern if child.pattern is not None else child.fixed)
                for child in fixed
            ):
                found.append(tree)
        return found


def _carries(value: Any, expected: Any) -> bool:
    items = value if isinstance(value, list) else [value]
    return any(contains(item, expected) for item in items)
