"""The client's basic needs: per need, how well it is met and by whom, what their network gives apart from what
professionals give. The view model is ``picture.needs`` (pure; no note of a professional); the route renders
``templates/client/needs.html``."""

from __future__ import annotations

from smart_app.client_view import picture
from smart_app.client_view.frame import blueprint
from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import frame
from smart_app.workspace.pages.frame import Page, render


@blueprint.get("/needs")
def needs() -> Page:
    ws = frame.load_workspace(frame.workspace_with_needs)
    return render("needs.html", ws, needs=picture.needs(ws)) if isinstance(ws, Workspace) else ws
