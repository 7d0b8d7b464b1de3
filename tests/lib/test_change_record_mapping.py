"""ChangeRecord <-> Provenance: who changed which resources, when and how, both ways and without loss."""

from __future__ import annotations

import pytest

from srh_fhir.errors import MappingError
from srh_fhir.mapping import change_record_from_fhir, change_record_to_fhir
from srh_fhir.model import ChangeRecord, FhirDateTime
from srh_fhir.terminology import DATA_OPERATION_SYSTEM, DataOperation

PROVENANCE = {
    "resourceType": "Provenance",
    "id": "p1",
    "target": [{"reference": "RelatedPerson/m1/_history/2"}, {"reference": "Observation/o1"}],
    "recorded": "2026-12-06T14:30:00Z",
    "reason": [{"text": "entered for the wrong client"}],
    "activity": {"coding": [{"system": DATA_OPERATION_SYSTEM, "code": "NULLIFY"}]},
    "agent": [
        {
            "type": {
                "coding": [
                    {"system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type", "code": "author"}
                ]
            },
            "who": {"reference": "Practitioner/sanne"},
        }
    ],
    "signature": [{"data": "kept as it was"}],
}


def test_a_provenance_reads_as_a_change_record_and_writes_back_unchanged() -> None:
    record = change_record_from_fhir(PROVENANCE)
    assert record.targets == ("RelatedPerson/m1/_history/2", "Observation/o1")
    assert (record.author, record.activity, record.reason) == (
        "Practitioner/sanne",
        DataOperation.NULLIFY,
        "entered for the wrong client",
    )
    assert record.recorded == FhirDateTime("2026-12-06T14:30:00Z")
    assert record.is_about("RelatedPerson/m1") and not record.is_about("RelatedPerson/m2")
    assert change_record_to_fhir(record) == PROVENANCE


def test_a_new_change_record_is_written_with_its_profile() -> None:
    record = ChangeRecord(
        targets=("Goal/g1",), recorded=FhirDateTime("2026-12-06T10:00:00Z"), activity=DataOperation.UPDATE
    )
    assert change_record_to_fhir(record) == {
        "resourceType": "Provenance",
        "meta": {"profile": ["https://srh-fhir.github.io/fhir/StructureDefinition/srh-provenance"]},
        "target": [{"reference": "Goal/g1"}],
        "recorded": "2026-12-06T10:00:00Z",
        "activity": {"coding": [{"system": DATA_OPERATION_SYSTEM, "code": "UPDATE"}]},
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"target": []}, "Provenance.target"),
        ({"activity": {"coding": [{"system": DATA_OPERATION_SYSTEM, "code": "SHRED"}]}}, "no data operation"),
        ({"activity": {"text": "changed"}}, "needs a coding"),
    ],
)
def test_a_provenance_that_does_not_say_what_changed_how_is_no_change_record(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(MappingError, match=message):
        change_record_from_fhir({**PROVENANCE, **change})
