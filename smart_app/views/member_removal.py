"""Two different ends of a network member, both confirmed first and undoable for a short while:

- the relationship ended (``end_member``): inactive with ``period.end``, and the reason, when given, as the note of
  a tie assessment; the member stays in the history and on "Veranderingen";
- entered by mistake (``remove_member``): the member is marked ``entered_in_error`` and disappears from every page,
  as if never entered.

Each act is posted twice: first it shows what will happen (the confirmation step, no JavaScript), then, with
``confirmed``, it is saved. What the member was before is kept in the session (``smart_app.workspace.undo``), and
every workspace page offers to undo it until ``UNDO_FOR`` has passed.
"""

from __future__ import annotations

import datetime
from typing import Any

from flask import flash, g, redirect, request, session, url_for
from flask_babel import gettext as _

from smart_app.views import workspace_changes as changes
from smart_app.views import workspace_support as support
from smart_app.views.errors import problem_page
from smart_app.views.workspace_support import Page, SaveFailure, blueprint, render
from smart_app.workspace import builders
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import ConfirmedForm, EndMemberForm, RemoveMemberForm, UndoForm
from smart_app.workspace.undo import Kind, Undo
from srh_fhir.client_repository import ClientRepository
from srh_fhir.errors import PlanConflict
from srh_fhir.model import DomainObject, NetworkMember, TieAssessment
from srh_fhir.terminology import ObservationStatus

_SESSION_KEY = "member_undo"  # the social system page keeps its own offers under "workspace_undo"


@blueprint.post("/network/members/<member_id>/end")
def end_member(member_id: str) -> Page:
    form = EndMemberForm()
    checked = changes._checked_member_change(form, member_id, "end", ("RelatedPerson", "Observation"))
    if not isinstance(checked, changes._MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    latest = latest_assessment(ws, person)
    if form.reason.data and form.reason.data.strip() and latest is None:
        form.reason.errors.append(_("A reason can only be kept for a tie that was assessed before."))
        return changes._again(form, None, checked.again, ws)
    stale = _changed_meanwhile(ws, person, form)
    if stale is not None:
        return stale
    if not form.confirmed.data:
        return _confirm(ws, person, "ended", form)
    ended = builders.ended_member(person, form.ended_on.data or support.today())
    reason = builders.end_reason(latest, form.reason.data, changes._now(), g.launch.fhir_user)
    objects: list[DomainObject] = [ended, *([reason] if reason else [])]
    saved = _write(objects, person, ws, form, checked.again)
    if not isinstance(saved, dict):
        return saved
    assessment = saved.get(f"Observation/{builders.PROVISIONAL_TIE}")
    _remember(Undo.of("ended", person, _utc_now(), assessment))
    support.forget_draft("workspace_pages.end_member")
    return redirect(url_for("workspace_pages.member", member_id=member_id), 303)


@blueprint.post("/network/members/<member_id>/remove")
def remove_member(member_id: str) -> Page:
    form = RemoveMemberForm()
    checked = changes._checked_member_change(form, member_id, "remove", ("RelatedPerson",))
    if not isinstance(checked, changes._MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    stale = _changed_meanwhile(ws, person, form)
    if stale is not None:
        return stale
    if not form.confirmed.data:
        return _confirm(ws, person, "removed", form)
    saved = _write([builders.removed_member(person)], person, ws, form, checked.again)
    if not isinstance(saved, dict):
        return saved
    _remember(Undo.of("removed", person, _utc_now()))
    return redirect(url_for("workspace_pages.network"), 303)


@blueprint.post("/network/members/<member_id>/undo")
def undo_member(member_id: str) -> Page:
    form = UndoForm()
    refused = support.refuse_write(form, "RelatedPerson", "Observation")
    if refused:
        return refused
    if not form.validate_on_submit():
        return problem_page("bad_request", 400)
    pending = pending_undo()
    if pending is None or pending.member_id != member_id:
        flash(_("This can no longer be undone."))
        return redirect(url_for("workspace_pages.network"), 303)
    ws = changes._workspace()
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    person = ws.member(member_id) or ws.removed_member(member_id)
    if person is None or not pending.applies_to(person):
        _forget()
        flash(_("This can no longer be undone: the network member was changed meanwhile."))
        return redirect(url_for("workspace_pages.network"), 303)
    restored = pending.restored(person)
    withdrawn = [builders.invalidated(a) for a in ws.picture.tie_assessments if a.reference == pending.assessment]

    def write(repository: ClientRepository) -> Page | None:
        try:
            if pending.kind == "removed":
                repository.restore_member(restored, *withdrawn)
            else:
                repository.save(restored, *withdrawn)
        except PlanConflict:
            _forget()
            flash(_("This can no longer be undone: the network member was changed meanwhile."))
            return redirect(url_for("workspace_pages.member", member_id=member_id), 303)
        return None

    failed = support.attempt(write, unsaved=support.submitted())
    if isinstance(failed, SaveFailure):
        return support.form_again(failed)
    if failed is not None:
        return failed
    _forget()
    flash(_("Undone: %(name)s is back as before.", name=person.display_name))
    return redirect(url_for("workspace_pages.member", member_id=member_id), 303)


@blueprint.app_context_processor
def undo_context() -> dict[str, Any]:
    """The change the page offers to undo, if any (workspace pages only)."""
    if request.blueprint != blueprint.name or getattr(g, "launch", None) is None:
        return {}
    return {"member_undo": pending_undo(), "member_undo_form": UndoForm(formdata=None, patient=g.launch.patient)}


def latest_assessment(ws: Workspace, person: NetworkMember) -> TieAssessment | None:
    """The member's newest tie assessment that counts (the picture holds them newest first)."""
    counted = (ObservationStatus.FINAL, ObservationStatus.AMENDED, ObservationStatus.CORRECTED)
    return next((a for a in ws.picture.tie_assessments if a.member == person.reference and a.status in counted), None)


def pending_undo() -> Undo | None:
    """The last ending or removal in this launch's patient, while it can still be undone."""
    values = session.get(_SESSION_KEY, {}).get(support._draft_key())
    pending = Undo.from_dict(values) if isinstance(values, dict) else None
    return pending if pending is not None and pending.open_at(_utc_now()) else None


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _remember(undo: Undo) -> None:
    kept = dict(session.get(_SESSION_KEY, {}))
    kept[support._draft_key()] = undo.as_dict()
    session[_SESSION_KEY] = kept


def _forget() -> None:
    kept = dict(session.get(_SESSION_KEY, {}))
    if kept.pop(support._draft_key(), None) is not None:
        session[_SESSION_KEY] = kept


def _changed_meanwhile(ws: Workspace, person: NetworkMember, form: ConfirmedForm) -> Page | None:
    current = ws.version_of(person.reference)
    if form.version.data == current:
        return None
    rows = [changes._member_rows(person, ws)]
    return changes._conflict_page(ws, "member", rows, current_versions={"version": current})


def _confirm(ws: Workspace, person: NetworkMember, kind: Kind, form: ConfirmedForm) -> Page:
    """The confirmation step: what will happen, with the input posted again and ``confirmed`` set."""
    values = support.submitted()
    hidden = list(support.hidden_fields(values, {"confirmed": "yes"}))
    return render(
        "confirm_member.html",
        ws,
        kind=kind,
        person=person,
        entered=support.shown_input(values),
        action=request.path,
        hidden=hidden,
    )


def _write(
    objects: list[DomainObject], person: NetworkMember, ws: Workspace, form: Any, again: Any
) -> dict[str, str] | Page:
    """Save in one transaction (the form's reason, if any, also in its change record): the new references, or the
    page to show (conflict, or the form with why)."""
    reason = (getattr(getattr(form, "reason", None), "data", None) or "").strip() or None

    def write(repository: ClientRepository) -> dict[str, str] | Page:
        try:
            return repository.save(*objects, reason=reason)
        except PlanConflict as error:
            return changes._member_conflict(error, person, ws)

    saved = support.attempt(write, unsaved=support.submitted())
    if isinstance(saved, SaveFailure):
        return changes._again(form, saved, again, ws)
    return saved
