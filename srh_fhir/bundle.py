"""Small helpers for FHIR Bundles as plain JSON dicts: reading entries and links, building batches and transactions."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote, urlencode

Resource = dict[str, Any]


def resources(bundle: Mapping[str, Any], mode: str | None = None) -> list[Resource]:
    """The resources in a Bundle's entries; with ``mode`` ("match", "include", "outcome") only those entries."""
    found = []
    for entry in bundle.get("entry", []):
        if mode is not None and entry.get("search", {}).get("mode", "match") != mode:
            continue
        if "resource" in entry:
            found.append(entry["resource"])
    return found


def link(bundle: Mapping[str, Any], relation: str) -> str | None:
    """The URL of a Bundle link by relation ("next", "self", "previous"), or None."""
    for item in bundle.get("link", []):
        if item.get("relation") == relation and item.get("url"):
            return str(item["url"])
    return None


def reference(resource: Mapping[str, Any]) -> str:
    """``Type/id`` of a resource that has an id."""
    if not resource.get("id"):
        raise ValueError(f"a {resource.get('resourceType', 'resource')} without an id has no reference")
    return f"{resource['resourceType']}/{resource['id']}"


def version_id(resource: Mapping[str, Any]) -> str | None:
    """``meta.versionId`` of a resource, or None."""
    version = resource.get("meta", {}).get("versionId")
    return str(version) if version else None


def with_version(resource: Mapping[str, Any], version: str | None) -> Resource:
    """A copy of ``resource`` whose ``meta.versionId`` is ``version`` (removed when the version is unknown)."""
    meta = {k: v for k, v in resource.get("meta", {}).items() if k != "versionId"}
    if version:
        meta["versionId"] = version
    copy = {k: v for k, v in resource.items() if k != "meta"}
    return {**copy, "meta": meta} if meta else copy


def new_urn() -> str:
    """A fresh ``urn:uuid:`` for a fullUrl, so entries of one transaction can point at resources not yet created."""
    return f"urn:uuid:{uuid.uuid4()}"


def weak_etag(version: str) -> str:
    """The ETag form of a version id: ``W/"3"``."""
    return f'W/"{version}"'


def version_from_etag(etag: str | None) -> str | None:
    """``3`` from ``W/"3"`` (or from ``"3"``, which some servers send without the weak marker)."""
    if not etag:
        return None
    value = etag.strip()
    if value.startswith("W/"):
        value = value[2:]
    return value.strip('"') or None


def version_from_location(location: str | None) -> str | None:
    """The version in a Location such as ``.../Patient/1/_history/2``, or None."""
    if not location or "/_history/" not in location:
        return None
    return location.rsplit("/_history/", 1)[1].strip("/") or None


def id_from_location(location: str | None, resource_type: str) -> str | None:
    """The logical id in a Location such as ``http://x/fhir/Patient/1/_history/2``, or None."""
    if not location:
        return None
    path = location.split("/_history/", 1)[0].rstrip("/")
    parts = path.split("/")
    if len(parts) >= 2 and parts[-2] == resource_type:
        return parts[-1]
    return None


def entry_for_create(
    resource: Mapping[str, Any], full_url: str | None = None, if_none_exist: str | None = None
) -> Resource:
    """A transaction/batch entry that POSTs a new resource under a ``urn:uuid`` fullUrl."""
    request: dict[str, Any] = {"method": "POST", "url": resource["resourceType"]}
    if if_none_exist:
        request["ifNoneExist"] = if_none_exist
    return {"fullUrl": full_url or new_urn(), "resource": dict(resource), "request": request}


def entry_for_update(resource: Mapping[str, Any], version: str | None = None) -> Resource:
    """A transaction/batch entry that PUTs a resource, with ``ifMatch`` when its version is known."""
    request: dict[str, Any] = {"method": "PUT", "url": reference(resource)}
    known = version or version_id(resource)
    if known:
        request["ifMatch"] = weak_etag(known)
    return {"resource": dict(resource), "request": request}


def entry_for_delete(reference_: str) -> Resource:
    """A transaction/batch entry that deletes ``Type/id``."""
    return {"request": {"method": "DELETE", "url": reference_}}


def search_url(path: str, params: Sequence[tuple[str, str]]) -> str:
    """``path?name=value&...`` with every name and value percent-encoded, so a value holding ``://``, ``&``, ``#`` or
    ``?`` stays one value (a server may take an unencoded ``://`` in a batch entry's URL for an absolute URL)."""
    return f"{path}?{urlencode(params, quote_via=quote, safe='')}" if params else path


def entry_for_read(path: str, params: Sequence[tuple[str, str]] = ()) -> Resource:
    """A batch entry that GETs a relative URL: a read (``Patient/1``) or a search (``Observation`` with ``params``,
    percent-encoded here)."""
    return {"request": {"method": "GET", "url": search_url(path, params)}}


def with_full_urls(bundle: Mapping[str, Any], base_url: str) -> Mapping[str, Any]:
    """The Bundle with a fullUrl on every entry that carries a resource (bdl-7; HAPI refuses a Bundle without):
    a resource with an id gets its absolute URL under ``base_url``, a new one a fresh ``urn:uuid``."""
    entries = bundle.get("entry", [])
    if all("fullUrl" in e or "resource" not in e for e in entries):
        return bundle
    completed = []
    for entry in entries:
        if "resource" in entry and "fullUrl" not in entry:
            resource = entry["resource"]
            full_url = f"{base_url.rstrip('/')}/{reference(resource)}" if resource.get("id") else new_urn()
            entry = {"fullUrl": full_url, **entry}
        completed.append(entry)
    return {**bundle, "entry": completed}


PLACEHOLDER_PREFIXES = ("urn:uuid:", "urn:oid:")


def references(value: Any) -> Iterator[str]:
    """Every ``Reference.reference`` anywhere in a resource (contained resources and extensions included)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def placeholder_problems(entries: Sequence[Mapping[str, Any]]) -> list[str]:
    """What stops the server from linking a transaction's entries: a ``urn:uuid:``/``urn:oid:`` reference that is
    no entry's fullUrl (a server may store it as it stands, pointing nowhere), or a fullUrl given to two entries."""
    problems: list[str] = []
    full_urls: set[str] = set()
    for entry in entries:
        full_url = entry.get("fullUrl")
        if full_url in full_urls:
            problems.append(f"{full_url} is the fullUrl of more than one entry")
        elif isinstance(full_url, str):
            full_urls.add(full_url)
    for entry in entries:
        resource = entry.get("resource", {})
        for target in references(resource):
            if target.startswith(PLACEHOLDER_PREFIXES) and target not in full_urls:
                which = " ".join(str(x) for x in (resource.get("resourceType"), entry.get("fullUrl")) if x)
                problems.append(f"{which} references {target}, which is the fullUrl of no entry")
    return problems


def make_bundle(bundle_type: str, entries: Iterable[Mapping[str, Any]]) -> Resource:
    """A Bundle of ``bundle_type`` ("transaction", "batch", "collection") from entries."""
    return {"resourceType": "Bundle", "type": bundle_type, "entry": [dict(e) for e in entries]}


def entry_statuses(response_bundle: Mapping[str, Any]) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """(HTTP status, entry) for each entry of a batch/transaction response (``response.status`` like "201 Created")."""
    for entry in response_bundle.get("entry", []):
        status = str(entry.get("response", {}).get("status", "0")).split(" ", 1)[0]
        yield (int(status) if status.isdigit() else 0), entry
