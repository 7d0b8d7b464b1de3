"""The network at two dates, side by side, and what changed in between (from the tie assessments' history)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from smart_app.workspace.consent import MemberConsent
from smart_app.workspace.network_map import NetworkMap, build_map
from smart_app.workspace.people import Language
from srh_fhir.analysis import compare
from srh_fhir.model import NetworkMember, TieAssessment


@dataclass(frozen=True)
class ChangeRow:
    name: str
    what: tuple[tuple[str, str, str], ...]
    """(aspect, before, after) per aspect that changed; the aspect is a key the page translates."""
    needs_gained: tuple[str, ...]
    needs_lost: tuple[str, ...]


@dataclass(frozen=True)
class MapComparison:
    before: NetworkMap
    after: NetworkMap
    joined: tuple[str, ...]
    left: tuple[str, ...]
    changed: tuple[ChangeRow, ...]
    needs_now_met: tuple[str, ...]
    needs_now_unmet: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.joined or self.left or self.changed or self.needs_now_met or self.needs_now_unmet)


def default_days(assessments: Iterable[TieAssessment], today: date) -> tuple[date, date]:
    """The first day anything was assessed (else today) and today."""
    days = [a.date.to_date() for a in assessments]
    return (min(days) if days else today), today


def compare_maps(
    members: Iterable[NetworkMember],
    assessments: Iterable[TieAssessment],
    before: date,
    after: date,
    client_name: str,
    language: Language,
    consents: Mapping[str, MemberConsent] | None = None,
    no_sector_label: str = "",
) -> MapComparison:
    members, assessments = tuple(members), tuple(assessments)
    change = compare(members, assessments, before, after)
    names = {m.reference: m.display_name for m in members if m.id}

    def label(value: object) -> str:
        return value.label(language) if hasattr(value, "label") else ""

    rows = []
    for tie in change.changed:
        what = tuple(
            (aspect, label(old), label(new))
            for aspect, (old, new) in (
                ("closeness", tie.closeness),
                ("valence", tie.valence),
                ("reciprocity", tie.reciprocity),
            )
            if old != new
        )
        rows.append(
            ChangeRow(
                name=names.get(tie.member, tie.member),
                what=what,
                needs_gained=tuple(n.label(language) for n in tie.needs_gained),
                needs_lost=tuple(n.label(language) for n in tie.needs_lost),
            )
        )
    return MapComparison(
        before=build_map(change.before, members, client_name, language, consents, no_sector_label),
        after=build_map(change.after, members, client_name, language, consents, no_sector_label),
        joined=tuple(names.get(r, r) for r in change.joined),
        left=tuple(names.get(r, r) for r in change.left),
        changed=tuple(rows),
        needs_now_met=tuple(n.label(language) for n in change.needs_now_met),
        needs_now_unmet=tuple(n.label(language) for n in change.needs_now_unmet),
    )
