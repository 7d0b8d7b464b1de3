"""Veranderingen: one map at the later of two chosen dates with what changed since the earlier one marked, and the
list of changes, from the tie assessments' history. Both dates are required; without any, the page shows the first
to the last assessment and says so.

The view model is ``smart_app.workspace.map_change`` (pure); the route loads the workspace and renders
``changes.html``.
"""

from __future__ import annotations

from flask import request

from smart_app.workspace import texts
from smart_app.workspace.context import Workspace
from smart_app.workspace.map_change import choose_period, compare_maps, period_summary
from smart_app.workspace.pages import frame
from smart_app.workspace.pages.frame import Page, blueprint, render


@blueprint.get("/network/changes")
def changes() -> Page:
    ws = frame.load_workspace()
    if not isinstance(ws, Workspace):
        return ws
    period = choose_period(request.args.get("before"), request.args.get("after"), ws.picture.tie_assessments, ws.day)
    summary = period_summary(period, {key: str(text) for key, text in texts.PERIOD_ERROR.items()})
    comparison = (
        None
        if summary
        else compare_maps(
            ws.picture.members,
            ws.picture.tie_assessments,
            period.before,
            period.after,
            ws.directory.patient_display,
            ws.language,
            ws.consents,
            ws.labels.no_sector,
        )
    )
    return render("changes.html", ws, 422 if summary else 200, comparison=comparison, period=period, summary=summary)
