"""The client's printable copy: their network map, their basic needs and their plan, on paper to take home.

In the words of the client's own view, from its view model (``smart_app.client_view.picture``) and its template
macros (``templates/client/_picture.html``): one set of texts addressed to the client. The route loads the workspace
with the gradings of the basic needs and renders ``client_copy.html``.
"""

from __future__ import annotations

from flask_babel import gettext as _

from smart_app.client_view import picture
from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import frame
from smart_app.workspace.pages.frame import Page, blueprint, render


@blueprint.get("/print")
def print_copy() -> Page:
    ws = frame.load_workspace(frame.workspace_with_needs)
    return render_print(ws) if isinstance(ws, Workspace) else ws


def render_print(ws: Workspace) -> tuple[str, int]:
    return render("client_copy.html", ws, map=ws.network_map, needs=picture.needs(ws), plan=picture.plan(ws, _("you")))
