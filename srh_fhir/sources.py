"""Read FHIR resources from files, folders, Bundles and ndjson as a stream.

Nothing is read ahead: an ndjson file is consumed line by line, so memory stays flat however large it is. A file or
line that cannot be read does not stop the stream; it comes out as a ``SourceItem`` with ``problem`` set, so a
validation run reports it next to the resources that could be read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESOURCE_SUFFIXES = (".json", ".ndjson", ".jsonl")
NDJSON_SUFFIXES = (".ndjson", ".jsonl")


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One resource (or one unreadable piece) with where it came from, e.g. ``data.ndjson:12``."""

    source: str
    resource: dict[str, Any] | None = None
    problem: str | None = None
    size: int = 0  # bytes consumed from the file, for progress reporting


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every resource file under named folders (hidden ones aside), in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = (p for p in path.rglob("*") if p.suffix in RESOURCE_SUFFIXES and not _hidden(p, path))
            files.extend(sorted(p for p in found if p.is_file()))
        else:
            files.append(path)
    return files


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_resources(paths: Iterable[Path]) -> Iterator[SourceItem]:
    """Every resource in ``paths``; the entries of a Bundle come out one by one."""
    for file in expand_paths(paths):
        if file.suffix in NDJSON_SUFFIXES:
            yield from _read_ndjson(file)
        else:
            yield from _read_json(file)


def _read_ndjson(file: Path) -> Iterator[SourceItem]:
    with file.open("rb") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            yield _parse(line, f"{file}:{number}", len(line))


def _read_json(file: Path) -> Iterator[SourceItem]:
    try:
        data = file.read_bytes()
    except OSError as error:
        yield SourceItem(str(file), problem=f"cannot read the file: {error.strerror}")
        return
    item = _parse(data, str(file), len(data))
    if item.resource is not None and item.resource.get("resourceType") == "Bundle":
        yield from _bundle_entries(item.resource, str(file), len(data))
    else:
        yield item


def _parse(data: bytes, source: str, size: int) -> SourceItem:
    try:
        resource = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return SourceItem(source, problem=f"not valid JSON: {error}", size=size)
    if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
        return SourceItem(source, problem="not a FHIR resource: no resourceType", size=size)
    return SourceItem(source, resource, size=size)


def _bundle_entries(bundle: dict[str, Any], source: str, size: int) -> Iterator[SourceItem]:
    """The Bundle's entry resources; an entry without one is reported, not skipped silently."""
    entries = bundle.get("entry", [])
    if not entries:
        yield SourceItem(source, bundle, size=size)
        return
    for index, entry in enumerate(entries):
        where = f"{source}#Bundle.entry[{index}]"
        share = size if index == len(entries) - 1 else 0  # count the file's bytes once, at its end
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and isinstance(resource.get("resourceType"), str):
            yield SourceItem(where, resource, size=share)
        elif isinstance(entry, dict) and "request" in entry and entry["request"].get("method") in ("DELETE", "GET"):
            continue  # a delete or read in a transaction carries no resource
        else:
            yield SourceItem(where, problem="Bundle entry without a resource", size=share)
