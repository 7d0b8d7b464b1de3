"""The repository of one client without a server: what it writes for a domain object, what it tells of a refused
write, what it shows of the Patient, and that it refuses objects about another client before sending anything."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from paths import EXAMPLE_DIR, read_json

from srh_fhir.client import FHIRClient
from srh_fhir.client_repository import (
    CONSENT_POLICY_URI,
    ClientRepository,
    resource_to_write,
    their_object,
    their_version,
)
from srh_fhir.errors import MappingError, VersionConflict
from srh_fhir.mapping import from_fhir, patient_details_from_fhir
from srh_fhir.model import (
    INFORMATION_RECIPIENT,
    ConsentActor,
    DomainObject,
    FhirDateTime,
    HumanName,
    InvolvementConsent,
    NetworkMember,
    PatientDetails,
)
from srh_fhir.terminology import ConsentProvisionType, ConsentState


def consent(patient: str = "Patient/p") -> InvolvementConsent:
    return InvolvementConsent(
        status=ConsentState.ACTIVE,
        patient=patient,
        date=FhirDateTime("2026-11-28"),
        decision=ConsentProvisionType.PERMIT,
        actors=(ConsentActor(member="RelatedPerson/m", role=INFORMATION_RECIPIENT),),
        performers=(patient,),
    )


def test_a_consent_without_a_policy_is_written_with_the_care_agreement_law() -> None:
    written = resource_to_write(consent())
    assert written["policy"] == [{"uri": CONSENT_POLICY_URI}]
    assert written["provision"]["actor"][0]["role"]["coding"][0]["code"] == "IRCP"


def test_what_is_written_is_the_resource_as_read_when_it_has_a_policy_of_its_own() -> None:
    stored = read_json(EXAMPLE_DIR / "Consent-ingrid-consent-anja.json")
    assert stored.get("policy") or stored.get("policyRule")
    assert resource_to_write(from_fhir({**stored, "meta": {**stored["meta"], "versionId": "3"}})) == {
        **stored,
        "meta": {**stored["meta"], "versionId": "3"},
    }


def test_a_refused_write_tells_the_version_and_the_object_on_the_server() -> None:
    member = read_json(EXAMPLE_DIR / "RelatedPerson-ingrid-sister-anja.json")
    theirs = {**member, "meta": {**member["meta"], "versionId": "4"}, "active": False}
    conflict = VersionConflict(412, theirs=theirs)
    found = their_object(conflict)
    assert their_version(conflict) == "4"
    assert isinstance(found, NetworkMember) and found.id == member["id"] and found.active is False

    deleted = VersionConflict(412, theirs=None)
    assert their_version(deleted) is None and their_object(deleted) is None
    not_ours = VersionConflict(412, theirs={"resourceType": "Basic", "id": "b", "meta": {"versionId": "2"}})
    assert their_version(not_ours) == "2" and their_object(not_ours) is None


def test_the_patient_details_are_what_the_banner_and_lists_show() -> None:
    ingrid = patient_details_from_fhir(read_json(EXAMPLE_DIR / "Patient-ingrid-de-vries.json"))
    assert (ingrid.id, ingrid.reference, ingrid.display_name) == (
        "ingrid-de-vries",
        "Patient/ingrid-de-vries",
        "Ingrid de Vries",
    )
    assert (ingrid.birth_date, ingrid.gender) == ("1973-11-08", "female")


@pytest.mark.parametrize(
    ("names", "shown"),
    [
        ((HumanName(text="Mw. I. de Vries", given=("Ingrid",)),), "Mw. I. de Vries"),
        ((HumanName(prefix=("Mw.",), given=("Ingrid", "Maria"), family="de Vries"),), "Ingrid Maria de Vries"),
        ((HumanName(use="old"), HumanName(family="Jansen")), "Jansen"),
        ((), ""),
    ],
)
def test_the_patient_name_shown_is_the_text_else_given_and_family_names(
    names: tuple[HumanName, ...], shown: str
) -> None:
    assert PatientDetails(id="p", names=names).display_name == shown


def test_an_odd_patient_from_the_ehr_is_shown_as_far_as_it_can_be() -> None:
    odd = {
        "resourceType": "Patient",
        "id": "p",
        "name": [{"given": "Ingrid"}, {"family": "de Vries"}, "Ingrid"],
        "gender": 1,
        "birthDate": "1973",
    }
    details = patient_details_from_fhir(odd)
    assert details == PatientDetails(id="p", names=(HumanName(family="de Vries"),), birth_date="1973")
    assert patient_details_from_fhir({**odd, "name": {"text": "x"}}).names == ()
    with pytest.raises(MappingError, match=r"Patient\.id: is required"):
        patient_details_from_fhir({"resourceType": "Patient"})
    with pytest.raises(MappingError, match="expected resourceType 'Patient'"):
        patient_details_from_fhir({"resourceType": "RelatedPerson", "id": "p"})


@pytest.fixture
def repository() -> Iterator[ClientRepository]:
    with FHIRClient("http://127.0.0.1:9/fhir") as client:  # nothing listens: a request would fail
        yield ClientRepository(client, "p")


def test_objects_about_another_client_are_refused_before_anything_is_sent(repository: ClientRepository) -> None:
    stranger = NetworkMember(id="m", patient="Patient/someone-else")
    writes: list[Callable[[DomainObject], Any]] = [
        repository.create,
        lambda obj: repository.update(obj, version="1"),
        lambda obj: repository.save(consent(), obj),
    ]
    for write in writes:
        with pytest.raises(ValueError, match="is about Patient/someone-else, not Patient/p"):
            write(stranger)
    with pytest.raises(ValueError, match="nothing to save"):
        repository.save()
    assert repository.round_trips == 0 and repository.patient_reference == "Patient/p"
