"""The basic needs: for each basic need of the method, who in the network meets it and who does not any more, the
needs nobody meets, and a suggested versterken goal for each of those, added to the plan with one click.

Above that, the gradings: per need how well it is met (the latest grade in words), the network's part and the
professionals' part, the flags "only professionals" and "rests on one person", the history, and the form that
records a new grading of all five needs (never overwriting the earlier ones).

The view model is ``smart_app.workspace.needs`` (pure, from ``srh_fhir.analysis``); the routes load the workspace and
render ``needs.html``.
"""

from __future__ import annotations

from flask import g
from flask_babel import gettext as _

from smart_app.views.errors import problem_page
from smart_app.workspace import builders, texts
from smart_app.workspace.builders import GoalInput
from smart_app.workspace.context import Workspace
from smart_app.workspace.forms import NeedGradingForm, SuggestedGoalForm
from smart_app.workspace.pages import frame, kept, writes
from smart_app.workspace.pages.frame import Page, SaveFailure, blueprint, render
from smart_app.workspace.pages.plan import plan_changed, save_goal
from smart_app.workspace.pages.posted import submitted
from srh_fhir.terminology import BasicNeed, CoreAction, GoalLifecycleStatus


@blueprint.get("/needs")
def needs() -> Page:
    ws = frame.load_workspace(frame.workspace_with_needs)
    return render_needs(ws) if isinstance(ws, Workspace) else ws


def render_needs(ws: Workspace, grading_form: NeedGradingForm | None = None) -> tuple[str, int]:
    suggest = SuggestedGoalForm(formdata=None, patient=g.launch.patient, plan_version=ws.board.plan_version)
    if grading_form is None:
        grading_form = NeedGradingForm(formdata=kept.draft("workspace.add_need_grading"), patient=g.launch.patient)
    grading_form.set_choices(ws.language, _people(ws))
    return render(
        "needs.html",
        ws,
        table=ws.needs,
        analysis=ws.analysis,
        suggest_form=suggest,
        graded=ws.graded_needs,
        grading_form=grading_form,
        needs_in_order=list(BasicNeed),
    )


def _people(ws: Workspace) -> list[tuple[str, str]]:
    return [(choice.reference, choice.label) for choice in ws.need_provider_choices()]


@blueprint.post("/needs/grading")
def add_need_grading() -> Page:
    form = NeedGradingForm()
    refused = frame.refuse_write(form, "Observation")
    if refused:
        return refused
    ws = frame.attempt(frame.workspace_with_needs, unsaved=submitted())
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    form.set_choices(ws.language, _people(ws))
    if not form.validate_on_submit():
        return writes.again(form, None, lambda loaded: render_needs(loaded, form), ws)
    grading = builders.need_assessment(
        ws.patient_reference, form.grades(), writes.now(), g.launch.fhir_user, form.note.data
    )
    failed = writes.save([grading], lambda error: problem_page("conflict", 409))
    if isinstance(failed, SaveFailure):
        return writes.again(form, failed, lambda loaded: render_needs(loaded, form), ws)
    return failed or writes.saved(
        _("The grading of the basic needs was saved."), "workspace.needs", "workspace.add_need_grading"
    )


@blueprint.post("/plan/suggested-goal")
def add_suggested_goal() -> Page:
    form = SuggestedGoalForm()
    refused = frame.refuse_write(form, "CarePlan", "Goal")
    if refused:
        return refused
    need = form.basic_need()
    if not form.validate_on_submit() or need is None:
        return problem_page("bad_request", 400)
    ws = writes.workspace()
    if isinstance(ws, SaveFailure):
        return frame.form_again(ws)
    entered = GoalInput(
        description=texts.suggestion(need),
        core_action=CoreAction.STRENGTHEN,
        needs=(need,),
        lifecycle_status=GoalLifecycleStatus.PROPOSED,
        expressed_by=ws.user_reference,  # the professional's proposal, still to be put in the client's words
    )
    return plan_changed(ws, form.plan_version.data) or save_goal(
        ws, entered, "workspace.add_suggested_goal", form, render_needs
    )
