"""Read FHIR resources from files, folders, Bundles and ndjson as a stream.

Nothing is read ahead: an ndjson file is consumed line by line, so memory stays flat however large it is. A file or
line that cannot be read does not stop the stream; it comes out as a ``SourceItem`` with ``problem`` set (and where,
``location``), so a validation run reports it next to the resources that could be read. A file larger than
``max_file_bytes`` (an ndjson line, for ndjson) is not read. JSON with a property twice in one object is read (the
last one counts, as in most parsers) but each duplicate is kept as an issue: FHIR JSON forbids them.
"""

from __future__ import annotations

import json
import os
import re
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
    location: str | None = None
    """Where in the file the ``problem`` is (e.g. ``Bundle.entry[3].request``), when known."""
    duplicates: tuple[str, ...] = ()
    """The paths of properties that appear twice in one JSON object (``Patient.gender``)."""
    full_url: str | None = None
    """The ``fullUrl`` of the Bundle entry the resource came from: other entries may reference it (``urn:uuid:``)."""
    request: dict[str, Any] | None = None
    """The ``request`` of the transaction or batch entry the resource came from (method, url, ifNoneExist, ...)."""
    entries_apart: bool = False
    """A Bundle whose entries come as items of their own: only the Bundle's own rules are left to check."""


DUPLICATE = "the property appears twice in one JSON object, which FHIR JSON forbids"
MAX_FILE_BYTES = 256 * 1024 * 1024
"""The largest JSON file (or ndjson line) read, by default."""


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus every resource file under named folders (hidden ones aside, symbolic links to
    folders not followed), in a stable order: that of their paths, part by part."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(_resource_files(path))
        else:
            files.append(path)
    return files


def _resource_files(folder: Path) -> Iterator[Path]:
    # os.scandir rather than Path.rglob: a folder of 10,000 files is listed in a third of the time
    try:
        with os.scandir(folder) as listing:
            entries = sorted((entry for entry in listing if not entry.name.startswith(".")), key=lambda e: e.name)
    except OSError:  # a folder that cannot be listed is passed over, as Path.rglob does
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _resource_files(folder / entry.name)
        elif os.path.splitext(entry.name)[1] in RESOURCE_SUFFIXES and entry.is_file():
            yield folder / entry.name


def iter_resources(
    paths: Iterable[Path], max_file_bytes: int = MAX_FILE_BYTES, *, bundles: bool = False
) -> Iterator[SourceItem]:
    """Every resource in ``paths``; the entries of a Bundle come out one by one, after the Bundle itself when
    ``bundles`` (marked ``entries_apart``, for a validator to check the Bundle's own rules: type, fullUrls, bdl-*)."""
    for piece in pieces(expand_paths(paths), max_file_bytes):
        yield from piece.items(bundles)


@dataclass(frozen=True, slots=True)
class Piece:
    """Input not parsed yet: a JSON file (read when its items are taken), one ndjson line's bytes, or what made it
    unreadable. Cheap to send to another process, which reads and parses it there (``srh-fhir validate --jobs``)."""

    source: str
    data: bytes = b""
    file_limit: int = 0  # above 0: a JSON file of at most this many bytes, which may be a Bundle to take apart
    unreadable: SourceItem | None = None

    def items(self, bundles: bool = False) -> Iterator[SourceItem]:
        """The piece's resources (see ``iter_resources``)."""
        if self.unreadable is not None:
            yield self.unreadable
            return
        if not self.file_limit:
            yield _parse(self.data, self.source, len(self.data))
            return
        data = _read_json_file(Path(self.source), self.file_limit)
        if isinstance(data, SourceItem):
            yield data
            return
        item = _parse(data, self.source, len(data))
        if item.resource is not None and item.resource.get("resourceType") == "Bundle":
            yield from _bundle_entries(item, self.source, len(data), bundles)
        else:
            yield item


def pieces(files: Iterable[Path], max_file_bytes: int = MAX_FILE_BYTES) -> Iterator[Piece]:
    """The input of ``files`` (as ``expand_paths`` lists them) as pieces, in order: a JSON file whole, an ndjson
    file line by line."""
    for file in files:
        if file.suffix in NDJSON_SUFFIXES:
            yield from _ndjson_pieces(file, max_file_bytes)
        else:
            yield Piece(str(file), file_limit=max_file_bytes)


def _ndjson_pieces(file: Path, max_bytes: int) -> Iterator[Piece]:
    with file.open("rb") as stream:
        number = 0
        while line := stream.readline(max_bytes + 1):
            number += 1
            source = f"{file}:{number}"
            if len(line) > max_bytes:
                problem = _too_large("line", max_bytes)
                yield Piece(source, unreadable=SourceItem(source, problem=problem, size=len(line)))
                while line and not line.endswith(b"\n"):  # the rest of the long line
                    line = stream.readline(max_bytes + 1)
                continue
            if line.strip():
                yield Piece(source, line)


def _read_json_file(file: Path, max_bytes: int) -> bytes | SourceItem:
    """The bytes of a JSON file, or an unreadable item saying why not."""
    source = str(file)
    try:
        size = file.stat().st_size
        if size > max_bytes:
            return SourceItem(source, problem=_too_large("file", max_bytes), size=size)
        return file.read_bytes()
    except OSError as error:
        return SourceItem(source, problem=f"cannot read the file: {error.strerror}")


def _too_large(what: str, max_bytes: int) -> str:
    return f"the {what} is larger than {max_bytes:,} bytes, the limit; not read (raise it with --max-file-size)"


def _parse(data: bytes, source: str, size: int) -> SourceItem:
    duplicated: dict[int, list[str]] = {}

    def object_of(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) < len(pairs):
            seen: set[str] = set()
            duplicated[id(obj)] = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
        return obj

    try:
        resource = json.loads(data, object_pairs_hook=object_of)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return SourceItem(source, problem=f"not valid JSON: {error}", size=size)
    except RecursionError:
        return SourceItem(source, problem="the JSON nests too deep to be read", size=size)
    if not isinstance(resource, dict) or not isinstance(resource.get("resourceType"), str):
        return SourceItem(source, problem="not a FHIR resource: no resourceType", size=size)
    duplicates = _duplicate_paths(resource, duplicated) if duplicated else ()
    return SourceItem(source, resource, size=size, duplicates=duplicates)


def _duplicate_paths(resource: dict[str, Any], duplicated: dict[int, list[str]]) -> tuple[str, ...]:
    """The paths of the properties that appeared twice, found by the identity of the objects that had them."""
    from srh_fhir.validation.limits import json_nodes

    return tuple(
        f"{path}.{key}"
        for path, value, _ in json_nodes(resource, str(resource["resourceType"]))
        if isinstance(value, dict)
        for key in duplicated.get(id(value), ())
    )


def _bundle_entries(bundle_item: SourceItem, source: str, size: int, itself: bool) -> Iterator[SourceItem]:
    """The Bundle's entry resources, after the Bundle when ``itself``; an entry without one, or of the wrong shape, is
    reported, not skipped silently."""
    bundle = bundle_item.resource or {}
    entries = bundle.get("entry", [])
    if not isinstance(entries, list):
        yield SourceItem(source, problem="Bundle.entry must be an array", size=size, location="Bundle.entry")
        return
    if not entries:
        yield bundle_item
        return
    if itself:
        yield SourceItem(f"{source}#Bundle", bundle, entries_apart=True)
    outside = [d for d in bundle_item.duplicates if not re.match(r"Bundle\.entry\[\d+\]\.resource\.", d)]
    for path in outside:
        yield SourceItem(source, problem=DUPLICATE, location=path)
    for index, entry in enumerate(entries):
        where = f"{source}#Bundle.entry[{index}]"
        share = size if index == len(entries) - 1 else 0  # count the file's bytes once, at its end
        resource = entry.get("resource") if isinstance(entry, dict) else None
        request = entry.get("request") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and isinstance(resource.get("resourceType"), str):
            inside = f"Bundle.entry[{index}].resource."
            duplicates = tuple(
                f"{resource['resourceType']}.{d[len(inside) :]}" for d in bundle_item.duplicates if d.startswith(inside)
            )
            full_url = entry.get("fullUrl")
            yield SourceItem(
                where,
                resource,
                size=share,
                duplicates=duplicates,
                full_url=full_url if isinstance(full_url, str) and full_url else None,
                request=request if isinstance(request, dict) else None,
            )
        elif isinstance(request, dict) and request.get("method") in ("DELETE", "GET"):
            continue  # a delete or read in a transaction carries no resource
        elif request is not None and not isinstance(request, dict):
            yield SourceItem(
                where,
                problem="Bundle.entry.request must be an object",
                size=share,
                location=f"Bundle.entry[{index}].request",
            )
        else:
            yield SourceItem(
                where, problem="Bundle entry without a resource", size=share, location=f"Bundle.entry[{index}]"
            )
