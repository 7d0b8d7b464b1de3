"""The social system's view model and changes, from domain objects alone (no server): who is in it on a day, which
team the page changes, who may join, roles that fit, and the teams the changes build."""

from __future__ import annotations

from datetime import date

from example_workspace import example_workspace

from smart_app.workspace import builders
from smart_app.workspace.context import Labels
from smart_app.workspace.forms import RoleFitting
from smart_app.workspace.social_system import candidates, is_current, team_to_change
from srh_fhir.model import FhirDate, Period, SocialSystem
from srh_fhir.terminology import CareTeamStatus, TeamRole

DAY = date(2026, 12, 6)


def test_who_left_today_is_no_longer_in_it_but_who_leaves_tomorrow_is() -> None:
    assert is_current(None, DAY)
    assert is_current(Period(start=FhirDate("2026-01-01"), end=FhirDate("2026-12-07")), DAY)
    assert not is_current(Period(start=FhirDate("2026-01-01"), end=FhirDate("2026-12-06")), DAY)
    assert not is_current(Period(start=FhirDate("2026-12-07")), DAY)


def test_the_page_changes_the_first_active_team_else_the_first_open_one() -> None:
    def team(status: CareTeamStatus) -> SocialSystem:
        return SocialSystem(id=status.value, status=status, patient="Patient/p")

    inactive, proposed, active = (
        team(CareTeamStatus.INACTIVE),
        team(CareTeamStatus.PROPOSED),
        team(CareTeamStatus.ACTIVE),
    )
    assert team_to_change([inactive, proposed, active]) is active
    assert team_to_change([inactive, proposed]) is proposed
    assert team_to_change([inactive]) is None and team_to_change([]) is None


def test_who_may_join_ingrids_team() -> None:
    ws = example_workspace(DAY, Labels())
    team = team_to_change(ws.picture.social_systems)
    found = candidates(team, ws.picture.social_systems, ws.analysis.members, ws.directory, DAY, ["Practitioner/new"])
    names = [c.name for c in found]
    assert "Marloes Visser" in names  # not in the team yet
    assert "Practitioner/new" in [c.reference for c in found]  # the signed-in professional (not named: not loaded)
    assert "Ingrid de Vries" not in names and not any("Anja" in n for n in names)  # in it now
    assert not any("Ria" in n for n in names)  # her tie ended


def test_roles_fit_who_someone_is() -> None:
    assert RoleFitting.fits(TeamRole.KEY_FIGURE, "network") and not RoleFitting.fits(
        TeamRole.KEY_FIGURE, "professional"
    )
    assert RoleFitting.fits(TeamRole.PRIMARY_PROFESSIONAL, "professional")
    assert RoleFitting.fits(TeamRole.VOLUNTEER, "network") and RoleFitting.fits(TeamRole.VOLUNTEER, "professional")
    assert not RoleFitting.fits(TeamRole.CLIENT, "network")


def test_a_new_team_a_participant_ended_and_put_back() -> None:
    team = builders.new_team("Patient/p", "Sociaal systeem van P", DAY)
    assert team.status is CareTeamStatus.ACTIVE and team.participants[0].roles == (TeamRole.CLIENT,)
    team = builders.team_with_participant(team, "RelatedPerson/a", TeamRole.NETWORK_MEMBER, date(2026, 12, 10))
    ended = builders.team_without_participant(team, 1, DAY)
    assert ended.participants[1].period == Period(start=FhirDate("2026-12-06"), end=FhirDate("2026-12-06"))
    assert builders.team_with_end(ended, 1, None).participants[1].period == Period(start=FhirDate("2026-12-06"))
    assert builders.team_with_role(team, 1, TeamRole.KEY_FIGURE).participants[1].roles == (TeamRole.KEY_FIGURE,)
    assert builders.new_team("Patient/p", "x", DAY, with_client=False).participants == ()
