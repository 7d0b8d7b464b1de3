"""The overview: the landing page of a launch. Who the client is, their network in a few numbers (by part of life
and by closeness), the basic needs nobody meets, the open goals under each core action, and a way into each page.

Everything comes from the request's ``Workspace`` (one FHIR round trip), from what the other pages' view models
compute already; ``overview_of`` is pure. The route at the end is the page's only Flask-facing part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from smart_app.workspace.context import Workspace
from smart_app.workspace.needs import NeedRow
from smart_app.workspace.network_map import ended_members, ring_label, sector_label
from smart_app.workspace.pages.frame import Page, blueprint, load_workspace, render
from smart_app.workspace.people import PersonKind
from smart_app.workspace.plan_board import GoalCard, Share
from srh_fhir.terminology import CoreAction, GoalLifecycleStatus, NetworkSector


@dataclass(frozen=True)
class Tally:
    """How many current members share one trait; ``label`` None for members whose closeness is not assessed."""

    code: str
    label: str | None
    count: int


@dataclass(frozen=True)
class ActionGoals:
    """The open goals under one core action, in the client's own words."""

    core_action: CoreAction
    label: str
    goals: tuple[GoalCard, ...]
    activities: int


@dataclass(frozen=True)
class Overview:
    client_name: str
    user: str | None
    """The signed-in professional (the launch's ``fhirUser``) by name."""
    day: date
    members: int
    ended: int
    by_sector: tuple[Tally, ...]
    """Parts of life with at least one current member, in code-system order (members without one last)."""
    by_closeness: tuple[Tally, ...]
    """Rings with at least one current member, nearest first (members never assessed last)."""
    straining: tuple[str, ...]
    """Names of the members whose tie is straining."""
    without_consent: int
    unmet_needs: tuple[NeedRow, ...]
    has_plan: bool
    goals: tuple[ActionGoals, ...]
    """The four core actions, always all four (an empty one is worth seeing)."""
    goals_without_action: tuple[GoalCard, ...]
    share: Share
    social_network: int
    social_professionals: int

    @property
    def open_goals(self) -> int:
        return sum(len(a.goals) for a in self.goals) + len(self.goals_without_action)


def is_open(card: GoalCard) -> bool:
    """A goal still being worked on: neither closed (cancelled, rejected, entered in error) nor completed."""
    return not card.closed and card.lifecycle_status != GoalLifecycleStatus.COMPLETED.value


def overview_of(ws: Workspace) -> Overview:
    analysis, board = ws.analysis, ws.board
    sectors: list[NetworkSector | None] = [*NetworkSector, None]
    by_sector = tuple(
        Tally(sector.value if sector else "", sector_label(sector, ws.language, ws.labels.no_sector), count)
        for sector in sectors
        if (count := analysis.by_sector.get(sector, 0))
    )
    rings: list[int | None] = [*sorted(r for r in analysis.by_ring if r is not None), None]
    by_closeness = tuple(
        Tally(str(ring or ""), ring_label(ring, ws.language) if ring else None, count)
        for ring in rings
        if (count := analysis.by_ring.get(ring, 0))
    )
    names = {m.reference: m.display_name for m in analysis.members}
    return Overview(
        client_name=ws.directory.patient_display,
        user=ws.directory.user,
        day=ws.day,
        members=analysis.size,
        ended=len(ended_members(ws.picture.members, analysis)),  # without drawing the map
        by_sector=by_sector,
        by_closeness=by_closeness,
        straining=tuple(names[r] for r in analysis.straining if r in names),
        without_consent=len(ws.members_without_consent()),
        unmet_needs=ws.needs.unmet,
        has_plan=board.plan is not None,
        goals=tuple(
            ActionGoals(
                column.core_action,
                column.label,
                tuple(c for c in column.goals if is_open(c)),
                len(column.activities),
            )
            for column in board.columns
        ),
        goals_without_action=tuple(c for c in board.unsorted_goals if is_open(c)),
        share=board.share,
        social_network=sum(team.count(PersonKind.NETWORK) for team in ws.teams),
        social_professionals=sum(team.count(PersonKind.PROFESSIONAL) for team in ws.teams),
    )


@blueprint.get("/")
def overview() -> Page:
    """The launch's landing page (the callback leads here)."""
    ws = load_workspace()
    return render_overview(ws) if isinstance(ws, Workspace) else ws


def render_overview(ws: Workspace) -> tuple[str, int]:
    return render("overview.html", ws, overview=overview_of(ws))
