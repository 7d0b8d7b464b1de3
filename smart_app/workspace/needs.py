"""The basic-needs table: per basic need, who in the network meets it; needs nobody meets are flagged.

A flagged need comes with a ready goal suggestion under "versterken" aimed at the client's social embedding: a
starting sentence in the first person, to be put in the client's own words together with them.

The gradings of the basic needs (``GradedNeeds``) show per need the latest grade in words, the network's part and the
professionals' part apart, the history of grades, and the two versterken flags: met only by professionals, or
resting on one single person.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from smart_app.workspace.people import Directory, Language
from srh_fhir.analysis import NeedGrading, NetworkAnalysis
from srh_fhir.model import FhirDateTime
from srh_fhir.terminology import BasicNeed, NeedFulfilment, Valence


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


@dataclass(frozen=True)
class GradedNeedRow:
    """One basic need as graded: the latest grade in words, who meets it (network and professionals apart), flags."""

    need: BasicNeed
    label: str
    grade: NeedFulfilment | None
    grade_label: str
    graded_on: FhirDateTime | None
    network: tuple[str, ...]
    """Names of the network members who meet it."""
    professionals: tuple[str, ...]
    """Names of the professionals who meet it: the complementary part."""
    only_professionals: bool
    rests_on_one: bool
    suggestion: str | None
    """A "versterken" goal in the client's words when the need is flagged; None otherwise."""
    history: tuple[tuple[FhirDateTime, str], ...]
    """(date, grade in words) of every grading of the need, newest first."""


@dataclass(frozen=True)
class GradedNeeds:
    rows: tuple[GradedNeedRow, ...]

    @property
    def graded(self) -> bool:
        return any(row.grade is not None for row in self.rows)

    @property
    def flagged(self) -> tuple[GradedNeedRow, ...]:
        return tuple(row for row in self.rows if row.only_professionals or row.rests_on_one)


def graded_needs(
    gradings: Mapping[BasicNeed, NeedGrading],
    directory: Directory,
    language: Language,
    suggestions: Mapping[BasicNeed, str],
) -> GradedNeeds:
    """The rows for the gradings of ``srh_fhir.analysis.grade_needs``, with names from ``directory``."""
    rows = []
    for need, grading in gradings.items():
        flagged = grading.only_professionals or grading.rests_on_one
        rows.append(
            GradedNeedRow(
                need=need,
                label=need.label(language),
                grade=grading.grade,
                grade_label=grading.grade.label(language) if grading.grade else "",
                graded_on=grading.graded_on,
                network=tuple(directory.name(ref) for ref in grading.network),
                professionals=tuple(directory.name(ref) for ref in grading.professionals),
                only_professionals=grading.only_professionals,
                rests_on_one=grading.rests_on_one,
                suggestion=suggestions.get(need) if flagged else None,
                history=tuple((day, grade.label(language)) for day, grade in grading.history),
            )
        )
    return GradedNeeds(tuple(rows))
