"""Hypothesis strategies: domain objects, FHIR dates, and unknown FHIR content added to real resources."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, TypeVar

from hypothesis import settings
from hypothesis import strategies as st

from srh_fhir.model import (
    Activity,
    CodeableConcept,
    Coding,
    ConsentActor,
    ContactPoint,
    FhirDate,
    FhirDateTime,
    Goal,
    HumanName,
    InvolvementConsent,
    NeedAssessment,
    NeedGrade,
    NetworkMember,
    Participant,
    Period,
    RelationshipRating,
    SocialSystem,
    SupportPlan,
    TieAssessment,
)
from srh_fhir.terminology import (
    BasicNeed,
    CarePlanActivityStatus,
    CarePlanIntent,
    CareTeamStatus,
    Closeness,
    ConsentProvisionType,
    ConsentState,
    ContactFrequency,
    CoreAction,
    GoalAchievementStatus,
    GoalLifecycleStatus,
    InvolvementAction,
    NeedFulfilment,
    NetworkSector,
    ObservationStatus,
    Reciprocity,
    RequestStatus,
    SupportType,
    TeamRole,
    Valence,
)

settings.register_profile("srh-mapping", deadline=None, max_examples=60)
MAPPING_SETTINGS = settings.get_profile("srh-mapping")

T = TypeVar("T")

ids = st.from_regex(r"[A-Za-z0-9\-.]{1,64}", fullmatch=True)
texts = st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != "")
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10)


def refs(*types: str) -> st.SearchStrategy[str]:
    return st.builds(lambda t, i: f"{t}/{i}", st.sampled_from(types), ids)


def tuples(strategy: st.SearchStrategy[T], max_size: int = 3) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=max_size).map(tuple)


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
zones = st.sampled_from(["Z", "+01:00", "+02:00", "-05:30", "+14:00"])


@st.composite
def date_time_texts(draw: st.DrawFn) -> str:
    day = draw(days)
    form = draw(st.sampled_from(["year", "month", "day", "second", "fraction"]))
    if form == "year":
        return f"{day.year:04d}"
    if form == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if form == "day":
        return day.isoformat()
    time = f"{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}:{draw(st.integers(0, 59)):02d}"
    fraction = "." + draw(st.from_regex(r"[0-9]{1,9}", fullmatch=True)) if form == "fraction" else ""
    return f"{day.isoformat()}T{time}{fraction}{draw(zones)}"


date_times = date_time_texts().map(FhirDateTime)
fhir_dates = st.one_of(
    days.map(lambda d: FhirDate(d.isoformat())), days.map(lambda d: FhirDate(f"{d.year:04d}-{d.month:02d}"))
)
periods = st.builds(Period, start=optional(date_times), end=optional(date_times))
codings = st.builds(
    Coding, system=optional(st.just("http://snomed.info/sct")), code=optional(words), display=optional(texts)
)
concepts = st.builds(CodeableConcept, codings=tuples(codings, 2), text=optional(texts))
names = st.builds(
    HumanName,
    text=optional(texts),
    family=optional(texts),
    given=tuples(texts, 2),
    prefix=tuples(texts, 1),
    suffix=tuples(texts, 1),
    use=optional(st.sampled_from(["official", "usual", "nickname"])),
)
contact_points = st.builds(
    ContactPoint,
    system=optional(st.sampled_from(["phone", "email"])),
    value=optional(texts),
    use=optional(st.sampled_from(["home", "mobile"])),
)
patients = refs("Patient")
members = refs("RelatedPerson")
professionals = refs("Practitioner", "PractitionerRole")

network_members = st.builds(
    NetworkMember,
    id=optional(ids),
    patient=patients,
    active=st.booleans(),
    sector=optional(st.sampled_from(NetworkSector)),
    relationships=tuples(concepts),
    names=tuples(names, 2),
    telecoms=tuples(contact_points, 2),
    gender=optional(st.sampled_from(["female", "male", "other", "unknown"])),
    period=optional(periods),
)
tie_assessments = st.builds(
    TieAssessment,
    id=optional(ids),
    status=st.sampled_from(ObservationStatus),
    patient=patients,
    member=members,
    date=date_times,
    closeness=optional(st.sampled_from(Closeness)),
    contact_frequency=optional(st.sampled_from(ContactFrequency)),
    support_given=tuples(st.sampled_from(SupportType), 4),
    basic_needs_met=tuples(st.sampled_from(BasicNeed), 4),
    reciprocity=optional(st.sampled_from(Reciprocity)),
    valence=optional(st.sampled_from(Valence)),
    performers=tuples(professionals),
    notes=tuples(texts, 2),
)


@st.composite
def need_grades(draw: st.DrawFn, need: BasicNeed) -> NeedGrade:
    grade = draw(st.sampled_from(NeedFulfilment))
    met_by = () if grade is NeedFulfilment.NOT_MET else draw(tuples(st.one_of(members, professionals), 4))
    return NeedGrade(need=need, grade=grade, met_by=met_by)


@st.composite
def need_assessments(draw: st.DrawFn) -> NeedAssessment:
    """A grading of some of the basic needs (each at most once), in any order."""
    needs = draw(st.lists(st.sampled_from(BasicNeed), unique=True, min_size=1, max_size=5))
    return NeedAssessment(
        id=draw(optional(ids)),
        status=draw(st.sampled_from(ObservationStatus)),
        patient=draw(patients),
        date=draw(date_times),
        grades=tuple(draw(need_grades(need)) for need in needs),
        performers=draw(tuples(professionals)),
        notes=draw(tuples(texts, 1)),
    )


relationship_ratings = st.builds(
    RelationshipRating,
    id=optional(ids),
    status=st.sampled_from(ObservationStatus),
    patient=patients,
    date=date_times,
    rated=tuples(refs("Practitioner", "PractitionerRole", "CareTeam"), 2),
    encounter=optional(refs("Encounter")),
    performers=tuples(refs("Patient", "RelatedPerson"), 2),
    presence=optional(st.integers(1, 5)),
    understood=optional(st.integers(1, 5)),
    reliance=optional(st.integers(1, 5)),
    network_involved=optional(st.integers(1, 5)),
    overall_grade=optional(st.integers(1, 10)),
    notes=tuples(texts, 1),
)


@st.composite
def activities(draw: st.DrawFn) -> Activity:
    schedule = draw(st.sampled_from(["none", "period", "text"]))
    return Activity(
        core_action=draw(st.sampled_from(CoreAction)),
        status=draw(st.sampled_from(CarePlanActivityStatus)),
        description=draw(optional(texts)),
        basic_needs=draw(tuples(st.sampled_from(BasicNeed), 2)),
        goals=draw(tuples(refs("Goal"), 2)),
        performers=draw(tuples(refs("Practitioner", "Patient", "RelatedPerson", "CareTeam"), 3)),
        scheduled_period=draw(periods) if schedule == "period" else None,
        scheduled_text=draw(texts) if schedule == "text" else None,
    )


support_plans = st.builds(
    SupportPlan,
    id=optional(ids),
    status=st.sampled_from(RequestStatus),
    intent=st.sampled_from(CarePlanIntent),
    patient=patients,
    title=optional(texts),
    description=optional(texts),
    period=optional(periods),
    created=optional(date_times),
    author=optional(professionals),
    contributors=tuples(refs("Patient", "RelatedPerson", "Practitioner")),
    care_teams=tuples(refs("CareTeam"), 1),
    goals=tuples(refs("Goal")),
    activities=tuples(activities(), 4),
    notes=tuples(texts, 2),
)
goals = st.builds(
    Goal,
    id=optional(ids),
    lifecycle_status=st.sampled_from(GoalLifecycleStatus),
    achievement_status=optional(st.sampled_from(GoalAchievementStatus)),
    description=texts,
    patient=patients,
    core_action=optional(st.sampled_from(CoreAction)),
    basic_needs=tuples(st.sampled_from(BasicNeed)),
    start=optional(fhir_dates),
    due=optional(fhir_dates),
    expressed_by=optional(refs("Patient", "Practitioner", "RelatedPerson")),
    notes=tuples(texts, 2),
)
participants = st.builds(
    Participant,
    member=refs("Patient", "Practitioner", "RelatedPerson", "Organization"),
    roles=tuples(st.sampled_from(TeamRole), 2),
    period=optional(periods),
)
social_systems = st.builds(
    SocialSystem,
    id=optional(ids),
    status=optional(st.sampled_from(CareTeamStatus)),
    name=optional(texts),
    patient=patients,
    period=optional(periods),
    participants=tuples(participants, 5),
    managing_organizations=tuples(refs("Organization"), 1),
)
involvement_consents = st.builds(
    InvolvementConsent,
    id=optional(ids),
    status=st.sampled_from(ConsentState),
    patient=patients,
    date=date_times,
    decision=st.sampled_from(ConsentProvisionType),
    period=optional(periods),
    actors=tuples(st.builds(ConsentActor, member=members, role=concepts), 2),
    actions=tuples(st.sampled_from(InvolvementAction), 4),
    purposes=tuples(codings, 2),
    performers=tuples(refs("Patient", "RelatedPerson"), 1),
    organizations=tuples(refs("Organization"), 1),
)
domain_objects = st.one_of(
    network_members,
    tie_assessments,
    need_assessments(),
    relationship_ratings,
    support_plans,
    goals,
    social_systems,
    involvement_consents,
)

# --- unknown FHIR content added to real resources ---------------------------------------------------------------

unknown_extensions = st.builds(
    lambda name, value: {"url": f"https://example.org/fhir/StructureDefinition/{name}", "valueString": value},
    words,
    texts,
)
_TOP_LEVEL_EXTRAS: dict[str, st.SearchStrategy[Any]] = {
    "identifier": st.lists(
        st.builds(lambda v: {"system": "https://example.org/ids", "value": v}, texts), min_size=1, max_size=2
    ),
    "text": st.builds(
        lambda t: {"status": "generated", "div": f'<div xmlns="http://www.w3.org/1999/xhtml">{t}</div>'}, words
    ),
    "implicitRules": st.just("https://example.org/rules"),
    "language": st.sampled_from(["nl", "en", "nl-NL"]),
    "modifierExtension": st.lists(unknown_extensions, min_size=1, max_size=2),
    "contained": st.just([{"resourceType": "Basic", "id": "c1", "code": {"text": "iets"}}]),
}
_META_EXTRAS: dict[str, st.SearchStrategy[Any]] = {
    "versionId": st.integers(1, 99).map(str),
    "lastUpdated": st.just("2026-04-01T12:00:00.123+02:00"),
    "tag": st.just([{"system": "https://example.org/tags", "code": "import"}]),
    "source": st.just("https://ehr.example/fhir"),
}


def _dict_nodes(value: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        found.append(value)
        for child in value.values():
            found.extend(_dict_nodes(child))
    elif isinstance(value, list):
        for child in value:
            found.extend(_dict_nodes(child))
    return found


def _list_nodes(value: Any) -> list[list[Any]]:
    found: list[list[Any]] = []
    if isinstance(value, dict):
        for child in value.values():
            found.extend(_list_nodes(child))
    elif isinstance(value, list):
        found.append(value)
        for child in value:
            found.extend(_list_nodes(child))
    return found


@st.composite
def enriched(draw: st.DrawFn, resource: dict[str, Any], valid_fhir: bool = False) -> dict[str, Any]:
    """A copy of ``resource`` with unknown content: top-level elements, meta, extensions deep inside, other
    displays, shuffled lists. ``valid_fhir`` keeps to what FHIR allows (fhir.resources refuses the rest): no
    modifierExtension inside data types."""
    result = copy.deepcopy(resource)
    for key in draw(st.lists(st.sampled_from(sorted(_TOP_LEVEL_EXTRAS)), unique=True, max_size=4)):
        result[key] = copy.deepcopy(draw(_TOP_LEVEL_EXTRAS[key]))
    meta = result.setdefault("meta", {})
    for key in draw(st.lists(st.sampled_from(sorted(_META_EXTRAS)), unique=True, max_size=3)):
        meta[key] = copy.deepcopy(draw(_META_EXTRAS[key]))
    nodes = _dict_nodes(result)
    for _ in range(draw(st.integers(0, 4))):
        node = draw(st.sampled_from(nodes))
        key = draw(st.sampled_from(["extension", "id"] if valid_fhir else ["extension", "modifierExtension", "id"]))
        if key == "id":
            if node is not result:
                node["id"] = draw(words)
        else:
            node.setdefault(key, []).append(draw(unknown_extensions))
    codings = [n for n in nodes if "code" in n and "system" in n]
    for _ in range(draw(st.integers(0, 3))):
        if codings:
            coding = draw(st.sampled_from(codings))
            if draw(st.booleans()):
                coding["display"] = draw(texts)
            else:
                coding.pop("display", None)
                coding["userSelected"] = draw(st.booleans())
    lists = [n for n in _list_nodes(result) if len(n) > 1]
    for _ in range(draw(st.integers(0, 2))):
        if lists:
            target = draw(st.sampled_from(lists))
            target[:] = draw(st.permutations(target))
    return result


__all__ = [
    "MAPPING_SETTINGS",
    "date_times",
    "domain_objects",
    "enriched",
    "need_assessments",
]
