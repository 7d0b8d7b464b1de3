"""What the workspace pages post: members with their tie assessment, assessments, ended ties, consents, goals,
activities and relationship ratings.

Every write is checked first: the form must carry a valid CSRF token (Flask-WTF), name the launch's patient, and
the launch must have write scopes; a member or goal named in the URL must be in the launch patient's picture.
Each change is saved as one transaction. A change to something that was changed meanwhile (its version differs
from the one the form was made from, or the server refuses the version) shows the conflict page: both versions,
and the user's input kept, ready to apply to the current version or to drop.

Any other failure never loses what was typed: invalid input (422), the FHIR server down or refusing (503, 502) and
an ended session (401) show the form again as it was posted, with an error summary at the top saying why nothing was
saved; when even the page around the form cannot be loaded, the input is shown alone, ready to post again.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _

from smart_app.views import workspace_pages as pages
from smart_app.views import workspace_support as support
from smart_app.views import workspace_undo as undo
from smart_app.views.errors import problem_page
from smart_app.views.workspace_support import Page, SaveFailure, blueprint, render
from smart_app.workspace import builders, dates, texts
from smart_app.workspace.builders import GoalInput
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import (
    AssessmentForm,
    ConsentForm,
    MemberTieForm,
    RatingForm,
    RemoveParticipantForm,
    RoleForm,
    SuggestedGoalForm,
)
from smart_app.workspace.social_system import TeamRow, team_to_change
from srh_fhir.client_repository import ClientRepository, their_version
from srh_fhir.errors import PlanConflict
from srh_fhir.model import DomainObject, FhirDateTime, NetworkMember, SocialSystem, SupportPlan, reference_to
from srh_fhir.terminology import CoreAction, GoalLifecycleStatus, Language

log = logging.getLogger(__name__)


def _now() -> FhirDateTime:
    """This moment, to the millisecond: two assessments of one tie saved in the same second keep their order."""
    now = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")
    return FhirDateTime(now.replace("+00:00", "Z"))


def _saved(message: str, endpoint: str, draft_endpoint: str, **values: Any) -> Page:
    support.forget_draft(draft_endpoint)
    flash(message)
    return redirect(url_for(endpoint, **values), 303)


def _save(objects: Sequence[DomainObject], conflict: Callable[[PlanConflict], Page]) -> Page | SaveFailure | None:
    """Save the objects of one change in one transaction (objects as loaded are checked against their version);
    None when saved, the conflict page, or why it failed."""

    def write(repository: ClientRepository) -> Page | None:
        try:
            repository.save(*objects)
        except PlanConflict as error:
            return conflict(error)
        return None

    return support.attempt(write, unsaved=support.submitted())


def _workspace() -> Workspace | SaveFailure:
    """The launch patient's workspace for a change being posted."""
    return support.attempt(support.workspace_of_repository, unsaved=support.submitted())


def _again(
    form: Any, failure: SaveFailure | None, page: Callable[[Workspace], tuple[str, int]], ws: Workspace | None = None
) -> Page:
    """The form's page again with what was typed, its errors and why nothing was saved (a 422 for invalid input);
    the input alone when the page cannot be loaded."""
    support.show_errors(form, failure)
    loaded = ws if ws is not None else _workspace()
    if isinstance(loaded, SaveFailure):
        return support.form_again(failure or loaded)
    html, _ = page(loaded)
    return html, failure.status if failure else 422


def _finish(
    failed: Page | SaveFailure | None, form: Any, page: Callable[[Workspace], tuple[str, int]], ws: Workspace | None
) -> Page | None:
    """None when saved; otherwise the conflict page, or the form again with why it failed."""
    if isinstance(failed, SaveFailure):
        return _again(form, failed, page, ws)
    return failed


# -- network members ----------------------------------------------------------------------------------------------


@blueprint.post("/network/members")
def add_member() -> Page:
    form = MemberTieForm()
    refused = support.refuse_write(form, "RelatedPerson", "Observation")
    if refused:
        return refused
    form.set_choices(support.language())  # type: ignore[arg-type]
    again = partial(pages.render_network, form=form)
    if not form.validate_on_submit():
        return _again(form, None, again)
    patient = reference_to("Patient", g.launch.patient)
    member = builders.new_member(patient, form.member_input(), support.today())
    objects: list[DomainObject] = [member]
    assessment = form.assessment_input()
    if not assessment.empty:
        objects.append(builders.tie_assessment(patient, member.reference, assessment, _now(), g.launch.fhir_user))
    failed = _finish(_save(objects, lambda error: _member_conflict(error, member)), form, again, None)
    name = form.given.data.strip()
    return failed or _saved(
        _("%(name)s was added to the network.", name=name), "workspace_pages.network", "workspace_pages.add_member"
    )


@dataclass(frozen=True)
class _MemberChange:
    """A change to one network member that passed the checks every such change starts with."""

    ws: Workspace
    person: NetworkMember
    again: Callable[[Workspace], tuple[str, int]]  # the member page with the form as posted


def _checked_member_change(
    form: Any,
    member_id: str,
    form_name: str,
    resource_types: tuple[str, ...],
    set_choices: Callable[[Language], None] | None = None,
) -> _MemberChange | Page:
    """Write scopes and CSRF, the launch's workspace, the member in the launch patient's picture and a valid form;
    otherwise the page to show (for an invalid form, the member page again with its errors)."""
    refused = support.refuse_write(form, *resource_types)
    if refused:
        return refused
    ws = _workspace()
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    if set_choices is not None:
        set_choices(ws.language)
    person = ws.member(member_id)
    if person is None:
        log.warning("refused a change to a network member outside the launch patient's picture")
        return problem_page("patient_mismatch", 400)

    again = partial(pages.render_member, member_id=member_id, forms={form_name: form})
    if not form.validate_on_submit():
        return _again(form, None, again, ws)
    return _MemberChange(ws, person, again)


@blueprint.post("/network/members/<member_id>")
def edit_member(member_id: str) -> Page:
    form = MemberTieForm(prefix=pages.EDIT_PREFIX)
    checked = _checked_member_change(form, member_id, "edit", ("RelatedPerson",), form.set_choices)
    if not isinstance(checked, _MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    current = ws.version_of(person.reference)
    if form.version.data != current:
        return _conflict_page(ws, "member", [_member_rows(person, ws)], current_versions={"version": current})
    # The member as loaded, so it is saved with ifMatch at ``current``.
    objects: list[DomainObject] = [builders.edited_member(person, form.member_input())]
    assessment = form.assessment_input()
    if not assessment.empty:
        tie = builders.tie_assessment(ws.patient_reference, person.reference, assessment, _now(), g.launch.fhir_user)
        objects.append(tie)
    failed = _finish(_save(objects, lambda error: _member_conflict(error, person, ws)), form, checked.again, ws)
    return failed or _saved(
        _("The changes were saved."), "workspace_pages.member", "workspace_pages.edit_member", member_id=member_id
    )


@blueprint.post("/network/members/<member_id>/assessments")
def assess_member(member_id: str) -> Page:
    form = AssessmentForm(prefix=pages.ASSESS_PREFIX)
    checked = _checked_member_change(form, member_id, "assess", ("Observation",), form.set_assessment_choices)
    if not isinstance(checked, _MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    tie = builders.tie_assessment(
        ws.patient_reference, person.reference, form.assessment_input(), _now(), g.launch.fhir_user
    )
    failed = _finish(_save([tie], lambda error: _member_conflict(error, person, ws)), form, checked.again, ws)
    return failed or _saved(
        _("The tie assessment was saved."),
        "workspace_pages.member",
        "workspace_pages.assess_member",
        member_id=member_id,
    )


@blueprint.post("/network/members/<member_id>/consent")
def record_consent(member_id: str) -> Page:
    form = ConsentForm()
    checked = _checked_member_change(form, member_id, "consent", ("Consent",), form.set_choices)
    if not isinstance(checked, _MemberChange):
        return checked
    ws, person = checked.ws, checked.person
    permit = form.decision.data == "permit"
    consent = builders.involvement_consent(
        ws.patient_reference, person.reference, permit, form.action_codes(), support.today(), form.until.data
    )
    failed = _finish(_save([consent], lambda error: _member_conflict(error, person, ws)), form, checked.again, ws)
    message = _("The consent was recorded.") if permit else _("The withdrawal of consent was recorded.")
    return failed or _saved(message, "workspace_pages.member", "workspace_pages.record_consent", member_id=member_id)


def _member_rows(person: NetworkMember, ws: Workspace) -> list[tuple[str, str]]:
    relationship = next((r.text for r in person.relationships if r.text), "")
    sector = person.sector.label(ws.language) if person.sector else ""
    state = _("current") if person.active else _("ended")
    return [
        (_("Name"), person.display_name),
        (_("Relationship"), relationship),
        (_("Part of life"), sector),
        (_("Tie"), state),
    ]


def _member_conflict(error: PlanConflict, person: NetworkMember, ws: Workspace | None = None) -> Page:
    version = their_version(error) or ""
    rows = [[(_("Name"), person.display_name), (_("Version on the server"), version or _("deleted"))]]
    return _conflict_page(ws, "member", rows, current_versions={"version": version})


# -- the plan -----------------------------------------------------------------------------------------------------


def _plan_of(ws: Workspace) -> SupportPlan:
    """The current plan as loaded (saving it checks its version), or a new plan for the launch's patient."""
    plan = ws.board.plan
    if plan is not None:
        return plan
    title = _("Support plan of %(name)s", name=ws.directory.patient_display)
    return builders.new_plan(ws.patient_reference, title, g.launch.fhir_user, ws.day)


def _plan_changed(ws: Workspace, shown_version: str | None) -> Page | None:
    """The conflict page when the plan changed since the form was shown."""
    if (shown_version or "") == ws.board.plan_version:
        return None
    return _conflict_page(ws, "plan", _plan_rows(ws), current_versions={"plan_version": ws.board.plan_version})


def _plan_rows(ws: Workspace) -> list[list[tuple[str, str]]]:
    plan = ws.board.plan
    rows = []
    if plan is not None:
        rows.append([(_("Plan"), plan.title or ""), (_("Status"), texts.status_label(plan.status.value))])
    for column in ws.board.columns:
        for goal in column.goals:
            rows.append([(_("Goal"), goal.description), (_("Core action"), column.label)])
        for activity in column.activities:
            who = ", ".join(p.name for p in activity.performers)
            rows.append([(_("Activity"), activity.description), (_("Core action"), column.label), (_("Who"), who)])
    return rows


def _plan_conflict(error: PlanConflict) -> Page:
    ws = support.load_workspace()
    if not isinstance(ws, Workspace):
        return ws
    return _conflict_page(ws, "plan", _plan_rows(ws), current_versions={"plan_version": ws.board.plan_version})


def _save_goal(
    ws: Workspace, entered: GoalInput, draft_endpoint: str, form: Any, again: Callable[[Workspace], tuple[str, int]]
) -> Page:
    goal = builders.new_goal(ws.patient_reference, entered, ws.day)
    plan = builders.plan_with_goal(_plan_of(ws), goal.reference)
    failed = _finish(_save([plan, goal], _plan_conflict), form, again, ws)
    return failed or _saved(_("The goal was added to the plan."), "workspace_pages.plan", draft_endpoint)


@blueprint.post("/plan/goals")
def add_goal() -> Page:
    ws = _workspace()
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    form = pages.goal_form(ws, request.form)
    refused = support.refuse_write(form, "CarePlan", "Goal")
    if refused:
        return refused
    again = partial(pages.render_plan, goal=form)
    if not form.validate_on_submit():
        return _again(form, None, again, ws)
    return _plan_changed(ws, form.plan_version.data) or _save_goal(
        ws, form.goal_input(), "workspace_pages.add_goal", form, again
    )


@blueprint.post("/plan/suggested-goal")
def add_suggested_goal() -> Page:
    form = SuggestedGoalForm()
    refused = support.refuse_write(form, "CarePlan", "Goal")
    if refused:
        return refused
    need = form.basic_need()
    if not form.validate_on_submit() or need is None:
        return problem_page("bad_request", 400)
    ws = _workspace()
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    entered = GoalInput(
        description=texts.suggestion(need),
        core_action=CoreAction.STRENGTHEN,
        needs=(need,),
        lifecycle_status=GoalLifecycleStatus.PROPOSED,
    )
    return _plan_changed(ws, form.plan_version.data) or _save_goal(
        ws, entered, "workspace_pages.add_suggested_goal", form, pages.render_needs
    )


@blueprint.post("/plan/goals/<goal_id>")
def edit_goal(goal_id: str) -> Page:
    ws = _workspace()
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    form = pages.goal_form(ws, request.form, pages.goal_prefix(goal_id))
    refused = support.refuse_write(form, "Goal")
    if refused:
        return refused
    goal = next((x for x in ws.picture.goals if x.id == goal_id), None)
    if goal is None:
        log.warning("refused a change to a goal outside the launch patient's picture")
        return problem_page("patient_mismatch", 400)
    again = partial(pages.render_plan, edited=(goal_id, form))
    if not form.validate_on_submit():
        return _again(form, None, again, ws)
    current = ws.version_of(goal.reference)
    if (form.goal_version.data or "") != current:
        rows = [[(_("Goal"), goal.description), (_("Status"), texts.status_label(goal.lifecycle_status.value))]]
        return _conflict_page(ws, "goal", rows, current_versions={"goal_version": current})
    # The goal as loaded, so it is saved with ifMatch at ``current``.
    objects: list[DomainObject] = [builders.edited_goal(goal, form.goal_input())]
    plan = _plan_of(ws)
    if goal.reference not in plan.goals:
        objects.insert(0, builders.plan_with_goal(plan, goal.reference))
    failed = _finish(_save(objects, _plan_conflict), form, again, ws)
    return failed or _saved(_("The goal was saved."), "workspace_pages.plan", "workspace_pages.edit_goal")


@blueprint.post("/plan/activities")
def add_activity() -> Page:
    ws = _workspace()
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    form = pages.activity_form(ws, request.form)
    refused = support.refuse_write(form, "CarePlan")
    if refused:
        return refused
    again = partial(pages.render_plan, activity=form)
    if not form.validate_on_submit():
        return _again(form, None, again, ws)
    changed = _plan_changed(ws, form.plan_version.data)
    if changed:
        return changed
    plan = builders.plan_with_activity(_plan_of(ws), form.activity_input())
    failed = _finish(_save([plan], _plan_conflict), form, again, ws)
    return failed or _saved(
        _("The activity was added to the plan."), "workspace_pages.plan", "workspace_pages.add_activity"
    )


# -- the social system --------------------------------------------------------------------------------------------


def _team_rows(ws: Workspace) -> list[list[tuple[str, str]]]:
    changed = pages.changed_team(ws)
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
    values = support.submitted()
    ours = support.shown_input(values)
    member = next((v for k, v in values.items() if k.endswith("-member") or k == "member"), None)
    if isinstance(member, str) and member:
        ours[str(texts.FIELD_LABELS["member"])] = ws.directory.name(member)
    return render(
        "conflict.html",
        ws,
        409,
        kind="team",
        theirs=_team_rows(ws),
        ours=ours,
        action=request.path,
        hidden=list(support.hidden_fields(values, {"team_version": pages.team_version(ws)})),
    )


def _team_changed(ws: Workspace, shown_version: str | None) -> Page | None:
    """The conflict page when the social system changed since the form was shown."""
    return None if (shown_version or "") == pages.team_version(ws) else _team_conflict_page(ws)


def _team_conflict(error: PlanConflict) -> Page:
    ws = support.load_workspace()
    return _team_conflict_page(ws) if isinstance(ws, Workspace) else ws


def _participant(ws: Workspace, index: int, member: str | None) -> tuple[SocialSystem, TeamRow] | None:
    """The social system the page changes and its current participant at ``index``, who must be ``member``."""
    team = team_to_change(ws.picture.social_systems)
    changed = pages.changed_team(ws)
    row = next((r for r in (changed.rows if changed else ()) if r.index == index), None)
    if team is None or row is None or row.reference != member:
        return None
    return team, row


@blueprint.post("/social-system/participants")
def add_participant() -> Page:
    ws = _workspace()
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    form = pages.participant_form(ws, request.form)
    refused = support.refuse_write(form, "CareTeam")
    if refused:
        return refused
    again = partial(pages.render_social, add=form)
    if not form.validate_on_submit():
        return _again(form, None, again, ws)
    changed = _team_changed(ws, form.team_version.data)
    if changed:
        return changed
    member = form.member.data or ""
    team = team_to_change(ws.picture.social_systems)
    if team is None:
        title = _("Social system of %(name)s", name=ws.directory.patient_display)
        team = builders.new_team(ws.patient_reference, title, ws.day, with_client=member != ws.patient_reference)
    joined = builders.team_with_participant(team, member, form.team_role(), form.since.data or ws.day)
    failed = _finish(_save([joined], _team_conflict), form, again, ws)
    name = ws.directory.name(member)
    return failed or _saved(
        _("%(name)s was added to the social system.", name=name),
        "workspace_pages.social",
        "workspace_pages.add_participant",
    )


@dataclass(frozen=True)
class _ParticipantChange:
    """A change to one participant of the social system that passed the checks every such change starts with."""

    ws: Workspace
    team: SocialSystem
    row: TeamRow


def _checked_participant_change(ws: Workspace | SaveFailure, form: Any, index: int) -> _ParticipantChange | Page:
    """Write scopes and CSRF, the launch's workspace, and the participant the form names at ``index``."""
    if isinstance(ws, SaveFailure):
        return support.form_again(ws)
    refused = support.refuse_write(form, "CareTeam")
    if refused:
        return refused
    found = _participant(ws, index, form.member.data)
    if found is None:
        return _team_conflict_page(ws)  # the participant moved or left meanwhile
    return _ParticipantChange(ws, *found)


@blueprint.post("/social-system/participants/<int:index>/role")
def change_role(index: int) -> Page:
    loaded = _workspace()
    form = RoleForm(prefix=pages.role_prefix(index))
    checked = _checked_participant_change(loaded, form, index)
    if not isinstance(checked, _ParticipantChange):
        return checked
    ws, team, row = checked.ws, checked.team, checked.row
    form.set_choices(ws.language, row.kind.value)
    again = partial(pages.render_social, role=(index, form))
    if not form.validate_on_submit():
        return _again(form, None, again, ws)
    changed = _team_changed(ws, form.team_version.data)
    if changed:
        return changed
    saved = builders.team_with_role(team, index, form.team_role())
    failed = _finish(_save([saved], _team_conflict), form, again, ws)
    return failed or _saved(
        _("The role of %(name)s was changed.", name=row.name), "workspace_pages.social", "workspace_pages.change_role"
    )


@blueprint.post("/social-system/participants/<int:index>/remove")
def remove_participant(index: int) -> Page:
    loaded = _workspace()
    form = RemoveParticipantForm()
    checked = _checked_participant_change(loaded, form, index)
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
    failed = _finish(_save([ended], _team_conflict), form, pages.render_social, ws)
    if failed:
        return failed
    undo.offer(undo.UndoOffer("team", _team_reference(ws), index, row.reference, previous))
    return _saved(
        _("%(name)s left the social system today; their part in it stays in the history.", name=row.name),
        "workspace_pages.social",
        "workspace_pages.remove_participant",
    )


@blueprint.post("/social-system/participants/<int:index>/undo")
def undo_removal(index: int) -> Page:
    loaded = _workspace()
    form = RemoveParticipantForm()
    checked = _checked_participant_change(loaded, form, index)
    if not isinstance(checked, _ParticipantChange):
        return checked
    ws, team, row = checked.ws, checked.team, checked.row
    offer = undo.current("team", _team_reference(ws))
    if not form.validate_on_submit() or offer is None or offer.index != index or offer.about != row.reference:
        return problem_page("bad_request", 400)
    changed = _team_changed(ws, form.team_version.data)
    if changed:
        return changed
    end = FhirDateTime(offer.previous) if offer.previous else None
    restored = builders.team_with_end(team, index, end)
    failed = _finish(_save([restored], _team_conflict), form, pages.render_social, ws)
    if failed:
        return failed
    undo.withdraw()
    return _saved(
        _("%(name)s is back in the social system.", name=row.name),
        "workspace_pages.social",
        "workspace_pages.undo_removal",
    )


def _team_reference(ws: Workspace) -> str:
    changed = pages.changed_team(ws)
    return changed.reference if changed and changed.reference else ""


# -- the working relationship -------------------------------------------------------------------------------------


@blueprint.post("/working-relationship")
def add_rating() -> Page:
    form = RatingForm()
    refused = support.refuse_write(form, "Observation")
    if refused:
        return refused
    if not form.validate_on_submit():
        return _rating_again(form, None)
    rated = (g.launch.fhir_user,) if g.launch.fhir_user else ()
    patient = reference_to("Patient", g.launch.patient)
    rating = builders.relationship_rating(patient, form.rating_input(), _now(), rated)
    failed = _save([rating], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return _rating_again(form, failed)
    return failed or _saved(_("The rating was saved."), "workspace_pages.rating", "workspace_pages.add_rating")


def _rating_again(form: RatingForm, failure: SaveFailure | None) -> Page:
    """The rating page again with the rating as posted (the page shows the ratings, not the workspace)."""
    support.show_errors(form, failure)
    loaded = support.attempt(ClientRepository.ratings, unsaved=support.submitted())
    if isinstance(loaded, SaveFailure):
        return support.form_again(failure or loaded)
    html, _ = pages.render_rating(loaded, form)
    return html, failure.status if failure else 422


# -- conflicts ----------------------------------------------------------------------------------------------------


def _conflict_page(
    ws: Workspace | None, kind: str, theirs: list[list[tuple[str, str]]], current_versions: dict[str, str]
) -> Page:
    values = support.submitted()
    return render(
        "conflict.html",
        ws,
        409,
        kind=kind,
        theirs=theirs,
        ours=support.shown_input(values, ws.directory.name if ws is not None else None),
        action=request.path,
        hidden=list(support.hidden_fields(values, current_versions)),
    )
