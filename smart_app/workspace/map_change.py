"""What changed in the network between two chosen days: one map at the later day with the changes marked on it (who
was added, whose tie ended, who came closer, who went further), the plain list of changes, and the choice of the two
days (both are required; a page opened without any shows the default period and says which it is)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from smart_app.workspace.consent import MemberConsent
from smart_app.workspace.error_summary import ErrorLink, ErrorSummary
from smart_app.workspace.network_map import NetworkMap, build_map
from smart_app.workspace.people import Language
from srh_fhir.analysis import NetworkChange, compare
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
    map: NetworkMap
    """The network at the later day, with the members whose tie ended between the days kept in their last place."""
    joined: tuple[str, ...]
    left: tuple[str, ...]
    closer: tuple[str, ...]
    further: tuple[str, ...]
    changed: tuple[ChangeRow, ...]
    needs_now_met: tuple[str, ...]
    needs_now_unmet: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.joined or self.left or self.changed or self.needs_now_met or self.needs_now_unmet)


@dataclass(frozen=True)
class Period:
    """The two days the page compares, or why it cannot: ``errors`` maps a field (``before``, ``after``) to the key
    of its message. ``default`` names the period the page chose itself when opened without any day: ``assessments``
    (the first and last assessment), ``today`` (the only day of assessment and today) or ``none`` (nothing assessed
    yet: today)."""

    before: date
    after: date
    before_text: str
    after_text: str
    errors: Mapping[str, str]
    default: str = ""


def _parse(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def choose_period(
    before_text: str | None, after_text: str | None, assessments: Iterable[TieAssessment], today: date
) -> Period:
    """The period asked for, checked; without any day asked for, from the first to the last assessment (or to today,
    when all were on one day)."""
    days = sorted({a.date.to_date() for a in assessments})
    if len(days) > 1:
        first, last, default = days[0], days[-1], "assessments"
    else:
        first, last, default = (days[0] if days else today), today, ("today" if days else "none")
    if before_text is None and after_text is None:
        return Period(first, last, first.isoformat(), last.isoformat(), {}, default)
    before_text, after_text = (before_text or "").strip(), (after_text or "").strip()
    errors: dict[str, str] = {}
    before, after = _parse(before_text), _parse(after_text)
    for field, text, day in (("before", before_text, before), ("after", after_text, after)):
        if not text:
            errors[field] = "missing"
        elif day is None:
            errors[field] = "invalid"
    if before is not None and after is not None and after < before:
        errors["after"] = "before-start"
    if errors or before is None or after is None:
        return Period(first, last, before_text, after_text, errors)
    return Period(before, after, before_text, after_text, {})


def period_summary(period: Period, messages: Mapping[str, str]) -> ErrorSummary | None:
    """The error summary of a period asked for wrongly; ``messages`` by ``<field>-<error>`` (e.g. ``after-missing``)."""
    if not period.errors:
        return None
    return ErrorSummary(None, tuple(ErrorLink(f, messages[f"{f}-{e}"]) for f, e in period.errors.items()))


def _highlights(change: NetworkChange) -> dict[str, str]:
    kinds = {ref: "added" for ref in change.joined} | {ref: "ended" for ref in change.left}
    for tie in change.changed:
        old, new = tie.closeness
        if old is not None and new is not None and old.ring != new.ring:
            kinds[tie.member] = "closer" if new.ring < old.ring else "further"
    return kinds


def _with_ended(change: NetworkChange) -> NetworkChange:
    """The later day's network with the members who left it, in the place they had at the earlier day."""
    left = [m for m in change.before.members if m.reference in change.left]
    latest = dict(change.after.latest)
    latest.update({m.reference: change.before.latest[m.reference] for m in left if m.reference in change.before.latest})
    after = dataclasses.replace(change.after, members=(*change.after.members, *left), latest=latest)
    return dataclasses.replace(change, after=after)


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
    highlights = _highlights(change)

    def label(value: object) -> str:
        return value.label(language) if hasattr(value, "label") else ""

    def named(kind: str) -> tuple[str, ...]:
        return tuple(names.get(ref, ref) for ref, k in highlights.items() if k == kind)

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
    marked = _with_ended(change).after
    return MapComparison(
        map=build_map(marked, members, client_name, language, consents, no_sector_label, highlights),
        joined=named("added"),
        left=named("ended"),
        closer=named("closer"),
        further=named("further"),
        changed=tuple(rows),
        needs_now_met=tuple(n.label(language) for n in change.needs_now_met),
        needs_now_unmet=tuple(n.label(language) for n in change.needs_now_unmet),
    )
