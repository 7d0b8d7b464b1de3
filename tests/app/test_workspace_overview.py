"""The overview's view model (the landing page of a launch), built from domain objects alone (no server, no Flask)."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from example_workspace import example_workspace

from smart_app.workspace.context import Labels, Workspace
from smart_app.workspace.pages.overview import overview_of
from srh_fhir.terminology import BasicNeed, CoreAction, GoalLifecycleStatus

DAY = date(2026, 11, 28)
LABELS = Labels(no_sector="no part of life", suggestions={need: f"suggestion {need.value}" for need in BasicNeed})


@pytest.fixture(scope="module")
def ingrid() -> Workspace:
    return example_workspace(DAY, LABELS)


def changed(ws: Workspace, **picture: object) -> Workspace:
    """The same client's workspace with parts of the picture replaced."""
    return Workspace(
        dataclasses.replace(ws.picture, **picture), ws.day, ws.language, ws.labels, ws.user_reference, ws.user_display
    )


def test_the_network_in_numbers_by_part_of_life_and_closeness(ingrid: Workspace) -> None:
    overview = overview_of(ingrid)
    assert overview.client_name == "Ingrid de Vries" and overview.user == "Sanne Bakker"
    assert overview.members == 6 and overview.ended == 1  # Ria's tie ended: counted apart
    assert [(t.code, t.label, t.count) for t in overview.by_sector] == [
        ("family", "Family", 1),
        ("work", "Work", 1),
        ("leisure", "Leisure", 1),
        ("faith", "Faith", 1),
        ("neighbourhood", "Neighbourhood", 1),
        ("care-volunteers", "Care and volunteers", 1),
    ]  # parts of life nobody is in are left out
    assert [(t.label, t.count) for t in overview.by_closeness] == [("Very close", 1), ("Close", 3), ("Distant", 2)]
    assert sum(t.count for t in overview.by_sector) == sum(t.count for t in overview.by_closeness) == 6
    assert overview.straining == ("Marloes Visser",)
    assert overview.without_consent == 2
    assert (overview.social_network, overview.social_professionals) == (5, 2)


def test_open_goals_under_each_of_the_four_core_actions(ingrid: Workspace) -> None:
    overview = overview_of(ingrid)
    assert [a.core_action for a in overview.goals] == list(CoreAction)  # all four, empty ones too
    per_action = {a.core_action: [g.description for g in a.goals] for a in overview.goals}
    assert per_action[CoreAction.CONNECT] == [] and len(per_action[CoreAction.SECURE]) == 1
    assert per_action[CoreAction.STRENGTHEN][0] == "Ik wil weer eens per week met mijn zus koffie drinken."
    assert overview.open_goals == 3 and overview.has_plan
    assert overview.share.activities == 8 and overview.share.network == 5


def test_completed_and_cancelled_goals_are_not_open(ingrid: Workspace) -> None:
    first, second, *rest = ingrid.picture.goals
    goals = (
        dataclasses.replace(first, lifecycle_status=GoalLifecycleStatus.COMPLETED),
        dataclasses.replace(second, lifecycle_status=GoalLifecycleStatus.CANCELLED),
        *rest,
    )
    overview = overview_of(changed(ingrid, goals=goals))
    shown = {g.goal_id for a in overview.goals for g in a.goals} | {g.goal_id for g in overview.goals_without_action}
    assert first.id not in shown and second.id not in shown
    assert overview.open_goals == overview_of(ingrid).open_goals - 2


def test_a_client_with_nothing_assessed_and_no_plan(ingrid: Workspace) -> None:
    overview = overview_of(changed(ingrid, tie_assessments=(), plans=(), goals=(), social_systems=()))
    assert overview.members == 6
    assert [(t.label, t.count) for t in overview.by_closeness] == [(None, 6)]  # "not assessed", in the template
    assert [row.need for row in overview.unmet_needs] == list(BasicNeed)  # nobody meets anything yet
    assert overview.unmet_needs[0].suggestion == "suggestion attachment"
    assert not overview.has_plan and overview.open_goals == 0
    assert all(a.goals == () and a.activities == 0 for a in overview.goals)
    assert overview.straining == () and (overview.social_network, overview.social_professionals) == (0, 0)


def test_members_without_a_part_of_life_are_counted_last(ingrid: Workspace) -> None:
    members = tuple(
        dataclasses.replace(m, sector=None) if m.display_name.startswith("Anja") else m for m in ingrid.picture.members
    )
    overview = overview_of(changed(ingrid, members=members))
    assert (overview.by_sector[-1].code, overview.by_sector[-1].label) == ("", "no part of life")
    assert "family" not in [t.code for t in overview.by_sector]
