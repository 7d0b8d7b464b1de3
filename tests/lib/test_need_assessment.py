"""Gradings of the basic needs: the model, the mapping both ways, and what the analysis makes of a series of them."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from paths import EXAMPLE_DIR, read_json
from strategies import MAPPING_SETTINGS, need_assessments

from srh_fhir import MappingError, NeedAssessment, NeedFulfilment, NeedGrade, from_fhir, to_fhir
from srh_fhir.analysis import grade_needs
from srh_fhir.model import FhirDateTime
from srh_fhir.terminology import BasicNeed, ObservationStatus

INGRID_MARCH = "Observation-ingrid-needs-2026-03-02.json"
INGRID_SEPTEMBER = "Observation-ingrid-needs-2026-09-14.json"
MOHAMED = "Observation-mohamed-needs-2026-09-21.json"
ANJA, GERRIT, WIM = "RelatedPerson/ingrid-sister-anja", "RelatedPerson/ingrid-neighbour-gerrit", "RelatedPerson/w"
JEROEN = "Practitioner/practitioner-jeroen-willems"


def example(name: str) -> dict[str, Any]:
    data: dict[str, Any] = read_json(EXAMPLE_DIR / name)
    return data


def grading(day: str, *grades: NeedGrade, status: ObservationStatus = ObservationStatus.FINAL) -> NeedAssessment:
    return NeedAssessment(patient="Patient/p", date=FhirDateTime(day), grades=grades, status=status)


@pytest.mark.parametrize("name", [INGRID_MARCH, INGRID_SEPTEMBER, MOHAMED])
def test_the_examples_map_both_ways_without_loss(name: str) -> None:
    resource = example(name)
    assessment = from_fhir(resource)
    assert isinstance(assessment, NeedAssessment)
    assert to_fhir(assessment) == resource
    assert not assessment.extras


def test_the_fields_of_a_grading() -> None:
    assessment = from_fhir(example(INGRID_MARCH))
    assert isinstance(assessment, NeedAssessment)
    assert (assessment.patient, str(assessment.date)) == ("Patient/ingrid-de-vries", "2026-03-02")
    assert [g.need for g in assessment.grades] == list(BasicNeed)
    assert assessment.grade_of(BasicNeed.RECOGNITION) == NeedGrade(
        need=BasicNeed.RECOGNITION, grade=NeedFulfilment.NOT_MET)
    assert assessment.grade_of(BasicNeed.EMOTIONAL_SUPPORT) == NeedGrade(
        need=BasicNeed.EMOTIONAL_SUPPORT, grade=NeedFulfilment.BARELY, met_by=(JEROEN,))
    assert [grade.ordinal for grade in NeedFulfilment] == [0, 1, 2, 3, 4]
    assert NeedFulfilment.PARTLY.label("nl") == "Deels vervuld"


@MAPPING_SETTINGS
@given(need_assessments())
def test_any_grading_survives_fhir(assessment: NeedAssessment) -> None:
    assert from_fhir(json.loads(json.dumps(to_fhir(assessment)))) == assessment


def test_a_need_graded_not_met_is_met_by_nobody() -> None:
    with pytest.raises(ValueError, match="graded not met, so nobody meets it"):
        NeedGrade(need=BasicNeed.ATTACHMENT, grade=NeedFulfilment.NOT_MET, met_by=(ANJA,))
    resource = example(INGRID_MARCH)
    resource["component"][0]["valueCodeableConcept"]["coding"][0]["code"] = "not-met"
    with pytest.raises(MappingError, match=r"Observation.component\[0\]: attachment is graded not met"):
        from_fhir(resource)


def test_a_need_is_graded_once_per_grading() -> None:
    grade = NeedGrade(need=BasicNeed.BELONGING, grade=NeedFulfilment.PARTLY)
    with pytest.raises(ValueError, match="each basic need at most once"):
        grading("2026-01-01", grade, grade)
    resource = example(MOHAMED)
    resource["component"].append(copy.deepcopy(resource["component"][1]))
    with pytest.raises(MappingError, match=r"component\[5\]: belonging is graded more than once"):
        from_fhir(resource)


def test_an_organization_meets_no_need() -> None:
    resource = example(MOHAMED)
    resource["component"][4]["extension"][0]["valueReference"]["reference"] = "Organization/o"
    with pytest.raises(MappingError, match=r"extension\[0\].valueReference.reference: expected a reference to"):
        from_fhir(resource)


# -- the analysis ---------------------------------------------------------------------------------------------------


def test_the_latest_grading_per_need_splits_the_network_from_the_professionals() -> None:
    examples = [from_fhir(example(name)) for name in (INGRID_SEPTEMBER, INGRID_MARCH)]
    needs = grade_needs([a for a in examples if isinstance(a, NeedAssessment)], on=date(2026, 10, 1))

    emotional = needs[BasicNeed.EMOTIONAL_SUPPORT]
    assert emotional.grade is NeedFulfilment.PARTLY and str(emotional.graded_on) == "2026-09-14"
    assert emotional.network == (ANJA, "RelatedPerson/ingrid-buddy-wim") and emotional.professionals == (JEROEN,)
    assert [(str(day), grade) for day, grade in emotional.history] == [
        ("2026-09-14", NeedFulfilment.PARTLY), ("2026-03-02", NeedFulfilment.BARELY)]
    assert needs[BasicNeed.ATTACHMENT].rests_on_one and not needs[BasicNeed.ATTACHMENT].only_professionals
    assert not any(n.only_professionals for n in needs.values())

    march = grade_needs(examples, on=date(2026, 5, 1))  # the September grading is still to come
    assert march[BasicNeed.EMOTIONAL_SUPPORT].only_professionals and march[BasicNeed.EMOTIONAL_SUPPORT].opportunity
    assert march[BasicNeed.RECOGNITION].met_by == () and not march[BasicNeed.RECOGNITION].opportunity
    assert grade_needs(examples, on=date(2026, 1, 1))[BasicNeed.ATTACHMENT].grade is None


def test_a_grading_entered_in_error_does_not_count() -> None:
    right = grading("2026-01-01", NeedGrade(need=BasicNeed.BELONGING, grade=NeedFulfilment.MOSTLY, met_by=(ANJA,)))
    wrong = grading("2026-02-01", NeedGrade(need=BasicNeed.BELONGING, grade=NeedFulfilment.NOT_MET),
                    status=ObservationStatus.ENTERED_IN_ERROR)
    assert grade_needs([right, wrong], on=date(2026, 3, 1))[BasicNeed.BELONGING].grade is NeedFulfilment.MOSTLY


gradings = st.lists(need_assessments(), max_size=6)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


def counted(assessments: list[NeedAssessment], day: date) -> list[NeedAssessment]:
    return [a for a in assessments if a.status not in (ObservationStatus.ENTERED_IN_ERROR, ObservationStatus.CANCELLED)
            and a.date.to_date() <= day]


@MAPPING_SETTINGS
@given(gradings, days)
def test_each_need_shows_its_newest_counted_grade_and_all_before_it(assessments: list[NeedAssessment],
                                                                   day: date) -> None:
    needs = grade_needs(assessments, on=day)

    assert list(needs) == list(BasicNeed)
    for need, picture in needs.items():
        of_need = [(a.date, g.grade) for a in counted(assessments, day) if (g := a.grade_of(need))]
        assert len(picture.history) == len(of_need)
        assert [when for when, _ in picture.history] == sorted((when for when, _ in of_need), reverse=True)
        if not of_need:
            assert picture.grade is None and picture.met_by == () and not picture.opportunity
            continue
        assert picture.graded_on == max(when for when, _ in of_need)
        assert (picture.graded_on, picture.grade) == picture.history[0]


@MAPPING_SETTINGS
@given(gradings, days)
def test_the_people_of_the_latest_grade_are_the_network_and_the_professionals(assessments: list[NeedAssessment],
                                                                              day: date) -> None:
    for picture in grade_needs(assessments, on=day).values():
        assert all(ref.startswith("RelatedPerson/") for ref in picture.network)
        assert not any(ref.startswith("RelatedPerson/") for ref in picture.professionals)
        assert picture.only_professionals == (bool(picture.professionals) and not picture.network)
        assert picture.rests_on_one == (len(picture.network) + len(picture.professionals) == 1)
        assert picture.opportunity == (picture.only_professionals or picture.rests_on_one)
        if picture.grade is NeedFulfilment.NOT_MET:
            assert not picture.opportunity


@MAPPING_SETTINGS
@given(gradings, days, need_assessments())
def test_an_older_grading_changes_no_latest_grade(assessments: list[NeedAssessment], day: date,
                                                  older: NeedAssessment) -> None:
    before = grade_needs(assessments, on=day)
    earliest = min((a.date for a in assessments), default=None)
    if earliest is None or older.date >= earliest:
        older = replace(older, date=FhirDateTime("1899-12-31"))
    after = grade_needs([older, *assessments], on=day)
    for need in BasicNeed:
        if before[need].grade is not None:
            assert (after[need].grade, after[need].met_by) == (before[need].grade, before[need].met_by)
