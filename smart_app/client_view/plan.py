"""The client's plan: what they want to achieve and what is done, by core action and by whom, and the form that
adds a goal in their own words (``expressedBy`` the client, proposed: their professional places it in the plan
with them). The view model is ``picture.plan`` (pure); the routes render ``templates/client/plan.html``.
"""

from __future__ import annotations

from functools import partial

from flask import g, request
from flask_babel import gettext as _

from smart_app.client_view import picture
from smart_app.client_view.forms import ClientGoalForm
from smart_app.client_view.frame import blueprint
from smart_app.workspace import builders, texts
from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, render
from smart_app.workspace.pages.plan import plan_of
from srh_fhir.errors import PlanConflict

GOAL_PREFIX = "goal"


@blueprint.get("/plan")
def plan() -> Page:
    ws = frame.load_workspace()
    return render_plan(ws) if isinstance(ws, Workspace) else ws


def goal_form(ws: Workspace, data: object = None) -> ClientGoalForm:
    return ClientGoalForm(
        formdata=data, prefix=GOAL_PREFIX, patient=g.launch.patient, plan_version=ws.board.plan_version
    )


def render_plan(ws: Workspace, form: ClientGoalForm | None = None) -> tuple[str, int]:
    form = form or goal_form(ws, kept.draft("client.add_goal"))
    return render("plan.html", ws, plan=picture.plan(ws, _("you")), goal_form=form)


def changed_meanwhile(error: PlanConflict) -> SaveFailure:
    """The plan changed between loading and saving: nothing was saved; the client sends their words again."""
    return SaveFailure("conflict", 409, str(texts.FAILURE["changed_meanwhile"]))


@blueprint.post("/plan/goals")
def add_goal() -> Page:
    posted = writes.posted_form(lambda ws: goal_form(ws, request.form), "CarePlan", "Goal")
    if not isinstance(posted, writes.Posted):
        return posted
    ws, form = posted.ws, posted.form
    again = partial(render_plan, form=form)
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    goal = builders.new_goal(ws.patient_reference, form.goal_input(ws.patient_reference), ws.day)
    with_goal = builders.plan_with_goal(plan_of(ws), goal.reference)
    failed = writes.finish(writes.save([with_goal, goal], changed_meanwhile), form, again, ws)
    return failed or writes.saved(_("Your goal was added to your plan."), "client.plan", "client.add_goal")
