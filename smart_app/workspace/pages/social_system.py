"""The social system: everyone involved with the client, network members and professionals, with their roles over
time, and the forms that change it (add someone, change a role, someone leaves, undo that).

The view model is ``smart_app.workspace.social_system`` (pure); the routes load the workspace and render
``social_system.html``. The first person added starts the client's social system.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import partial
from typing import Any

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from smart_app.views.errors import problem_page
from smart_app.workspace import builders, dates, texts
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import ParticipantForm, RemoveParticipantForm, RoleForm, UndoForm
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.pages.posted import shown_input, submitted
from smart_app.workspace.people import PersonKind
from smart_app.workspace.social_system import TeamRow, TeamView, candidates, team_to_change
from smart_app.workspace.undo import UndoOffer
from srh_fhir.errors import PlanConflict
from srh_fhir.model import SocialSystem

ADD_PARTICIPANT_PREFIX = "add"  # one role form per participant besides


def role_prefix(index: int) -> str:
    return f"role-{index}"


def team_version(ws: Workspace) -> str:
    """The version of the social system the page changes, as loaded; "" when the client has none yet."""
    team = team_to_change(ws.picture.social_systems)
    return ws.version_of(team.reference) if team is not None and team.id else ""


def changed_team(ws: Workspace) -> TeamView | None:
    """The view of the social system the page changes."""
    team = team_to_change(ws.picture.social_systems)
    if team is None:
        return None
    return next((view for view in ws.teams if view.reference == (team.reference if team.id else None)), None)


def participant_form(ws: Workspace, data: MultiDict[str, Any] | None = None) -> ParticipantForm:
    form = ParticipantForm(
        formdata=data,
        prefix=ADD_PARTICIPANT_PREFIX,
        patient=g.launch.patient,
        team_version=team_version(ws),
        since=ws.day,
    )
    team = team_to_change(ws.picture.social_systems)
    professionals = [ws.user_reference] if ws.user_reference else []
    people = candidates(team, ws.picture.social_systems, ws.analysis.members, ws.directory, ws.day, professionals)
    groups = {kind: str(texts.PERSON_KIND[kind.value]) for kind in PersonKind}
    form.set_choices(ws.language, [(c.reference, c.name, c.kind.value, groups[c.kind]) for c in people])
    return form


def role_form(ws: Workspace, row: TeamRow, data: MultiDict[str, Any] | None = None) -> RoleForm:
    form = RoleForm(
        formdata=data,
        prefix=role_prefix(row.index),
        patient=g.launch.patient,
        team_version=team_version(ws),
        member=row.reference,
        role=row.role_codes[0] if row.role_codes else "",
    )
    form.set_choices(ws.language, row.kind.value)
    form.role.label.text = _("Role of %(name)s", name=row.name)  # one label per row, for screen readers too
    return form


@blueprint.get("/social-system")
def social() -> Page:
    ws = frame.load_workspace()
    return render_social(ws) if isinstance(ws, Workspace) else ws


def render_social(
    ws: Workspace,
    add: ParticipantForm | None = None,
    role: tuple[int, RoleForm] | None = None,
) -> tuple[str, int]:
    """The social system page; ``add`` and ``role`` (a participant's place and its form) are forms as posted."""
    add = add or participant_form(ws, kept.draft("workspace.add_participant"))
    changed = changed_team(ws)
    rows = changed.rows if changed else ()
    # The client's own place in their social system is not changed here.
    role_forms = {row.index: role_form(ws, row) for row in rows if row.current and row.kind is not PersonKind.CLIENT}
    if role is not None:
        role_forms[role[0]] = role[1]
    return render("social_system.html", ws, teams=ws.teams, changed=changed, add_form=add, role_forms=role_forms)


@blueprint.get("/social-system/participants/<int:index>/remove")
def confirm_removal(index: int) -> Page:
    """Asks whether the participant leaves the social system; the answer is posted to ``remove_participant``."""
    ws = frame.load_workspace()
    if not isinstance(ws, Workspace):
        return ws
    changed = changed_team(ws)
    row = next((r for r in (changed.rows if changed else ()) if r.index == index and r.current), None)
    if row is None:
        abort(404)
    form = RemoveParticipantForm(
        formdata=None, patient=g.launch.patient, team_version=team_version(ws), member=row.reference
    )
    return render("social_system_remove.html", ws, row=row, form=form, today=ws.day)


# -- what the page posts ------------------------------------------------------------------------------------------


def _team_rows(ws: Workspace) -> writes.Rows:
    changed = changed_team(ws)
    return [
        [
            (_("Name"), row.name),
            (_("Role"), ", ".join(row.roles)),
            (_("Since"), dates.long_date(row.since, ws.language)),
        ]
        + ([(_("Until"), dates.long_date(row.until, ws.language))] if row.until else [])
        for row in (changed.rows if changed else ())
    ]


def _team_conflict_page(ws: Workspace) -> Page:
    """Both versions of the social system; the user's input with names and role labels, not codes."""
    values = submitted()
    ours = shown_input(values)
    member = next((v for k, v in values.items() if k.endswith("-member") or k == "member"), None)
    if isinstance(member, str) and member:
        ours[str(texts.FIELD_LABELS["member"])] = ws.directory.name(member)
    return writes.conflict_page(ws, "team", _team_rows(ws), {"team_version": team_version(ws)}, ours=ours)


def _team_changed(ws: Workspace, shown_version: str | None) -> Page | None:
    """The conflict page when the social system changed since the form was shown."""
    return None if (shown_version or "") == team_version(ws) else _team_conflict_page(ws)


def _team_conflict(error: PlanConflict) -> Page:
    ws = frame.load_workspace()
    return _team_conflict_page(ws) if isinstance(ws, Workspace) else ws


@blueprint.post("/social-system/participants")
def add_participant() -> Page:
    posted = writes.posted_form(lambda ws: participant_form(ws, request.form), "CareTeam")
    if not isinstance(posted, writes.Posted):
        return posted
    ws, form = posted.ws, posted.form
    again = partial(render_social, add=form)
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    changed = _team_changed(ws, form.team_version.data)
    if changed:
        return changed
    member = form.member.data or ""
    team = team_to_change(ws.picture.social_systems)
    if team is None:
        title = _("Social system of %(name)s", name=ws.directory.patient_display)
        team = builders.new_team(ws.patient_reference, title, ws.day, with_client=member != ws.patient_reference)
    joined = builders.team_with_participant(team, member, form.team_role(), form.since.data or ws.day)
    failed = writes.finish(writes.save([joined], _team_conflict), form, again, ws)
    return failed or writes.saved(
        _("%(name)s was added to the social system.", name=ws.directory.name(member)),
        "workspace.social",
        "workspace.add_participant",
    )


@dataclass(frozen=True)
class _ParticipantChange:
    """A change to one participant of the social system that passed the checks every such change starts with."""

    ws: Workspace
    team: SocialSystem
    row: TeamRow


def _participant(ws: Workspace, index: int, member: str | None) -> tuple[SocialSystem, TeamRow] | None:
    """The social system the page changes and its current participant at ``index``, who must be ``member``."""
    team = team_to_change(ws.picture.social_systems)
    changed = changed_team(ws)
    row = next((r for r in (changed.rows if changed else ()) if r.index == index), None)
    if team is None or row is None or row.reference != member:
        return None
    return team, row


def _checked_participant_change(form: Any, index: int) -> _ParticipantChange | Page:
    """Write scopes and CSRF, the launch's workspace, and the participant the form names at ``index``."""
    ws = writes.workspace()
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    refused = frame.refuse_write(form, "CareTeam")
    if refused:
        return refused
    found = _participant(ws, index, form.member.data)
    if found is None:
        return _team_conflict_page(ws)  # the participant moved or left meanwhile
    return _ParticipantChange(ws, *found)


@blueprint.post("/social-system/participants/<int:index>/role")
def change_role(index: int) -> Page:
    form = RoleForm(prefix=role_prefix(index))
    checked = _checked_participant_change(form, index)
    if not isinstance(checked, _ParticipantChange):
        return checked
    ws, team, row = checked.ws, checked.team, checked.row
    form.set_choices(ws.language, row.kind.value)
    again = partial(render_social, role=(index, form))
    if not form.validate_on_submit():
        return writes.again(form, None, again, ws)
    changed = _team_changed(ws, form.team_version.data)
    if changed:
        return changed
    saved = builders.team_with_role(team, index, form.team_role())
    failed = writes.finish(writes.save([saved], _team_conflict), form, again, ws)
    return failed or writes.saved(
        _("The role of %(name)s was changed.", name=row.name), "workspace.social", "workspace.change_role"
    )


@blueprint.post("/social-system/participants/<int:index>/remove")
def remove_participant(index: int) -> Page:
    form = RemoveParticipantForm()
    checked = _checked_participant_change(form, index)
    if not isinstance(checked, _ParticipantChange):
        return checked
    ws, team, row = checked.ws, checked.team, checked.row
    if not form.validate_on_submit() or not row.current:
        return problem_page("bad_request", 400)
    changed = _team_changed(ws, form.team_version.data)
    if changed:
        return changed
    period = team.participants[index].period
    previous = str(period.end) if period and period.end else None
    ended = builders.team_without_participant(team, index, ws.day)
    failed = writes.finish(writes.save([ended], _team_conflict), form, render_social, ws)
    if failed:
        return failed
    now = datetime.datetime.now(datetime.UTC)
    kept.offer_undo(UndoOffer.participant_left(team.reference, index, row.reference, row.name, previous, now))
    return writes.saved(
        _("%(name)s left the social system today; their part in it stays in the history.", name=row.name),
        "workspace.social",
        "workspace.remove_participant",
    )


@blueprint.post("/social-system/participants/<int:index>/undo")
def undo_removal(index: int) -> Page:
    form = UndoForm()
    refused = frame.refuse_write(form, "CareTeam")
    if refused:
        return refused
    if not form.validate_on_submit():
        return problem_page("bad_request", 400)
    offer = kept.undo_offer()
    ws = writes.workspace()
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    team = team_to_change(ws.picture.social_systems)
    if offer is None or offer.index != index or team is None or offer.target != team.reference:
        flash(_("This can no longer be undone."))
        return redirect(url_for("workspace.social"), 303)
    if not offer.still_left(team):
        kept.withdraw_undo()
        flash(_("This can no longer be undone: the social system was changed meanwhile."))
        return redirect(url_for("workspace.social"), 303)
    restored = builders.team_with_end(team, index, offer.previous_end)

    def changed_meanwhile(error: PlanConflict) -> Page:
        kept.withdraw_undo()
        flash(_("This can no longer be undone: the social system was changed meanwhile."))
        return redirect(url_for("workspace.social"), 303)

    failed = writes.finish(writes.save([restored], changed_meanwhile), form, render_social, ws)
    if failed:
        return failed
    kept.withdraw_undo()
    return writes.saved(
        _("%(name)s is back in the social system.", name=offer.name),
        "workspace.social",
        "workspace.undo_removal",
    )
