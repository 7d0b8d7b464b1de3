"""A client's whole picture from a FHIR server in at most two round trips, and a support plan saved as one transaction.

Both work on FHIR JSON dicts, so they serve any mapping on top.

Loading: one search ``Patient?_id=…`` with ``_revinclude`` of every resource that points at the patient (and
``_revinclude:iterate`` of the observations that point at a network member) brings the network members, their tie
assessments, plans, goals, care teams and consents in one answer, however large the network. Servers that do not
support ``_revinclude`` (they refuse it, ignore it, or warn that they cut the includes short) get one batch of plain
searches instead: at most two round trips either way, as long as each search in the batch fits in one page (its
``_count``); pages beyond that are followed.

Servers claim what they do not do: one that honours ``_revinclude`` but silently ignores ``:iterate`` answers with
the members and no tie assessments, which looks like a network nobody assessed yet. So the first such answer from a
server is checked with a second search (the client's tie assessments by subject and code); when it finds some, the
server is remembered to ignore ``:iterate`` (``FHIRClient.facts``, per base URL) and every later load sends that
search beside the ``_revinclude`` one, in one batch. At most two round trips, paging aside.

With ``professionals=True`` the same round trip brings the Practitioners, PractitionerRoles and Organizations the
picture's resources point at through a search parameter (``_include:iterate`` of ``PROFESSIONAL_INCLUDES``, or
``_include`` on the batch's searches), for ``DomainPicture.names``. R4 has no search parameter for
``CarePlan.author`` or ``Goal.expressedBy``: those professionals are named only when another link brings them.
Ask for them only when the token may read those types: a server may refuse the whole search otherwise.

Saving: the plan, its goals and new network members go in one transaction Bundle (a server without transactions
gets none of it: ``CapabilityMissing``, never separate writes that could leave a change half saved). Resources read
from the server (they have ``meta.versionId``) are updated with ``ifMatch``, so a plan somebody else changed since
it was loaded is refused by the server, and nothing at all is written. New resources (no ``meta.versionId``) are
created under a ``urn:uuid`` fullUrl; give them a provisional id to point at them (``Goal/new-1`` in
``CarePlan.goal``), and the references are rewritten to the urn, which the server replaces with the real id. On a
server that keeps no versions (no ``meta.versionId``), a batch of reads goes first: a resource read (it has
``meta.lastUpdated``) is updated without ``ifMatch`` when it is unchanged since it was loaded; on a server that keeps
no times either, one the server has is updated (the last save wins) and one it has not is created.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from srh_fhir import bundle as bundles
from srh_fhir import model
from srh_fhir.capabilities import Claims
from srh_fhir.client import FHIRClient, Resource
from srh_fhir.errors import (
    CapabilityMissing,
    FHIRHTTPError,
    InvalidResource,
    PlanConflict,
    ResourceNotFound,
    SrhFhirError,
    VersionConflict,
)
from srh_fhir.terminology import UnderstandingKind

OBSERVATION_CODE_SYSTEM = "https://srh-fhir.github.io/fhir/CodeSystem/srh-observation"
TIE_ASSESSMENT_CODE = "tie-assessment"
NEED_ASSESSMENT_CODE = "need-assessment"
TIE_ASSESSMENT_TOKEN = f"{OBSERVATION_CODE_SYSTEM}|{TIE_ASSESSMENT_CODE}"
# A needs grading points only at the Patient (``subject``), like an EHR's lab results, so ``_revinclude`` cannot
# bring it without them: it is searched by subject and code (``needs=True``), in the batch, or beside the
# ``_revinclude`` search in a batch of two, so the picture still comes in one round trip.
NEED_ASSESSMENT_TOKEN = f"{OBSERVATION_CODE_SYSTEM}|{NEED_ASSESSMENT_CODE}"
# Understanding entries (verstaan) point only at the Patient too, and are searched the same way (``understanding``).
UNDERSTANDING_TOKENS = ",".join(f"{kind.system}|{kind.value}" for kind in UnderstandingKind)
# (resource type, search parameter) of the resources that point at the Patient ...
PATIENT_LINKS: tuple[tuple[str, str], ...] = (
    ("RelatedPerson", "patient"),
    ("CarePlan", "subject"),
    ("Goal", "subject"),
    ("CareTeam", "subject"),
    ("Consent", "patient"),
)
# ... and of those that point at a network member: tie assessments (``focus``). Reached with ``_revinclude:iterate``
# from the members rather than ``Observation:subject``, so an EHR's lab results and vital signs are not dragged in.
MEMBER_LINK = ("Observation", "focus")
# The Provenance of a change (who made it, when) targets the client's Patient besides what it wrote, which puts it in
# the client's compartment (FHIR's ``Provenance.patient``): found from the Patient like the resources above.
PROVENANCE_LINK = ("Provenance", "target")
# The links from the picture's resources to professionals (Practitioner, PractitionerRole, Organization) that R4
# can follow with ``_include``: activity performers, care team participants, consent actors and organisations.
PROFESSIONAL_INCLUDES: tuple[tuple[str, str], ...] = (
    ("CarePlan", "performer"),
    ("CareTeam", "participant"),
    ("Consent", "actor"),
    ("Consent", "organization"),
)
PROFESSIONAL_TYPES = ("Practitioner", "PractitionerRole", "Organization")
BATCH_PAGE_SIZE = 1000
TRANSACTION = "transaction"  # the capability a save needs
T = TypeVar("T")


@dataclass
class ClientPicture:
    """Everything the app shows about one client, as FHIR JSON dicts."""

    patient: Resource
    members: list[Resource] = field(default_factory=list)
    # tie assessments; needs gradings and understanding entries when asked
    observations: list[Resource] = field(default_factory=list)
    plans: list[Resource] = field(default_factory=list)
    goals: list[Resource] = field(default_factory=list)
    care_teams: list[Resource] = field(default_factory=list)
    consents: list[Resource] = field(default_factory=list)
    professionals: list[Resource] = field(default_factory=list)  # Practitioner, PractitionerRole, Organization
    provenances: list[Resource] = field(default_factory=list)  # who changed the picture's resources, and when
    round_trips: int = 0
    strategy: str = "revinclude"
    understanding_loaded: bool = False

    @property
    def tie_assessments(self) -> list[Resource]:
        """Every tie assessment, newest first (the history of the network)."""
        found = [o for o in self.observations if _has_code(o, TIE_ASSESSMENT_CODE)]
        return sorted(found, key=lambda o: str(o.get("effectiveDateTime", "")), reverse=True)

    @property
    def need_assessments(self) -> list[Resource]:
        """Every grading of the basic needs loaded (``needs=True``), newest first."""
        found = [o for o in self.observations if _has_code(o, NEED_ASSESSMENT_CODE)]
        return sorted(found, key=lambda o: str(o.get("effectiveDateTime", "")), reverse=True)

    def latest_tie_assessments(self) -> dict[str, Resource]:
        """The newest tie assessment per network member, keyed by ``RelatedPerson/id``."""
        latest: dict[str, Resource] = {}
        for assessment in self.tie_assessments:
            for focus in assessment.get("focus", []):
                latest.setdefault(str(focus.get("reference", "")), assessment)
        return latest

    def assessments_of(self, member_reference: str) -> list[Resource]:
        """The tie assessments of one member, newest first."""
        return [
            a for a in self.tie_assessments if any(f.get("reference") == member_reference for f in a.get("focus", []))
        ]

    def resources(self) -> list[Resource]:
        """All resources of the picture, the Patient first."""
        groups = (self.members, self.observations, self.plans, self.goals, self.care_teams, self.consents)
        return [self.patient, *(r for group in groups for r in group)]

    def to_domain(self) -> DomainPicture:
        """The picture as objects of ``srh_fhir.model``; resources that are not SRH resources (an EHR's other care
        plans or consents) are kept aside in ``not_mapped`` with the reason, never dropped silently."""
        from srh_fhir import mapping
        from srh_fhir.errors import MappingError

        mapped: dict[type, list[Any]] = {}
        not_mapped: list[tuple[Resource, str]] = []
        for resource in self.resources()[1:]:
            try:
                obj = mapping.from_fhir(resource)
            except MappingError as error:
                not_mapped.append((resource, str(error)))
                continue
            mapped.setdefault(type(obj), []).append(obj)

        def of(kind: type[T]) -> tuple[T, ...]:
            return tuple(mapped.get(kind, ()))

        return DomainPicture(
            patient=self.patient,
            patient_details=mapping.patient_details_from_fhir(self.patient),
            members=of(model.NetworkMember),
            tie_assessments=tuple(sorted(of(model.TieAssessment), key=lambda a: a.date, reverse=True)),
            need_assessments=tuple(sorted(of(model.NeedAssessment), key=lambda a: a.date, reverse=True)),
            understanding=tuple(sorted(of(model.Understanding), key=lambda u: u.recorded, reverse=True))
            if self.understanding_loaded
            else None,
            plans=of(model.SupportPlan),
            goals=of(model.Goal),
            social_systems=of(model.SocialSystem),
            consents=of(model.InvolvementConsent),
            not_mapped=tuple(not_mapped),
            names={
                bundles.reference(r): name
                for r in self.professionals
                if r.get("id") and (name := mapping.display_name_from_fhir(r))
            },
            changes=_change_records(self.provenances),
            agreements=_agreements(self.provenances),
            versions={
                bundles.reference(r): version
                for r in self.resources()
                if r.get("id") and (version := bundles.version_id(r))
            },
            last_writer_wins=any(not bundles.version_id(r) and not _last_updated(r) for r in self.resources()[1:]),
        )


@dataclass(frozen=True)
class DomainPicture:
    """A client's picture as domain objects (``ClientPicture.to_domain()``); the Patient stays FHIR JSON, with what
    is shown of it in ``patient_details``."""

    patient: Resource
    patient_details: model.PatientDetails
    members: tuple[model.NetworkMember, ...]
    tie_assessments: tuple[model.TieAssessment, ...]  # newest first
    plans: tuple[model.SupportPlan, ...]
    goals: tuple[model.Goal, ...]
    social_systems: tuple[model.SocialSystem, ...]
    consents: tuple[model.InvolvementConsent, ...]
    not_mapped: tuple[tuple[Resource, str], ...]
    versions: Mapping[str, str]
    """``Type/id`` -> ``meta.versionId`` of every resource of the picture as loaded (the version a change checks)."""
    names: Mapping[str, str] = field(default_factory=dict)
    """``Type/id`` -> display name of the professionals (Practitioner, PractitionerRole, Organization) loaded with
    the picture (``load_picture(..., professionals=True)``)."""
    changes: tuple[model.ChangeRecord, ...] = ()
    """The recorded changes of the picture's resources (their Provenance), newest first."""
    agreements: tuple[model.PlanAgreement, ...] = ()
    """When the client agreed a version of a plan (their Provenance, loaded with ``changes``), newest first."""

    def last_agreement(self, plan: str) -> model.PlanAgreement | None:
        """The newest agreement on any version of ``plan`` (``CarePlan/id``), or None."""
        return next((a for a in self.agreements if a.plan_reference == plan), None)

    need_assessments: tuple[model.NeedAssessment, ...] = ()
    """The gradings of the basic needs, newest first (loaded with ``needs=True``)."""
    last_writer_wins: bool = False
    """Whether resources came without ``meta.versionId`` and ``meta.lastUpdated`` (a server that keeps neither): a
    change made meanwhile by somebody else cannot be detected, so the last save wins; the app says so."""
    understanding: tuple[model.Understanding, ...] | None = None
    """The understanding entries (verstaan), newest written down first; None unless loaded (``understanding=True``)."""

    def last_change(self, reference: str) -> model.ChangeRecord | None:
        """The newest recorded change of ``reference`` (``Type/id``), or None."""
        return next((change for change in self.changes if change.is_about(reference)), None)


def _change_records(provenances: Iterable[Resource]) -> tuple[model.ChangeRecord, ...]:
    """The Provenance that fit our profile as change records, newest first; others are left out."""
    from srh_fhir.mapping import change_record_from_fhir

    return tuple(sorted(_fitting(provenances, change_record_from_fhir), key=lambda r: r.recorded, reverse=True))


def _agreements(provenances: Iterable[Resource]) -> tuple[model.PlanAgreement, ...]:
    """The Provenance that record a plan agreement, newest first; others (change records) are left out."""
    from srh_fhir.mapping import plan_agreement_from_fhir

    return tuple(sorted(_fitting(provenances, plan_agreement_from_fhir), key=lambda a: a.recorded, reverse=True))


def _fitting(resources: Iterable[Resource], reader: Callable[[Resource], T]) -> list[T]:
    """What ``reader`` makes of each resource it can map (a MappingError leaves the resource out)."""
    from srh_fhir.errors import MappingError

    mapped = []
    for resource in resources:
        try:
            mapped.append(reader(resource))
        except MappingError:
            continue
    return mapped


def load_picture(
    client: FHIRClient,
    patient_id: str,
    *,
    strategy: str = "auto",
    professionals: bool = False,
    changes: bool = False,
    needs: bool = False,
    understanding: bool = False,
) -> ClientPicture:
    """Load a client's picture: ``strategy`` "auto" (``_revinclude``, else a batch), "revinclude" or "batch";
    ``professionals`` also brings the professionals it points at, ``changes`` the Provenance of the client's changes
    (``PROVENANCE_LINK``), in the same round trip. ``needs`` brings the gradings of the basic needs as well, and
    ``understanding`` the understanding entries (verstaan): each a search in the batch, or beside the ``_revinclude``
    search in one batch.

    In "auto", a CapabilityStatement a client of this base already fetched (``client.capabilities()``) that lists
    ``searchRevInclude`` without the ones needed sends the batch at once; otherwise the answer decides.
    """
    if strategy not in ("auto", "revinclude", "batch"):
        raise ValueError(f"unknown strategy {strategy!r}")
    start = client.round_trips
    picture: ClientPicture | None = None
    if strategy == "auto" and _capabilities_lack_revinclude(client.facts.claims):
        strategy = "batch"
    codes = [token for token, asked in ((NEED_ASSESSMENT_TOKEN, needs), (UNDERSTANDING_TOKENS, understanding)) if asked]
    if strategy in ("auto", "revinclude"):
        picture = _load_with_revinclude(
            client, patient_id, fall_back=strategy == "auto", professionals=professionals, changes=changes, codes=codes
        )
    if picture is None:
        picture = _load_with_batch(client, patient_id, professionals=professionals, changes=changes, codes=codes)
    picture.understanding_loaded = understanding
    picture.round_trips = client.round_trips - start
    if written := picture.resources()[1:]:
        client.facts.versioned = any(bundles.version_id(r) for r in written)
    return picture


def _load_with_revinclude(
    client: FHIRClient, patient_id: str, fall_back: bool, professionals: bool, changes: bool, codes: list[str]
) -> ClientPicture | None:
    """The picture from one search (with ``codes``, a batch of it and a search of the client's Observations per code
    token); None when the server refused or ignored ``_revinclude`` (and ``fall_back``)."""
    links = (*PATIENT_LINKS, PROVENANCE_LINK) if changes else PATIENT_LINKS
    revinclude = [f"{kind}:{param}" for kind, param in links]
    iterate = client.facts.iterate_ignored is not True
    params = [("_id", patient_id)]
    if iterate:
        params.append(("_revinclude:iterate", ":".join(MEMBER_LINK)))
    else:
        codes = [TIE_ASSESSMENT_TOKEN, *codes]  # the tie assessments by subject, beside the _revinclude search
    if professionals:
        params += [("_include:iterate", f"{kind}:{param}") for kind, param in PROFESSIONAL_INCLUDES]
    observations: list[Resource] = []
    try:
        if codes:
            page, observations = _search_with_observations(client, patient_id, params, revinclude, codes)
        else:
            page = client.search_page("Patient", params, revinclude=revinclude)
    except InvalidResource:
        if fall_back:
            return None
        raise
    except FHIRHTTPError as error:
        if fall_back and error.status in (403, 405, 501):
            return None
        raise
    matches = bundles.resources(page, mode="match")
    patients = [r for r in matches if r.get("resourceType") == "Patient" and r.get("id") == patient_id]
    if not patients:
        raise ResourceNotFound(404, None, f"Patient/{patient_id} is not on the server")
    included = [r for r in bundles.resources(page, mode="include") if r.get("resourceType") != "Patient"]
    if not included and fall_back:
        return None  # a client with nothing yet, or a server that ignored _revinclude: a batch tells which
    if _warned(page) and fall_back:
        return None  # e.g. a server that cut the includes short at its limit and says so
    # The includes of a one-match search come on its first page; further pages are followed all the same.
    for later in list(client.pages(page))[1:]:
        included.extend(bundles.resources(later, mode="include"))
    picture = _sorted_picture(patients[0], [*_about_members(included), *observations], strategy="revinclude")
    if iterate:
        _check_iterate(client, picture)
    return picture


def _check_iterate(client: FHIRClient, picture: ClientPicture) -> None:
    """Tell, once per server, whether it honoured ``_revinclude:iterate``: members without any tie assessment may be
    a network nobody assessed yet, or a server that dropped the iterate silently, so the tie assessments are searched
    by subject; any found are added and the server is remembered to ignore it (``load_picture`` then searches them
    beside the ``_revinclude`` search)."""
    facts = client.facts
    if picture.tie_assessments:
        facts.iterate_ignored = False
    if facts.iterate_ignored is not None or not picture.members:
        return
    query = [
        *_observations_of(bundles.reference(picture.patient), TIE_ASSESSMENT_TOKEN),
        ("_count", str(BATCH_PAGE_SIZE)),
    ]
    found = [
        r
        for page in client.pages(client.search_page("Observation", query))
        for r in bundles.resources(page, mode="match")
    ]
    if found:
        facts.iterate_ignored = True
        picture.observations.extend(found)


def _about_members(included: list[Resource]) -> list[Resource]:
    """``included`` less the Observations that focus on no network member among them. ``_revinclude:iterate`` may be
    followed from every included resource, the professionals too (the Helios FHIR Server does: the specification
    allows it), which brings their relationship ratings; the picture's observations are about its members."""
    members = {f"RelatedPerson/{r.get('id')}" for r in included if r.get("resourceType") == "RelatedPerson"}
    return [
        r
        for r in included
        if r.get("resourceType") != "Observation" or any(f.get("reference") in members for f in r.get("focus", []))
    ]


def _search_with_observations(
    client: FHIRClient, patient_id: str, params: list[tuple[str, str]], revinclude: list[str], codes: list[str]
) -> tuple[Resource, list[Resource]]:
    """The ``_revinclude`` search's first page and the client's Observations with each of ``codes`` (needs
    gradings, understanding entries), in one batch; a refused search is raised as the server's error, as a search of
    its own would be."""
    query = [*params, *(("_revinclude", r) for r in revinclude)]
    entries = [bundles.entry_for_read("Patient", query)]
    count = ("_count", str(BATCH_PAGE_SIZE))
    entries += [
        bundles.entry_for_read("Observation", [*_observations_of(f"Patient/{patient_id}", c), count]) for c in codes
    ]
    answers = list(bundles.entry_statuses(client.batch(entries)))
    if len(answers) != len(entries):
        raise InvalidResource(200, None, f"the batch answer has {len(answers)} entries for {len(entries)} requests")
    observations: list[Resource] = []
    for status, entry in answers:
        if status != 200 or "resource" not in entry:
            outcome = entry.get("response", {}).get("outcome")
            message = f"a search for Patient/{patient_id}'s picture failed (HTTP {status})"
            kind = InvalidResource if status in (0, 400, 422) else FHIRHTTPError
            raise kind(status or 400, outcome, message)
    for _, entry in answers[1:]:
        for later in client.pages(entry["resource"]):
            observations.extend(bundles.resources(later, mode="match"))
    return dict(answers[0][1]["resource"]), observations


def _capabilities_lack_revinclude(claims: Claims | None) -> bool:
    """Whether a CapabilityStatement lists ``searchRevInclude`` values for the Patient or the members without ours
    (a type that lists none says nothing, and the answer decides)."""
    if claims is None:
        return False
    needed = {"Patient": PATIENT_LINKS, "RelatedPerson": (MEMBER_LINK,)}
    return any(
        claims.resource(target).revincludes
        and not all(claims.claims_revinclude(target, kind, param) for kind, param in links)
        for target, links in needed.items()
    )


def _warned(page: Mapping[str, Any]) -> bool:
    """Whether the searchset carries an OperationOutcome with a warning or error (``search.mode`` "outcome")."""
    return any(
        issue.get("severity") in ("warning", "error", "fatal")
        for outcome in bundles.resources(page, mode="outcome")
        for issue in outcome.get("issue", [])
    )


def _load_with_batch(
    client: FHIRClient, patient_id: str, professionals: bool, changes: bool, codes: list[str]
) -> ClientPicture:
    reference = f"Patient/{patient_id}"
    searches = [(kind, [(param, reference), *_includes_of(kind, professionals)]) for kind, param in PATIENT_LINKS]
    searches += [("Observation", _observations_of(reference, token)) for token in (TIE_ASSESSMENT_TOKEN, *codes)]
    if changes:
        searches.append((PROVENANCE_LINK[0], [(PROVENANCE_LINK[1], reference)]))
    entries = [bundles.entry_for_read(reference)]
    entries += [bundles.entry_for_read(kind, [*params, ("_count", str(BATCH_PAGE_SIZE))]) for kind, params in searches]
    response = client.batch(entries)
    answers = list(bundles.entry_statuses(response))
    if len(answers) != len(entries):
        raise InvalidResource(200, None, f"the batch answer has {len(answers)} entries for {len(entries)} requests")
    status, first = answers[0]
    if status != 200 or "resource" not in first:
        outcome = first.get("response", {}).get("outcome")
        raise ResourceNotFound(status or 404, outcome, f"{reference} could not be read (HTTP {status})")
    related: list[Resource] = []
    for (kind, _), (status, entry) in zip(searches, answers[1:], strict=True):
        if status != 200 or "resource" not in entry:
            outcome = entry.get("response", {}).get("outcome")
            raise FHIRHTTPError(status, outcome, f"the search for the {kind} resources of {reference} failed")
        for page in client.pages(entry["resource"]):
            related.extend(bundles.resources(page, mode="match"))
            related.extend(r for r in bundles.resources(page, mode="include") if _is_professional(r))
    return _sorted_picture(first["resource"], related, strategy="batch")


def _includes_of(kind: str, professionals: bool) -> list[tuple[str, str]]:
    """The ``_include`` parameters that bring the professionals a search of ``kind`` points at."""
    if not professionals:
        return []
    return [("_include", f"{k}:{param}") for k, param in PROFESSIONAL_INCLUDES if k == kind]


def _observations_of(subject: str, code: str) -> list[tuple[str, str]]:
    """The parameters of a search for ``subject``'s Observations with the token ``code`` (``system|code``)."""
    return [("subject", subject), ("code", code)]


def _is_professional(resource: Mapping[str, Any]) -> bool:
    return resource.get("resourceType") in PROFESSIONAL_TYPES


def _sorted_picture(patient: Resource, related: Iterable[Resource], strategy: str) -> ClientPicture:
    picture = ClientPicture(patient=patient, strategy=strategy)
    lists = {
        "RelatedPerson": picture.members,
        "Observation": picture.observations,
        "CarePlan": picture.plans,
        "Goal": picture.goals,
        "CareTeam": picture.care_teams,
        "Consent": picture.consents,
        "Provenance": picture.provenances,
        **{kind: picture.professionals for kind in PROFESSIONAL_TYPES},
    }
    seen: set[str] = set()
    for resource in related:
        target = lists.get(str(resource.get("resourceType")))
        key = f"{resource.get('resourceType')}/{resource.get('id')}"
        if target is not None and key not in seen:
            seen.add(key)
            target.append(resource)
    return picture


def _has_code(observation: Mapping[str, Any], code: str) -> bool:
    return any(
        c.get("system") == OBSERVATION_CODE_SYSTEM and c.get("code") == code
        for c in observation.get("code", {}).get("coding", [])
    )


# -- saving ------------------------------------------------------------------------------------------------------


@dataclass
class SavedPlan:
    """What a saved plan became: the stored resources (in the order given) and the new references."""

    resources: list[Resource]
    references: dict[str, str]  # provisional reference ("Goal/new-1") -> stored one ("Goal/123")
    response: Resource

    @property
    def plan(self) -> Resource:
        return self.resources[0]


def save_plan(
    client: FHIRClient,
    plan: Mapping[str, Any],
    goals: Sequence[Mapping[str, Any]] = (),
    new_members: Sequence[Mapping[str, Any]] = (),
    other: Sequence[Mapping[str, Any]] = (),
    provenance: Mapping[str, Any] | None = None,
) -> SavedPlan:
    """Save a plan with its goals, new network members (and ``other`` resources, e.g. tie assessments) atomically.

    ``provenance``, a Provenance, is created in the same transaction with every resource written added to its
    ``target`` (a new one through its ``urn:uuid``, which the server turns into the stored reference).
    Raises PlanConflict (a VersionConflict) when any of them changed on the server since it was read, and
    CapabilityMissing, with nothing written, when the server has no transactions.
    """
    resources = [dict(r) for r in (plan, *goals, *new_members, *other)]
    _require_transactions(client)
    entries, provisional = _transaction_entries(resources, _updated_in_place(client, resources))
    if provenance is not None:
        targets = [
            *provenance.get("target", []),
            *({"reference": e.get("fullUrl") or e["request"]["url"]} for e in entries),
        ]
        entries.append(bundles.entry_for_create({**provenance, "target": targets}, full_url=bundles.new_urn()))
    try:
        response = client.transaction(entries)
    except VersionConflict as error:
        raise PlanConflict(error, _find_conflicts(client, resources)) from error
    except FHIRHTTPError as error:
        if not _unsupported(error):
            raise
        client.facts.missing.add(TRANSACTION)
        how = f"it answered a transaction with HTTP {error.status}"
        raise CapabilityMissing(TRANSACTION, client.base_url, how) from error
    stored: list[Resource] = []
    references: dict[str, str] = {}
    answers = list(bundles.entry_statuses(response))[: len(resources)]
    for (_, entry), resource, old_reference in zip(answers, resources, provisional, strict=True):
        kind = resource["resourceType"]
        location = entry.get("response", {}).get("location")
        new_id = bundles.id_from_location(location, kind) or entry.get("resource", {}).get("id") or resource.get("id")
        stored.append(entry.get("resource") or {**resource, "id": new_id})
        if old_reference:
            references[old_reference] = f"{kind}/{new_id}"
    return SavedPlan(resources=stored, references=references, response=response)


def _require_transactions(client: FHIRClient) -> None:
    """Refuse before sending anything when the server is known to lack transactions: it refused one before, or its
    CapabilityStatement (when a client of this base read it) lists system interactions without ``transaction``."""
    facts = client.facts
    if TRANSACTION in facts.missing:
        raise CapabilityMissing(TRANSACTION, client.base_url, "it refused a transaction before")
    claims = facts.claims
    if claims is not None and claims.system_interactions and TRANSACTION not in claims.system_interactions:
        raise CapabilityMissing(TRANSACTION, client.base_url, "its CapabilityStatement lists no transaction")


def _last_updated(resource: Mapping[str, Any]) -> str | None:
    moment = resource.get("meta", {}).get("lastUpdated")
    return str(moment) if moment else None


def _unversioned_server(client: FHIRClient, resource: Mapping[str, Any]) -> bool:
    """Whether ``resource`` has an id but no ``meta.versionId`` and the server keeps no versions (its statement says
    ``no-version``, or a picture loaded from it had none). Elsewhere such a resource is a new one (a copy of a loaded
    one without its version), as it always was."""
    if not resource.get("id") or bundles.version_id(resource):
        return False
    claims = client.facts.claims
    no_version = claims is not None and claims.resource(str(resource["resourceType"])).versioning == "no-version"
    return no_version or client.facts.versioned is False


def _updated_in_place(client: FHIRClient, resources: Sequence[Resource]) -> list[bool]:
    """Which of ``resources``, none with a version, are updated without ``ifMatch`` rather than created.

    Only on a server that keeps no versions, where one batch of reads before the transaction tells: a resource with
    ``meta.lastUpdated`` is updated when the server's copy has the same time, and a change (or deletion) since it was
    loaded is a PlanConflict, as a refused ``ifMatch`` would be; a resource without (the server keeps no times either,
    so the last save wins, as the app says) is updated when the server has it, and created when it does not (a new
    one with a provisional id). A change made between the reads and the transaction still goes unseen."""
    asked = [index for index, resource in enumerate(resources) if _unversioned_server(client, resource)]
    in_place = [False] * len(resources)
    if not asked:
        return in_place
    response = client.batch([bundles.entry_for_read(bundles.reference(resources[index])) for index in asked])
    conflicts: list[tuple[Resource, Resource | None]] = []
    for index, (status, entry) in zip(asked, bundles.entry_statuses(response), strict=False):
        ours = resources[index]
        theirs = entry.get("resource") if status == 200 else None
        if _last_updated(ours) is None:
            in_place[index] = theirs is not None
        elif theirs is None or _last_updated(theirs) != _last_updated(ours):
            conflicts.append((ours, theirs))
        else:
            in_place[index] = True
    if conflicts:
        raise PlanConflict(VersionConflict(409, None, "changed since it was loaded"), conflicts)
    return in_place


def _unsupported(error: FHIRHTTPError) -> bool:
    """Whether a transaction's error answer says the server has no transactions: 405 or 501, a 404 without an
    OperationOutcome (no such endpoint; a FHIR server that failed an entry explains), or an outcome with the issue
    code ``not-supported`` (an invalid resource is ``invalid``, ``required``, ``processing`` ...)."""
    if error.status in (405, 501) or (error.status == 404 and not error.outcome):
        return True
    return any(issue.get("code") == "not-supported" for issue in (error.outcome or {}).get("issue", []))


def _transaction_entries(
    resources: Sequence[Resource], in_place: Sequence[bool]
) -> tuple[list[Resource], list[str | None]]:
    """Transaction entries (updates with ifMatch, or without for those updated ``in_place`` on a server that keeps no
    versions; creations under urn:uuid, references to them rewritten) and, per resource, its provisional reference
    when it is new and had one."""
    is_new = [not bundles.version_id(r) and not kept for r, kept in zip(resources, in_place, strict=True)]
    full_urls = [bundles.new_urn() if new else None for new in is_new]
    provisional = [
        f"{r['resourceType']}/{r['id']}" if new and r.get("id") else None
        for r, new in zip(resources, is_new, strict=True)
    ]
    urns = {old: urn for old, urn in zip(provisional, full_urls, strict=True) if old and urn}
    entries = []
    for resource, full_url in zip(resources, full_urls, strict=True):
        body = _rewrite_references(resource, urns)
        if full_url:
            body.pop("id", None)
            entries.append(bundles.entry_for_create(body, full_url=full_url))
        else:
            entries.append(bundles.entry_for_update(body))
    return entries, provisional


def _rewrite_references(value: Any, urns: Mapping[str, str]) -> Any:
    if isinstance(value, dict):
        return {
            k: (urns.get(v, v) if k == "reference" and isinstance(v, str) else _rewrite_references(v, urns))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_rewrite_references(v, urns) for v in value]
    return value


def _find_conflicts(client: FHIRClient, resources: Sequence[Resource]) -> list[tuple[Resource, Resource | None]]:
    """The loaded resources whose version on the server is no longer the one we hold (one batch of reads)."""
    loaded = [r for r in resources if bundles.version_id(r)]
    if not loaded:
        return []
    try:
        response = client.batch([bundles.entry_for_read(bundles.reference(r)) for r in loaded])
    except SrhFhirError:
        return []  # the conflict itself is what the caller must hear about
    conflicts: list[tuple[Resource, Resource | None]] = []
    for ours, (status, entry) in zip(loaded, bundles.entry_statuses(response), strict=False):
        theirs = entry.get("resource") if status == 200 else None
        if theirs is None or bundles.version_id(theirs) != bundles.version_id(ours):
            conflicts.append((ours, theirs))
    return conflicts
