"""What the launch's own pages show of the client and their network: the patient banner and the network list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from smart_app.workspace.network_map import relationship_label
from srh_fhir.model import NetworkMember, PatientDetails


@dataclass(frozen=True)
class Banner:
    name: str
    birth_date: str | None
    gender: str | None


@dataclass(frozen=True)
class MemberRow:
    id: str
    version: str
    name: str
    relationship: str
    sector: str
    active: bool


def banner_of(patient: PatientDetails) -> Banner:
    return Banner(name=patient.display_name, birth_date=patient.birth_date, gender=patient.gender)


def member_rows(members: Iterable[NetworkMember], versions: Mapping[str, str], language: str) -> list[MemberRow]:
    """The network list: current ties first, then by part of life and name; ``versions`` as loaded, by reference."""
    rows = [
        MemberRow(
            id=m.id or "",
            version=versions.get(m.reference, "") if m.id else "",
            name=m.display_name,
            relationship=relationship_label(m),
            sector=m.sector.label("en" if language == "en" else "nl") if m.sector else "",
            active=m.active,
        )
        for m in members
    ]
    return sorted(rows, key=lambda r: (not r.active, r.sector, r.name.lower()))
