"""The repository of one client: what an application reads and writes about one patient, as domain objects.

``ClientRepository(fhir_client, patient_id)`` is bound to a :class:`~srh_fhir.client.FHIRClient` and one Patient,
and speaks only ``srh_fhir.model``; the FHIR JSON is built and parsed here and in :mod:`srh_fhir.mapping`.

Reading: ``picture()`` is the client's whole picture in one round trip (two at most; see
:func:`srh_fhir.repository.load_picture`), ``ratings()`` the Patient and their relationship ratings in one batch,
``understanding()`` the Patient and their understanding entries (verstaan) in one batch, ``outcomes()`` the Patient
and their outcome scores in one batch, ``relationship()`` the Patient, the ratings of the working relationship (the
client's and the professional's), the professional's reflections and the contact moments (every Encounter of the
client) in one batch, ``meetings()`` the Patient and their network meetings (netwerkberaad) as planned and as held in
one batch, ``member(id)`` one network member as it is now.

Writing: ``save(*objects)`` puts the objects of one change in one transaction (see
:func:`srh_fhir.repository.save_plan`). An object read from the server carries its version (``meta.versionId``
in its ``extras``) and is updated with ``ifMatch``: when somebody changed it meanwhile, nothing is written and
``PlanConflict`` carries both versions. A new object is created; give it a provisional id
(``RelatedPerson/new-member``) and the others of the change may point at it. ``record_meeting`` saves a
held network meeting, what was agreed at it (as activities of the plan) and the planned meeting, fulfilled, in one
transaction. ``create`` and ``update`` are single
requests (POST; PUT with ``If-Match``, raising VersionConflict). Objects about another patient are refused, and
``member`` does not show a member of another patient.

What the server needs that the domain model does not hold is added on the way out (``resource_to_write``): a
Consent without a policy gets the Dutch law on the care agreement. ``their_version`` and ``their_object`` tell
what a refused write met on the server.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeAlias, TypeVar

from srh_fhir import bundle as bundles
from srh_fhir.client import FHIRClient, Resource
from srh_fhir.datatypes import FhirDateTime
from srh_fhir.errors import FHIRHTTPError, MappingError, ResourceNotFound, VersionConflict
from srh_fhir.mapping import (
    change_record_to_fhir,
    contact_moment_from_fhir,
    display_name_from_fhir,
    from_fhir,
    network_member_from_fhir,
    patient_details_from_fhir,
    plan_agreement_from_fhir,
    plan_agreement_to_fhir,
    to_fhir,
)
from srh_fhir.mapping.network_member import ENTERED_IN_ERROR_TAG
from srh_fhir.model import (
    Activity,
    ChangeRecord,
    ContactMoment,
    DomainObject,
    InvolvementConsent,
    NetworkMeeting,
    NetworkMeetingRecord,
    NetworkMember,
    OutcomeScore,
    PatientDetails,
    PlanAgreement,
    RelationshipRating,
    RelationshipReflection,
    SupportPlan,
    Understanding,
    reference_to,
    split_reference,
)
from srh_fhir.repository import DomainPicture, load_picture, save_plan
from srh_fhir.terminology import (
    AppointmentStatus,
    DataOperation,
    Instrument,
    ObservationCode,
    ObservationStatus,
    RequestStatus,
    SrhCategory,
    UnderstandingKind,
)

__all__ = [
    "CONSENT_POLICY_URI",
    "ClientRepository",
    "MeetingHistory",
    "OutcomeHistory",
    "RatingHistory",
    "RelationshipHistory",
    "UnderstandingRecord",
    "resource_to_write",
    "their_object",
    "their_version",
    "user_name",
]

# A Consent needs a policy (FHIR invariant ppc-1) and the domain model does not carry one: the Dutch law on the
# care agreement (WGBO), as in the package's examples. An organisation may point at its own policy instead.
CONSENT_POLICY_URI = "https://wetten.overheid.nl/BWBR0005290/2026-01-01#Boek7_Titeldeel7_Afdeling5"
RATINGS_PAGE_SIZE = 200
# A further search of a batch: its path (``Encounter``) and its parameters.
Search: TypeAlias = tuple[str, Sequence[tuple[str, str]]]
PROFESSIONALS = ("Practitioner", "PractitionerRole")
# HAPI strips the version from every reference it stores unless told otherwise; this hint (other servers ignore it)
# keeps the version-specific targets of a plan agreement, which say which version of the plan was agreed.
KEEP_TARGET_VERSIONS = {
    "url": "http://hapifhir.io/fhir/StructureDefinition/auto-version-references-at-path",
    "valueString": "target",
}
_RELATIONSHIP_CODES = (ObservationCode.RELATIONSHIP_RATING, ObservationCode.RELATIONSHIP_REFLECTION)
NEW_RECORD_ID = "new-meeting-record"
NEW_PLAN_ID = "new-plan"
D = TypeVar("D", bound=DomainObject)
Clock = Callable[[], datetime.datetime]


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


@dataclass(frozen=True)
class UnderstandingRecord:
    """The client, their understanding entries (verstaan), newest written down first, and who wrote them down."""

    patient: PatientDetails
    entries: tuple[Understanding, ...]
    names: Mapping[str, str] = field(default_factory=dict)
    """``Type/id`` -> display name of the people who wrote the entries down (``performer``), where readable."""
    versions: Mapping[str, str] = field(default_factory=dict)
    """``Observation/id`` -> ``meta.versionId`` of each entry as loaded (the version a change checks)."""

    def of_kind(self, kind: UnderstandingKind) -> tuple[Understanding, ...]:
        """The entries of one kind, newest first, entered-in-error ones left out."""
        return tuple(e for e in self.entries if e.kind is kind and e.status is not ObservationStatus.ENTERED_IN_ERROR)


@dataclass(frozen=True)
class MeetingHistory:
    """The client and their network meetings: as planned and as held, newest first."""

    patient: PatientDetails
    meetings: tuple[NetworkMeeting, ...]
    records: tuple[NetworkMeetingRecord, ...]
    versions: Mapping[str, str] = field(default_factory=dict)
    """``Type/id`` -> ``meta.versionId`` of each meeting as loaded (the version a change checks)."""

    def record_of(self, meeting: NetworkMeeting) -> NetworkMeetingRecord | None:
        """How a planned meeting was held; None while it was not (yet)."""
        return next((r for r in self.records if meeting.id and r.meeting == meeting.reference), None)

    def meeting(self, meeting_id: str) -> NetworkMeeting | None:
        return next((m for m in self.meetings if m.id == meeting_id), None)


@dataclass(frozen=True)
class RatingHistory:
    """The client and their ratings of the working relationship, in the server's order."""

    patient: PatientDetails
    ratings: tuple[RelationshipRating, ...]


@dataclass(frozen=True)
class RelationshipHistory:
    """The working relationship over time: the client, the ratings (``RelationshipRating.by_professional`` tells the
    professional's from the client's), the professional's reflections, the contact moments, and the names of who
    rated or reflected. ``contacts`` is None when they could not be read (the launch may not read Encounter)."""

    patient: PatientDetails
    ratings: tuple[RelationshipRating, ...]
    reflections: tuple[RelationshipReflection, ...]
    contacts: tuple[ContactMoment, ...] | None
    names: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OutcomeHistory:
    """The client and the total scores of the instruments the team uses, in the server's order."""

    patient: PatientDetails
    scores: tuple[OutcomeScore, ...]


class ClientRepository:
    """One client's record on one FHIR server: read their picture and ratings, save what changes."""

    def __init__(
        self, client: FHIRClient, patient_id: str, *, author: str | None = None, clock: Clock = _utc_now
    ) -> None:
        """``author``, the signed-in user (a launch's ``fhirUser``), makes every ``save`` record a Provenance
        (``ChangeRecord``) in its transaction, stamped with ``clock()``."""
        self.client = client
        self.patient_id = patient_id
        self.author = author
        self.clock = clock

    def __repr__(self) -> str:
        return f"ClientRepository({self.client!r}, {self.patient_id!r})"

    @property
    def patient_reference(self) -> str:
        return reference_to("Patient", self.patient_id)

    @property
    def round_trips(self) -> int:
        """The HTTP exchanges made so far through the client."""
        return self.client.round_trips

    # -- reading ------------------------------------------------------------------------------------------------

    def picture(
        self,
        *,
        strategy: str = "auto",
        professionals: bool = False,
        changes: bool = False,
        needs: bool = False,
        understanding: bool = False,
    ) -> DomainPicture:
        """The client's picture as domain objects, with the version of each resource as loaded; ``professionals``
        brings the names of the professionals it points at in the same round trip (``DomainPicture.names``),
        ``changes`` who changed its resources and when (``DomainPicture.changes``; needs ``_revinclude``), ``needs``
        the gradings of the basic needs (``DomainPicture.need_assessments``) and ``understanding`` the understanding
        entries (``DomainPicture.understanding``), each one more search in the same batch."""
        loaded = load_picture(
            self.client,
            self.patient_id,
            strategy=strategy,
            professionals=professionals,
            changes=changes,
            needs=needs,
            understanding=understanding,
        )
        return loaded.to_domain()

    def ratings(self) -> RatingHistory:
        """The Patient and their relationship ratings in one batch (one round trip; later pages are followed).

        Observations with the rating code that do not fit our profile are not ratings of ours and are left out.
        """
        code = ObservationCode.RELATIONSHIP_RATING
        patient, pages = self._patient_and_search([("code", f"{code.system}|{code.value}")], "ratings")
        ratings = [o for o in _mapped(pages, "match") if isinstance(o, RelationshipRating)]
        return RatingHistory(patient_details_from_fhir(patient), tuple(ratings))

    def relationship(self, *, contacts: bool = True) -> RelationshipHistory:
        """The Patient, the relationship ratings and reflections with who gave them, and (with ``contacts``) every
        Encounter of the client as a contact moment, in one batch (one round trip; later pages are followed).

        Observations with these codes that do not fit our profiles are left out, as are Encounters without a start;
        an Encounter search the server refuses (401/403: a token without Encounter) gives ``contacts`` None."""
        codes = ",".join(f"{c.system}|{c.value}" for c in _RELATIONSHIP_CODES)
        searches = [self._observations([("code", codes), ("_include", "Observation:performer")])]
        if contacts:
            searches.append(("Encounter", [("patient", self.patient_reference), ("_count", str(RATINGS_PAGE_SIZE))]))
        patient, pages, *encounters = self._patient_and_searches(
            searches, "the working relationship", refusable=1 if contacts else 0
        )
        observations = [
            o for o in _mapped(pages, "match") if isinstance(o, RelationshipRating | RelationshipReflection)
        ]
        moments: tuple[ContactMoment, ...] | None = None
        if contacts and encounters[0] is not None:
            moments = tuple(_contact_moments(encounters[0]))
        names = {
            bundles.reference(r): name
            for page in pages
            for r in bundles.resources(page, mode="include")
            if r.get("id") and (name := display_name_from_fhir(r))
        }
        return RelationshipHistory(
            patient_details_from_fhir(patient),
            tuple(o for o in observations if isinstance(o, RelationshipRating)),
            tuple(o for o in observations if isinstance(o, RelationshipReflection)),
            moments,
            names,
        )

    def outcomes(self) -> OutcomeHistory:
        """The Patient and their outcome scores (every code of srh-instrument) in one batch (one round trip; later
        pages are followed). Observations of an instrument that do not fit our profile are left out."""
        patient, pages = self._patient_and_search([("code", f"{Instrument.system}|")], "outcome scores")
        scores = [o for o in _mapped(pages, "match") if isinstance(o, OutcomeScore)]
        return OutcomeHistory(patient_details_from_fhir(patient), tuple(scores))

    def understanding(self) -> UnderstandingRecord:
        """The Patient, their understanding entries (verstaan) and the names of who wrote them down, in one batch
        (one round trip; later pages are followed). Observations of the kinds that do not fit our profile are left
        out."""
        kinds = ",".join(f"{kind.system}|{kind.value}" for kind in UnderstandingKind)
        patient, pages = self._patient_and_search(
            [("code", kinds), ("_include", "Observation:performer")], "understanding"
        )
        entries = [o for o in _mapped(pages, "match") if isinstance(o, Understanding)]
        names = {
            bundles.reference(r): name
            for page in pages
            for r in bundles.resources(page, mode="include")
            if r.get("id") and (name := display_name_from_fhir(r))
        }
        versions = {
            bundles.reference(r): version
            for page in pages
            for r in bundles.resources(page, mode="match")
            if r.get("id") and (version := bundles.version_id(r))
        }
        entries.sort(key=_recorded, reverse=True)
        return UnderstandingRecord(patient_details_from_fhir(patient), tuple(entries), names, versions)

    def meetings(self) -> MeetingHistory:
        """The Patient, their network meetings as planned (Appointments) and as held (Encounters), in one batch
        (one round trip; later pages are followed). Appointments and Encounters that are no network meetings of
        ours are left out."""
        code = SrhCategory.NETWORK_MEETING
        token = f"{code.system}|{code.value}"
        count = ("_count", str(RATINGS_PAGE_SIZE))
        patient, planned, held = self._patient_and_searches(
            [
                ("Appointment", [("patient", self.patient_reference), ("service-type", token), count]),
                ("Encounter", [("patient", self.patient_reference), ("type", token), count]),
            ],
            "network meetings",
        )
        meetings = [o for o in _mapped(planned, "match") if isinstance(o, NetworkMeeting)]
        records = [o for o in _mapped(held, "match") if isinstance(o, NetworkMeetingRecord)]
        versions = {
            bundles.reference(r): version
            for page in (*planned, *held)
            for r in bundles.resources(page, mode="match")
            if r.get("id") and (version := bundles.version_id(r))
        }
        meetings.sort(key=_starts, reverse=True)
        records.sort(key=_starts, reverse=True)
        return MeetingHistory(patient_details_from_fhir(patient), tuple(meetings), tuple(records), versions)

    def _patient_and_search(self, query: Sequence[tuple[str, str]], what: str) -> tuple[Resource, list[Resource]]:
        """The Patient and every page of ``Observation?subject=<patient>&<query>``, in one batch."""
        patient, pages = self._patient_and_searches([self._observations(query)], what)
        return patient, pages

    def _observations(self, query: Sequence[tuple[str, str]]) -> Search:
        """The search of the client's Observations with ``query``."""
        return ("Observation", [("subject", self.patient_reference), *query, ("_count", str(RATINGS_PAGE_SIZE))])

    def _patient_and_searches(self, searches: Sequence[Search], what: str, refusable: int = 0) -> list[Any]:
        """The Patient and every page of each search (its path and parameters), in one batch; each of the last
        ``refusable`` searches gives None in its place when the server refuses it (401 or 403)."""
        entries = [bundles.entry_for_read(self.patient_reference)]
        entries.extend(bundles.entry_for_read(path, params) for path, params in searches)
        answers = list(bundles.entry_statuses(self.client.batch(entries)))
        if len(answers) != len(entries) or answers[0][0] != 200 or "resource" not in answers[0][1]:
            status = answers[0][0] if answers else 404
            raise ResourceNotFound(status, None, f"{self.patient_reference} could not be read")
        found: list[Any] = [answers[0][1]["resource"]]
        for index, (status, entry) in enumerate(answers[1:]):
            if index >= len(searches) - refusable and status in (401, 403):
                found.append(None)
                continue
            if status != 200 or "resource" not in entry:
                raise FHIRHTTPError(status, entry.get("response", {}).get("outcome"), f"the search for {what} failed")
            found.append(list(self.client.pages(entry["resource"])))
        return found

    def member(self, member_id: str) -> NetworkMember | None:
        """``RelatedPerson/member_id`` as it is now; None when it is not a network member of this client.

        ResourceNotFound (or ResourceGone) when there is no such resource.
        """
        try:
            member = network_member_from_fhir(self.client.read(NetworkMember.resource_type, member_id))
        except MappingError:
            return None
        return member if member.patient == self.patient_reference else None

    # -- writing ------------------------------------------------------------------------------------------------

    def save(
        self, *objects: DomainObject, activity: DataOperation | None = None, reason: str | None = None
    ) -> dict[str, str]:
        """Save the objects of one change (the first is the one it is about) in one transaction.

        With an ``author``, a Provenance goes in the same transaction, its targets the client's Patient (which puts
        it in the client's compartment, so a patient-scoped app may write and read it) and every object written;
        ``activity`` (by default NULLIFY for a member entered in error, CREATE for a new first object, else UPDATE)
        and ``reason``, the user's words. Returns the stored reference of each new object that had a provisional id
        (``"Goal/new-goal"`` -> ``"Goal/123"``). Raises PlanConflict when an object read from the server changed
        there meanwhile.
        """
        if not objects:
            raise ValueError("nothing to save")
        first, *others = (self._resource_of(obj) for obj in objects)
        provenance = None
        if self.author is not None:
            provenance = self._record(activity or _activity_of(objects[0], first), reason)
        return save_plan(self.client, first, other=others, provenance=provenance).references

    def restore_member(self, member: NetworkMember, *others: DomainObject) -> None:
        """Save a member (with ``others``, in one transaction) that is no longer ``entered_in_error``, and remove its
        ``nullified`` tag: servers that carry tags forward between versions (HAPI) keep it through an update.

        Raises PlanConflict as ``save`` does; when removing the tag fails, the member still reads as entered in error,
        so the change can simply be tried again.
        """
        if member.entered_in_error or member.id is None:
            raise ValueError("restore_member saves a stored member that is no longer entered in error")
        self.save(member, *others)
        self.client.meta_delete(NetworkMember.resource_type, member.id, {"tag": [dict(ENTERED_IN_ERROR_TAG)]})

    def create(self, obj: D) -> D:
        """POST a new object; returns it as stored (with its id and version). With an ``author``, a transaction
        with its change record (CREATE)."""
        resource = self._resource_of(obj)
        if self.author is None:
            return _as_stored(obj, self.client.create(resource))
        return _as_stored(obj, self._with_record(bundles.with_version(resource, None), DataOperation.CREATE))

    def update(self, obj: D, *, version: str | None = None) -> D:
        """PUT a changed object with ``If-Match``: ``version`` (the one the user saw), else the one it was read at.

        VersionConflict when the object changed on the server since; returns it as stored. With an ``author``, a
        transaction with its change record (UPDATE); its conflict is a PlanConflict, a VersionConflict too.
        """
        resource = self._resource_of(obj)
        if self.author is None:
            return _as_stored(obj, self.client.update(resource, version=version))
        known = version or bundles.version_id(resource)
        if not known:
            raise ValueError("an update needs the version the object was read at")
        return _as_stored(obj, self._with_record(bundles.with_version(resource, known), DataOperation.UPDATE))

    def record_agreement(self, plan: SupportPlan, versions: Mapping[str, str]) -> PlanAgreement:
        """Record that the client discussed ``plan`` with the ``author`` and agreed on it, now: the Provenance names
        the version of the plan and of each of its goals (``versions``: ``Type/id`` -> version, as the user saw them,
        e.g. ``DomainPicture.versions``). Additive: it is created, nothing is changed, so there is nothing to undo
        and no version to check. Returns the agreement as stored (with its id)."""
        if plan.patient != self.patient_reference:
            raise ValueError(f"this plan is about {plan.patient}, not {self.patient_reference}")
        version = versions.get(plan.reference) if plan.id else None
        if not version:
            raise ValueError("only a stored plan, with its version, can be agreed")
        professional = self.author if self.author and split_reference(self.author)[0] in PROFESSIONALS else None
        agreement = PlanAgreement(
            plan=f"{plan.reference}/_history/{version}",
            goals=tuple(f"{goal}/_history/{versions[goal]}" for goal in plan.goals if versions.get(goal)),
            patient=self.patient_reference,
            recorded=self._moment(),
            professional=professional,
        )
        resource = plan_agreement_to_fhir(agreement)
        resource["meta"]["extension"] = [dict(KEEP_TARGET_VERSIONS)]
        return plan_agreement_from_fhir(self.client.create(resource))

    def record_meeting(
        self,
        record: NetworkMeetingRecord,
        agreements: Sequence[Activity],
        *,
        plan: SupportPlan | None,
        meeting: NetworkMeeting | None = None,
    ) -> dict[str, str]:
        """Record a network meeting as held with what was agreed, in one transaction (with its change record when
        there is an ``author``): the Encounter, the support ``plan`` with each of ``agreements`` added as an activity
        agreed at it (a new plan when the client has none yet) and the planned ``meeting``, now fulfilled. Returns
        the stored reference of each new object (``"Encounter/new-meeting"`` -> ``"Encounter/123"``); PlanConflict
        when the plan or the meeting changed on the server meanwhile."""
        if record.id is None:
            record = replace(record, id=NEW_RECORD_ID)
        if meeting is not None:
            record = replace(record, meeting=meeting.reference)
            meeting = replace(meeting, status=AppointmentStatus.FULFILLED)
        if plan is None:
            plan = SupportPlan(id=NEW_PLAN_ID, status=RequestStatus.ACTIVE, patient=self.patient_reference)
        agreed = tuple(replace(activity, agreed_at=record.reference) for activity in agreements)
        plan = replace(plan, activities=(*plan.activities, *agreed))
        return self.save(record, plan, *((meeting,) if meeting is not None else ()))

    def _moment(self) -> FhirDateTime:
        """Now, to the millisecond: two records made in the same second keep their order (the newest counts)."""
        return FhirDateTime.of(self.clock(), timespec="milliseconds")

    def _record(self, activity: DataOperation, reason: str | None = None) -> Resource:
        """The Provenance of a change by ``author`` now; ``save_plan`` adds what was written to its targets."""
        assert self.author is not None
        recorded = self._moment()
        record = ChangeRecord(
            targets=(self.patient_reference,), recorded=recorded, activity=activity, author=self.author, reason=reason
        )
        return change_record_to_fhir(record)

    def _with_record(self, resource: Resource, activity: DataOperation) -> Resource:
        """Write one resource with its change record in one transaction; the resource as stored, with its version."""
        saved = save_plan(self.client, resource, provenance=self._record(activity))
        answer = next(iter(bundles.entry_statuses(saved.response)), (0, {}))[1].get("response", {})
        version = bundles.version_from_location(answer.get("location")) or bundles.version_from_etag(answer.get("etag"))
        return saved.plan if bundles.version_id(saved.plan) else bundles.with_version(saved.plan, version)

    def _resource_of(self, obj: DomainObject) -> Resource:
        if obj.patient != self.patient_reference:
            raise ValueError(f"this {type(obj).__name__} is about {obj.patient}, not {self.patient_reference}")
        return resource_to_write(obj)


def _activity_of(obj: DomainObject, resource: Resource) -> DataOperation:
    """What saving ``obj`` (as ``resource``) does: NULLIFY a stored member entered in error, CREATE, or UPDATE."""
    if not bundles.version_id(resource):
        return DataOperation.CREATE
    if isinstance(obj, NetworkMember) and obj.entered_in_error:
        return DataOperation.NULLIFY
    return DataOperation.UPDATE


def _mapped(pages: list[Resource], mode: str) -> list[DomainObject]:
    """The resources of ``mode`` on the pages that are objects of our profiles; others are left out."""
    found = []
    for page in pages:
        for resource in bundles.resources(page, mode=mode):
            try:
                found.append(from_fhir(resource))
            except MappingError:
                continue
    return found


def _contact_moments(pages: list[Resource]) -> list[ContactMoment]:
    """Every Encounter on the pages as a contact moment, whatever its profile (a network meeting held is one too);
    those without a subject or a start are left out."""
    found = []
    for page in pages:
        for resource in bundles.resources(page, mode="match"):
            try:
                found.append(contact_moment_from_fhir(resource))
            except MappingError:
                continue
    return found


def _starts(meeting: NetworkMeeting | NetworkMeetingRecord) -> FhirDateTime:
    """When a meeting starts (or started)."""
    return meeting.start


def _recorded(entry: Understanding) -> FhirDateTime:
    """When an entry was written down."""
    return entry.recorded


def user_name(client: FHIRClient, reference: str) -> str | None:
    """The name of the signed-in user (a launch's ``fhirUser``, ``Practitioner/...``, on ``client``'s server):
    one read; None when the resource has no name. Raises the client's errors (and ValueError for no reference)."""
    kind, ident = split_reference(reference)
    return display_name_from_fhir(client.read(kind, ident)) or None


def resource_to_write(obj: DomainObject) -> Resource:
    """The FHIR resource that saving ``obj`` writes: its mapping, plus what the server needs that the model does not
    hold (a Consent without a policy gets ``CONSENT_POLICY_URI``)."""
    resource = to_fhir(obj)
    if isinstance(obj, InvolvementConsent) and not resource.get("policy") and not resource.get("policyRule"):
        resource["policy"] = [{"uri": CONSENT_POLICY_URI}]
    return resource


def their_version(error: VersionConflict) -> str | None:
    """The version on the server of what a refused write conflicted with; None when it was deleted meanwhile."""
    return bundles.version_id(error.theirs) if error.theirs else None


def their_object(error: VersionConflict) -> DomainObject | None:
    """What a refused write conflicted with, as the server holds it now; None when it was deleted meanwhile or is
    not a resource of our profiles."""
    if not error.theirs:
        return None
    try:
        return from_fhir(error.theirs)
    except MappingError:
        return None


def _as_stored(obj: D, resource: Resource) -> D:
    stored = from_fhir(resource)
    if not isinstance(stored, type(obj)):
        stored_kind, kind = type(stored).__name__, type(obj).__name__
        raise MappingError(obj.resource_type, f"the server stored a {stored_kind}, not a {kind}")
    return stored
