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
from werkzeug.datastructures import MultiDict

from smart_app.views import plan_activities
from smart_app.views import workspace_support as support
from smart_app.views.workspace_support import Page, blueprint, render
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
    RatingForm,
    RemoveMemberForm,
    SuggestedGoalForm,
)
from smart_app.workspace.map_change import compare_maps, default_days
from smart_app.workspace.ratings import rating_trend
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
    first, last = default_days(ws.picture.tie_assessments, ws.day)
    before, after = _day(request.args.get("before"), first), _day(request.args.get("after"), last)
    if after < before:
        before, after = after, before
    comparison = compare_maps(
        ws.picture.members,
        ws.picture.tie_assessments,
        before,
        after,
        ws.directory.patient_display,
        ws.language,
        ws.consents,
        ws.labels.no_sector,
    )
    return render("changes.html", ws, comparison=comparison, before=before, after=after)


def _day(text: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text) if text else default
    except ValueError:
        return default


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


def render_social(ws: Workspace) -> tuple[str, int]:
    return render("social.html", ws, teams=ws.teams)


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
