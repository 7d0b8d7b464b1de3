"""The basic needs: for each basic need of the method, who in the network meets it and who does not any more, the
needs nobody meets, and a suggested versterken goal for each of those, added to the plan with one click.

The view model is ``smart_app.workspace.needs`` (pure, from ``srh_fhir.analysis``); the routes load the workspace and
render ``needs.html``.
"""

from __future__ import annotations

from flask import g

from smart_app.views.errors import problem_page
from smart_app.workspace import texts
from smart_app.workspace.builders import GoalInput
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import SuggestedGoalForm
from smart_app.workspace.pages import frame, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.pages.plan import plan_changed, save_goal
from srh_fhir.terminology import CoreAction, GoalLifecycleStatus


@blueprint.get("/needs")
def needs() -> Page:
    ws = frame.load_workspace()
    return render_needs(ws) if isinstance(ws, Workspace) else ws


def render_needs(ws: Workspace) -> tuple[str, int]:
    suggest = SuggestedGoalForm(formdata=None, patient=g.launch.patient, plan_version=ws.board.plan_version)
    return render("needs.html", ws, table=ws.needs, analysis=ws.analysis, suggest_form=suggest)


@blueprint.post("/plan/suggested-goal")
def add_suggested_goal() -> Page:
    form = SuggestedGoalForm()
    refused = frame.refuse_write(form, "CarePlan", "Goal")
    if refused:
        return refused
    need = form.basic_need()
    if not form.validate_on_submit() or need is None:
        return problem_page("bad_request", 400)
    ws = writes.workspace()
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    entered = GoalInput(
        description=texts.suggestion(need),
        core_action=CoreAction.STRENGTHEN,
        needs=(need,),
        lifecycle_status=GoalLifecycleStatus.PROPOSED,
        expressed_by=ws.user_reference,  # the professional's proposal, still to be put in the client's words
    )
    return plan_changed(ws, form.plan_version.data) or save_goal(
        ws, entered, "workspace.add_suggested_goal", form, render_needs
    )
