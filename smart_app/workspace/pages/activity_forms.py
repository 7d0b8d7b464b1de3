"""The forms of an activity (change it, mark it done, cancel it: each on its own page; undo a cancel: a button on
the Plan page) and who may be chosen to do an activity.

A cancel remembers, for this browser session and client, the status the activity had, so that undoing it sets that
status back; an activity cancelled elsewhere (or in an earlier session) is set back to "not started".
"""

from __future__ import annotations

from typing import Any

from flask import g
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from smart_app.workspace import texts
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import ActivityCancelForm, ActivityDoneForm, ActivityEditForm, ActivityUndoForm
from smart_app.workspace.pages import kept
from smart_app.workspace.people import PersonKind
from smart_app.workspace.plan_board import ActivityCard
from srh_fhir.terminology import CarePlanActivityStatus


def prefix(index: int, name: str) -> str:
    """The prefix of one activity's form: no two fields on the Plan page (its undo buttons) share a name or an id."""
    return f"activity-{index}-{name}"


def performer_pairs(ws: Workspace, current: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Who may do an activity (value, label); ``current`` performers no longer offered (e.g. consent withdrawn) stay
    choosable, marked as such, so that changing something else keeps them and unticking removes them."""
    kinds = {kind.value: str(texts.PERSON_KIND[kind.value]) for kind in PersonKind}
    pairs = [(c.reference, f"{c.label} ({kinds[c.kind.value]})") for c in ws.performer_choices()]
    offered = {value for value, _ in pairs}
    return pairs + [(ref, f"{ws.directory.name(ref)} ({_('no consent')})") for ref in current if ref not in offered]


def edit_form(ws: Workspace, card: ActivityCard, data: MultiDict[str, Any] | None = None) -> ActivityEditForm:
    form = ActivityEditForm(
        formdata=data,
        prefix=prefix(card.index, "edit"),
        patient=g.launch.patient,
        plan_version=ws.board.plan_version,
        description=card.description,
        core_action=card.core_action.value,
        performers=list(card.performer_references),
        status=card.status,
    )
    form.set_choices(ws.language, performer_pairs(ws, card.performer_references), dict(ws.labels.statuses))
    return form


def done_form(ws: Workspace, index: int, data: MultiDict[str, Any] | None = None) -> ActivityDoneForm:
    return ActivityDoneForm(
        formdata=data,
        prefix=prefix(index, "done"),
        patient=g.launch.patient,
        plan_version=ws.board.plan_version,
        completed_on=ws.day,
    )


def cancel_form(ws: Workspace, index: int, data: MultiDict[str, Any] | None = None) -> ActivityCancelForm:
    return ActivityCancelForm(
        formdata=data, prefix=prefix(index, "cancel"), patient=g.launch.patient, plan_version=ws.board.plan_version
    )


def undo_form(ws: Workspace, index: int, data: MultiDict[str, Any] | None = None) -> ActivityUndoForm:
    return ActivityUndoForm(
        formdata=data,
        prefix=prefix(index, "undo"),
        patient=g.launch.patient,
        plan_version=ws.board.plan_version,
        status=status_before_cancel(ws, index).value,
    )


def undo_forms(ws: Workspace) -> dict[int, ActivityUndoForm]:
    """The one form the Plan page shows of an activity, by index: undoing the cancel of a cancelled activity."""
    return {
        card.index: undo_form(ws, card.index)
        for column in ws.board.columns
        for card in column.activities
        if card.cancelled
    }


def _status_slot(ws: Workspace, index: int) -> str:
    plan = ws.board.plan
    return f"status-before-cancel:{plan.id if plan else ''}/{index}"


def remember_status_before_cancel(ws: Workspace, index: int, status: CarePlanActivityStatus) -> None:
    kept.put(_status_slot(ws, index), status.value)


def status_before_cancel(ws: Workspace, index: int) -> CarePlanActivityStatus:
    value = kept.get(_status_slot(ws, index))
    try:
        return CarePlanActivityStatus(value) if value else CarePlanActivityStatus.NOT_STARTED
    except ValueError:
        return CarePlanActivityStatus.NOT_STARTED


def forget_status_before_cancel(ws: Workspace, index: int) -> None:
    kept.drop(_status_slot(ws, index))
