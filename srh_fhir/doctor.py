"""``srh-fhir doctor``: what a FHIR server offers of what srh-fhir needs, each capability as claimed and as probed.

Each check has a need: ``needed`` (srh-fhir does not work without it), ``fallback`` (srh-fhir works around it, e.g.
a picture loaded by a batch of searches when ``_revinclude`` does not work) or ``optional`` (informational, or
only some uses need it). A capability is there when the probe worked, or, where nothing was probed, when the
CapabilityStatement claims it (neither known, as paging with ``read_only``: "unknown", not counted missing). The
write probes work on one scratch Patient (identifier ``SCRATCH_SYSTEM|doctor-…``)
and what points at it, all carrying that identifier; everything created is deleted at the end, also when a probe
fails. ``read_only`` writes nothing: GET requests and one batch of two searches (a POST, the way srh-fhir loads).
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

import requests

from srh_fhir import bundle as bundles
from srh_fhir.capabilities import INCLUDES, REVINCLUDES, TYPE_NEEDS, Claims, TypeNeed
from srh_fhir.client import FHIRClient, Resource
from srh_fhir.errors import FHIRHTTPError, SrhFhirError, VersionConflict
from srh_fhir.terminology import CANONICAL

Need = Literal["needed", "fallback", "optional"]
SCRATCH_SYSTEM = f"{CANONICAL}/NamingSystem/doctor-scratch"
NETWORK_MEMBER_PROFILE = f"{CANONICAL}/StructureDefinition/srh-network-member"
NOWHERE = "srh-doctor-none"  # an id no server holds: read-only searches for it find nothing
DUMMY_VALUES = {
    "code": "http://example.org|none",
    "type": "http://example.org|none",
    "service-type": "http://example.org|none",
    "_id": NOWHERE,
}


@dataclass(frozen=True)
class Check:
    """One capability: whether the CapabilityStatement claims it and whether a probe found it working (None: the
    statement says nothing / nothing was probed)."""

    name: str
    need: Need
    claimed: bool | None
    probed: bool | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        """The probe's answer, else the claim's; neither known (paging, read-only) counts as there."""
        if self.probed is not None:
            return self.probed
        return self.claimed is not False

    @property
    def verdict(self) -> str:
        if self.probed is None and self.claimed is None:
            return "unknown"
        if self.ok:
            return "ok"
        return {"needed": "MISSING", "fallback": "fallback", "optional": "no"}[self.need]


@dataclass(frozen=True)
class Report:
    base_url: str
    fhir_version: str | None
    software: str | None
    read_only: bool
    checks: tuple[Check, ...]
    scratch_identifier: str | None = None

    @property
    def ok(self) -> bool:
        """Every needed capability is there."""
        return all(c.ok for c in self.checks if c.need == "needed")

    def as_json(self) -> dict[str, Any]:
        return {
            "server": self.base_url,
            "fhirVersion": self.fhir_version,
            "software": self.software,
            "readOnly": self.read_only,
            "scratchIdentifier": self.scratch_identifier,
            "ok": self.ok,
            "checks": [asdict(c) | {"ok": c.ok, "verdict": c.verdict} for c in self.checks],
        }


@dataclass(frozen=True)
class Probe:
    worked: bool
    detail: str = ""


def diagnose(client: FHIRClient, *, read_only: bool = False) -> Report:
    """Read the server's CapabilityStatement and probe it; raises SrhFhirError when the statement cannot be read."""
    claims = Claims.of(client.capabilities())
    probes: dict[str, Probe] = {"smart": probe_smart(client), "batch": probe_batch(client)}
    probes |= {f"type:{n.resource_type}": probe_search_type(client, n) for n in TYPE_NEEDS if n.search_params}
    scratch_identifier = None
    if not read_only:
        scratch = Scratch(client)
        scratch_identifier = f"{SCRATCH_SYSTEM}|{scratch.value}"
        probes |= scratch.run_probes()
    return Report(
        base_url=client.base_url,
        fhir_version=claims.fhir_version,
        software=claims.software,
        read_only=read_only,
        checks=tuple(checks_of(claims, probes, read_only)),
        scratch_identifier=scratch_identifier,
    )


def checks_of(claims: Claims, probes: dict[str, Probe], read_only: bool) -> Iterator[Check]:
    """The checks, from the claims and the probes that ran (a missing probe: not probed)."""

    def check(name: str, need: Need, claimed: bool | None, key: str, note: str = "") -> Check:
        probe = probes.get(key)
        if probe is None:
            why = "not probed (--read-only)" if read_only and key in WRITE_PROBES else "not probed"
            return Check(name, need, claimed, None, "; ".join(filter(None, [why, note])))
        return Check(name, need, claimed, probe.worked, "; ".join(filter(None, [probe.detail, note])))

    yield Check("FHIR version", "needed", claims.r4, None, f"{claims.fhir_version or 'not stated'} (R4 is 4.0.x)")
    for need in TYPE_NEEDS:
        missing = claims.missing_interactions(need)
        note = f"not claimed: {', '.join(missing)}" if missing else ""
        yield check(
            f"{need.resource_type}: {', '.join(need.interactions)}",
            "needed",
            not missing,
            f"type:{need.resource_type}",
            note,
        )
    for param in ("patient", "subject", "focus"):
        users = [n.resource_type for n in TYPE_NEEDS if param in n.search_params]
        claimed = all(claims.claims_search_param(t, param) for t in users)
        yield check(f"search {param} ({', '.join(users)})", "needed", claimed, f"search:{param}")
    include = all(claims.claims_include(source, param) for source, param in INCLUDES)
    yield check("_include", "optional", include, "_include", "without it professionals' names are not shown")
    revinclude = all(claims.claims_revinclude(t, s, p) for t, links in REVINCLUDES.items() for s, p in links)
    yield check(
        "_revinclude", "fallback", revinclude, "_revinclude", "without it a picture is loaded by a batch of searches"
    )
    yield check("_lastUpdated", "optional", claims.claims_search_param("Patient", "_lastUpdated"), "_lastUpdated")
    yield check("transaction", "needed", "transaction" in claims.system_interactions, "transaction")
    yield check("batch", "needed", "batch" in claims.system_interactions, "batch")
    yield check(
        "conditional create", "optional", claims.resource("RelatedPerson").conditional_create, "conditional-create"
    )
    yield check(
        "conditional update",
        "optional",
        claims.resource("RelatedPerson").conditional_update,
        "conditional-update",
        "srh-fhir does not use it",
    )
    yield check("versioning (versionId, vread)", "needed", claims.versioned("RelatedPerson"), "versioning")
    yield check("If-Match on update", "needed", claims.version_aware_update("RelatedPerson"), "if-match")
    yield check("paging", "needed", None, "paging")
    yield check("SMART discovery", "optional", claims.smart, "smart", "the app's EHR launch needs it")
    yield check(
        "profile validation on write",
        "optional",
        claims.knows_our_profiles(),
        "validation",
        "srh-fhir validates before it writes",
    )
    yield check(
        "delete",
        "optional",
        "delete" in claims.resource("RelatedPerson").interactions,
        "delete",
        "only the probes' clean-up uses it",
    )


WRITE_PROBES = frozenset(
    {
        "search:patient",
        "search:subject",
        "search:focus",
        "_include",
        "_revinclude",
        "_lastUpdated",
        "transaction",
        "conditional-create",
        "versioning",
        "if-match",
        "paging",
        "validation",
        "delete",
    }
)


def probe_smart(client: FHIRClient) -> Probe:
    """``.well-known/smart-configuration`` answers with the endpoints an EHR launch needs."""
    try:
        config = client.session.get(f"{client.base_url}/.well-known/smart-configuration", timeout=client.timeout)
    except requests.RequestException as error:
        return Probe(False, f"no answer: {type(error).__name__}")
    body = _json_or_none(config)
    if config.status_code != 200 or body is None:
        return Probe(False, f".well-known/smart-configuration: HTTP {config.status_code}")
    missing = [k for k in ("authorization_endpoint", "token_endpoint") if k not in body]
    return Probe(not missing, f"lacks {', '.join(missing)}" if missing else "")


def probe_batch(client: FHIRClient) -> Probe:
    """A batch of two searches (reads only: it writes nothing) answers each; srh-fhir loads pictures this way."""
    entries = [
        bundles.entry_for_read("Patient", [("_id", NOWHERE)]),
        bundles.entry_for_read("RelatedPerson", [("patient", f"Patient/{NOWHERE}")]),
    ]
    try:
        statuses = [status for status, _ in bundles.entry_statuses(client.batch(entries))]
    except SrhFhirError as error:
        return Probe(False, f"refused: {error}")
    if statuses == [200, 200]:
        return Probe(True, "a batch of two searches answered")
    return Probe(False, f"a batch of two searches answered {statuses}")


def probe_search_type(client: FHIRClient, need: TypeNeed) -> Probe:
    """A search of the type with the parameters srh-fhir sends (values that match nothing) is answered."""
    params = [(p, DUMMY_VALUES.get(p, f"Patient/{NOWHERE}")) for p in need.search_params]
    try:
        client.search_page(need.resource_type, params, count=1)
    except SrhFhirError as error:
        return Probe(False, f"search refused: {error}")
    return Probe(True, f"search with {', '.join(need.search_params)} answered")


def _json_or_none(response: requests.Response) -> dict[str, Any] | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


class Scratch:
    """The write probes, on a scratch Patient and what points at it; ``run_probes`` deletes all it created."""

    def __init__(self, client: FHIRClient) -> None:
        self.client = client
        self.value = f"doctor-{uuid.uuid4().hex[:12]}"
        self.created: list[str] = []

    @property
    def identifier(self) -> list[dict[str, str]]:
        return [{"system": SCRATCH_SYSTEM, "value": self.value}]

    def create(self, resource: Resource) -> Resource:
        stored = self.client.create(resource | {"identifier": self.identifier})
        self.created.append(bundles.reference(stored))
        return stored

    def run_probes(self) -> dict[str, Probe]:
        results: dict[str, Probe] = {}
        try:
            self._probe_all(results)
        finally:
            results["delete"] = self.clean_up()
        return results

    def _probe_all(self, results: dict[str, Probe]) -> None:
        try:
            patient = self.create({"resourceType": "Patient", "name": [{"family": "Doctor", "given": ["Scratch"]}]})
            member = self.create(self.member(patient))
            tie = self.create(self.tie(patient, member))
        except SrhFhirError as error:
            failed = Probe(False, f"the scratch resources could not be written: {error}")
            results.update(dict.fromkeys(WRITE_PROBES - {"delete"}, failed))
            for kind in ("Patient", "RelatedPerson", "Observation"):
                results[f"type:{kind}"] = failed
            return
        probes: dict[str, Callable[[], Probe]] = {
            "type:RelatedPerson": lambda: self.interactions(member),
            "type:Observation": lambda: self.interactions(tie),
            "search:patient": lambda: self.finds("RelatedPerson", [("patient", bundles.reference(patient))], member),
            "search:subject": lambda: self.finds("Observation", [("subject", bundles.reference(patient))], tie),
            "search:focus": lambda: self.finds("Observation", [("focus", bundles.reference(member))], tie),
            "_include": lambda: self.finds(
                "Observation", [("_id", tie["id"]), ("_include", "Observation:focus")], member
            ),
            "_revinclude": lambda: self.finds(
                "RelatedPerson", [("_id", member["id"]), ("_revinclude", "Observation:focus")], tie
            ),
            "_lastUpdated": lambda: self.last_updated(patient),
            "paging": lambda: self.paging(patient, member),
            "versioning": lambda: self.versioning(member),
            "if-match": lambda: self.if_match(member),
            "transaction": lambda: self.transaction(patient),
            "conditional-create": lambda: self.conditional_create(patient),
            "validation": lambda: self.validation(patient),
        }
        for key, probe in probes.items():
            try:
                results[key] = probe()
            except SrhFhirError as error:
                results[key] = Probe(False, str(error))

    def member(self, patient: Resource, **extra: Any) -> Resource:
        return {
            "resourceType": "RelatedPerson",
            "active": True,
            "patient": {"reference": bundles.reference(patient)},
            "relationship": [{"text": "doctor probe"}],
            "name": [{"text": "Scratch member"}],
        } | extra

    def tie(self, patient: Resource, member: Resource | str) -> Resource:
        target = member if isinstance(member, str) else bundles.reference(member)
        return {
            "resourceType": "Observation",
            "status": "final",
            "code": {"text": "doctor probe"},
            "subject": {"reference": bundles.reference(patient)},
            "focus": [{"reference": target}],
        }

    def interactions(self, resource: Resource) -> Probe:
        """Create (done), read and update of the type."""
        read = self.client.read(resource["resourceType"], resource["id"])
        self.client.update(read)
        return Probe(True, "create, read, update and search worked")

    def finds(self, kind: str, params: list[tuple[str, str]], expected: Resource) -> Probe:
        found = {bundles.reference(r) for r in self.client.search(kind, params)}
        query = "&".join(f"{k}={v}" for k, v in params)
        if bundles.reference(expected) in found:
            return Probe(True)
        return Probe(False, f"{kind}?{query} did not return {expected['resourceType']}")

    def last_updated(self, patient: Resource) -> Probe:
        since = datetime.date.today() - datetime.timedelta(days=2)
        identifier = [("identifier", f"{SCRATCH_SYSTEM}|{self.value}")]
        recent = list(self.client.search("Patient", [*identifier, ("_lastUpdated", f"ge{since}")]))
        old = list(self.client.search("Patient", [*identifier, ("_lastUpdated", "lt2000-01-01")]))
        if len(recent) == 1 and not old:
            return Probe(True)
        return Probe(False, "_lastUpdated did not filter the scratch Patient")

    def paging(self, patient: Resource, member: Resource) -> Probe:
        other = self.create(self.member(patient, name=[{"text": "Second scratch member"}]))
        first = self.client.search_page("RelatedPerson", [("patient", bundles.reference(patient))], count=1)
        pages = list(self.client.pages(first))
        found = {bundles.reference(r) for p in pages for r in bundles.resources(p, mode="match")}
        if len(pages) >= 2 and {bundles.reference(member), bundles.reference(other)} <= found:
            return Probe(True, "_count=1 over 2 gave a next link that works")
        return Probe(False, f"_count=1 over 2 matches gave {len(pages)} page(s) with {len(found)} of them")

    def versioning(self, member: Resource) -> Probe:
        first = self.client.read("RelatedPerson", member["id"])
        version = bundles.version_id(first)
        if not version:
            return Probe(False, "no meta.versionId")
        updated = self.client.update(first | {"name": [{"text": "Renamed scratch member"}]})
        if bundles.version_id(updated) in (None, version):
            return Probe(False, "an update kept the versionId")
        old = self.client.vread("RelatedPerson", member["id"], version)
        if old.get("name") != first.get("name"):
            return Probe(False, f"_history/{version} is not the version read")
        return Probe(True, "versionId changes on update; vread of the old version works")

    def if_match(self, member: Resource) -> Probe:
        current = self.client.read("RelatedPerson", member["id"])
        stale = bundles.version_id(member)
        if not stale or stale == bundles.version_id(current):
            return Probe(False, "no older version to send (versioning?)")
        try:
            self.client.update(current | {"active": False}, version=stale)
        except VersionConflict as error:
            return Probe(True, f"a stale version got HTTP {error.status}")
        return Probe(False, "a stale If-Match was accepted: edits would be overwritten")

    def transaction(self, patient: Resource) -> Probe:
        urn = bundles.new_urn()
        entries = [
            bundles.entry_for_create(self.member(patient) | {"identifier": self.identifier}, full_url=urn),
            bundles.entry_for_create(self.tie(patient, urn) | {"identifier": self.identifier}),
        ]
        response = self.client.transaction(entries)
        made: list[str] = []
        for (status, entry), kind in zip(
            bundles.entry_statuses(response), ("RelatedPerson", "Observation"), strict=False
        ):
            ident = bundles.id_from_location(entry.get("response", {}).get("location"), kind)
            if status in (200, 201) and ident:
                made.append(f"{kind}/{ident}")
        self.created.extend(made)
        if len(made) != 2:
            return Probe(False, f"the transaction response names {len(made)} of 2 created resources")
        focus = self.client.read("Observation", made[1].split("/")[1]).get("focus", [{}])[0].get("reference")
        if focus != made[0]:
            return Probe(False, f"the urn:uuid reference became {focus!r}, not {made[0]}")
        return Probe(True, "two entries, a urn:uuid reference resolved")

    def conditional_create(self, patient: Resource) -> Probe:
        value = f"{self.value}-cc"
        resource = self.member(patient) | {"identifier": [*self.identifier, {"system": SCRATCH_SYSTEM, "value": value}]}
        condition = f"identifier={SCRATCH_SYSTEM}|{value}"
        first, created = self.client.conditional_create(resource, condition)
        self.created.append(bundles.reference(first))
        second, again = self.client.conditional_create(resource, condition)
        if second.get("id") != first.get("id"):
            self.created.append(bundles.reference(second))
            return Probe(False, "If-None-Exist twice made two resources")
        return Probe(created and not again, "If-None-Exist twice gave one resource")

    def validation(self, patient: Resource) -> Probe:
        """A network member breaking our profile (no relationship, no active), declaring it in meta.profile."""
        invalid = {
            "resourceType": "RelatedPerson",
            "meta": {"profile": [NETWORK_MEMBER_PROFILE]},
            "patient": {"reference": bundles.reference(patient)},
        }
        try:
            self.create(invalid)
        except FHIRHTTPError as error:
            return Probe(True, f"refused (HTTP {error.status})")
        return Probe(False, "a resource breaking its meta.profile was stored")

    def clean_up(self) -> Probe:
        """Delete everything created, newest first (what points at the Patient before it)."""
        failed = []
        for reference in reversed(self.created):
            kind, ident = reference.split("/")
            try:
                self.client.delete(kind, ident)
            except SrhFhirError as error:
                failed.append(f"{reference}: {error}")
        self.created.clear()
        return Probe(not failed, "; ".join(failed) or "")


def render_text(report: Report) -> str:
    """The report as a table for people."""
    rows = [("capability", "need", "claimed", "probed", "verdict", "detail")]
    rows += [(c.name, c.need, _yes_no(c.claimed), _yes_no(c.probed), c.verdict, c.detail) for c in report.checks]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    lines = [
        f"{report.base_url}: {report.software or 'unknown software'}, FHIR {report.fhir_version or '?'}"
        + (" (read-only: nothing written)" if report.read_only else "")
    ]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[5])
    missing = [c.name for c in report.checks if c.need == "needed" and not c.ok]
    lines.append("everything srh-fhir needs is there" if report.ok else f"missing: {'; '.join(missing)}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


__all__ = ["Check", "Probe", "Report", "diagnose", "render_text"]
