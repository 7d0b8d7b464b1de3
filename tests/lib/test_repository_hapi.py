"""load_picture and save_plan against each real FHIR server (HAPI and Helios)."""

from __future__ import annotations

import copy
import uuid
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from synthetic_clients import example_client, example_professionals, put_transaction, synthetic_client

from srh_fhir import bundle as bundles
from srh_fhir.client import FHIRClient
from srh_fhir.errors import InvalidResource, PlanConflict, ResourceNotFound
from srh_fhir.mapping import to_fhir
from srh_fhir.repository import load_picture, save_plan


@pytest.fixture
def ingrid(fhir: FHIRClient) -> list[dict[str, Any]]:
    """The example client Ingrid under fresh ids, stored on the server; her picture's resources (her network meeting
    and home visits are stored too, but are no part of the picture: ``ClientRepository.meetings`` loads meetings)."""
    resources = example_client(uuid.uuid4().hex[:8])
    fhir.transaction(put_transaction(resources))
    return [r for r in resources if r["resourceType"] not in ("Appointment", "Encounter")]


def patient_id(resources: list[dict[str, Any]]) -> str:
    return str(next(r["id"] for r in resources if r["resourceType"] == "Patient"))


def without_ratings(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The example client less its relationship ratings and reflections and its contact moments (about the working
    relationship, not the network; ``ClientRepository.relationship`` loads them), its outcome scores
    (``ClientRepository.outcomes``), its understanding entries (about the client; ``ClientRepository.understanding``
    loads them), its needs gradings (loaded only when asked for) and its network meetings (``meetings``)."""
    loaded_apart = ("-rating-", "-reflection-", "-outcome-", "-understanding-", "-needs-")
    return [
        r
        for r in resources
        if r["resourceType"] not in ("Appointment", "Encounter")
        and not (r["resourceType"] == "Observation" and any(s in r["id"] for s in loaded_apart))
    ]


@pytest.mark.parametrize("strategy", ["auto", "revinclude", "batch"])
def test_the_needs_gradings_come_in_the_same_round_trip_when_asked(
    fhir: FHIRClient, ingrid: list[dict[str, Any]], strategy: str
) -> None:
    picture = load_picture(fhir, patient_id(ingrid), strategy=strategy, needs=True)

    assert picture.round_trips == 1 and picture.strategy == ("batch" if strategy == "batch" else "revinclude")
    gradings = [r for r in ingrid if "-needs-" in r["id"]]
    assert references(picture.need_assessments) == references(gradings) and len(gradings) == 2
    assert references(picture.resources()) == references([*without_ratings(ingrid), *gradings])
    domain = picture.to_domain()
    assert [str(a.date) for a in domain.need_assessments] == ["2026-09-14", "2026-03-02"]  # newest first


@pytest.mark.parametrize("strategy", ["auto", "revinclude", "batch"])
def test_the_understanding_entries_come_in_the_same_round_trip_when_asked(
    fhir: FHIRClient, ingrid: list[dict[str, Any]], strategy: str
) -> None:
    picture = load_picture(fhir, patient_id(ingrid), strategy=strategy, understanding=True, needs=True)

    assert picture.round_trips == 1
    entries = [r for r in ingrid if "-understanding-" in r["id"]]
    asked = [
        r
        for r in ingrid
        if r["resourceType"] == "Observation" and ("-understanding-" in r["id"] or "-needs-" in r["id"])
    ]
    assert references(picture.resources()) == references(without_ratings(ingrid)) | references(asked)
    domain = picture.to_domain()
    assert domain.understanding is not None and {u.reference for u in domain.understanding} == references(entries)
    recorded = [str(u.recorded) for u in domain.understanding]
    assert recorded == sorted(recorded, reverse=True)  # newest written down first
    assert load_picture(fhir, patient_id(ingrid), strategy=strategy).to_domain().understanding is None


def references(resources: list[dict[str, Any]]) -> set[str]:
    return {bundles.reference(r) for r in resources}


@pytest.mark.parametrize("strategy", ["auto", "revinclude", "batch"])
def test_the_whole_picture_in_one_round_trip(fhir: FHIRClient, ingrid: list[dict[str, Any]], strategy: str) -> None:
    picture = load_picture(fhir, patient_id(ingrid), strategy=strategy)

    assert picture.round_trips == 1
    assert references(picture.resources()) == references(without_ratings(ingrid))
    kinds = Counter(r["resourceType"] for r in ingrid)
    assert len(picture.members) == kinds["RelatedPerson"]
    assert len(picture.goals) == kinds["Goal"] and len(picture.consents) == kinds["Consent"]
    assert len(picture.plans) == 1 and len(picture.care_teams) == 1


def test_latest_tie_assessment_per_member_and_the_history(fhir: FHIRClient, ingrid: list[dict[str, Any]]) -> None:
    picture = load_picture(fhir, patient_id(ingrid))
    anja = next(bundles.reference(r) for r in ingrid if r["id"].startswith("ingrid-sister-anja"))

    history = picture.assessments_of(anja)
    assert [a["effectiveDateTime"] for a in history] == ["2026-09-14", "2026-03-02"]
    assert picture.latest_tie_assessments()[anja] is history[0]
    assert picture.tie_assessments == sorted(
        picture.observations, key=lambda o: str(o["effectiveDateTime"]), reverse=True
    )


@pytest.mark.parametrize("members", [3, 60])
def test_round_trips_do_not_grow_with_the_network(fhir: FHIRClient, members: int) -> None:
    pid = f"net-{uuid.uuid4().hex[:8]}"
    fhir.transaction(put_transaction(synthetic_client(pid, members)))
    picture = load_picture(fhir, pid)
    assert picture.round_trips == 1 and picture.strategy == "revinclude"
    assert len(picture.members) == members
    assert len(picture.latest_tie_assessments()) == members


def test_a_client_with_nothing_yet_costs_a_second_round_trip_to_be_sure(fhir: FHIRClient) -> None:
    pid = f"alone-{uuid.uuid4().hex[:8]}"
    fhir.transaction(put_transaction(synthetic_client(pid, 0)))
    picture = load_picture(fhir, pid)
    assert picture.round_trips == 2 and picture.strategy == "batch"
    assert picture.patient["id"] == pid and picture.resources() == [picture.patient]


@pytest.mark.parametrize("strategy", ["auto", "batch"])
def test_an_unknown_client_is_not_found(fhir: FHIRClient, strategy: str) -> None:
    patient = f"nobody-{uuid.uuid4().hex[:8]}"
    with pytest.raises(ResourceNotFound, match=f"HTTP 404: Patient/{patient} "):
        load_picture(fhir, patient, strategy=strategy)


def new_goal(patient_reference: str, provisional_id: str, text: str) -> dict[str, Any]:
    return {
        "resourceType": "Goal",
        "id": provisional_id,
        "meta": {"profile": ["https://srh-fhir.github.io/fhir/StructureDefinition/srh-goal"]},
        "category": [
            {"coding": [{"system": "https://srh-fhir.github.io/fhir/CodeSystem/srh-core-action", "code": "connect"}]}
        ],
        "lifecycleStatus": "proposed",
        "description": {"text": text},
        "subject": {"reference": patient_reference},
    }


def test_save_plan_creates_goals_and_members_in_one_transaction(fhir: FHIRClient, ingrid: list[dict[str, Any]]) -> None:
    picture = load_picture(fhir, patient_id(ingrid))
    patient_reference = bundles.reference(picture.patient)
    plan = copy.deepcopy(picture.plans[0])
    goal = new_goal(patient_reference, "new-goal-1", "Ik wil elke week iemand uit mijn straat spreken.")
    member = copy.deepcopy(picture.members[0])
    del member["meta"]["versionId"]
    member["id"] = "new-member-1"
    member["name"] = [{"family": "Buurvrouw", "given": ["Truus"]}]
    plan["goal"].append({"reference": "Goal/new-goal-1"})
    plan["activity"][0]["detail"]["performer"] = [{"reference": "RelatedPerson/new-member-1"}]

    before = fhir.round_trips
    saved = save_plan(fhir, plan, goals=[goal], new_members=[member])
    assert fhir.round_trips - before == 1

    stored_goal = saved.references["Goal/new-goal-1"]
    stored_member = saved.references["RelatedPerson/new-member-1"]
    server_plan = fhir.read("CarePlan", plan["id"])
    assert bundles.version_id(server_plan) == "2"
    assert {"reference": stored_goal} in server_plan["goal"]
    assert server_plan["activity"][0]["detail"]["performer"] == [{"reference": stored_member}]
    assert fhir.read("Goal", stored_goal.split("/")[1])["description"]["text"].startswith("Ik wil elke week")


def test_a_plan_changed_meanwhile_is_a_conflict_and_nothing_is_written(
    fhir: FHIRClient, ingrid: list[dict[str, Any]]
) -> None:
    picture = load_picture(fhir, patient_id(ingrid))
    theirs = copy.deepcopy(picture.plans[0])
    theirs["title"] = "Aangepast door een collega"
    fhir.update(theirs)

    ours = copy.deepcopy(picture.plans[0])
    ours["title"] = "Mijn versie"
    text = f"Nieuw doel {uuid.uuid4().hex[:8]}"
    ours["goal"].append({"reference": "Goal/new-goal-2"})
    goal = new_goal(bundles.reference(picture.patient), "new-goal-2", text)

    with pytest.raises(PlanConflict, match=f"CarePlan/{ours['id']} changed on the server") as caught:
        save_plan(fhir, ours, goals=[goal])

    assert caught.value.ours is not None and caught.value.ours["title"] == "Mijn versie"
    assert caught.value.theirs is not None and caught.value.theirs["title"] == "Aangepast door een collega"
    assert [bundles.reference(o) for o, _ in caught.value.conflicts] == [bundles.reference(ours)]
    assert fhir.read("CarePlan", ours["id"])["title"] == "Aangepast door een collega"
    goals_now = fhir.search("Goal", {"subject": bundles.reference(picture.patient)})
    assert all(g["description"]["text"] != text for g in goals_now)


# The dev stack's HAPI validates writes against our profiles; the Helios FHIR Server validates no profiles.
@pytest.mark.parametrize("any_fhir_base", ["hapi"], indirect=True)
def test_a_plan_with_an_invalid_goal_writes_nothing(fhir: FHIRClient, ingrid: list[dict[str, Any]]) -> None:
    picture = load_picture(fhir, patient_id(ingrid))
    plan = copy.deepcopy(picture.plans[0])
    plan["title"] = "Zou niet opgeslagen mogen worden"
    broken_goal = new_goal(bundles.reference(picture.patient), "new-goal-3", "x")
    del broken_goal["description"]
    with pytest.raises(InvalidResource, match=r"HTTP 422: .*Goal\.description"):
        save_plan(fhir, plan, goals=[broken_goal])
    assert fhir.read("CarePlan", plan["id"])["title"] == picture.plans[0]["title"]


def test_hapi_capabilities_offer_every_revinclude_the_picture_needs(
    fhir: FHIRClient, ingrid: list[dict[str, Any]]
) -> None:
    fhir.capabilities()
    picture = load_picture(fhir, patient_id(ingrid))
    assert (picture.round_trips, picture.strategy) == (1, "revinclude")


def test_hapi_honours_the_iterate_so_every_load_is_one_round_trip(
    fhir: FHIRClient, ingrid: list[dict[str, Any]]
) -> None:
    loads = [load_picture(FHIRClient(fhir.base_url), patient_id(ingrid)) for _ in range(2)]
    assert [(p.round_trips, p.strategy) for p in loads] == [(1, "revinclude"), (1, "revinclude")]
    assert all(p.tie_assessments for p in loads)
    assert fhir.facts.iterate_ignored is False


def test_domain_view_and_saving_a_changed_plan_object(fhir: FHIRClient, ingrid: list[dict[str, Any]]) -> None:
    picture = load_picture(fhir, patient_id(ingrid))
    domain = picture.to_domain()
    assert len(domain.members) == len(picture.members)
    assert len(domain.tie_assessments) == len(picture.tie_assessments)
    assert [str(a.date) for a in domain.tie_assessments][:1] == ["2026-09-14"]
    assert len(domain.plans) == 1 and len(domain.goals) == 4 and len(domain.consents) == 5
    assert domain.not_mapped == ()

    changed = replace(domain.plans[0], title="Steunplan na evaluatie")
    saved = save_plan(fhir, to_fhir(changed))
    assert bundles.version_id(saved.plan) == "2"
    assert fhir.read("CarePlan", changed.id or "")["title"] == "Steunplan na evaluatie"


def test_resources_that_are_not_ours_stay_visible_in_the_domain_view(fhir: FHIRClient) -> None:
    pid = f"mixed-{uuid.uuid4().hex[:8]}"
    fhir.transaction(put_transaction(synthetic_client(pid, 1)))
    other_plan = {
        "resourceType": "CarePlan",
        "status": "active",
        "intent": "plan",
        "subject": {"reference": f"Patient/{pid}"},
    }
    fhir.create(other_plan)
    domain = load_picture(fhir, pid).to_domain()
    assert len(domain.members) == 1 and len(domain.tie_assessments) == 1
    assert domain.plans == ()
    [(resource, reason)] = domain.not_mapped
    assert resource["resourceType"] == "CarePlan" and "CarePlan.category" in reason


@pytest.mark.parametrize("strategy", ["revinclude", "batch"])
def test_the_professionals_come_in_the_same_round_trip(fhir: FHIRClient, strategy: str) -> None:
    fhir.transaction(put_transaction(example_professionals()))
    resources = example_client(uuid.uuid4().hex[:8])
    fhir.transaction(put_transaction(resources))

    picture = load_picture(fhir, patient_id(resources), strategy=strategy, professionals=True)

    assert picture.round_trips == 1
    names = picture.to_domain().names
    assert names["Practitioner/practitioner-sanne-bakker"] == "Sanne Bakker"  # activity performer, care team
    assert names["Organization/wijkteam-ggz-eemland"]  # the consents' organisation
    assert references(picture.resources()) == references(without_ratings(resources))  # nothing else came along


def test_without_professionals_the_picture_brings_none(fhir: FHIRClient, ingrid: list[dict[str, Any]]) -> None:
    picture = load_picture(fhir, patient_id(ingrid))
    assert picture.professionals == [] and picture.to_domain().names == {}
