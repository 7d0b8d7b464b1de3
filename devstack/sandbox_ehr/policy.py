"""Which FHIR requests a token may make, and which resources it may see in the answer.

``check_request`` runs before a request is forwarded (scopes, patient compartment of searches, writes and the
entries of transaction/batch Bundles); ``check_response`` runs on what came back (reads, ``_include``d and
``_revinclude``d resources, pages, Bundle entries), so nothing outside the compartment leaves the proxy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from devstack.sandbox_ehr.compartment import (
    ALWAYS_ALLOWED_TYPES,
    COMPARTMENT_TYPES,
    SHARED_TYPES,
    in_compartment,
    readable_with_patient_scope,
    resources_in,
    search_confined,
)
from devstack.sandbox_ehr.errors import Forbidden
from devstack.sandbox_ehr.scopes import Access, access
from devstack.sandbox_ehr.state import Grant

_FHIR_ID = re.compile(r"^[A-Za-z0-9\-.]{1,64}$")
_PERMISSION_OF_KIND = {
    "search": "s",
    "read": "r",
    "history": "r",
    "create": "c",
    "update": "u",
    "meta-delete": "u",
    "delete": "d",
}
PERMISSION_NAMES = {"c": "create", "r": "read", "u": "update", "d": "delete", "s": "search"}
FetchExisting = Callable[[str, str], Mapping[str, Any] | None]


def is_fhir_id(value: str) -> bool:
    """Whether ``value`` is a FHIR id ([A-Za-z0-9-.]{1,64}) and no dot segment that would walk the path."""
    return bool(_FHIR_ID.match(value)) and value not in (".", "..")


@dataclass(frozen=True)
class Interaction:
    """One FHIR interaction: what it does, on which type and id, with which search parameters and body."""

    kind: str  # search, read, history, create, update, meta-delete, delete, validate, page, bundle
    resource_type: str = ""
    resource_id: str = ""
    params: tuple[tuple[str, str], ...] = ()
    body: Any = None
    if_none_exist: tuple[tuple[str, str], ...] | None = None  # a conditional create's search criteria


    @property
    def permission(self) -> str:
        return _PERMISSION_OF_KIND.get(self.kind, "")


def interaction(
    method: str, path: str, params: Sequence[tuple[str, str]], body: Any, if_none_exist: str | None = None
) -> Interaction:
    """Classify a request to ``<fhir base>/<path>``; refuses what the sandbox does not forward. ``if_none_exist`` is
    the query of a conditional create (the ``If-None-Exist`` header or a Bundle entry's ``request.ifNoneExist``)."""
    segments = [s for s in path.split("/") if s]
    method = method.upper()
    if any(s in (".", "..") for s in segments):
        raise Forbidden(f"the sandbox does not forward {path!r}")
    if not segments:
        if method == "POST" and isinstance(body, Mapping) and body.get("resourceType") == "Bundle":
            return Interaction("bundle", body=body)
        if method == "GET" and any(name == "_getpages" for name, _ in params):
            return Interaction("page", params=tuple(params))
        raise Forbidden("system-level interactions are not available in the sandbox")
    resource_type = segments[0]
    if not resource_type[:1].isupper() or not resource_type.isalpha():
        raise Forbidden(f"the sandbox does not forward {path!r}")
    shape = (method, len(segments))
    if shape == ("GET", 1):
        return Interaction("search", resource_type, params=tuple(params))
    if method == "POST" and segments[1:] == ["_search"]:
        return Interaction("search", resource_type, params=tuple(params))
    if shape == ("POST", 1):
        condition = None
        if if_none_exist is not None:
            condition = tuple(parse_qsl(if_none_exist.lstrip("?"), keep_blank_values=True))
        return Interaction("create", resource_type, params=tuple(params), body=body, if_none_exist=condition)
    if if_none_exist is not None:
        raise Forbidden("If-None-Exist belongs to a create (POST to a resource type) only")
    if method == "POST" and segments[1:] == ["$validate"]:
        return Interaction("validate", resource_type, body=body)
    if len(segments) >= 2 and is_fhir_id(segments[1]):
        resource_id = segments[1]
        rest = segments[2:]
        if method == "GET" and (not rest or (rest[0] == "_history" and len(rest) <= 2)):
            return Interaction("read" if not rest else "history", resource_type, resource_id)
        if not rest and method == "PUT":
            return Interaction("update", resource_type, resource_id, body=body)
        if not rest and method == "DELETE":
            return Interaction("delete", resource_type, resource_id)
        if method == "POST" and rest == ["$meta-delete"]:
            return Interaction("meta-delete", resource_type, resource_id, body=body)
    raise Forbidden(f"the sandbox does not forward {method} {path!r}")


def _holds_no_resource(resource: Mapping[str, Any]) -> bool:
    """Parameters that carry no resource (``$meta-delete`` answers with the remaining meta): nobody's data."""
    parameters = resource.get("parameter", [])
    return (
        resource.get("resourceType") == "Parameters"
        and isinstance(parameters, list)
        and all(isinstance(p, Mapping) and "resource" not in p and "part" not in p for p in parameters)
    )


class RequestPolicy:
    """Applies one token's grant to requests and answers; ``bases`` are the FHIR bases references may use."""

    def __init__(self, grant: Grant, bases: Sequence[str], fetch_existing: FetchExisting) -> None:
        self.grant = grant
        self.bases = tuple(bases)
        self.fetch_existing = fetch_existing

    @property
    def patient(self) -> str | None:
        return self.grant.context.patient

    def check_request(self, action: Interaction) -> None:
        if action.kind == "bundle":
            self._check_bundle(action.body)
        elif action.kind == "page":
            return  # a page of an earlier search: its content is checked in check_response
        elif action.kind == "validate":
            if not any(self._level(action.resource_type, p) is not Access.NONE for p in "cu"):
                raise Forbidden(f"the token's scopes allow no create or update of {action.resource_type}")
        else:
            self._check_interaction(action)

    def check_response(self, body: Any, search_params: Sequence[tuple[str, str]] = ()) -> None:
        for resource in resources_in(body):
            resource_type = str(resource.get("resourceType"))
            if resource_type in ALWAYS_ALLOWED_TYPES or _holds_no_resource(resource):
                continue
            levels = {self._level(resource_type, p, search_params) for p in "rs"}
            if Access.USER in levels:
                continue
            if Access.PATIENT in levels and readable_with_patient_scope(resource, self.patient, self.bases):
                continue
            raise Forbidden(f"the answer holds {resource_type}/{resource.get('id', '')}, which this token may not see")

    # -- internals ----------------------------------------------------------------------------------------------

    def _level(self, resource_type: str, permission: str, params: Sequence[tuple[str, str]] = ()) -> Access:
        return access(self.grant.scopes, resource_type, permission, params)

    def _check_interaction(self, action: Interaction) -> None:
        permission = action.permission
        level = self._level(action.resource_type, permission, action.params)
        if level is Access.NONE:
            raise Forbidden(
                f"the token's scopes do not allow {PERMISSION_NAMES[permission]} on {action.resource_type}"
            )
        self._check_includes(action.params)
        if action.if_none_exist is not None:
            self._check_condition_scope(action.resource_type, action.if_none_exist)
        if level is Access.USER:
            return
        resource_type = action.resource_type
        if resource_type in SHARED_TYPES:
            if permission in "cud":
                raise Forbidden(f"patient scopes do not allow writing {resource_type}")
            return
        if self.patient is None:
            raise Forbidden("the token has no patient context, so its patient scopes give no access")
        if resource_type not in COMPARTMENT_TYPES:
            raise Forbidden(f"{resource_type} is outside the patient compartment the sandbox serves")
        if action.kind == "search" and not search_confined(resource_type, action.params, self.patient, self.bases):
            raise self._unconfined(f"a search of {resource_type}", resource_type)
        if action.kind in ("create", "update"):
            self._check_body(action)
        if action.if_none_exist is not None and not search_confined(
            resource_type, action.if_none_exist, self.patient, self.bases
        ):
            raise self._unconfined("If-None-Exist", resource_type)
        if action.kind in ("update", "meta-delete", "delete"):
            existing = self.fetch_existing(resource_type, action.resource_id)
            if existing is not None and not in_compartment(existing, self.patient, self.bases):
                raise Forbidden(f"{resource_type}/{action.resource_id} belongs to another patient")

    def _unconfined(self, what: str, resource_type: str) -> Forbidden:
        confining = "_id" if resource_type == "Patient" else "patient"
        return Forbidden(f"{what} must be limited to the launch patient ({confining}=Patient/{self.patient})")

    def _check_condition_scope(self, resource_type: str, criteria: tuple[tuple[str, str], ...]) -> None:
        """A conditional create searches before it creates, so it needs the search scope too; with patient scopes the
        search must also stay in the launch patient's compartment (checked with the body), else its answer (200 or
        201) tells what another patient's record holds."""
        if not criteria:
            raise Forbidden("If-None-Exist needs search criteria")
        if self._level(resource_type, "s", criteria) is Access.NONE:
            raise Forbidden(f"If-None-Exist searches {resource_type}, which the token's scopes do not allow")

    def _check_body(self, action: Interaction) -> None:
        body = action.body
        if not isinstance(body, Mapping) or body.get("resourceType") != action.resource_type:
            raise Forbidden(f"the body is not a {action.resource_type}")
        if action.kind == "update" and body.get("id") != action.resource_id:
            raise Forbidden("the id in the body differs from the id in the URL")
        assert self.patient is not None
        if not in_compartment(body, self.patient, self.bases):
            raise Forbidden(f"the {action.resource_type} does not belong to the launch patient")

    def _check_includes(self, params: Sequence[tuple[str, str]]) -> None:
        for name, value in params:
            base_name = name.split(":")[0]
            if base_name not in ("_include", "_revinclude"):
                continue
            parts = value.split(":")
            if "*" in parts:
                raise Forbidden(f"{name}={value}: wildcard includes are not allowed")
            included = parts[0] if base_name == "_revinclude" else (parts[2] if len(parts) > 2 else "")
            if included and all(self._level(included, p) is Access.NONE for p in "rs"):
                raise Forbidden(f"{name}={value}: the token's scopes do not allow reading {included}")

    def _check_bundle(self, bundle: Mapping[str, Any]) -> None:
        if bundle.get("type") not in ("transaction", "batch"):
            raise Forbidden("only transaction and batch Bundles can be posted to the base")
        for number, entry in enumerate(bundle.get("entry", [])):
            request = entry.get("request") if isinstance(entry, Mapping) else None
            if not isinstance(request, Mapping):
                raise Forbidden(f"Bundle entry {number} has no request")
            method = str(request.get("method", "")).upper()
            url = self._relative(str(request.get("url", "")))
            path, _, query = url.partition("?")
            if query and method in ("PUT", "DELETE", "PATCH"):
                raise Forbidden(f"Bundle entry {number}: conditional {method} is not supported by the sandbox")
            try:
                condition = request.get("ifNoneExist")
                action = interaction(
                    method, path, parse_qsl(query, keep_blank_values=True), entry.get("resource"),
                    str(condition) if condition is not None else None,
                )
                if action.kind in ("bundle", "page", "validate"):
                    raise Forbidden(f"{method} {url} is not allowed inside a Bundle")
                self._check_interaction(action)
            except Forbidden as error:
                raise Forbidden(f"Bundle entry {number} ({method} {url}): {error}") from error

    def _relative(self, url: str) -> str:
        for base in self.bases:
            if url.startswith(base.rstrip("/") + "/"):
                return url[len(base.rstrip("/")) + 1 :]
        return url
