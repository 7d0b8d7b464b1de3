"""One activity of the plan: the pages to change it, mark it done and cancel it with a reason (one form each, linked
from its card on the Plan page), and what they post; undoing a cancel is a button on the Plan page.

An activity is named by its place in the current plan; the form carries the plan's version, so a plan changed
meanwhile is a conflict (both versions shown, the input kept) rather than a change to the wrong activity. Every
other failure shows the form's page again with the form as posted (``writes``); undoing a cancel, the Plan page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from flask import request
from flask_babel import gettext as _

from smart_app.views.errors import problem_page
from smart_app.workspace import builders
from smart_app.workspace.context import Workspace
from smart_app.workspace.pages import activity_forms, frame, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.pages.plan import plan_changed, plan_conflict, plan_workspace, render_plan
from smart_app.workspace.plan_board import ActivityCard
from srh_fhir.model import SupportPlan

log = logging.getLogger(__name__)
Change = Callable[[Workspace, ActivityCard, Any], SupportPlan | None]
"""The plan with the posted change, or None when the form does not apply (e.g. its status is not allowed)."""


def _card(ws: Workspace, index: int) -> ActivityCard | None:
    return next((c for column in ws.board.columns for c in column.activities if c.index == index), None)


def _first_shown(ws: Workspace, card: ActivityCard, name: str) -> Any:
    if name == "edit":
        return activity_forms.edit_form(ws, card)
    return (activity_forms.done_form if name == "done" else activity_forms.cancel_form)(ws, card.index)


def render_activity_form(ws: Workspace, index: int, name: str, form: Any = None) -> tuple[str, int]:
    """The page of one activity's form ``name`` (edit, done, cancel), as first shown or as posted; only an open
    activity (not cancelled, and not done unless it is changed) has these pages."""
    card = _card(ws, index)
    if card is None or card.cancelled or (card.completed and name != "edit"):
        return problem_page("not_found", 404)
    return render(f"plan_activity_{name}.html", ws, activity=card, form=form or _first_shown(ws, card, name))


def _page(index: int, name: str) -> Page:
    ws = frame.load_workspace()
    return render_activity_form(ws, index, name) if isinstance(ws, Workspace) else ws


@blueprint.get("/plan/activities/<int:index>/change")
def change_activity_page(index: int) -> Page:
    return _page(index, "edit")


@blueprint.get("/plan/activities/<int:index>/done")
def done_activity_page(index: int) -> Page:
    return _page(index, "done")


@blueprint.get("/plan/activities/<int:index>/cancel")
def cancel_activity_page(index: int) -> Page:
    return _page(index, "cancel")


def _change_activity(
    index: int,
    name: str,
    make_form: Callable[[Workspace, ActivityCard], Any],
    change: Change,
    message: str,
    cancelled: bool = False,
) -> Page:
    """The steps every change of an activity takes; ``cancelled`` is whether the activity must be cancelled."""
    # undo is posted from the plan page, which is shown again if it fails
    ws = writes.workspace(plan_workspace if name == "undo" else frame.workspace_of_repository)
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    card = _card(ws, index)
    if card is None:
        log.warning("refused a change to an activity that is not in the launch patient's plan")
        return problem_page("bad_request", 400)
    form = make_form(ws, card)
    refused = frame.refuse_write(form, "CarePlan")
    if refused:
        return refused
    again: writes.PageOf = (
        render_plan if name == "undo" else partial(render_activity_form, index=index, name=name, form=form)
    )
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    changed = plan_changed(ws, form.plan_version.data)
    if changed:
        return changed
    plan = change(ws, card, form) if card.cancelled == cancelled else None
    if plan is None:
        return problem_page("bad_request", 400)
    failed = writes.finish(writes.save([plan], plan_conflict), form, again, ws)
    endpoint = f"workspace.{name}_activity"
    return failed or writes.saved(message, "workspace.plan", endpoint, _anchor=f"activity-{index}")


def _plan(ws: Workspace) -> SupportPlan:
    plan = ws.board.plan
    assert plan is not None, "an activity is on the board only when there is a plan"
    return plan


@blueprint.post("/plan/activities/<int:index>")
def edit_activity(index: int) -> Page:
    def change(ws: Workspace, card: ActivityCard, form: Any) -> SupportPlan:
        return builders.plan_with_edited_activity(_plan(ws), card.index, form.edit_input())

    make = partial(_posted, activity_forms.edit_form)
    return _change_activity(index, "edit", make, change, _("The activity was saved."))


@blueprint.post("/plan/activities/<int:index>/done")
def done_activity(index: int) -> Page:
    def change(ws: Workspace, card: ActivityCard, form: Any) -> SupportPlan:
        return builders.plan_with_completed_activity(_plan(ws), card.index, form.completed_on.data)

    make = partial(_posted_at, activity_forms.done_form)
    return _change_activity(index, "done", make, change, _("The activity was marked as done."))


@blueprint.post("/plan/activities/<int:index>/cancel")
def cancel_activity(index: int) -> Page:
    def change(ws: Workspace, card: ActivityCard, form: Any) -> SupportPlan:
        plan = _plan(ws)
        activity_forms.remember_status_before_cancel(ws, card.index, plan.activities[card.index].status)
        return builders.plan_with_cancelled_activity(plan, card.index, form.reason.data)

    make = partial(_posted_at, activity_forms.cancel_form)
    message = _("The activity was cancelled. You can undo this on the activity.")
    return _change_activity(index, "cancel", make, change, message)


@blueprint.post("/plan/activities/<int:index>/undo")
def undo_activity(index: int) -> Page:
    def change(ws: Workspace, card: ActivityCard, form: Any) -> SupportPlan | None:
        status = form.restored_status()
        if status is None:
            return None
        activity_forms.forget_status_before_cancel(ws, card.index)
        return builders.plan_with_restored_activity(_plan(ws), card.index, status)

    make = partial(_posted_at, activity_forms.undo_form)
    return _change_activity(index, "undo", make, change, _("The cancel was undone."), cancelled=True)


def _posted(make: Callable[..., Any], ws: Workspace, card: ActivityCard) -> Any:
    return make(ws, card, request.form)


def _posted_at(make: Callable[..., Any], ws: Workspace, card: ActivityCard) -> Any:
    return make(ws, card.index, request.form)
