"""Who a reference is: its display name and kind (the client, a network member, a professional)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from srh_fhir.model import NetworkMember, PatientDetails, split_reference

Language = Literal["nl", "en"]


class PersonKind(StrEnum):
    """Who does the work: the client, someone of their network, or a professional."""

    CLIENT = "client"
    NETWORK = "network"
    PROFESSIONAL = "professional"
    OTHER = "other"


PROFESSIONAL_TYPES = ("Practitioner", "PractitionerRole", "Organization", "CareTeam")


def language_of(value: str | None) -> Language:
    return "en" if value == "en" else "nl"


def humanised_id(reference: str) -> str:
    """A readable stand-in for a professional the app cannot read (no Practitioner scope): the id's words.

    ``Practitioner/practitioner-sanne-bakker`` -> ``Sanne Bakker``.
    """
    try:
        kind, ident = split_reference(reference)
    except ValueError:
        return reference
    words = [w for w in ident.replace("_", "-").split("-") if w]
    if words and words[0].lower() in (kind.lower(), "practitioner", "role", "org"):
        words = words[1:]
    return " ".join(w[:1].upper() + w[1:] for w in words) or ident


@dataclass(frozen=True)
class Directory:
    """Names and kinds of the people of one client's picture."""

    patient_reference: str
    patient_display: str
    member_names: Mapping[str, str]
    user_reference: str | None = None
    user_display: str | None = None

    @classmethod
    def of(
        cls,
        patient: PatientDetails,
        members: Iterable[NetworkMember],
        user_reference: str | None = None,
        user_display: str | None = None,
    ) -> Directory:
        names = {m.reference: m.display_name for m in members if m.id}
        shown = patient.display_name or patient.id
        return cls(patient.reference, shown, names, user_reference, user_display)

    def kind(self, reference: str) -> PersonKind:
        if reference == self.patient_reference:
            return PersonKind.CLIENT
        kind = reference.split("/")[-2] if reference.count("/") >= 1 else ""
        if kind == "RelatedPerson":
            return PersonKind.NETWORK
        if kind in PROFESSIONAL_TYPES:
            return PersonKind.PROFESSIONAL
        return PersonKind.OTHER

    def name(self, reference: str) -> str:
        if reference == self.patient_reference:
            return self.patient_display
        if reference in self.member_names:
            return self.member_names[reference]
        if self.user_reference and self.user_display and _same(reference, self.user_reference):
            return self.user_display
        return humanised_id(reference)


def _same(reference: str, other: str) -> bool:
    """Relative and absolute references to the same resource are the same person."""
    try:
        return split_reference(reference) == split_reference(other)
    except ValueError:
        return reference == other
