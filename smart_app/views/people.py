"""What the pages show of FHIR resources: the patient banner and the rows of the network list."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from srh_fhir.terminology import NetworkSector

SECTOR_EXTENSION = "https://srh-fhir.github.io/fhir/StructureDefinition/srh-network-sector"


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


def display_name(resource: Mapping[str, Any]) -> str:
    for name in resource.get("name", []):
        if name.get("text"):
            return str(name["text"])
        parts = [*name.get("given", []), name.get("family", "")]
        shown = " ".join(str(p) for p in parts if p)
        if shown:
            return shown
    return ""


def banner_of(patient: Mapping[str, Any], language: str) -> Banner:
    return Banner(name=display_name(patient), birth_date=patient.get("birthDate"), gender=patient.get("gender"))


def _sector_label(member: Mapping[str, Any], language: str) -> str:
    for extension in member.get("extension", []):
        if extension.get("url") == SECTOR_EXTENSION:
            code = extension.get("valueCoding", {}).get("code")
            try:
                return NetworkSector(code).label("en" if language == "en" else "nl")
            except ValueError:
                return str(extension.get("valueCoding", {}).get("display") or code or "")
    return ""


def _relationship(member: Mapping[str, Any]) -> str:
    for concept in member.get("relationship", []):
        if concept.get("text"):
            return str(concept["text"])
        for coding in concept.get("coding", []):
            if coding.get("display"):
                return str(coding["display"])
    return ""


def member_rows(members: Iterable[Mapping[str, Any]], language: str) -> list[MemberRow]:
    rows = [
        MemberRow(
            id=str(m.get("id", "")),
            version=str(m.get("meta", {}).get("versionId", "")),
            name=display_name(m),
            relationship=_relationship(m),
            sector=_sector_label(m, language),
            active=m.get("active", True) is not False,
        )
        for m in members
    ]
    return sorted(rows, key=lambda r: (not r.active, r.sector, r.name.lower()))
