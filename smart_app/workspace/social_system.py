"""The social system (CareTeam): network members and professionals with their roles, current ones first."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from smart_app.workspace.people import Directory, Language, PersonKind
from srh_fhir.model import SocialSystem


@dataclass(frozen=True)
class TeamRow:
    reference: str
    name: str
    kind: PersonKind
    roles: tuple[str, ...]
    since: str | None
    until: str | None
    current: bool


@dataclass(frozen=True)
class TeamView:
    name: str
    status: str | None
    rows: tuple[TeamRow, ...]

    def count(self, kind: PersonKind) -> int:
        return sum(1 for row in self.rows if row.current and row.kind is kind)


def social_systems(
    teams: Iterable[SocialSystem], directory: Directory, language: Language, day: date
) -> tuple[TeamView, ...]:
    views = []
    for team in teams:
        rows = []
        for participant in team.participants:
            period = participant.period
            current = period is None or period.covers(day)
            rows.append(
                TeamRow(
                    reference=participant.member,
                    name=directory.name(participant.member),
                    kind=directory.kind(participant.member),
                    roles=tuple(role.label(language) for role in participant.roles),
                    since=str(period.start.to_date()) if period and period.start else None,
                    until=str(period.end.to_date()) if period and period.end else None,
                    current=current,
                )
            )
        order = {PersonKind.CLIENT: 0, PersonKind.NETWORK: 1, PersonKind.PROFESSIONAL: 2, PersonKind.OTHER: 3}
        rows.sort(key=lambda r: (not r.current, order[r.kind], r.name.lower()))
        views.append(TeamView(team.name or "", team.status.value if team.status else None, tuple(rows)))
    return tuple(views)
