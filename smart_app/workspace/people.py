"""Who a reference is: its display name and kind (the client, a network member, a professional)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Directory:
    """Names and kinds of the people of one client's picture: the client, their network members, the professionals
    loaded with the picture and the signed-in user. A reference it cannot name is shown as ``unknown_professional``
    ("onbekende zorgverlener") or ``unknown`` ("onbekende persoon"), never as the reference itself."""

    patient_reference: str
    patient_display: str
    member_names: Mapping[str, str]
    user_reference: str | None = None
    user_display: str | None = None
    professional_names: Mapping[str, str] = field(default_factory=dict)
    unknown: str = "?"
    unknown_professional: str = "?"

    @classmethod
    def of(
        cls,
        patient: PatientDetails,
        members: Iterable[NetworkMember],
        user_reference: str | None = None,
        user_display: str | None = None,
        professional_names: Mapping[str, str] | None = None,
        unknown: str = "?",
        unknown_professional: str = "?",
    ) -> Directory:
        names = {m.reference: m.display_name for m in members if m.id}
        shown = patient.display_name or unknown
        professionals = {_relative(r): name for r, name in (professional_names or {}).items()}
        return cls(
            patient.reference, shown, names, user_reference, user_display, professionals, unknown, unknown_professional
        )

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
        if (name := self.professional_names.get(_relative(reference))) is not None:
            return name
        if self.user_reference and self.user_display and _same(reference, self.user_reference):
            return self.user_display
        return self.unknown_professional if self.kind(reference) is PersonKind.PROFESSIONAL else self.unknown

    @property
    def user(self) -> str | None:
        """The signed-in user by name (None when the launch names no user)."""
        if self.user_reference:
            return self.name(self.user_reference)
        return self.user_display


def _relative(reference: str) -> str:
    """``Type/id`` of a relative or absolute reference (the reference itself when it is neither)."""
    try:
        return "/".join(split_reference(reference))
    except ValueError:
        return reference


def _same(reference: str, other: str) -> bool:
    """Relative and absolute references to the same resource are the same person."""
    try:
        return split_reference(reference) == split_reference(other)
    except ValueError:
        return reference == other
