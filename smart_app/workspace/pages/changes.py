"""Veranderingen: the network at two dates and what changed between them, from the tie assessments' history.

The view model is ``smart_app.workspace.map_change`` (pure); the route loads the workspace and renders
``changes.html``.
"""

from __future__ import annotations

import datetime

from flask import request

from smart_app.workspace.context import Workspace
from smart_app.workspace.map_change import compare_maps, default_days
from smart_app.workspace.pages import frame
from smart_app.workspace.pages.frame import Page, blueprint, render


@blueprint.get("/network/changes")
def changes() -> Page:
    ws = frame.load_workspace()
    if not isinstance(ws, Workspace):
        return ws
    first, last = default_days(ws.picture.tie_assessments, ws.day)
    before, after = _day(request.args.get("before"), first), _day(request.args.get("after"), last)
    if after < before:
        before, after = after, before
    comparison = compare_maps(
        ws.picture.members,
        ws.picture.tie_assessments,
        before,
        after,
        ws.directory.patient_display,
        ws.language,
        ws.consents,
        ws.labels.no_sector,
    )
    return render("changes.html", ws, comparison=comparison, before=before, after=after)


def _day(text: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text) if text else default
    except ValueError:
        return default
