"""What the sandbox EHR shows in its pickers: patients, practitioners and encounters, read from the upstream server."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from devstack.sandbox_ehr.policy import is_fhir_id
from devstack.sandbox_ehr.runtime import Sandbox
from devstack.sandbox_ehr.seed import example_resources
from srh_fhir.client import FHIRClient
from srh_fhir.errors import SrhFhirError

PICKER_LIMIT = 100


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    owner: str | None = None  # for encounters: the patient's id


def _client(sandbox: Sandbox) -> FHIRClient:
    return FHIRClient(sandbox.config.fhir_upstream, session=sandbox.http, timeout=sandbox.config.upstream_timeout)


def display_name(resource: dict[str, Any]) -> str:
    for name in resource.get("name", []):
        text = name.get("text") or " ".join([*name.get("given", []), name.get("family", "")])
        if text.strip():
            return str(text).strip()
    return str(resource.get("id", ""))


def _search(sandbox: Sandbox, resource_type: str, params: dict[str, str]) -> list[dict[str, Any]]:
    try:
        found = []
        for resource in _client(sandbox).search(resource_type, {**params, "_count": str(PICKER_LIMIT)}):
            found.append(resource)
            if len(found) >= PICKER_LIMIT:
                break
        return found
    except SrhFhirError:
        return []


@functools.cache
def _example_ids(resource_type: str) -> tuple[str, ...]:
    return tuple(r["id"] for r in example_resources() if r["resourceType"] == resource_type)


def _examples_first(sandbox: Sandbox, resource_type: str, params: dict[str, str]) -> list[dict[str, Any]]:
    """The seeded examples (the clients and professionals the demo is about) first, then the others the server
    holds, up to ``PICKER_LIMIT``: a server full of test clients never hides the examples."""
    examples = _search(sandbox, resource_type, {"_id": ",".join(_example_ids(resource_type))})
    seen = {r["id"] for r in examples}
    return examples + [r for r in _search(sandbox, resource_type, params) if r["id"] not in seen]


def patients(sandbox: Sandbox) -> list[Choice]:
    found = _examples_first(sandbox, "Patient", {"_sort": "family"})
    return [Choice(p["id"], f"{display_name(p)} ({p.get('birthDate', '?')})") for p in found]


def practitioners(sandbox: Sandbox) -> list[Choice]:
    return [Choice(p["id"], display_name(p)) for p in _examples_first(sandbox, "Practitioner", {})]


def encounters(sandbox: Sandbox) -> list[Choice]:
    found = _search(sandbox, "Encounter", {"_sort": "-date"})
    choices = []
    for encounter in found:
        subject = str(encounter.get("subject", {}).get("reference", ""))
        start = encounter.get("period", {}).get("start", "")
        choices.append(Choice(encounter["id"], f"{encounter['id']} ({start[:10]})", subject.rpartition("/")[2]))
    return choices


def exists(sandbox: Sandbox, resource_type: str, resource_id: str) -> dict[str, Any] | None:
    """The resource; None when the server has none or the type or id is no FHIR type or id (never asked then)."""
    if not resource_type.isalpha() or not is_fhir_id(resource_id):
        return None
    try:
        found = _client(sandbox).read(resource_type, resource_id)
    except SrhFhirError:
        return None
    return found if found.get("resourceType") == resource_type else None
