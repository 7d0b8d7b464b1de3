"""Two different ends of a network member, both confirmed first and undoable for a short while:

- the relationship ended (``end_member``): inactive with ``period.end``, and the reason, when given, as the note of
  a tie assessment; the member stays in the history and on "Veranderingen";
- entered by mistake (``remove_member``): the member is marked ``entered_in_error`` and disappears from every page,
  as if never entered.

Each act is posted twice: first it shows what will happen (the confirmation step, no JavaScript), then, with
``confirmed``, it is saved. What the member was before becomes the client's undo offer (``kept``), which every
workspace page shows until ``UNDO_FOR`` has passed.
"""

from __future__ import annotations

import datetime
from typing import Any

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _

from smart_app.views.errors import problem_page
from smart_app.workspace import builders
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import ConfirmedForm, EndMemberForm, RemoveMemberForm, UndoForm
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.pages.member import MemberChange, checked_member_change, member_conflict, member_rows
from smart_app.workspace.pages.posted import hidden_fields, shown_input, submitted
from smart_app.workspace.undo import Kind, UndoOffer
from srh_fhir.client_repository import ClientRepository
from srh_fhir.errors import PlanConflict
from srh_fhir.model import DomainObject, NetworkMember, TieAssessment
from srh_fhir.terminology import ObservationStatus


@blueprint.post("/network/members/<member_id>/end")
def end_member(member_id: str) -> Page:
    form = EndMemberForm()
    checked = checked_member_change(form, member_id, "end", ("RelatedPerson", "Observation"))
    if not isinstance(checked, MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    latest = latest_assessment(ws, person)
    if form.reason.data and form.reason.data.strip() and latest is None:
        form.reason.errors.append(_("A reason can only be kept for a tie that was assessed before."))
        return writes.again(form, None, checked.again, ws)
    stale = _changed_meanwhile(ws, person, form)
    if stale is not None:
        return stale
    if not form.confirmed.data:
        return _confirm(ws, person, "ended", form)
    ended = builders.ended_member(person, form.ended_on.data or ws.day)
    reason = builders.end_reason(latest, form.reason.data, writes.now(), g.launch.fhir_user)
    objects: list[DomainObject] = [ended, *([reason] if reason else [])]
    saved = _write(objects, person, ws, form, checked.again)
    if not isinstance(saved, dict):
        return saved
    assessment = saved.get(f"Observation/{builders.PROVISIONAL_TIE}")
    kept.offer_undo(UndoOffer.member_changed("ended", person, _utc_now(), assessment))
    kept.forget_draft("workspace.end_member")
    return redirect(url_for("workspace.member", member_id=member_id), 303)


@blueprint.post("/network/members/<member_id>/remove")
def remove_member(member_id: str) -> Page:
    form = RemoveMemberForm()
    checked = checked_member_change(form, member_id, "remove", ("RelatedPerson",))
    if not isinstance(checked, MemberChange):
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
    kept.offer_undo(UndoOffer.member_changed("removed", person, _utc_now(), None))
    return redirect(url_for("workspace.network"), 303)


@blueprint.post("/network/members/<member_id>/undo")
def undo_member(member_id: str) -> Page:
    form = UndoForm()
    refused = frame.refuse_write(form, "RelatedPerson", "Observation")
    if refused:
        return refused
    if not form.validate_on_submit():
        return problem_page("bad_request", 400)
    pending = kept.undo_offer()
    if pending is None or pending.kind == "left" or pending.target != member_id:
        flash(_("This can no longer be undone."))
        return redirect(url_for("workspace.network"), 303)
    ws = writes.workspace()
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    person = ws.member(member_id) or ws.removed_member(member_id)
    if person is None or not pending.applies_to(person):
        kept.withdraw_undo()
        flash(_("This can no longer be undone: the network member was changed meanwhile."))
        return redirect(url_for("workspace.network"), 303)
    restored = pending.restored(person)
    withdrawn = [builders.invalidated(a) for a in ws.picture.tie_assessments if a.reference == pending.assessment]

    def write(repository: ClientRepository) -> Page | None:
        try:
            if pending.kind == "removed":
                repository.restore_member(restored, *withdrawn)
            else:
                repository.save(restored, *withdrawn)
        except PlanConflict:
            kept.withdraw_undo()
            flash(_("This can no longer be undone: the network member was changed meanwhile."))
            return redirect(url_for("workspace.member", member_id=member_id), 303)
        return None

    failed = frame.attempt(write, unsaved=submitted())
    if isinstance(failed, SaveFailure):
        return frame.form_again(failed)
    if failed is not None:
        return failed
    kept.withdraw_undo()
    flash(_("Undone: %(name)s is back as before.", name=person.display_name))
    return redirect(url_for("workspace.member", member_id=member_id), 303)


def latest_assessment(ws: Workspace, person: NetworkMember) -> TieAssessment | None:
    """The member's newest tie assessment that counts (the picture holds them newest first)."""
    counted = (ObservationStatus.FINAL, ObservationStatus.AMENDED, ObservationStatus.CORRECTED)
    return next((a for a in ws.picture.tie_assessments if a.member == person.reference and a.status in counted), None)


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _changed_meanwhile(ws: Workspace, person: NetworkMember, form: ConfirmedForm) -> Page | None:
    current = ws.version_of(person.reference)
    if form.version.data == current:
        return None
    return writes.conflict_page(ws, "member", [member_rows(person, ws)], current_versions={"version": current})


def _confirm(ws: Workspace, person: NetworkMember, kind: Kind, form: ConfirmedForm) -> Page:
    """The confirmation step: what will happen, with the input posted again and ``confirmed`` set."""
    values = submitted()
    return render(
        "confirm_member.html",
        ws,
        kind=kind,
        person=person,
        entered=shown_input(values),
        action=request.path,
        hidden=list(hidden_fields(values, {"confirmed": "yes"})),
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
            return member_conflict(error, person, ws)

    saved = frame.attempt(write, unsaved=submitted())
    if isinstance(saved, SaveFailure):
        return writes.again(form, saved, again, ws)
    return saved
