"""Verstaan — understanding the person in context: the view model of the page (pure, no Flask) and what its forms
become.

The entries come in four kinds, shown as sections in the method's order (what matters, strengths, what stands in
the way, life events), each newest written down first. An entry is never overwritten: a correction is a new entry,
and an entry that no longer holds is marked so and stays, greyed, in its section.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from smart_app.workspace.people import Language
from srh_fhir.client_repository import UnderstandingRecord
from srh_fhir.model import FhirDate, FhirDateTime, Understanding
from srh_fhir.terminology import ObservationStatus, UnderstandingKind


@dataclass(frozen=True)
class EntryView:
    """One entry as the page shows it."""

    id: str
    version: str
    words: str
    own_words: bool
    """Shown as a quote: the client's own words."""
    recorded_by: str
    """Who wrote it down, by name ("" when unknown)."""
    recorded_on: FhirDateTime
    said_on: FhirDateTime | None
    """When it was said, or when the life event happened (its start, for a period)."""
    said_until: FhirDateTime | None
    """The end of a life event dated with a period."""
    no_longer_current: FhirDate | None


@dataclass(frozen=True)
class Section:
    """The entries of one kind."""

    kind: UnderstandingKind
    title: str
    entries: tuple[EntryView, ...]

    @property
    def anchor(self) -> str:
        return f"kind-{self.kind.value}"


def sections(record: UnderstandingRecord, language: Language) -> tuple[Section, ...]:
    """The four kinds in the method's order, each with its entries newest first (entries entered in error left
    out)."""
    return tuple(
        Section(kind, kind.label(language), tuple(_view(record, e) for e in record.of_kind(kind) if e.id))
        for kind in UnderstandingKind
    )


def find(record: UnderstandingRecord, entry_id: str) -> Understanding | None:
    """The entry ``Observation/entry_id`` of the record, if it is there."""
    return next((e for e in record.entries if e.id == entry_id), None)


@dataclass(frozen=True)
class UnderstandingInput:
    """What the form to add an entry holds."""

    kind: UnderstandingKind
    words: str
    own_words: bool
    said_on: datetime.date


def new_entry(patient: str, entered: UnderstandingInput, moment: FhirDateTime, author: str | None) -> Understanding:
    """A new entry, written down now by ``author`` (the signed-in user)."""
    return Understanding(
        patient=patient,
        kind=entered.kind,
        words=entered.words.strip(),
        own_words=entered.own_words,
        date=FhirDateTime(entered.said_on.isoformat()),
        recorded=moment,
        recorded_by=(author,) if author else (),
    )


def no_longer_current(entry: Understanding, day: datetime.date) -> Understanding:
    """The entry marked as no longer current since ``day``; its words and dates stay as they were."""
    return replace(entry, no_longer_current=FhirDate(day.isoformat()))


def _view(record: UnderstandingRecord, entry: Understanding) -> EntryView:
    reference = entry.reference
    names = [record.names.get(r, "") for r in entry.recorded_by]
    return EntryView(
        id=entry.id or "",
        version=record.versions.get(reference, ""),
        words=entry.words,
        own_words=entry.own_words,
        recorded_by=", ".join(n for n in names if n),
        recorded_on=entry.recorded,
        said_on=entry.date or (entry.period.start if entry.period else None),
        said_until=entry.period.end if entry.period else None,
        no_longer_current=entry.no_longer_current,
    )


# -- what the plan's goals answer ---------------------------------------------------------------------------------

ANSWER_WORDS = 90
"""How much of an entry's words a goal shows of what it answers (the rest is on the Verstaan page)."""


def answer_label(entry: Understanding, language: Language) -> str:
    """An entry as a goal names what it answers: its kind and its words, shortened."""
    words = entry.words if len(entry.words) <= ANSWER_WORDS else entry.words[: ANSWER_WORDS - 1].rstrip() + "…"
    return f"{entry.kind.label(language)}: “{words}”"


def answer_labels(entries: Iterable[Understanding], language: Language) -> dict[str, str]:
    """``Observation/id`` -> its label, for every entry that was not entered in error."""
    return {
        e.reference: answer_label(e, language)
        for e in entries
        if e.id and e.status is not ObservationStatus.ENTERED_IN_ERROR
    }


def answer_choices(
    entries: Iterable[Understanding], language: Language, chosen: Iterable[str] = ()
) -> tuple[tuple[str, str], ...]:
    """What a goal can answer, in the method's order of kinds (each newest written down first): the current
    entries, and those ``chosen`` before that no longer hold (so saving the goal does not drop them unasked)."""
    entries = sorted(entries, key=lambda e: e.recorded, reverse=True)
    labels = answer_labels(entries, language)
    keep = set(chosen)
    return tuple(
        (e.reference, labels[e.reference])
        for kind in UnderstandingKind
        for e in entries
        if e.kind is kind and e.reference in labels and (e.current or e.reference in keep)
    )
