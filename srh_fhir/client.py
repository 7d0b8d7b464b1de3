"""A FHIR R4 REST client on one pooled ``requests.Session``, working on resources as plain JSON dicts.

Every request has a timeout and every call an overall deadline; transient failures are retried as ``srh_fhir.http``
describes; answers are read up to a size cap; redirects are not followed; a search stops at a page and a resource
limit. Every error answer becomes a typed exception from ``srh_fhir.errors`` that carries the server's
OperationOutcome::

    with FHIRClient("https://ehr.example/fhir", auth=BearerToken(token)) as fhir:
        patient = fhir.read("Patient", "123")
        for member in fhir.search("RelatedPerson", {"patient": "Patient/123"}):
            ...
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import TracebackType
from typing import Any, TypeAlias
from urllib.parse import urlencode, urljoin, urlsplit

import requests
from urllib3.util.retry import Retry

from srh_fhir import bundle as bundles
from srh_fhir import server_facts
from srh_fhir.auth import BearerToken, TokenProvider
from srh_fhir.deadline import DEFAULT_DEADLINE, within
from srh_fhir.deadline import current as current_deadline
from srh_fhir.errors import (
    AuthError,
    DeadlineExceeded,
    FHIRProtocolError,
    SrhFhirError,
    TokenExpired,
    VersionConflict,
)
from srh_fhir.http import (
    DEFAULT_MAX_BODY,
    DEFAULT_TIMEOUT,
    FHIR_JSON,
    Timeout,
    build_session,
    connection_error,
    describe_request,
    error_for,
    origin,
    read_body,
    response_json,
)

Resource: TypeAlias = dict[str, Any]
ParamValue: TypeAlias = str | int | Sequence[str]
Params: TypeAlias = Mapping[str, ParamValue] | Sequence[tuple[str, str]]
DEFAULT_MAX_PAGES = 1000  # pages of one search or history followed at most
DEFAULT_MAX_RESOURCES = 100_000  # entries of one search or history (all its pages) read at most


class FHIRClient:
    """Read, search and write FHIR resources on one server.

    ``auth`` supplies bearer tokens (``BearerToken``, ``srh_fhir.smart.BackendServicesAuth``); ``token`` is a
    shortcut for ``BearerToken(token)``. ``round_trips`` counts the HTTP exchanges made, for callers that care.

    Limits, each raising a clear error when exceeded: ``timeout`` for each wait on the socket; ``deadline`` seconds
    for a whole call (connecting, reading, retries, Retry-After waits and a token refresh; each page of a search is a
    call; ``DeadlineExceeded``); ``max_body`` bytes of one answer (``FHIRProtocolError``); ``max_pages`` and
    ``max_resources`` of one search or history over all its pages (``FHIRProtocolError``, as is a ``next`` link
    that leads back to a page already read). The deadline is kept by sessions of ``srh_fhir.http.build_session``.
    """

    def __init__(
        self,
        base_url: str,
        *,
        auth: TokenProvider | None = None,
        token: str | None = None,
        timeout: Timeout = DEFAULT_TIMEOUT,
        retries: Retry | None = None,
        session: requests.Session | None = None,
        deadline: float = DEFAULT_DEADLINE,
        max_body: int = DEFAULT_MAX_BODY,
        max_pages: int = DEFAULT_MAX_PAGES,
        max_resources: int = DEFAULT_MAX_RESOURCES,
    ) -> None:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) base URL: {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.auth: TokenProvider | None = auth if auth is not None else (BearerToken(token) if token else None)
        self.timeout = timeout
        self.deadline = deadline
        self.max_body = max_body
        self.max_pages = max_pages
        self.max_resources = max_resources
        self.session = session or build_session(retries, timeout=timeout)
        self.round_trips = 0

    # -- life cycle ---------------------------------------------------------------------------------------------

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> FHIRClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"FHIRClient({self.base_url!r})"

    # -- reading ------------------------------------------------------------------------------------------------

    @property
    def facts(self) -> server_facts.ServerFacts:
        """What is known of this server, shared with every client of the same base URL in this process."""
        return server_facts.of(self.base_url)

    def capabilities(self) -> Resource:
        """The server's CapabilityStatement (fetched once per base URL in this process)."""
        facts = self.facts
        if facts.statement is None:
            facts.statement = self._expect_json("GET", "metadata")
        return facts.statement

    @property
    def known_capabilities(self) -> Resource | None:
        """The CapabilityStatement if a client of this base fetched it already (no request), else None."""
        return self.facts.statement

    def read(self, resource_type: str, resource_id: str) -> Resource:
        """The current version of ``resource_type/resource_id``; ResourceNotFound or ResourceGone if there is none."""
        return self._read_url(f"{resource_type}/{_segment(resource_id)}")

    def vread(self, resource_type: str, resource_id: str, version: str) -> Resource:
        """One version of a resource."""
        return self._read_url(f"{resource_type}/{_segment(resource_id)}/_history/{_segment(version)}")

    def search_page(
        self,
        resource_type: str,
        params: Params | None = None,
        *,
        include: Iterable[str] = (),
        revinclude: Iterable[str] = (),
        count: int | None = None,
    ) -> Resource:
        """The first page of a search, as the searchset Bundle the server returned."""
        query = _query(params, include=include, revinclude=revinclude, count=count)
        return self._expect_json("GET", resource_type, params=query)

    def next_page(self, page: Mapping[str, Any]) -> Resource | None:
        """The page after ``page`` (following its ``next`` link, absolute or relative), or None on the last page."""
        url = bundles.link(page, "next")
        return self._expect_json("GET", url) if url else None

    def pages(self, first: Mapping[str, Any]) -> Iterator[Resource]:
        """``first`` and every page after it, up to ``max_pages`` and ``max_resources``; FHIRProtocolError when a
        limit is passed or a ``next`` link leads to a page already read (a server's paging loop)."""
        read = {self._url(url) for url in (bundles.link(first, "self"),) if url}
        entries = 0
        page: Mapping[str, Any] = first
        for number in itertools.count(1):
            entries += len(page.get("entry", []))
            if entries > self.max_resources:
                raise FHIRProtocolError(
                    f"the search returned more than {self.max_resources:,} resources; stopped at page {number} "
                    "(FHIRClient(max_resources=...) raises the limit; a narrower search is better)"
                )
            yield dict(page)
            url = bundles.link(page, "next")
            if url is None:
                return
            if number >= self.max_pages:
                raise FHIRProtocolError(
                    f"the search has more than {self.max_pages:,} pages; stopped "
                    "(FHIRClient(max_pages=...) raises the limit)"
                )
            page = self._next_unread(url, read)

    def search(
        self,
        resource_type: str,
        params: Params | None = None,
        *,
        include: Iterable[str] = (),
        revinclude: Iterable[str] = (),
        count: int | None = None,
    ) -> Iterator[Resource]:
        """Every resource a search returns over all its pages, matches and included ones alike, fetched lazily.

        If a later page fails, the error is raised after the earlier pages' resources: a result is never cut short
        silently.
        """
        first = self.search_page(resource_type, params, include=include, revinclude=revinclude, count=count)
        for page in self.pages(first):
            yield from bundles.resources(page)

    def history(
        self,
        resource_type: str | None = None,
        resource_id: str | None = None,
        *,
        count: int | None = None,
        since: str | None = None,
    ) -> Iterator[Resource]:
        """Bundle entries of the history (newest first) of one resource, a type, or the whole server, over all pages.

        Entries of deletions have a ``request`` but no ``resource``.
        """
        if resource_id is not None and resource_type is None:
            raise ValueError("a resource id needs its resource type")
        path = "/".join(p for p in (resource_type, resource_id and _segment(resource_id), "_history") if p)
        query: list[tuple[str, str]] = []
        if count is not None:
            query.append(("_count", str(count)))
        if since is not None:
            query.append(("_since", since))
        first = self._expect_json("GET", path, params=query)
        for page in self.pages(first):
            yield from page.get("entry", [])

    # -- writing ------------------------------------------------------------------------------------------------

    def create(self, resource: Mapping[str, Any]) -> Resource:
        """POST a new resource; returns it as stored (with its id and ``meta.versionId``)."""
        created, _ = self._create(resource, None)
        return created

    def conditional_create(self, resource: Mapping[str, Any], if_none_exist: str | Params) -> tuple[Resource, bool]:
        """Create unless a resource matches the search ``if_none_exist`` (e.g. ``"identifier=sys|123"``).

        Returns the stored resource and whether it was created (False: the existing match is returned).
        """
        query = if_none_exist if isinstance(if_none_exist, str) else urlencode(_query(if_none_exist))
        return self._create(resource, query)

    def update(
        self, resource: Mapping[str, Any], *, version: str | None = None, check_version: bool = True
    ) -> Resource:
        """PUT a resource, which must have an id; returns it as stored.

        When a version is known (``version``, else the resource's ``meta.versionId``) the write carries
        ``If-Match: W/"version"``, so a resource changed by somebody else since it was read raises VersionConflict
        (with ``ours`` and the server's current version as ``theirs``) instead of being overwritten. A resource with
        no known version is written as is (create-or-replace under a chosen id). ``check_version=False`` overwrites.
        """
        path = bundles.reference(resource)
        known = version or bundles.version_id(resource)
        headers = {"Prefer": "return=representation"}
        if check_version and known:
            headers["If-Match"] = bundles.weak_etag(known)
        response = self._send("PUT", path, json_body=resource, headers=headers)
        if not response.ok:
            error = error_for(response, ours=resource)
            if isinstance(error, VersionConflict):
                error.theirs = self._current_or_none(resource["resourceType"], resource["id"])
            raise error
        return self._stored(response, resource, posted=False)

    def delete(self, resource_type: str, resource_id: str) -> None:
        """DELETE a resource (deleting one that does not exist is not an error on most servers)."""
        response = self._send("DELETE", f"{resource_type}/{_segment(resource_id)}")
        if not response.ok:
            raise error_for(response)

    def meta_delete(self, resource_type: str, resource_id: str, meta: Mapping[str, Any]) -> None:
        """Remove tags, security labels or profiles from a resource (``$meta-delete``): an update keeps them on
        servers that carry ``meta.tag`` forward between versions, as HAPI does."""
        parameters = {"resourceType": "Parameters", "parameter": [{"name": "meta", "valueMeta": dict(meta)}]}
        response = self._send("POST", f"{resource_type}/{_segment(resource_id)}/$meta-delete", json_body=parameters)
        if not response.ok:
            raise error_for(response)

    def transaction(self, bundle_or_entries: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> Resource:
        """POST a transaction Bundle: all entries succeed or none is written. Returns the transaction-response."""
        return self._post_bundle("transaction", bundle_or_entries)

    def batch(self, bundle_or_entries: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> Resource:
        """POST a batch Bundle: entries succeed or fail one by one (see ``bundle.entry_statuses``)."""
        return self._post_bundle("batch", bundle_or_entries)

    def validate(self, resource: Mapping[str, Any], *, profile: str | None = None) -> Resource:
        """The server's ``$validate`` verdict on a resource, as an OperationOutcome (valid or not)."""
        body: Mapping[str, Any] = resource
        if profile is not None:
            body = {
                "resourceType": "Parameters",
                "parameter": [
                    {"name": "resource", "resource": dict(resource)},
                    {"name": "profile", "valueUri": profile},
                ],
            }
        response = self._send("POST", f"{resource['resourceType']}/$validate", json_body=body)
        outcome = response_json(response)
        if (
            outcome
            and outcome.get("resourceType") == "OperationOutcome"
            and response.status_code in (200, 400, 412, 422)
        ):
            return outcome
        if not response.ok:
            raise error_for(response)
        raise FHIRProtocolError(f"$validate answered HTTP {response.status_code} without an OperationOutcome")

    # -- internals ----------------------------------------------------------------------------------------------

    def _create(self, resource: Mapping[str, Any], if_none_exist: str | None) -> tuple[Resource, bool]:
        headers = {"Prefer": "return=representation"}
        if if_none_exist:
            headers["If-None-Exist"] = if_none_exist
        response = self._send("POST", resource["resourceType"], json_body=resource, headers=headers)
        if not response.ok:
            raise error_for(response, ours=resource)
        # 201 is a creation. A 200 means a conditional create matched an existing resource; some servers answer a
        # plain create with 200 as well, which is still a creation since no condition was sent.
        created = response.status_code == 201 or if_none_exist is None
        return self._stored(response, resource, posted=True), created

    def _stored(self, response: requests.Response, sent: Mapping[str, Any], *, posted: bool) -> Resource:
        """The resource as the server stored it: the body, else a read of the Location, else (for an update) what was
        sent at the version in the ETag. Servers differ in which of these they return."""
        body = response_json(response)
        etag_version = bundles.version_from_etag(response.headers.get("ETag"))
        if body is not None and body.get("resourceType") == sent["resourceType"]:
            return body if bundles.version_id(body) else bundles.with_version(body, etag_version)
        location = response.headers.get("Location") or response.headers.get("Content-Location")
        if location:
            return self._read_url(location)
        if not posted:
            return bundles.with_version(sent, etag_version)
        raise FHIRProtocolError(
            f"the server accepted the {sent['resourceType']} (HTTP {response.status_code}) but returned "
            "neither the resource nor its Location, so its id is unknown"
        )

    def _current_or_none(self, resource_type: str, resource_id: str) -> Resource | None:
        try:
            return self.read(resource_type, resource_id)
        except SrhFhirError:
            return None

    def _post_bundle(
        self, bundle_type: str, bundle_or_entries: Mapping[str, Any] | Iterable[Mapping[str, Any]]
    ) -> Resource:
        if isinstance(bundle_or_entries, Mapping):
            if bundle_or_entries.get("type") != bundle_type:
                raise ValueError(f"expected a Bundle of type {bundle_type!r}, got {bundle_or_entries.get('type')!r}")
            bundle: Mapping[str, Any] = bundle_or_entries
        else:
            bundle = bundles.make_bundle(bundle_type, bundle_or_entries)
        return self._expect_json(
            "POST",
            "",
            json_body=bundles.with_full_urls(bundle, self.base_url),
            headers={"Prefer": "return=representation"},
        )

    def _next_unread(self, url: str, read: set[str]) -> Resource:
        """The page at a ``next`` link, which must not be one read already (``read`` gets it)."""
        absolute = self._url(url)
        if absolute in read:
            path = urlsplit(absolute).path
            raise FHIRProtocolError(f"the server's next link leads back to a page already read ({path}): a paging loop")
        read.add(absolute)
        return self._expect_json("GET", absolute)

    def _read_url(self, url: str) -> Resource:
        """GET one resource; when the body lacks ``meta.versionId`` but the ETag has it, the version is filled in."""
        return self._expect_json("GET", url)

    def _expect_json(
        self,
        method: str,
        url: str,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        json_body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Resource:
        response = self._send(method, url, params=params, json_body=json_body, headers=headers)
        if not response.ok:
            raise error_for(response, ours=json_body)
        body = response_json(response)
        if body is None:
            raise FHIRProtocolError(
                f"{method} {url.split('?', 1)[0]} answered HTTP {response.status_code} with no body"
            )
        if body.get("resourceType") is None:
            raise FHIRProtocolError(f"{method} {url.split('?', 1)[0]} answered with JSON that has no resourceType")
        etag_version = bundles.version_from_etag(response.headers.get("ETag"))
        if method == "GET" and etag_version and not bundles.version_id(body) and body["resourceType"] != "Bundle":
            return bundles.with_version(body, etag_version)
        return body

    def _url(self, url: str) -> str:
        """An absolute URL for a path relative to the base, or a link the server gave; refuses other hosts."""
        absolute = urljoin(self.base_url + "/", url) if url else self.base_url
        base, target = urlsplit(self.base_url), urlsplit(absolute)
        if (target.scheme, target.netloc) != (base.scheme, base.netloc):
            raise FHIRProtocolError(
                f"the server linked to {target.scheme}://{target.netloc}, outside its base URL {self.base_url}; "
                "not following it (the access token would go to another host)"
            )
        return absolute

    def _send(
        self,
        method: str,
        url: str,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        json_body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """One request, with the bearer token; on 401, refresh the token once and try again; all within the deadline."""
        absolute = self._url(url)
        try:
            with within(self.deadline):
                return self._send_within(method, absolute, params, json_body, headers)
        except DeadlineExceeded as error:
            raise DeadlineExceeded(f"{self.base_url}: {method} {urlsplit(absolute).path}: {error}") from error

    def _send_within(
        self,
        method: str,
        absolute: str,
        params: Sequence[tuple[str, str]] | None,
        json_body: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
    ) -> requests.Response:
        refreshed = False
        while True:
            request_headers = dict(headers or {})
            if json_body is not None:
                request_headers["Content-Type"] = FHIR_JSON
            if self.auth is not None:
                request_headers["Authorization"] = f"Bearer {self.auth.access_token()}"
            response = self._exchange(method, absolute, params, json_body, request_headers)
            if response.status_code != 401 or self.auth is None:
                return response
            if refreshed:
                error = error_for(response)
                raise TokenExpired(f"the server refused the refreshed access token too: {error}", status=401)
            try:
                self.auth.refresh()
            except TokenExpired:
                raise
            except AuthError as error:
                raise TokenExpired(
                    f"the access token was refused and could not be renewed: {error}", status=401
                ) from error
            refreshed = True

    def _exchange(
        self,
        method: str,
        url: str,
        params: Sequence[tuple[str, str]] | None,
        json_body: Mapping[str, Any] | None,
        headers: Mapping[str, str],
    ) -> requests.Response:
        self.round_trips += 1
        try:
            response = self.session.request(
                method,
                url,
                params=params,
                json=json_body,
                headers=headers,
                timeout=self.timeout,
                stream=True,
                allow_redirects=False,
            )
            if 300 <= response.status_code < 400 and "Location" in response.headers:
                response.close()
                raise _redirected(response)
            read_body(response, self.max_body)
            return response
        except requests.RequestException as error:
            deadline = current_deadline()
            if deadline is not None and deadline.expired:
                raise  # ``within`` makes it DeadlineExceeded
            raise connection_error(error, self.base_url, method, url, self.timeout) from error


def _redirected(response: requests.Response) -> FHIRProtocolError:
    """The error for a redirect: the client follows none, since the token (and a write's body) would go along."""
    target = origin(urljoin(response.url, response.headers["Location"]))
    return FHIRProtocolError(
        f"{describe_request(response)} was redirected (HTTP {response.status_code}) to {target}; the client follows "
        "no redirects (the access token and the body would go along): use the server's own base URL"
    )


def _segment(value: str) -> str:
    """A path segment that must not smuggle in another path (ids and versions are [A-Za-z0-9-.]{1,64} in FHIR)."""
    if not value or "/" in value or "?" in value or "#" in value:
        raise ValueError(f"not a valid FHIR id: {value!r}")
    return value


def _query(
    params: Params | None, *, include: Iterable[str] = (), revinclude: Iterable[str] = (), count: int | None = None
) -> list[tuple[str, str]]:
    """Search parameters as (name, value) pairs; a list value repeats the parameter (AND), e.g. two dates."""
    pairs: list[tuple[str, str]] = []
    items: Iterable[tuple[str, Any]] = params.items() if isinstance(params, Mapping) else (params or ())
    for name, value in items:
        if isinstance(value, str | int):
            pairs.append((name, str(value)))
        else:
            pairs.extend((name, str(v)) for v in value)
    pairs.extend(("_include", v) for v in include)
    pairs.extend(("_revinclude", v) for v in revinclude)
    if count is not None:
        pairs.append(("_count", str(count)))
    return pairs


__all__ = ["FHIRClient"]
