"""PlanAgreement <-> Provenance (srh-plan-agreement): which version of the plan the client agreed, when and with whom,
both ways and without loss; whether the plan changed since (by version, of the plan and of each of its goals); and
recording one against HAPI, where the picture brings it beside the change records."""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from synthetic_clients import example_client, example_professionals, put_transaction

from srh_fhir.client import FHIRClient
from srh_fhir.client_repository import ClientRepository
from srh_fhir.errors import MappingError
from srh_fhir.mapping import change_record_from_fhir, plan_agreement_from_fhir, plan_agreement_to_fhir
from srh_fhir.model import FhirDateTime, PlanAgreement, SupportPlan
from srh_fhir.terminology import RequestStatus
from srh_fhir.validation import Validator, has_errors

EXAMPLES = Path(__file__).resolve().parents[2] / "profiles" / "package" / "example"
AGREED = ("Provenance-ingrid-plan-agreed.json", "Provenance-mohamed-plan-agreed.json")
SANNE = "Practitioner/practitioner-sanne-bakker"


def example(name: str) -> dict[str, object]:
    resource: dict[str, object] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return resource


@pytest.mark.parametrize("name", AGREED)
def test_an_example_agreement_reads_and_writes_back_unchanged(name: str) -> None:
    resource = example(name)
    agreement = plan_agreement_from_fhir(resource)
    assert agreement.plan.startswith("CarePlan/") and "/_history/" in agreement.plan
    assert agreement.goals and all("/_history/" in goal for goal in agreement.goals)
    assert agreement.patient.startswith("Patient/") and agreement.professional
    assert plan_agreement_to_fhir(agreement) == resource


def test_a_new_agreement_is_valid_and_names_the_client_as_performer_and_the_professional_as_author() -> None:
    agreement = PlanAgreement(
        plan="CarePlan/p/_history/3",
        goals=("Goal/g/_history/2",),
        patient="Patient/ingrid-de-vries",
        recorded=FhirDateTime("2026-12-06T10:00:00Z"),
        professional=SANNE,
    )
    resource = plan_agreement_to_fhir(agreement)
    assert [a["type"]["coding"][0]["code"] for a in resource["agent"]] == ["performer", "author"]
    assert not has_errors(Validator().validate(resource))
    assert plan_agreement_from_fhir(resource) == agreement


def test_a_change_record_is_no_agreement_and_an_agreement_no_change_record() -> None:
    change = example("Provenance-ingrid-change-practice-nurse-ria-ended.json")
    with pytest.raises(MappingError, match="plan-agreed"):
        plan_agreement_from_fhir(change)
    with pytest.raises(MappingError, match="DataOperation"):
        change_record_from_fhir(example(AGREED[0]))


def test_an_agreement_without_a_version_of_the_plan_or_without_the_client_does_not_map() -> None:
    unversioned = example(AGREED[0])
    unversioned["target"] = [{"reference": "CarePlan/ingrid-support-plan"}, {"reference": "Patient/ingrid-de-vries"}]
    with pytest.raises(MappingError, match="version-specific CarePlan"):
        plan_agreement_from_fhir(unversioned)
    no_client = example(AGREED[0])
    no_client["agent"] = no_client["agent"][1:]  # type: ignore[index]
    with pytest.raises(MappingError, match="client as performer"):
        plan_agreement_from_fhir(no_client)


AGREEMENT = PlanAgreement(
    plan="CarePlan/p/_history/3",
    goals=("Goal/a/_history/1", "Goal/b/_history/4"),
    patient="Patient/x",
    recorded=FhirDateTime("2026-12-06T10:00:00Z"),
)
AS_AGREED = {"CarePlan/p": "3", "Goal/a": "1", "Goal/b": "4", "Goal/other": "9"}


def test_the_plan_as_agreed_has_not_changed_since() -> None:
    assert not AGREEMENT.changed_since(AS_AGREED, ("Goal/a", "Goal/b"))


@given(
    changed=st.sampled_from(("CarePlan/p", "Goal/a", "Goal/b")),
    version=st.text("0123456789", min_size=1, max_size=3),
)
def test_a_new_version_of_the_plan_or_of_one_of_its_goals_is_a_change_since(changed: str, version: str) -> None:
    versions = {**AS_AGREED, changed: version}
    assert AGREEMENT.changed_since(versions, ("Goal/a", "Goal/b")) == (version != AS_AGREED[changed])


@given(goals=st.lists(st.sampled_from(("Goal/a", "Goal/b", "Goal/other")), unique=True))
def test_other_goals_in_the_plan_are_a_change_since(goals: list[str]) -> None:
    assert AGREEMENT.changed_since(AS_AGREED, goals) == (set(goals) != {"Goal/a", "Goal/b"})


@pytest.fixture
def fhir(fhir_base: str) -> Iterator[FHIRClient]:
    with FHIRClient(fhir_base) as client:
        yield client


@pytest.mark.hapi
def test_an_agreement_is_recorded_and_the_picture_brings_it_beside_the_change_records(
    fhir: FHIRClient, validator: Validator
) -> None:
    suffix = uuid.uuid4().hex[:8]
    fhir.transaction(put_transaction(example_professionals()))
    fhir.transaction(put_transaction(example_client(suffix)))
    moment = datetime.datetime(2026, 12, 6, 14, 30, tzinfo=datetime.UTC)
    repository = ClientRepository(fhir, f"ingrid-de-vries-{suffix}", author=SANNE, clock=lambda: moment)
    picture = repository.picture(changes=True)
    (plan,) = picture.plans
    stored = repository.record_agreement(plan, picture.versions)
    assert stored.id and stored.plan == f"{plan.reference}/_history/{picture.versions[plan.reference]}"
    assert not has_errors(validator.validate(plan_agreement_to_fhir(stored)))
    for strategy in ("revinclude", "batch"):
        again = repository.picture(strategy=strategy, changes=True)
        agreed = again.last_agreement(plan.reference)
        assert agreed is not None and replace(agreed, extras=stored.extras) == stored
        assert agreed.recorded == FhirDateTime("2026-12-06T14:30:00.000Z") and agreed.professional == SANNE
        assert not agreed.changed_since(again.versions, again.plans[0].goals)
    goal = picture.goals[0]
    repository.save(replace(goal, description="In mijn eigen nieuwe woorden"))
    after = repository.picture(changes=True)
    agreed = after.last_agreement(plan.reference)
    assert agreed is not None and agreed.changed_since(after.versions, after.plans[0].goals)
    # Agreed again within the same second: the newer agreement counts (records are stamped to the millisecond).
    repository.clock = lambda: moment + datetime.timedelta(milliseconds=300)
    newer = repository.record_agreement(after.plans[0], after.versions)
    latest = repository.picture(changes=True).last_agreement(plan.reference)
    assert latest is not None and latest.id == newer.id
    assert not latest.changed_since(after.versions, after.plans[0].goals)


def test_only_a_stored_plan_of_this_client_can_be_agreed() -> None:
    repository = ClientRepository(FHIRClient("http://127.0.0.1:9/fhir"), "x", author=SANNE)
    mine = SupportPlan(id="p", status=RequestStatus.ACTIVE, patient="Patient/x")
    with pytest.raises(ValueError, match="only a stored plan"):
        repository.record_agreement(mine, {})
    with pytest.raises(ValueError, match="is about Patient/y"):
        repository.record_agreement(replace(mine, patient="Patient/y"), {"CarePlan/p": "1"})
