"""The client's plan: what they want to achieve and what is done, by core action and by whom, and the forms that
add a goal in their own words (``expressedBy`` the client, proposed: their professional places it in the plan
with them) and a comment on the plan (a ``CarePlan.note`` with the client as ``authorReference``). The view models
are ``picture.plan`` and ``picture.comments`` (pure); the routes render ``templates/client/plan.html``.
"""

from __future__ import annotations

from functools import partial

from flask import g, request
from flask_babel import gettext as _

from smart_app.client_view import picture
from smart_app.client_view.forms import ClientCommentForm, ClientGoalForm
from smart_app.client_view.frame import blueprint
from smart_app.workspace import builders, texts
from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, render
from smart_app.workspace.pages.plan import plan_of
from srh_fhir.errors import PlanConflict

GOAL_PREFIX, COMMENT_PREFIX = "goal", "comment"


@blueprint.get("/plan")
def plan() -> Page:
    ws = frame.load_workspace()
    return render_plan(ws) if isinstance(ws, Workspace) else ws


def goal_form(ws: Workspace, data: object = None) -> ClientGoalForm:
    return ClientGoalForm(
        formdata=data, prefix=GOAL_PREFIX, patient=g.launch.patient, plan_version=ws.board.plan_version
    )


def comment_form(ws: Workspace, data: object = None) -> ClientCommentForm:
    return ClientCommentForm(
        formdata=data, prefix=COMMENT_PREFIX, patient=g.launch.patient, plan_version=ws.board.plan_version
    )


def render_plan(
    ws: Workspace, form: ClientGoalForm | None = None, comment: ClientCommentForm | None = None
) -> tuple[str, int]:
    """The plan page with its two forms (``form``, ``comment``: as posted)."""
    return render(
        "plan.html",
        ws,
        plan=picture.plan(ws, _("you")),
        comments=picture.comments(ws, only_the_clients=True),
        goal_form=form or goal_form(ws, kept.draft("client.add_goal")),
        comment_form=comment or comment_form(ws, kept.draft("client.add_comment")),
    )


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


@blueprint.post("/plan/comments")
def add_comment() -> Page:
    posted = writes.posted_form(lambda ws: comment_form(ws, request.form), "CarePlan")
    if not isinstance(posted, writes.Posted):
        return posted
    ws, form = posted.ws, posted.form
    again = partial(render_plan, comment=form)
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    with_comment = builders.plan_with_comment(plan_of(ws), form.text.data or "", ws.patient_reference, writes.now())
    failed = writes.finish(writes.save([with_comment], changed_meanwhile), form, again, ws)
    return failed or writes.saved(
        _("Your comment was added to your plan."), "client.plan", "client.add_comment", _anchor="comments"
    )
