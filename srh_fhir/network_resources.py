"""Pick a client's network out of a pile of FHIR resources: the members and their tie assessments, as domain objects.

Other resources are passed over; a network resource that cannot be mapped is kept as a problem (with its source
and the element path) so the caller can report it instead of silently analysing less.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from srh_fhir.errors import MappingError
from srh_fhir.mapping import from_fhir
from srh_fhir.model import NetworkMember, TieAssessment
from srh_fhir.sources import SourceItem
from srh_fhir.terminology import ObservationCode

__all__ = ["NetworkResources"]


@dataclass
class NetworkResources:
    """Network members and tie assessments found in some resources, for any number of clients."""

    members: list[NetworkMember] = field(default_factory=list)
    assessments: list[TieAssessment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, items: Iterable[SourceItem]) -> NetworkResources:
        found = cls()
        for item in items:
            resource = item.resource
            if resource is None or not _is_network_resource(resource):
                continue
            try:
                mapped = from_fhir(resource)
            except MappingError as error:
                found.problems.append(f"{item.source}: {error}")
                continue
            if isinstance(mapped, NetworkMember):
                found.members.append(mapped)
            elif isinstance(mapped, TieAssessment):
                found.assessments.append(mapped)
        return found

    def patients(self) -> list[str]:
        """The clients these resources are about, in order of first appearance."""
        return list(dict.fromkeys(member.patient for member in self.members))

    def patient(self, wanted: str | None) -> str:
        """The one client to analyse: ``wanted`` (id or reference), or the only client present."""
        patients = self.patients()
        if wanted:
            reference = wanted if wanted.startswith("Patient/") else f"Patient/{wanted}"
            if reference not in patients:
                raise ValueError(f"no network members of {reference} found (found: {', '.join(patients) or 'none'})")
            return reference
        if len(patients) != 1:
            found = ", ".join(patients) if patients else "none"
            raise ValueError(f"the resources hold the networks of {len(patients)} clients ({found}): name one")
        return patients[0]

    def members_of(self, patient: str) -> list[NetworkMember]:
        return [member for member in self.members if member.patient == patient]

    def assessments_of(self, patient: str) -> list[TieAssessment]:
        return [assessment for assessment in self.assessments if assessment.patient == patient]


def _is_network_resource(resource: dict[str, object]) -> bool:
    if resource.get("resourceType") == "RelatedPerson":
        return True
    if resource.get("resourceType") != "Observation":
        return False
    code = resource.get("code")
    codings = code.get("coding", []) if isinstance(code, dict) else []
    return any(
        isinstance(c, dict) and c.get("system") == ObservationCode.TIE_ASSESSMENT.system
        and c.get("code") == ObservationCode.TIE_ASSESSMENT.value
        for c in codings
    )  # fmt: skip
