"""The social system (CareTeam): network members and professionals with their roles, current ones first; which
team the page changes and who may join it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from smart_app.workspace.people import Directory, Language, PersonKind
from srh_fhir.model import NetworkMember, Period, SocialSystem
from srh_fhir.terminology import CareTeamStatus


def is_current(period: Period | None, day: date) -> bool:
    """Whether someone is in the social system on ``day``: their period has started and has not ended; who left
    today (the day removing them writes as ``period.end``) is no longer in it."""
    return period is None or (period.covers(day) and (period.end is None or period.end.to_date() > day))


@dataclass(frozen=True)
class TeamRow:
    reference: str
    name: str
    kind: PersonKind
    roles: tuple[str, ...]
    since: str | None
    until: str | None
    current: bool
    index: int = 0
    """The participant's place in the team (``CareTeam.participant``), which the page's changes name."""
    role_codes: tuple[str, ...] = ()


@dataclass(frozen=True)
class TeamView:
    name: str
    status: str | None
    rows: tuple[TeamRow, ...]
    reference: str | None = None

    def count(self, kind: PersonKind) -> int:
        return sum(1 for row in self.rows if row.current and row.kind is kind)


def social_systems(
    teams: Iterable[SocialSystem], directory: Directory, language: Language, day: date
) -> tuple[TeamView, ...]:
    views = []
    for team in teams:
        rows = []
        for index, participant in enumerate(team.participants):
            period = participant.period
            current = is_current(period, day)
            rows.append(
                TeamRow(
                    reference=participant.member,
                    name=directory.name(participant.member),
                    kind=directory.kind(participant.member),
                    roles=tuple(role.label(language) for role in participant.roles),
                    since=str(period.start.to_date()) if period and period.start else None,
                    until=str(period.end.to_date()) if period and period.end else None,
                    current=current,
                    index=index,
                    role_codes=tuple(role.value for role in participant.roles),
                )
            )
        order = {PersonKind.CLIENT: 0, PersonKind.NETWORK: 1, PersonKind.PROFESSIONAL: 2, PersonKind.OTHER: 3}
        rows.sort(key=lambda r: (not r.current, order[r.kind], r.name.lower()))
        reference = team.reference if team.id else None
        views.append(TeamView(team.name or "", team.status.value if team.status else None, tuple(rows), reference))
    return tuple(views)


CLOSED = (CareTeamStatus.INACTIVE, CareTeamStatus.ENTERED_IN_ERROR)


def team_to_change(teams: Sequence[SocialSystem]) -> SocialSystem | None:
    """The social system the page changes: the first active one, else the first one still open; None when the
    client has none (the first participant added starts one)."""
    active = [t for t in teams if t.status is CareTeamStatus.ACTIVE]
    open_ = [t for t in teams if t.status not in CLOSED]
    chosen = active or open_
    return chosen[0] if chosen else None


@dataclass(frozen=True)
class Candidate:
    reference: str
    name: str
    kind: PersonKind


def candidates(
    team: SocialSystem | None,
    teams: Iterable[SocialSystem],
    members: Iterable[NetworkMember],
    directory: Directory,
    day: date,
    professionals: Iterable[str] = (),
) -> tuple[Candidate, ...]:
    """Who may join ``team``: the client, the current network members (``members``), and the professionals the
    picture knows (``professionals``, e.g. the signed-in one, and those of any social system); not who is in it
    now."""
    inside = {p.member for p in (team.participants if team else ()) if p.period is None or p.period.covers(day)}
    known = [*professionals]
    known += [p.member for t in teams for p in t.participants if directory.kind(p.member) is PersonKind.PROFESSIONAL]
    people = [directory.patient_reference]
    people += [m.reference for m in members if m.id]
    people += list(dict.fromkeys(known))
    return tuple(
        Candidate(ref, directory.name(ref), directory.kind(ref)) for ref in dict.fromkeys(people) if ref not in inside
    )
