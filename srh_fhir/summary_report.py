"""The network analysis as plain JSON for machines and as text for people (Dutch or English labels)."""

from __future__ import annotations

from typing import Any

from srh_fhir.analysis import NetworkAnalysis, NetworkChange
from srh_fhir.terminology import BasicNeed, Closeness, Language, NetworkSector

TEXTS = {
    "en": {
        "title": "Network of {patient} on {on}: {size} members",
        "needs": "Basic needs",
        "nobody": "NOBODY",
        "weak": "Weak social system: nobody meets {needs}.",
        "strong": "Every basic need is met by someone.",
        "sector": "Per sector",
        "ring": "Per closeness ring",
        "unassessed": "not assessed",
        "no sector": "no sector",
        "reciprocity": "Reciprocity: client receives {receives}, gives {gives}, mutual {mutual}",
        "straining": "Straining ties: {members}",
        "change": "Since {before}: joined {joined}; left {left}; ties changed {changed}",
        "now met": "Needs met now that were not: {needs}",
        "now unmet": "Needs no longer met: {needs}",
    },
    "nl": {
        "title": "Netwerk van {patient} op {on}: {size} leden",
        "needs": "Basisbehoeften",
        "nobody": "NIEMAND",
        "weak": "Zwak sociaal systeem: niemand voorziet in {needs}.",
        "strong": "In elke basisbehoefte voorziet iemand.",
        "sector": "Per sector",
        "ring": "Per ring",
        "unassessed": "niet beoordeeld",
        "no sector": "geen sector",
        "reciprocity": "Wederkerigheid: cliënt ontvangt {receives}, geeft {gives}, wederzijds {mutual}",
        "straining": "Belastende relaties: {members}",
        "change": "Sinds {before}: erbij {joined}; weg {left}; veranderd {changed}",
        "now met": "Nu wel vervulde behoeften: {needs}",
        "now unmet": "Niet meer vervulde behoeften: {needs}",
    },
}


def summary_json(analysis: NetworkAnalysis, patient: str, change: NetworkChange | None = None) -> dict[str, Any]:
    """The analysis as a JSON-ready dict; member references with their display names."""
    names = {member.reference: member.display_name for member in analysis.members}
    result: dict[str, Any] = {
        "patient": patient,
        "on": analysis.on.isoformat(),
        "size": analysis.size,
        "weak": analysis.weak,
        "basicNeeds": [
            {"code": need.value, "metBy": [{"reference": ref, "name": names.get(ref, "")} for ref in members]}
            for need, members in analysis.needs_met_by.items()
        ],
        "unmetNeeds": [need.value for need in analysis.unmet_needs],
        "bySector": {(sector.value if sector else "none"): count for sector, count in analysis.by_sector.items()},
        "byRing": {(str(ring) if ring else "unassessed"): count for ring, count in analysis.by_ring.items()},
        "reciprocity": {
            "clientReceives": analysis.reciprocity.client_receives,
            "clientGives": analysis.reciprocity.client_gives,
            "mutual": analysis.reciprocity.mutual,
            "balance": analysis.reciprocity.balance,
        },
        "straining": analysis.straining,
    }
    if change is not None:
        result["change"] = {
            "since": change.before.on.isoformat(),
            "joined": change.joined,
            "left": change.left,
            "changed": [
                {
                    "member": tie.member,
                    "closeness": [c.value if c else None for c in tie.closeness],
                    "valence": [v.value if v else None for v in tie.valence],
                    "reciprocity": [r.value if r else None for r in tie.reciprocity],
                    "needsGained": [need.value for need in tie.needs_gained],
                    "needsLost": [need.value for need in tie.needs_lost],
                }
                for tie in change.changed
            ],
            "needsNowMet": [need.value for need in change.needs_now_met],
            "needsNowUnmet": [need.value for need in change.needs_now_unmet],
        }
    return result


def summary_text(
    analysis: NetworkAnalysis, patient: str, language: Language = "en", change: NetworkChange | None = None
) -> str:
    """The analysis as a few lines for a person to read."""
    words = TEXTS[language]
    names = {member.reference: member.display_name for member in analysis.members}
    lines = [words["title"].format(patient=patient, on=analysis.on.isoformat(), size=analysis.size), "", words["needs"]]
    for need, members in analysis.needs_met_by.items():
        met_by = ", ".join(names.get(ref, ref) for ref in members) or words["nobody"]
        lines.append(f"  {need.label(language):<32} {met_by}")
    unmet = ", ".join(need.label(language) for need in analysis.unmet_needs)
    lines += ["", words["weak"].format(needs=unmet) if analysis.weak else words["strong"], "", words["sector"]]
    for sector, count in analysis.by_sector.items():
        lines.append(f"  {_sector_label(sector, language):<32} {count}")
    lines.append(words["ring"])
    for ring, count in analysis.by_ring.items():
        label = f"{ring} ({_ring_label(ring, language)})" if ring else words["unassessed"]
        lines.append(f"  {label:<32} {count}")
    balance = analysis.reciprocity
    lines.append(
        words["reciprocity"].format(receives=balance.client_receives, gives=balance.client_gives, mutual=balance.mutual)
    )
    if analysis.straining:
        lines.append(words["straining"].format(members=", ".join(names.get(r, r) for r in analysis.straining)))
    if change is not None:
        lines += ["", *_change_lines(change, language)]
    return "\n".join(lines)


def _ring_label(ring: int, language: Language) -> str:
    return next(closeness.label(language) for closeness in Closeness if closeness.ring == ring).lower()


def _sector_label(sector: NetworkSector | None, language: Language) -> str:
    return sector.label(language) if sector else TEXTS[language]["no sector"]


def _change_lines(change: NetworkChange, language: Language) -> list[str]:
    words = TEXTS[language]
    names = {m.reference: m.display_name for m in (*change.before.members, *change.after.members)}

    def listed(references: tuple[str, ...]) -> str:
        return ", ".join(names.get(ref, ref) for ref in references) or "-"

    def needs(found: tuple[BasicNeed, ...]) -> str:
        return ", ".join(need.label(language) for need in found)

    lines = [
        words["change"].format(
            before=change.before.on.isoformat(),
            joined=listed(change.joined),
            left=listed(change.left),
            changed=listed(tuple(tie.member for tie in change.changed)),
        )
    ]
    if change.needs_now_met:
        lines.append(words["now met"].format(needs=needs(change.needs_now_met)))
    if change.needs_now_unmet:
        lines.append(words["now unmet"].format(needs=needs(change.needs_now_unmet)))
    return lines
