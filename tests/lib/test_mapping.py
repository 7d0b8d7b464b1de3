"""Mapping FHIR JSON <-> domain model: the examples map both ways exactly; bad input names its element."""

from __future__ import annotations

import copy
import dataclasses
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from paths import EXAMPLE_DIR, INVALID_DIR, read_json, resource_files

from srh_fhir.errors import MappingError
from srh_fhir.mapping import (
    from_fhir,
    goal_from_fhir,
    network_member_from_fhir,
    tie_assessment_from_fhir,
    to_fhir,
)
from srh_fhir.model import (
    ContactMoment,
    FhirDate,
    FhirDateTime,
    Goal,
    InvolvementConsent,
    NeedAssessment,
    NetworkMeeting,
    NetworkMeetingRecord,
    NetworkMember,
    OutcomeScore,
    RelationshipRating,
    RelationshipReflection,
    SocialSystem,
    SupportPlan,
    TieAssessment,
    Understanding,
)
from srh_fhir.terminology import (
    BasicNeed,
    CarePlanActivityStatus,
    Closeness,
    ConsentProvisionType,
    ContactFrequency,
    CoreAction,
    GoalAchievementStatus,
    InvolvementAction,
    NetworkSector,
    ObservationCode,
    Reciprocity,
    SupportType,
    TeamRole,
    Valence,
)

SRH_TYPES = {"RelatedPerson", "Observation", "CarePlan", "Goal", "CareTeam", "Consent", "Encounter", "Appointment"}
EXAMPLES = [p for p in resource_files(EXAMPLE_DIR) if read_json(p)["resourceType"] in SRH_TYPES]


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = read_json(EXAMPLE_DIR / f"{name}.json")
    return data


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_maps_back_exactly(path: Path) -> None:
    resource = read_json(path)
    obj = from_fhir(resource)
    assert to_fhir(obj) == resource
    assert from_fhir(to_fhir(obj)) == obj


def test_every_profile_has_examples() -> None:
    kinds = {type(from_fhir(read_json(p))) for p in EXAMPLES}
    assert kinds == {
        NetworkMember,
        TieAssessment,
        NeedAssessment,
        RelationshipRating,
        SupportPlan,
        Goal,
        SocialSystem,
        InvolvementConsent,
        Understanding,
        ContactMoment,
        RelationshipReflection,
        OutcomeScore,
        NetworkMeeting,
        NetworkMeetingRecord,
    }


def test_network_member_fields() -> None:
    anja = from_fhir(example("RelatedPerson-ingrid-sister-anja"))
    assert isinstance(anja, NetworkMember)
    assert (anja.id, anja.patient, anja.active) == ("ingrid-sister-anja", "Patient/ingrid-de-vries", True)
    assert anja.sector is NetworkSector.FAMILY
    assert anja.role_codes == ("SIS",)
    assert anja.display_name == "Anja Hoekstra-de Vries"
    assert anja.telecoms[0].value == "06-22334455"
    assert not anja.extras  # everything in this example is modelled


def test_tie_assessment_fields() -> None:
    tie = from_fhir(example("Observation-ingrid-tie-anja-2026-03-02"))
    assert isinstance(tie, TieAssessment)
    assert tie.member == "RelatedPerson/ingrid-sister-anja"
    assert tie.date == FhirDateTime("2026-03-02")
    assert (tie.closeness, tie.contact_frequency) == (Closeness.DISTANT, ContactFrequency.FEW_TIMES_A_YEAR)
    assert tie.support_given == (SupportType.INFORMATIONAL,)
    assert tie.basic_needs_met == ()
    assert (tie.reciprocity, tie.valence) == (Reciprocity.MEMBER_GIVES, Valence.AMBIVALENT)
    assert tie.notes[0].startswith("Ingrid mist haar zus")


def test_relationship_rating_fields() -> None:
    rating = from_fhir(example("Observation-ingrid-rating-2026-03-24"))
    assert isinstance(rating, RelationshipRating)
    scores = (rating.presence, rating.understood, rating.reliance, rating.network_involved, rating.overall_grade)
    assert scores == (3, 2, 4, 2, 6)
    assert rating.rated == ("Practitioner/practitioner-sanne-bakker",)
    assert rating.date.text == "2026-03-24T10:45:00+01:00"


def test_support_plan_fields() -> None:
    plan = from_fhir(example("CarePlan-ingrid-support-plan"))
    assert isinstance(plan, SupportPlan)
    connect, understand, secure, strengthen = CoreAction
    assert [a.core_action for a in plan.activities] == [connect, understand, understand, secure, secure] + [
        strengthen
    ] * 3
    securing = plan.activities_for(CoreAction.SECURE)
    assert securing[0].performers == ("RelatedPerson/ingrid-neighbour-gerrit",)
    assert securing[0].basic_needs == ()  # practical support is a kind of support, not a basic need
    assert plan.activities[-1].scheduled_text == "Elke woensdagmiddag, sinds 13 mei 2026"
    assert plan.activities[-2].status is CarePlanActivityStatus.SCHEDULED
    assert "scheduledTiming" in plan.extras.patch  # not modelled, kept


def test_goal_social_system_and_consent_fields() -> None:
    goal = from_fhir(example("Goal-ingrid-goal-choir"))
    assert isinstance(goal, Goal)
    assert goal.description.startswith("Ik wil na de zomer")
    assert (goal.core_action, goal.basic_needs) == (CoreAction.STRENGTHEN, (BasicNeed.BELONGING, BasicNeed.RECOGNITION))
    assert goal.achievement_status is GoalAchievementStatus.IMPROVING
    assert (goal.start, goal.due) == (FhirDate("2026-03-16"), FhirDate("2026-10-31"))
    team = from_fhir(example("CareTeam-ingrid-social-system"))
    assert isinstance(team, SocialSystem)
    assert team.members_with_role(TeamRole.KEY_FIGURE) == ("RelatedPerson/ingrid-sister-anja",)
    consent = from_fhir(example("Consent-ingrid-consent-anja"))
    assert isinstance(consent, InvolvementConsent)
    assert consent.decision is ConsentProvisionType.PERMIT
    assert consent.members == ("RelatedPerson/ingrid-sister-anja",)
    assert consent.actions[0] is InvolvementAction.VIEW_PLAN


def test_dispatch_without_meta_profile() -> None:
    for name in ("Observation-ingrid-tie-anja-2026-03-02", "Observation-ingrid-rating-2026-03-24"):
        resource = example(name)
        del resource["meta"]
        obj = from_fhir(resource)
        assert to_fhir(obj) == resource
    assert "meta" not in to_fhir(obj)


def test_new_objects_get_profile_and_displays() -> None:
    tie = TieAssessment(
        patient="Patient/p", member="RelatedPerson/m", date=FhirDateTime("2026-05-01"), valence=Valence.STRAINING
    )
    resource = to_fhir(tie)
    assert resource["meta"] == {"profile": [TieAssessment.profile]}
    assert resource["component"] == [
        {
            "code": {"coding": [{"system": ObservationCode.system, "code": "valence"}]},
            "valueCodeableConcept": {
                "coding": [{"system": Valence.system, "code": "straining", "display": "Belastend"}]
            },
        }
    ]
    assert from_fhir(resource) == tie


UNKNOWN_EXTENSION = {"url": "https://example.org/fhir/StructureDefinition/mood", "valueString": "blij"}


def test_an_edit_keeps_the_extras_of_other_elements() -> None:
    resource = example("Observation-ingrid-tie-anja-2026-03-02")
    resource["identifier"] = [{"system": "https://example.org/ids", "value": "T-1"}]
    resource["component"][0]["extension"] = [UNKNOWN_EXTENSION]  # closeness component
    resource["component"][4]["valueCodeableConcept"]["coding"][0]["display"] = "wisselend, soms lastig"  # valence
    tie = from_fhir(resource)
    assert isinstance(tie, TieAssessment)
    closer = dataclasses.replace(tie, closeness=Closeness.CLOSE, support_given=(SupportType.EMOTIONAL,))
    out = to_fhir(closer)
    assert out["identifier"] == resource["identifier"]
    closeness = out["component"][0]
    assert closeness["extension"] == [UNKNOWN_EXTENSION]  # kept at its place
    assert closeness["valueCodeableConcept"]["coding"] == [
        {"system": Closeness.system, "code": "close", "display": "Dichtbij"}  # the old display did not stay
    ]
    assert out["component"][4]["valueCodeableConcept"]["coding"][0]["display"] == "wisselend, soms lastig"
    assert tie_assessment_from_fhir(out).closeness is Closeness.CLOSE
    support = [c for c in out["component"] if c["code"]["coding"][0]["code"] == "support-given"]
    assert [c["valueCodeableConcept"]["coding"][0]["code"] for c in support] == ["emotional"]


def test_an_edit_of_an_activity_keeps_its_schedule() -> None:
    plan = from_fhir(example("CarePlan-ingrid-support-plan"))
    assert isinstance(plan, SupportPlan)
    first = dataclasses.replace(plan.activities[0], status=CarePlanActivityStatus.COMPLETED)
    out = to_fhir(dataclasses.replace(plan, activities=(first, *plan.activities[1:])))
    original = example("CarePlan-ingrid-support-plan")["activity"][0]["detail"]
    assert out["activity"][0]["detail"]["status"] == "completed"
    assert out["activity"][0]["detail"]["scheduledTiming"] == original["scheduledTiming"]


def test_removed_values_leave_nothing_behind() -> None:
    resource = example("Observation-ingrid-tie-anja-2026-03-02")
    resource["component"][0]["extension"] = [UNKNOWN_EXTENSION]
    tie = from_fhir(resource)
    assert isinstance(tie, TieAssessment)
    out = to_fhir(dataclasses.replace(tie, closeness=None))
    assert [c["code"]["coding"][0]["code"] for c in out["component"]] == [
        "contact-frequency",
        "support-given",
        "reciprocity",
        "valence",
    ]


def test_unknown_components_and_codings_are_kept_in_place() -> None:
    resource = example("Observation-ingrid-tie-anja-2026-03-02")
    snomed = {"system": "http://snomed.info/sct", "code": "419620001", "display": "Death"}
    resource["component"].insert(1, {"code": {"coding": [snomed]}, "valueString": "onbekend"})
    resource["component"][0]["valueCodeableConcept"]["coding"].insert(0, snomed)
    resource["component"][2]["code"]["coding"].append(snomed)
    resource["component"].append({"code": resource["component"][0]["code"], "dataAbsentReason": {"text": "?"}})
    resource["component"].reverse()
    obj = from_fhir(resource)
    assert isinstance(obj, TieAssessment)
    assert obj.closeness is Closeness.DISTANT
    assert to_fhir(obj) == resource


def test_mapping_does_not_change_its_input() -> None:
    resource = example("CarePlan-mohamed-support-plan")
    before = copy.deepcopy(resource)
    out = to_fhir(from_fhir(resource))
    out["activity"][0]["detail"]["status"] = "stopped"
    assert resource == before


def with_change(name: str, change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    resource = example(name)
    change(resource)
    return resource


TIE = "Observation-ingrid-tie-anja-2026-03-02"
RATING = "Observation-ingrid-rating-2026-03-24"
MEMBER = "RelatedPerson-ingrid-sister-anja"
PLAN = "CarePlan-ingrid-support-plan"
GOAL = "Goal-ingrid-goal-choir"
TEAM = "CareTeam-ingrid-social-system"
CONSENT = "Consent-ingrid-consent-anja"

BAD_INPUT: list[tuple[str, str, Callable[[dict[str, Any]], object], str, str]] = [
    (
        "wrong resource type",
        MEMBER,
        lambda r: r.update(resourceType="Person"),
        "RelatedPerson",
        "expected resourceType",
    ),
    ("missing patient", MEMBER, lambda r: r.pop("patient"), "RelatedPerson.patient", "required"),
    ("active as text", MEMBER, lambda r: r.update(active="yes"), "RelatedPerson.active", "true or false"),
    ("name not a list", MEMBER, lambda r: r.update(name={"family": "X"}), "RelatedPerson.name", "expected a list"),
    (
        "unknown sector",
        MEMBER,
        lambda r: r["extension"][0]["valueCoding"].update(code="sport"),
        "RelatedPerson.extension[0].valueCoding.code",
        "unknown code 'sport'",
    ),
    (
        "two sectors",
        MEMBER,
        lambda r: r["extension"].append(r["extension"][0]),
        "RelatedPerson.extension[1]",
        "at most one sector",
    ),
    (
        "reference without id",
        MEMBER,
        lambda r: r.update(patient={"reference": "Patient"}),
        "RelatedPerson.patient.reference",
        "Type/id",
    ),
    (
        "reference to the wrong type",
        MEMBER,
        lambda r: r.update(patient={"reference": "Practitioner/x"}),
        "RelatedPerson.patient.reference",
        "expected a reference to Patient",
    ),
    (
        "reference by identifier only",
        MEMBER,
        lambda r: r.update(patient={"identifier": {"value": "123"}}),
        "RelatedPerson.patient.reference",
        "expected a reference string",
    ),
    (
        "unknown closeness",
        TIE,
        lambda r: r["component"][0]["valueCodeableConcept"]["coding"][0].update(code="intimate"),
        "Observation.component[0].valueCodeableConcept.coding[0].code",
        "unknown code 'intimate'",
    ),
    (
        "support given from the wrong system",
        TIE,
        lambda r: r["component"][2]["valueCodeableConcept"]["coding"][0].update(system="http://snomed.info/sct"),
        "Observation.component[2].valueCodeableConcept.coding",
        "has no coding from",
    ),
    (
        "closeness as a string",
        TIE,
        lambda r: r["component"][0].update(valueString="dichtbij") or r["component"][0].pop("valueCodeableConcept"),
        "Observation.component[0].valueString",
        "expected valueCodeableConcept",
    ),
    (
        "two closeness components",
        TIE,
        lambda r: r["component"].append(r["component"][0]),
        "Observation.component[5]",
        "at most one closeness",
    ),
    ("missing focus", TIE, lambda r: r.pop("focus"), "Observation.focus", "required"),
    (
        "two foci",
        TIE,
        lambda r: r["focus"].append({"reference": "RelatedPerson/x"}),
        "Observation.focus",
        "exactly one",
    ),
    (
        "effective as a period",
        TIE,
        lambda r: r.update(effectivePeriod={"start": "2026-03-02"}) or r.pop("effectiveDateTime"),
        "Observation.effective[x]",
        "effectivePeriod",
    ),
    (
        "impossible date",
        TIE,
        lambda r: r.update(effectiveDateTime="2026-02-30"),
        "Observation.effectiveDateTime",
        "no such day",
    ),
    ("unknown status", TIE, lambda r: r.update(status="done"), "Observation.status", "unknown code 'done'"),
    (
        "without the social-history category",
        TIE,
        lambda r: r.pop("category"),
        "Observation.category",
        "social-history",
    ),
    ("note without text", TIE, lambda r: r["note"][0].pop("text"), "Observation.note[0].text", "non-empty string"),
    (
        "score out of range",
        RATING,
        lambda r: r["component"][0].update(valueInteger=6),
        "Observation.component[0].valueInteger",
        "scored 1 to 5",
    ),
    (
        "grade out of range",
        RATING,
        lambda r: r["component"][4].update(valueInteger=11),
        "Observation.component[4].valueInteger",
        "scored 1 to 10",
    ),
    (
        "score as a decimal",
        RATING,
        lambda r: r["component"][1].update(valueInteger=3.5),
        "Observation.component[1].valueInteger",
        "expected an integer",
    ),
    (
        "score as a boolean",
        RATING,
        lambda r: r["component"][1].update(valueInteger=True),
        "Observation.component[1].valueInteger",
        "expected an integer",
    ),
    (
        "activity without detail",
        PLAN,
        lambda r: r["activity"][0].pop("detail"),
        "CarePlan.activity[0].detail",
        "core action",
    ),
    (
        "unknown core action",
        PLAN,
        lambda r: r["activity"][1]["detail"]["code"]["coding"][0].update(code="support"),
        "CarePlan.activity[1].detail.code.coding[0].code",
        "unknown code 'support'",
    ),
    (
        "activity without status",
        PLAN,
        lambda r: r["activity"][2]["detail"].pop("status"),
        "CarePlan.activity[2].detail.status",
        "required",
    ),
    (
        "performer is a device",
        PLAN,
        lambda r: r["activity"][3]["detail"]["performer"].append({"reference": "Device/alarm"}),
        "CarePlan.activity[3].detail.performer[1].reference",
        "expected a reference to",
    ),
    ("plan without intent", PLAN, lambda r: r.pop("intent"), "CarePlan.intent", "required"),
    ("plan without its category", PLAN, lambda r: r.pop("category"), "CarePlan.category", "support-plan"),
    ("goal in codes only", GOAL, lambda r: r.update(description={"text": " "}), "Goal.description.text", "non-empty"),
    (
        "goal start as a concept",
        GOAL,
        lambda r: r.update(startCodeableConcept={"text": "na de zomer"}) or r.pop("startDate"),
        "Goal.start[x]",
        "startDate",
    ),
    (
        "goal with two core actions",
        GOAL,
        lambda r: r["category"].append({"coding": [{"system": CoreAction.system, "code": "connect"}]}),
        "Goal.category",
        "at most one core action",
    ),
    (
        "due as a duration",
        GOAL,
        lambda r: r["target"][0].update(dueDuration={"value": 3}) or r["target"][0].pop("dueDate"),
        "Goal.target[0].due[x]",
        "dueDate",
    ),
    (
        "participant without member",
        TEAM,
        lambda r: r["participant"][2].pop("member"),
        "CareTeam.participant[2].member",
        "required",
    ),
    (
        "unknown team role",
        TEAM,
        lambda r: r["participant"][1]["role"][0]["coding"][0].update(code="buddy"),
        "CareTeam.participant[1].role[0].coding[0].code",
        "unknown code 'buddy'",
    ),
    (
        "unknown provision type",
        CONSENT,
        lambda r: r["provision"].update(type="maybe"),
        "Consent.provision.type",
        "maybe",
    ),
    (
        "actor is a practitioner",
        CONSENT,
        lambda r: r["provision"]["actor"][0].update(reference={"reference": "Practitioner/x"}),
        "Consent.provision.actor[0].reference.reference",
        "RelatedPerson",
    ),
    (
        "actor without role",
        CONSENT,
        lambda r: r["provision"]["actor"][0].pop("role"),
        "Consent.provision.actor[0].role",
        "required",
    ),
    ("consent without date", CONSENT, lambda r: r.pop("dateTime"), "Consent.dateTime", "required"),
    (
        "consent of another scope",
        CONSENT,
        lambda r: r["scope"]["coding"][0].update(code="research"),
        "Consent.scope",
        "patient-privacy",
    ),
]


@pytest.mark.parametrize(("name", "change", "path", "words"), [b[1:] for b in BAD_INPUT], ids=[b[0] for b in BAD_INPUT])
def test_bad_input_raises_a_mapping_error_naming_the_element(
    name: str, change: Callable[[dict[str, Any]], object], path: str, words: str
) -> None:
    with pytest.raises(MappingError, match=f"^{re.escape(path)}: .*{re.escape(words)}") as caught:
        from_fhir(with_change(name, change))
    assert caught.value.path == path
    assert words in caught.value.message


@pytest.mark.parametrize(
    ("resource", "path"),
    [
        ("not a resource", "Resource"),
        ({"id": "x"}, "Resource.resourceType"),
        ({"resourceType": "Patient", "id": "x"}, "Patient"),
        ({"resourceType": "Observation", "code": {"text": "bloeddruk"}}, "Observation.code"),
    ],
)
def test_what_is_not_an_srh_resource_is_refused(resource: Any, path: str) -> None:
    with pytest.raises(MappingError, match=f"^{re.escape(path)}: ") as caught:
        from_fhir(resource)
    assert caught.value.path == path


def test_per_profile_functions_check_the_resource_type() -> None:
    with pytest.raises(MappingError, match="expected resourceType 'Observation'"):
        tie_assessment_from_fhir(example(MEMBER))
    with pytest.raises(MappingError, match="tie-assessment"):
        tie_assessment_from_fhir(example(RATING))
    assert network_member_from_fhir(example(MEMBER)) == from_fhir(example(MEMBER))
    assert goal_from_fhir(example(GOAL)) == from_fhir(example(GOAL))


def test_to_fhir_refuses_other_objects() -> None:
    with pytest.raises(TypeError, match="not a domain object"):
        to_fhir("RelatedPerson/anja")  # type: ignore[arg-type]


INVALID_FIXTURES_THE_MODEL_CANNOT_HOLD = {  # fixture: what the MappingError says
    "srh-goal/goal-without-own-words": "Goal.description.text: is required",
    "srh-goal/missing-subject": "Goal.subject: is required",
    "srh-goal/start-as-concept": "Goal.start[x]: must be a date",
    "srh-goal/unknown-core-action-category": "unknown code 'verbinden'",
    "srh-network-member/missing-active": "RelatedPerson.active: is required",
    "srh-network-member/missing-patient": "RelatedPerson.patient: is required",
    "srh-network-member/unknown-sector": "unknown code 'sports'",
    "srh-relationship-rating/item-as-text": "valueString: expected valueInteger",
    "srh-relationship-rating/item-score-out-of-range": "rating-presence is scored 1 to 5, got 7",
    "srh-relationship-rating/overall-grade-out-of-range": "rating-overall is scored 1 to 10, got 11",
    "srh-social-system/missing-category": "CareTeam.category: needs the category",
    "srh-social-system/missing-subject": "CareTeam.subject: is required",
    "srh-social-system/participant-without-member": "CareTeam.participant[1].member: is required",
    "srh-support-plan/activity-without-core-action": "CarePlan.activity[0].detail.code: is required",
    "srh-support-plan/missing-srh-category": "CarePlan.category: needs the category",
    "srh-support-plan/performer-device": "got 'Device/alarm-1'",
    "srh-support-plan/unknown-core-action": "unknown code 'support'",
    "srh-tie-assessment/component-without-value": "is missing, and there is no dataAbsentReason",
    "srh-tie-assessment/focus-not-related-person": "expected a reference to RelatedPerson, got 'Practitioner/",
    "srh-tie-assessment/missing-focus": "Observation.focus: is required",
    "srh-tie-assessment/unknown-closeness": "unknown code 'intimate'",
}


@pytest.mark.parametrize(
    ("name", "words"), INVALID_FIXTURES_THE_MODEL_CANNOT_HOLD.items(), ids=INVALID_FIXTURES_THE_MODEL_CANNOT_HOLD
)
def test_invalid_fixtures_that_break_the_model_are_refused(name: str, words: str) -> None:
    resource = read_json(INVALID_DIR / f"{name}.json")
    with pytest.raises(MappingError, match=re.escape(words)) as caught:
        from_fhir(resource)
    assert caught.value.path.split(".")[0] == resource["resourceType"]


def add_everywhere(value: Any, extension: dict[str, Any]) -> None:
    """An unknown extension and modifierExtension on every object inside ``value``."""
    if isinstance(value, dict):
        for child in list(value.values()):
            add_everywhere(child, extension)
        value.setdefault("extension", []).append(extension)
        value["modifierExtension"] = [extension]
    elif isinstance(value, list):
        for child in value:
            add_everywhere(child, extension)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_full_of_unknown_content_map_back_exactly(path: Path) -> None:
    resource = read_json(path)
    add_everywhere(resource, UNKNOWN_EXTENSION)
    resource["identifier"] = [{"system": "https://example.org/ids", "value": "X-1"}]
    resource["meta"].update(versionId="4", lastUpdated="2026-04-01T12:00:00.123+02:00", security=[{"code": "R"}])
    resource["text"] = {"status": "generated", "div": '<div xmlns="http://www.w3.org/1999/xhtml">x</div>'}
    resource.update(implicitRules="https://example.org/rules", language="nl-NL")
    obj = from_fhir(resource)
    assert obj.extras
    assert to_fhir(obj) == resource
    assert from_fhir(to_fhir(obj)) == obj
    assert dataclasses.replace(obj, extras=from_fhir(read_json(path)).extras) == from_fhir(read_json(path))
