"""The clinician's workspace pages under ``/l/<launch-key>/``: network map, changes over time, one member, basic
needs, plan, social system, working relationship and the client's printable copy.

Each page load makes one FHIR round trip through the launch patient's repository (the client's picture with
``_revinclude``; two when a server needs a batch instead); the relationship page makes one batch of its own.
Nothing is kept between requests. The changes the pages post are in ``workspace_changes``, which uses these pages
to show a form again; ``workspace_routes`` registers both.
"""

from __future__ import annotations

import datetime
from typing import Any

from flask import Response, abort, g, request
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from smart_app.views import plan_activities
from smart_app.views import workspace_support as support
from smart_app.views.workspace_support import Page, blueprint, render
from smart_app.views.workspace_undo import current as undo_offer
from smart_app.workspace import texts
from smart_app.workspace.context import Workspace
from smart_app.workspace.ehr_style import fetch_css
from smart_app.workspace.forms import (
    ActivityForm,
    AssessmentForm,
    ConsentForm,
    EndMemberForm,
    GoalForm,
    MemberTieForm,
    ParticipantForm,
    RatingForm,
    RemoveMemberForm,
    RemoveParticipantForm,
    RoleForm,
    SuggestedGoalForm,
)
from smart_app.workspace.map_change import choose_period, compare_maps, period_summary
from smart_app.workspace.people import PersonKind
from smart_app.workspace.ratings import rating_trend
from smart_app.workspace.social_system import TeamRow, TeamView, candidates, team_to_change
from srh_fhir.analysis import NOT_COUNTED
from srh_fhir.client_repository import ClientRepository, RatingHistory

# Forms on one page have their own prefix, so no two fields share a name or an element id.
EDIT_PREFIX, ASSESS_PREFIX = "edit", "assess"  # the member page
NEW_GOAL_PREFIX, NEW_ACTIVITY_PREFIX = "new-goal", "new-activity"  # the plan page, with one form per goal


def goal_prefix(goal_id: str) -> str:
    return f"goal-{goal_id}"


def member_form(
    ws: Workspace, data: MultiDict[str, Any] | None = None, prefix: str = "", **values: Any
) -> MemberTieForm:
    form = MemberTieForm(formdata=data, prefix=prefix, patient=g.launch.patient, **values)
    form.set_choices(ws.language)
    return form


def goal_form(
    ws: Workspace, data: MultiDict[str, Any] | None = None, prefix: str = NEW_GOAL_PREFIX, **values: Any
) -> GoalForm:
    form = GoalForm(
        formdata=data, prefix=prefix, patient=g.launch.patient, plan_version=ws.board.plan_version, **values
    )
    form.set_choices(ws.language, dict(ws.labels.statuses))
    return form


def activity_form(ws: Workspace, data: MultiDict[str, Any] | None = None) -> ActivityForm:
    form = ActivityForm(
        formdata=data, prefix=NEW_ACTIVITY_PREFIX, patient=g.launch.patient, plan_version=ws.board.plan_version
    )
    form.set_choices(ws.language, plan_activities.performer_pairs(ws), ws.goal_choices(), dict(ws.labels.statuses))
    return form


@blueprint.get("/network")
def network() -> Page:
    ws = support.load_workspace()
    return render_network(ws) if isinstance(ws, Workspace) else ws


def render_network(ws: Workspace, form: MemberTieForm | None = None) -> tuple[str, int]:
    form = form or member_form(ws, support.draft("workspace_pages.add_member"))
    return render("network.html", ws, form=form, map=ws.network_map)


@blueprint.get("/network/changes")
def changes() -> Page:
    ws = support.load_workspace()
    if not isinstance(ws, Workspace):
        return ws
    period = choose_period(request.args.get("before"), request.args.get("after"), ws.picture.tie_assessments, ws.day)
    summary = period_summary(period, {key: str(text) for key, text in texts.PERIOD_ERROR.items()})
    comparison = (
        None
        if summary
        else compare_maps(
            ws.picture.members,
            ws.picture.tie_assessments,
            period.before,
            period.after,
            ws.directory.patient_display,
            ws.language,
            ws.consents,
            ws.labels.no_sector,
        )
    )
    return render("changes.html", ws, 422 if summary else 200, comparison=comparison, period=period, summary=summary)


@blueprint.get("/network/members/<member_id>")
def member(member_id: str) -> Page:
    ws = support.load_workspace()
    return render_member(ws, member_id) if isinstance(ws, Workspace) else ws


def render_member(ws: Workspace, member_id: str, forms: dict[str, Any] | None = None) -> tuple[str, int]:
    """The member page; ``forms`` are forms as posted (by name: edit, assess, consent, end), shown again."""
    person = ws.member(member_id)
    if person is None:
        abort(404)
    node = next((n for n in ws.network_map.nodes if n.member_id == member_id), None)
    latest = ws.analysis.latest.get(person.reference)
    given = person.names[0].given[0] if person.names and person.names[0].given else person.display_name
    family = person.names[0].family if person.names else None
    relationship = next((r.text for r in person.relationships if r.text), "")
    forms = forms or {}
    edit = forms.get("edit") or member_form(
        ws,
        support.draft("workspace_pages.edit_member"),
        EDIT_PREFIX,
        version=ws.version_of(person.reference),
        given=given,
        family=family,
        relationship=relationship,
        sector=person.sector.value if person.sector else None,
        since=person.period.start.to_date() if person.period and person.period.start else None,
    )
    assess = forms.get("assess") or AssessmentForm(
        formdata=None,
        prefix=ASSESS_PREFIX,
        patient=g.launch.patient,
        closeness=latest.closeness.value if latest and latest.closeness else "",
        contact_frequency=latest.contact_frequency.value if latest and latest.contact_frequency else "",
        support=[s.value for s in latest.support_given] if latest else [],
        needs=[n.value for n in latest.basic_needs_met] if latest else [],
        reciprocity=latest.reciprocity.value if latest and latest.reciprocity else "",
        valence=latest.valence.value if latest and latest.valence else "",
        note=latest.notes[0] if latest and latest.notes else "",
    )
    assess.set_assessment_choices(ws.language)
    consent = forms.get("consent") or ConsentForm(formdata=None, patient=g.launch.patient)
    consent.set_choices(ws.language)
    version = ws.version_of(person.reference)
    end = forms.get("end") or EndMemberForm(
        formdata=None, patient=g.launch.patient, version=version, ended_on=support.today()
    )
    remove = forms.get("remove") or RemoveMemberForm(formdata=None, patient=g.launch.patient, version=version)
    history = [a for a in ws.picture.tie_assessments if a.member == person.reference]
    current = next((a for a in history if a.status not in NOT_COUNTED), None)
    consents = [c for c in ws.picture.consents if person.reference in c.members]
    return render(
        "member.html",
        ws,
        person=person,
        node=node,
        edit_form=edit,
        assess_form=assess,
        consent_form=consent,
        end_form=end,
        remove_form=remove,
        history=history,
        current=current,
        consents=sorted(consents, key=lambda c: c.date, reverse=True),
        member_consent=ws.consents.get(person.reference),
    )


@blueprint.get("/needs")
def needs() -> Page:
    ws = support.load_workspace()
    return render_needs(ws) if isinstance(ws, Workspace) else ws


def render_needs(ws: Workspace) -> tuple[str, int]:
    suggest = SuggestedGoalForm(formdata=None, patient=g.launch.patient, plan_version=ws.board.plan_version)
    return render("needs.html", ws, table=ws.needs, analysis=ws.analysis, suggest_form=suggest)


@blueprint.get("/plan")
def plan() -> Page:
    ws = support.load_workspace()
    return render_plan(ws) if isinstance(ws, Workspace) else ws


def render_plan(
    ws: Workspace,
    goal: GoalForm | None = None,
    activity: ActivityForm | None = None,
    edited: tuple[str, GoalForm] | None = None,
    posted_activity: tuple[int, str, Any] | None = None,
) -> tuple[str, int]:
    """The plan page; ``goal``, ``activity``, ``edited`` (a goal's id and its form) and ``posted_activity`` (an
    activity's index, the form's name and the form) are forms as posted."""
    goal = goal or goal_form(ws, support.draft("workspace_pages.add_goal"))
    activity = activity or activity_form(ws, support.draft("workspace_pages.add_activity"))
    edit_forms = {
        card.goal_id: goal_form(
            ws,
            None,
            goal_prefix(card.goal_id),
            goal_version=card.version,
            description=card.description,
            core_action=card.core_action.value if card.core_action else None,
            needs=[n.value for n in card.needs],
            due=datetime.date.fromisoformat(card.due) if card.due else None,
            status=card.lifecycle_status,
        )
        for column in ws.board.columns
        for card in column.goals
    } | {
        card.goal_id: goal_form(
            ws,
            None,
            goal_prefix(card.goal_id),
            goal_version=card.version,
            description=card.description,
            needs=[n.value for n in card.needs],
            status=card.lifecycle_status,
        )
        for card in ws.board.unsorted_goals
    }
    if edited is not None:
        edit_forms[edited[0]] = edited[1]
    return render(
        "plan.html",
        ws,
        board=ws.board,
        goal_form=goal,
        activity_form=activity,
        edit_forms=edit_forms,
        activity_forms=plan_activities.all_forms(ws, posted_activity),
        without_consent=ws.members_without_consent(),
    )


@blueprint.get("/social-system")
def social() -> Page:
    ws = support.load_workspace()
    return render_social(ws) if isinstance(ws, Workspace) else ws


ADD_PARTICIPANT_PREFIX = "add"  # the social system page, with one role form per participant


def role_prefix(index: int) -> str:
    return f"role-{index}"


def team_version(ws: Workspace) -> str:
    """The version of the social system the page changes, as loaded; "" when the client has none yet."""
    team = team_to_change(ws.picture.social_systems)
    return ws.version_of(team.reference) if team is not None and team.id else ""


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


def changed_team(ws: Workspace) -> TeamView | None:
    """The view of the social system the page changes."""
    team = team_to_change(ws.picture.social_systems)
    if team is None:
        return None
    return next((view for view in ws.teams if view.reference == (team.reference if team.id else None)), None)


def render_social(
    ws: Workspace,
    add: ParticipantForm | None = None,
    role: tuple[int, RoleForm] | None = None,
) -> tuple[str, int]:
    """The social system page; ``add`` and ``role`` (a participant's place and its form) are forms as posted."""
    add = add or participant_form(ws, support.draft("workspace_pages.add_participant"))
    changed = changed_team(ws)
    rows = changed.rows if changed else ()
    # The client's own place in their social system is not changed here.
    role_forms = {row.index: role_form(ws, row) for row in rows if row.current and row.kind is not PersonKind.CLIENT}
    if role is not None:
        role_forms[role[0]] = role[1]
    undo = undo_offer("team", changed.reference if changed else None)
    undo_row = None
    if undo is not None and changed is not None:
        undo_row = next((r for r in changed.rows if r.index == undo.index and r.reference == undo.about), None)
    undo_form = RemoveParticipantForm(
        formdata=None,
        patient=g.launch.patient,
        team_version=team_version(ws),
        member=undo_row.reference if undo_row else "",
    )
    return render(
        "social.html",
        ws,
        teams=ws.teams,
        changed=changed,
        add_form=add,
        role_forms=role_forms,
        undo=undo if undo_row else None,
        undo_row=undo_row,
        undo_form=undo_form,
    )


@blueprint.get("/social-system/participants/<int:index>/remove")
def confirm_removal(index: int) -> Page:
    """Asks whether the participant leaves the social system; the answer is posted to ``remove_participant``."""
    ws = support.load_workspace()
    if not isinstance(ws, Workspace):
        return ws
    changed = changed_team(ws)
    row = next((r for r in (changed.rows if changed else ()) if r.index == index and r.current), None)
    if row is None:
        abort(404)
    form = RemoveParticipantForm(
        formdata=None, patient=g.launch.patient, team_version=team_version(ws), member=row.reference
    )
    return render("social_remove.html", ws, row=row, form=form, today=ws.day)


@blueprint.get("/working-relationship")
def rating() -> Page:
    loaded = support.with_repository(ClientRepository.ratings)
    return render_rating(loaded) if isinstance(loaded, RatingHistory) else loaded


def render_rating(loaded: RatingHistory, form: RatingForm | None = None) -> tuple[str, int]:
    patient = loaded.patient
    form = form or RatingForm(formdata=support.draft("workspace_pages.add_rating"), patient=g.launch.patient)
    trend = rating_trend(loaded.ratings)
    return render(
        "rating.html",
        None,
        patient=patient,
        trend=trend,
        form=form,
        items=texts.RATING_ITEMS,
        banner_patient=patient,
    )


@blueprint.get("/print")
def print_copy() -> Page:
    ws = support.load_workspace()
    return render_print(ws) if isinstance(ws, Workspace) else ws


def render_print(ws: Workspace) -> tuple[str, int]:
    return render("print.html", ws, map=ws.network_map, board=ws.board, table=ws.needs)


@blueprint.get("/ehr-style.css")
def ehr_style() -> Response:
    """The EHR's style (``smart_style_url``) as CSS custom properties; empty when the EHR gave none."""
    launch = g.launch
    css = ""
    if launch.smart_style_url:
        css = fetch_css(launch.smart_style_url, launch.server.issuer, timeout=5.0)
    return Response(css, mimetype="text/css")
