"""The basic-needs table: per basic need, who in the network meets it; needs nobody meets are flagged.

A flagged need comes with a ready goal suggestion under "versterken" aimed at the client's social embedding: a
starting sentence in the first person, to be put in the client's own words together with them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from smart_app.workspace.people import Language
from srh_fhir.analysis import NetworkAnalysis
from srh_fhir.terminology import BasicNeed, Valence


@dataclass(frozen=True)
class Provider:
    member_id: str
    name: str
    straining: bool


@dataclass(frozen=True)
class NeedRow:
    need: BasicNeed
    label: str
    providers: tuple[Provider, ...]
    suggestion: str | None
    """A "versterken" goal in the client's words when nobody meets the need; None when it is met."""

    @property
    def met(self) -> bool:
        return bool(self.providers)


@dataclass(frozen=True)
class NeedsTable:
    rows: tuple[NeedRow, ...]

    @property
    def unmet(self) -> tuple[NeedRow, ...]:
        return tuple(row for row in self.rows if not row.met)

    @property
    def weak(self) -> bool:
        return bool(self.unmet)


def needs_table(
    analysis: NetworkAnalysis, language: Language, suggestions: Mapping[BasicNeed, str] | Callable[[BasicNeed], str]
) -> NeedsTable:
    """The table for ``analysis``; ``suggestions`` gives the goal text per need (translated by the caller)."""
    names = {m.reference: m for m in analysis.members}
    rows = []
    for need, references in analysis.needs_met_by.items():
        providers = tuple(
            Provider(
                member_id=names[ref].id or "",
                name=names[ref].display_name,
                straining=_valence(analysis, ref) is Valence.STRAINING,
            )
            for ref in references
        )
        suggestion = None
        if not providers:
            suggestion = suggestions(need) if callable(suggestions) else suggestions[need]
        rows.append(NeedRow(need, need.label(language), providers, suggestion))
    return NeedsTable(tuple(rows))


def _valence(analysis: NetworkAnalysis, reference: str) -> Valence | None:
    assessment = analysis.latest.get(reference)
    return assessment.valence if assessment else None
