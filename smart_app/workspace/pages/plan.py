"""The plan: goals and activities under the four core actions (verbinden, verstaan, verzekeren, versterken), who
takes part in each, and the forms that add goals and activities. Each goal is changed on a page of its own
(``plan_goal_edit.html``), each activity too (``plan_activities``, its forms in ``activity_forms``): one form per
page keeps the plan quick to show however long it is.

The view model is ``smart_app.workspace.plan_board`` (pure); the routes load the workspace and render ``plan.html``.
"""

from __future__ import annotations

import datetime
import logging
from functools import partial
from typing import Any

from flask import g, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from smart_app.client_view import picture
from smart_app.views.errors import problem_page
from smart_app.workspace import builders, texts
from smart_app.workspace.builders import GoalInput
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import ActivityForm, GoalForm
from smart_app.workspace.pages import activity_forms, frame, kept, writes
from smart_app.workspace.pages.frame import Page, blueprint, render
from smart_app.workspace.people import PersonKind
from smart_app.workspace.plan_board import GoalCard
from srh_fhir.errors import PlanConflict
from srh_fhir.model import DomainObject, SupportPlan

log = logging.getLogger(__name__)

# Forms on one page have their own prefix, so no two fields share a name or an element id.
NEW_GOAL_PREFIX, NEW_ACTIVITY_PREFIX = "new-goal", "new-activity"


def goal_prefix(goal_id: str) -> str:
    return f"goal-{goal_id}"


def goal_form(
    ws: Workspace, data: MultiDict[str, Any] | None = None, prefix: str = NEW_GOAL_PREFIX, **values: Any
) -> GoalForm:
    """The goal form; who formulated the goal starts at the client (the safe default) unless ``values`` say."""
    values.setdefault("expressed_by", ws.patient_reference)
    form = GoalForm(
        formdata=data, prefix=prefix, patient=g.launch.patient, plan_version=ws.board.plan_version, **values
    )
    answers = ws.answer_choices(tuple(values.get("answers", ())))
    form.set_choices(ws.language, dict(ws.labels.statuses), author_pairs(ws, values["expressed_by"]), answers)
    return form


def author_pairs(ws: Workspace, current: str | None) -> list[tuple[str, str]]:
    """The choices of "In whose words?": the client first, then the professional and the network members."""
    pairs = []
    for choice in ws.author_choices(current):
        if choice.kind is PersonKind.CLIENT:
            pairs.append((choice.reference, _("In the client's own words (%(name)s)", name=choice.label)))
        else:
            kind = texts.PERSON_KIND[choice.kind.value]
            pairs.append((choice.reference, _("%(name)s (%(kind)s)", name=choice.label, kind=kind)))
    return pairs


def activity_form(ws: Workspace, data: MultiDict[str, Any] | None = None) -> ActivityForm:
    form = ActivityForm(
        formdata=data, prefix=NEW_ACTIVITY_PREFIX, patient=g.launch.patient, plan_version=ws.board.plan_version
    )
    form.set_choices(ws.language, activity_forms.performer_pairs(ws), ws.goal_choices(), dict(ws.labels.statuses))
    return form


def goal_values(card: GoalCard) -> dict[str, Any]:
    """A goal card's values as its edit form starts from."""
    return {
        "goal_version": card.version,
        "description": card.description,
        "core_action": card.core_action.value if card.core_action else None,
        "needs": [n.value for n in card.needs],
        "due": datetime.date.fromisoformat(card.due) if card.due else None,
        "status": card.lifecycle_status,
        "expressed_by": card.expressed_by.reference if card.expressed_by else None,
        "answers": list(card.answers),
    }


# The plan's pages load the understanding entries too: each goal says what it answers in Verstaan.
plan_workspace = frame.workspace_with_understanding


@blueprint.get("/plan")
def plan() -> Page:
    ws = frame.load_workspace(plan_workspace)
    return render_plan(ws) if isinstance(ws, Workspace) else ws


def render_plan(ws: Workspace, goal: GoalForm | None = None, activity: ActivityForm | None = None) -> tuple[str, int]:
    """The plan page, with the add-goal and add-activity forms (``goal``, ``activity``: as posted). Each goal and
    activity links to its own page to change it; only undoing a cancel is a button on this page."""
    goal = goal or goal_form(ws, kept.draft("workspace.add_goal"))
    activity = activity or activity_form(ws, kept.draft("workspace.add_activity"))
    return render(
        "plan.html",
        ws,
        board=ws.board,
        goal_form=goal,
        activity_form=activity,
        undo_forms=activity_forms.undo_forms(ws),
        without_consent=ws.members_without_consent(),
        comments=picture.comments(ws),
    )


def _goal_card(ws: Workspace, goal_id: str) -> GoalCard | None:
    cards = [card for column in ws.board.columns for card in column.goals] + list(ws.board.unsorted_goals)
    return next((card for card in cards if card.goal_id == goal_id), None)


@blueprint.get("/plan/goals/<goal_id>/change")
def change_goal_page(goal_id: str) -> Page:
    """One goal's form, on a page of its own; it is posted to ``edit_goal``."""
    ws = frame.load_workspace(plan_workspace)
    return render_goal_change(ws, goal_id) if isinstance(ws, Workspace) else ws


def render_goal_change(ws: Workspace, goal_id: str, form: GoalForm | None = None) -> tuple[str, int]:
    card = _goal_card(ws, goal_id)
    if card is None:
        return problem_page("not_found", 404)
    form = form or goal_form(ws, None, goal_prefix(goal_id), **goal_values(card))
    return render("plan_goal_edit.html", ws, card=card, form=form)


# -- what the page posts ------------------------------------------------------------------------------------------


def plan_of(ws: Workspace) -> SupportPlan:
    """The current plan as loaded (saving it checks its version), or a new plan for the launch's patient."""
    current = ws.board.plan
    if current is not None:
        return current
    title = _("Support plan of %(name)s", name=ws.directory.patient_display)
    return builders.new_plan(ws.patient_reference, title, g.launch.fhir_user, ws.day)


def plan_changed(ws: Workspace, shown_version: str | None) -> Page | None:
    """The conflict page when the plan changed since the form was shown."""
    if (shown_version or "") == ws.board.plan_version:
        return None
    return writes.conflict_page(ws, "plan", _plan_rows(ws), current_versions={"plan_version": ws.board.plan_version})


def _plan_rows(ws: Workspace) -> writes.Rows:
    current = ws.board.plan
    rows = []
    if current is not None:
        rows.append([(_("Plan"), current.title or ""), (_("Status"), texts.status_label(current.status.value))])
    for column in ws.board.columns:
        for goal in column.goals:
            rows.append([(_("Goal"), goal.description), (_("Core action"), column.label)])
        for card in column.activities:
            who = ", ".join(p.name for p in card.performers)
            rows.append([(_("Activity"), card.description), (_("Core action"), column.label), (_("Who"), who)])
    return rows


def plan_conflict(error: PlanConflict) -> Page:
    ws = frame.load_workspace(plan_workspace)
    if not isinstance(ws, Workspace):
        return ws
    return writes.conflict_page(ws, "plan", _plan_rows(ws), current_versions={"plan_version": ws.board.plan_version})


def save_goal(ws: Workspace, entered: GoalInput, draft_endpoint: str, form: Any, again: writes.PageOf) -> Page:
    """Add a goal to the plan (the plan is made when the client has none yet)."""
    goal = builders.new_goal(ws.patient_reference, entered, ws.day)
    with_goal = builders.plan_with_goal(plan_of(ws), goal.reference)
    failed = writes.finish(writes.save([with_goal, goal], plan_conflict), form, again, ws)
    return failed or writes.saved(_("The goal was added to the plan."), "workspace.plan", draft_endpoint)


@blueprint.post("/plan/goals")
def add_goal() -> Page:
    posted = writes.posted_form(lambda ws: goal_form(ws, request.form), "CarePlan", "Goal", load=plan_workspace)
    if not isinstance(posted, writes.Posted):
        return posted
    ws, form = posted.ws, posted.form
    again = partial(render_plan, goal=form)
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    return plan_changed(ws, form.plan_version.data) or save_goal(
        ws, form.goal_input(), "workspace.add_goal", form, again
    )


def _edited_goal_form(ws: Workspace, goal_id: str) -> GoalForm:
    """A goal's form as posted; its author so far, and what it answered so far, stay choosable."""
    goal = next((x for x in ws.picture.goals if x.id == goal_id), None)
    author, answers = (goal.expressed_by, goal.addresses) if goal else (None, ())
    return goal_form(ws, request.form, goal_prefix(goal_id), expressed_by=author, answers=answers)


@blueprint.post("/plan/goals/<goal_id>")
def edit_goal(goal_id: str) -> Page:
    posted = writes.posted_form(partial(_edited_goal_form, goal_id=goal_id), "Goal", load=plan_workspace)
    if not isinstance(posted, writes.Posted):
        return posted
    ws, form = posted.ws, posted.form
    goal = next((x for x in ws.picture.goals if x.id == goal_id), None)
    if goal is None:
        log.warning("refused a change to a goal outside the launch patient's picture")
        return problem_page("patient_mismatch", 400)
    again = partial(render_goal_change, goal_id=goal_id, form=form)
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    current = ws.version_of(goal.reference)
    if (form.goal_version.data or "") != current:
        rows = [[(_("Goal"), goal.description), (_("Status"), texts.status_label(goal.lifecycle_status.value))]]
        return writes.conflict_page(ws, "goal", rows, current_versions={"goal_version": current})
    # The goal as loaded, so it is saved with ifMatch at ``current``.
    objects: list[DomainObject] = [builders.edited_goal(goal, form.goal_input())]
    with_goal = plan_of(ws)
    if goal.reference not in with_goal.goals:
        objects.insert(0, builders.plan_with_goal(with_goal, goal.reference))
    failed = writes.finish(writes.save(objects, plan_conflict), form, again, ws)
    return failed or writes.saved(
        _("The goal was saved."), "workspace.plan", "workspace.edit_goal", _anchor=f"goal-{goal_id}"
    )


@blueprint.post("/plan/activities")
def add_activity() -> Page:
    posted = writes.posted_form(lambda ws: activity_form(ws, request.form), "CarePlan", load=plan_workspace)
    if not isinstance(posted, writes.Posted):
        return posted
    ws, form = posted.ws, posted.form
    again = partial(render_plan, activity=form)
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    changed = plan_changed(ws, form.plan_version.data)
    if changed:
        return changed
    with_activity = builders.plan_with_activity(plan_of(ws), form.activity_input())
    failed = writes.finish(writes.save([with_activity], plan_conflict), form, again, ws)
    return failed or writes.saved(_("The activity was added to the plan."), "workspace.plan", "workspace.add_activity")
