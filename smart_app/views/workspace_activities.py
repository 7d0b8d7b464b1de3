"""What the Plan page posts for one activity: change it, mark it done, cancel it with a reason, undo a cancel.

An activity is named by its place in the current plan; the form carries the plan's version, so a plan changed
meanwhile is a conflict (both versions shown, the input kept) rather than a change to the wrong activity. Every
failure shows the Plan page again with the form as posted, as the other changes in ``workspace_changes`` do.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from flask import request
from flask_babel import gettext as _

from smart_app.views import plan_activities
from smart_app.views import workspace_pages as pages
from smart_app.views import workspace_support as support
from smart_app.views.errors import problem_page
from smart_app.views.workspace_changes import _again, _finish, _plan_changed, _plan_conflict, _save, _saved, _workspace
from smart_app.views.workspace_support import Page, SaveFailure, blueprint
from smart_app.workspace import builders
from smart_app.workspace.context import Workspace
from smart_app.workspace.plan_board import ActivityCard
from srh_fhir.model import SupportPlan

log = logging.getLogger(__name__)
Change = Callable[[Workspace, ActivityCard, Any], SupportPlan | None]
"""The plan with the posted change, or None when the form does not apply (e.g. its status is not allowed)."""


def _card(ws: Workspace, index: int) -> ActivityCard | None:
    return next((c for column in ws.board.columns for c in column.activities if c.index == index), None)


def _change_activity(
    index: int,
    name: str,
    make_form: Callable[[Workspace, ActivityCard], Any],
    change: Change,
    message: str,
    cancelled: bool = False,
) -> Page:
    """The steps every change of an activity takes; ``cancelled`` is whether the activity must be cancelled."""
    ws = _workspace()
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    card = _card(ws, index)
    if card is None:
        log.warning("refused a change to an activity that is not in the launch patient's plan")
        return problem_page("bad_request", 400)
    form = make_form(ws, card)
    refused = support.refuse_write(form, "CarePlan")
    if refused:
        return refused
    again = partial(pages.render_plan, posted_activity=(index, name, form))
    if not form.validate_on_submit():
        return _again(form, None, again, ws)
    changed = _plan_changed(ws, form.plan_version.data)
    if changed:
        return changed
    plan = change(ws, card, form) if card.cancelled == cancelled else None
    if plan is None:
        return problem_page("bad_request", 400)
    failed = _finish(_save([plan], _plan_conflict), form, again, ws)
    endpoint = f"workspace_pages.{name}_activity"
    return failed or _saved(message, "workspace_pages.plan", endpoint, _anchor=f"activity-{index}")


def _plan(ws: Workspace) -> SupportPlan:
    plan = ws.board.plan
    assert plan is not None, "an activity is on the board only when there is a plan"
    return plan


@blueprint.post("/plan/activities/<int:index>")
def edit_activity(index: int) -> Page:
    def change(ws: Workspace, card: ActivityCard, form: Any) -> SupportPlan:
        return builders.plan_with_edited_activity(_plan(ws), card.index, form.edit_input())

    make = partial(_posted, plan_activities.edit_form)
    return _change_activity(index, "edit", make, change, _("The activity was saved."))


@blueprint.post("/plan/activities/<int:index>/done")
def done_activity(index: int) -> Page:
    def change(ws: Workspace, card: ActivityCard, form: Any) -> SupportPlan:
        return builders.plan_with_completed_activity(_plan(ws), card.index, form.completed_on.data)

    make = partial(_posted_at, plan_activities.done_form)
    return _change_activity(index, "done", make, change, _("The activity was marked as done."))


@blueprint.post("/plan/activities/<int:index>/cancel")
def cancel_activity(index: int) -> Page:
    def change(ws: Workspace, card: ActivityCard, form: Any) -> SupportPlan:
        plan = _plan(ws)
        plan_activities.remember_status_before_cancel(ws, card.index, plan.activities[card.index].status)
        return builders.plan_with_cancelled_activity(plan, card.index, form.reason.data)

    make = partial(_posted_at, plan_activities.cancel_form)
    message = _("The activity was cancelled. You can undo this on the activity.")
    return _change_activity(index, "cancel", make, change, message)


@blueprint.post("/plan/activities/<int:index>/undo")
def undo_activity(index: int) -> Page:
    def change(ws: Workspace, card: ActivityCard, form: Any) -> SupportPlan | None:
        status = form.restored_status()
        if status is None:
            return None
        plan_activities.forget_status_before_cancel(ws, card.index)
        return builders.plan_with_restored_activity(_plan(ws), card.index, status)

    make = partial(_posted_at, plan_activities.undo_form)
    return _change_activity(index, "undo", make, change, _("The cancel was undone."), cancelled=True)


def _posted(make: Callable[..., Any], ws: Workspace, card: ActivityCard) -> Any:
    return make(ws, card, request.form)


def _posted_at(make: Callable[..., Any], ws: Workspace, card: ActivityCard) -> Any:
    return make(ws, card.index, request.form)


