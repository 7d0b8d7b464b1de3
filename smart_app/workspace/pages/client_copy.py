"""The client's printable copy: their network map, their basic needs and their plan, on paper to take home.

Built from the same view models as the workspace pages (``network_map``, ``needs``, ``plan_board``); the route loads
the workspace and renders ``client_copy.html``.
"""

from __future__ import annotations

from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import frame
from smart_app.workspace.pages.frame import Page, blueprint, render


@blueprint.get("/print")
def print_copy() -> Page:
    ws = frame.load_workspace()
    return render_print(ws) if isinstance(ws, Workspace) else ws


def render_print(ws: Workspace) -> tuple[str, int]:
    return render("client_copy.html", ws, map=ws.network_map, board=ws.board, table=ws.needs)
