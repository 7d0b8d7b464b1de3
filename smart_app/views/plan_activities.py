"""The forms of each activity on the Plan page (change it, mark it done, cancel it, undo a cancel) and who may be
chosen to do an activity.

A cancel remembers, for this browser session and client, the status the activity had, so that undoing it sets that
status back; an activity cancelled elsewhere (or in an earlier session) is set back to "not started".
"""

from __future__ import annotations

from typing import Any

from flask import g, session
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from smart_app.sessions import fingerprint
from smart_app.workspace import texts
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import ActivityCancelForm, ActivityDoneForm, ActivityEditForm, ActivityUndoForm
from smart_app.workspace.people import PersonKind
from smart_app.workspace.plan_board import ActivityCard
from srh_fhir.terminology import CarePlanActivityStatus

ActivityForms = dict[str, Any]
"""One activity's forms by name: ``edit``, ``done``, ``cancel`` and (for a cancelled activity) ``undo``."""
_UNDO_KEY = "workspace_activity_undo"


def prefix(index: int, name: str) -> str:
    """The prefix of one activity's form: no two fields on the page share a name or an id."""
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


def forms_of(ws: Workspace, card: ActivityCard) -> ActivityForms:
    """The forms of one activity as first shown."""
    if card.cancelled:
        return {"undo": undo_form(ws, card.index)}
    return {"edit": edit_form(ws, card), "done": done_form(ws, card.index), "cancel": cancel_form(ws, card.index)}


def all_forms(ws: Workspace, posted: tuple[int, str, Any] | None = None) -> dict[int, ActivityForms]:
    """The forms of every activity on the board by index, with ``posted`` (index, name, form) as it was posted."""
    forms = {card.index: forms_of(ws, card) for column in ws.board.columns for card in column.activities}
    if posted is not None and posted[0] in forms:
        forms[posted[0]][posted[1]] = posted[2]
    return forms


def _undo_key(ws: Workspace, index: int) -> str:
    plan = ws.board.plan
    return f"{fingerprint(g.launch.patient)}/{plan.id if plan else ''}/{index}"


def remember_status_before_cancel(ws: Workspace, index: int, status: CarePlanActivityStatus) -> None:
    remembered = dict(session.get(_UNDO_KEY, {}))
    remembered[_undo_key(ws, index)] = status.value
    session[_UNDO_KEY] = remembered


def status_before_cancel(ws: Workspace, index: int) -> CarePlanActivityStatus:
    value = session.get(_UNDO_KEY, {}).get(_undo_key(ws, index))
    try:
        return CarePlanActivityStatus(value) if value else CarePlanActivityStatus.NOT_STARTED
    except ValueError:
        return CarePlanActivityStatus.NOT_STARTED


def forget_status_before_cancel(ws: Workspace, index: int) -> None:
    remembered = dict(session.get(_UNDO_KEY, {}))
    if remembered.pop(_undo_key(ws, index), None) is not None:
        session[_UNDO_KEY] = remembered

